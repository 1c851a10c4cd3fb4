using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RetailGuard
{
    /// <summary>
    /// A type's name as code at a position can write it (<see cref="SymbolDisplayExtensions.ToMinimalDisplayString"/>),
    /// worked out once per type and name context rather than at every finding: Roslyn's minimal name looks the name up at
    /// the position, which costs far more than the string.
    /// <para>
    /// Roslyn writes a type's simple name when no using alias stands for it and the simple name, looked up at the position,
    /// finds that type: among namespaces and types in a type context, among every symbol otherwise (so a local or a property
    /// of the same name forces a longer name). That lookup passes, from the inside out, through what the member declares
    /// (parameters, type parameters, locals, range and pattern variables, local functions), the enclosing type declarations
    /// (their type parameters, members and nested types, inherited ones included, and constructor or receiver parameters),
    /// then the namespace declarations and the compilation unit (their usings and containing namespaces). A simple name is
    /// shared only where the first two declare nothing of that name (the member's text has no identifier spelled so, no
    /// enclosing type brings one) and no alias is declared: the lookup then depends only on the namespace declarations and
    /// usings around the position, which are the key (with the kind of context), so files that open with the same
    /// namespace and usings share it. In a file whose usings are all at its top, the namespaces around the position count
    /// only through the innermost of them (or the global namespace) with a member of that name in any assembly the
    /// compilation sees (<see cref="Compilation.GetCompilationNamespace"/>), looked up first, so files
    /// in other namespaces with the same usings share it too. A file that declares file-local types keeps its names to itself. A longer name is never
    /// shared: it also depends on looking up its namespaces, containing types and type arguments, which code at the
    /// position may hide. Everywhere else (aliases, top-level statements, positions outside any member, a member or type
    /// that declares the name) Roslyn is asked every time.
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
            if (type.NullableAnnotation == NullableAnnotation.Annotated || !(cache.ContextAt(model, position, type.Name) is { } at))
            {
                return type.ToMinimalDisplayString(model, position);
            }

            var key = (type, at.Context, at.Holder, at.TypeContext);
            if (cache.Names.TryGetValue(key, out var known))
            {
                return known;
            }

            string name = type.ToMinimalDisplayString(model, position);
            if (name == type.Name)
            {
                // Only the simple name is shared: that the name found this type is all the key's checks make the same at
                // every position of the context. A longer name also depends on looking up its namespaces, containing types
                // and type arguments, which the member or an enclosing type may hide.
                cache.Names.TryAdd(key, name);
            }

            return name;
        }

        /// <summary>What one compilation worked out: names by context, and the facts that decide whether a context is shared.</summary>
        private sealed class Cache
        {
            public ConcurrentDictionary<(ITypeSymbol Type, object Context, INamespaceSymbol? Holder, bool TypeContext), string> Names { get; } =
                new ConcurrentDictionary<(ITypeSymbol Type, object Context, INamespaceSymbol? Holder, bool TypeContext), string>();

            private readonly ConcurrentDictionary<(INamespaceSymbol Namespace, string Name), INamespaceSymbol?> _holders =
                new ConcurrentDictionary<(INamespaceSymbol Namespace, string Name), INamespaceSymbol?>();

            private readonly ConcurrentDictionary<(SyntaxNode Member, string Name), bool> _spelled =
                new ConcurrentDictionary<(SyntaxNode Member, string Name), bool>();

            private readonly ConcurrentDictionary<(INamedTypeSymbol Type, string Name), bool> _declared =
                new ConcurrentDictionary<(INamedTypeSymbol Type, string Name), bool>();

            private readonly ConcurrentDictionary<SyntaxNode, object> _contexts = new ConcurrentDictionary<SyntaxNode, object>();

            /// <summary>
            /// The context that decides a minimal name of <paramref name="name"/> at <paramref name="position"/> (the using
            /// context as text, or the namespace node itself in a file with file-local types; for a file whose usings are
            /// all at its top, those usings and the innermost namespace around the position with a member of that name),
            /// and whether the position is in a type context; null where the name cannot be shared.
            /// </summary>
            public (object Context, INamespaceSymbol? Holder, bool TypeContext)? ContextAt(SemanticModel model, int position, string name)
            {
                var root = model.SyntaxTree.GetRoot();
                if (position < 0 || position >= root.FullSpan.End || model.SyntaxTree.Options.Kind != SourceCodeKind.Regular)
                {
                    // A script's types are nested in its script class, which no declaration in the text shows.
                    return null;
                }

                var token = root.FindToken(position);
                if (model.IgnoresAccessibility || position < token.SpanStart || position >= token.Span.End)
                {
                    // A position in trivia (a doc comment's cref declares its own type parameters) or a model that sees
                    // inaccessible members looks names up differently.
                    return null;
                }

                SyntaxNode? member = null;
                for (var node = token.Parent; node != null; node = node.Parent)
                {
                    switch (node)
                    {
                        case GlobalStatementSyntax:
                        case DelegateDeclarationSyntax:
                            return null;
                        case BaseTypeDeclarationSyntax declaration:
                            if (member == null || HasParameterNamed(declaration, name) || !(model.GetDeclaredSymbol(declaration) is { } declared) ||
                                Declares(declared, name))
                            {
                                return null;
                            }

                            break;
                        case BaseNamespaceDeclarationSyntax:
                        case CompilationUnitSyntax:
                            if (member == null || Spells(member, name))
                            {
                                return null;
                            }

                            if (!(UsingContext(node) is { } context) || HasGlobalAliases(model.Compilation))
                            {
                                return null;
                            }

                            bool typeContext = SyntaxFacts.IsInNamespaceOrTypeContext(token.Parent as ExpressionSyntax) || token.IsKind(SyntaxKind.NewKeyword);
                            if (context is UnitScope unit)
                            {
                                if (!(unit.Namespace(model) is { } innermost))
                                {
                                    return null;
                                }

                                return (unit.Usings, Holder(model.Compilation, innermost, name), typeContext);
                            }

                            return (context, null, typeContext);
                        case MemberDeclarationSyntax:
                            member ??= node;
                            break;
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
                if (_spelled.TryGetValue(key, out bool known))
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

                _spelled.TryAdd(key, found);
                return found;
            }

            /// <summary>
            /// True when code inside <paramref name="type"/> can see something named <paramref name="name"/> that the type
            /// brings: a type parameter, a member or nested type of it, its base types or interfaces, or a constructor parameter
            /// (a primary constructor's is in scope in every member).
            /// </summary>
            private bool Declares(INamedTypeSymbol type, string name)
            {
                var key = (type, name);
                if (_declared.TryGetValue(key, out bool known))
                {
                    return known;
                }

                bool found = false;
                foreach (var parameter in type.TypeParameters)
                {
                    found |= parameter.Name == name;
                }

                for (var t = type; t != null && !found; t = t.BaseType)
                {
                    found = !t.GetMembers(name).IsEmpty;
                }

                foreach (var i in type.AllInterfaces)
                {
                    found = found || !i.GetMembers(name).IsEmpty;
                }

                foreach (var constructor in type.InstanceConstructors)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        found |= parameter.Name == name;
                    }
                }

                _declared.TryAdd(key, found);
                return found;
            }

            /// <summary>
            /// The namespace declarations and usings a position inside <paramref name="scope"/> sees, as text from the inside
            /// out; in a file that declares file-local types (seen by its own code only), the node itself; in a file whose
            /// usings are all at its top (none inside a namespace declaration), a <see cref="UnitScope"/>.
            /// </summary>
            private object? UsingContext(SyntaxNode scope)
            {
                if (_contexts.TryGetValue(scope, out var known))
                {
                    return known == NotShared ? null : known;
                }

                object context;
                if (HasAliasesOrDirectives(scope))
                {
                    context = NotShared;
                }
                else if (HasFileLocalTypes(scope.SyntaxTree.GetRoot()))
                {
                    context = scope;
                }
                else
                {
                    bool usingsInNamespaces = false;
                    var text = new StringBuilder();
                    for (var node = scope; node != null; node = node.Parent)
                    {
                        switch (node)
                        {
                            case BaseNamespaceDeclarationSyntax ns:
                                usingsInNamespaces |= ns.Externs.Count > 0 || ns.Usings.Count > 0;
                                text.Append("namespace ").Append(ns.Name.ToString()).Append('\n');
                                Append(text, ns.Externs, ns.Usings);
                                break;
                            case CompilationUnitSyntax unit:
                                if (!usingsInNamespaces)
                                {
                                    // The namespaces around the position matter only through what they hold of the name
                                    // looked up, found at each look-up (UnitScope): the key is the usings alone.
                                    text.Clear().Append("usings at the top\n");
                                    Append(text, unit.Externs, unit.Usings);
                                    context = new UnitScope(text.ToString(), scope as BaseNamespaceDeclarationSyntax);
                                    _contexts.TryAdd(scope, context);
                                    return context;
                                }

                                text.Append("unit\n");
                                Append(text, unit.Externs, unit.Usings);
                                break;
                        }
                    }

                    context = text.ToString();
                }

                _contexts.TryAdd(scope, context);
                return context == NotShared ? null : context;
            }

            /// <summary>
            /// The innermost of <paramref name="innermost"/> and its containing namespaces (the global one included) with a
            /// member (a type or a namespace) named <paramref name="name"/>, or null. Code inside namespace declarations with no
            /// usings of their own looks a simple name up in those namespaces from the inside out, then in the file's usings:
            /// two positions with the same usings and the same holder find the same symbols.
            /// </summary>
            private INamespaceSymbol? Holder(Compilation compilation, INamespaceSymbol innermost, string name)
            {
                var key = (innermost, name);
                if (_holders.TryGetValue(key, out var known))
                {
                    return known;
                }

                // Each step is the compilation's namespace, which merges what every referenced assembly puts there (a
                // declaration's own symbol holds this compilation's members only).
                INamespaceSymbol? holder = null;
                for (var ns = compilation.GetCompilationNamespace(innermost); ns != null && holder == null;
                     ns = ns.ContainingNamespace is { } outer ? compilation.GetCompilationNamespace(outer) : null)
                {
                    foreach (var _ in ns.GetMembers(name))
                    {
                        holder = ns;
                        break;
                    }
                }

                _holders.TryAdd(key, holder);
                return holder;
            }

            /// <summary>
            /// The name context of a file whose usings are all at its top: the usings as text, and the namespace declaration
            /// around the position (null: the global namespace).
            /// </summary>
            private sealed class UnitScope
            {
                private readonly BaseNamespaceDeclarationSyntax? _declaration;
                private INamespaceSymbol? _namespace;

                public UnitScope(string usings, BaseNamespaceDeclarationSyntax? declaration)
                {
                    Usings = usings;
                    _declaration = declaration;
                }

                public string Usings { get; }

                /// <summary>
                /// The compilation's namespace the declaration declares (the global one outside any), merged over every
                /// referenced assembly; null when it is not bound.
                /// </summary>
                public INamespaceSymbol? Namespace(SemanticModel model) =>
                    _namespace ??= _declaration == null ? model.Compilation.GlobalNamespace :
                        model.GetDeclaredSymbol(_declaration) is INamespaceSymbol declared ? model.Compilation.GetCompilationNamespace(declared) : null;
            }

            /// <summary>Marks a scope whose names are never shared.</summary>
            private static readonly object NotShared = new object();

            /// <summary>
            /// True when a using alias is declared around <paramref name="scope"/> (an alias is preferred to the type's own
            /// name unless something at the position hides it, which the key does not see), or a preprocessor directive sits
            /// inside the usings (the same text can then mean different usings in two files).
            /// </summary>
            private static bool HasAliasesOrDirectives(SyntaxNode scope)
            {
                for (var node = scope; node != null; node = node.Parent)
                {
                    var usings = node switch
                    {
                        BaseNamespaceDeclarationSyntax ns => ns.Usings,
                        CompilationUnitSyntax unit => unit.Usings,
                        _ => default,
                    };

                    foreach (var u in usings)
                    {
                        if (u.Alias != null || u.ContainsDirectives)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private int _globalAliases;

            /// <summary>True when any file of the compilation declares a global using alias: then no name is shared.</summary>
            private bool HasGlobalAliases(Compilation compilation)
            {
                if (_globalAliases == 0)
                {
                    bool found = false;
                    foreach (var tree in compilation.SyntaxTrees)
                    {
                        if (tree.GetRoot() is CompilationUnitSyntax unit)
                        {
                            foreach (var u in unit.Usings)
                            {
                                found |= u.Alias != null && !u.GlobalKeyword.IsKind(SyntaxKind.None);
                            }
                        }
                    }

                    _globalAliases = found ? 1 : 2;
                }

                return _globalAliases == 1;
            }

            /// <summary>
            /// True when the declaration has a parameter list (a primary constructor, or an extension block's receiver in
            /// newer C#) with a parameter of that name: it is in scope in the members.
            /// </summary>
            private static bool HasParameterNamed(BaseTypeDeclarationSyntax declaration, string name)
            {
                foreach (var child in declaration.ChildNodes())
                {
                    if (child is ParameterListSyntax list)
                    {
                        foreach (var parameter in list.Parameters)
                        {
                            if (parameter.Identifier.ValueText == name)
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            private static void Append(StringBuilder text, SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings)
            {
                foreach (var e in externs)
                {
                    text.Append(e.ToString()).Append('\n');
                }

                foreach (var u in usings)
                {
                    text.Append(u.ToString()).Append('\n');
                }
            }

            /// <summary>True when a type declared at the top of the file or in its namespaces is file-local (C# 11 'file').</summary>
            private static bool HasFileLocalTypes(SyntaxNode root)
            {
                var pending = new System.Collections.Generic.Stack<SyntaxNode>();
                pending.Push(root);
                while (pending.Count > 0)
                {
                    foreach (var node in pending.Pop().ChildNodes())
                    {
                        if (node is BaseNamespaceDeclarationSyntax)
                        {
                            pending.Push(node);
                        }
                        else if (node is MemberDeclarationSyntax member && IsFileLocal(member))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsFileLocal(MemberDeclarationSyntax member)
            {
                foreach (var modifier in member.Modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.FileKeyword))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
