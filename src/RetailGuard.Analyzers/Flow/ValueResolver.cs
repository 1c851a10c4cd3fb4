using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Flow
{
    /// <summary>Decides what a C# value is, as far as the policy is concerned: an own-retailer value, a literal, a parameter or unknown.</summary>
    internal static class ValueResolver
    {
        private const int MaxDepth = 8;

        public static Operand Resolve(IOperation operation, PolicyModel policy, int depth = 0)
        {
            var op = OperationTree.Unwrap(operation);
            ISymbol? symbol = op switch
            {
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation p => p.Property,
                _ => null,
            };

            if (symbol != null && policy.IsOwnSymbol(symbol))
            {
                return Operand.OwnFrom(ConstantText(op), symbol);
            }

            if (op.ConstantValue.HasValue)
            {
                if (op.ConstantValue.Value == null)
                {
                    return Operand.Null;
                }

                string text = ConstantText(op)!;
                if (policy.OwnCodes.Contains(text) && !(op.Type?.TypeKind == TypeKind.Enum))
                {
                    return Operand.OwnFrom(text, symbol);
                }

                return Operand.Literal(text, symbol);
            }

            if (symbol != null && symbol.IsStatic)
            {
                // A static readonly value that is not own: known by name only.
                return new Operand(OperandKind.Unknown, null, symbol);
            }

            switch (op)
            {
                case ILocalReferenceOperation local when depth < MaxDepth:
                    {
                        var value = SingleAssignment.ValueOf(local.Local, op);
                        return value == null ? Operand.Unknown : Resolve(value, policy, depth + 1);
                    }

                case IParameterReferenceOperation parameter:
                    return Operand.Parameter(parameter.Parameter.Name);
                default:
                    return Operand.Unknown;
            }
        }

        private static string? ConstantText(IOperation op)
        {
            if (!op.ConstantValue.HasValue || op.ConstantValue.Value == null)
            {
                return null;
            }

            return Convert.ToString(op.ConstantValue.Value, CultureInfo.InvariantCulture);
        }
    }
}
