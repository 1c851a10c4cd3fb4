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

namespace RetailGuard.Conformance.Static
{
    /// <summary>
    /// RetailGuard's verdict on every shape: the sources of each shapes assembly compiled the way the build compiles
    /// them, analyzed by every analyzer of the RetailGuard.Analyzers assembly with the suite's retailguard.json, and
    /// each finding mapped to the shape that contains it.
    /// </summary>
    internal sealed class RetailGuardVerdicts
    {
        /// <summary>Findings that say code reads or exports rows it must not. RG2003 (data minimisation) and RG9xxx (configuration) are not.</summary>
        public static readonly ImmutableHashSet<string> LeakIds = ImmutableHashSet.Create(
            "RG1001", "RG1002", "RG1003", "RG1004", "RG1005", "RG1006", "RG1007", "RG2001", "RG2002");

        private static readonly Lazy<Task<RetailGuardVerdicts>> Computed =
            new Lazy<Task<RetailGuardVerdicts>>(() => Task.Run(ComputeAsync), LazyThreadSafetyMode.ExecutionAndPublication);

        public Dictionary<string, List<string>> FindingsByShape { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        /// <summary>Leak findings in code no shape uses.</summary>
        public List<string> Unattributed { get; } = new List<string>();

        /// <summary>Analyzer exceptions (AD0001), compiler errors and a missing or invalid policy (RG9001, RG9002): each makes every verdict meaningless.</summary>
        public List<string> Failures { get; } = new List<string>();

        /// <summary>Shape names as the sources declare them, per assembly.</summary>
        public HashSet<string> DeclaredShapes { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Leading comments of each shape method, for the citation check.</summary>
        public Dictionary<string, string> ShapeComments { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public static Task<RetailGuardVerdicts> GetAsync() => Computed.Value;

        public IReadOnlyList<string> FindingsOf(string shape) =>
            FindingsByShape.TryGetValue(shape, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>Every diagnostic analyzer type in the RetailGuard.Analyzers assembly, so a new analyzer takes part without a change here.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers() => Assembly.Load("RetailGuard.Analyzers").GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        private static async Task<RetailGuardVerdicts> ComputeAsync()
        {
            var result = new RetailGuardVerdicts();
            string root = ShapeCatalogue.RepositoryRoot();
            var policy = new FileText(Path.Combine(root, "tests", "RetailGuard.Conformance", "retailguard.json"));
            var analyzers = Analyzers();
            var shapeAssemblies = new HashSet<string>(ShapeCatalogue.Assemblies.Select(a => a.Name + ".dll"), StringComparer.OrdinalIgnoreCase);
            shapeAssemblies.Add(typeof(RetailGuardVerdicts).Assembly.GetName().Name + ".dll");
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !shapeAssemblies.Contains(Path.GetFileName(p)))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
            var parse = new CSharpParseOptions(LanguageVersion.CSharp12);

            foreach (var assembly in ShapeCatalogue.Assemblies)
            {
                string folder = Path.Combine(root, assembly.Folder);
                var trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(folder, f))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), parse, f))
                    .ToList();
                var compilation = CSharpCompilation.Create(
                    assembly.Name,
                    trees,
                    references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var shapes = ShapeIndex.Build(compilation);
                foreach (var (name, comment) in shapes.Comments)
                {
                    result.DeclaredShapes.Add(name);
                    result.ShapeComments[name] = comment;
                }

                // One pass binds the sources for the compiler's diagnostics and the analyzers' alike.
                var options = new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(policy)),
                    onAnalyzerException: null,
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false);
                var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync().ConfigureAwait(false);
                result.Failures.AddRange(diagnostics
                    .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal))
                    .Select(d => "compiler: " + d));
                foreach (var d in diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    if (d.Id == "AD0001")
                    {
                        result.Failures.Add("analyzer exception: " + d);
                        continue;
                    }

                    if (d.Id == "RG9001" || d.Id == "RG9002")
                    {
                        result.Failures.Add("policy: " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                        continue;
                    }

                    if (!LeakIds.Contains(d.Id))
                    {
                        continue;
                    }

                    string text = d.Id + " " + Where(d) + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                    var owners = d.Location.IsInSource ? shapes.ShapesAt(d.Location.SourceTree!, d.Location.SourceSpan) : Array.Empty<string>();
                    if (owners.Count == 0)
                    {
                        result.Unattributed.Add(text);
                    }

                    foreach (string shape in owners)
                    {
                        if (!result.FindingsByShape.TryGetValue(shape, out var list))
                        {
                            result.FindingsByShape[shape] = list = new List<string>();
                        }

                        list.Add(text);
                    }
                }
            }

            return result;
        }

        private static string Where(Diagnostic d)
        {
            var span = d.Location.GetLineSpan();
            return Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
        }

        private static bool IsBuildOutput(string folder, string file)
        {
            string relative = Path.GetRelativePath(folder, file);
            return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }

        private sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
        }
    }
}
