using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>Runs an analyzer over markup code (<c>{|RG1001:db.Customers|}</c>) with the test domain and a policy.</summary>
    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public const string PolicyPath = "/0/retailguard.json";

        public static Task Analyzer(string source) => Analyzer(source, TestDomain.Policy);

        public static Task Analyzer(string source, string? policy, params DiagnosticResult[] expected) => Analyzer(source, policy, CompilerDiagnostics.Errors, expected);

        public static Task Analyzer(string source, string? policy, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected) =>
            Analyzer(source, policy, compilerDiagnostics, TestPackages.Net80WithDataPackages, expected);

        public static async Task Analyzer(string source, string? policy, CompilerDiagnostics compilerDiagnostics, ReferenceAssemblies references, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = references,
                CompilerDiagnostics = compilerDiagnostics,
            };

            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            if (policy != null)
            {
                test.TestState.AdditionalFiles.Add((PolicyPath, policy));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        /// <summary>
        /// Applies the fix at <paramref name="codeActionIndex"/> one diagnostic at a time (<paramref name="iterations"/> times) and
        /// through fix-all, which must reach <paramref name="fixedSource"/> in one pass.
        /// </summary>
        public static async Task CodeFix<TCodeFix>(string source, string fixedSource, string? policy = null, int? iterations = null, ReferenceAssemblies? references = null, int codeActionIndex = 0, bool allScopes = false)
            where TCodeFix : CodeFixProvider, new()
        {
            var test = new AllAnalyzersCodeFixTest<TAnalyzer, TCodeFix>
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = references ?? TestPackages.Net80WithDataPackages,
                CodeActionIndex = codeActionIndex,
                MarkupOptions = MarkupOptions.UseFirstDescriptor,

                // Fix-all works document by document in every scope: the document scope checks it; FixAllTests checks the others.
                CodeFixTestBehaviors = allScopes ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
            };

            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            test.TestState.AdditionalFiles.Add((PolicyPath, policy ?? TestDomain.Policy));
            test.FixedState.Sources.Add(("Domain.cs", TestDomain.Source));
            test.FixedState.AdditionalFiles.Add((PolicyPath, policy ?? TestDomain.Policy));
            if (iterations != null)
            {
                test.NumberOfIncrementalIterations = iterations;
                test.NumberOfFixAllIterations = 1;
            }

            await test.RunAsync();
        }
    }

    /// <summary>
    /// A code-fix test that runs every RetailGuard analyzer, not only the one the fix is for: the fixed code must compile
    /// with no error and leave no RetailGuard diagnostic at all, and fix-all must get there in one pass.
    /// </summary>
    public sealed class AllAnalyzersCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        protected override System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[]
        {
            new RetailGuard.Rules.QueryReadAnalyzer(),
            new RetailGuard.Rules.SqlReadAnalyzer(),
            new RetailGuard.Rules.ExportAnalyzer(),
        };
    }
}
