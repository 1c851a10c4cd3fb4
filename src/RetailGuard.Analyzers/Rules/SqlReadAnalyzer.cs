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
            RG1007SqlUnverifiable.Descriptor,
            RG2002UnfilteredBulkExtraction.Descriptor,
            RG9011LookalikeTable.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            AnalyzerStart.Register(context, (start, analysis) =>
            {
                start.RegisterOperationBlockAction(block => AnalyzeBlock(analysis, block));
                start.RegisterAdditionalFileAction(file => AnalyzeSqlFile(analysis.Policy, file));
            });
        }

        private static void AnalyzeBlock(RetailGuard.AnalysisContext analysis, OperationBlockAnalysisContext context)
        {
            var reported = new HashSet<(string, TextSpan)>();
            var lookalikes = new List<Diagnostic>();
            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    var sink = SqlSink.Find(operation, analysis.Known);
                    if (sink != null)
                    {
                        foreach (var finding in SqlJudge.Check(analysis, sink, context.CancellationToken, lookalikes))
                        {
                            if (reported.Add((finding.Diagnostic.Id, finding.Diagnostic.Location.SourceSpan)))
                            {
                                context.ReportDiagnostic(finding.Diagnostic);
                            }
                        }

                        foreach (var lookalike in lookalikes)
                        {
                            if (reported.Add((lookalike.Id, lookalike.Location.SourceSpan)))
                            {
                                context.ReportDiagnostic(lookalike);
                            }
                        }

                        lookalikes.Clear();
                    }
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
            foreach (var finding in SqlJudge.Report(policy, check, text, System.IO.Path.GetFileName(path), null, false))
            {
                context.ReportDiagnostic(finding.Diagnostic);
            }

            var lookalikes = new List<Diagnostic>();
            RG9011LookalikeTable.AddTo(lookalikes, policy, text);
            foreach (var lookalike in lookalikes)
            {
                context.ReportDiagnostic(lookalike);
            }
        }

    }
}
