using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>
    /// The arguments of one call or construction, so that the callee is judged with the values this call gives it:
    /// <c>ApplyStandardFilter(query, RetailerCodes.Own)</c>, or <c>ApplyConfiguration(new ScopeConfiguration(RetailerCodes.Own))</c>
    /// for the configuration's constructor parameters. Each argument is resolved in the bindings of the call that passes it
    /// (<see cref="Outer"/>), so a chain of calls stays exact. Chains are at most <see cref="MaxChain"/> calls long.
    /// </summary>
    internal sealed class ArgumentBindings
    {
        /// <summary>How many nested calls a chain of bindings holds; a longer chain starts from the callers' own proof again.</summary>
        public const int MaxChain = 8;

        private readonly ImmutableArray<IArgumentOperation> _arguments;

        private ArgumentBindings(IMethodSymbol method, IOperation call, ImmutableArray<IArgumentOperation> arguments, ArgumentBindings? outer)
        {
            Method = method;
            Call = call;
            _arguments = arguments;
            Outer = outer;
            Length = outer == null ? 1 : outer.Length + 1;
        }

        /// <summary>The method or constructor the arguments are bound to.</summary>
        public IMethodSymbol Method { get; }

        /// <summary>The invocation or object creation.</summary>
        public IOperation Call { get; }

        /// <summary>The bindings in which the arguments themselves are resolved: the caller's, or null.</summary>
        public ArgumentBindings? Outer { get; }

        /// <summary>How many calls the chain holds, this one included.</summary>
        public int Length { get; }

        /// <summary>
        /// The arguments of an invocation (<see cref="IInvocationOperation"/>) or a construction (<see cref="IObjectCreationOperation"/>),
        /// resolved in <paramref name="outer"/>; null for anything else or when the chain would be too long (the callee is then
        /// judged by every call site instead).
        /// </summary>
        public static ArgumentBindings? For(IOperation call, ArgumentBindings? outer)
        {
            if (outer != null && outer.Length >= MaxChain)
            {
                return null;
            }

            switch (call)
            {
                case IInvocationOperation invocation:
                    return new ArgumentBindings(invocation.TargetMethod, call, invocation.Arguments, outer);
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    return new ArgumentBindings(constructor, call, creation.Arguments, outer);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The arguments of <paramref name="call"/> bound, by position, to the parameters of <paramref name="target"/>: a lambda or
        /// method a delegate invocation runs (<c>names(RetailerCodes.Own)</c> runs <c>retailer =&gt; …</c>).
        /// </summary>
        public static ArgumentBindings? ForTarget(IMethodSymbol target, IOperation call, ArgumentBindings? outer)
        {
            if (outer != null && outer.Length >= MaxChain)
            {
                return null;
            }

            var arguments = ArgumentsOf(call);
            return arguments.IsDefaultOrEmpty && target.Parameters.Length > 0 ? null : new ArgumentBindings(target, call, arguments, outer);
        }

        /// <summary>The value this chain binds <paramref name="parameter"/> to, with the bindings to resolve it in.</summary>
        public bool TryGet(IParameterSymbol parameter, out IOperation value, out ArgumentBindings? outer)
        {
            var wanted = parameter.OriginalDefinition;
            for (var b = this; b != null; b = b.Outer)
            {
                if (!SymbolEqualityComparer.Default.Equals(b.Method.OriginalDefinition, wanted.ContainingSymbol))
                {
                    continue;
                }

                var argument = ArgumentFor(b._arguments, wanted.Ordinal);
                if (argument != null)
                {
                    value = argument.Value;
                    outer = b.Outer;
                    return true;
                }
            }

            value = null!;
            outer = null;
            return false;
        }

        /// <summary>The argument passed for the parameter at <paramref name="ordinal"/> (its default value when omitted), or null.</summary>
        public static IArgumentOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The arguments of a call site: an invocation, a construction, or a constructor initializer.</summary>
        public static ImmutableArray<IArgumentOperation> ArgumentsOf(IOperation call) => call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
    }
}
