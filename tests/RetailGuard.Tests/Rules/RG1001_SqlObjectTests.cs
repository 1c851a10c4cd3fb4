using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.SqlObjectProject;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Stored procedures, views and functions judged by their definitions in the project's .sql files, at every use.</summary>
    public class RG1001_SqlObjectTests
    {
        public const string Extract = @"CREATE PROCEDURE dbo.usp_extract_contracts
AS
BEGIN
    SET NOCOUNT ON;
    SELECT name, address FROM {|#1:customers|} ORDER BY id;
END";

        public const string ByRetailer = @"CREATE PROCEDURE dbo.usp_contracts_by_retailer
    @retailer CHAR(5)
AS
BEGIN
    SELECT name, address FROM {|#1:customers|}
    WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT';
END";

        private static string Plain(string markup) => markup.Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("|}", string.Empty);

        [Fact]
        public Task Procedure_WithoutFilter_FiresAtTheCall_WithTheDefinitionAsAdditionalLocation() => Verify(Usings + @"
class Dwh
{
    Task<IEnumerable<Customer>> Run(IDbConnection conn) =>
        conn.QueryAsync<Customer>(""{|#0:dbo.usp_extract_contracts|}"", commandType: CommandType.StoredProcedure);
}", new[] { ("/0/dwh/usp_extract_contracts.sql", Extract) }, TestDomain.Policy,
            At("RG1001", DiagnosticSeverity.Warning).WithMessage(
                "'customers' is read without the retailer-contract filter; add a read of the view 'own_customers' or the condition " +
                "'retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'' in 'dbo.usp_extract_contracts' " +
                "(usp_extract_contracts.sql line 5) before rows are loaded"));

        [Fact]
        public Task Procedure_ParameterBoundToOwnConstant_IsQuiet() => Verify(Usings + @"
class Ledger
{
    IEnumerable<Customer> Own(IDbConnection conn) =>
        conn.Query<Customer>(""dbo.usp_contracts_by_retailer"", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);

    IEnumerable<Customer> Dynamic(IDbConnection conn)
    {
        var p = new DynamicParameters();
        p.Add(""@retailer"", RetailerCodes.Own);
        return conn.Query<Customer>(new CommandDefinition(""[dbo].[usp_contracts_by_retailer]"", p, commandType: CommandType.StoredProcedure));
    }
}", ("/0/usp_contracts_by_retailer.sql", Plain(ByRetailer)));

        [Fact]
        public Task Procedure_ParameterBoundToInput_IsNotOwn() => Verify(Usings + @"
class Ledger
{
    IEnumerable<Customer> ByCode(IDbConnection conn, string code) =>
        conn.Query<Customer>(""{|#0:dbo.usp_contracts_by_retailer|}"", new { retailer = code }, commandType: CommandType.StoredProcedure);
}", new[] { ("/0/usp_contracts_by_retailer.sql", ByRetailer) }, TestDomain.Policy,
            At("RG1003", DiagnosticSeverity.Warning).WithMessage(
                "The retailer filter on 'customers' does not restrict it to the own retailer because it compares with parameter 'code' of 'ByCode', " +
                "which nothing in this compilation calls, in 'dbo.usp_contracts_by_retailer' (usp_contracts_by_retailer.sql line 5); " +
                "compare 'retailer_code' with an own-retailer value in a top-level AND condition"));

        [Fact]
        public Task Procedure_ParameterNotBound_IsNotOwn() => Verify(Usings + @"
class Ledger
{
    IEnumerable<Customer> Unbound(IDbConnection conn) =>
        conn.Query<Customer>(""{|#0:usp_contracts_by_retailer|}"", commandType: CommandType.StoredProcedure);
}", new[] { ("/0/usp_contracts_by_retailer.sql", ByRetailer) }, TestDomain.Policy,
            At("RG1003", DiagnosticSeverity.Warning).WithArguments("customers",
                "it compares with the parameter '@retailer', whose value is not known to be the own retailer, in 'dbo.usp_contracts_by_retailer' (usp_contracts_by_retailer.sql line 5)",
                "'retailer_code'"));

        [Fact]
        public Task Procedure_TrustedParameterAndOwnDefault_AreOwn() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, string code)
    {
        conn.Query<Customer>(""dbo.usp_trusted"", commandType: CommandType.StoredProcedure);
        conn.Query<Customer>(""dbo.usp_default"", commandType: CommandType.StoredProcedure);
        conn.Query<Customer>(""{|#0:dbo.usp_default|}"", new { retailer = code }, commandType: CommandType.StoredProcedure);
    }
}", new[]
        {
            ("/0/usp_trusted.sql", "CREATE PROCEDURE dbo.usp_trusted @own_code CHAR(5) AS SELECT * FROM customers WHERE retailer_code = @own_code AND contract_kind <> 'LAST_RESORT'"),
            ("/0/usp_default.sql", "CREATE PROCEDURE dbo.usp_default @retailer CHAR(5) = 'R0001' AS SELECT * FROM {|#1:customers|} WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT'"),
        }, PolicyWith(@"""trustedParameters"": [""@own_code""]"), At("RG1003", DiagnosticSeverity.Warning));

        [Fact]
        public Task AdoNet_StoredProcedureCommand() => Verify(Usings + @"
class Ledger
{
    void Own(SqliteConnection conn)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandType = CommandType.StoredProcedure;
        cmd.CommandText = ""dbo.usp_contracts_by_retailer"";
        cmd.Parameters.AddWithValue(""@retailer"", RetailerCodes.Own);
        cmd.ExecuteReader();
    }

    void All(SqliteConnection conn)
    {
        var cmd = new SqliteCommand(""{|#0:dbo.usp_extract_contracts|}"", conn) { CommandType = CommandType.StoredProcedure };
        cmd.ExecuteReader();
    }

    void Initializer(SqliteConnection conn)
    {
        var cmd = new SqliteCommand { Connection = conn, CommandType = CommandType.StoredProcedure, CommandText = ""{|#2:dbo.usp_extract_contracts|}"" };
        cmd.ExecuteReader();
    }
}", new[] { ("/0/usp_contracts_by_retailer.sql", Plain(ByRetailer)), ("/0/usp_extract_contracts.sql", Extract) }, TestDomain.Policy,
            At("RG1001", DiagnosticSeverity.Warning), new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(1));

        [Fact]
        public Task EfCore_ExecInRawSql() => Verify(Usings + @"
class Ledger
{
    List<Customer> Own(SalesContext db) => db.Customers.FromSqlRaw(""EXEC dbo.usp_contracts_by_retailer @retailer = {0}"", RetailerCodes.Own).ToList();
    int Positional(SalesContext db) => db.Database.ExecuteSqlRaw(""EXECUTE dbo.usp_contracts_by_retailer {0}"", RetailerCodes.Own);
    List<Customer> Input(SalesContext db, string code) => db.Customers.FromSql($""EXEC dbo.{|#0:usp_contracts_by_retailer|} {code}"").ToList();
}", new[] { ("/0/usp_contracts_by_retailer.sql", ByRetailer) }, TestDomain.Policy, At("RG1003", DiagnosticSeverity.Warning));

        [Fact]
        public Task NestedExec_ComposesThroughEveryLevel() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, string code)
    {
        conn.Execute(""dbo.usp_outer"", new { r = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
        conn.Execute(""EXEC dbo.usp_outer @r = 'R0001'"");
        conn.Execute(""{|#0:dbo.usp_outer|}"", new { r = code }, commandType: CommandType.StoredProcedure);
    }
}", new[]
        {
            ("/0/outer.sql", "CREATE PROCEDURE dbo.usp_outer @r CHAR(5) AS\nBEGIN\n  DECLARE @copy CHAR(5) = @r;\n  EXEC dbo.{|#1:usp_middle|} @retailer = @copy;\nEND"),
            ("/0/middle.sql", "CREATE OR ALTER PROCEDURE dbo.usp_middle @retailer CHAR(5) AS EXEC dbo.{|#2:usp_contracts_by_retailer|} @retailer"),
            ("/0/inner.sql", ByRetailer.Replace("{|#1:", "{|#3:")),
        }, TestDomain.Policy, At("RG1003", DiagnosticSeverity.Warning, 3).WithArguments("customers",
            "it compares with parameter 'code' of 'Run', which nothing in this compilation calls, in 'dbo.usp_outer' → 'dbo.usp_middle' → 'dbo.usp_contracts_by_retailer' (inner.sql line 5)",
            "'retailer_code'"));

        [Fact]
        public Task View_ThatMeetsThePolicy_IsSanctionedByProof() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM dbo.v_own_contracts"");
        conn.Query(""SELECT * FROM v_own_contracts WHERE name LIKE 'A%'"");
        conn.Query(""SELECT c.name FROM invoices i JOIN dbo.v_own_contracts c ON c.id = i.customer_id"");
    }
}", ("/0/views.sql", "CREATE VIEW dbo.v_own_contracts AS\nSELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"));

        [Fact]
        public Task View_WithoutTheFilter_MakesEveryReadThroughItAFinding() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM {|#0:v_all_contracts|}"");
        conn.Query(""SELECT * FROM v_all_contracts WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT'"", new { own = RetailerCodes.Own });
        conn.Query(""SELECT * FROM dbo.v_all_contracts v WHERE v.retailer_code = 'R0001' AND v.contract_kind NOT IN ('LAST_RESORT')"");
        conn.Query(""SELECT * FROM {|#2:v_all_contracts|} WHERE retailer_code = 'R0001'"");
    }
}", new[] { ("/0/views.sql", "CREATE VIEW dbo.v_all_contracts AS\nSELECT * FROM {|#1:customers|}") }, TestDomain.Policy,
            At("RG1001", DiagnosticSeverity.Warning), new DiagnosticResult("RG1002", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(1));

        [Fact]
        public Task View_ColumnsReachTheTableOnlyWhenTheyAreItsColumns() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM v_renamed WHERE rc = 'R0001' AND kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|#0:v_computed|} WHERE rc = 'R0001' AND kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM v_union WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    }
}", new[]
        {
            ("/0/v_renamed.sql", "CREATE VIEW v_renamed AS SELECT c.id, c.retailer_code AS rc, c.contract_kind AS kind FROM customers c"),
            ("/0/v_computed.sql", "CREATE VIEW v_computed AS SELECT id, LEFT(retailer_code, 5) AS rc, contract_kind AS kind FROM {|#1:customers|}"),
            ("/0/v_union.sql", "CREATE VIEW v_union AS SELECT id, retailer_code, contract_kind FROM customers WHERE name LIKE 'A%' UNION ALL SELECT id, retailer_code, contract_kind FROM customers"),
        }, TestDomain.Policy, At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task Views_OfViews_AndProceduresReadingViews() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, string code)
    {
        conn.Query(""dbo.usp_by_retailer"", new { r = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
        conn.Query(""{|#0:dbo.usp_by_retailer|}"", new { r = code }, commandType: CommandType.StoredProcedure);
        conn.Query(""SELECT * FROM v_outer WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    }
}", new[]
        {
            ("/0/CustomerView.sql", "CREATE VIEW [dbo].[CustomerView] AS SELECT * FROM [dbo].{|#2:[customers]|}"),
            ("/0/v_outer.sql", "CREATE VIEW v_outer AS SELECT * FROM dbo.CustomerView"),
            ("/0/usp_by_retailer.sql", "CREATE PROCEDURE [dbo].[usp_by_retailer] @r CHAR(5) AS\nBEGIN\n  SELECT * FROM [dbo].{|#1:[CustomerView]|} WHERE [retailer_code] = @r AND [contract_kind] <> 'LAST_RESORT'\nEND"),
        }, TestDomain.Policy, At("RG1003", DiagnosticSeverity.Warning, 2));

        [Fact]
        public Task TableValuedFunctions() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, string code)
    {
        conn.Query(""SELECT * FROM dbo.fn_contracts('R0001')"");
        conn.Query(""SELECT * FROM dbo.fn_contracts(@own) f WHERE f.name LIKE 'A%'"", new { own = RetailerCodes.Own });
        conn.Query(""SELECT * FROM dbo.{|#0:fn_contracts|}(@code)"", new { code });
        conn.Query(""SELECT * FROM dbo.{|#2:fn_all|}()"");
        conn.Query(""SELECT * FROM dbo.fn_all() WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM dbo.{|#4:fn_filled|}()"");
    }
}", new[]
        {
            ("/0/fn_contracts.sql", "CREATE FUNCTION dbo.fn_contracts (@retailer CHAR(5)) RETURNS TABLE AS RETURN SELECT * FROM {|#1:customers|} WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT'"),
            ("/0/fn_all.sql", "CREATE FUNCTION dbo.fn_all () RETURNS TABLE AS RETURN (SELECT * FROM {|#3:customers|})"),
            ("/0/fn_filled.sql", "CREATE FUNCTION dbo.fn_filled () RETURNS @t TABLE (name NVARCHAR(50)) AS\nBEGIN\n  INSERT INTO @t SELECT name FROM {|#5:customers|};\n  RETURN;\nEND"),
        }, TestDomain.Policy,
            At("RG1003", DiagnosticSeverity.Warning),
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(3),
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(4).WithLocation(5));

        [Fact]
        public Task ScalarFunction_ThatReadsATable() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) => conn.Query(""SELECT i.id, dbo.{|#0:fn_customer_name|}(i.customer_id) FROM invoices i"");
}", new[] { ("/0/fn_customer_name.sql", "CREATE FUNCTION dbo.fn_customer_name (@id INT) RETURNS NVARCHAR(50) AS\nBEGIN\n  RETURN (SELECT name FROM {|#1:customers|} WHERE id = @id);\nEND") },
            TestDomain.Policy, At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task WritesInProcedures_AreJudgedAsWrites() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Execute(""{|#0:dbo.usp_rename|}"", new { id = 1, name = ""x"" }, commandType: CommandType.StoredProcedure);
        conn.Execute(""dbo.usp_rename_own"", new { id = 1, name = ""x"" }, commandType: CommandType.StoredProcedure);
        conn.Execute(""dbo.usp_insert"", new { name = ""x"" }, commandType: CommandType.StoredProcedure);
        conn.Execute(""{|#2:dbo.usp_dwh|}"", commandType: CommandType.StoredProcedure);
    }
}", new[]
        {
            ("/0/usp_rename.sql", "CREATE PROCEDURE dbo.usp_rename @id INT, @name NVARCHAR(50) AS UPDATE {|#1:customers|} SET name = @name WHERE id = @id"),
            ("/0/usp_rename_own.sql", "CREATE PROCEDURE dbo.usp_rename_own @id INT, @name NVARCHAR(50) AS UPDATE customers SET name = @name WHERE id = @id AND retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"),
            ("/0/usp_insert.sql", "CREATE PROCEDURE dbo.usp_insert @name NVARCHAR(50) AS INSERT INTO customers (name, retailer_code) VALUES (@name, 'R0001')"),
            ("/0/usp_dwh.sql", "CREATE PROCEDURE dbo.usp_dwh AS INSERT INTO dwh_extract (name) SELECT name FROM {|#3:customers|}"),
        }, TestDomain.Policy,
            At("RG1001", DiagnosticSeverity.Warning),
            new DiagnosticResult("RG2002", DiagnosticSeverity.Warning).WithLocation(2).WithLocation(3)
                .WithArguments("customers", "read without the retailer-contract filter, in 'dbo.usp_dwh' (usp_dwh.sql line 1)", "INSERT INTO dwh_extract"));

        [Fact]
        public Task TempTablesAndTableVariables_AreLocalToTheProcedure() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""dbo.usp_staged"", commandType: CommandType.StoredProcedure);
        conn.Query(""{|#0:dbo.usp_staged_all|}"", commandType: CommandType.StoredProcedure);
    }
}", new[]
        {
            ("/0/usp_staged.sql", "CREATE PROCEDURE dbo.usp_staged AS\nBEGIN\n  SELECT * INTO #own FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';\n  DECLARE @ids TABLE (id INT);\n  INSERT INTO @ids SELECT id FROM #own;\n  SELECT * FROM #own o JOIN @ids i ON i.id = o.id;\nEND"),
            ("/0/usp_staged_all.sql", "CREATE PROCEDURE dbo.usp_staged_all AS\nBEGIN\n  DECLARE @rows TABLE (name NVARCHAR(50));\n  INSERT INTO @rows SELECT name FROM {|#1:customers|};\n  SELECT * FROM @rows;\nEND"),
        }, TestDomain.Policy, At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task RestrictedTableInsideAProcedure() => Verify(Usings + @"
class Forms
{
    void Run(IDbConnection conn) => conn.Query(""{|#0:dbo.usp_forms|}"", commandType: CommandType.StoredProcedure);
}", new[] { ("/0/usp_forms.sql", "CREATE PROCEDURE dbo.usp_forms AS SELECT title FROM {|#1:nw_eforms|}") }, TestDomain.Policy,
            At("RG1006", DiagnosticSeverity.Warning).WithArguments("nw_eforms", "transmission division only, in 'dbo.usp_forms' (usp_forms.sql line 1)"));

        [Fact]
        public Task LocalVariables_AssignedOnceFromAKnownValue() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""DECLARE @own CHAR(5) = 'R0001'; SELECT * FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""DECLARE @own CHAR(5) = 'R0001'; SET @own = 'R0002'; SELECT * FROM {|#0:customers|} WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""{|#1:dbo.usp_reassigned|}"", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
    }
}", new[] { ("/0/usp_reassigned.sql", "CREATE PROCEDURE dbo.usp_reassigned @retailer CHAR(5) AS\nBEGIN\n  SELECT @retailer = retailer_code FROM invoices WHERE id = 1;\n  SELECT * FROM {|#2:customers|} WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT';\nEND") },
            TestDomain.Policy,
            new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(1).WithLocation(2));

        [Fact]
        public Task EveryDefinitionIsJudged_ACreateAndALaterAlter() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) => conn.Query(""{|#0:dbo.usp_x|}"", commandType: CommandType.StoredProcedure);
}", new[]
        {
            ("/0/v1.sql", "CREATE PROCEDURE dbo.usp_x AS SELECT * FROM {|#1:customers|}"),
            ("/0/v2.sql", "ALTER PROCEDURE dbo.usp_x AS SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"),
        }, TestDomain.Policy, At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task DefinitionsAreNotReads_InCSharpTextAndInSqlFiles() => Verify(Usings + @"
class Migrations
{
    void Run(IDbConnection conn)
    {
        conn.Execute(""CREATE VIEW v_everyone AS SELECT * FROM customers"");
        conn.Execute(""CREATE OR ALTER PROCEDURE dbo.usp_everyone AS SELECT * FROM customers"");
    }
}", ("/0/definitions.sql", "CREATE PROCEDURE dbo.usp_never_called AS SELECT * FROM customers\nGO\nCREATE VIEW dbo.v_never_read AS SELECT * FROM customers\nGO\nCREATE FUNCTION dbo.fn_never_used () RETURNS TABLE AS RETURN SELECT * FROM customers"));

        [Fact]
        public Task ExecInASqlScript_IsJudgedInTheFile() => Verify(Usings + "class C { }", new[]
        {
            ("/0/nightly.sql", "-- nightly extraction\nEXEC dbo.{|#0:usp_extract_contracts|};\nEXEC dbo.usp_contracts_by_retailer @retailer = 'R0001';\n"),
            ("/0/usp_extract_contracts.sql", Extract),
            ("/0/usp_contracts_by_retailer.sql", Plain(ByRetailer)),
        }, TestDomain.Policy, At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task ProcedureResults_ReachAnExport_AsUnfilteredRows() => Verify<RetailGuard.Rules.ExportAnalyzer>(Usings + @"
class Feed
{
    void Deliver(IDbConnection conn, System.IO.TextWriter writer)
    {
        var rows = conn.Query<Customer>(""{|#1:dbo.usp_extract_contracts|}"", commandType: CommandType.StoredProcedure);
        foreach (var r in rows)
        {
            {|#0:writer.WriteLine(r.Name)|};
        }
    }
}", new[] { ("/0/usp_extract_contracts.sql", Plain(Extract)) }, new DiagnosticResult("RG2001", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1));
    }
}
