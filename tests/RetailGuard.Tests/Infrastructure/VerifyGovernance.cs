using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>
    /// The markup verifier with what governance rules read besides code: the package's globalconfig (on unless a test
    /// leaves it out), .editorconfig files, more AdditionalFiles and project options.
    /// </summary>
    public static class VerifyGovernance<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>build/RetailGuard.Analyzers.globalconfig as the package ships it.</summary>
        public static string PackageConfig => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "package", "RetailGuard.Analyzers.globalconfig"));

        public static Task Analyzer(string source, string? policy, params DiagnosticResult[] expected) => Analyzer(source, policy, null, expected);

        public static async Task Analyzer(string source, string? policy, Action<CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>>? configure, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,

                // RG9007 and RG9008 are not configurable: a pragma cannot hide them, which the framework's pragma check expects.
                TestBehaviors = TestBehaviors.SkipSuppressionCheck,
            };
            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            test.TestState.AnalyzerConfigFiles.Add(("/RetailGuard.Analyzers.globalconfig", PackageConfig));
            if (policy != null)
            {
                test.TestState.AdditionalFiles.Add((Verify<TAnalyzer>.PolicyPath, policy));
            }

            configure?.Invoke(test);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync();
        }

        /// <summary>Removes the package's configuration: a build that does not import it.</summary>
        public static void WithoutPackageConfig(CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> test) =>
            test.TestState.AnalyzerConfigFiles.RemoveAll(f => f.filename == "/RetailGuard.Analyzers.globalconfig");

        /// <summary>Line and columns (1-based) of the first occurrence of <paramref name="text"/> in <paramref name="file"/>.</summary>
        public static DiagnosticResult At(DiagnosticResult result, string path, string file, string text)
        {
            int index = file.IndexOf(text, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException("'" + text + "' is not in the file");
            }

            int line = 1, column = 1;
            for (int i = 0; i < index; i++)
            {
                if (file[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            int endLine = line, endColumn = column;
            for (int i = index; i < index + text.Length; i++)
            {
                if (file[i] == '\n')
                {
                    endLine++;
                    endColumn = 1;
                }
                else
                {
                    endColumn++;
                }
            }

            return result.WithSpan(path, line, column, endLine, endColumn);
        }
    }
}
