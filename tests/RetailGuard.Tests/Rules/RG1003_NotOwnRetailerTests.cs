using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1003_NotOwnRetailerTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        [Fact]
        public Task ComparedWithParameter_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> ByRetailer(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
}");

        [Fact]
        public Task ComparedWithRivalCode_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Rival(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Rival" + Excl + @").ToList();
    List<Customer> RivalLiteral(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == ""R0002""" + Excl + @").ToList();
}");

        [Fact]
        public Task NotEqualOwn_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Others(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode != RetailerCodes.Own" + Excl + @").ToList();
    List<Customer> Negated(SalesContext db) => {|RG1003:db.Customers|}.Where(c => !(c.RetailerCode == RetailerCodes.Own)" + Excl + @").ToList();
}");

        [Fact]
        public Task WeakenedByOr_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, string name) =>
        {|RG1003:db.Customers|}.Where(c => (c.RetailerCode == RetailerCodes.Own || c.Name == name)" + Excl + @").ToList();
}");

        [Fact]
        public Task OwnComparison_IsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, string name) =>
        db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own && c.Name == name)" + Excl + @").ToList();
}");

        [Fact]
        public Task LocalReassigned_IsNotTrusted() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, string input)
    {
        var code = RetailerCodes.Own;
        code = input;
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");
    }
}
