using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1004_FilteredAfterLoadTests
    {
        [Fact]
        public Task WhereAfterToList_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1004:db.Customers|}.ToList().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task WhereAfterAsEnumerable_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) =>
        {|RG1004:db.Customers|}.Where(c => c.Arrears > 0).AsEnumerable().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task ExclusionAfterLoad_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) =>
        {|RG1004:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own).ToList().Where(c => c.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task FilterBeforeLoad_ThenInMemoryWork_IsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) =>
        db.Customers.Where(c => " + Full + @").ToList().Where(c => c.Name.Length > 3).ToList();
}");

        [Fact]
        public Task LateFilterThatWouldNotSatisfy_ReportsTheMissingFilter() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.ToList().Where(c => c.Arrears > 0).ToList();
}");
    }
}
