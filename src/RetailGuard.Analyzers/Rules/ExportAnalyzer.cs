using System.Collections.Concurrent;
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
    /// <para>
    /// RG2003 is judged method by method. RG2001 and RG2002 need the flow across the whole compilation: each method's
    /// operations are walked once as it is analysed (sinks, and calls that pass data that can carry rows), and when the
    /// compilation is complete the methods that can send data to a sink are analysed, from the sinks up.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExportAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Inventory.Descriptor,
            RG2001UnfilteredExport.Descriptor,
            RG2002UnfilteredBulkExtraction.Descriptor,
            RG2003WholeEntityExport.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            AnalyzerStart.Register(context, (start, analysis) =>
            {
                // Each method's facts are queued as its callback ends and put in a dictionary when the compilation is complete:
                // a queue takes them from concurrent callbacks without a lock, and without hashing each method symbol then.
                var facts = new ConcurrentQueue<KeyValuePair<IMethodSymbol, MethodFacts>>();
                var exports = Inventory.IsEnabled(start.Compilation) ? new ConcurrentBag<ExportSite>() : null;
                // The facts of each method come from one walk of its operation tree, in one callback per member: a
                // callback per operation would cost the driver's bookkeeping for each of them.
                start.RegisterOperationBlockAction(block =>
                {
                    var walker = new FactsWalker(analysis.Taint);
                    walker.Walk(block.OperationBlocks, block.CancellationToken);
                    AnalyzeBlock(analysis.Taint, walker, block, facts, exports);
                });
#pragma warning disable RS1037 // RG2002 is also reported live, for SQL text; these flow findings need the whole compilation.
                start.RegisterCompilationEndAction(end => ReportFlow(analysis.Taint, facts, end, exports));
#pragma warning restore RS1037
            });
        }

        private static void AnalyzeBlock(TaintAnalysis analysis, FactsWalker walker, OperationBlockAnalysisContext context, ConcurrentQueue<KeyValuePair<IMethodSymbol, MethodFacts>> facts,
            ConcurrentBag<ExportSite>? exports)
        {
            if (walker.Sinks != null)
            {
                // RG2003: whole protected entities exported, judged method by method.
                var reported = new HashSet<TextSpan>();
                foreach (var sink in walker.Sinks)
                {
                    if (exports != null)
                    {
                        ExportSite.Add(exports, analysis, sink);
                    }

                    if (sink.Bulk)
                    {
                        continue;
                    }

                    foreach (var data in sink.Data)
                    {
                        if (analysis.IsGuardedData(data.Type, out var entity) && reported.Add(data.Syntax.Span))
                        {
                            analysis.Context.Report(context, RG2003WholeEntityExport.Create(
                                data.Syntax.GetLocation(), sink.Name, analysis.TableName(entity), entity.ToDisplayString()));
                        }
                    }
                }
            }

            if (context.OwningSymbol is IMethodSymbol method && walker.Facts is { } found)
            {
                // The export flow is solved when the compilation is complete: keep this tree's semantic model (the one the
                // compiler bound it with) so that the method's operations are not bound a second time then.
                if (!context.OperationBlocks.IsEmpty)
                {
                    analysis.Context.ModelFor(context.OperationBlocks[0].Syntax.SyntaxTree);
                }

                facts.Enqueue(new KeyValuePair<IMethodSymbol, MethodFacts>(method.OriginalDefinition, found));
            }
        }

        private static void ReportFlow(TaintAnalysis analysis, ConcurrentQueue<KeyValuePair<IMethodSymbol, MethodFacts>> queued, CompilationAnalysisContext context,
            ConcurrentBag<ExportSite>? exports)
        {
            var facts = new Dictionary<IMethodSymbol, MethodFacts>(queued.Count, ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var kv in queued)
            {
                facts[kv.Key] = kv.Value;
            }

            var reported = new HashSet<(string, SyntaxTree, TextSpan)>();
            var unfilteredSinks = new HashSet<(SyntaxTree, TextSpan)>();
            foreach (var result in analysis.Graph.SinkCone(facts, context.CancellationToken))
            {
                foreach (var hit in result.Hits)
                {
                    if (!hit.Taint.HasOrigins)
                    {
                        continue;
                    }

                    unfilteredSinks.Add((hit.Sink.Operation.Syntax.SyntaxTree, hit.Sink.Operation.Syntax.Span));
                    var origin = hit.Taint.Origins[0];
                    var at = hit.At.Syntax.GetLocation();
                    bool bulk = hit.Sink.Bulk;
                    if (!reported.Add((bulk ? "RG2002" : "RG2001", hit.At.Syntax.SyntaxTree, at.SourceSpan)))
                    {
                        continue;
                    }

                    var sinkLocation = hit.Sink.Operation.Syntax.GetLocation();
                    var additional = new List<Location> { origin.Location };
                    if (sinkLocation != at)
                    {
                        additional.Add(sinkLocation);
                    }

                    analysis.Context.Report(context, bulk
                        ? RG2002UnfilteredBulkExtraction.Create(at, origin, hit.Sink.Name, additional)
                        : RG2001UnfilteredExport.Create(at, origin, hit.Sink.Name, additional));
                }
            }

            ExportSite.ReportCompliant(exports, unfilteredSinks, analysis.Context.Filtered(context.ReportDiagnostic, context.CancellationToken));
        }

        /// <summary>For the inventory (RG0001): a sink that receives data of a guarded entity type.</summary>
        private sealed class ExportSite
        {
            private ExportSite(IOperation sink, Location data, string table, string name, bool bulk, bool single)
            {
                Sink = sink;
                Data = data;
                Table = table;
                Name = name;
                Bulk = bulk;
                Single = single;
            }

            private IOperation Sink { get; }

            private Location Data { get; }

            private string Table { get; }

            private string Name { get; }

            private bool Bulk { get; }

            private bool Single { get; }

            public static void Add(ConcurrentBag<ExportSite> sites, TaintAnalysis analysis, ExportSink sink)
            {
                foreach (var data in sink.Data)
                {
                    if (analysis.IsGuardedData(data.Type, out var entity))
                    {
                        sites.Add(new ExportSite(sink.Operation, data.Syntax.GetLocation(), analysis.TableName(entity), sink.Name, sink.Bulk, sink.Single));
                        return;
                    }
                }
            }

            /// <summary>Every site whose sink no unfiltered origin reached is a compliant export (RG0001).</summary>
            public static void ReportCompliant(ConcurrentBag<ExportSite>? sites, HashSet<(SyntaxTree, TextSpan)> unfilteredSinks, System.Action<Diagnostic> report)
            {
                if (sites == null)
                {
                    return;
                }

                var done = new HashSet<(SyntaxTree, TextSpan)>();
                foreach (var site in sites)
                {
                    var key = (site.Sink.Syntax.SyntaxTree, site.Sink.Syntax.Span);
                    if (!unfilteredSinks.Contains(key) && done.Add(key))
                    {
                        report(Inventory.Export(site.Data, site.Table, site.Name, site.Bulk, site.Single));
                    }
                }
            }
        }
    }
}
