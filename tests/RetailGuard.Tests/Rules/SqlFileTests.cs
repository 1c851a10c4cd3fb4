using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Rules
{
    /// <summary>.sql files passed as AdditionalFiles, such as data-warehouse extraction scripts.</summary>
    public class RG1001_SqlFileTests
    {
        private static async Task Run(string sqlFile, SourceText? raw = null, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<RetailGuard.Rules.SqlReadAnalyzer, DefaultVerifier>
            {
                TestCode = "class C { }",
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
            };
            test.TestState.AdditionalFiles.Add(("/0/retailguard.json", TestDomain.Policy));
            if (raw != null)
            {
                test.TestState.AdditionalFiles.Add(("/0/extract.sql", raw));
            }
            else
            {
                test.TestState.AdditionalFiles.Add(("/0/extract.sql", sqlFile));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        [Fact]
        public Task ExtractionScript_ReportsAtTheTableInTheFile() => Run(@"-- monthly extraction
INSERT INTO dwh_extract (name, address)
SELECT name, address FROM {|RG2002:customers|};

SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';
GO
SELECT * FROM {|RG1006:nw_eforms|};
");

        [Fact]
        public Task CorrectScript_IsQuiet() => Run("SELECT * FROM own_customers;\nSELECT * FROM invoices;");

        private const string Leaky = "SELECT name FROM {|#0:customers|};\nSELECT * FROM {|#1:nw_eforms|};";

        [Fact]
        public Task EditorConfig_SectionsForSqlFiles_SetTheSeverity() => SqlObjectProject.Verify(SqlObjectProject.Usings + "class C { }",
            new[] { ("/0/dwh/extract.sql", Leaky), ("/0/other/extract.sql", "SELECT name FROM {|#2:customers|};") },
            TestDomain.Policy,
            new[] { ("/0/.editorconfig", "root = true\n\n[*.sql]\ndotnet_diagnostic.RG1001.severity = warning\n\n[dwh/**.sql]\ndotnet_diagnostic.RG1006.severity = none\n") },
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(2));

        [Fact]
        public Task EditorConfig_NearerFilesWin_AndCategoriesApply() => SqlObjectProject.Verify(SqlObjectProject.Usings + "class C { }",
            new[] { ("/0/dwh/extract.sql", Leaky) },
            TestDomain.Policy,
            new[]
            {
                ("/0/.editorconfig", "root = true\n[*.sql]\ndotnet_diagnostic.RG1001.severity = none\n"),
                ("/0/dwh/.editorconfig", "[*.sql]\ndotnet_diagnostic.RG1001.severity = suggestion\ndotnet_analyzer_diagnostic.category-RetailGuard.DataAccess.severity = warning\n"),
            },
            new DiagnosticResult("RG1001", DiagnosticSeverity.Info).WithLocation(0),
            new DiagnosticResult("RG1006", DiagnosticSeverity.Warning).WithLocation(1));

        [Fact]
        public Task EditorConfig_OtherSections_LeaveSqlFilesAlone() => SqlObjectProject.Verify(SqlObjectProject.Usings + "class C { }",
            new[] { ("/0/dwh/extract.sql", Leaky) },
            TestDomain.Policy,
            new[] { ("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.RG1001.severity = none\n") },
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(0),
            new DiagnosticResult("RG1006", DiagnosticSeverity.Warning).WithLocation(1));

        [Fact]
        public Task OtherEncoding_IsStillChecked()
        {
            // Shift_JIS bytes read as UTF-8: garbage text around a protected table name.
            var bytes = new byte[] { 0x53, 0x45, 0x4C, 0x45, 0x43, 0x54, 0x20, 0x82, 0xA0, 0x20, 0x46, 0x52, 0x4F, 0x4D, 0x20,
                                     0x63, 0x75, 0x73, 0x74, 0x6F, 0x6D, 0x65, 0x72, 0x73, 0x20, 0x82, 0xA2 };
            var text = SourceText.From(new System.IO.MemoryStream(bytes), System.Text.Encoding.UTF8, throwIfBinaryDetected: false);
            return Run(string.Empty, text, new DiagnosticResult("RG1001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan("/0/extract.sql", 1, 16, 1, 25));
        }
    }
}
