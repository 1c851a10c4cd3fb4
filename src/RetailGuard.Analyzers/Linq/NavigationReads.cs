using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;
using RetailGuard.Rules;

namespace RetailGuard.Linq
{
    /// <summary>
    /// A navigation to a protected entity inside a database query (<c>db.Invoices.Select(i =&gt; i.Customer.Name)</c>) reads
    /// that entity's table through a join. It needs the filter too: in a Where of the same query on the navigation
    /// (<c>i.Customer.RetailerCode == Own</c>), or a global query filter on the navigated entity.
    /// </summary>
    internal static class NavigationReads
    {
        public static Diagnostic? Check(AnalysisContext analysis, IPropertyReferenceOperation navigation, CancellationToken cancellationToken)
        {
            var type = navigation.Type;
            ITypeSymbol? entity = null;
            if (analysis.Policy.TryGetProtected(type, out _) || analysis.Policy.TryGetRestricted(type, out _))
            {
                entity = type;
            }
            else if (analysis.Ef.IsSequence(type, out var element) && !analysis.Ef.IsDbSet(type, out _) &&
                     (analysis.Policy.TryGetProtected(element, out _) || analysis.Policy.TryGetRestricted(element, out _)))
            {
                entity = element;
            }

            // Members of anonymous types are the query's own sources carried along (transparent identifiers), not navigations.
            if (entity == null || navigation.Instance == null || navigation.Property.ContainingType.IsAnonymousType ||
                navigation.Property.ContainingType.IsTupleType)
            {
                return null;
            }

            // The navigation must hang off a parameter of a lambda passed to a query operator on IQueryable.
            var lambda = Enclosing(navigation, out var parameter, out string path);
            if (lambda == null || !(UseOf(lambda) is { } operatorCall) || !IsQueryableOperator(analysis, operatorCall) ||
                operatorCall.TargetMethod.Name is "Include" or "ThenInclude" || FirstOccurrenceElsewhere(lambda, parameter, path, navigation))
            {
                return null;
            }

            if (analysis.Policy.TryGetRestricted(entity, out var restricted))
            {
                return RG1006RestrictedTableRead.Create(restricted, navigation.Syntax.GetLocation());
            }

            if (!analysis.Policy.TryGetProtected(entity, out var table))
            {
                return null;
            }

            // Where clauses on the same element, below and above this operator, seen from the navigated entity.
            var shape = Shape.From(ImmutableDictionary<string, string?>.Empty.Add(path, null))!;
            var lowering = new LinqLowering(analysis, null, cancellationToken);
            var state = ChainState.Initial;
            ITypeSymbol? contextType = null;
            bool bypass = false;
            IOperation? current = operatorCall;
            for (int guard = 0; current is IInvocationOperation call && guard < 256; guard++)
            {
                AddWhere(call, parameter.Type, shape, lowering, ref state);
                bypass |= call.TargetMethod.Name == "IgnoreQueryFilters";
                var receiver = OperationTree.Unwrap(call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : call));
                if (analysis.Ef.IsDbSet(receiver.Type, out _))
                {
                    contextType = receiver is IPropertyReferenceOperation p ? p.Instance?.Type ?? p.Property.ContainingType : (receiver as IInvocationOperation)?.Instance?.Type;
                }

                current = ReferenceEquals(receiver, call) ? null : receiver;
            }

            for (var above = SkipConversions(operatorCall.Parent); above is IArgumentOperation { Parent: IInvocationOperation next } && IsQueryableOperator(analysis, next); above = SkipConversions(next.Parent))
            {
                AddWhere(next, parameter.Type, shape, lowering, ref state);
            }

            // A filter inside the lambda on a collection navigation: i => i.Customers.Where(c => …).
            for (var up = navigation.Parent; up is IArgumentOperation { Parent: IInvocationOperation inner } arg && arg.Parameter?.Ordinal == 0; up = inner.Parent)
            {
                if (inner.TargetMethod.Name == "Where" && inner.Arguments.Length > 1)
                {
                    state = state.WithPredicate(lowering.LowerLambda(inner.Arguments[1].Value, 0, Shape.Identity), inner);
                }
            }

            if (bypass)
            {
                state = state.WithBypass(operatorCall, true, ImmutableArray<string>.Empty);
            }

            return ReadJudge.Judge(analysis, table, QuerySource.ForNavigation(navigation, entity, contextType), state, cancellationToken);
        }

        private static void AddWhere(IInvocationOperation call, ITypeSymbol elementType, Shape shape, LinqLowering lowering, ref ChainState state)
        {
            if (!(call.TargetMethod.Name is "Where" or "Any" or "Count" or "LongCount" or "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault") ||
                call.Arguments.Length < 2)
            {
                return;
            }

            var lambda = OperationTree.AsLambda(call.Arguments[1].Value);
            if (lambda != null && lambda.Symbol.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(lambda.Symbol.Parameters[0].Type, elementType))
            {
                state = state.WithPredicate(lowering.LowerLambda(lambda, 0, shape), call);
            }
        }

        private static IAnonymousFunctionOperation? Enclosing(IPropertyReferenceOperation navigation, out IParameterSymbol parameter, out string path)
        {
            parameter = null!;
            path = string.Empty;
            for (var p = navigation.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation lambda)
                {
                    foreach (var candidate in lambda.Symbol.Parameters)
                    {
                        if (Shape.PathFrom(navigation, candidate) is { } found)
                        {
                            parameter = candidate;
                            path = found;
                            return lambda;
                        }
                    }

                    return null;
                }
            }

            return null;
        }

        private static IOperation? SkipConversions(IOperation? operation)
        {
            while (operation is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static IInvocationOperation? UseOf(IAnonymousFunctionOperation lambda)
        {
            var use = lambda.Parent;
            while (use is IConversionOperation || use is IDelegateCreationOperation)
            {
                use = use.Parent;
            }

            return (use as IArgumentOperation)?.Parent as IInvocationOperation;
        }

        private static bool IsQueryableOperator(AnalysisContext analysis, IInvocationOperation call)
        {
            var definition = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            var type = definition.ContainingType?.OriginalDefinition;
            return type != null && analysis.Ef.IsLinqOperatorType(type) && !analysis.Ef.IsEnumerableOperatorType(type);
        }

        /// <summary>One finding per navigation path and lambda: a later use of the same navigation is the same read.</summary>
        private static bool FirstOccurrenceElsewhere(IAnonymousFunctionOperation lambda, IParameterSymbol parameter, string path, IOperation navigation)
        {
            foreach (var op in lambda.Body.Descendants())
            {
                if (op is IPropertyReferenceOperation other && other.Syntax.SpanStart < navigation.Syntax.SpanStart &&
                    Shape.PathFrom(other, parameter) == path)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
