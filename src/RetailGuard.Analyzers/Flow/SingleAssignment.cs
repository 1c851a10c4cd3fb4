using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>Finds the one value a local ever holds, for locals assigned exactly once.</summary>
    internal static class SingleAssignment
    {
        public static IOperation? ValueOf(ILocalSymbol local, IOperation anyOperationInBody)
        {
            if (local.IsRef)
            {
                return null;
            }

            var root = OperationTree.Root(anyOperationInBody);
            IOperation? value = null;
            int writes = 0;
            foreach (var op in root.DescendantsAndSelf())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation d when SymbolEqualityComparer.Default.Equals(d.Symbol, local):
                        if (d.GetVariableInitializer() is { } init)
                        {
                            value = init.Value;
                            writes++;
                        }

                        break;
                    case IAssignmentOperation a when a.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, local):
                        value = (a as ISimpleAssignmentOperation)?.Value;
                        writes++;
                        break;
                    case IIncrementOrDecrementOperation inc when inc.Target is ILocalReferenceOperation t2 && SymbolEqualityComparer.Default.Equals(t2.Local, local):
                        writes++;
                        break;
                    case IArgumentOperation arg when arg.Parameter?.RefKind is RefKind.Ref or RefKind.Out &&
                                                      arg.Value is ILocalReferenceOperation t3 && SymbolEqualityComparer.Default.Equals(t3.Local, local):
                        writes++;
                        break;
                }

                if (writes > 1)
                {
                    return null;
                }
            }

            return writes == 1 ? value : null;
        }
    }
}
