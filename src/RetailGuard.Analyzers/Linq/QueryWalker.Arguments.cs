using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>
    /// The walker's part that depends on values: the arguments a helper is judged with (<see cref="ArgumentBindings"/>), the
    /// lambdas and method groups a query is handed to (<c>scope(db.Customers)</c> with <c>scope</c> a
    /// <c>Func&lt;IQueryable&lt;T&gt;, IQueryable&lt;T&gt;&gt;</c>), and the branches one call's arguments settle.
    /// </summary>
    internal sealed partial class QueryWalker
    {
        /// <summary>Most states a helper judged for one call may have before the general summary is used instead.</summary>
        private const int MaxSpecialisedStates = 16;

        /// <summary>The arguments of the call this walk judges a helper for, or null for the general walk.</summary>
        private readonly ArgumentBindings? _bindings;

        /// <summary>The lambda whose transfer this walk computes: its returns hand the query back.</summary>
        private IAnonymousFunctionOperation? _returnsFrom;

        private LinqLowering Lowering() => new LinqLowering(_context, _bindings, _cancellationToken);

        /// <summary>
        /// What a call that takes the query as argument <paramref name="ordinal"/> and returns a query applies to it, one state per
        /// path; null when it cannot be followed. A delegate invocation applies what each lambda or method it can run applies; a
        /// method of this compilation applies its summary, judged with this call's arguments when they settle its branches or values.
        /// </summary>
        private ImmutableArray<ChainState>? Transfers(IInvocationOperation call, int ordinal, int depth)
        {
            var method = call.TargetMethod;
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                return call.Instance == null ? null : DelegateTransfers(call.Instance, ordinal, depth);
            }

            var general = _context.Summaries.Transfer(method.OriginalDefinition, ordinal, depth + 1, _cancellationToken);
            if (general == null || method.Parameters.Length < 2 || !DependsOnArguments(general.Value, method))
            {
                return general;
            }

            var bindings = ArgumentBindings.For(call, _bindings);
            if (bindings == null)
            {
                return general;
            }

            var specialised = _context.Summaries.Transfer(method.OriginalDefinition, ordinal, depth + 1, _cancellationToken, bindings);
            return specialised != null && specialised.Value.Length <= MaxSpecialisedStates ? specialised : general;
        }

        /// <summary>
        /// True when a helper's summary may change with its arguments (it has some): it has more than one path, or a predicate on
        /// one of them compares with a value that is not proven for every call.
        /// </summary>
        public static bool DependsOnArguments(ImmutableArray<ChainState> states, IMethodSymbol method)
        {
            if (method.Parameters.Length < 1)
            {
                return false;
            }

            if (states.Length > 1)
            {
                return true;
            }

            foreach (var state in states)
            {
                foreach (var predicate in state.Before)
                {
                    if (HasUnprovenValue(predicate, 0))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasUnprovenValue(Predicate predicate, int depth)
        {
            if (depth > 32)
            {
                return true;
            }

            switch (predicate)
            {
                case ComparePredicate compare:
                    return compare.Value.Kind != OperandKind.Own && compare.Value.Kind != OperandKind.Literal;
                case InSetPredicate set:
                    foreach (var value in set.Values)
                    {
                        if (value.Kind != OperandKind.Own && value.Kind != OperandKind.Literal)
                        {
                            return true;
                        }
                    }

                    return false;
                case AndPredicate and:
                    return AnyUnproven(and.Items, depth);
                case OrPredicate or:
                    return AnyUnproven(or.Items, depth);
                case NotPredicate not:
                    return HasUnprovenValue(not.Operand, depth + 1);
                case OpaquePredicate _:
                    return true;
                default:
                    return false;
            }
        }

        private static bool AnyUnproven(ImmutableArray<Predicate> items, int depth)
        {
            foreach (var item in items)
            {
                if (HasUnprovenValue(item, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What the delegate <paramref name="value"/> applies to the query it is given: the union over every target it can run.</summary>
        private ImmutableArray<ChainState>? DelegateTransfers(IOperation value, int ordinal, int depth)
        {
            var targets = DelegateTargets.Of(_context, value, _bindings, _cancellationToken);
            if (targets == null || targets.Count == 0)
            {
                return null;
            }

            var states = ImmutableArray.CreateBuilder<ChainState>();
            foreach (var target in targets)
            {
                if (target.Method is { } method)
                {
                    var definition = method.ReducedFrom ?? method;
                    if (Ef.IsLinqOperatorType(definition.ContainingType?.OriginalDefinition))
                    {
                        // A LINQ operator as a method group (Queryable.AsQueryable): not followed.
                        return null;
                    }

                    if (_context.Policy.IsSanctionedFilter(method))
                    {
                        if (ordinal != 0)
                        {
                            return null;
                        }

                        states.Add(ChainState.Initial.WithPredicate(Predicate.Sanctioned, value));
                        continue;
                    }

                    var applied = _context.Summaries.Transfer(definition.OriginalDefinition, ordinal, depth + 1, _cancellationToken);
                    if (applied == null)
                    {
                        return null;
                    }

                    states.AddRange(applied.Value);
                    continue;
                }

                var lambda = target.Lambda!;
                if (ordinal >= lambda.Symbol.Parameters.Length)
                {
                    return null;
                }

                var outcomes = new List<Outcome>();
                var walker = new QueryWalker(_context, _cancellationToken, target.Bindings) { _returnsFrom = lambda };
                walker.FollowVariableFrom(lambda.Symbol.Parameters[ordinal], lambda.Body, lambda.Body.Syntax.SpanStart, null, ChainState.Initial, depth + 1, outcomes);
                foreach (var outcome in outcomes)
                {
                    switch (outcome.Kind)
                    {
                        case OutcomeKind.Returned:
                            states.Add(outcome.State);
                            break;
                        case OutcomeKind.Executed:
                            states.Add(outcome.State.AsRanInCallee());
                            break;
                    }
                }
            }

            return states.Count == 0 ? (ImmutableArray<ChainState>?)null : states.ToImmutable();
        }

        /// <summary>
        /// Every state in which the delegate value <paramref name="selector"/> returns a deferred query of <paramref name="entity"/>
        /// when it is invoked (<c>_select(db)</c> with <c>_select</c> given <c>d =&gt; d.Customers</c> by the callers): the
        /// union over each lambda or method it can run. A target RetailGuard cannot see, or one that returns a query it cannot
        /// follow, gives a state that is not proven.
        /// </summary>
        public static ImmutableArray<ChainState> DelegateProducer(AnalysisContext context, IOperation selector, ITypeSymbol entity, int depth, System.Threading.CancellationToken cancellationToken)
        {
            var unproven = ImmutableArray.Create(ChainState.Initial.AsUnverifiable());
            var targets = depth > AnalysisContext.MaxCallDepth ? null : DelegateTargets.Of(context, selector, null, cancellationToken);
            if (targets == null || targets.Count == 0)
            {
                return unproven;
            }

            var states = ImmutableArray.CreateBuilder<ChainState>();
            foreach (var target in targets)
            {
                int before = states.Count;
                if (target.Lambda is { } lambda)
                {
                    foreach (var op in lambda.Body.Descendants())
                    {
                        if (!(op is IPropertyReferenceOperation || op is IInvocationOperation || op is IFieldReferenceOperation))
                        {
                            continue;
                        }

                        var source = QuerySource.TryCreate(context, op, depth + 1, cancellationToken);
                        if (source == null || !SymbolEqualityComparer.Default.Equals(source.Entity, entity))
                        {
                            continue;
                        }

                        var walker = new QueryWalker(context, cancellationToken, target.Bindings) { _returnsFrom = lambda };
                        foreach (var initial in source.InitialStates)
                        {
                            foreach (var outcome in walker.Walk(op, initial, depth + 1))
                            {
                                if (outcome.Kind == OutcomeKind.Returned)
                                {
                                    states.Add(outcome.State);
                                }
                            }
                        }
                    }
                }
                else if (target.Method is { } method && context.IsInSource(method))
                {
                    states.AddRange(context.Summaries.Producer(method.OriginalDefinition, entity, depth + 1, cancellationToken));
                }

                if (states.Count == before)
                {
                    states.Add(ChainState.Initial.AsUnverifiable());
                }
            }

            return states.ToImmutable();
        }

        /// <summary>
        /// True when <paramref name="lambda"/> is a delegate handed to a method or constructor of this compilation (a selector such
        /// as <c>new Repository&lt;Customer&gt;(d =&gt; d.Customers)</c>): what it returns is read where that code invokes it,
        /// and judged there.
        /// </summary>
        private bool IsSelectorForSourceCode(IAnonymousFunctionOperation lambda)
        {
            if (QueryFilterBypass.IsExpressionTree(lambda))
            {
                return false;
            }

            var use = lambda.Parent;
            while (use is IConversionOperation || use is IDelegateCreationOperation)
            {
                use = use.Parent;
            }

            IMethodSymbol? target = (use as IArgumentOperation)?.Parent switch
            {
                IInvocationOperation call => call.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            return target != null && target.MethodKind != MethodKind.DelegateInvoke && _context.IsInSource(target) &&
                   !Ef.IsLinqOperatorType((target.ReducedFrom ?? target).ContainingType?.OriginalDefinition);
        }

        /// <summary>True when the walk computes the transfer of <paramref name="lambda"/>: a return from it hands the query back.</summary>
        private bool ReturnsFromTransfer(IAnonymousFunctionOperation lambda) => ReferenceEquals(lambda, _returnsFrom);

        /// <summary>True when <paramref name="read"/> sits in a branch the arguments of this walk rule out.</summary>
        private bool IsDead(IOperation read, IOperation root) => KnownConditions.IsDead(_context, read, root, _bindings, _cancellationToken);

        /// <summary>
        /// When <paramref name="statement"/> sits in a branch the arguments of this walk always take (<c>if (retailer != null) { … }</c>
        /// for a call that passes the own code), the statement that holds the branch; otherwise null.
        /// </summary>
        private IOperation? AlwaysTakenBranchOwner(IOperation statement)
        {
            if (_bindings == null)
            {
                return null;
            }

            var branch = statement;
            if (branch.Parent is IBlockOperation block && block.Parent is IConditionalOperation)
            {
                branch = block;
            }

            if (!(branch.Parent is IConditionalOperation conditional) || ReferenceEquals(conditional.Condition, branch))
            {
                return null;
            }

            // Only a branch whose statements all run: the store must be reached whenever the branch is.
            if (branch is IBlockOperation body)
            {
                foreach (var op in body.Operations)
                {
                    if (!(op is IExpressionStatementOperation))
                    {
                        return null;
                    }
                }
            }

            var known = KnownConditions.Evaluate(_context, conditional.Condition, _bindings, _cancellationToken);
            bool taken = ReferenceEquals(conditional.WhenTrue, branch) ? known == true : known == false;
            return taken ? conditional : null;
        }
    }
}
