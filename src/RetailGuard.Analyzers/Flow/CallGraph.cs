using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>What a quick walk of one method body finds, before any dataflow: its sinks, its sources and its callees.</summary>
    internal sealed class MethodFacts
    {
        public static readonly MethodFacts None = new MethodFacts(false, false, ImmutableArray<IMethodSymbol>.Empty);

        public MethodFacts(bool hasSink, bool hasSource, ImmutableArray<IMethodSymbol> callees)
        {
            HasSink = hasSink;
            HasSource = hasSource;
            Callees = callees;
        }

        /// <summary>An export or bulk sink is called in the body (lambdas and local functions included).</summary>
        public bool HasSink { get; }

        /// <summary>Something in the body can hand out rows of a guarded table: a query source, raw SQL, a call into code RetailGuard cannot see.</summary>
        public bool HasSource { get; }

        /// <summary>The method bodies of this compilation a call in the body can run (original definitions).</summary>
        public ImmutableArray<IMethodSymbol> Callees { get; }
    }

    /// <summary>What a method can do, counting everything it calls: reach a sink, and hand out unproven rows.</summary>
    internal readonly struct Reach
    {
        public Reach(bool maySink, bool mayOriginate)
        {
            MaySink = maySink;
            MayOriginate = mayOriginate;
        }

        public bool MaySink { get; }

        public bool MayOriginate { get; }
    }

    /// <summary>
    /// The call graph of the export analysis and the per-method results on it, computed once per compilation.
    /// Everything here walks with explicit stacks (Tarjan's strongly connected components), never with recursion whose
    /// depth the input decides. A method that can neither reach a sink nor hand out unproven rows gets a pass-through
    /// summary without any dataflow; the others are analysed once, callees first, and the members of a call cycle are
    /// iterated together to a fixed point (bounded; a cycle that does not settle is cut short and fails closed).
    /// </summary>
    internal sealed class CallGraph
    {
        /// <summary>Rounds a call cycle gets to settle before its members are cut short.</summary>
        public const int MaxCycleRounds = 4;

        private readonly TaintAnalysis _analysis;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFacts> _facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, Reach> _reach = new ConcurrentDictionary<IMethodSymbol, Reach>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFlowResult> _results = new ConcurrentDictionary<IMethodSymbol, MethodFlowResult>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, TaintSummary> _passThrough = new ConcurrentDictionary<IMethodSymbol, TaintSummary>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _guardedTypes = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        public CallGraph(TaintAnalysis analysis) => _analysis = analysis;

        private AnalysisContext Context => _analysis.Context;

        /// <summary>The method bodies of this compilation a call to <paramref name="target"/> can run.</summary>
        public ImmutableArray<IMethodSymbol> Bodies(IMethodSymbol target)
        {
            target = target.OriginalDefinition;
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            if (Context.IsInSource(target) && !target.IsAbstract && target.MethodKind != MethodKind.LocalFunction && !target.IsExtern)
            {
                builder.Add(target);
            }

            if (Implementations.IsDispatched(target))
            {
                foreach (var impl in Context.Implementations.Of(target))
                {
                    if (!SymbolEqualityComparer.Default.Equals(impl, target))
                    {
                        builder.Add(impl);
                    }
                }
            }

            return builder.ToImmutable();
        }

        public MethodFacts Facts(IMethodSymbol method, CancellationToken cancellationToken) =>
            _facts.GetOrAdd(method, m => ComputeFacts(m, cancellationToken));

        /// <summary>True for a type that can carry rows of a guarded table: an entity, a sequence of them, a Task of either.</summary>
        public bool IsGuardedType(ITypeSymbol? type) =>
            type != null && _guardedTypes.GetOrAdd(type, t => _analysis.IsGuardedData(t, out _));

        private MethodFacts ComputeFacts(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var body = Context.BodyOf(method, cancellationToken);
            if (body == null)
            {
                return MethodFacts.None;
            }

            bool hasSink = false, hasSource = false;
            var callees = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var op in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                IMethodSymbol? target = null;
                switch (op)
                {
                    case IInvocationOperation call:
                        target = call.TargetMethod;
                        hasSink = hasSink || _analysis.Sinks.Find(op) != null;
                        hasSource = hasSource || IsSourceCall(call);
                        break;
                    case IMethodReferenceOperation reference:
                        target = reference.Method;
                        break;
                    case IObjectCreationOperation creation:
                        hasSink = hasSink || _analysis.Sinks.Find(op) != null;
                        hasSource = hasSource || SqlSink.Find(op, Context.Known) != null;
                        break;
                    case ISimpleAssignmentOperation _:
                        hasSink = hasSink || _analysis.Sinks.Find(op) != null;
                        hasSource = hasSource || SqlSink.Find(op, Context.Known) != null;
                        break;
                    case IPropertyReferenceOperation property:
                        hasSource = hasSource || IsGuardedType(property.Type);
                        break;
                    case IFieldReferenceOperation field:
                        hasSource = hasSource || (field.Instance is not IInstanceReferenceOperation && field.Instance != null && IsGuardedType(field.Type));
                        break;
                }

                if (target == null || target.MethodKind == MethodKind.LocalFunction)
                {
                    continue;
                }

                foreach (var callee in Bodies(target))
                {
                    if (seen.Add(callee))
                    {
                        callees.Add(callee);
                    }
                }
            }

            return new MethodFacts(hasSink, hasSource, callees.ToImmutableArray());
        }

        /// <summary>A call that may hand out rows: raw SQL, a query source, or a method of this or another assembly that returns guarded data.</summary>
        private bool IsSourceCall(IInvocationOperation call)
        {
            if (SqlSink.Find(call, Context.Known) != null)
            {
                return true;
            }

            if (!IsGuardedType(call.Type))
            {
                return false;
            }

            // A method of this compilation with a body is followed through its own facts; anything else is a source.
            return Bodies(call.TargetMethod).IsEmpty || Context.Ef.IsDbSet(call.Type, out _) || Context.Ef.IsQueryable(call.Type);
        }

        /// <summary>What <paramref name="method"/> can do, counting everything it calls (cycles included).</summary>
        public Reach ReachOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_reach.TryGetValue(method, out var known))
            {
                return known;
            }

            var sccs = new Tarjan(this, cancellationToken, m => !_reach.ContainsKey(m)).Run(method);
            foreach (var scc in sccs)
            {
                bool sink = false, origin = false;
                foreach (var member in scc)
                {
                    var facts = Facts(member, cancellationToken);
                    sink |= facts.HasSink;
                    origin |= facts.HasSource;
                    foreach (var callee in facts.Callees)
                    {
                        if (_reach.TryGetValue(callee, out var r))
                        {
                            sink |= r.MaySink;
                            origin |= r.MayOriginate;
                        }
                    }
                }

                var reach = new Reach(sink, origin);
                foreach (var member in scc)
                {
                    _reach.TryAdd(member, reach);
                }
            }

            return _reach.TryGetValue(method, out known) ? known : new Reach(true, true);
        }

        /// <summary>
        /// The analysis of a method body as the root of its own export findings: null when it can neither reach a sink nor
        /// hand out unproven rows, since then it cannot have a finding.
        /// </summary>
        public MethodFlowResult? RootResult(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            var reach = ReachOf(method, cancellationToken);
            if (!reach.MaySink || !reach.MayOriginate)
            {
                return null;
            }

            Ensure(method, cancellationToken);
            return _results.TryGetValue(method, out var result) ? result : null;
        }

        /// <summary>The summary of one method body (an original definition with a body in this compilation).</summary>
        public TaintSummary Summary(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_results.TryGetValue(method, out var done))
            {
                return done.Summary;
            }

            if (!NeedsDataflow(method, cancellationToken))
            {
                return _passThrough.GetOrAdd(method, TaintSummary.PassThrough);
            }

            Ensure(method, cancellationToken);
            return _results.TryGetValue(method, out done) ? done.Summary : TaintSummary.PassThrough(method);
        }

        private bool NeedsDataflow(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var reach = ReachOf(method, cancellationToken);
            return reach.MaySink || reach.MayOriginate;
        }

        /// <summary>Analyses <paramref name="method"/> and every callee it needs, callees first, cycles to a fixed point.</summary>
        private void Ensure(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var sccs = new Tarjan(this, cancellationToken, m => !_results.ContainsKey(m) && NeedsDataflow(m, cancellationToken)).Run(method);
            foreach (var scc in sccs)
            {
                if (scc.Count == 1 && !CallsItself(scc[0], cancellationToken))
                {
                    var result = Analyze(scc[0], null, cancellationToken);
                    _results.TryAdd(scc[0], result);
                    continue;
                }

                var provisional = new Dictionary<IMethodSymbol, TaintSummary>(SymbolEqualityComparer.Default);
                foreach (var member in scc)
                {
                    provisional[member] = TaintSummary.Empty;
                }

                var results = new Dictionary<IMethodSymbol, MethodFlowResult>(SymbolEqualityComparer.Default);
                bool settled = false;
                for (int round = 0; round < MaxCycleRounds && !settled; round++)
                {
                    settled = true;
                    foreach (var member in scc)
                    {
                        var result = Analyze(member, provisional, cancellationToken);
                        results[member] = result;
                        if (!result.Summary.SameAs(provisional[member]))
                        {
                            settled = false;
                            provisional[member] = result.Summary;
                        }
                    }
                }

                foreach (var member in scc)
                {
                    var result = results[member];
                    _results.TryAdd(member, settled ? result : result.AsCutShort(member, _analysis));
                }
            }
        }

        private bool CallsItself(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var callee in Facts(method, cancellationToken).Callees)
            {
                if (SymbolEqualityComparer.Default.Equals(callee, method))
                {
                    return true;
                }
            }

            return false;
        }

        private MethodFlowResult Analyze(IMethodSymbol method, Dictionary<IMethodSymbol, TaintSummary>? provisional, CancellationToken cancellationToken)
        {
            TaintSummary Resolve(IMethodSymbol body)
            {
                if (provisional != null && provisional.TryGetValue(body, out var p))
                {
                    return p;
                }

                if (_results.TryGetValue(body, out var r))
                {
                    return r.Summary;
                }

                // Callees are analysed first; only a method that needs no dataflow is met here.
                return _passThrough.GetOrAdd(body, TaintSummary.PassThrough);
            }

            var root = Context.BodyOf(method, cancellationToken);
            if (root == null)
            {
                return new MethodFlowResult(TaintSummary.PassThrough(method), ImmutableArray<SinkHit>.Empty, 0);
            }

            return MethodFlow.Analyze(_analysis, method, root, Resolve, cancellationToken);
        }

        /// <summary>Tarjan's strongly connected components over the callee edges, with explicit stacks; components come out callees first.</summary>
        private sealed class Tarjan
        {
            private readonly CallGraph _graph;
            private readonly CancellationToken _cancellationToken;
            private readonly Func<IMethodSymbol, bool> _include;
            private readonly Dictionary<IMethodSymbol, int> _index = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            private readonly Dictionary<IMethodSymbol, int> _low = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
            private readonly HashSet<IMethodSymbol> _onStack = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            private readonly Stack<IMethodSymbol> _stack = new Stack<IMethodSymbol>();

            public Tarjan(CallGraph graph, CancellationToken cancellationToken, Func<IMethodSymbol, bool> include)
            {
                _graph = graph;
                _cancellationToken = cancellationToken;
                _include = include;
            }

            public List<List<IMethodSymbol>> Run(IMethodSymbol root)
            {
                var components = new List<List<IMethodSymbol>>();
                if (!_include(root))
                {
                    return components;
                }

                var work = new Stack<(IMethodSymbol Node, int Next)>();
                Visit(root, work);
                while (work.Count > 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var (node, next) = work.Pop();
                    var callees = _graph.Facts(node, _cancellationToken).Callees;
                    if (next < callees.Length)
                    {
                        work.Push((node, next + 1));
                        var callee = callees[next];
                        if (!_include(callee))
                        {
                            continue;
                        }

                        if (!_index.ContainsKey(callee))
                        {
                            Visit(callee, work);
                        }
                        else if (_onStack.Contains(callee))
                        {
                            _low[node] = Math.Min(_low[node], _index[callee]);
                        }

                        continue;
                    }

                    // All callees done: propagate the low link to the caller, and close a component at its root.
                    if (work.Count > 0)
                    {
                        var parent = work.Peek().Node;
                        _low[parent] = Math.Min(_low[parent], _low[node]);
                    }

                    if (_low[node] == _index[node])
                    {
                        var component = new List<IMethodSymbol>();
                        IMethodSymbol member;
                        do
                        {
                            member = _stack.Pop();
                            _onStack.Remove(member);
                            component.Add(member);
                        }
                        while (!SymbolEqualityComparer.Default.Equals(member, node));

                        components.Add(component);
                    }
                }

                return components;
            }

            private void Visit(IMethodSymbol node, Stack<(IMethodSymbol Node, int Next)> work)
            {
                int i = _index.Count;
                _index[node] = i;
                _low[node] = i;
                _stack.Push(node);
                _onStack.Add(node);
                work.Push((node, 0));
            }
        }
    }
}
