using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Governance;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.VerifyGovernance<RetailGuard.Governance.GovernanceAnalyzer>;

namespace RetailGuard.Tests.Governance
{
    /// <summary>The baseline: accepted legacy findings stay quiet, new ones fail, fixed ones leave the file.</summary>
    public class RG9006_BaselineEntryFixedTests
    {
        internal const string Legacy = @"
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
using Sales.Domain;

namespace Sales.Legacy
{
    public class Reports
    {
        public List<Customer> All(SalesContext db) => db.Customers.ToList();

        public int Count(SalesContext db)
        {
            var n = db.Customers.Count();
            return n;
        }

        public List<Customer> Own(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
    }
}
";

        private static readonly string[] Accepted =
        {
            "RG1001 Reports.All (suppressed)", "RG1001 Reports.Count (suppressed)", "RG1002 Reports.Own (suppressed)",
            "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)",
        };

        internal static Task<string> BaselineOf(string source) => new GovernedProject(TestDomain.Policy).WithSource("Legacy/Reports.cs", source).WriteBaselineAsync();

        private static async Task<List<string>> Run(string baseline, string source, params (string Path, string Text)[] files)
        {
            var project = new GovernedProject(TestDomain.Policy).WithSource("Legacy/Reports.cs", source).WithBaseline(baseline);
            foreach (var f in files)
            {
                project.WithFile(f.Path, f.Text);
            }

            return GovernedProject.Outcome(await project.AnalyzeAsync());
        }

        [Fact]
        public async Task LegacyFindings_AreAccepted() => Assert.Equal(Accepted, await Run(await BaselineOf(Legacy), Legacy));

        [Fact]
        public async Task TheBaselineNamesEachFinding()
        {
            var file = BaselineFile.Parse("/proj/retailguard.baseline.json", SourceText.From(await BaselineOf(Legacy)));
            Assert.Empty(file.Errors);
            Assert.Collection(
                file.Entries,
                e => Assert.Equal(("RG1001", "Legacy/Reports.cs", "Sales.Legacy.Reports.All(SalesContext)", "customers"), (e.Rule, e.File, e.Member, e.Table)),
                e => Assert.Equal(("RG1001", "Legacy/Reports.cs", "Sales.Legacy.Reports.Count(SalesContext)", "customers"), (e.Rule, e.File, e.Member, e.Table)),
                e => Assert.Equal(("RG1002", "Legacy/Reports.cs", "Sales.Legacy.Reports.Own(SalesContext)", "customers"), (e.Rule, e.File, e.Member, e.Table)));
        }

        [Fact]
        public async Task NewUnfilteredRead_Fails()
        {
            string changed = Legacy.Replace("        public int Count(", "        public List<Customer> Export(SalesContext db) => db.Customers.ToList();\n\n        public int Count(");
            var outcome = await Run(await BaselineOf(Legacy), changed);
            Assert.Equal(new List<string>(Accepted) { "RG1001 Reports.Export" }.ToSortedArray(), outcome);
        }

