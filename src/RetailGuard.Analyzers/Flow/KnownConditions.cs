using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Predicates;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Decides the conditions of a method that one call settles: judged with that call's arguments, <c>if (retailer != null)</c>
    /// is true when the call passes the own code, false when it passes <c>null</c>. Knows null tests (<c>== null</c>, <c>is null</c>,
    /// <c>is not null</c>, <c>HasValue</c>, <c>string.IsNullOrEmpty</c>), boolean parameters, <c>!</c>, <c>&amp;&amp;</c> and <c>||</c>;
    /// anything else is unknown, and both branches stay possible.
    /// </summary>
    internal static class KnownConditions
    {
        private const int MaxDepth = 16;

        /// <summary>True or false when <paramref name="bindings"/> settle the condition; null when they do not.</summary>
        public static bool? Evaluate(AnalysisContext context, IOperation condition, ArgumentBindings? bindings, CancellationToken cancellationToken) =>
            bindings == null ? null : Evaluate(context, condition, bindings, cancellationToken, 0);

        /// <summary>True when <paramref name="operation"/> sits in a branch that <paramref name="bindings"/> rule out.</summary>
        public static bool IsDead(AnalysisContext context, IOperation operation, IOperation root, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            if (bindings == null)
            {
                return false;
            }

            var child = operation;
            for (var parent = operation.Parent; parent != null && !ReferenceEquals(child, root); child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional && !ReferenceEquals(conditional.Condition, child))
                {
                    bool inTrue = ReferenceEquals(conditional.WhenTrue, child);
                    var known = Evaluate(context, conditional.Condition, bindings, cancellationToken, 0);
                    if (known != null && known.Value != inTrue)
                    {
                        return true;
                    }
                }

                // After an if whose branch the arguments take and that always leaves: if (string.IsNullOrEmpty(code)) return query;
                if (parent is IBlockOperation block && LeftBefore(context, block, child, bindings, cancellationToken))
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private static bool LeftBefore(AnalysisContext context, IBlockOperation block, IOperation child, ArgumentBindings bindings, CancellationToken cancellationToken)
        {
            foreach (var statement in block.Operations)
            {
                if (ReferenceEquals(statement, child) || statement is ILabeledOperation)
                {
                    return false;
                }

                if (statement is IConditionalOperation { WhenTrue: { } whenTrue } conditional)
                {
                    var known = Evaluate(context, conditional.Condition, bindings, cancellationToken, 0);
                    if ((known == true && Guards.Leaves(whenTrue, 0)) || (known == false && conditional.WhenFalse != null && Guards.Leaves(conditional.WhenFalse, 0)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool? Evaluate(AnalysisContext context, IOperation condition, ArgumentBindings bindings, CancellationToken cancellationToken, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            var op = OperationTree.Unwrap(condition);
            if (op.ConstantValue.HasValue && op.ConstantValue.Value is bool constant)
            {
                return constant;
            }

            switch (op)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return !Evaluate(context, not.Operand, bindings, cancellationToken, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    {
                        var left = Evaluate(context, both.LeftOperand, bindings, cancellationToken, depth + 1);
                        if (left == false)
                        {
                            return false;
                        }

                        var right = Evaluate(context, both.RightOperand, bindings, cancellationToken, depth + 1);
                        return right == false ? false : (left == true && right == true ? true : (bool?)null);
                    }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    {
                        var left = Evaluate(context, either.LeftOperand, bindings, cancellationToken, depth + 1);
                        if (left == true)
                        {
                            return true;
                        }

                        var right = Evaluate(context, either.RightOperand, bindings, cancellationToken, depth + 1);
                        return right == true ? true : (left == false && right == false ? false : (bool?)null);
                    }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    {
                        bool? isNull = IsNullLiteral(comparison.RightOperand) ? IsNull(context, comparison.LeftOperand, bindings, cancellationToken)
                            : IsNullLiteral(comparison.LeftOperand) ? IsNull(context, comparison.RightOperand, bindings, cancellationToken) : null;
                        return isNull == null ? null : (comparison.OperatorKind == BinaryOperatorKind.Equals ? isNull : !isNull);
                    }

                case IIsPatternOperation isPattern:
                    return Pattern(context, isPattern.Value, isPattern.Pattern, bindings, cancellationToken, depth);
                case IInvocationOperation { TargetMethod: { Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace", ContainingType.SpecialType: SpecialType.System_String } } test
                    when test.Arguments.Length == 1:
                    {
                        var value = context.Values.Resolve(test.Arguments[0].Value, bindings, cancellationToken);
                        if (value.Kind == OperandKind.Null)
                        {
                            return true;
                        }

                        return value.Text == null ? null : (test.TargetMethod.Name == "IsNullOrEmpty" ? value.Text.Length == 0 : string.IsNullOrWhiteSpace(value.Text));
                    }

                case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance }:
                    return !IsNull(context, instance, bindings, cancellationToken);
                case IParameterReferenceOperation parameter when bindings.TryGet(parameter.Parameter, out var bound, out var outer):
                    return outer == null ? Constant(bound) : Evaluate(context, bound, outer, cancellationToken, depth + 1) ?? Constant(bound);
                default:
                    return null;
            }
        }

        private static bool? Constant(IOperation value) => value.ConstantValue.HasValue && value.ConstantValue.Value is bool b ? b : (bool?)null;

        private static bool? Pattern(AnalysisContext context, IOperation value, IPatternOperation pattern, ArgumentBindings bindings, CancellationToken cancellationToken, int depth)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant when IsNullLiteral(constant.Value):
                    return IsNull(context, value, bindings, cancellationToken);
                case INegatedPatternOperation negated:
                    return !Pattern(context, value, negated.Pattern, bindings, cancellationToken, depth + 1);
                case IRecursivePatternOperation { DeconstructionSubpatterns.IsEmpty: true, PropertySubpatterns.IsEmpty: true, DeclaredSymbol: null } recursive
                    when recursive.MatchedType == null || SymbolEqualityComparer.Default.Equals(recursive.MatchedType, value.Type):
                    return !IsNull(context, value, bindings, cancellationToken);
                default:
                    return null;
            }
        }

        private static bool IsNullLiteral(IOperation operation) => OperationTree.Unwrap(operation) is { ConstantValue: { HasValue: true, Value: null } };

        /// <summary>True when the value is null for this call, false when it is a known non-null value; null when unknown.</summary>
        private static bool? IsNull(AnalysisContext context, IOperation value, ArgumentBindings bindings, CancellationToken cancellationToken)
        {
            var resolved = context.Values.Resolve(value, bindings, cancellationToken);
            switch (resolved.Kind)
            {
                case OperandKind.Null:
                    return true;
                case OperandKind.Literal:
                    return false;
                case OperandKind.Own:
                    return resolved.Text != null ? false : (bool?)null;
                default:
                    return null;
            }
        }
    }
}
