using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.CompileCost.Generation;

namespace RetailGuard.CompileCost.Measurement
{
    /// <summary>
    /// What is measured: one compilation (parsed once, never emitted) and the analyzer inputs a build would give it
    /// (AdditionalFiles: the policy and the .sql files; global AnalyzerConfig options).
    /// </summary>
    internal sealed class Workload
    {
        private Workload(string name, CSharpCompilation compilation, ImmutableArray<(string Path, string Text)> additionalFiles, int lines, int dataAccessLines)
        {
            Name = name;
            Compilation = compilation;
            AdditionalFiles = additionalFiles;
            Lines = lines;
            DataAccessLines = dataAccessLines;
        }

        public string Name { get; }

        /// <summary>The compilation as parsed; every measured pass works on a <see cref="Compilation.Clone"/> of it.</summary>
        public CSharpCompilation Compilation { get; }

        /// <summary>The policy and .sql files, as paths and contents: each pass reads them from new texts, as a new build does.</summary>
        public ImmutableArray<(string Path, string Text)> AdditionalFiles { get; }

        /// <summary>C# source files.</summary>
        public int Files => Compilation.SyntaxTrees.Count();

        /// <summary>Non-blank lines of C#.</summary>
        public int Lines { get; }

        /// <summary>Non-blank lines of data access (generated systems only; −1 when unknown).</summary>
        public int DataAccessLines { get; }

        /// <summary>The options of an analyzer pass: the additional files, and <paramref name="globalOptions"/> as a global AnalyzerConfig would give them.</summary>
        public AnalyzerOptions Options(IReadOnlyDictionary<string, string>? globalOptions = null) =>
            new AnalyzerOptions(
                AdditionalFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray(),
                new GlobalOptionsProvider(globalOptions ?? new Dictionary<string, string>()));

        /// <summary>A generated sales system of <paramref name="files"/> C# files.</summary>
        public static Workload Generated(int files, int seed, string? writeTo)
        {
            var system = SalesSystemGenerator.Generate(files, seed);
            const string root = "/generated/Sales";
            if (writeTo != null)
            {
                foreach (var file in system.Sources.Concat(system.AdditionalFiles))
                {
                    var path = Path.Combine(writeTo, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, file.Text);
                }
            }

            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = new List<SyntaxTree>(system.Sources.Count);
            foreach (var file in system.Sources)
            {
                trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(file.Text, System.Text.Encoding.UTF8), parse, root + "/" + file.Path));
            }

            var additional = system.AdditionalFiles.Select(f => (root + "/" + f.Path, f.Text)).ToImmutableArray();
            var compilation = CSharpCompilation.Create("Sales", trees, References.ForGeneratedSystem(), CompilationOptions());
            return new Workload($"generated, {files} files", compilation, additional, system.TotalLines, system.DataAccessLines);
        }

        /// <summary>
        /// An existing code base: every .cs file under <paramref name="folder"/> (bin, obj and hidden folders left out), its .sql
        /// files and retailguard.json as AdditionalFiles (or <paramref name="policy"/>), compiled as one library against
        /// <paramref name="references"/>: a folder of assemblies or a text file with one assembly path per line; without it,
        /// the framework and the data-access packages this tool carries.
        /// </summary>
        public static Workload Folder(string folder, string? references, string? policy)
        {
            folder = Path.GetFullPath(folder);
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = new List<SyntaxTree>();
            int lines = 0;
            var additional = ImmutableArray.CreateBuilder<(string, string)>();
            foreach (var path in SourceFiles(folder))
            {
                var text = File.ReadAllText(path);
                if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), parse, path));
                    lines += CountLines(text);
                }
                else if (policy == null || !Path.GetFileName(path).Equals("retailguard.json", StringComparison.OrdinalIgnoreCase))
                {
                    additional.Add((path, text));
                }
            }

            if (policy != null)
            {
                additional.Add((Path.Combine(folder, "retailguard.json"), File.ReadAllText(policy)));
            }

            if (trees.Count == 0)
            {
                throw new InvalidOperationException($"no .cs file under {folder}");
            }

            var refs = references == null ? References.ForGeneratedSystem() : References.From(references);
            var compilation = CSharpCompilation.Create(Path.GetFileName(folder), trees, refs, CompilationOptions());
            return new Workload($"{Path.GetFileName(folder)}, {trees.Count} files", compilation, additional.ToImmutable(), lines, -1);
        }

        private static CSharpCompilationOptions CompilationOptions() =>
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);

        private static IEnumerable<string> SourceFiles(string folder)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var directory in Directory.EnumerateDirectories(current).OrderBy(d => d, StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(directory);
                    if (!name.StartsWith('.') && name != "bin" && name != "obj")
                    {
                        pending.Push(directory);
                    }
                }

                foreach (var file in Directory.EnumerateFiles(current).OrderBy(f => f, StringComparer.Ordinal))
                {
                    if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ||
                        Path.GetFileName(file).Equals("retailguard.json", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return file;
                    }
                }
            }
        }

        private static int CountLines(string text)
        {
            int count = 0;
            bool blank = true;
            foreach (char c in text)
            {
                if (c == '\n')
                {
                    count += blank ? 0 : 1;
                    blank = true;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    blank = false;
                }
            }

            return count + (blank ? 0 : 1);
        }

        private sealed class InMemoryText : AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = SourceText.From(text, System.Text.Encoding.UTF8);
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }

        /// <summary>The same options for every tree and file, as a global AnalyzerConfig (.globalconfig) gives them.</summary>
        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly Options _options;

            public GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) => _options = new Options(values);

            public override AnalyzerConfigOptions GlobalOptions => _options;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly IReadOnlyDictionary<string, string> _values;

                public Options(IReadOnlyDictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                    _values.TryGetValue(key, out value);
            }
        }
    }
}
