using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Linq
{
    /// <summary>
    /// Per-method facts computed once per compilation: what a method that returns a query of protected rows has
    /// applied to it (a producer summary), and what a method that takes a query and returns it applies (a transfer summary).
    /// </summary>
    internal sealed class MethodSummaries
    {
        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<(IMethodSymbol, ITypeSymbol), ImmutableArray<ChainState>> _producers =
            new ConcurrentDictionary<(IMethodSymbol, ITypeSymbol), ImmutableArray<ChainState>>(new PairComparer<ITypeSymbol>());

        private readonly ConcurrentDictionary<(IMethodSymbol, int), ImmutableArray<ChainState>?> _transfers =
            new ConcurrentDictionary<(IMethodSymbol, int), ImmutableArray<ChainState>?>(new PairComparer<int>());

        public MethodSummaries(AnalysisContext context) => _context = context;

        /// <summary>Every state in which the method can return a deferred query of <paramref name="entity"/>.</summary>
        public ImmutableArray<ChainState> Producer(IMethodSymbol method, ITypeSymbol entity, int depth, CancellationToken cancellationToken)
        {
            if (depth > AnalysisContext.MaxCallDepth)
            {
                return ImmutableArray.Create(ChainState.Initial.AsUnverifiable());
            }

            var key = (method, entity);
            if (_producers.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var result = ComputeProducer(method, entity, depth, cancellationToken);
            _producers.TryAdd(key, result);
            return result;
        }

        /// <summary>The producer summary judged for one call (<paramref name="bindings"/> hold its arguments); not remembered.</summary>
        public ImmutableArray<ChainState> Producer(IMethodSymbol method, ITypeSymbol entity, int depth, CancellationToken cancellationToken, Flow.ArgumentBindings bindings) =>
            depth > AnalysisContext.MaxCallDepth
                ? ImmutableArray.Create(ChainState.Initial.AsUnverifiable())
                : ComputeProducer(method, entity, depth, cancellationToken, bindings);

        private ImmutableArray<ChainState> ComputeProducer(IMethodSymbol method, ITypeSymbol entity, int depth, CancellationToken cancellationToken, Flow.ArgumentBindings? bindings = null)
        {
            var states = ImmutableArray.CreateBuilder<ChainState>();
            if (Implementations.IsDispatched(method))
            {
                // A virtual, abstract or interface member: the query comes from whichever implementation runs. Every
                // implementation in the compilation is judged; with none to see, the query is not proven.
                int seen = 0;
                if (!method.IsAbstract && _context.BodyOf(method, cancellationToken) != null)
                {
                    seen++;
                    AddProducerStates(method, entity, depth, cancellationToken, bindings, states);
                }

                foreach (var implementation in _context.Implementations.Of(method))
                {
                    if (SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition) || implementation.IsAbstract)
                    {
                        continue;
                    }

                    seen++;
                    if (!_context.IsInSource(implementation) || depth + 1 > AnalysisContext.MaxCallDepth)
                    {
                        states.Add(ChainState.Initial.AsUnverifiable());
                        continue;
                    }

                    AddProducerStates(implementation.OriginalDefinition, entity, depth + 1, cancellationToken, null, states);
                }

                if (seen == 0)
                {
                    states.Add(ChainState.Initial.AsUnverifiable());
                }

                return states.ToImmutable();
            }

            AddProducerStates(method, entity, depth, cancellationToken, bindings, states);
            return states.ToImmutable();
        }

        private void AddProducerStates(IMethodSymbol method, ITypeSymbol entity, int depth, CancellationToken cancellationToken, Flow.ArgumentBindings? bindings,
            ImmutableArray<ChainState>.Builder states)
        {
            var body = _context.BodyOf(method, cancellationToken);
            if (body == null)
            {
                return;
            }

            // In a generic method or a member of a generic type, a DbSet of a type parameter stands for the entity judged.
            var typeParameterEntity = method.IsGenericMethod || method.ContainingType?.IsGenericType == true ? entity : null;
            foreach (var op in body.DescendantsAndSelf())
            {
                if (!(op is IPropertyReferenceOperation || op is IInvocationOperation || op is IFieldReferenceOperation))
                {
                    continue;
                }

                var source = QuerySource.TryCreate(_context, op, depth, cancellationToken, typeParameterEntity);
                if (source == null || !SymbolEqualityComparer.Default.Equals(source.Entity, entity))
                {
                    continue;
                }

                var walker = new QueryWalker(_context, cancellationToken, bindings);
                foreach (var initial in source.InitialStates)
                {
                    foreach (var outcome in walker.Walk(op, initial, depth))
                    {
                        if (outcome.Kind == OutcomeKind.Returned)
                        {
                            states.Add(outcome.State);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// What the method applies to the query it receives as parameter <paramref name="ordinal"/> before it returns it or runs
        /// it (<see cref="ChainState.RanInCallee"/>), one state per path; null when it does neither.
        /// </summary>
        public ImmutableArray<ChainState>? Transfer(IMethodSymbol method, int ordinal, int depth, CancellationToken cancellationToken)
        {
            if (depth > AnalysisContext.MaxCallDepth || !_context.IsInSource(method) || ordinal >= method.Parameters.Length)
            {
                return null;
            }

            var key = (method, ordinal);
            if (_transfers.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var result = ComputeTransfer(method, ordinal, depth, cancellationToken);
            _transfers.TryAdd(key, result);
            return result;
        }

        /// <summary>
        /// The transfer summary judged for one call (<paramref name="bindings"/> hold its arguments): values and branches its
        /// arguments settle are settled. Not remembered: each call has its own.
        /// </summary>
        public ImmutableArray<ChainState>? Transfer(IMethodSymbol method, int ordinal, int depth, CancellationToken cancellationToken, Flow.ArgumentBindings bindings) =>
            depth > AnalysisContext.MaxCallDepth || !_context.IsInSource(method) || ordinal >= method.Parameters.Length
                ? null
                : ComputeTransfer(method, ordinal, depth, cancellationToken, bindings);

        private ImmutableArray<ChainState>? ComputeTransfer(IMethodSymbol method, int ordinal, int depth, CancellationToken cancellationToken, Flow.ArgumentBindings? bindings = null)
        {
            var body = _context.BodyOf(method, cancellationToken);
            if (body == null)
            {
                return null;
            }

            var outcomes = new List<Outcome>();
            var walker = new QueryWalker(_context, cancellationToken, bindings);
            walker.FollowVariableFrom(method.Parameters[ordinal], body, body.Syntax.SpanStart, null, ChainState.Initial, depth, outcomes);
            var states = ImmutableArray.CreateBuilder<ChainState>();
            foreach (var outcome in outcomes)
            {
                switch (outcome.Kind)
                {
                    case OutcomeKind.Returned:
                        states.Add(outcome.State);
                        break;
                    case OutcomeKind.Executed:
                        // The method runs the query itself: its callers judge it with what the method applied.
                        states.Add(outcome.State.AsRanInCallee());
                        break;
                }
            }

            return states.Count == 0 ? (ImmutableArray<ChainState>?)null : states.ToImmutable();
        }

        private sealed class PairComparer<T> : IEqualityComparer<(IMethodSymbol, T)>
        {
            public bool Equals((IMethodSymbol, T) x, (IMethodSymbol, T) y) =>
                SymbolEqualityComparer.Default.Equals(x.Item1, y.Item1) &&
                (x.Item2 is ISymbol a && y.Item2 is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : EqualityComparer<T>.Default.Equals(x.Item2, y.Item2));

            public int GetHashCode((IMethodSymbol, T) obj) =>
                (SymbolEqualityComparer.Default.GetHashCode(obj.Item1) * 397) ^
                (obj.Item2 is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : EqualityComparer<T>.Default.GetHashCode(obj.Item2!));
        }
    }
}
