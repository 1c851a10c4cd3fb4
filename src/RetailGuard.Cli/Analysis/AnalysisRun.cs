using System.Globalization;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Cli.Loading;
using RetailGuard.Diagnostics;
using RetailGuard.Governance;
using RetailGuard.Policy;
using RetailGuard.Rules;

namespace RetailGuard.Cli.Analysis
{
    /// <summary>Every site and RetailGuard diagnostic of a loaded input, and what could not be analysed.</summary>
    internal sealed class AnalysisResult
    {
        public AnalysisResult(LoadedInput input) => Input = input;

        public LoadedInput Input { get; }

        /// <summary>Findings (with their verdicts) and, for an inventory, compliant sites; in file and position order.</summary>
        public List<Site> Sites { get; } = new List<Site>();

        /// <summary>RetailGuard's configuration and governance diagnostics (RG9001–RG9013).</summary>
        public List<Site> Configuration { get; } = new List<Site>();

        /// <summary>What could not be analysed, or only in part: projects that did not load, compiler errors, analyzer failures.</summary>
        public List<string> NotAnalysed { get; } = new List<string>();

        public List<string> Projects { get; } = new List<string>();

        /// <summary>Per analysed project: its folder and the diagnostics of its findings, for the baseline.</summary>
        public List<ProjectFindings> Findings { get; } = new List<ProjectFindings>();

        /// <summary>Unsuppressed findings, and configuration errors (an expired approval, an invalid baseline): what fails a build.</summary>
        public bool Fails(bool errorsOnly) =>
            Sites.Any(s => s.Verdict == Verdict.Finding && (!errorsOnly || s.Severity == "error")) ||
            Configuration.Any(s => s.Severity == "error");
    }

    /// <summary>The findings of one project as diagnostics, with what the baseline needs to fingerprint them.</summary>
    internal sealed class ProjectFindings
    {
        public ProjectFindings(Project project, string folder, BaselineFile? baseline)
        {
            Project = project;
            Folder = folder;
            Baseline = baseline;
        }

        public Project Project { get; }

        public string Folder { get; }

        /// <summary>The project's retailguard.baseline.json as the build read it, or null.</summary>
        public BaselineFile? Baseline { get; }

        /// <summary>Findings nothing accepts, and findings the baseline accepts (<see cref="Verdict.Baseline"/>).</summary>
        public List<(Diagnostic Diagnostic, Verdict Verdict, SourceText? SqlText)> Diagnostics { get; } = new List<(Diagnostic, Verdict, SourceText?)>();
    }

    /// <summary>
    /// Runs every analyzer and suppressor of RetailGuard.Analyzers (the assembly the analyzer package ships) over each C# project,
    /// with the package's inputs and severities, as a build with the package does; sorts the results into sites and verdicts.
    /// </summary>
    internal static class AnalysisRun
    {
        /// <summary>Every analyzer and suppressor of the RetailGuard.Analyzers assembly.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <param name="inventory">Turns RG0001 on: compliant sites are listed too.</param>
        /// <param name="progress">Called with (project name, index, count) before each project.</param>
        public static async Task<AnalysisResult> RunAsync(LoadedInput input, bool inventory, Action<string, int, int>? progress, CancellationToken cancellationToken)
        {
            var result = new AnalysisResult(input);
            result.NotAnalysed.AddRange(input.Problems);
            var projects = input.CSharpProjects().ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < projects.Count; i++)
            {
                var project = projects[i];
                progress?.Invoke(project.Name, i, projects.Count);
                var withInputs = PackageInputs.Apply(project, cancellationToken);
                if (!HasPolicy(withInputs))
                {
                    result.NotAnalysed.Add($"{project.Name}: no retailguard.json in its folder or a parent folder; RetailGuard checks nothing without one");
                    continue;
                }

                result.Projects.Add(project.Name);
                await AnalyzeProjectAsync(result, withInputs, inventory, seen, cancellationToken).ConfigureAwait(false);
            }

            progress?.Invoke(string.Empty, projects.Count, projects.Count);
            result.Sites.Sort(CompareSites);
            result.Configuration.Sort(CompareSites);
            return result;
        }

        private static bool HasPolicy(Project project) => project.AdditionalDocuments.Any(d =>
            string.Equals(Path.GetFileName(d.FilePath ?? d.Name), PackageInputs.PolicyFileName, StringComparison.OrdinalIgnoreCase) && d.FilePath != null && File.Exists(d.FilePath));

        private static async Task AnalyzeProjectAsync(AnalysisResult result, Project project, bool inventory, HashSet<string> seen, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null)
            {
                result.NotAnalysed.Add($"{project.Name}: no compilation");
                return;
            }

