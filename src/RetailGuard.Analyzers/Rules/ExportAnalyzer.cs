using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Flow;

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
            var reported = new HashSet<(string, TextSpan)>();
            if (context.OwningSymbol is IMethodSymbol method && analysis.Graph.RootResult(method, context.CancellationToken) is { } result)
            {
                foreach (var hit in result.Hits)
                {
                    if (!hit.Taint.HasOrigins || !context.OwningSymbol.DeclaringSyntaxReferences.IsEmpty && !InBlocks(context, hit.At.Syntax))
                    {
                        continue;
                    }

                    var origin = hit.Taint.Origins[0];
                    var at = hit.At.Syntax.GetLocation();
                    bool bulk = hit.Sink.Bulk;
                    if (!reported.Add((bulk ? "RG2002" : "RG2001", at.SourceSpan)))
                    {
                        continue;
                    }

                    var sinkLocation = hit.Sink.Operation.Syntax.GetLocation();
                    var additional = new List<Location> { origin.Location };
                    if (sinkLocation != at)
                    {
                        additional.Add(sinkLocation);
                    }

                    context.ReportDiagnostic(bulk
                        ? RG2002UnfilteredBulkExtraction.Create(at, origin, hit.Sink.Name, additional)
                        : RG2001UnfilteredExport.Create(at, origin, hit.Sink.Name, additional));
                }
            }

            foreach (var block in context.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    var sink = analysis.Sinks.Find(operation);
                    if (sink == null || sink.Bulk)
                    {
                        continue;
                    }

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

        /// <summary>True when the syntax lies in one of the blocks this action analyses (a partial method has several declarations).</summary>
        private static bool InBlocks(OperationBlockAnalysisContext context, SyntaxNode syntax)
        {
            foreach (var block in context.OperationBlocks)
            {
                if (block.Syntax.SyntaxTree == syntax.SyntaxTree && block.Syntax.Span.Contains(syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
