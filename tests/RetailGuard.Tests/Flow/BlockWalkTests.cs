using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// <see cref="BlockWalk"/> stands in for operation actions: the read, SQL and export analyses see each member's
    /// operations through it. Its oracle is Roslyn's driver on the same compilation: every operation the driver hands an
    /// operation action is visited once, and each member's blocks are visited in Roslyn's pre-order
    /// (<see cref="OperationExtensions.DescendantsAndSelf"/>).
    /// </summary>
    public class BlockWalkTests
    {
        /// <summary>
        /// Members of many shapes: field and property initializers, constructor initializers, parameter defaults, lambdas and
        /// local functions (nested), query syntax, switch expressions, a call with more arguments than the walk's initial
        /// stack holds, and a deeply nested expression.
        /// </summary>
        private static readonly string Source = @"
using System;
using System.Collections.Generic;
using System.Linq;

public class Base
{
    public Base(int seed) { }
}

public class Shapes : Base
{
    private readonly int _field = Compute(1, 2);
    public int Property { get; set; } = Compute(3, 4);
    public int Arrow => Compute(_field, Property);

    public Shapes() : base(Compute(5, 6)) { }

    public static int Compute(int a, int b = 7) => a + b;

    public static int Many(params int[] values) => values.Length;

    public IEnumerable<string> Query(IEnumerable<string> names) =>
        from n in names
        let l = n.Length
        where l > 2
        orderby n
        select n.ToUpperInvariant();

    public string Switch(object value) => value switch
    {
        int i when i > 0 => ""positive"",
        string s => s,
        _ => ""other"",
    };

    public int Nested(List<int> values)
    {
        int Local(int x)
        {
            Func<int, Func<int, int>> curry = a => b => a + b + x;
            return curry(1)(2);
        }

        var total = 0;
        foreach (var v in values.Where(v => v > 0).Select(v => Local(v)))
        {
            try { total += v; } catch (Exception e) when (e.Message.Length > 0) { total--; } finally { total++; }
        }

        using (var d = new System.IO.MemoryStream()) { total += (int)d.Length; }
        return total + Many(" + string.Join(", ", Enumerable.Range(0, 150)) + @") + (" + string.Join(" + (", Enumerable.Range(1, 80)) + new string(')', 80) + @";
    }
}
";

        [Fact]
        public async Task EveryOperationTheDriverHandsOut_IsVisitedOnce_InPreOrder()
        {
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Walk", new[] { CSharpSyntaxTree.ParseText(Source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var recorder = new Recorder();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(recorder));
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            Assert.True(recorder.Blocks >= 9, $"only {recorder.Blocks} operation block callbacks");
            Assert.Empty(recorder.OutOfOrder);
            // The driver also hands operation actions the root of each method's tree (IMethodBodyOperation,
            // IConstructorBodyOperation), which is not among a block action's operation blocks: those blocks are its children.
            var handedOut = recorder.HandedOut.Where(o => o.Kind is not (OperationKind.MethodBody or OperationKind.ConstructorBody)).Select(Key).ToList();
            var visited = recorder.Visited.Select(Key).ToList();
            Assert.True(handedOut.Count > 500, $"only {handedOut.Count} operations");
            var missing = handedOut.ToList();
            visited.ForEach(v => missing.Remove(v));
            var extra = visited.ToList();
            handedOut.ForEach(h => extra.Remove(h));
            Assert.True(missing.Count == 0 && extra.Count == 0,
                string.Join("\n", missing.Select(m => "not visited: " + m).Concat(extra.Select(x => "visited, not handed out: " + x))));
        }

        private static string Key(IOperation operation) => $"{operation.Syntax.SpanStart:D6}:{operation.Syntax.Span.Length:D6}:{operation.Kind}";

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        private sealed class Recorder : DiagnosticAnalyzer, IBlockVisitor
        {
            private static readonly OperationKind[] AllKinds = Enum.GetValues(typeof(OperationKind)).Cast<OperationKind>()
                .Where(k => k != OperationKind.None).Distinct().ToArray();

            private readonly ThreadLocal<List<IOperation>> _current = new ThreadLocal<List<IOperation>>(() => new List<IOperation>());

            public ConcurrentBag<IOperation> HandedOut { get; } = new ConcurrentBag<IOperation>();

            public ConcurrentBag<IOperation> Visited { get; } = new ConcurrentBag<IOperation>();

            public ConcurrentBag<string> OutOfOrder { get; } = new ConcurrentBag<string>();

            private int _blocks;

            public int Blocks => _blocks;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
                new DiagnosticDescriptor("WALK0001", "Walk", "Walk", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true));

            public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterOperationAction(c => HandedOut.Add(c.Operation), AllKinds);
                context.RegisterOperationBlockAction(block =>
                {
                    Interlocked.Increment(ref _blocks);
                    var order = _current.Value!;
                    order.Clear();
                    BlockWalk.Walk(block.OperationBlocks, this, block.CancellationToken);
                    var expected = block.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).ToList();
                    if (!order.SequenceEqual(expected))
                    {
                        OutOfOrder.Add($"{block.OwningSymbol}: {order.Count} visited, {expected.Count} in pre-order");
                    }

                    foreach (var operation in order)
                    {
                        Visited.Add(operation);
                    }
                });
            }

            void IBlockVisitor.Visit(IOperation operation) => _current.Value!.Add(operation);
        }
    }
}
