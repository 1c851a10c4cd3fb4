using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Governance;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Governance
{
    /// <summary>The baseline API the command-line tool shares with the build: format, fingerprint, paths.</summary>
    public class BaselineFormatTests
    {
        [Fact]
        public void Write_IsSortedAndStable()
        {
            var entries = new[]
            {
                new BaselineEntry("RG2001", "Jobs/Export.cs", "Sales.Jobs.Export.Run()", "customers", "00000000000000ff"),
                new BaselineEntry("RG1001", "Data/Reports.cs", "Sales.Data.Reports.All(SalesContext)", "customers", "9f2c4e1a7b3d5c60"),
                new BaselineEntry("RG1007", "Data/Reports.cs", "Sales.Data.Reports.Raw(string)", string.Empty, "0123456789abcdef"),
            };
            string text = BaselineFile.Write(entries);
            Assert.Equal(
                "{\n  \"version\": 1,\n  \"findings\": [\n" +
                "    { \"rule\": \"RG1001\", \"file\": \"Data/Reports.cs\", \"member\": \"Sales.Data.Reports.All(SalesContext)\", \"table\": \"customers\", \"hash\": \"9f2c4e1a7b3d5c60\" },\n" +
                "    { \"rule\": \"RG1007\", \"file\": \"Data/Reports.cs\", \"member\": \"Sales.Data.Reports.Raw(string)\", \"table\": \"\", \"hash\": \"0123456789abcdef\" },\n" +
                "    { \"rule\": \"RG2001\", \"file\": \"Jobs/Export.cs\", \"member\": \"Sales.Jobs.Export.Run()\", \"table\": \"customers\", \"hash\": \"00000000000000ff\" }\n" +
                "  ]\n}\n",
                text);
            Assert.Equal(text, BaselineFile.Write(entries.Reverse()));
            Assert.Equal("{\n  \"version\": 1,\n  \"findings\": []\n}\n", BaselineFile.Write(new BaselineEntry[0]));
        }

        [Fact]
        public void ReadAfterWrite_GivesTheSameEntries_IncludingDuplicatesAndEscapes()
        {
            var entries = new[]
            {
                new BaselineEntry("RG1001", "Data/Quoted \"name\".cs", "N.T.M(Dictionary<string,int>)", "customers", "0123456789abcdef"),
                new BaselineEntry("RG1001", "Data/Quoted \"name\".cs", "N.T.M(Dictionary<string,int>)", "customers", "0123456789abcdef"),
                new BaselineEntry("RG2002", "Sql/日本語.sql", string.Empty, "customers", "fedcba9876543210"),
            };
            var file = BaselineFile.Parse("/p/retailguard.baseline.json", SourceText.From(BaselineFile.Write(entries)));
            Assert.Empty(file.Errors);
            Assert.Equal(entries.OrderBy(e => e).ToArray(), file.Entries.ToArray());
            Assert.Equal("/p", file.Folder);
        }

        [Theory]
        [InlineData("/proj", "/proj/Data/Reports.cs", "Data/Reports.cs")]
        [InlineData("/proj/", "/proj/Data/../Data/Reports.cs", "Data/Reports.cs")]
        [InlineData("/proj/App", "/proj/Shared/Keys.cs", "../Shared/Keys.cs")]
        [InlineData("C:\\src\\App", "C:\\src\\App\\Data\\Reports.cs", "Data/Reports.cs")]
        [InlineData("C:\\src\\App", "c:\\SRC\\app\\Data\\Reports.cs", "Data/Reports.cs")]
        public void Paths_AreRelativeWithSlashes(string folder, string path, string expected) => Assert.Equal(expected, PathText.Relative(folder, path));

        [Fact]
        public void PathOnAnotherDrive_HasNoRelativePath() => Assert.Null(PathText.Relative("C:\\src\\App", "D:\\shared\\Keys.cs"));

        [Theory]
        [InlineData("class C { void M() { var x = 1; } }", "var x", "C.M()")]
        [InlineData("namespace A.B { class C<T> { class D { int M(ref int a, params string[] b) => a; } } }", "=> a", "A.B.C<T>.D.M(ref int,params string[])")]
        [InlineData("namespace A; class C { public C(int a) { var x = a; } }", "var x", "A.C..ctor(int)")]
        [InlineData("class C { static C() { var x = 1; } }", "var x", "C..cctor()")]
        [InlineData("class C { int P { get { var x = 1; return x; } } }", "var x", "C.P")]
        [InlineData("class C { int this[int i, System.Collections.Generic.List<string> l] => i; }", "=> i", "C.this[int,System.Collections.Generic.List<string>]")]
        [InlineData("class C { int a = 1, b = 2; }", "2", "C.b")]
        [InlineData("class C { void M() { int L() { return 1; } System.Func<int> f = () => 2; } }", "return 1", "C.M()")]
        [InlineData("var x = 1;", "var x", "<top-level>")]
        [InlineData("class C { T M<T, U>(U u) where T : new() => new T(); }", "new T", "C.M<T,U>(U)")]
        public void Member_IsNamedFromTheSyntax(string source, string site, string expected)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            var node = tree.GetRoot().FindNode(new TextSpan(source.IndexOf(site, System.StringComparison.Ordinal), site.Length));
            Assert.Equal(expected, BaselineFingerprint.MemberName(node));
        }

        [Fact]
        public void Fingerprint_IgnoresWhitespaceCommentsAndOtherStatements()
        {
            string a = "class C { int M(D db) { var n = db.Customers.Count(); return n; } }";
            string b = "class C\n{\n    // counting\n    int M(D db)\n    {\n        Log();\n        var n = db.Customers /* all */\n            .Count();\n        return n + 0;\n    }\n}";
            Assert.Equal(Fingerprint(a, "db.Customers"), Fingerprint(b, "db.Customers"));
            Assert.NotEqual(Fingerprint(a, "db.Customers"), Fingerprint(a.Replace(".Count()", ".Count(c => c.Arrears > 0)"), "db.Customers"));
        }

        [Fact]
        public void Fingerprint_OfTwoSitesInOneStatement_Differs()
        {
            string a = "class C { int M(D db) => db.Customers.Count() + db.Customers.Count(); }";
            int second = a.LastIndexOf("db.Customers", System.StringComparison.Ordinal);
            var tree = CSharpSyntaxTree.ParseText(a);
            var first = BaselineFingerprint.CSharpSite(tree.GetRoot(), new TextSpan(a.IndexOf("db.Customers", System.StringComparison.Ordinal), 12)).Normalized;
            var other = BaselineFingerprint.CSharpSite(tree.GetRoot(), new TextSpan(second, 12)).Normalized;
            Assert.NotEqual(BaselineFingerprint.Hash(first), BaselineFingerprint.Hash(other));
        }

        [Fact]
        public void Fingerprint_OfSql_IgnoresCommentsWhitespaceCaseAndOtherStatements()
        {
            string a = "SELECT name FROM customers;";
            string b = "-- nightly\nSELECT 1;\nselect   NAME\n  from /* all */ customers ;\nGO\nSELECT 2";
            Assert.Equal(
                BaselineFingerprint.Hash(BaselineFingerprint.SqlSite(a, new TextSpan(a.IndexOf("customers", System.StringComparison.Ordinal), 9))),
                BaselineFingerprint.Hash(BaselineFingerprint.SqlSite(b, new TextSpan(b.IndexOf("customers", System.StringComparison.Ordinal), 9))));
            Assert.NotEqual(
                BaselineFingerprint.Hash(BaselineFingerprint.SqlSite(a, new TextSpan(17, 9))),
                BaselineFingerprint.Hash(BaselineFingerprint.SqlSite("SELECT name FROM customers WHERE name = 'A';", new TextSpan(17, 9))));
        }

        [Fact]
        public void Hash_IsSixteenHexDigits_AndFixed() => Assert.Equal("cbf29ce484222325", BaselineFingerprint.Hash(string.Empty));

        [Fact]
        public void EntryOfANonFinding_OrOfAFileOutsideTheText_IsNull()
        {
            var tree = CSharpSyntaxTree.ParseText("class C { }", path: "/proj/C.cs");
            Assert.Null(BaselineEntry.For(Diagnostic.Create(Descriptors.RG9001, Location.None), "/proj"));
            Assert.Null(BaselineEntry.For(Diagnostic.Create(Descriptors.RG1001, Location.None, "customers", "x"), "/proj"));
            Assert.NotNull(BaselineEntry.For(Diagnostic.Create(Descriptors.RG1001, Location.Create(tree, new TextSpan(0, 5)), "customers", "x"), "/proj"));
        }

        [Fact]
        public async Task EveryFinding_CarriesItsTable()
        {
            var diagnostics = await new GovernedProject(TestDomain.Policy).WithSource("Jobs.cs", ApprovalScopeTests.Jobs + @"
namespace Sales.Jobs.More
{
    using System.Data;
    using Dapper;
    public class Raw
    {
        public System.Collections.Generic.IEnumerable<Customer> Run(IDbConnection c, string sql) => c.Query<Customer>(sql);
        public int Forms(SalesContext db) => db.NwEForms.Count();
        public void Send(SalesContext db, CsvWriter csv) => csv.WriteRecords(db.Generators.ToList());
    }
}").AnalyzeAsync();
            var findings = diagnostics.Where(d => d.Id.StartsWith("RG1", System.StringComparison.Ordinal) || d.Id.StartsWith("RG2", System.StringComparison.Ordinal)).ToList();
            Assert.Equal(
                new[] { "RG1001", "RG1006", "RG1007", "RG2001", "RG2003" },
                findings.Select(d => d.Id).Distinct().OrderBy(i => i, System.StringComparer.Ordinal));
            Assert.All(findings, d => Assert.True(d.Properties.ContainsKey(DiagnosticProperties.Table), d.Id + " has no table"));
            Assert.Equal(string.Empty, findings.First(d => d.Id == "RG1007").Properties[DiagnosticProperties.Table]);
            Assert.Equal("nw_eforms", findings.First(d => d.Id == "RG1006").Properties[DiagnosticProperties.Table]);
            Assert.Equal("generators", findings.First(d => d.Id == "RG2003").Properties[DiagnosticProperties.Table]);
            var export = findings.First(d => d.Id == "RG2001" && d.Properties[DiagnosticProperties.Table] == "generators");
            Assert.Contains("db.Generators", export.AdditionalLocations[0].SourceTree!.GetText().ToString(export.AdditionalLocations[0].SourceSpan));
        }

        private static string Fingerprint(string source, string site)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            return BaselineFingerprint.Hash(BaselineFingerprint.CSharpSite(tree.GetRoot(), new TextSpan(source.IndexOf(site, System.StringComparison.Ordinal), site.Length)).Normalized);
        }
    }
}
