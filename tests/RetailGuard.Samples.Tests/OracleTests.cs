using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Rules;
using Sales.Oracle;
using Xunit;

namespace RetailGuard.Samples.Tests
{
    /// <summary>
    /// The runtime oracle: a job leaks when anything it observed (rows loaded, return value, exported bytes) differs
    /// between two databases that share the own retailer's rows and differ in every other row. RetailGuard must
    /// report a finding inside exactly the jobs that leak.
    /// </summary>
    public class OracleTests
    {
        /// <summary>Findings that say a method reads or exports rows it must not. RG2003 (data minimisation) and RG9xxx are not leaks.</summary>
        private static readonly ImmutableHashSet<string> LeakIds = ImmutableHashSet.Create(
            "RG1001", "RG1002", "RG1003", "RG1004", "RG1005", "RG1006", "RG1007", "RG2001", "RG2002");

        private static readonly Lazy<Task<AnalysisResult>> Analysis = new Lazy<Task<AnalysisResult>>(AnalyzeSampleAsync, LazyThreadSafetyMode.ExecutionAndPublication);

        public static IEnumerable<object[]> AllJobs => JobRunner.Jobs().Select(j => new object[] { JobRunner.Name(j) });

        [Theory]
        [MemberData(nameof(AllJobs))]
        public async Task Verdict_EqualsMeasuredTruth(string jobName)
        {
            var job = JobRunner.Jobs().Single(j => JobRunner.Name(j) == jobName);
            string? difference = JobRunner.Run(job, DataSet.A).DifferenceFrom(JobRunner.Run(job, DataSet.B));
            var analysis = await Analysis.Value;
            analysis.FindingsByMethod.TryGetValue(jobName, out var findings);

            if (difference != null)
            {
                Assert.True(findings != null && findings.Count > 0, $"{jobName} leaks ({difference}) but RetailGuard reports nothing in it.");
            }
            else
            {
                Assert.True(findings == null || findings.Count == 0, $"{jobName} does not leak but RetailGuard reports: {string.Join("; ", findings ?? new List<string>())}");
            }

            bool intended = job.GetCustomAttribute<JobAttribute>()!.Leaky;
            Assert.True(intended == (difference != null), $"{jobName} is meant to be {(intended ? "leaky" : "correct")}, but the oracle measured otherwise.");
        }

        [Fact]
        public void TheSampleCoversEnoughJobs()
        {
            var jobs = JobRunner.Jobs();
            Assert.True(jobs.Count >= 40, $"only {jobs.Count} jobs");
            int leaky = jobs.Count(j => j.GetCustomAttribute<JobAttribute>()!.Leaky);
            Assert.InRange(leaky, jobs.Count * 35 / 100, jobs.Count * 65 / 100);
            Assert.Equal(Enumerable.Range(1, 7), jobs.Select(j => j.GetCustomAttribute<JobAttribute>()!.Incident).Distinct().OrderBy(i => i));
        }

        [Fact]
        public async Task EveryFindingSitsInAJob_AndNothingCrashes()
        {
            var analysis = await Analysis.Value;
            Assert.Empty(analysis.Crashes);
            var jobs = new HashSet<string>(JobRunner.Jobs().Select(JobRunner.Name));
            Assert.All(analysis.FindingsByMethod.Keys, method => Assert.Contains(method, jobs));
        }

        private sealed class AnalysisResult
        {
            public Dictionary<string, List<string>> FindingsByMethod { get; } = new Dictionary<string, List<string>>();

            public List<string> Crashes { get; } = new List<string>();
        }

        /// <summary>Runs the RetailGuard analyzers over the sample's own sources, with its policy and .sql files.</summary>
        private static async Task<AnalysisResult> AnalyzeSampleAsync()
        {
            string sample = Path.Combine(RepositoryRoot(), "samples", "SalesSystem");
            var trees = Directory.GetFiles(sample, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), new CSharpParseOptions(LanguageVersion.Latest), f))
                .ToList();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith("SalesSystem", StringComparison.Ordinal))
                .Select(p => MetadataReference.CreateFromFile(p));
            var compilation = CSharpCompilation.Create(
                "SalesSystem",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "the sample does not compile here: " + string.Join("; ", errors.Take(5)));

            var additional = new List<AdditionalText> { new FileText(Path.Combine(sample, "retailguard.json")) };
            additional.AddRange(Directory.GetFiles(Path.Combine(sample, "Sql"), "*.sql").Select(f => new FileText(f)));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new QueryReadAnalyzer(), new SqlReadAnalyzer(), new ExportAnalyzer());
            var diagnostics = await compilation.WithAnalyzers(analyzers, new AnalyzerOptions(additional.ToImmutableArray())).GetAnalyzerDiagnosticsAsync();

            var result = new AnalysisResult();
            foreach (var d in diagnostics)
            {
                if (d.Id == "AD0001")
                {
                    result.Crashes.Add(d.ToString());
                    continue;
                }

                if (!LeakIds.Contains(d.Id) || !d.Location.IsInSource)
                {
                    continue;
                }

                var tree = d.Location.SourceTree!;
                var method = (await tree.GetRootAsync()).FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
                string name = method is MethodDeclarationSyntax m
                    ? ((TypeDeclarationSyntax)m.Parent!).Identifier.ValueText + "." + m.Identifier.ValueText
                    : tree.FilePath + ":" + d.Location.GetLineSpan().StartLinePosition;
                if (!result.FindingsByMethod.TryGetValue(name, out var list))
                {
                    result.FindingsByMethod[name] = list = new List<string>();
                }

                list.Add(d.Id + " " + d.GetMessage());
            }

            return result;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
        }
    }
}
