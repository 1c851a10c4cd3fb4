using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.SqlObjectProject;

namespace RetailGuard.Tests.Rules
{
    /// <summary>What RetailGuard cannot see in SQL objects stays visible: missing definitions, dynamic SQL, cycles, depth, names it cannot resolve.</summary>
    public class RG1007_SqlObjectTests
    {
        private const string Own = "CREATE PROCEDURE dbo.usp_own AS SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'";

        [Fact]
        public Task MissingDefinition_FiresAtTheCall() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, SalesContext db)
    {
        conn.Query(""{|#0:dbo.usp_missing|}"", commandType: CommandType.StoredProcedure);
        conn.Query(""EXEC dbo.{|#1:usp_missing|} @id = 1"");
        db.Database.ExecuteSqlRaw(""{|#2:usp_missing|}"");
        conn.Query(""SELECT * FROM dbo.{|#3:fn_missing|}(1)"");
        conn.Query(""{|#4:other.usp_own|}"", commandType: CommandType.StoredProcedure);
        conn.Query(""dbo.usp_own"", commandType: CommandType.StoredProcedure);
    }
}", new[] { ("/0/usp_own.sql", Own) }, TestDomain.Policy,
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Query",
                "'dbo.usp_missing' has no definition in the project's .sql files (add the .sql file that creates it, or list it under 'sanctionedProcedures' with a reason)"),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(1),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(2),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(3),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(4));

        [Fact]
        public Task NoSqlFilesAtAll_EveryProcedureCallIsUnverifiable() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) => conn.Query(""{|RG1007:dbo.usp_any|}"", commandType: CommandType.StoredProcedure);
}");

        [Fact]
        public Task SanctionedProcedures_AndSystemProcedures_AreTrusted_RestrictedOnesAreNot() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""dbo.usp_vendor_report"", commandType: CommandType.StoredProcedure);
        conn.Query(""EXEC usp_vendor_report"");
        conn.Execute(""EXEC sp_getapplock @Resource = 'x', @LockMode = 'Exclusive'"");
        conn.Query(""{|#0:dbo.nw_eforms_export|}"", commandType: CommandType.StoredProcedure);
    }
}", System.Array.Empty<(string, string)>(),
            PolicyWith(@"""sanctionedProcedures"": [ { ""name"": ""dbo.usp_vendor_report"", ""reason"": ""vendor-supplied, filters by session retailer"" } ]")
                .Replace(@"{ ""table"": ""nw_eforms""", @"{ ""table"": ""nw_eforms_export"", ""reason"": ""transmission division only"" }, { ""table"": ""nw_eforms"""),
            new DiagnosticResult("RG1006", DiagnosticSeverity.Warning).WithLocation(0));

        [Fact]
        public Task DynamicSqlInsideAProcedure_FiresAtTheCall_WithTheExecAsAdditionalLocation() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) => conn.Query(""{|#0:dbo.usp_search|}"", new { where = ""1 = 1"" }, commandType: CommandType.StoredProcedure);
}", new[]
        {
            ("/0/usp_search.sql", "CREATE PROCEDURE dbo.usp_search @where NVARCHAR(200) AS\nBEGIN\n  DECLARE @sql NVARCHAR(MAX) = N'SELECT * FROM customers WHERE ' + @where;\n  {|#1:EXEC sp_executesql @sql|};\nEND"),
        }, TestDomain.Policy, At("RG1007", DiagnosticSeverity.Warning).WithArguments("Query",
            "it runs dynamic SQL (EXEC of a string or sp_executesql), which RetailGuard cannot check, in 'dbo.usp_search' (usp_search.sql line 4)"));

        [Fact]
        public Task CallCycles_AreUnverifiable_OnlyWhenTheirArgumentsMatter() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""dbo.usp_tree"", new { depth = 3 }, commandType: CommandType.StoredProcedure);
        conn.Query(""{|#0:dbo.usp_ping|}"", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
    }
}", new[]
        {
            ("/0/usp_tree.sql", "CREATE PROCEDURE dbo.usp_tree @depth INT AS\nBEGIN\n  SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';\n  IF @depth > 0 EXEC dbo.usp_tree @depth = 0;\nEND"),
            ("/0/usp_ping.sql", "CREATE PROCEDURE dbo.{|#3:usp_ping|} @retailer CHAR(5) AS\nBEGIN\n  SELECT * FROM customers WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT';\n  EXEC dbo.{|#1:usp_pong|} @retailer = 'R0002';\nEND"),
            ("/0/usp_pong.sql", "CREATE PROCEDURE dbo.usp_pong @retailer CHAR(5) AS EXEC dbo.{|#2:usp_ping|} @retailer"),
        }, TestDomain.Policy, At("RG1007", DiagnosticSeverity.Warning, 3).WithArguments("Query",
            "it calls itself again through 'dbo.usp_ping', which RetailGuard cannot follow, in 'dbo.usp_ping' → 'dbo.usp_pong' → 'dbo.usp_ping' (usp_ping.sql line 1)"));

