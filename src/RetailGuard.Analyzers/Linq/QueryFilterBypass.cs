using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;

namespace RetailGuard.Linq
{
    /// <summary>
    /// <c>IgnoreQueryFilters</c> as EF Core applies it: to the whole query it appears in, not only to the chain it is called on.
    /// EF Core turns query filters off for every entity of the translated query (dotnet/efcore#13668, #17347; the docs'
    /// "Disabling filters"): a bypass on a subquery inside a <c>Select</c> lifts the outer entity's filter too, and a bypass
    /// after an <c>Include</c> lifts the included navigation's filter. The names of the EF Core 10 form
    /// <c>IgnoreQueryFilters(names)</c> are read from arrays, collection expressions and <c>List</c>/<c>HashSet</c>
    /// initializers of constant strings; any other argument counts as ignoring every filter.
    /// </summary>
    internal static class QueryFilterBypass
    {
        /// <summary>Most operations climbed or scanned when looking for the query around a source.</summary>
        private const int MaxOperations = 4096;

        /// <summary>A bypass found in the query: its call, whether it ignores every filter, and otherwise the names it ignores.</summary>
        internal readonly struct Found
        {
            public Found(IInvocationOperation call, bool all, ImmutableArray<string> names)
            {
                Call = call;
                All = all;
                Names = names;
            }

            public IInvocationOperation Call { get; }

            public bool All { get; }

            public ImmutableArray<string> Names { get; }
        }

        /// <summary>
        /// Every <c>IgnoreQueryFilters</c> of the query that <paramref name="site"/> (a source or a navigation) belongs to, and of
        /// the query that runs at <paramref name="materializer"/> when given. Empty when there is none.
        /// </summary>
        /// <param name="exhausted">True when the query was larger than RetailGuard scans: what it holds is not proven.</param>
        public static List<Found>? InQuery(EfSymbols ef, IOperation site, IOperation? materializer, out bool exhausted)
        {
            List<Found>? found = null;
            int budget = MaxOperations;
            var top = QueryAround(site, ref budget);
            Scan(ef, top, ref found, ref budget);
            if (materializer != null && !top.Syntax.Span.Contains(materializer.Syntax.Span))
            {
                Scan(ef, QueryAround(materializer, ref budget), ref found, ref budget);
            }

            exhausted = budget <= 0;
            return found;
        }

        /// <summary>The names an <c>IgnoreQueryFilters(names)</c> argument holds, or default when they are not all constant strings.</summary>
        public static ImmutableArray<string> Names(IOperation value)
        {
            var op = OperationTree.Unwrap(value);
            var builder = ImmutableArray.CreateBuilder<string>();
            switch (op)
            {
                case IArrayCreationOperation { Initializer: { } init }:
                    foreach (var e in init.ElementValues)
                    {
                        if (!(e.ConstantValue.HasValue && e.ConstantValue.Value is string s))
                        {
                            return default;
                        }

                        builder.Add(s);
                    }

                    return builder.ToImmutable();

                case IObjectCreationOperation { Initializer: { } collection, Arguments: { Length: 0 } } creation when IsStringCollection(creation.Type):
                    foreach (var initializer in collection.Initializers)
                    {
                        if (!(initializer is IInvocationOperation { Arguments: { Length: 1 } } add && add.TargetMethod.Name == "Add" &&
                              add.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string s }))
                        {
                            return default;
                        }

                        builder.Add(s);
                    }

                    return builder.ToImmutable();
            }

            // A collection expression (C# 12): ["Archived"]. Its elements are read from the syntax, each a constant.
            if (op.Syntax is CollectionExpressionSyntax expression && op.SemanticModel is { } model)
            {
                foreach (var element in expression.Elements)
                {
                    if (!(element is ExpressionElementSyntax item && model.GetConstantValue(item.Expression) is { HasValue: true, Value: string s }))
                    {
                        return default;
                    }

                    builder.Add(s);
                }

                return builder.ToImmutable();
            }

            return default;
        }

        private static bool IsStringCollection(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeArguments: { Length: 1 } } named && named.TypeArguments[0].SpecialType == SpecialType.System_String &&
            named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && named.Name is "List" or "HashSet";

        /// <summary>
        /// The outermost expression of the query <paramref name="operation"/> is part of: its chain up to where it runs, and, when
        /// that sits in an expression-tree lambda of another query's operator (a subquery), that query's, and so on out.
        /// </summary>
        public static IOperation QueryAround(IOperation operation, ref int budget)
        {
            var current = operation;
            while (budget-- > 0)
            {
                var parent = current.Parent;
                if (parent == null || parent.Syntax is StatementSyntax || parent is ILocalFunctionOperation || parent is IMethodBodyOperation)
                {
                    return current;
                }

                if (parent is IAnonymousFunctionOperation lambda)
                {
                    // Only an expression-tree lambda is part of the query EF Core translates; a delegate runs in memory.
                    if (!IsExpressionTree(lambda))
                    {
                        return current;
                    }
                }
                else if (parent is IBlockOperation && !(parent.Parent is IAnonymousFunctionOperation))
                {
                    return current;
                }

                current = parent;
            }

            return current;
        }

        /// <summary>True when <paramref name="lambda"/> is converted to an <c>Expression&lt;T&gt;</c> (part of a query EF Core translates).</summary>
        /// <remarks>A lambda nested in an expression tree (<c>g.Count(i =&gt; …)</c> inside a <c>Select</c>) is part of the tree too.</remarks>
        public static bool IsExpressionTree(IAnonymousFunctionOperation lambda)
        {
            IOperation? current = lambda;
            for (int depth = 0; current != null && depth < 64; depth++)
            {
                for (IOperation? p = current.Parent; p is IDelegateCreationOperation || p is IConversionOperation; p = p.Parent)
                {
                    if (p.Type is INamedTypeSymbol { Name: "Expression", TypeArguments: { Length: 1 } } type &&
                        type.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions")
                    {
                        return true;
                    }
                }

                current = current.Parent;
                while (current != null && !(current is IAnonymousFunctionOperation))
                {
                    current = current.Parent;
                }
            }

            return false;
        }

        private static void Scan(EfSymbols ef, IOperation root, ref List<Found>? found, ref int budget)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                if (budget-- <= 0)
                {
                    return;
                }

                var op = stack.Pop();
                if (op is IAnonymousFunctionOperation lambda && !ReferenceEquals(op, root) && !IsExpressionTree(lambda))
                {
                    continue;
                }

                if (op is IInvocationOperation call && call.TargetMethod.Name == "IgnoreQueryFilters" &&
                    SymbolEqualityComparer.Default.Equals((call.TargetMethod.ReducedFrom ?? call.TargetMethod).ContainingType?.OriginalDefinition, ef.EfQueryableExtensions))
                {
                    var names = call.Arguments.Length > 1 ? Names(call.Arguments[1].Value) : default;
                    (found ??= new List<Found>()).Add(new Found(call, call.Arguments.Length <= 1 || names.IsDefault, names.IsDefault ? ImmutableArray<string>.Empty : names));
                }

                foreach (var child in op.ChildOperations)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
