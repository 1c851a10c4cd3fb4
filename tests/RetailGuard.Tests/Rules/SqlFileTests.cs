using System.Threading.Tasks;
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
