using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RetailGuard
{
    /// <summary>
    /// Which methods of this compilation a call can dispatch to: the overrides of a virtual or abstract method and the
    /// implementations of an interface method, declared in this compilation's source. The types of the source assembly
    /// are indexed once by their direct base type and their directly listed interfaces; the implementations of one
    /// method are looked up the first time a call asks for them, among the types that can hold one.
    /// </summary>
    internal sealed class Implementations
    {
        private readonly Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> _below;
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _byTarget =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);

        private Implementations(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> below) => _below = below;

        /// <summary>True when a call to <paramref name="method"/> may run another body than its own.</summary>
        public static bool IsDispatched(IMethodSymbol method) =>
            (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) &&
            !method.IsSealed && !method.IsStatic;

        /// <summary>The source types whose base type is <paramref name="type"/>, or which list it as an interface.</summary>
        public ImmutableArray<INamedTypeSymbol> DirectlyBelow(INamedTypeSymbol type) =>
            _below.TryGetValue(type.OriginalDefinition, out var types) ? types.ToImmutableArray() : ImmutableArray<INamedTypeSymbol>.Empty;

        /// <summary>The source methods (original definitions) that override or implement <paramref name="method"/>, directly or further down.</summary>
        public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method) => _byTarget.GetOrAdd(method.OriginalDefinition, Find);

        public static Implementations Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var below = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(compilation.Assembly.GlobalNamespace);
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = stack.Pop();
                if (container is INamespaceSymbol space)
                {
                    foreach (var ns in space.GetNamespaceMembers())
                    {
                        stack.Push(ns);
                    }
                }

                // Only types are needed: GetTypeMembers does not build the other members' symbols.
                foreach (var type in container.GetTypeMembers())
                {

                    stack.Push(type);
                    if (type.BaseType is { } baseType)
                    {
                        Add(below, baseType.OriginalDefinition, type);
                    }

                    foreach (var i in type.Interfaces)
                    {
                        Add(below, i.OriginalDefinition, type);
                    }
                }
            }

            return new Implementations(below);
        }

        private static void Add(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> index, INamedTypeSymbol key, INamedTypeSymbol type)
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = new List<INamedTypeSymbol>();
                index.Add(key, list);
            }

            list.Add(type);
        }

        private ImmutableArray<IMethodSymbol> Find(IMethodSymbol target)
        {
            var containing = target.ContainingType?.OriginalDefinition;
            if (containing == null)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            // Every type below the containing type: subclasses, implementers, and interfaces that extend it (bounded walk).
            var found = new List<IMethodSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default) { containing };
            var work = new Queue<INamedTypeSymbol>();
            work.Enqueue(containing);
            while (work.Count > 0 && seen.Count < 100000)
            {
                if (!_below.TryGetValue(work.Dequeue(), out var types))
                {
                    continue;
                }

                foreach (var type in types)
                {
                    if (!seen.Add(type))
                    {
                        continue;
                    }

                    work.Enqueue(type);
                    if (type.TypeKind is TypeKind.Class or TypeKind.Struct)
                    {
                        Collect(type, target, containing, found);
                    }
                }
            }

            return found.ToImmutableArray();
        }

        private static void Collect(INamedTypeSymbol type, IMethodSymbol target, INamedTypeSymbol containing, List<IMethodSymbol> found)
        {
            if (containing.TypeKind == TypeKind.Interface)
            {
                foreach (var i in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, containing))
                    {
                        continue;
                    }

                    foreach (var m in i.GetMembers(target.Name))
                    {
                        if (m is IMethodSymbol constructed && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, target) &&
                            type.FindImplementationForInterfaceMember(constructed) is IMethodSymbol impl)
                        {
                            AddBody(found, impl);
                        }
                    }
                }

                return;
            }

            foreach (var m in type.GetMembers(target.Name))
            {
                if (!(m is IMethodSymbol method) || !method.IsOverride)
                {
                    continue;
                }

                for (var o = method.OverriddenMethod; o != null; o = o.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(o.OriginalDefinition, target))
                    {
                        AddBody(found, method);
                        break;
                    }
                }
            }
        }

        private static void AddBody(List<IMethodSymbol> found, IMethodSymbol method)
        {
            if (method.IsAbstract || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return;
            }

            var definition = method.OriginalDefinition;
            foreach (var existing in found)
            {
                if (SymbolEqualityComparer.Default.Equals(existing, definition))
                {
                    return;
                }
            }

            found.Add(definition);
        }
    }
}
