using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RetailGuard
{
    /// <summary>
    /// Which methods of this compilation a call can dispatch to: the overrides of a virtual or abstract method and the
    /// implementations of an interface method, declared in this compilation's source. Built once per compilation, on
    /// first use, from every type of the source assembly.
    /// </summary>
    internal sealed class Implementations
    {
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _byTarget;

        private Implementations(Dictionary<IMethodSymbol, List<IMethodSymbol>> byTarget) => _byTarget = byTarget;

        /// <summary>True when a call to <paramref name="method"/> may run another body than its own.</summary>
        public static bool IsDispatched(IMethodSymbol method) =>
            (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) &&
            !method.IsSealed && !method.IsStatic;

        /// <summary>The source methods (original definitions) that override or implement <paramref name="method"/>, directly or further down.</summary>
        public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method)
        {
            if (!_byTarget.TryGetValue(method.OriginalDefinition, out var list))
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            return list.ToImmutableArray();
        }

        public static Implementations Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var byTarget = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(compilation.Assembly.GlobalNamespace);
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var member in stack.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        stack.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        stack.Push(type);
                        if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                        {
                            AddType(type, byTarget);
                        }
                    }
                }
            }

            return new Implementations(byTarget);
        }

        private static void AddType(INamedTypeSymbol type, Dictionary<IMethodSymbol, List<IMethodSymbol>> byTarget)
        {
            foreach (var member in type.GetMembers())
            {
                if (!(member is IMethodSymbol method) || method.IsStatic || method.IsAbstract || method.DeclaringSyntaxReferences.IsEmpty)
                {
                    continue;
                }

                // Overrides: every virtual method up the chain can dispatch here.
                for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                {
                    Add(byTarget, overridden, method);
                }

                foreach (var explicitImpl in method.ExplicitInterfaceImplementations)
                {
                    Add(byTarget, explicitImpl, method);
                }
            }

            // Implicit interface implementations, including those inherited from a base class.
            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers())
                {
                    if (member is IMethodSymbol interfaceMethod && !interfaceMethod.IsStatic &&
                        type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol impl &&
                        !impl.IsAbstract && !impl.DeclaringSyntaxReferences.IsEmpty &&
                        SymbolEqualityComparer.Default.Equals(impl.ContainingAssembly, type.ContainingAssembly))
                    {
                        Add(byTarget, interfaceMethod, impl);
                    }
                }
            }
        }

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> byTarget, IMethodSymbol target, IMethodSymbol implementation)
        {
            var key = target.OriginalDefinition;
            if (!byTarget.TryGetValue(key, out var list))
            {
                list = new List<IMethodSymbol>();
                byTarget.Add(key, list);
            }

            var value = implementation.OriginalDefinition;
            foreach (var existing in list)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, value))
                {
                    return;
                }
            }

            list.Add(value);
        }
    }
}