            compilation = Configure(compilation, inventory);
            var options = project.AnalyzerOptions;
            var analyzers = compilation.WithAnalyzers(
                Analyzers, new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));

            // As the compiler does: the suppressor sees every diagnostic of the compilation in one batch.
            var all = await analyzers.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("RG", StringComparison.Ordinal) && d.Id != "AD0001").ToList();
            if (errors.Count > 0)
            {
                result.NotAnalysed.Add($"{project.Name}: analysed in part, {errors.Count} compiler error(s), first: {errors[0]}");
            }

            foreach (var crash in all.Where(d => d.Id == "AD0001"))
            {
                result.NotAnalysed.Add($"{project.Name}: {crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            string folder = Path.GetDirectoryName(project.FilePath) ?? result.Input.Root;
            var baselineText = BaselineFile.Find(options.AdditionalFiles);
            var baseline = baselineText == null ? null : BaselineFile.Get(baselineText, cancellationToken);
            var findings = new ProjectFindings(project, folder, baseline);
            result.Findings.Add(findings);
            var remaining = new Dictionary<BaselineEntry, int>();
            foreach (var entry in baseline?.Entries ?? ImmutableArray<BaselineEntry>.Empty)
            {
                remaining[entry] = remaining.TryGetValue(entry, out int n) ? n + 1 : 1;
            }

            var policy = PolicyLoader.Load(compilation, options, cancellationToken);
            var sqlApprovals = new SqlFileApprovals(options, cancellationToken);
            var known = new RetailGuard.Flow.KnownTypes(compilation);
            var today = DateTime.UtcNow.Date;
            var context = new SiteContext(result.Input.Root, project.Name, compilation, options, known);

            // Findings in file and position order, as the suppressor matches baseline entries.
            foreach (var d in all.Where(d => d.Id.StartsWith("RG", StringComparison.Ordinal)).OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                         .ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Location.SourceSpan.Length).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!seen.Add(d.Id + "|" + d.Location.GetLineSpan() + "|" + d.Location.SourceSpan + "|" + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    continue;
                }

                if (d.Id == RuleIds.CompliantSite)
                {
                    result.Sites.Add(context.Site(d, Verdict.Compliant, d.Properties.TryGetValue(DiagnosticProperties.Compliance, out var how) ? how ?? string.Empty : string.Empty));
                    continue;
                }

                if (!BaselineEntry.IsFinding(d.Id))
                {
                    if (!d.IsSuppressed)
                    {
                        result.Configuration.Add(context.Site(d, Verdict.Finding, string.Empty, configuration: true));
                    }

                    continue;
                }

                var sql = context.SqlText(d.Location);
                var verdict = Verdict.Finding;
                string approvalId = string.Empty;
                string justification = string.Empty;
                if (d.IsSuppressed)
                {
                    var approval = policy?.Approvals.Covering(d, compilation, sqlApprovals, tree => compilation.GetSemanticModel(tree), today, cancellationToken);
                    if (approval != null)
                    {
                        verdict = Verdict.Approved;
                        approvalId = approval.Id;
                        justification = approval.Id + ": " + approval.Spec.Reason + " (approved by " + approval.Spec.ApprovedBy +
                                        (approval.Spec.Expires is { } expires ? ", expires " + expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty) + ")";
                    }
                    else if (baseline != null && BaselineEntry.For(d, baseline.Folder, sql, cancellationToken) is { } entry && remaining.TryGetValue(entry, out int left) && left > 0)
                    {
                        remaining[entry] = left - 1;
                        verdict = Verdict.Baseline;
                    }
                    else
                    {
                        verdict = Verdict.SuppressedInSource;
                    }
                }

                if (verdict is Verdict.Finding or Verdict.Baseline)
                {
                    findings.Diagnostics.Add((d, verdict, sql));
                }

                var site = context.Site(d, verdict, verdict == Verdict.Approved ? approvalId : verdict == Verdict.Baseline ? BaselineFile.FileName : string.Empty);
                site.Justification = justification;
                result.Sites.Add(site);
            }
        }

        /// <summary>
        /// The package's severities where the project sets none (build/RetailGuard.Analyzers.globalconfig, at the lowest level:
        /// every project setting wins), and RG0001 on for an inventory.
        /// </summary>
        private static Compilation Configure(Compilation compilation, bool inventory)
        {
            var options = compilation.Options.WithSyntaxTreeOptionsProvider(new ShippedSeverities(compilation.Options.SyntaxTreeOptionsProvider));
            if (inventory)
            {
                options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(RuleIds.CompliantSite, ReportDiagnostic.Info));
            }

            return compilation.WithOptions(options);
        }

        private static int CompareSites(Site a, Site b)
        {
            int c = string.CompareOrdinal(a.File, b.File);
            if (c == 0)
            {
                c = a.Line.CompareTo(b.Line);
            }

            if (c == 0)
            {
                c = a.Column.CompareTo(b.Column);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Rule, b.Rule);
        }

        /// <summary>The package's globalconfig: consulted only where the project's own configuration says nothing.</summary>
        private sealed class ShippedSeverities : SyntaxTreeOptionsProvider
        {
            private readonly SyntaxTreeOptionsProvider? _inner;

            public ShippedSeverities(SyntaxTreeOptionsProvider? inner) => _inner = inner;

            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
                _inner?.IsGenerated(tree, cancellationToken) ?? GeneratedKind.Unknown;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = ReportDiagnostic.Default;
                return _inner != null && _inner.TryGetDiagnosticValue(tree, diagnosticId, cancellationToken, out severity);
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                if (_inner != null && _inner.TryGetGlobalDiagnosticValue(diagnosticId, cancellationToken, out severity))
                {
                    return true;
                }

                if (BaselineEntry.IsFinding(diagnosticId) && Descriptors.ShippedSeverities.TryGetValue(diagnosticId, out var shipped) && shipped == DiagnosticSeverity.Error)
                {
                    severity = ReportDiagnostic.Error;
                    return true;
                }

                severity = ReportDiagnostic.Default;
                return false;
            }
        }
    }
}
