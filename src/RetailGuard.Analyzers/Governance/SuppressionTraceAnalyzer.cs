using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Governance
{
    /// <summary>
    /// Suppressions leave a trace. RG9007: <c>#pragma warning disable RG…</c> (or without IDs) and <c>[SuppressMessage]</c> on an RG
    /// rule without a justification. RG9008: an .editorconfig, a global AnalyzerConfig file or the project options that set a
    /// rule guarding the data below the severity RetailGuard ships, including a build that misses RetailGuard's own configuration.
    /// Both are silent when the policy says <c>"allowLocalSuppressions": true</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SuppressionTraceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>How many other files an RG9008 lists as additional locations.</summary>
        private const int MaxListedFiles = 100;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RG9007, Descriptors.RG9008);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policyFile = PolicyLoader.FindPolicyFile(start.Options);
                if (policyFile != null && PolicyDocument.Get(policyFile, start.CancellationToken).AllowLocalSuppressions)
                {
                    return;
                }

                start.RegisterSyntaxTreeAction(ReportPragmas);
                // Per tree, not per attribute node: an attribute node action makes the driver list every node of every
                // declaration of the compilation, which cost more than everything else this analyzer does.
                start.RegisterSemanticModelAction(model => ReportSuppressMessages(model, policyFile));
                start.RegisterCompilationEndAction(ReportConfiguration);
            });
        }

        private static void ReportPragmas(SyntaxTreeAnalysisContext context)
        {
            var root = context.Tree.GetRoot(context.CancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }

            // One walk down only the nodes that hold a directive (GetNextDirective searches the tokens after each one).
            foreach (var node in root.DescendantNodes(n => n.ContainsDirectives, descendIntoTrivia: true))
            {
                if (!(node is PragmaWarningDirectiveTriviaSyntax pragma) || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    continue;
                }

                if (pragma.ErrorCodes.Count == 0)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.RG9007, pragma.DisableOrRestoreKeyword.GetLocation(), Descriptors.Phrase("TracePragmaAll"), "RetailGuard"));
                    continue;
                }

                foreach (var code in pragma.ErrorCodes)
                {
                    string id = code.ToString();
                    if (IsRetailGuardId(id))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.RG9007, code.GetLocation(), Descriptors.Phrase("TracePragma", id), id));
                    }
                }
            }
        }

        private static void ReportSuppressMessages(SemanticModelAnalysisContext context, AdditionalText? policyFile)
        {
            var tree = context.SemanticModel.SyntaxTree;

            // An attribute whose name holds "SuppressMessage" spells it in the text, or spells it with a Unicode escape or
            // with formatting characters the compiler drops from identifiers: any other tree has none, and is not walked.
            if (!TextScan.MayContainIdentifier(tree.GetText(context.CancellationToken), "SuppressMessage"))
            {
                return;
            }

            // As the driver would for a node action: only the attributes in the span asked for (an editor analyses one
            // part of a document), and none in a declaration marked [GeneratedCode].
            var root = tree.GetRoot(context.CancellationToken);
            var span = context.FilterSpan ?? root.FullSpan;
            foreach (var node in root.DescendantNodes(span))
            {
                if (node is AttributeSyntax attribute && span.IntersectsWith(attribute.Span) && !InGeneratedCode(context.SemanticModel, attribute, context.CancellationToken))
                {
                    ReportSuppressMessage(context.SemanticModel, attribute, context.ReportDiagnostic, policyFile, context.CancellationToken);
                }
            }
        }

        /// <summary>
        /// True when the declaration <paramref name="attribute"/> belongs to, or a type that contains it, carries
        /// <c>[System.CodeDom.Compiler.GeneratedCode]</c>: the driver runs no node action there for an analyzer that does not
        /// analyse generated code.
        /// </summary>
        private static bool InGeneratedCode(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            ISymbol? declared = null;
            for (var node = attribute.Parent; node != null && declared == null; node = node.Parent)
            {
                if (node is MemberDeclarationSyntax or ParameterSyntax or TypeParameterSyntax or AccessorDeclarationSyntax or
                    LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                {
                    declared = node is AnonymousFunctionExpressionSyntax lambda
                        ? model.GetSymbolInfo(lambda, cancellationToken).Symbol
                        : model.GetDeclaredSymbol(node, cancellationToken);
                }
            }

            for (var symbol = declared; symbol != null && !(symbol is INamespaceSymbol); symbol = symbol.ContainingSymbol)
            {
                foreach (var data in symbol.GetAttributes())
                {
                    if (data.AttributeClass is { Name: "GeneratedCodeAttribute" } type && type.ContainingNamespace?.ToDisplayString() == "System.CodeDom.Compiler")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static void ReportSuppressMessage(SemanticModel model, AttributeSyntax attribute, Action<Diagnostic> report, AdditionalText? policyFile,
            CancellationToken cancellationToken)
        {
            string name = SyntaxNames.Rightmost(attribute.Name) ?? string.Empty;
            if (name.IndexOf("SuppressMessage", StringComparison.Ordinal) < 0 || attribute.ArgumentList == null || attribute.ArgumentList.Arguments.Count < 2)
            {
                return;
            }

            var type = model.GetTypeInfo(attribute, cancellationToken).Type;
            string? typeName = type?.ToDisplayString();
            if (typeName != "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute" && typeName != "System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute")
            {
                return;
            }

            string? checkId = null;
            string? justification = null;
            int positional = 0;
            foreach (var argument in attribute.ArgumentList.Arguments)
            {
                var value = model.GetConstantValue(argument.Expression, cancellationToken);
                string? text = value.HasValue ? value.Value as string : null;
                if (argument.NameEquals != null)
                {
                    if (argument.NameEquals.Name.Identifier.ValueText == "Justification")
                    {
                        justification = text;
                    }
                }
                else if (argument.NameColon == null || argument.NameColon.Name.Identifier.ValueText == "checkId")
                {
                    if (positional++ == 1 || argument.NameColon != null)
                    {
                        checkId = text;
                    }
                }
            }

            if (checkId == null)
            {
                return;
            }

            int colon = checkId.IndexOf(':');
            string id = (colon < 0 ? checkId : checkId.Substring(0, colon)).Trim();
            if (!IsRetailGuardId(id) || !(string.IsNullOrWhiteSpace(justification) || justification!.Trim() == "<Pending>"))
            {
                return;
            }

            string form = Descriptors.Phrase("TraceSuppressMessage", name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name);
            if (string.Equals(id, RuleIds.SuppressedInSource, StringComparison.OrdinalIgnoreCase))
            {
                // Reported at the attribute, the trace would be hidden by the very attribute it reports: it goes on the
                // policy (no attribute reaches a file that is not C#), with the attribute as the additional location.
                var policyText = policyFile?.GetText(cancellationToken);
                var at = policyText == null ? Location.None : GovernanceAnalyzer.At(policyFile!.Path, policyText, new Microsoft.CodeAnalysis.Text.TextSpan(0, Math.Min(1, policyText.Length)));
                report(Diagnostic.Create(Descriptors.RG9007, at, new[] { attribute.GetLocation() }, form, id));
                return;
            }

            report(Diagnostic.Create(Descriptors.RG9007, attribute.GetLocation(), form, id));
        }

        private static bool IsRetailGuardId(string id) =>
            id.Length == 6 && (id[0] == 'R' || id[0] == 'r') && (id[1] == 'G' || id[1] == 'g') &&
            char.IsDigit(id[2]) && char.IsDigit(id[3]) && char.IsDigit(id[4]) && char.IsDigit(id[5]);

        private static void ReportConfiguration(CompilationAnalysisContext context)
        {
            var compilation = context.Compilation;
            var provider = compilation.Options.SyntaxTreeOptionsProvider;
            var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
            trees.Sort((a, b) => string.CompareOrdinal(a.FilePath, b.FilePath));
            foreach (var rule in Descriptors.ShippedSeverities)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var descriptor = Find(rule.Key);
                if (descriptor == null)
                {
                    continue;
                }

                int shipped = Rank(rule.Value == DiagnosticSeverity.Error ? ReportDiagnostic.Error : ReportDiagnostic.Warn, descriptor);
                bool configured = false;
                if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(rule.Key, out var specific))
                {
                    configured = true;
                    Report(context, descriptor, specific, shipped, Descriptors.Phrase("LoweredByProjectOptions"), null);
                }

                if (provider != null && provider.TryGetGlobalDiagnosticValue(rule.Key, context.CancellationToken, out var global))
                {
                    configured = true;
                    Report(context, descriptor, global, shipped, Descriptors.Phrase("LoweredByGlobalConfig"), null);
                }

                // Per file: an .editorconfig severity for the ID, else a category or all-analyzers setting. Files share
                // their options object when the same .editorconfig sections apply: each object is read once per rule.
                var byFile = new Dictionary<(string Where, ReportDiagnostic Value), List<SyntaxTree>>();
                bool everyFileConfigured = trees.Count > 0;
                string categoryKey = CategoryKey(descriptor);
                string? editorConfig = null;
                var bulkByOptions = new Dictionary<AnalyzerConfigOptions, (string Where, ReportDiagnostic Value)?>();
                foreach (var tree in trees)
                {
                    if (provider != null && provider.TryGetDiagnosticValue(tree, rule.Key, context.CancellationToken, out var value))
                    {
                        Add(byFile, (editorConfig ??= Descriptors.Phrase("LoweredByEditorConfig"), value), tree);
                        continue;
                    }

                    if (!configured)
                    {
                        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                        if (!bulkByOptions.TryGetValue(options, out var found))
                        {
                            found = Bulk(options, categoryKey) is { } bulk ? (Descriptors.Phrase("LoweredByCategory", bulk.Key), bulk.Value) : null;
                            bulkByOptions[options] = found;
                        }

                        if (found is { } setting)
                        {
                            Add(byFile, setting, tree);
                            continue;
                        }
                    }

                    everyFileConfigured = false;
                }

                foreach (var group in byFile)
                {
                    Report(context, descriptor, group.Key.Value, shipped, group.Key.Where, group.Value);
                }

                if (!configured && !everyFileConfigured && Bulk(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions, categoryKey) is { } globalBulk)
                {
                    configured = true;
                    Report(context, descriptor, globalBulk.Value, shipped, Descriptors.Phrase("LoweredByCategory", globalBulk.Key), null);
                }

                // Nothing sets it: it runs at its default severity, which for the findings is below the shipped one unless
                // the project treats warnings as errors.
                if (!configured && !everyFileConfigured && compilation.Options.GeneralDiagnosticOption != ReportDiagnostic.Error)
                {
                    Report(context, descriptor, ReportDiagnostic.Default, shipped, Descriptors.Phrase("LoweredByMissingConfiguration"), null);
                }
            }
        }

        private static void Add(Dictionary<(string, ReportDiagnostic), List<SyntaxTree>> groups, (string, ReportDiagnostic) key, SyntaxTree tree)
        {
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = new List<SyntaxTree>();
            }

            list.Add(tree);
        }

        /// <summary>A category ("dotnet_analyzer_diagnostic.category-RetailGuard.DataAccess.severity") or all-analyzers severity setting.</summary>
        /// <summary>The .editorconfig key that sets the severity of every rule of <paramref name="descriptor"/>'s category.</summary>
        private static string CategoryKey(DiagnosticDescriptor descriptor) => "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity";

        /// <summary>The category setting (<paramref name="categoryKey"/>), else the all-analyzers setting, with the key that set it; null when neither does.</summary>
        private static KeyValuePair<string, ReportDiagnostic>? Bulk(AnalyzerConfigOptions options, string categoryKey)
        {
            const string AllAnalyzers = "dotnet_analyzer_diagnostic.severity";
            if (options.TryGetValue(categoryKey, out var text) && Parse(text) is { } value)
            {
                return new KeyValuePair<string, ReportDiagnostic>(categoryKey, value);
            }

            if (options.TryGetValue(AllAnalyzers, out text) && Parse(text) is { } all)
            {
                return new KeyValuePair<string, ReportDiagnostic>(AllAnalyzers, all);
            }

            return null;
        }

        private static ReportDiagnostic? Parse(string text) => text.Trim().ToLowerInvariant() switch
        {
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            "suggestion" => ReportDiagnostic.Info,
            "silent" => ReportDiagnostic.Hidden,
            "refactoring" => ReportDiagnostic.Hidden,
            "none" => ReportDiagnostic.Suppress,
            "default" => ReportDiagnostic.Default,
            _ => null,
        };

        private static void Report(CompilationAnalysisContext context, DiagnosticDescriptor descriptor, ReportDiagnostic value, int shipped, string where, List<SyntaxTree>? files)
        {
            if (Rank(value, descriptor) >= shipped)
            {
                return;
            }

            Location location = Location.None;
            var additional = new List<Location>();
            string scope = Descriptors.Phrase("LoweredEverywhere");
            if (files != null && files.Count > 0)
            {
                location = Location.Create(files[0], default);
                for (int i = 1; i < files.Count && i <= MaxListedFiles; i++)
                {
                    additional.Add(Location.Create(files[i], default));
                }

                string first = System.IO.Path.GetFileName(files[0].FilePath);
                scope = files.Count == 1 ? Descriptors.Phrase("LoweredInFile", first) : Descriptors.Phrase("LoweredInFiles", files.Count, first);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RG9008, location, additional, where, descriptor.Id, Word(value, descriptor), scope, Word(ReportDiagnostic.Default, descriptor, shipped: true)));
        }

        /// <summary>Severity order: none &lt; silent &lt; suggestion &lt; warning &lt; error; "default" is the descriptor's own default.</summary>
        private static int Rank(ReportDiagnostic value, DiagnosticDescriptor descriptor) => value switch
        {
            ReportDiagnostic.Suppress => 0,
            ReportDiagnostic.Hidden => 1,
            ReportDiagnostic.Info => 2,
            ReportDiagnostic.Warn => 3,
            ReportDiagnostic.Error => 4,
            _ => descriptor.DefaultSeverity switch
            {
                DiagnosticSeverity.Error => 4,
                DiagnosticSeverity.Warning => 3,
                DiagnosticSeverity.Info => 2,
                _ => 1,
            },
        };

        private static string Word(ReportDiagnostic value, DiagnosticDescriptor descriptor, bool shipped = false)
        {
            if (shipped)
            {
                return Descriptors.ShippedSeverities[descriptor.Id] == DiagnosticSeverity.Error ? "error" : "warning";
            }

            return Rank(value, descriptor) switch
            {
                0 => "none",
                1 => "silent",
                2 => "suggestion",
                3 => "warning",
                _ => "error",
            };
        }

        private static DiagnosticDescriptor? Find(string id)
        {
            foreach (var d in Descriptors.All)
            {
                if (d.Id == id)
                {
                    return d;
                }
            }

            return null;
        }
    }
}
