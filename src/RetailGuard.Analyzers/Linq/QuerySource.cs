using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Linq
{
    /// <summary>Where protected rows enter a query: a DbSet, Set&lt;T&gt;(), or a method of this compilation that returns a query of them.</summary>
    internal sealed class QuerySource
    {
        private QuerySource(IOperation operation, ITypeSymbol entity, ITypeSymbol? contextType, ImmutableArray<ChainState> initialStates, IMethodSymbol? via)
        {
            Operation = operation;
            Entity = entity;
            ContextType = contextType;
            InitialStates = initialStates;
            Via = via;
        }

        public IOperation Operation { get; }

        public ITypeSymbol Entity { get; }

        /// <summary>The DbContext type the rows come from, where known: its global query filters apply.</summary>
        public ITypeSymbol? ContextType { get; }

        /// <summary>What is already applied where the rows enter: nothing for a DbSet, a method's summary for a call.</summary>
        public ImmutableArray<ChainState> InitialStates { get; }

        /// <summary>The method of this compilation the rows come through, for a call.</summary>
        public IMethodSymbol? Via { get; }

        public static QuerySource? TryCreate(AnalysisContext context, IOperation operation, int depth, CancellationToken cancellationToken)
        {
            var ef = context.Ef;
            var type = operation.Type;
            if (type == null || operation.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation))
            {
                return null;
            }

            if (ef.IsDbSet(type, out var element))
            {
                if (!IsGuarded(context, element))
                {
                    return null;
                }

                ITypeSymbol? contextType = operation switch
                {
                    IPropertyReferenceOperation p => p.Instance?.Type ?? p.Property.ContainingType,
                    IInvocationOperation i => i.Instance?.Type ?? i.TargetMethod.ContainingType,
                    IFieldReferenceOperation f => f.Instance?.Type ?? f.Field.ContainingType,
                    _ => null,
                };

                if (operation is ILocalReferenceOperation || operation is IParameterReferenceOperation)
                {
                    return null;
                }

                return new QuerySource(operation, element, contextType, ImmutableArray.Create(ChainState.Initial), null);
            }

            // A producer: a member of this compilation that returns a query of protected rows and takes none.
            IMethodSymbol? method = operation switch
            {
                IInvocationOperation i => i.TargetMethod,
                IPropertyReferenceOperation p => p.Property.GetMethod,
                _ => null,
            };

            if (method == null || !context.IsInSource(method) || !ef.IsSequence(type, out element) ||
                !IsGuarded(context, element) || context.Policy.IsSanctionedFilter(method))
            {
                return null;
            }

            if (operation is IInvocationOperation call)
            {
                if (call.Instance != null && ef.IsSequence(call.Instance.Type, out _))
                {
                    return null;
                }

                foreach (var arg in call.Arguments)
                {
                    if (ef.IsSequence(arg.Value.Type, out var argElement) && SymbolEqualityComparer.Default.Equals(argElement, element))
                    {
                        return null;
                    }
                }
            }

            var states = context.Summaries.Producer(method.OriginalDefinition, element, depth + 1, cancellationToken);
            if (operation is IInvocationOperation invocation && QueryWalker.DependsOnArguments(states, method) && Flow.ArgumentBindings.For(invocation, null) is { } bindings)
            {
                // A producer whose result depends on its arguments is judged with this call's.
                states = context.Summaries.Producer(method.OriginalDefinition, element, depth + 1, cancellationToken, bindings);
            }

            if (states.IsEmpty)
            {
                return null;
            }

            return new QuerySource(operation, element, null, states, method);
        }

        public static QuerySource ForNavigation(IOperation navigation, ITypeSymbol entity, ITypeSymbol? contextType) =>
            new QuerySource(navigation, entity, contextType, ImmutableArray.Create(ChainState.Initial), null);

        private static bool IsGuarded(AnalysisContext context, ITypeSymbol element) =>
            context.Policy.TryGetProtected(element, out _) || context.Policy.TryGetRestricted(element, out _);
    }
}