        [Fact]
        public Task CallsDeeperThanTheLimit_FailClosed()
        {
            var files = Enumerable.Range(0, 20).Select(i => ($"/0/p{i}.sql", i < 19
                ? $"CREATE PROCEDURE dbo.{(i == 0 ? "{|#1:p0|}" : "p" + i)} @r CHAR(5) AS EXEC dbo.p{i + 1} @r"
                : "CREATE PROCEDURE dbo.p19 @r CHAR(5) AS SELECT * FROM customers WHERE retailer_code = @r AND contract_kind <> 'LAST_RESORT'")).ToArray();
            return Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""dbo.p10"", new { r = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
        conn.Query(""{|#0:dbo.p0|}"", new { r = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
    }
}", files, TestDomain.Policy, At("RG1007", DiagnosticSeverity.Warning)
                .WithArguments("Query", "it calls procedures, views or functions more than 16 deep, in 'dbo.p0' (p0.sql line 1)"));
        }

        [Fact]
        public Task NamesBuiltFromProvableMembers_Resolve() => Verify(Usings + @"
class Repository
{
    private const string Const = ""dbo"";
    private static readonly string Static = ""dbo"";
    private readonly string _field = ""dbo"";
    private string Schema => Const;
    private string GetOnly { get; } = ""dbo"";
    private string Computed { get { return ""dbo""; } }
    private string Private { get; set; } = ""dbo"";

    void Use() => Private = ""dbo"";

    void Run(IDbConnection conn)
    {
        conn.Query({|#0:$""[{Const}].[usp_extract_contracts]""|}, commandType: CommandType.StoredProcedure);
        conn.Query($""[{Static}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{_field}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{Schema}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{GetOnly}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{Computed}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query(Private + "".usp_own"", commandType: CommandType.StoredProcedure);
    }
}", new[] { ("/0/usp_own.sql", Own), ("/0/usp_extract_contracts.sql", RG1001_SqlObjectTests.Extract) }, TestDomain.Policy,
            At("RG1001", DiagnosticSeverity.Warning));

        [Fact]
        public Task NamesBuiltFromMembersThatCanChange_AreUnverifiable() => Verify(Usings + @"
class Repository
{
    public Repository(string schema)
    {
        Schema = schema;
        _schema = schema;
    }

    protected string Schema { get; private set; } = ""dbo"";
    private readonly string _schema = ""dbo"";
    public string Settable { get; set; } = ""dbo"";
    protected virtual string Virtual => ""dbo"";
    private static readonly string Rewritten = ""dbo"";

    static Repository() => Rewritten = System.Environment.GetEnvironmentVariable(""SCHEMA"") ?? ""dbo"";

    void Run(IDbConnection conn)
    {
        conn.Query($""[{|#0:{Schema}|}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{|#1:{_schema}|}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{|#2:{Settable}|}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{|#3:{Virtual}|}].[usp_own]"", commandType: CommandType.StoredProcedure);
        conn.Query($""[{|#4:{Rewritten}|}].[usp_own]"", commandType: CommandType.StoredProcedure);
    }
}", new[] { ("/0/usp_own.sql", Own) }, TestDomain.Policy,
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Query",
                "the name of the stored procedure cannot be known: it comes from 'Schema', which is also set to a value RetailGuard cannot know (it comes from the parameter 'schema')"),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(1),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(2),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(3),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(4));

        [Fact]
        public Task CommandTypeSetAtRunTime_OrNotAName() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, CommandType type)
    {
        conn.Query({|#0:""dbo.usp_own""|}, commandType: type);
        conn.Query(""{|#1:SELECT * FROM customers|}"", commandType: CommandType.StoredProcedure);
    }
}", new[] { ("/0/usp_own.sql", Own) }, TestDomain.Policy,
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(1));

        [Fact]
        public Task DefinitionThatDoesNotParse_IsReportedInItsFile_AndCallsToItAreUnverifiable() => Verify(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) => conn.Query(""{|#0:dbo.usp_broken|}"", commandType: CommandType.StoredProcedure);
}", new[] { ("/0/usp_broken.sql", "CREATE PROCEDURE dbo.usp_broken AS SELECT * FROM customers WHERE {|#1:)|}") }, TestDomain.Policy,
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Query",
                "'dbo.usp_broken' has no definition in the project's .sql files that parse (1 of the files that define objects do not parse in full)"),
            new DiagnosticResult("RG1007", DiagnosticSeverity.Warning).WithLocation(1));
    }
}
