using System.Threading.Tasks;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Rules.RG1001_SqlUnfilteredReadTests;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    public class SqlConditionCodeFixTests
    {
        private static string NoViews => TestDomain.Policy.Replace(@"""sanctionedViews"": [""own_customers""]", @"""sanctionedViews"": []");

        [Fact]
        public Task RG1001_ReadsTheSanctionedView() => V.CodeFix<SqlConditionCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} ORDER BY name"");
}", Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM own_customers ORDER BY name"");
}");

        [Fact]
        public Task RG1001_AddsWhereAndBindsTheParameter() => V.CodeFix<SqlConditionCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} ORDER BY name"");
}", Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code = @ownRetailer AND contract_kind <> 'LAST_RESORT' ORDER BY name"", new { ownRetailer = RetailerCodes.Own });
}", NoViews);

        [Fact]
        public Task RG1001_ExtendsAnExistingWhereAndParamObject() => V.CodeFix<SqlConditionCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<Customer> Find(IDbConnection conn, string sp) =>
        conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} c WHERE c.supply_point_id = @sp OR c.name = @sp"", new { sp });
}", Usings + @"
class Ledger
{
    IEnumerable<Customer> Find(IDbConnection conn, string sp) =>
        conn.Query<Customer>(""SELECT * FROM customers c WHERE (c.supply_point_id = @sp OR c.name = @sp) AND c.retailer_code = @ownRetailer AND c.contract_kind <> 'LAST_RESORT'"", new { sp, ownRetailer = RetailerCodes.Own });
}", NoViews);

        [Fact]
        public Task RG1002_AddsTheExclusionOnly() => V.CodeFix<SqlConditionCodeFix>(Usings + @"
class Ledger
{
    void Run(SqliteConnection conn)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = ""SELECT name FROM {|RG1002:customers|} WHERE retailer_code = 'R0001'"";
    }
}", Usings + @"
class Ledger
{
    void Run(SqliteConnection conn)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = ""SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"";
    }
}", NoViews);
    }
}
