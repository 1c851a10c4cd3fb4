using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    internal static class OperationTree
    {
        /// <summary>The root of the operation tree (the method body, field initializer, …).</summary>
        public static IOperation Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>The nearest enclosing lambda or local function, or null inside the member body itself.</summary>
        public static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var p = operation.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation || p is ILocalFunctionOperation)
                {
                    return p;
                }
            }

            return null;
        }

        public static IAnonymousFunctionOperation? AsLambda(IOperation? operation)
        {
            for (int hops = 0; operation != null && hops < 16; hops++)
            {
                switch (operation)
                {
                    case IAnonymousFunctionOperation f:
                        return f;
                    case ILocalReferenceOperation local:
                        // Expression<Func<T, bool>> filter = c => …; query.Where(filter)
                        operation = SingleAssignment.ValueOf(local.Local, local);
                        break;
                    case IConversionOperation c:
                        operation = c.Operand;
                        break;
                    case IDelegateCreationOperation d:
                        operation = d.Target;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>The value passed for the parameter at <paramref name="ordinal"/>, or null when the default is used.</summary>
        public static IOperation? ArgumentFor(IInvocationOperation call, int ordinal)
        {
            foreach (var a in call.Arguments)
            {
                if (a.Parameter?.Ordinal == ordinal && a.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return a.Value;
                }
            }

            return null;
        }

        /// <summary>The operation under any conversions.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The single expression an expression-bodied lambda returns.</summary>
        public static IOperation? LambdaResult(IAnonymousFunctionOperation lambda)
        {
            var body = lambda.Body;
            if (body.Operations.Length >= 1 && body.Operations[0] is IReturnOperation { ReturnedValue: { } value })
            {
                return value;
            }

            return null;
        }
    }
}
