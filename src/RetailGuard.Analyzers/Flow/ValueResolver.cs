using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Predicates;

namespace RetailGuard.Flow
{
    /// <summary>Decides what a C# value is, as far as the policy is concerned: an own-retailer value, a literal, a parameter or unknown.</summary>
    internal static class ValueResolver
    {
        /// <summary>
        /// The value of <paramref name="operation"/>, proven own or not by the compilation's <see cref="OwnValueProof"/>; judged with the
        /// arguments of <paramref name="bindings"/> when the code is judged for one call.
        /// </summary>
        public static Operand Resolve(IOperation operation, AnalysisContext context, ArgumentBindings? bindings = null, CancellationToken cancellationToken = default) =>
            context.Values.Resolve(operation, bindings, cancellationToken);
    }
}
