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
            if (analysis.Policy.IsGuarded(type))
            {
                entity = type;
            }
            else if (analysis.Ef.IsSequence(type, out var element) && !analysis.Ef.IsDbSet(type, out _) &&
                     analysis.Policy.IsGuarded(element))
            {
                entity = element;
            }

            // Members of anonymous types are the query's own sources carried along (transparent identifiers), not navigations.
            // A reference navigation used only for its key reads the foreign key of the row in hand, not the navigated table.
            if (entity == null || navigation.Instance == null || navigation.Property.ContainingType.IsAnonymousType ||
                navigation.Property.ContainingType.IsTupleType || IsKeyOnly(navigation))
            {
                return null;
            }

            // The navigation must hang off a parameter of a lambda passed to a query operator on IQueryable.
            var lambda = Enclosing(navigation, out var parameter, out string path);
            if (lambda == null || !(UseOf(lambda) is { } operatorCall) || !(IsQueryableOperator(analysis, operatorCall) || IsInsideQuery(analysis, operatorCall)) ||
                operatorCall.TargetMethod.Name is "Include" or "ThenInclude" || FirstOccurrenceElsewhere(lambda, parameter, path, navigation) ||
                ReadEarlierInChain(analysis, operatorCall, parameter.Type, path))
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
                current = Receiver(call);
                if (current != null && analysis.Ef.IsDbSet(current.Type, out _))
                {
                    contextType = current is IPropertyReferenceOperation p ? p.Instance?.Type ?? p.Property.ContainingType : (current as IInvocationOperation)?.Instance?.Type;
                }
            }

            if (contextType == null)
            {
                // An operator on a group or a collection inside a query (g.Count(i => i.Customer…)): the context is the query's,
                // and the group's elements are the rows the outer chain filtered (Where(i => i.Customer.RetailerCode …).GroupBy(…)).
                contextType = QueryContext(analysis, operatorCall);
                for (var outer = OuterOperator(operatorCall); outer != null; outer = OuterOperator(outer))
                {
                    current = outer;
                    for (int guard = 0; current is IInvocationOperation call && guard < 256; guard++)
                    {
                        AddWhere(call, parameter.Type, shape, lowering, ref state);
                        current = Receiver(call);
                    }
                }
            }

            for (var above = SkipConversions(operatorCall.Parent); above is IArgumentOperation { Parent: IInvocationOperation next } && IsQueryableOperator(analysis, next); above = SkipConversions(next.Parent))
            {
                AddWhere(next, parameter.Type, shape, lowering, ref state);
            }

            // A filter inside the lambda on a collection navigation: a => a.Customers.Where(c => …), a.Customers.Count(c => …).
            for (var up = SkipConversions(navigation.Parent); up is IArgumentOperation { Parent: IInvocationOperation inner } arg && arg.Parameter?.Ordinal == 0;
                 up = SkipConversions(inner.Parent))
            {
                if (FiltersElements(inner.TargetMethod.Name) && inner.Arguments.Length > 1 && OperationTree.AsLambda(inner.Arguments[1].Value) != null)
                {
                    state = state.WithPredicate(lowering.LowerLambda(inner.Arguments[1].Value, 0, Shape.Identity), inner);
                }
            }

            if (bypass)
            {
                state = state.WithBypass(operatorCall, true, ImmutableArray<string>.Empty);
            }

            state = WithDependentFilters(analysis, state, contextType, parameter.Type, shape, navigation, lowering, cancellationToken);

            return ReadJudge.Judge(analysis, table, QuerySource.ForNavigation(navigation, entity, contextType), state, cancellationToken);
        }

        /// <summary>
        /// The query filters of the dependent entity (the element the navigation hangs off), seen from the navigated entity:
        /// EF Core applies them to the dependent's rows, so a filter <c>i =&gt; i.Customer.RetailerCode == Own</c> on invoices
        /// leaves only invoices of own customers, and every customer read through their navigation is own
        /// (NorthwindQueryFiltersQueryTestBase, Project_reference_that_itself_has_query_filter_with_another_reference).
        /// Filters the query turns off, and filters that are not lambdas, add nothing.
        /// </summary>
        public static ChainState WithDependentFilters(AnalysisContext analysis, ChainState state, ITypeSymbol? contextType, ITypeSymbol dependent, Shape shape,
            IOperation site, LinqLowering lowering, CancellationToken cancellationToken)
        {
            if (contextType == null || state.BypassAll)
            {
                return state;
            }

            var filters = analysis.QueryFilters.For(contextType, dependent, cancellationToken);
            if (filters.IsEmpty)
            {
                return state;
            }

            var bypasses = QueryFilterBypass.InQuery(analysis.Ef, site, null, out bool exhausted);
            if (exhausted)
            {
                return state;
            }

            foreach (var filter in filters)
            {
                if (filter.Lambda == null || filter.Why != null || Bypassed(bypasses, filter.Name) || state.BypassedNames.Contains(filter.Name ?? string.Empty))
                {
                    continue;
                }

                state = state.WithPredicate(lowering.LowerLambda(filter.Lambda, 0, shape), site);
            }

            return state;
        }

        private static bool Bypassed(System.Collections.Generic.List<QueryFilterBypass.Found>? bypasses, string? name)
        {
            foreach (var bypass in bypasses ?? new System.Collections.Generic.List<QueryFilterBypass.Found>())
            {
                if (bypass.All || name != null && bypass.Names.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Operators whose predicate decides which elements are read: the filter of a navigation they are applied to.</summary>
        private static bool FiltersElements(string name) =>
            name is "Where" or "Any" or "Count" or "LongCount" or "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault";

        /// <summary>True for an in-memory operator that sits in an expression-tree lambda of a database query: EF Core translates it with the query.</summary>
        private static bool IsInsideQuery(AnalysisContext analysis, IInvocationOperation call)
        {
            var definition = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            if (!analysis.Ef.IsEnumerableOperatorType(definition.ContainingType?.OriginalDefinition))
            {
                return false;
            }

            for (var p = call.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation outer)
                {
                    return QueryFilterBypass.IsExpressionTree(outer);
                }
            }

            return false;
        }

        /// <summary>The query an operator applies to: its instance or first argument, unwrapped; null when it has none.</summary>
        private static IOperation? Receiver(IInvocationOperation call)
        {
            var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            return receiver == null ? null : OperationTree.Unwrap(receiver);
        }

        /// <summary>The query operator whose expression-tree lambda holds <paramref name="operation"/>, or null.</summary>
        private static IInvocationOperation? OuterOperator(IOperation operation)
        {
            for (var p = operation.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation lambda)
                {
                    return QueryFilterBypass.IsExpressionTree(lambda) ? UseOf(lambda) : null;
                }
            }

            return null;
        }

        /// <summary>The DbContext type of the first DbSet the query around <paramref name="operation"/> reads, or null.</summary>
        private static ITypeSymbol? QueryContext(AnalysisContext analysis, IOperation operation)
        {
            int budget = 4096;
            var top = QueryFilterBypass.QueryAround(operation, ref budget);
            foreach (var op in top.DescendantsAndSelf())
            {
                if (--budget <= 0)
                {
                    return null;
                }

                if (analysis.Ef.IsDbSet(op.Type, out _))
                {
                    switch (op)
                    {
                        case IPropertyReferenceOperation p:
                            return p.Instance?.Type ?? p.Property.ContainingType;
                        case IInvocationOperation i when i.Instance != null:
                            return i.Instance.Type;
                    }
                }
            }

            return null;
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
                    Shape.PathFrom(other, parameter) == path && !IsKeyOnly(other))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// One finding per navigation path and query: an operator lower in the same chain, over the same element type, that uses
        /// the navigation already holds the finding (<c>Where(i =&gt; i.Customer.Name …).Select(i =&gt; i.Customer.Name)</c>).
        /// </summary>
        private static bool ReadEarlierInChain(AnalysisContext analysis, IInvocationOperation operatorCall, ITypeSymbol elementType, string path)
        {
            IOperation? current = operatorCall;
            for (int guard = 0; current is IInvocationOperation call && guard < 256; guard++)
            {
                if (!(Receiver(call) is IInvocationOperation below) || !IsQueryableOperator(analysis, below))
                {
                    return false;
                }

                for (int i = 1; i < below.Arguments.Length; i++)
                {
                    var lambda = OperationTree.AsLambda(below.Arguments[i].Value);
                    if (lambda == null || lambda.Symbol.Parameters.Length == 0 ||
                        !SymbolEqualityComparer.Default.Equals(lambda.Symbol.Parameters[0].Type, elementType) || below.TargetMethod.Name is "Include" or "ThenInclude")
                    {
                        continue;
                    }

                    foreach (var op in lambda.Body.Descendants())
                    {
                        if (op is IPropertyReferenceOperation other && Shape.PathFrom(other, lambda.Symbol.Parameters[0]) == path && !IsKeyOnly(other))
                        {
                            return true;
                        }
                    }
                }

                current = below;
            }

            return false;
        }

        /// <summary>
        /// True when a reference navigation is used only to read the navigated entity's key (<c>i.Customer.Id</c>): EF Core
        /// translates that to the foreign key on the row itself, with no join. The key is the property marked <c>[Key]</c>, else
        /// EF Core's convention: <c>Id</c> or <c>&lt;type name&gt;Id</c> (case-insensitive).
        /// </summary>
        private static bool IsKeyOnly(IPropertyReferenceOperation navigation) =>
            navigation.Parent is IPropertyReferenceOperation member && ReferenceEquals(member.Instance, navigation) &&
            navigation.Type is INamedTypeSymbol entity && IsPrimaryKey(entity, member.Property);

        private static bool IsPrimaryKey(INamedTypeSymbol entity, IPropertySymbol property)
        {
            bool anyKeyAttribute = false;
            for (var type = entity; type != null && type.SpecialType == SpecialType.None; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IPropertySymbol candidate && HasKeyAttribute(candidate))
                    {
                        anyKeyAttribute = true;
                        if (SymbolEqualityComparer.Default.Equals(candidate, property))
                        {
                            return true;
                        }
                    }
                }
            }

            return !anyKeyAttribute &&
                   (string.Equals(property.Name, "Id", System.StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(property.Name, entity.Name + "Id", System.StringComparison.OrdinalIgnoreCase));
        }

        private static bool HasKeyAttribute(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "KeyAttribute" } key && key.ContainingNamespace?.ToDisplayString() == "System.ComponentModel.DataAnnotations")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
