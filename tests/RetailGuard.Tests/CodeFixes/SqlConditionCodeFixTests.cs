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
        public Task RG1001_ReadsTheSanctionedView() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} ORDER BY name"");
}", Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM own_customers ORDER BY name"");
}");

        [Fact]
        public Task RG1001_AddsWhereAndBindsTheParameter() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} ORDER BY name"");
}", Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code = @ownRetailer AND contract_kind <> 'LAST_RESORT' ORDER BY name"", new { ownRetailer = RetailerCodes.Own });
}", NoViews);

        [Fact]
        public Task RG1001_ExtendsAnExistingWhereAndParamObject() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
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
        public Task RG1002_AddsTheExclusionOnly() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
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

namespace RetailGuard.Tests.CodeFixes
{
    using RetailGuard.Tests.Rules;
    using VE = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.ExportAnalyzer>;

    public class ProjectExportCodeFixTests
    {
        [Fact]
        public Task RG2003_ProjectsToTheColumnsTheMethodUses() => VE.CodeFix<ProjectExportCodeFix>(RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(SalesContext db, CsvWriter csv)
    {
        var own = db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).OrderBy(c => c.Name).ToList();
        csv.WriteRecords({|RG2003:own|});
    }
}", RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(SalesContext db, CsvWriter csv)
    {
        var own = db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).OrderBy(c => c.Name).ToList();
        csv.WriteRecords(own.Select(c => new { c.Name }));
    }
}");

        [Fact]
        public Task RG2003_FallsBackToScalarColumnsButTheInternalOnes() => VE.CodeFix<ProjectExportCodeFix>(RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(List<Customer> own, CsvWriter csv) => csv.WriteRecord({|RG2003:own[0]|});
}", RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(List<Customer> own, CsvWriter csv) => csv.WriteRecord(new { own[0].Id, own[0].Name, own[0].Address, own[0].SupplyPointId, own[0].Arrears });
}");
    }
}

namespace RetailGuard.Tests.CodeFixes
{
    using RetailGuard.Tests.Infrastructure;
    using static RetailGuard.Tests.Rules.RG1001_SqlUnfilteredReadTests;
    using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

    public class SqlConditionAdoCodeFixTests
    {
        private static string NoViews => TestDomain.Policy.Replace(@"""sanctionedViews"": [""own_customers""]", @"""sanctionedViews"": []");

        [Fact]
        public Task RG1001_AdoNet_AddsTheConditionAndAddWithValue() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    void Run(SqliteConnection conn)
    {
        using var cmd = new SqliteCommand(""SELECT name FROM {|RG1001:customers|}"", conn);
        cmd.ExecuteReader();
    }
}", Usings + @"
class Ledger
{
    void Run(SqliteConnection conn)
    {
        using var cmd = new SqliteCommand(""SELECT name FROM customers WHERE retailer_code = @ownRetailer AND contract_kind <> 'LAST_RESORT'"", conn);
        cmd.Parameters.AddWithValue(""@ownRetailer"", RetailerCodes.Own);
        cmd.ExecuteReader();
    }
}", NoViews);
    }
}
