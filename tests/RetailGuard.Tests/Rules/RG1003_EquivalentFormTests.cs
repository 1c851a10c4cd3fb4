using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>One condition in its equivalent forms, normalised by the evaluator; and comparisons that only look like it.</summary>
    public class RG1003_EquivalentFormTests
    {
        [Fact]
        public Task EquivalentForms_AreTheFilter() => V.Analyzer(Usings + @"
using System;

class Ledger
{
    List<Customer> A(SalesContext db) => db.Customers.Where(c => !(c.RetailerCode != RetailerCodes.Own) && !(c.ContractKind == ContractKinds.LastResort)).ToList();
    List<Customer> B(SalesContext db) => db.Customers.Where(c => (c.RetailerCode != RetailerCodes.Own) == false && (c.ContractKind == ContractKinds.LastResort) != true).ToList();
    List<Customer> C(SalesContext db) => db.Customers.Where(c => c.RetailerCode.Equals(RetailerCodes.Own) && !c.ContractKind.Equals(ContractKinds.LastResort)).ToList();
    List<Customer> D(SalesContext db) => db.Customers.Where(c => string.Equals(c.RetailerCode, RetailerCodes.Own) && !Equals(c.ContractKind, ContractKinds.LastResort)).ToList();
    List<Customer> E(SalesContext db) => db.Customers.Where(c => RetailerCodes.Own == c.RetailerCode && ContractKinds.LastResort != c.ContractKind).ToList();
    List<Customer> F(SalesContext db) => db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own ? true : false) && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> G(SalesContext db) => db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own || c.RetailerCode == ""R0001"") && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> H(SalesContext db) => db.Customers.Where(c => c.ContractKind == ContractKinds.LastResort ? false : c.RetailerCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task InMemoryForms_SwitchAndPatterns_AreTheFilterAppliedLate() => V.Analyzer(Usings + @"
using System;

class Ledger
{
    List<Customer> Switch(SalesContext db) => {|RG1004:db.Customers|}.ToList()
        .Where(c => c.RetailerCode switch { RetailerCodes.Own => c.ContractKind != ContractKinds.LastResort, _ => false }).ToList();

    List<Customer> Pattern(SalesContext db) => {|RG1004:db.Customers|}.AsEnumerable()
        .Where(c => c.RetailerCode is RetailerCodes.Own && c.ContractKind is not ContractKinds.LastResort).ToList();

    List<Customer> Ordinal(SalesContext db) => {|RG1004:db.Customers|}.ToList()
        .Where(c => string.Equals(c.RetailerCode, RetailerCodes.Own, StringComparison.Ordinal) && !StringComparer.Ordinal.Equals(c.ContractKind, ContractKinds.LastResort)).ToList();

    List<Customer> SwitchEverything(SalesContext db) => {|RG1001:db.Customers|}.ToList()
        .Where(c => c.RetailerCode switch { RetailerCodes.Own => true, _ => c.ContractKind != ContractKinds.LastResort }).ToList();

    List<Customer> Culture(SalesContext db) => {|RG1001:db.Customers|}.ToList()
        .Where(c => string.Equals(c.RetailerCode, RetailerCodes.Own, StringComparison.CurrentCultureIgnoreCase) && c.ContractKind != ContractKinds.LastResort).ToList();

    List<Customer> OrPattern(SalesContext db) => {|RG1001:db.Customers|}.ToList()
        .Where(c => c.RetailerCode is RetailerCodes.Own or RetailerCodes.Rival && c.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task LookAlikes_StillFire() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Self(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == c.RetailerCode && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> Like(SalesContext db) => {|RG1001:db.Customers|}.Where(c => EF.Functions.Like(c.RetailerCode, ""R000%"") && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> Or(SalesContext db) => {|RG1003:db.Customers|}.Where(c => (c.RetailerCode == RetailerCodes.Own || c.Arrears > 0) && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> Contains(SalesContext db) => {|RG1001:db.Customers|}.Where(c => c.RetailerCode.Contains(RetailerCodes.Own) && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> EqualsTrue(SalesContext db) => {|RG1003:db.Customers|}.Where(c => (c.RetailerCode == RetailerCodes.Own) == false && c.ContractKind != ContractKinds.LastResort).ToList();
}");
    }
}
