using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    internal enum OutcomeKind
    {
        /// <summary>The query ran (or escaped where RetailGuard cannot follow it): judge it now.</summary>
        Executed,

        /// <summary>The query, still deferred, is returned from its method: its callers judge it.</summary>
        Returned,

        /// <summary>The query was not read at all (for example only Add or Remove was called on the set).</summary>
        NotRead,
    }

    internal sealed class Outcome
    {
        public Outcome(OutcomeKind kind, ChainState state)
        {
            Kind = kind;
            State = state;
        }

        public OutcomeKind Kind { get; }

        public ChainState State { get; }

        /// <summary>For <see cref="OutcomeKind.Returned"/>: the method that returns the query.</summary>
        public IMethodSymbol? Method { get; set; }
    }

    /// <summary>
    /// Follows one protected source up through its query chain: operators, locals, conditionals, returns and
    /// calls, and records what was applied before rows were loaded on every path.
    /// </summary>
    internal sealed partial class QueryWalker
    {
        private const int MaxForks = 64;
        private const int MaxSteps = 2000;

        private static readonly ImmutableHashSet<string> PassThrough = ImmutableHashSet.Create(
            "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending", "Skip", "Take", "SkipLast", "TakeLast",
            "SkipWhile", "TakeWhile", "Distinct", "DistinctBy", "Reverse", "AsNoTracking", "AsNoTrackingWithIdentityResolution", "AsTracking",
            "AsSplitQuery", "AsSingleQuery", "TagWith", "TagWithCallSite", "Include", "ThenInclude", "IgnoreAutoIncludes", "AsQueryable",
            "Cast", "OfType", "DefaultIfEmpty", "Append", "Prepend", "Concat", "Union", "UnionBy", "Intersect", "IntersectBy", "Except",
            "ExceptBy", "TemporalAll", "TemporalAsOf", "TemporalBetween", "TemporalContainedIn", "TemporalFromTo", "WithTimeout");

        private static readonly ImmutableHashSet<string> Loaders = ImmutableHashSet.Create(
            "AsEnumerable", "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup", "AsAsyncEnumerable", "ToListAsync", "ToArrayAsync",
            "ToDictionaryAsync", "ToHashSetAsync", "ToLookupAsync");

        private static readonly ImmutableHashSet<string> PredicateTerminals = ImmutableHashSet.Create(
            "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "Count", "LongCount",
            "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync", "LastAsync", "LastOrDefaultAsync", "AnyAsync",
            "CountAsync", "LongCountAsync");

        private static readonly ImmutableHashSet<string> Writes = ImmutableHashSet.Create(
            "Add", "AddAsync", "AddRange", "AddRangeAsync", "Attach", "AttachRange", "Remove", "RemoveRange", "Update", "UpdateRange", "Entry");

        private readonly AnalysisContext _context;
        private readonly CancellationToken _cancellationToken;
        private int _forks;
        private int _steps;

        /// <param name="bindings">The arguments of the call a helper's body is walked for, or null.</param>
        public QueryWalker(AnalysisContext context, CancellationToken cancellationToken, ArgumentBindings? bindings = null)
        {
            _context = context;
            _cancellationToken = cancellationToken;
            _bindings = bindings;
        }

        private EfSymbols Ef => _context.Ef;

        public List<Outcome> Walk(IOperation source, ChainState initial, int depth)
        {
            var outcomes = new List<Outcome>();
            int before = _steps;
            WalkFrom(source, initial, depth, outcomes);
            _context.CountQueryWork(_steps - before);
            return outcomes;
        }

        private void WalkFrom(IOperation current, ChainState state, int depth, List<Outcome> outcomes)
        {
            while (true)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (++_steps > MaxSteps)
                {
                    outcomes.Add(new Outcome(OutcomeKind.Executed, state.AsUnverifiable()));
                    return;
                }

                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation _:
                    case IAwaitOperation _:
                    case ICoalesceOperation _:
                    case IConditionalOperation c when !ReferenceEquals(c.Condition, current):
                        current = parent;
                        continue;

                    case ISwitchExpressionArmOperation arm when ReferenceEquals(arm.Value, current):
                        current = arm.Parent!;
                        continue;

                    case IArgumentOperation argument when argument.Parent is IInvocationOperation call && argument.Parameter != null:
                        {
                            var next = Call(call, argument.Parameter.Ordinal, state, depth, outcomes);
                            if (next == null)
                            {
                                return;
                            }

                            current = call;
                            state = next;
                            continue;
                        }

                    case IInvocationOperation call when ReferenceEquals(call.Instance, current):
                        {
                            string name = call.TargetMethod.Name;
                            if (Ef.IsNavigationEntry(call.TargetMethod.ContainingType))
                            {
                                // Explicit loading: Query() starts a query of the related rows, Load/LoadAsync read them;
                                // anything else on the entry (IsLoaded, metadata) reads nothing.
                                if (name == "Query")
                                {
                                    current = call;
                                    continue;
                                }

                                outcomes.Add(name is "Load" or "LoadAsync"
                                    ? new Outcome(OutcomeKind.Executed, state.WithMaterializer(call))
                                    : new Outcome(OutcomeKind.NotRead, state));
                                return;
                            }

                            if (Writes.Contains(name))
                            {
                                outcomes.Add(new Outcome(OutcomeKind.NotRead, state));
                                return;
                            }

                            if (name == "AsQueryable" || name == "AsAsyncEnumerable")
                            {
                                current = call;
                                continue;
                            }

                            outcomes.Add(new Outcome(OutcomeKind.Executed, state.WithMaterializer(call)));
                            return;
                        }

                    case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                        // DbSet.Local, metadata such as EntityType, and the state of a navigation entry do not query the database.
                        outcomes.Add(new Outcome(property.Property.Name is "Local" or "EntityType" || Ef.IsNavigationEntry(property.Property.ContainingType)
                            ? OutcomeKind.NotRead
                            : OutcomeKind.Executed, state));
                        return;

                    case IVariableInitializerOperation init when init.Parent is IVariableDeclaratorOperation declarator:
                        FollowVariable(declarator.Symbol, declarator, state, depth, outcomes);
                        return;

                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current) &&
                                                                   (assignment.Target is ILocalReferenceOperation || assignment.Target is IParameterReferenceOperation):
                        {
                            ISymbol symbol = assignment.Target is ILocalReferenceOperation l ? l.Local : ((IParameterReferenceOperation)assignment.Target).Parameter;
                            FollowVariable(symbol, assignment, state, depth, outcomes);
                            return;
                        }

                    case IReturnOperation ret:
                        if (Return(ret, ref current, ref state, outcomes))
                        {
                            continue;
                        }

                        return;

                    case IForEachLoopOperation loop when ReferenceEquals(loop.Collection, current):
                        outcomes.Add(new Outcome(OutcomeKind.Executed, state.WithMaterializer(loop)));
                        return;

                    default:
                        outcomes.Add(new Outcome(OutcomeKind.Executed, state));
                        return;
                }
            }
        }

        /// <summary>Handles the query passed as argument <paramref name="ordinal"/> of a call; returns the state after the call, or null when the walk ends there.</summary>
        private ChainState? Call(IInvocationOperation call, int ordinal, ChainState state, int depth, List<Outcome> outcomes)
        {
            var method = call.TargetMethod;
            var definition = method.ReducedFrom ?? method;
            if (_context.Policy.IsSanctionedFilter(method) && ordinal == 0)
            {
                return state.WithPredicate(Predicate.Sanctioned, call);
            }

            if (Ef.IsLinqOperatorType(definition.ContainingType?.OriginalDefinition))
            {
                return Operator(call, definition.Name, ordinal, state, outcomes);
            }

            // A method of this compilation (or a delegate) that takes the query and hands it back or runs it: apply what it does.
            if (depth < AnalysisContext.MaxCallDepth && !state.IsMaterialized)
            {
                var transfers = Transfers(call, ordinal, depth);
                if (transfers != null)
                {
                    foreach (var applied in transfers)
                    {
                        if (!Fork())
                        {
                            outcomes.Add(new Outcome(OutcomeKind.Executed, state.AsUnverifiable()));
                            return null;
                        }

                        if (applied.RanInCallee)
                        {
                            outcomes.Add(new Outcome(OutcomeKind.Executed, state.RunBy(applied)));
                            continue;
                        }

                        WalkFrom(call, state.Then(applied), depth, outcomes);
                    }

                    return null;
                }
            }

            outcomes.Add(new Outcome(OutcomeKind.Executed, state));
            return null;
        }

        private ChainState? Operator(IInvocationOperation call, string name, int ordinal, ChainState state, List<Outcome> outcomes)
        {
            var definition = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!state.IsMaterialized && Ef.IsEnumerableOperatorType(definition.ContainingType?.OriginalDefinition))
            {
                // An in-memory operator on a query loads every row first.
                state = state.WithMaterializer(call);
            }

            IOperation? Arg(int i) => i < call.Arguments.Length ? OperationTree.ArgumentFor(call, i) : null;

            switch (name)
            {
                case "FromSqlRaw":
                case "FromSqlInterpolated":
                case "FromSql":
                    // The SQL text is judged by the raw-SQL analysis, which counts what EF Core composes over it
                    // (RawSqlComposition): the rows are not read here.
                    outcomes.Add(new Outcome(OutcomeKind.NotRead, state));
                    return null;
                case "Where":
                    return state.WithPredicate(Lowering().LowerLambda(Arg(1), 0, state.Shape), call);
                case "Select":
                    return state.WithShape(Lowering().Project(Arg(1), 0, state.Shape));
                case "SelectMany":
                    return state.WithShape(ordinal == 0 && call.Arguments.Length >= 3 ? Lowering().Project(Arg(2), 0, state.Shape) : null);
                case "Join":
                    return state.WithShape(ordinal <= 1 && call.Arguments.Length >= 5 ? Lowering().Project(Arg(4), ordinal, state.Shape) : null);
                case "GroupJoin":
                    return ordinal == 1
                        ? GroupJoinInner(call, state)
                        : state.WithShape(ordinal == 0 && call.Arguments.Length >= 5 ? Lowering().Project(Arg(4), 0, state.Shape) : null);
                case "IgnoreQueryFilters":
                    {
                        var names = call.Arguments.Length > 1 ? QueryFilterBypass.Names(call.Arguments[1].Value) : ImmutableArray<string>.Empty;
                        bool all = call.Arguments.Length <= 1 || names.IsDefault;
                        return state.WithBypass(call, all, names.IsDefault ? ImmutableArray<string>.Empty : names);
                    }
            }

            if (PassThrough.Contains(name))
            {
                return state;
            }

            if (Loaders.Contains(name))
            {
                return state.WithMaterializer(call);
            }

            if (PredicateTerminals.Contains(name) && Arg(1) is { } predicate && OperationTree.AsLambda(predicate) != null)
            {
                state = state.WithPredicate(Lowering().LowerLambda(predicate, 0, state.Shape), call);
            }

            // Everything else (aggregates, element operators, ExecuteUpdate/ExecuteDelete, grouping) runs the query here
            // or turns the element into something RetailGuard does not follow.
            if (name is "GroupBy" or "Zip" or "Chunk" or "Aggregate")
            {
                return state.WithShape(null);
            }

            outcomes.Add(new Outcome(OutcomeKind.Executed, state.WithMaterializer(call)));
            return null;
        }

        private bool Return(IReturnOperation ret, ref IOperation current, ref ChainState state, List<Outcome> outcomes)
        {
            var function = OperationTree.EnclosingFunction(ret);
            if (function is IAnonymousFunctionOperation lambda)
            {
                // A lambda that yields the query: the collection selector of SelectMany continues the chain.
                var lambdaUse = lambda.Parent;
                while (lambdaUse is IConversionOperation || lambdaUse is IDelegateCreationOperation)
                {
                    lambdaUse = lambdaUse.Parent;
                }

                if (lambdaUse is IArgumentOperation { Parameter: { Ordinal: 1 } } arg && arg.Parent is IInvocationOperation call &&
                    (call.TargetMethod.ReducedFrom ?? call.TargetMethod).Name == "SelectMany" &&
                    Ef.IsLinqOperatorType((call.TargetMethod.ReducedFrom ?? call.TargetMethod).ContainingType?.OriginalDefinition))
                {
                    state = state.WithShape(call.Arguments.Length >= 3 ? Lowering().Project(OperationTree.ArgumentFor(call, 2), 1, state.Shape) : state.Shape);
                    current = call;
                    return true;
                }

                if (ReturnsFromTransfer(lambda) && !state.IsMaterialized)
                {
                    outcomes.Add(new Outcome(OutcomeKind.Returned, state));
                    return false;
                }

                if (!state.IsMaterialized && IsSelectorForSourceCode(lambda))
                {
                    // A selector handed to code of this compilation reads nothing itself: where that code invokes it, the
                    // invocation is a source judged with this lambda (DelegateProducer).
                    outcomes.Add(new Outcome(OutcomeKind.NotRead, state));
                    return false;
                }

                outcomes.Add(new Outcome(OutcomeKind.Executed, state));
                return false;
            }

            var method = function is ILocalFunctionOperation local ? local.Symbol : ContainingMethod(ret);
            ITypeSymbol? returnType = method?.ReturnType;
            if (ret.Kind == OperationKind.YieldReturn || returnType == null || state.IsMaterialized || !Ef.IsSequence(returnType, out _))
            {
                outcomes.Add(new Outcome(OutcomeKind.Executed, state));
                return false;
            }

            outcomes.Add(new Outcome(OutcomeKind.Returned, state) { Method = method });
            return false;
        }

        private static IMethodSymbol? ContainingMethod(IOperation operation)
        {
            var root = OperationTree.Root(operation);
            return root.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart) as IMethodSymbol;
        }

        /// <summary>
        /// Follows a query stored in a local (or a reassigned parameter) to every read the store can reach.
        /// A later unconditional store to the same variable, between this store and the read, hides this one.
        /// </summary>
        private void FollowVariable(ISymbol variable, IOperation store, ChainState state, int depth, List<Outcome> outcomes)
        {
            var root = OperationTree.Root(store);
            FollowVariableFrom(variable, root, store.Syntax.Span.End, store, state, depth, outcomes);
        }

        public void FollowVariableFrom(ISymbol variable, IOperation root, int storeEnd, IOperation? store, ChainState state, int depth, List<Outcome> outcomes)
        {
            var stores = new List<IOperation>();
            var reads = new List<IOperation>();
            foreach (var op in SymbolUses.Of(root, variable))
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation d:
                        if (d.GetVariableInitializer() != null)
                        {
                            stores.Add(d);
                        }

                        break;
                    case ILocalReferenceOperation _:
                    case IParameterReferenceOperation _:
                        if (op.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, op))
                        {
                            stores.Add(assignment);
                        }
                        else
                        {
                            reads.Add(op);
                        }

                        break;
                }
            }

            bool anyRead = false;
            var loop = store == null ? null : EnclosingLoop(store, root);
            foreach (var read in reads)
            {
                int at = read.Syntax.SpanStart;
                if (store != null && store.Syntax.Span.Contains(read.Syntax.Span))
                {
                    continue;
                }

                // A read before the store still sees it on the next round of a loop that holds both.
                if (at < storeEnd && (loop == null || !loop.Syntax.Span.Contains(read.Syntax.Span)))
                {
                    continue;
                }

                if (Hidden(stores, store, storeEnd, read) || IsDead(read, root))
                {
                    continue;
                }

                anyRead = true;
                if (!Fork())
                {
                    outcomes.Add(new Outcome(OutcomeKind.Executed, state.AsUnverifiable()));
                    return;
                }

                WalkFrom(read, state, depth, outcomes);
            }

            if (!anyRead)
            {
                // Rows already loaded (ToList before the store) were read, whether or not the variable is used again.
                outcomes.Add(new Outcome(state.IsMaterialized ? OutcomeKind.Executed : OutcomeKind.NotRead, state));
            }
        }

        /// <summary>The innermost loop around <paramref name="operation"/> inside <paramref name="root"/>, or null.</summary>
        private static IOperation? EnclosingLoop(IOperation operation, IOperation root)
        {
            for (var p = operation.Parent; p != null && !ReferenceEquals(p, root); p = p.Parent)
            {
                if (p is ILoopOperation)
                {
                    return p;
                }

                if (p is IAnonymousFunctionOperation || p is ILocalFunctionOperation)
                {
                    return null;
                }
            }

            return null;
        }

        private bool Hidden(List<IOperation> stores, IOperation? store, int storeEnd, IOperation read)
        {
            foreach (var other in stores)
            {
                if (ReferenceEquals(other, store) || other.Syntax.SpanStart < storeEnd || other.Syntax.Span.End > read.Syntax.SpanStart)
                {
                    continue;
                }

                // The other store runs whenever the read runs: its statement sits directly in a block that holds the read.
                var statement = other;
                while (statement.Parent != null && !(statement.Parent is IBlockOperation))
                {
                    if (statement.Parent is IAnonymousFunctionOperation || statement.Parent is ILocalFunctionOperation)
                    {
                        statement = null!;
                        break;
                    }

                    statement = statement.Parent;
                }

                // … or it sits in a branch this call's arguments always take.
                for (int hops = 0; statement != null && hops < 8; hops++, statement = AlwaysTakenBranchOwner(statement))
                {
                    if (statement.Parent is IBlockOperation block && block.Syntax.Span.Contains(read.Syntax.Span))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool Fork() => ++_forks <= MaxForks;
    }
}
