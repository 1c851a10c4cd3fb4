using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>What a delegate a query is handed to can run: a lambda, or a method (a method group), with the bindings its value was found in.</summary>
    internal readonly struct QueryDelegate
    {
        public QueryDelegate(IAnonymousFunctionOperation? lambda, IMethodSymbol? method, ArgumentBindings? bindings)
        {
            Lambda = lambda;
            Method = method;
            Bindings = bindings;
        }

        public IAnonymousFunctionOperation? Lambda { get; }

        public IMethodSymbol? Method { get; }

        public ArgumentBindings? Bindings { get; }
    }

    /// <summary>
    /// The lambdas and methods a delegate value can run: written where it is used (<c>q =&gt; q.Where(…)</c>,
    /// <c>CustomerScope.OwnContractsOnly</c>), or held in a local, a readonly field or a parameter, followed through their
    /// sources (every caller, for a parameter). Null when not every target can be known.
    /// </summary>
    internal static class DelegateTargets
    {
        private const int MaxTargets = 16;
        private const int MaxDepth = 6;

        public static List<QueryDelegate>? Of(AnalysisContext context, IOperation value, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var targets = new List<QueryDelegate>();
            return Collect(context, value, bindings, targets, 0, cancellationToken) ? targets : null;
        }

        private static bool Collect(AnalysisContext context, IOperation value, ArgumentBindings? bindings, List<QueryDelegate> into, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth || into.Count >= MaxTargets)
            {
                return false;
            }

            var op = value;
            while (true)
            {
                switch (op)
                {
                    case IConversionOperation conversion:
                        op = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        op = creation.Target;
                        continue;
                }

                break;
            }

            switch (op)
            {
                case IAnonymousFunctionOperation lambda:
                    into.Add(new QueryDelegate(lambda, null, bindings));
                    return true;
                case IMethodReferenceOperation group:
                    // An extension method bound to its receiver takes one parameter less than it declares: not followed.
                    if (group.Instance != null && group.Method.IsExtensionMethod)
                    {
                        return false;
                    }

                    into.Add(new QueryDelegate(null, group.Method, bindings));
                    return true;
            }

            var sources = context.Values.Sources.Of(op, bindings, cancellationToken);
            if (sources == null || sources.Failure != null)
            {
                return false;
            }

            foreach (var source in sources.Items)
            {
                if (source.IsElement || !Collect(context, source.Value, source.Bindings, into, depth + 1, cancellationToken))
                {
                    return false;
                }
            }

            return sources.Items.Count > 0;
        }
    }
}
