using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>
    /// The inner source of a <c>GroupJoin</c> (query syntax <c>join … into g</c>): its rows reach the code through the group, so
    /// the filters applied to the group are the filters of the read. EF Core translates
    /// <c>from c in g.Where(p).DefaultIfEmpty()</c> to a left join on the filtered inner source (NorthwindJoinQueryTestBase,
    /// GroupJoin_SelectMany_subquery_with_filter_and_DefaultIfEmpty).
    /// </summary>
    internal sealed partial class QueryWalker
    {
        private static readonly HashSet<string> GroupPassThrough = new HashSet<string>
        {
            "DefaultIfEmpty", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "AsQueryable", "Take", "Skip",
        };

        /// <summary>
        /// The state of the inner rows after a GroupJoin: the predicates applied to the group where it is used, when it is used in
        /// exactly one place that RetailGuard can follow; otherwise no filter (the group flows on unfiltered).
        /// </summary>
        private ChainState GroupJoinInner(IInvocationOperation groupJoin, ChainState state)
        {
            state = state.WithShape(null);
            if (groupJoin.Arguments.Length < 5 || !(OperationTree.AsLambda(OperationTree.ArgumentFor(groupJoin, 4)) is { } result) ||
                result.Symbol.Parameters.Length < 2)
            {
                return state;
            }

            var uses = new List<IOperation>();
            var group = result.Symbol.Parameters[1];
            foreach (var op in result.Body.Descendants())
            {
                if (op is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, group))
                {
                    if (!AddGroupUses(groupJoin, p, uses))
                    {
                        return state;
                    }
                }
            }

            if (uses.Count != 1)
            {
                return state;
            }

            // Walk up from the one use through the group's operators, collecting its Where predicates.
            var current = uses[0];
            for (int guard = 0; guard < 64; guard++)
            {
                var parent = current.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (!(parent is IArgumentOperation { Parent: IInvocationOperation next } argument) || argument.Parameter?.Ordinal != 0 ||
                    !Ef.IsLinqOperatorType((next.TargetMethod.ReducedFrom ?? next.TargetMethod).ContainingType?.OriginalDefinition))
                {
                    break;
                }

                string name = next.TargetMethod.Name;
                if (name == "Where" && next.Arguments.Length > 1)
                {
                    state = state.WithPredicate(Lowering().LowerLambda(OperationTree.ArgumentFor(next, 1), 0, Shape.Identity), next);
                }
                else if (!GroupPassThrough.Contains(name))
                {
                    break;
                }

                current = next;
            }

            return state;
        }

        /// <summary>
        /// Adds where the group parameter's value is used: the reference itself, or, when it is put in an anonymous object
        /// (<c>(a, g) =&gt; new { a, g }</c>, the compiler's transparent identifier), the reads of that member in the lambdas of the
        /// next operator. False when the group goes anywhere else.
        /// </summary>
        private bool AddGroupUses(IInvocationOperation groupJoin, IParameterReferenceOperation reference, List<IOperation> uses)
        {
            if (!(reference.Parent is ISimpleAssignmentOperation { Parent: IAnonymousObjectCreationOperation } assignment))
            {
                uses.Add(reference);
                return true;
            }

            // The member of the anonymous object that holds the group.
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } member }))
            {
                return false;
            }

            var next = groupJoin.Parent;
            while (next is IConversionOperation)
            {
                next = next.Parent;
            }

            if (!(next is IArgumentOperation { Parent: IInvocationOperation following }))
            {
                return false;
            }

            for (int i = 1; i < following.Arguments.Length; i++)
            {
                if (OperationTree.AsLambda(following.Arguments[i].Value) is { } lambda)
                {
                    foreach (var op in lambda.Body.Descendants())
                    {
                        if (op is IPropertyReferenceOperation read && read.Property.Name == member.Name && read.Instance is IParameterReferenceOperation)
                        {
                            uses.Add(read);
                        }
                    }
                }
            }

            return true;
        }
    }
}
