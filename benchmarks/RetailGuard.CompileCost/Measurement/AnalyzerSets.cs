using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RetailGuard.CompileCost.Measurement
{
    /// <summary>A set of analyzers measured together, with the global AnalyzerConfig options it is run with.</summary>
    internal sealed record AnalyzerSet(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, IReadOnlyDictionary<string, string> GlobalOptions)
    {
        /// <summary>A short name for an analyzer in tables: its class name.</summary>
        public static string NameOf(DiagnosticAnalyzer analyzer) => analyzer.GetType().Name;
    }

    internal static class AnalyzerSets
    {
        /// <summary>Every analyzer and the suppressor of RetailGuard.Analyzers, as the package ships them.</summary>
        public static AnalyzerSet RetailGuard()
        {
            var analyzers = typeof(global::RetailGuard.Rules.SqlReadAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            return new AnalyzerSet("RetailGuard", analyzers, new Dictionary<string, string>());
        }

        /// <summary>
        /// Another build of RetailGuard.Analyzers (its DLL, with ScriptDom beside it), loaded in a load context of its own so
        /// that both builds run over the same compilation in the same process, passes interleaved: "RetailGuard (label)".
        /// </summary>
        public static AnalyzerSet OtherBuild(string label, string path)
        {
            path = Path.GetFullPath(path);
            var reference = new AnalyzerFileReference(path, new IsolatedLoader(Path.GetDirectoryName(path)!, onlyPrefix: "RetailGuard."));
            var analyzers = reference.GetAnalyzers(LanguageNames.CSharp).OrderBy(a => a.GetType().Name, StringComparer.Ordinal).ToImmutableArray();
            return new AnalyzerSet($"RetailGuard ({label})", analyzers, new Dictionary<string, string>());
        }

        /// <summary>
        /// What the analyzer driver costs for any analyzer that looks at every method body: an analyzer whose symbol and
        /// operation-block actions do nothing. A pass with it binds everything and builds the operation trees.
        /// </summary>
        public static AnalyzerSet Floor() =>
            new AnalyzerSet("floor", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()), new Dictionary<string, string>());

        /// <summary>
        /// Dapper.AOT's analyzers from the NuGet package cache (the version this project downloads), loaded with their own
        /// ScriptDom in a load context of their own; null with the reason when the package is not there.
        /// </summary>
        public static AnalyzerSet? DapperAot(out string? missing)
        {
            var root = typeof(AnalyzerSets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
            var folder = root == null ? null : Path.Combine(root, "dapper.aot", "1.1.0", "analyzers", "dotnet");
            var path = folder == null ? null : Path.Combine(folder, "Dapper.AOT.Analyzers.dll");
            if (path == null || !File.Exists(path))
            {
                missing = $"Dapper.AOT 1.1.0 is not in the NuGet package cache ({folder}); restore this project";
                return null;
            }

            var reference = new AnalyzerFileReference(path, new IsolatedLoader(folder!));
            var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
            missing = null;
            return new AnalyzerSet("Dapper.AOT", analyzers, new Dictionary<string, string> { ["dapper.sqlsyntax"] = "SqlServer" });
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class FloorAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor(
                "FLOOR01", "never reported", "never reported", "Floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterCompilationStartAction(start =>
                {
                    start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType, SymbolKind.Method);
                    start.RegisterOperationBlockAction(_ => { });
                });
            }
        }

        /// <summary>Loads an analyzer package's assemblies from its folder; the compiler's own assemblies come from the host.</summary>
        private sealed class IsolatedLoader : IAnalyzerAssemblyLoader
        {
            private readonly Context _context;

            /// <param name="onlyPrefix">When given, only assemblies whose names start with it are loaded from the folder; the rest are the host's.</param>
            public IsolatedLoader(string folder, string? onlyPrefix = null) => _context = new Context(folder, onlyPrefix);

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

            private sealed class Context : AssemblyLoadContext
            {
                private readonly string _folder;
                private readonly string? _onlyPrefix;

                public Context(string folder, string? onlyPrefix)
                    : base("analyzer package " + folder)
                {
                    _folder = folder;
                    _onlyPrefix = onlyPrefix;
                }

                protected override Assembly? Load(AssemblyName name)
                {
                    if (name.Name == null || name.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ||
                        (_onlyPrefix != null && !name.Name.StartsWith(_onlyPrefix, StringComparison.Ordinal)))
                    {
                        return null;
                    }

                    var candidate = Path.Combine(_folder, name.Name + ".dll");
                    return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
                }
            }
        }
    }
}
