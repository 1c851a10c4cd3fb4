using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// Fix-all in one pass: each finding gets its own default fix whatever fix the pass started from, and findings whose
    /// fixes touch each other are fixed in further rounds of the same pass.
    /// </summary>
    public class FixAllTests
    {
        private static readonly string Usings = SqlShapesCodeFixTests.Usings;

        [Fact]
        public Task LinqAndSqlInOneDocument_EachGetsItsDefault() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> Linq(SalesContext db) => {|RG1001:db.Customers|}.ToList();
    IEnumerable<Customer> Sql(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|}"");
    IEnumerable<Customer> Bracketed(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.{|RG1001:[customers]|}"");
    List<Customer> LastResort(SalesContext db) => {|RG1002:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
}", Usings + @"
class Ledger
{
    List<Customer> Linq(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
    IEnumerable<Customer> Sql(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM own_customers"");
    IEnumerable<Customer> Bracketed(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.own_customers"");
    List<Customer> LastResort(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
}", allScopes: true);

        [Fact]
        public Task EditsThatTouch_AreAppliedInRounds() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<string> Pairs(IDbConnection conn) =>
        conn.Query<string>(""SELECT c.name FROM {|RG1001:customers|} c JOIN {|RG1001:customers|} d ON d.id = c.id"");
}", Usings + @"
class Ledger
{
    IEnumerable<string> Pairs(IDbConnection conn) =>
        conn.Query<string>(""SELECT c.name FROM customers c JOIN customers d ON d.id = c.id WHERE c.retailer_code = @ownRetailer AND c.contract_kind <> 'LAST_RESORT' AND d.retailer_code = @ownRetailer2 AND d.contract_kind <> 'LAST_RESORT'"", new { ownRetailer = RetailerCodes.Own, ownRetailer2 = RetailerCodes.Own });
}", SqlShapesCodeFixTests.Policy(), iterations: 2, allScopes: true);

        [Fact]
        public void EveryId_HasOneFixer_WithFixAllForTheSolution()
        {
            var fixers = typeof(AddRetailerFilterCodeFix).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .ToList();
            var ids = fixers.SelectMany(f => f.FixableDiagnosticIds).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            Assert.All(fixers, f => Assert.Contains(FixAllScope.Solution, f.GetFixAllProvider()!.GetSupportedFixAllScopes()));
        }
    }
}
