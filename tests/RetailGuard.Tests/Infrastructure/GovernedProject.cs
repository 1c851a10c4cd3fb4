using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Governance;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>
    /// A project as the compiler builds it: every RetailGuard analyzer and the suppressor over the test domain, with the
    /// policy, the baseline and .sql files as AdditionalFiles under <see cref="Folder"/>. Unlike the markup verifier it keeps
    /// suppressed diagnostics, so tests see what approvals and the baseline did. It is also the test helper that writes
    /// a baseline (<see cref="WriteBaselineAsync"/>), as <c>retailguard baseline</c> does.
    /// </summary>
    public sealed class GovernedProject
    {
        public const string Folder = "/proj";
        public const string PolicyPath = Folder + "/retailguard.json";
        public const string BaselinePath = Folder + "/" + BaselineFile.FileName;

        private readonly List<(string Path, string Text)> _sources = new List<(string, string)>();
        private readonly List<(string Path, string Text)> _files = new List<(string, string)>();

        public GovernedProject(string? policy = null)
        {
            _sources.Add((Folder + "/Domain.cs", TestDomain.Source));
            if (policy != null)
            {
                _files.Add((PolicyPath, policy));
            }
        }

        /// <summary>A source file; <paramref name="path"/> is relative to <see cref="Folder"/>.</summary>
        public GovernedProject WithSource(string path, string text)
        {
            _sources.Add((Folder + "/" + path, text));
            return this;
        }

        /// <summary>An AdditionalFiles item; <paramref name="path"/> is relative to <see cref="Folder"/>.</summary>
        public GovernedProject WithFile(string path, string text)
        {
            _files.RemoveAll(f => f.Path == Folder + "/" + path);
            _files.Add((Folder + "/" + path, text));
            return this;
        }

        public GovernedProject WithBaseline(string text) => WithFile(BaselineFile.FileName, text);

        /// <summary>Every diagnostic of every RetailGuard analyzer, suppressed ones included (<see cref="Diagnostic.IsSuppressed"/>).</summary>
        public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync()
        {
            var compilation = await CompileAsync();
            var analyzers = typeof(RetailGuard.Rules.QueryReadAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var options = new AnalyzerOptions(_files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray());
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
            // As the compiler does: suppressors see every diagnostic of the compilation in one batch.
            var all = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
            var diagnostics = all.Where(d => d.Id.StartsWith("RG", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
            var crashes = diagnostics.Where(d => d.Id == "AD0001").ToList();
            if (crashes.Count > 0)
            {
                throw new InvalidOperationException("an analyzer crashed: " + string.Join("\n", crashes));
            }

            return diagnostics;
        }

        /// <summary>The baseline that accepts every finding the project has now, written as the command-line tool writes it.</summary>
        public async Task<string> WriteBaselineAsync()
        {
            var diagnostics = await AnalyzeAsync();
            var entries = new List<BaselineEntry>();
            foreach (var d in diagnostics)
            {
                if (d.IsSuppressed)
                {
                    continue;
                }

                SourceText? sql = null;
                if (d.Location.Kind == LocationKind.ExternalFile)
                {
                    var file = _files.FirstOrDefault(f => f.Path == d.Location.GetLineSpan().Path);
                    sql = file.Text == null ? null : SourceText.From(file.Text);
                }

                var entry = BaselineEntry.For(d, Folder, sql);
                if (entry != null)
                {
                    entries.Add(entry);
                }
            }

            return BaselineFile.Write(entries);
        }

        public async Task<CSharpCompilation> CompileAsync()
        {
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var trees = _sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text), new CSharpParseOptions(LanguageVersion.Latest), s.Path));
            // The findings as errors, as the package's configuration makes them (here through the project options).
            var severities = RetailGuard.Diagnostics.Descriptors.ShippedSeverities
                .Where(s => s.Value == DiagnosticSeverity.Error)
                .ToDictionary(s => s.Key, _ => ReportDiagnostic.Error);
            var compilation = CSharpCompilation.Create(
                "Sales",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable).WithSpecificDiagnosticOptions(severities));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("the test project does not compile: " + string.Join("\n", errors));
            }

            return compilation;
        }

        /// <summary>"RG1001 Settlement.Run" or "RG1001 Settlement.Run (suppressed)": the rule and the method it sits in.</summary>
        public static string Describe(Diagnostic d)
        {
            string where = "-";
            if (d.Location.Kind == LocationKind.ExternalFile)
            {
                // .sql files by line; the policy and the baseline by name (their layout is the test's, not the finding's).
                var span = d.Location.GetLineSpan();
                where = System.IO.Path.GetFileName(span.Path) + (span.Path.EndsWith(".sql", StringComparison.Ordinal) ? ":" + (span.StartLinePosition.Line + 1) : string.Empty);
            }
            else if (d.Location.IsInSource)
            {
                where = Method(d.Location);
            }

            return d.Id + " " + where + (d.IsSuppressed ? " (suppressed)" : string.Empty);
        }

        /// <summary>The findings and governance diagnostics (RG1xxx, RG2xxx, RG9004–RG9013), described and sorted.</summary>
        public static List<string> Outcome(IEnumerable<Diagnostic> diagnostics) => diagnostics
            .Where(d => d.Id.StartsWith("RG1", StringComparison.Ordinal) || d.Id.StartsWith("RG2", StringComparison.Ordinal) ||
                        (d.Id.StartsWith("RG90", StringComparison.Ordinal) && string.CompareOrdinal(d.Id, "RG9004") >= 0) || d.Id.StartsWith("RG901", StringComparison.Ordinal))
            .Select(Describe)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        private static string Method(Location location)
        {
            var node = location.SourceTree!.GetRoot().FindNode(location.SourceSpan);
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            var type = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            return (type?.Identifier.ValueText ?? "?") + "." + (method?.Identifier.ValueText ?? "?");
        }
    }
}
