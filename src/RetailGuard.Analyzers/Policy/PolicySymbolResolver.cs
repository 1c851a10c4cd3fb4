using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Policy
{
    internal enum PolicyReferenceProblem
    {
        /// <summary>The type exists, the member it names does not (RG9003).</summary>
        MissingMember,

        /// <summary>The type does not exist in a compilation where it should (RG9009).</summary>
        MissingType,
    }

    /// <summary>A name in the policy that does not resolve, with the closest names that do (never a name that does not resolve).</summary>
    internal sealed class StaleReference
    {
        public StaleReference(string member, string type, TextSpan span)
            : this(PolicyReferenceProblem.MissingMember, member, type, span, ImmutableArray<string>.Empty)
        {
        }

        public StaleReference(PolicyReferenceProblem problem, string member, string type, TextSpan span, ImmutableArray<string> candidates)
        {
            Problem = problem;
            Member = member;
            Type = type;
            Span = span;
            Candidates = candidates;
        }

        public PolicyReferenceProblem Problem { get; }

        /// <summary>The missing member's name; empty for <see cref="PolicyReferenceProblem.MissingType"/>.</summary>
        public string Member { get; }

        /// <summary>The type: the one that lacks the member, or the missing one as written.</summary>
        public string Type { get; }

        public TextSpan Span { get; }

        /// <summary>Up to three names that resolve in the compilation and are close to the missing one, closest first.</summary>
        public ImmutableArray<string> Candidates { get; }

        /// <summary>
        /// For a member that exists but is not what the key needs (an own symbol that is a method with parameters, an event):
        /// what it is instead, as the end of the message; null for a member that does not exist.
        /// </summary>
        public string? Detail { get; private set; }

        public static StaleReference NotUsable(string member, string type, TextSpan span, string detail) =>
            new StaleReference(PolicyReferenceProblem.MissingMember, member, type, span, ImmutableArray<string>.Empty) { Detail = detail };
    }

    /// <summary>
    /// Resolves every C# name the policy writes (entities, members, constants, methods, attribute types, namespaces, documentation
    /// IDs) for one compilation, and records each one that does not resolve as a <see cref="StaleReference"/>: a missing member
    /// always, a missing type when the compilation shows it should have it (its namespace exists, a type with a close name
    /// exists, or, for an entity, the compilation declares a DbContext). Every key that names a C# symbol goes through here.
    /// </summary>
    internal sealed class PolicySymbolResolver
    {
        private const int MaxCandidates = 3;

        /// <summary>Bound on types visited when looking for close names, so a huge reference set cannot make binding slow.</summary>
        private const int MaxTypesVisited = 20000;

        private readonly Compilation _compilation;
        private readonly List<StaleReference> _problems;
        private bool? _hasDbContext;

        public PolicySymbolResolver(Compilation compilation, List<StaleReference> problems)
        {
            _compilation = compilation;
            _problems = problems;
        }

        public Compilation Compilation => _compilation;

        /// <summary>A type written "Namespace.Type" (nested types with '.' or '+'), or null; reported when the compilation should have it.</summary>
        public INamedTypeSymbol? ResolveType(PolicyName name, bool isEntity)
        {
            var type = FindType(_compilation, name.Value);
            if (type == null)
            {
                ReportMissingType(name.Value, name.Span, isEntity);
            }

            return type;
        }

        /// <summary>"Namespace.Type.Member": every member of that name (all overloads), or empty; reports what is missing.</summary>
        public ImmutableArray<ISymbol> ResolveMembers(PolicyName name)
        {
            string full = name.Value;
            int dot = full.LastIndexOf('.');
            if (dot <= 0 || dot == full.Length - 1)
            {
                // "Own" or "Codes.": never resolves; the policy wants Namespace.Type.Member.
                _problems.Add(new StaleReference(PolicyReferenceProblem.MissingType, string.Empty, full, name.Span, ImmutableArray<string>.Empty));
                return ImmutableArray<ISymbol>.Empty;
            }

            string typeName = full.Substring(0, dot);
            var type = FindType(_compilation, typeName);
            if (type == null)
            {
                ReportMissingType(typeName, name.Span, isEntity: false);
                return ImmutableArray<ISymbol>.Empty;
            }

            string member = full.Substring(dot + 1);
            var found = type.GetMembers(member);
            if (found.IsEmpty)
            {
                _problems.Add(new StaleReference(PolicyReferenceProblem.MissingMember, member, type.ToDisplayString(), name.Span, CloseMembers(type, member, _ => true)));
            }

            return found;
        }

        /// <summary>Reports a member the policy names that exists but cannot serve the key: <paramref name="detail"/> says what it is instead.</summary>
        public void ReportNotUsable(PolicyName name, ISymbol member, string detail) =>
            _problems.Add(StaleReference.NotUsable(member.Name, member.ContainingType?.ToDisplayString() ?? member.ContainingNamespace?.ToDisplayString() ?? string.Empty, name.Span, detail));

        /// <summary>A property of <paramref name="type"/> or its base types, or null, reported with the closest property names.</summary>
        public IPropertySymbol? ResolveProperty(INamedTypeSymbol type, PolicyName name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var m in t.GetMembers(name.Value))
                {
                    if (m is IPropertySymbol p)
                    {
                        return p;
                    }
                }
            }

            _problems.Add(new StaleReference(PolicyReferenceProblem.MissingMember, name.Value, type.ToDisplayString(), name.Span, CloseMembers(type, name.Value, m => m is IPropertySymbol)));
            return null;
        }

        /// <summary>
        /// A member written as a documentation ID ("M:Ns.Type.Run(System.Int32)", "P:…", "F:…", "E:…") or as "Namespace.Type.Member".
        /// A documentation ID that resolves to nothing is reported through the name it contains.
        /// </summary>
        public ImmutableArray<ISymbol> ResolveMemberOrDocumentationId(PolicyName name)
        {
            string text = name.Value;
            if (text.Length > 2 && text[1] == ':')
            {
                var symbols = DocumentationCommentId.GetSymbolsForDeclarationId(text, _compilation);
                if (!symbols.IsDefaultOrEmpty)
                {
                    return symbols;
                }

                // Report through the plain name: the type or the member is missing (or only the parameter list differs).
                string plain = text.Substring(2);
                int paren = plain.IndexOf('(');
                if (paren >= 0)
                {
                    plain = plain.Substring(0, paren);
                }

                var members = ResolveMembers(new PolicyName(plain, name.Span));
                if (!members.IsEmpty)
                {
                    var names = ImmutableArray.CreateBuilder<string>();
                    foreach (var m in members)
                    {
                        if (names.Count < MaxCandidates && m.GetDocumentationCommentId() is { } id)
                        {
                            names.Add(id);
                        }
                    }

                    _problems.Add(new StaleReference(PolicyReferenceProblem.MissingMember, text.Substring(2), members[0].ContainingType.ToDisplayString(), name.Span, names.ToImmutable()));
                }

                return ImmutableArray<ISymbol>.Empty;
            }

            return ResolveMembers(name);
        }

        /// <summary>An attribute class, written with or without the "Attribute" suffix.</summary>
        public INamedTypeSymbol? ResolveAttribute(PolicyName name)
        {
            var type = FindType(_compilation, name.Value) ??
                       (name.Value.EndsWith("Attribute", StringComparison.Ordinal) ? null : FindType(_compilation, name.Value + "Attribute"));
            if (type == null)
            {
                ReportMissingType(name.Value, name.Span, isEntity: false);
            }

            return type;
        }

        /// <summary>
        /// A namespace of the compilation's own code ("A.B.C"), or null; reported when it is missing but its parent namespace
        /// exists in the code, or a namespace with a close name does.
        /// </summary>
        public INamespaceSymbol? ResolveSourceNamespace(PolicyName name, string written)
        {
            var found = FindNamespace(_compilation.Assembly.GlobalNamespace, written);
            if (found != null)
            {
                return found;
            }

            int dot = written.LastIndexOf('.');
            string last = dot < 0 ? written : written.Substring(dot + 1);
            var parent = dot < 0 ? _compilation.Assembly.GlobalNamespace : FindNamespace(_compilation.Assembly.GlobalNamespace, written.Substring(0, dot));
            var candidates = ImmutableArray.CreateBuilder<string>();
            if (parent != null)
            {
                foreach (var child in parent.GetNamespaceMembers())
                {
                    if (candidates.Count < MaxCandidates && NearNames.IsSuggestion(last, child.Name))
                    {
                        candidates.Add(child.ToDisplayString());
                    }
                }
            }

            if (parent != null && (dot > 0 || candidates.Count > 0))
            {
                _problems.Add(new StaleReference(PolicyReferenceProblem.MissingType, string.Empty, written, name.Span, candidates.ToImmutable()));
            }

            return null;
        }

        /// <summary>The namespace written "A.B.C", or null when no assembly of the compilation declares it.</summary>
        public INamespaceSymbol? FindNamespace(string name) => FindNamespace(_compilation.GlobalNamespace, name);

        /// <summary>The namespace written "A.B.C" below <paramref name="root"/> (the compilation's, or one assembly's, global namespace), or null.</summary>
        internal static INamespaceSymbol? FindNamespace(INamespaceSymbol root, string name)
        {
            INamespaceSymbol current = root;
            foreach (var part in name.Split('.'))
            {
                INamespaceSymbol? next = null;
                foreach (var ns in current.GetNamespaceMembers())
                {
                    if (string.Equals(ns.Name, part, StringComparison.Ordinal))
                    {
                        next = ns;
                        break;
                    }
                }

                if (next == null)
                {
                    return null;
                }

                current = next;
            }

            return current;
        }

        /// <summary>A type by metadata name; nested types may be written with dots. Prefers the compilation's own type when names collide.</summary>
        internal static INamedTypeSymbol? FindType(Compilation compilation, string metadataName)
        {
            var type = ByMetadataName(compilation, metadataName);
            if (type != null)
            {
                return type;
            }

            // Nested types written with dots: try turning the last dots into '+'.
            string candidate = metadataName;
            for (int i = candidate.LastIndexOf('.'); i > 0; i = candidate.LastIndexOf('.', i - 1))
            {
                candidate = candidate.Substring(0, i) + "+" + candidate.Substring(i + 1);
                type = ByMetadataName(compilation, candidate);
                if (type != null)
                {
                    return type;
                }
            }

            return null;
        }

        private static INamedTypeSymbol? ByMetadataName(Compilation compilation, string metadataName)
        {
            // The compilation's own types first (what the policy names most), without searching every reference.
            var type = compilation.Assembly.GetTypeByMetadataName(metadataName) ?? compilation.GetTypeByMetadataName(metadataName);
            if (type != null)
            {
                return type;
            }

            // Null also means "more than one assembly has it": take the compilation's own, else the first.
            var all = compilation.GetTypesByMetadataName(metadataName);
            foreach (var t in all)
            {
                if (SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly))
                {
                    return t;
                }
            }

            return all.IsEmpty ? null : all[0];
        }

        private void ReportMissingType(string written, TextSpan span, bool isEntity)
        {
            string normalized = written.Replace('+', '.');
            int dot = normalized.LastIndexOf('.');
            string simple = dot < 0 ? normalized : normalized.Substring(dot + 1);
            string? ns = dot < 0 ? null : normalized.Substring(0, dot);
            var candidates = CloseTypes(normalized, simple);
            bool namespaceExists = ns != null && (FindNamespace(ns) != null || FindType(_compilation, ns) != null);
            if (namespaceExists || !candidates.IsEmpty || (isEntity && HasDbContext()))
            {
                _problems.Add(new StaleReference(PolicyReferenceProblem.MissingType, string.Empty, written, span, candidates));
            }
        }

        /// <summary>Types whose simple name is close to <paramref name="simple"/>: same name in another namespace first, then by distance.</summary>
        private ImmutableArray<string> CloseTypes(string written, string simple)
        {
            // Look under the first namespace of the written name when it exists (a typo further down), else in the compilation's own types.
            int firstDot = written.IndexOf('.');
            INamespaceSymbol? root = firstDot > 0 ? FindNamespace(written.Substring(0, firstDot)) : null;
            var start = root ?? _compilation.Assembly.GlobalNamespace;
            var found = new List<(int Distance, string Name)>();
            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(start);
            int visited = 0;
            while (namespaces.Count > 0 && visited < MaxTypesVisited)
            {
                var ns = namespaces.Pop();
                foreach (var member in ns.GetMembers())
                {
                    if (member is INamespaceSymbol child)
                    {
                        namespaces.Push(child);
                        continue;
                    }

                    if (member is INamedTypeSymbol type && ++visited < MaxTypesVisited)
                    {
                        AddIfClose(type, simple, found);
                        foreach (var nested in type.GetTypeMembers())
                        {
                            AddIfClose(nested, simple, found);
                        }
                    }
                }
            }

            found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var f in found)
            {
                if (builder.Count == MaxCandidates)
                {
                    break;
                }

                if (!builder.Contains(f.Name) && !string.Equals(f.Name, written, StringComparison.Ordinal))
                {
                    builder.Add(f.Name);
                }
            }

            return builder.ToImmutable();
        }

        private static void AddIfClose(INamedTypeSymbol type, string simple, List<(int, string)> found)
        {
            if (type.IsImplicitlyDeclared || !NearNames.IsSuggestion(simple, type.Name))
            {
                return;
            }

            found.Add((NearNames.Distance(simple, type.Name), type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
                .WithGenericsOptions(SymbolDisplayGenericsOptions.None))));
        }

        private static ImmutableArray<string> CloseMembers(INamedTypeSymbol type, string name, Func<ISymbol, bool> kind)
        {
            var found = new List<(int Distance, string Name)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var m in t.GetMembers())
                {
                    if (!m.IsImplicitlyDeclared && m.CanBeReferencedByName && kind(m) && seen.Add(m.Name) && NearNames.IsSuggestion(name, m.Name))
                    {
                        found.Add((NearNames.Distance(name, m.Name), m.Name));
                    }
                }
            }

            found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
            var builder = ImmutableArray.CreateBuilder<string>();
            for (int i = 0; i < found.Count && i < MaxCandidates; i++)
            {
                builder.Add(found[i].Name);
            }

            return builder.ToImmutable();
        }

        /// <summary>True when the compilation's own code declares a DbContext: a data-access project, where the policy's entities belong.</summary>
        private bool HasDbContext()
        {
            if (_hasDbContext != null)
            {
                return _hasDbContext.Value;
            }

            var dbContext = _compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            bool found = false;
            if (dbContext != null)
            {
                var namespaces = new Stack<INamespaceSymbol>();
                namespaces.Push(_compilation.Assembly.GlobalNamespace);
                int visited = 0;
                while (!found && namespaces.Count > 0 && visited < MaxTypesVisited)
                {
                    foreach (var member in namespaces.Pop().GetMembers())
                    {
                        if (member is INamespaceSymbol child)
                        {
                            namespaces.Push(child);
                        }
                        else if (member is INamedTypeSymbol type && ++visited < MaxTypesVisited && DerivesFrom(type, dbContext))
                        {
                            found = true;
                            break;
                        }
                    }
                }
            }

            _hasDbContext = found;
            return found;
        }

        internal static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            int guard = 0;
            for (var t = type.BaseType; t != null && guard < 64; t = t.BaseType, guard++)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
