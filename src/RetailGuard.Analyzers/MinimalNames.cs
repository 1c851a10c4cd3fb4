using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RetailGuard
{
    /// <summary>
    /// A type's name as code at a position can write it (<see cref="SymbolDisplayExtensions.ToMinimalDisplayString"/>),
    /// worked out once per type and name scope rather than at every finding: Roslyn's minimal name binds the name at the
    /// position, a lookup that costs far more than the string.
    /// <para>
    /// Roslyn shortens a type's name when the shorter name, looked up at the position, finds that type: among namespaces
    /// and types in a type context, among every symbol otherwise (so a local or a property of the same name forces a longer
    /// name). What such a lookup finds is the same at every position of one scope: the compilation unit and namespace
    /// declarations (their usings and aliases), the type declarations (their type parameters, members and nested types,
    /// inherited ones included, and primary-constructor parameters) and generic methods and local functions (their type
    /// parameters), except for what a member declares inside itself: parameters, locals, range and pattern variables. So the
    /// name is kept per compilation, type, innermost scope and kind of context, and only for positions inside a member that
    /// declares nothing of the type's name anywhere in its text. Elsewhere (a member that uses the name, top-level
    /// statements, positions outside any member) it is asked of Roslyn every time.
    /// </para>
    /// </summary>
    internal static class MinimalNames
    {
        private static readonly ConditionalWeakTable<Compilation, Cache> PerCompilation = new ConditionalWeakTable<Compilation, Cache>();

        private static readonly ConditionalWeakTable<Compilation, Cache>.CreateValueCallback NewCache = _ => new Cache();

        /// <summary>
        /// <paramref name="type"/>'s minimal name at <paramref name="position"/> of <paramref name="model"/>'s tree: the same
        /// string <see cref="SymbolDisplayExtensions.ToMinimalDisplayString"/> gives there (minimally qualified format).
        /// </summary>
        public static string Of(ITypeSymbol type, SemanticModel model, int position)
        {
            var cache = PerCompilation.GetValue(model.Compilation, NewCache);
            if (!(cache.KeyAt(model.SyntaxTree, position, type.Name) is { } at))
            {
                return type.ToMinimalDisplayString(model, position);
            }

            var key = (type, at.Scope, at.TypeContext);
            if (cache.Names.TryGetValue(key, out var known))
            {
                return known;
            }

            string name = type.ToMinimalDisplayString(model, position);
            cache.Names.TryAdd(key, name);
            return name;
        }

        /// <summary>The names worked out in one compilation, and which members declare a given name.</summary>
        private sealed class Cache
        {
            public ConcurrentDictionary<(ITypeSymbol Type, SyntaxNode Scope, bool TypeContext), string> Names { get; } =
                new ConcurrentDictionary<(ITypeSymbol Type, SyntaxNode Scope, bool TypeContext), string>();

            private ConcurrentDictionary<(SyntaxNode Member, string Name), bool> Spelled { get; } =
                new ConcurrentDictionary<(SyntaxNode Member, string Name), bool>();

            /// <summary>
            /// The scope and kind of context that decide a minimal name at <paramref name="position"/>, or null when the
            /// position is outside any member, in top-level statements, or in a member that spells <paramref name="name"/>.
            /// </summary>
            public (SyntaxNode Scope, bool TypeContext)? KeyAt(SyntaxTree tree, int position, string name)
            {
                var root = tree.GetRoot();
                if (position < 0 || position >= root.FullSpan.End)
                {
                    return null;
                }

                var token = root.FindToken(position);
                SyntaxNode? member = null;
                SyntaxNode? scope = null;
                for (var node = token.Parent; node != null; node = node.Parent)
                {
                    switch (node)
                    {
                        case GlobalStatementSyntax:
                            return null;
                        case LocalFunctionStatementSyntax { TypeParameterList: { } }:
                            scope ??= node;
                            break;
                        case MethodDeclarationSyntax { TypeParameterList: { } }:
                            member ??= node;
                            scope ??= node;
                            break;
                        case BaseTypeDeclarationSyntax:
                        case DelegateDeclarationSyntax:
                        case BaseNamespaceDeclarationSyntax:
                        case CompilationUnitSyntax:
                            scope ??= node;
                            break;
                        case MemberDeclarationSyntax:
                            member ??= node;
                            break;
                    }

                    if (scope != null && (member != null || !(scope is LocalFunctionStatementSyntax)))
                    {
                        // A member holds every scope below a type (a generic local function's member is further up); a type,
                        // namespace or compilation unit found above no member is a position outside any member.
                        if (member == null || Spells(member, name))
                        {
                            return null;
                        }

                        return (scope, SyntaxFacts.IsInNamespaceOrTypeContext(token.Parent as ExpressionSyntax) || token.IsKind(SyntaxKind.NewKeyword));
                    }
                }

                return null;
            }

            /// <summary>True when an identifier of <paramref name="member"/>'s text is <paramref name="name"/>: it may declare it.</summary>
            private bool Spells(SyntaxNode member, string name)
            {
                if (name == "value" || name == "field")
                {
                    // Accessors declare these without spelling them.
                    return true;
                }

                var key = (member, name);
                if (Spelled.TryGetValue(key, out bool known))
                {
                    return known;
                }

                bool found = false;
                foreach (var token in member.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                    {
                        found = true;
                        break;
                    }
                }

                Spelled.TryAdd(key, found);
                return found;
            }
        }
    }
}
