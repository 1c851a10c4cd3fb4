using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>
    /// A project with C# code, .sql files as AdditionalFiles (as the package adds them) and the test policy, run through the
    /// SQL analyzer. Markup works in the .sql files too: <c>{|#1:customers|}</c> marks an expected additional location.
    /// </summary>
    public static class SqlObjectProject
    {
        public const string Usings = RetailGuard.Tests.Rules.RG1001_SqlUnfilteredReadTests.Usings;

        public static Task Verify(string source, params (string Path, string Content)[] sqlFiles) => Verify(source, sqlFiles, TestDomain.Policy);

        public static Task Verify(string source, (string Path, string Content)[] sqlFiles, string policy, params DiagnosticResult[] expected) =>
            Verify(source, sqlFiles, policy, null, expected);

        public static Task Verify(string source, (string Path, string Content)[] sqlFiles, string policy, (string Path, string Content)[]? configs,
            params DiagnosticResult[] expected) => Verify<RetailGuard.Rules.SqlReadAnalyzer>(source, sqlFiles, policy, configs, expected);

        /// <summary>The same project through another analyzer (the export analysis follows procedure results too).</summary>
        public static Task Verify<TAnalyzer>(string source, (string Path, string Content)[] sqlFiles, params DiagnosticResult[] expected)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new() =>
            Verify<TAnalyzer>(source, sqlFiles, TestDomain.Policy, null, expected);

        public static async Task Verify<TAnalyzer>(string source, (string Path, string Content)[] sqlFiles, string policy, (string Path, string Content)[]? configs,
            params DiagnosticResult[] expected)
            where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
            };
            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            test.TestState.AdditionalFiles.Add(("/0/retailguard.json", policy));
            foreach (var file in sqlFiles)
            {
                test.TestState.AdditionalFiles.Add(file);
            }

            foreach (var config in configs ?? System.Array.Empty<(string, string)>())
            {
                // As the package does: the compiler gets the file as configuration, RetailGuard as an AdditionalFile.
                test.TestState.AnalyzerConfigFiles.Add(config);
                test.TestState.AdditionalFiles.Add(config);
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        /// <summary>An expected diagnostic at markup location 0 with the markup locations 1… as its additional locations.</summary>
        public static DiagnosticResult At(string id, DiagnosticSeverity severity, int additional = 1)
        {
            var result = new DiagnosticResult(id, severity).WithLocation(0);
            for (int i = 1; i <= additional; i++)
            {
                result = result.WithLocation(i);
            }

            return result;
        }

        /// <summary>A policy with extra top-level keys (JSON members, without the braces).</summary>
        public static string PolicyWith(string members) => TestDomain.Policy.Substring(0, TestDomain.Policy.LastIndexOf('}')).TrimEnd() + ",\n" + members + "\n}";
    }
}
