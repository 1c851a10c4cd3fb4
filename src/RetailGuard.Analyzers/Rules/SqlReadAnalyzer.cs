using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>
    /// Raw SQL: Dapper, ADO.NET, EF Core raw-SQL APIs and .sql AdditionalFiles. Resolves the SQL text, parses it,
    /// and reports RG1001–RG1003 and RG1006 on the table reference inside the string, RG1007 when it cannot.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqlReadAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RG1001UnfilteredRead.Descriptor,
            RG1002MissingExclusion.Descriptor,
            RG1003NotOwnRetailer.Descriptor,
            RG1006RestrictedTableRead.Descriptor,
            RG1007SqlUnverifiable.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = PolicyLoader.Load(start.Compilation, start.Options, start.CancellationToken);
                if (policy == null || (policy.ProtectedTables.IsEmpty && policy.RestrictedTables.IsEmpty))
                {
                    return;
                }

                var analysis = new RetailGuard.AnalysisContext(start.Compilation, policy);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(analysis, block));
                start.RegisterAdditionalFileAction(file => AnalyzeSqlFile(policy, file));
            });
        }

        private static void AnalyzeBlock(RetailGuard.AnalysisContext analysis, OperationBlockAnalysisContext context)
        {
            var reported = new HashSet<(string, TextSpan)>();
            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    var sink = SqlSink.Find(operation);
                    if (sink != null)
                    {
                        foreach (var diagnostic in Check(analysis, sink, context.CancellationToken))
                        {
                            if (reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
                            {
                                context.ReportDiagnostic(diagnostic);
                            }
                        }
                    }
                }
            }
        }

        private static IEnumerable<Diagnostic> Check(RetailGuard.AnalysisContext analysis, SqlSink sink, CancellationToken cancellationToken)
        {
            var resolution = new SqlTextResolver(analysis, sink.HolesAsParameters, cancellationToken).Resolve(sink.Sql);
            var sinkLocation = sink.Sql.Syntax.GetLocation();
            if (resolution.Failed)
            {
                var node = resolution.FailureNode;
                var location = node != null && node.SyntaxTree == sink.Sql.Syntax.SyntaxTree ? node.GetLocation() : sinkLocation;
                yield return RG1007SqlUnverifiable.Create(location, sink.Name, resolution.Failure!);
                yield break;
            }

            foreach (var variant in resolution.Variants)
            {
                var text = new SqlText(variant, sinkLocation);
                var bindings = SqlParameterBindings.For(sink, text, analysis);
                var check = SqlChecker.Check(text.Text, analysis.Policy, bindings.Lookup, sink.EfPlaceholders, cancellationToken);
                foreach (var diagnostic in Report(analysis.Policy, check, text, sink.Name, sink, resolution.Variants.Length == 1))
                {
                    yield return diagnostic;
                }
            }
        }

        private static void AnalyzeSqlFile(PolicyModel policy, AdditionalFileAnalysisContext context)
        {
            var path = context.AdditionalFile.Path;
            if (!path.EndsWith(".sql", System.StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var source = context.AdditionalFile.GetText(context.CancellationToken);
            if (source == null)
            {
                return;
            }

            var text = new SqlText(ImmutableArray.Create(new SqlFragment(source.ToString(), null)), null) { FilePath = path, FileText = source };
            var bindings = SqlParameterBindings.None;
            var check = SqlChecker.Check(text.Text, policy, bindings.Lookup, false, context.CancellationToken);
            foreach (var diagnostic in Report(policy, check, text, System.IO.Path.GetFileName(path), null, false))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static IEnumerable<Diagnostic> Report(PolicyModel policy, SqlCheck check, SqlText text, string sinkName, SqlSink? sink, bool singleVariant)
        {
            if (check.Error != null)
            {
                var location = check.ErrorOffset < 0 ? text.Fallback ?? text.Map(0, 0) : text.Map(check.ErrorOffset, 1);
                yield return RG1007SqlUnverifiable.Create(location, sinkName, check.Error);
                yield break;
            }

            foreach (var read in check.Reads)
            {
                var location = text.Map(read.Start, read.Length);
                if (read.Restricted != null)
                {
                    yield return RG1006RestrictedTableRead.Create(read.Restricted, location);
                    continue;
                }

                var table = read.Protected!;
                var verdict = RequirementEvaluator.Evaluate(Requirement.ForTable(table), read.Predicate);
                if (verdict.Kind == VerdictKind.Satisfied)
                {
                    continue;
                }

                var finding = new ReadFinding(policy, table, null, location, verdict)
                {
                    Language = FindingLanguage.Sql,
                    Properties = SqlFixInfo.Properties(policy, read, verdict, text, sink, singleVariant),
                };
                switch (verdict.Kind)
                {
                    case VerdictKind.MissingExclusion:
                        yield return RG1002MissingExclusion.Create(finding);
                        break;
                    case VerdictKind.NotOwn:
                        yield return RG1003NotOwnRetailer.Create(finding, table.RetailerColumnName);
                        break;
                    default:
                        yield return RG1001UnfilteredRead.Create(finding);
                        break;
                }
            }
        }
    }
}
