using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Flow;
using RetailGuard.Policy;

namespace RetailGuard.Rules
{
    /// <summary>
    /// Exports and bulk extraction: follows rows of protected tables that are not proven filtered, within and across
    /// methods, to export sinks (RG2001) and bulk copies (RG2002), and flags whole-entity exports (RG2003).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExportAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RG2001UnfilteredExport.Descriptor,
            RG2002UnfilteredBulkExtraction.Descriptor,
            RG2003WholeEntityExport.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            AnalyzerStart.Register(context, (start, analysis) => start.RegisterOperationBlockAction(block => AnalyzeBlock(analysis.Taint, block)));
        }

        private static void AnalyzeBlock(TaintAnalysis analysis, OperationBlockAnalysisContext context)
        {
            var method = context.OwningSymbol as IMethodSymbol;
            var reported = new HashSet<(string, TextSpan)>();
            foreach (var block in context.OperationBlocks)
            {
                var taint = new MethodTaint(analysis, block, method, 0, context.CancellationToken);
                foreach (var operation in block.DescendantsAndSelf())
                {
                    foreach (var hit in taint.SinkHits(operation))
                    {
                        if (hit.Taint.Origins.IsEmpty)
                        {
                            continue;
                        }

                        var origin = hit.Taint.Origins[0];
                        var at = hit.At.Syntax.GetLocation();
                        if (!reported.Add((hit.Bulk ? "RG2002" : "RG2001", at.SourceSpan)))
                        {
                            continue;
                        }

                        var additional = new List<Location> { origin.Location };
                        if (hit.SinkLocation != at)
                        {
                            additional.Add(hit.SinkLocation);
                        }

                        context.ReportDiagnostic(hit.Bulk
                            ? RG2002UnfilteredBulkExtraction.Create(at, origin, hit.SinkName, additional)
                            : RG2001UnfilteredExport.Create(at, origin, hit.SinkName, additional));
                    }

                    var sink = analysis.Sinks.Find(operation);
                    if (sink != null && !sink.Bulk)
                    {
                        foreach (var data in sink.Data)
                        {
                            if (analysis.IsGuardedData(data.Type, out var entity) && reported.Add(("RG2003", data.Syntax.Span)))
                            {
                                context.ReportDiagnostic(RG2003WholeEntityExport.Create(
                                    data.Syntax.GetLocation(), sink.Name, analysis.TableName(entity), entity.ToDisplayString()));
                            }
                        }
                    }
                }
            }
        }
    }
}
