using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>A condition known to hold (or not) where a value is read.</summary>
    internal readonly struct GuardFact
    {
        public GuardFact(IOperation condition, bool holds)
        {
            Condition = condition;
            Holds = holds;
        }

        public IOperation Condition { get; }

        /// <summary>True when the condition is true there; false when it is false.</summary>
        public bool Holds { get; }
    }

    /// <summary>
    /// The conditions that restrict a variable where it is read: the branch of an <c>if</c> or <c>?:</c> it is read in, the
    /// right side of <c>&amp;&amp;</c> and <c>||</c>, and every earlier <c>if</c> of an enclosing block whose branch leaves the
    /// block (<c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c>): <c>if (code is not RetailerCodes.Own) return;</c>.
    /// Only conditions that mention the variable are kept; a block with labels is not trusted (a <c>goto</c> may skip its guards).
    /// </summary>
    internal static class Guards
    {
        private const int MaxAncestors = 256;
        private const int MaxStatements = 256;

        public static ImmutableArray<GuardFact> FactsAt(IOperation reference, ISymbol variable, CancellationToken cancellationToken)
        {
            var facts = ImmutableArray.CreateBuilder<GuardFact>();
            var child = reference;
            int steps = 0;
            for (var parent = reference.Parent; parent != null && steps < MaxAncestors; child = parent, parent = parent.Parent, steps++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (parent)
                {
                    case IConditionalOperation conditional when ReferenceEquals(conditional.WhenTrue, child):
                        Add(facts, conditional.Condition, true, variable);
                        break;
                    case IConditionalOperation conditional when ReferenceEquals(conditional.WhenFalse, child):
                        Add(facts, conditional.Condition, false, variable);
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when ReferenceEquals(conjunction.RightOperand, child):
                        Add(facts, conjunction.LeftOperand, true, variable);
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } disjunction when ReferenceEquals(disjunction.RightOperand, child):
                        Add(facts, disjunction.LeftOperand, false, variable);
                        break;
                    case IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } condition } loop when ReferenceEquals(loop.Body, child):
                        Add(facts, condition, true, variable);
                        break;
                    case IBlockOperation block:
                        Earlier(block, child, variable, facts);
                        break;
                }
            }

            return facts.ToImmutable();
        }

        /// <summary>The guards of the statements of <paramref name="block"/> that run before <paramref name="child"/>.</summary>
        private static void Earlier(IBlockOperation block, IOperation child, ISymbol variable, ImmutableArray<GuardFact>.Builder facts)
        {
            var statements = block.Operations;
            for (int i = 0; i < statements.Length && i < MaxStatements; i++)
            {
                if (statements[i] is ILabeledOperation)
                {
                    return;
                }
            }

            for (int i = 0; i < statements.Length && i < MaxStatements; i++)
            {
                var statement = statements[i];
                if (ReferenceEquals(statement, child))
                {
                    return;
                }

                if (statement is IConditionalOperation { WhenTrue: { } whenTrue } guard)
                {
                    bool trueLeaves = Leaves(whenTrue, 0);
                    bool falseLeaves = guard.WhenFalse != null && Leaves(guard.WhenFalse, 0);
                    if (trueLeaves && !falseLeaves)
                    {
                        Add(facts, guard.Condition, false, variable);
                    }
                    else if (falseLeaves && !trueLeaves)
                    {
                        Add(facts, guard.Condition, true, variable);
                    }
                }
            }
        }

        /// <summary>True when control never goes on after <paramref name="statement"/>: it returns, throws, breaks or continues.</summary>
        public static bool Leaves(IOperation statement, int depth)
        {
            switch (statement)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                case IThrowOperation _:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue }:
                    return true;
                case IBlockOperation block when depth < 16 && block.Operations.Length > 0:
                    return Leaves(block.Operations[block.Operations.Length - 1], depth + 1);
                default:
                    return false;
            }
        }

        private static void Add(ImmutableArray<GuardFact>.Builder facts, IOperation condition, bool holds, ISymbol variable)
        {
            if (facts.Count < 32 && Mentions(condition, variable))
            {
                facts.Add(new GuardFact(condition, holds));
            }
        }

        private static bool Mentions(IOperation condition, ISymbol variable)
        {
            foreach (var op in condition.DescendantsAndSelf())
            {
                if ((op is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, variable)) ||
                    (op is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, variable)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the variable keeps the value it started with: a local written once (its declaration), a parameter of an
        /// ordinary method, local function or lambda never written in its body. A guard on anything else may be outdated.
        /// </summary>
        public static bool NeverRewritten(IOperation reference, ISymbol variable)
        {
            if (variable is IParameterSymbol parameter &&
                (parameter.RefKind is RefKind.Ref or RefKind.Out || !(parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.AnonymousFunction })))
            {
                return false;
            }

            if (variable is ILocalSymbol { IsRef: true })
            {
                return false;
            }

            int writes = 0;
            foreach (var op in OperationTree.Root(reference).Descendants())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, variable):
                        writes += declarator.GetVariableInitializer() != null ? 1 : 0;
                        break;
                    case ILocalReferenceOperation _:
                    case IParameterReferenceOperation _:
                        if (CallSites.Refers(op, variable) && ValueSources.Write(op) != null)
                        {
                            return false;
                        }

                        if (op.Parent is IDeclarationExpressionOperation)
                        {
                            return false;
                        }

                        break;
                    case IForEachLoopOperation loop when loop.LoopControlVariable is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, variable):
                        writes++;
                        break;
                    case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, variable):
                        writes++;
                        break;
                }
            }

            return variable is IParameterSymbol ? writes == 0 : writes == 1;
        }
    }
}
