using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RetailGuard
{
    /// <summary>
    /// Which methods of this compilation a call can dispatch to: the overrides of a virtual or abstract method and the
    /// implementations of an interface method, declared in this compilation's source.
    /// <para>
    /// Built from syntax alone: every class, struct, record and interface declaration is indexed by the simple names in its
    /// base list (<c>class A : B.C&lt;T&gt;, ID</c> under <c>C</c> and <c>ID</c>; a name that a <c>using</c> alias gives
    /// a type also under that type's name). No base type is bound to build it. The types directly below a type are then
    /// the declarations indexed under its name whose bound base type or interfaces really are that type: binding is paid
    /// only for the candidates of the types a call asks about. A name index can only list too many candidates, never too
    /// few, and every candidate is checked against its symbol.
    /// </para>
    /// </summary>
    internal sealed class Implementations
    {
        /// <summary>Types visited when one method's implementations are looked for; a larger hierarchy is cut there.</summary>
        public const int MaxTypes = 100000;

        private readonly Compilation _compilation;
        private readonly Func<SyntaxTree, SemanticModel> _models;
        private readonly Dictionary<string, List<BaseTypeDeclarationSyntax>> _byBaseName;
        private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _below =
            new ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _byTarget =
            new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);

        private readonly Func<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _computeBelow;
        private readonly Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> _find;

        private Implementations(Compilation compilation, Func<SyntaxTree, SemanticModel> models, Dictionary<string, List<BaseTypeDeclarationSyntax>> byBaseName)
        {
            _compilation = compilation;
            _models = models;
            _byBaseName = byBaseName;
            _computeBelow = ComputeBelow;
            _find = Find;
        }

        /// <summary>Types whose base types were bound to answer the questions asked so far (for tests and measurements).</summary>
        internal int TypesAsked => _below.Count;

        /// <summary>True when a call to <paramref name="method"/> may run another body than its own.</summary>
        public static bool IsDispatched(IMethodSymbol method) =>
            (method.IsAbstract || method.IsVirtual || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface) &&
            !method.IsSealed && !method.IsStatic;

        /// <summary>The source types whose base type is <paramref name="type"/>, or which list it as an interface (original definitions).</summary>
        public ImmutableArray<INamedTypeSymbol> DirectlyBelow(INamedTypeSymbol type) => _below.GetOrAdd(type.OriginalDefinition, _computeBelow);

        /// <summary>The source methods (original definitions) that override or implement <paramref name="method"/>, directly or further down.</summary>
        public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method) => _byTarget.GetOrAdd(method.OriginalDefinition, _find);

        /// <summary>Indexes the type declarations of <paramref name="compilation"/>'s trees by the names in their base lists.</summary>
        /// <param name="models">The semantic model of a tree (shared with the rest of the analysis).</param>
        public static Implementations Build(Compilation compilation, Func<SyntaxTree, SemanticModel> models, CancellationToken cancellationToken)
        {
            var byBaseName = new Dictionary<string, List<BaseTypeDeclarationSyntax>>(StringComparer.Ordinal);
            var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var stack = new Stack<SyntaxNode>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stack.Push(tree.GetRoot(cancellationToken));
                while (stack.Count > 0)
                {
                    // Only declarations are visited: compilation units, namespaces and types, never member bodies.
                    var node = stack.Pop();
                    switch (node)
                    {
                        case CompilationUnitSyntax unit:
                            SyntaxNames.AddAliases(unit.Usings, aliases);
                            PushMembers(unit.Members, stack);
                            break;
                        case BaseNamespaceDeclarationSyntax space:
                            SyntaxNames.AddAliases(space.Usings, aliases);
                            PushMembers(space.Members, stack);
                            break;
                        case TypeDeclarationSyntax type:
                            if (type.BaseList != null)
                            {
                                foreach (var baseType in type.BaseList.Types)
                                {
                                    if (SyntaxNames.Rightmost(baseType.Type) is { } name)
                                    {
                                        Add(byBaseName, name, type);
                                    }
                                }
                            }

                            PushMembers(type.Members, stack);
                            break;
                    }
                }
            }

            // A base list that names an alias (using Repo = Data.Repository<Order>;) names the alias's target too.
            foreach (var alias in aliases)
            {
                if (!byBaseName.TryGetValue(alias.Key, out var declarations))
                {
                    continue;
                }

                foreach (var target in alias.Value)
                {
                    foreach (var declaration in declarations.ToArray())
                    {
                        Add(byBaseName, target, declaration);
                    }
                }
            }

            return new Implementations(compilation, models, byBaseName);
        }

        private static void PushMembers(SyntaxList<MemberDeclarationSyntax> members, Stack<SyntaxNode> stack)
        {
            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax || member is TypeDeclarationSyntax)
                {
                    stack.Push(member);
                }
            }
        }

        /// <summary>Files a declaration under a name. A declaration filed twice (two partial parts, a name given twice) costs a
        /// second look when its name is asked about; <see cref="ComputeBelow"/> keeps each type once.</summary>
        private static void Add(Dictionary<string, List<BaseTypeDeclarationSyntax>> index, string key, BaseTypeDeclarationSyntax value)
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = new List<BaseTypeDeclarationSyntax>();
                index.Add(key, list);
            }

            list.Add(value);
        }

        private ImmutableArray<INamedTypeSymbol> ComputeBelow(INamedTypeSymbol type)
        {
            if (!_byBaseName.TryGetValue(type.Name, out var declarations))
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            var below = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var declaration in declarations)
            {
                if (!_compilation.ContainsSyntaxTree(declaration.SyntaxTree) ||
                    !(_models(declaration.SyntaxTree).GetDeclaredSymbol(declaration) is INamedTypeSymbol candidate) ||
                    below.Contains(candidate))
                {
                    continue;
                }

                bool isBelow = candidate.BaseType is { } baseType && SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, type);
                foreach (var i in candidate.Interfaces)
                {
                    isBelow = isBelow || SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, type);
                }

                if (isBelow)
                {
                    below.Add(candidate);
                }
            }

            return below.ToImmutable();
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
            while (work.Count > 0 && seen.Count < MaxTypes)
            {
                foreach (var type in DirectlyBelow(work.Dequeue()))
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
