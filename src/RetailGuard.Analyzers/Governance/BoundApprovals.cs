using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Governance
{
    /// <summary>One approval of the policy with its scope resolved in one compilation.</summary>
    internal sealed class BoundApproval
    {
        public BoundApproval(ApprovalSpec spec, ImmutableHashSet<ISymbol> members, INamedTypeSymbol? type, INamedTypeSymbol? attribute, bool declaredHere)
        {
            Spec = spec;
            Members = members;
            Type = type;
            Attribute = attribute;
            DeclaredHere = declaredHere;
        }

        public ApprovalSpec Spec { get; }

        public string Id => Spec.Id.Value;

        /// <summary>For a member scope: every member it names (original definitions).</summary>
        public ImmutableHashSet<ISymbol> Members { get; }

        public INamedTypeSymbol? Type { get; }

        public INamedTypeSymbol? Attribute { get; }

        /// <summary>
        /// True when the scope's member, type or namespace is declared in this compilation's own code: only then can a stale
        /// approval be told apart from one meant for another project that shares the policy.
        /// </summary>
        public bool DeclaredHere { get; }
    }

    /// <summary>
    /// The policy's approvals bound to one compilation, and the one place that decides whether an approval covers a finding:
    /// its rule and table, its scope (member, type, namespace, attribute, file, or the .sql files that name it) around the
    /// finding or, for RG2001/RG2002, around the read the rows came from; valid and not expired.
    /// </summary>
    internal sealed class BoundApprovals
    {
        public static readonly BoundApprovals None = new BoundApprovals(ImmutableArray<BoundApproval>.Empty, null, null);

        private BoundApprovals(ImmutableArray<BoundApproval> all, PolicyDocument? document, string? policyFolder)
        {
            All = all;
            Document = document;
            PolicyFolder = policyFolder;
        }

        public ImmutableArray<BoundApproval> All { get; }

        public PolicyDocument? Document { get; }

        /// <summary>The folder of retailguard.json: file scopes are relative to it.</summary>
        public string? PolicyFolder { get; }

        public static BoundApprovals Bind(PolicyDocument document, PolicySymbolResolver resolver)
        {
            if (document.Approvals.IsEmpty)
            {
                return None;
            }

            var compilation = resolver.Compilation;
            var builder = ImmutableArray.CreateBuilder<BoundApproval>(document.Approvals.Length);
            foreach (var spec in document.Approvals)
            {
                var members = ImmutableHashSet<ISymbol>.Empty;
                INamedTypeSymbol? type = null, attribute = null;
                bool declaredHere = false;
                if (!spec.Scope.IsEmpty)
                {
                    switch (spec.ScopeKind)
                    {
                        case ApprovalScopeKind.Member:
                            var found = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
                            foreach (var m in resolver.ResolveMemberOrDocumentationId(spec.Scope))
                            {
                                found.Add(m.OriginalDefinition);
                                declaredHere |= IsDeclaredIn(m, compilation);
                            }

                            members = found.ToImmutable();
                            break;
                        case ApprovalScopeKind.Type:
                            string typeName = spec.Scope.Value.StartsWith("T:", StringComparison.Ordinal) ? spec.Scope.Value.Substring(2) : spec.Scope.Value;
                            type = resolver.ResolveType(new PolicyName(typeName, spec.Scope.Span), isEntity: false);
                            declaredHere = type != null && IsDeclaredIn(type, compilation);
                            break;
                        case ApprovalScopeKind.Namespace:
                            declaredHere = resolver.ResolveSourceNamespace(spec.Scope, NamespaceOf(spec.Scope.Value, out _)) != null;
                            break;
                        case ApprovalScopeKind.Attribute:
                            attribute = resolver.ResolveAttribute(spec.Scope);
                            break;
                    }
                }

                builder.Add(new BoundApproval(spec, members, type, attribute, declaredHere));
            }

            string? folder = null;
            try
            {
                folder = System.IO.Path.GetDirectoryName(document.Path);
            }
            catch (ArgumentException)
            {
                // A path the platform cannot split: file scopes then match nothing (fail closed).
            }

            return new BoundApprovals(builder.MoveToImmutable(), document, folder);
        }

        /// <summary>
        /// The approval that covers <paramref name="diagnostic"/> (a finding), or null. <paramref name="today"/> is the UTC date:
        /// an approval is valid through its 'expires' day.
        /// </summary>
        public BoundApproval? Covering(Diagnostic diagnostic, Compilation compilation, SqlFileApprovals sqlFiles, Func<SyntaxTree, SemanticModel> models, DateTime today, CancellationToken cancellationToken)
        {
            if (All.IsEmpty)
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.Table, out var table);
            bool isExport = diagnostic.Id == RuleIds.UnfilteredExport || diagnostic.Id == RuleIds.UnfilteredBulkExtraction;
            var site = Site.At(diagnostic.Location, compilation, models, cancellationToken);
            var origin = isExport && diagnostic.AdditionalLocations.Count > 0
                ? Site.At(diagnostic.AdditionalLocations[0], compilation, models, cancellationToken)
                : null;
            foreach (var approval in All)
            {
                var spec = approval.Spec;
                if (!spec.IsValid || spec.IsExpired(today) || !spec.CoversRule(diagnostic.Id) || !CoversTable(spec, table))
                {
                    continue;
                }

                if (InScope(approval, site, sqlFiles) || (origin != null && InScope(approval, origin, sqlFiles)))
                {
                    return approval;
                }
            }

            return null;
        }

        /// <summary>The path of <paramref name="path"/> relative to the policy's folder, with '/', or null when it is not below it.</summary>
        public string? RelativeToPolicy(string path) => PolicyFolder == null ? null : PathText.Relative(PolicyFolder, path);

        private bool CoversTable(ApprovalSpec spec, string? findingTable)
        {
            if (spec.Table.IsEmpty)
            {
                return true;
            }

            if (string.IsNullOrEmpty(findingTable))
            {
                return false;
            }

            if (string.Equals(spec.Table.Value, findingTable, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // The approval may name the entity, the finding the table (or the other way round): both are one policy entry.
            if (Document != null)
            {
                foreach (var t in Document.ProtectedTables)
                {
                    if (Names(t.Table, t.Entity, spec.Table.Value) && Names(t.Table, t.Entity, findingTable!))
                    {
                        return true;
                    }
                }

                foreach (var t in Document.RestrictedTables)
                {
                    if (Names(t.Table, t.Entity, spec.Table.Value) && Names(t.Table, t.Entity, findingTable!))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Names(PolicyName table, PolicyName entity, string name) =>
            (!table.IsEmpty && string.Equals(table.Value, name, StringComparison.OrdinalIgnoreCase)) ||
            (!entity.IsEmpty && (string.Equals(entity.Value, name, StringComparison.Ordinal) || entity.Value.EndsWith("." + name, StringComparison.Ordinal)));

        private bool InScope(BoundApproval approval, Site site, SqlFileApprovals sqlFiles)
        {
            var spec = approval.Spec;
            if (site.SqlPath != null)
            {
                if (spec.ScopeKind == ApprovalScopeKind.File)
                {
                    return SameFile(spec.Scope.Value, site.SqlPath);
                }

                return spec.ScopeKind == ApprovalScopeKind.NamedBySqlFiles && sqlFiles.Names(site.SqlPath, approval.Id);
            }

            switch (spec.ScopeKind)
            {
                case ApprovalScopeKind.File:
                    return site.FilePath != null && SameFile(spec.Scope.Value, site.FilePath);
                case ApprovalScopeKind.Member:
                    return site.Member != null && ContainsMember(approval.Members, site.Member);
                case ApprovalScopeKind.Type:
                    return approval.Type != null && site.Member != null && WithinType(site.Member, approval.Type);
                case ApprovalScopeKind.Namespace:
                    return site.Member != null && WithinNamespace(site.Member, spec.Scope.Value);
                case ApprovalScopeKind.Attribute:
                    return approval.Attribute != null && site.Member != null && CarriesAttribute(site.Member, approval.Attribute, spec.AttributeArguments);
                default:
                    return false;
            }
        }

        private bool SameFile(string written, string path)
        {
            var relative = RelativeToPolicy(path);
            return relative != null && string.Equals(PathText.Normalize(written), relative, StringComparison.OrdinalIgnoreCase);
        }

        private static bool ContainsMember(ImmutableHashSet<ISymbol> members, ISymbol member)
        {
            for (ISymbol? s = member; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                if (members.Contains(s.OriginalDefinition) ||
                    (s is IMethodSymbol m && m.AssociatedSymbol != null && members.Contains(m.AssociatedSymbol.OriginalDefinition)) ||
                    (s is IMethodSymbol p && p.PartialDefinitionPart != null && members.Contains(p.PartialDefinitionPart.OriginalDefinition)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WithinType(ISymbol member, INamedTypeSymbol type)
        {
            for (ISymbol? s = member; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                if (s is INamedTypeSymbol t && SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WithinNamespace(ISymbol member, string written)
        {
            string ns = NamespaceOf(written, out bool andBelow);
            var containing = member is INamespaceSymbol n ? n : member.ContainingNamespace;
            string actual = containing == null || containing.IsGlobalNamespace ? string.Empty : containing.ToDisplayString();
            return string.Equals(actual, ns, StringComparison.Ordinal) ||
                   (andBelow && actual.StartsWith(ns + ".", StringComparison.Ordinal));
        }

        /// <summary>"Sales.Admin" covers that namespace; "Sales.Admin.*" also the namespaces below it.</summary>
        private static string NamespaceOf(string written, out bool andBelow)
        {
            string ns = written.StartsWith("N:", StringComparison.Ordinal) ? written.Substring(2) : written;
            andBelow = ns.EndsWith(".*", StringComparison.Ordinal);
            return andBelow ? ns.Substring(0, ns.Length - 2) : ns;
        }

        private static bool CarriesAttribute(ISymbol member, INamedTypeSymbol attribute, ImmutableArray<KeyValuePair<string, string>> arguments)
        {
            for (ISymbol? s = member; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                if (HasAttribute(s, attribute, arguments) ||
                    (s is IMethodSymbol m && m.AssociatedSymbol != null && HasAttribute(m.AssociatedSymbol, attribute, arguments)))
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute, ImmutableArray<KeyValuePair<string, string>> arguments)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (data.AttributeClass == null ||
                    !(SymbolEqualityComparer.Default.Equals(data.AttributeClass.OriginalDefinition, attribute) || PolicySymbolResolver.DerivesFrom(data.AttributeClass, attribute)))
                {
                    continue;
                }

                bool all = true;
                foreach (var wanted in arguments)
                {
                    bool found = false;
                    foreach (var named in data.NamedArguments)
                    {
                        if (named.Key == wanted.Key && !named.Value.IsNull && named.Value.Kind != TypedConstantKind.Array &&
                            string.Equals(Convert.ToString(named.Value.Value, System.Globalization.CultureInfo.InvariantCulture), wanted.Value, StringComparison.Ordinal))
                        {
                            found = true;
                            break;
                        }
                    }

                    all &= found;
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsDeclaredIn(ISymbol symbol, Compilation compilation) =>
            !symbol.DeclaringSyntaxReferences.IsEmpty && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

        /// <summary>Where a finding (or the read behind an export) sits: a .sql file, or a source file and its enclosing member.</summary>
        private sealed class Site
        {
            public string? SqlPath { get; private set; }

            public string? FilePath { get; private set; }

            public ISymbol? Member { get; private set; }

            public static Site At(Location location, Compilation compilation, Func<SyntaxTree, SemanticModel> models, CancellationToken cancellationToken)
            {
                var site = new Site();
                if (location.IsInSource && location.SourceTree is { } tree && compilation.ContainsSyntaxTree(tree))
                {
                    site.FilePath = tree.FilePath;
                    site.Member = EnclosingMember(models(tree), location.SourceSpan.Start, cancellationToken);
                }
                else if (location.Kind == LocationKind.ExternalFile)
                {
                    site.SqlPath = location.GetLineSpan().Path;
                }

                return site;
            }
        }

        /// <summary>The member that contains <paramref name="position"/>: lambdas and local functions belong to the member that declares them.</summary>
        internal static ISymbol? EnclosingMember(SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var symbol = model.GetEnclosingSymbol(position, cancellationToken);
            int guard = 0;
            while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } && guard++ < 64)
            {
                symbol = symbol.ContainingSymbol;
            }

            return symbol;
        }
    }
}