        [Fact]
        public async Task FixedFinding_ItsEntryIsReported()
        {
            string changed = Legacy.Replace("var n = db.Customers.Count();", "var n = db.Customers.OwnContractsOnly().Count();");
            Assert.Equal(
                new[] { "RG1001 Reports.All (suppressed)", "RG1002 Reports.Own (suppressed)", "RG9006 retailguard.baseline.json", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" },
                await Run(await BaselineOf(Legacy), changed));
        }

        [Fact]
        public async Task EntriesSurviveLinesInsertedAbove_AndReformattedStatements()
        {
            string changed = Legacy
                .Replace("namespace Sales.Legacy\n{", "// Reports kept for the annual audit.\n// Owner: billing.\n\nnamespace Sales.Legacy\n{\n    public static class Padding\n    {\n        public static int Zero() => 0;\n    }\n")
                .Replace("var n = db.Customers.Count();", "var n = db.Customers   // every customer, for the legacy count\n                .Count( );")
                .Replace("\n", "\r\n");
            Assert.Equal(Accepted, await Run(await BaselineOf(Legacy), changed));
        }

        [Fact]
        public async Task ChangedCodeAtTheSite_IsANewFinding_AndItsOldEntryIsFixed()
        {
            string changed = Legacy.Replace("var n = db.Customers.Count();", "var n = db.Customers.Count(c => c.Arrears > 0);");
            Assert.Equal(
                new[] { "RG1001 Reports.All (suppressed)", "RG1001 Reports.Count", "RG1002 Reports.Own (suppressed)", "RG9006 retailguard.baseline.json", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" },
                await Run(await BaselineOf(Legacy), changed));
        }

        [Fact]
        public async Task RenamedMember_IsANewFinding()
        {
            string changed = Legacy.Replace("public List<Customer> All(", "public List<Customer> Everything(");
            Assert.Equal(
                new[] { "RG1001 Reports.Count (suppressed)", "RG1001 Reports.Everything", "RG1002 Reports.Own (suppressed)", "RG9006 retailguard.baseline.json", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" },
                await Run(await BaselineOf(Legacy), changed));
        }

        [Fact]
        public async Task TwoFindingsInOneStatement_AreTwoEntries_AndACopyOfTheStatementIsNew()
        {
            const string twice = @"
using System.Linq;
using Sales.Data;

namespace Sales.Legacy
{
    public class Reports
    {
        public int Both(SalesContext db) => db.Customers.Count() + db.Customers.Count(c => c.Arrears > 0);
    }
}
";
            string baseline = await BaselineOf(twice);
            Assert.Equal(2, BaselineFile.Parse("b", SourceText.From(baseline)).Entries.Length);
            Assert.Equal(2, new HashSet<string>(BaselineFile.Parse("b", SourceText.From(baseline)).Entries.ConvertAll(e => e.Hash)).Count);

            string copied = twice.Replace("    }\n}", "\n        public int Again(SalesContext db) => db.Customers.Count() + db.Customers.Count(c => c.Arrears > 0);\n    }\n}");
            Assert.Equal(
                new[] { "RG1001 Reports.Again", "RG1001 Reports.Again", "RG1001 Reports.Both (suppressed)", "RG1001 Reports.Both (suppressed)", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" },
                await Run(baseline, copied));
        }

        [Fact]
        public async Task FindingsInSqlFiles_AreAccepted_AndSurviveInsertedLines()
        {
            const string sql = "INSERT INTO dwh_extract (name)\nSELECT name FROM customers;\n";
            var project = new GovernedProject(TestDomain.Policy).WithSource("C.cs", "class C { }").WithFile("Sql/extract.sql", sql);
            string baseline = await project.WriteBaselineAsync();
            Assert.Contains("\"file\": \"Sql/extract.sql\"", baseline);

            var outcome = GovernedProject.Outcome(await project.WithBaseline(baseline)
                .WithFile("Sql/extract.sql", "-- Nightly extraction.\n-- Kept until the warehouse moves.\n\nSELECT 1;\n\n" + sql.Replace("SELECT name", "SELECT   name")).AnalyzeAsync());
            Assert.Equal(new[] { "RG2002 extract.sql:7 (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" }, outcome);
        }

        [Fact]
        public async Task ApprovalsComeBeforeTheBaseline()
        {
            string policy = TestPolicies.WithApprovals(TestPolicies.Approval("APR-1", "\"RG1001\"", "\"member\": \"Sales.Legacy.Reports.All\""));
            var outcome = GovernedProject.Outcome(await new GovernedProject(policy).WithSource("Legacy/Reports.cs", Legacy).WithBaseline(await BaselineOf(Legacy)).AnalyzeAsync());
            Assert.Equal(
                new[] { "RG1001 Reports.All (suppressed)", "RG1001 Reports.Count (suppressed)", "RG1002 Reports.Own (suppressed)", "RG9005 retailguard.json (suppressed)", "RG9006 retailguard.baseline.json", "RG9006 retailguard.baseline.json (suppressed)", "RG9006 retailguard.baseline.json (suppressed)" },
                outcome);
        }

        [Fact]
        public Task EveryEntry_IsReportedByTheAnalyzerAtItsLine_TheSuppressorRemovesTheMatchedOnes()
        {
            string baseline = "{\n  \"version\": 1,\n  \"findings\": [\n    { \"rule\": \"RG1001\", \"file\": \"Data/Old.cs\", \"member\": \"Sales.Old.All()\", \"table\": \"customers\", \"hash\": \"0123456789abcdef\" }\n  ]\n}\n";
            return V.Analyzer("class C { }", TestDomain.Policy,
                test => test.TestState.AdditionalFiles.Add(("/0/retailguard.baseline.json", baseline)),
                new DiagnosticResult("RG9006", DiagnosticSeverity.Warning).WithSpan("/0/retailguard.baseline.json", 4, 5, 4, 127)
                    .WithArguments("RG1001", "customers", "Data/Old.cs", "Sales.Old.All()"));
        }
    }

    public class RG9012_BaselineInvalidTests
    {
        private static DiagnosticResult Invalid(int line, int column, int endColumn) =>
            new DiagnosticResult("RG9012", DiagnosticSeverity.Error).WithSpan("/0/retailguard.baseline.json", line, column, line, endColumn);

        private static Task Run(string baseline, params DiagnosticResult[] expected) => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.TestState.AdditionalFiles.Add(("/0/retailguard.baseline.json", baseline)), expected);

        [Fact]
        public Task NotJson_IsAnError() => Run("{ \"version\": 1, \"findings\": [ oops ] }", Invalid(1, 31, 32));

        [Fact]
        public Task OtherVersion_IsAnError() => Run("{ \"version\": 2, \"findings\": [] }", Invalid(1, 14, 15));

        [Fact]
        public Task EntryErrors_AreReportedAtTheEntry() => Run(
            "{ \"version\": 1, \"findings\": [\n" +
            "  { \"rule\": \"RG9001\", \"file\": \"A.cs\", \"member\": \"M\", \"table\": \"customers\", \"hash\": \"0123456789abcdef\" },\n" +
            "  { \"rule\": \"RG1001\", \"file\": \"A.cs\", \"member\": \"M\", \"table\": \"customers\", \"hash\": \"XYZ\" },\n" +
            "  { \"rule\": \"RG1001\", \"file\": \"A.cs\", \"table\": \"customers\", \"hash\": \"0123456789abcdef\" },\n" +
            "  { \"rule\": \"RG1001\", \"line\": 12, \"file\": \"A.cs\", \"member\": \"M\", \"table\": \"customers\", \"hash\": \"0123456789abcdef\" }\n] }",
            Invalid(2, 3, 4), Invalid(3, 3, 4), Invalid(4, 3, 4), Invalid(5, 23, 29));

        [Fact]
        public Task ValidBaseline_IsQuiet() => Run("{\n  \"version\": 1,\n  \"findings\": []\n}\n");

        [Fact]
        public async Task InvalidBaseline_AcceptsNothing()
        {
            string baseline = (await RG9006_BaselineEntryFixedTests.BaselineOf(RG9006_BaselineEntryFixedTests.Legacy)).Replace("\"version\": 1", "\"version\": 7");
            var outcome = GovernedProject.Outcome(await new GovernedProject(TestDomain.Policy).WithSource("Legacy/Reports.cs", RG9006_BaselineEntryFixedTests.Legacy).WithBaseline(baseline).AnalyzeAsync());
            Assert.Equal(new[] { "RG1001 Reports.All", "RG1001 Reports.Count", "RG1002 Reports.Own", "RG9012 retailguard.baseline.json" }, outcome);
        }
    }

    internal static class SortExtensions
    {
        public static string[] ToSortedArray(this List<string> list)
        {
            list.Sort(System.StringComparer.Ordinal);
            return list.ToArray();
        }

        public static List<string> ConvertAll(this System.Collections.Immutable.ImmutableArray<BaselineEntry> entries, System.Func<BaselineEntry, string> f)
        {
            var result = new List<string>();
            foreach (var e in entries)
            {
                result.Add(f(e));
            }

            return result;
        }
    }
}
