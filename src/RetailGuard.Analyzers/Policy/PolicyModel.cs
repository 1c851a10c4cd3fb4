using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Policy
{
    internal sealed class ResolvedExclusion
    {
        public ResolvedExclusion(ExclusionSpec spec, IPropertySymbol? property, ImmutableHashSet<string> values, ImmutableHashSet<ISymbol> symbols)
        {
            Spec = spec;
            Property = property;
            Values = values;
            Symbols = symbols;
        }

        public ExclusionSpec Spec { get; }

        public IPropertySymbol? Property { get; }

        /// <summary>Excluded values: the literal values and the constant values of the listed symbols.</summary>
        public ImmutableHashSet<string> Values { get; }

        public ImmutableHashSet<ISymbol> Symbols { get; }

        /// <summary>The excluded symbols as written in the policy, in order, keeping only those that resolve: what fix texts may name.</summary>
        public ImmutableArray<string> ResolvedSymbolNames { get; set; } = ImmutableArray<string>.Empty;

        /// <summary>The property name for LINQ, else the column name.</summary>
        public string PropertyName => Spec.Property.IsEmpty ? Spec.Column.Value : Spec.Property.Value;

        public string ColumnName => Spec.Column.IsEmpty ? Spec.Property.Value : Spec.Column.Value;

        public string DisplayValues => string.Join(", ", Spec.Values.IsEmpty ? Spec.Symbols.Select(s => s.Value) : Spec.Values);
    }

    /// <summary>A protected table as bound to one compilation.</summary>
    internal sealed class ProtectedTable
    {
        public ProtectedTable(ProtectedTableSpec spec, INamedTypeSymbol? entity, IPropertySymbol? retailerProperty, ImmutableArray<ResolvedExclusion> exclusions)
        {
            Spec = spec;
            Entity = entity;
            RetailerProperty = retailerProperty;
            Exclusions = exclusions;
        }

        public ProtectedTableSpec Spec { get; }

        public INamedTypeSymbol? Entity { get; }

        public IPropertySymbol? RetailerProperty { get; }

        public ImmutableArray<ResolvedExclusion> Exclusions { get; }

        public string DisplayName => !Spec.Table.IsEmpty ? Spec.Table.Value : (Entity?.Name ?? Spec.Entity.Value);

        /// <summary>
        /// True when the entity resolves but a property the policy names for it (retailer or exclusion) does not: C# fix texts
        /// must not name it (RG9003 reports it).
        /// </summary>
        public bool HasUnresolvedProperty
        {
            get
            {
                if (Entity == null)
                {
                    return false;
                }

                if (!Spec.RetailerProperty.IsEmpty && RetailerProperty == null)
                {
                    return true;
                }

                foreach (var e in Exclusions)
                {
                    if (!e.Spec.Property.IsEmpty && e.Property == null)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public string RetailerPropertyName => Spec.RetailerProperty.IsEmpty ? Spec.RetailerColumn.Value : Spec.RetailerProperty.Value;

        public string RetailerColumnName => Spec.RetailerColumn.IsEmpty ? Spec.RetailerProperty.Value : Spec.RetailerColumn.Value;
    }

    internal sealed class RestrictedTable
    {
        public RestrictedTable(RestrictedTableSpec spec, INamedTypeSymbol? entity)
        {
            Spec = spec;
            Entity = entity;
        }

        public RestrictedTableSpec Spec { get; }

        public INamedTypeSymbol? Entity { get; }

        public string DisplayName => !Spec.Table.IsEmpty ? Spec.Table.Value : (Entity?.Name ?? Spec.Entity.Value);

        public string Reason => string.IsNullOrEmpty(Spec.Reason) ? "restricted by policy" : Spec.Reason;
    }

    /// <summary>The policy bound to one compilation: every symbol it names is resolved once, here.</summary>
    internal sealed class PolicyModel
    {
        private readonly Dictionary<ITypeSymbol, ProtectedTable> _protectedByEntity;
        private readonly Dictionary<ITypeSymbol, RestrictedTable> _restrictedByEntity;

        private PolicyModel(PolicyDocument document)
        {
            Document = document;
            _protectedByEntity = new Dictionary<ITypeSymbol, ProtectedTable>(SymbolEqualityComparer.Default);
            _restrictedByEntity = new Dictionary<ITypeSymbol, RestrictedTable>(SymbolEqualityComparer.Default);
        }

        public PolicyDocument Document { get; }

        public ImmutableArray<ProtectedTable> ProtectedTables { get; private set; }

        public ImmutableArray<RestrictedTable> RestrictedTables { get; private set; }

        public ImmutableHashSet<string> OwnCodes { get; private set; } = ImmutableHashSet<string>.Empty;

        public ImmutableHashSet<ISymbol> OwnSymbols { get; private set; } = ImmutableHashSet<ISymbol>.Empty;

        /// <summary>The first own symbol as written in the policy (for code fixes), when it resolves.</summary>
        public ISymbol? PreferredOwnSymbol { get; private set; }

        /// <summary>Every own symbol that resolves, in the order the policy lists them: fixes and hints take the first one usable where they write.</summary>
        public ImmutableArray<ISymbol> OwnSymbolsInOrder { get; private set; } = ImmutableArray<ISymbol>.Empty;

        public ImmutableHashSet<IMethodSymbol> SanctionedFilters { get; private set; } = ImmutableHashSet<IMethodSymbol>.Empty;

        /// <summary>
        /// The policy's <c>sanctionedSources</c>: methods (and property getters) trusted to return a query that already meets the
        /// policy, such as a scoped repository's <c>OwnCustomers()</c>; what the caller composes after them is judged as usual.
        /// </summary>
        public ImmutableHashSet<IMethodSymbol> SanctionedSources { get; private set; } = ImmutableHashSet<IMethodSymbol>.Empty;

        /// <summary>True when <paramref name="method"/> itself is listed in <c>sanctionedSources</c> (members it overrides or implements are not consulted).</summary>
        public bool IsSanctionedSource(IMethodSymbol method) =>
            SanctionedSources.Count > 0 && SanctionedSources.Contains((method.ReducedFrom ?? method).OriginalDefinition);

        /// <summary>
        /// The <c>queryFilterMethods</c>: model-building methods (definitions) that install a query filter meeting the policy,
        /// each with the filter key it installs the filter under (null: the unnamed filter).
        /// </summary>
        public ImmutableDictionary<IMethodSymbol, string?> QueryFilterMethods { get; private set; } =
            ImmutableDictionary.Create<IMethodSymbol, string?>(ReferenceComparer<IMethodSymbol>.Instance);

        /// <summary>True when <paramref name="method"/> (or the extension method it is reduced from) is one of <see cref="QueryFilterMethods"/>.</summary>
        public bool IsQueryFilterMethod(IMethodSymbol method, out string? filterKey) =>
            QueryFilterMethods.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out filterKey);

        /// <summary>Names in the policy that do not resolve in this compilation (RG9003, RG9009).</summary>
        public ImmutableArray<StaleReference> StaleReferences { get; private set; } = ImmutableArray<StaleReference>.Empty;

        /// <summary>The policy's approvals, their scopes resolved in this compilation.</summary>
        public Governance.BoundApprovals Approvals { get; private set; } = Governance.BoundApprovals.None;

        public bool HasEntities => _protectedByEntity.Count > 0 || _restrictedByEntity.Count > 0;

        /// <summary>
        /// The protected table whose entity is <paramref name="type"/> or one of its base classes: a type derived from a protected
        /// entity maps to the same table (TPH) or to a table of the same hierarchy (TPT, TPC), and its rows are protected rows.
        /// </summary>
        public bool TryGetProtected(ITypeSymbol? type, out ProtectedTable table) => TryGetInHierarchy(_protectedByEntity, type, out table);

        /// <summary>True when <paramref name="type"/> (or a base class) is the entity of a protected or a restricted table.</summary>
        public bool IsGuarded(ITypeSymbol? type) => TryGetProtected(type, out _) || TryGetRestricted(type, out _);

        /// <summary>The restricted table whose entity is <paramref name="type"/> or one of its base classes.</summary>
        public bool TryGetRestricted(ITypeSymbol? type, out RestrictedTable table) => TryGetInHierarchy(_restrictedByEntity, type, out table);

        /// <summary>Most base classes looked at above an entity type; deeper hierarchies are not entity hierarchies in practice.</summary>
        private const int MaxHierarchyDepth = 16;

        private static bool TryGetInHierarchy<T>(Dictionary<ITypeSymbol, T> byEntity, ITypeSymbol? type, out T table)
            where T : class
        {
            table = null!;
            if (type == null || byEntity.Count == 0)
            {
                return false;
            }

            if (byEntity.TryGetValue(type, out table!))
            {
                return true;
            }

            if (type.TypeKind != TypeKind.Class)
            {
                return false;
            }

            var current = type.BaseType;
            for (int depth = 0; current != null && current.SpecialType == SpecialType.None && depth < MaxHierarchyDepth; depth++)
            {
                if (byEntity.TryGetValue(current, out table!))
                {
                    return true;
                }

                current = current.BaseType;
            }

            return false;
        }

        public bool IsOwnSymbol(ISymbol? symbol) => symbol != null && OwnSymbols.Contains(symbol.OriginalDefinition);

        public bool IsSanctionedFilter(IMethodSymbol method)
        {
            var m = method.ReducedFrom ?? method;
            return SanctionedFilters.Contains(m.OriginalDefinition);
        }

        /// <summary>The sanctioned filter method whose first parameter takes a query of <paramref name="entity"/>.</summary>
        public IMethodSymbol? SanctionedFilterFor(ITypeSymbol entity)
        {
            foreach (var m in SanctionedFilters.OrderBy(m => m.ToDisplayString(), StringComparer.Ordinal))
            {
                if (m.Parameters.Length == 1 && m.Parameters[0].Type is INamedTypeSymbol p && p.TypeArguments.Length == 1 &&
                    SymbolEqualityComparer.Default.Equals(p.TypeArguments[0], entity) && m.ReturnType is INamedTypeSymbol r && r.TypeArguments.Length == 1)
                {
                    return m;
                }
            }

            return null;
        }

        public static PolicyModel Bind(PolicyDocument document, Compilation compilation)
        {
            var model = new PolicyModel(document);
            var stale = new List<StaleReference>();
            var resolver = new PolicySymbolResolver(compilation, stale);

            model.OwnCodes = document.OwnCodes.ToImmutableHashSet(StringComparer.Ordinal);
            var own = ImmutableHashSet.CreateBuilder<ISymbol>(ReferenceComparer<ISymbol>.Instance);
            var ordered = ImmutableArray.CreateBuilder<ISymbol>();
            foreach (var name in document.OwnSymbols)
            {
                var found = ResolveMembers(resolver, name);
                string? notUsable = null;
                ISymbol? first = null;
                foreach (var s in found)
                {
                    string? why = NotAnOwnValue(s);
                    if (why != null)
                    {
                        notUsable ??= why;
                        first ??= s;
                        continue;
                    }

                    if (own.Add(s.OriginalDefinition))
                    {
                        ordered.Add(s);
                    }

                    model.PreferredOwnSymbol ??= s;
                    notUsable = null;
                    first = null;
                    break;
                }

                if (notUsable != null && first != null)
                {
                    resolver.ReportNotUsable(name, first, Diagnostics.Descriptors.Phrase("OwnSymbolNotAValue", notUsable));
                }
            }

            model.OwnSymbols = own.ToImmutable();
            model.OwnSymbolsInOrder = ordered.ToImmutable();

            var filters = ImmutableHashSet.CreateBuilder<IMethodSymbol>(ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var name in document.SanctionedFilters)
            {
                foreach (var s in ResolveMembers(resolver, name))
                {
                    if (s is IMethodSymbol m)
                    {
                        filters.Add(m.OriginalDefinition);
                    }
                }
            }

            model.SanctionedFilters = filters.ToImmutable();

            var sources = ImmutableHashSet.CreateBuilder<IMethodSymbol>(ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var name in document.SanctionedSources)
            {
                foreach (var s in ResolveMembers(resolver, name))
                {
                    if ((s as IMethodSymbol ?? (s as IPropertySymbol)?.GetMethod) is { } m)
                    {
                        sources.Add(m.OriginalDefinition);
                    }
                }
            }

            model.SanctionedSources = sources.ToImmutable();

            var filterMethods = ImmutableDictionary.CreateBuilder<IMethodSymbol, string?>(ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var spec in document.QueryFilterMethods)
            {
                ISymbol? notMethod = null;
                bool any = false;
                foreach (var s in ResolveMembers(resolver, spec.Method))
                {
                    if (s is IMethodSymbol { MethodKind: MethodKind.Ordinary } m)
                    {
                        filterMethods[m.OriginalDefinition] = spec.FilterKey;
                        any = true;
                    }
                    else
                    {
                        notMethod ??= s;
                    }
                }

                if (!any && notMethod != null)
                {
                    resolver.ReportNotUsable(spec.Method, notMethod, Diagnostics.Descriptors.Phrase("QueryFilterMethodNotAMethod"));
                }
            }

            model.QueryFilterMethods = filterMethods.ToImmutable();

            var tables = ImmutableArray.CreateBuilder<ProtectedTable>();
            foreach (var spec in document.ProtectedTables)
            {
                INamedTypeSymbol? entity = spec.Entity.IsEmpty ? null : resolver.ResolveType(spec.Entity, isEntity: true);
                IPropertySymbol? retailer = null;
                // A shadow property is not on the CLR type: it is matched by name in EF.Property<T>(e, "Name").
                if (entity != null && !spec.RetailerProperty.IsEmpty && !spec.IsShadow(spec.RetailerProperty))
                {
                    retailer = resolver.ResolveProperty(entity, spec.RetailerProperty);
                }

                var exclusions = ImmutableArray.CreateBuilder<ResolvedExclusion>();
                foreach (var ex in spec.Excluded)
                {
                    IPropertySymbol? prop = null;
                    if (entity != null && !ex.Property.IsEmpty && !spec.IsShadow(ex.Property))
                    {
                        prop = resolver.ResolveProperty(entity, ex.Property);
                    }

                    var values = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                    values.UnionWith(ex.Values);
                    var symbols = ImmutableHashSet.CreateBuilder<ISymbol>(ReferenceComparer<ISymbol>.Instance);
                    var resolvedNames = ImmutableArray.CreateBuilder<string>();
                    foreach (var sname in ex.Symbols)
                    {
                        var found = ResolveMembers(resolver, sname);
                        if (!found.IsEmpty)
                        {
                            resolvedNames.Add(sname.Value);
                        }

                        foreach (var s in found)
                        {
                            symbols.Add(s.OriginalDefinition);
                            if (s is IFieldSymbol { HasConstantValue: true } f && f.ConstantValue != null && f.Type.TypeKind != TypeKind.Enum)
                            {
                                values.Add(Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                            }
                        }
                    }

                    exclusions.Add(new ResolvedExclusion(ex, prop, values.ToImmutable(), symbols.ToImmutable()) { ResolvedSymbolNames = resolvedNames.ToImmutable() });
                }

                var table = new ProtectedTable(spec, entity, retailer, exclusions.ToImmutable());
                tables.Add(table);
                if (entity != null && !model._protectedByEntity.ContainsKey(entity))
                {
                    model._protectedByEntity.Add(entity, table);
                }
            }

            model.ProtectedTables = tables.ToImmutable();

            var restricted = ImmutableArray.CreateBuilder<RestrictedTable>();
            foreach (var spec in document.RestrictedTables)
            {
                INamedTypeSymbol? entity = spec.Entity.IsEmpty ? null : resolver.ResolveType(spec.Entity, isEntity: true);
                var table = new RestrictedTable(spec, entity);
                restricted.Add(table);
                if (entity != null && !model._restrictedByEntity.ContainsKey(entity))
                {
                    model._restrictedByEntity.Add(entity, table);
                }
            }

            model.RestrictedTables = restricted.ToImmutable();

            // Export sinks are resolved by the export analysis; here they are only checked for staleness.
            foreach (var name in document.ExportSinks)
            {
                ResolveMembers(resolver, name);
            }

            // Free entities are checked too: a typo there would let the coverage check pass an entity nobody reviewed.
            foreach (var free in document.FreeTables)
            {
                if (!free.Entity.IsEmpty)
                {
                    resolver.ResolveType(free.Entity, isEntity: true);
                }
            }

            model.Approvals = Governance.BoundApprovals.Bind(document, resolver);

            model.StaleReferences = stale.ToImmutableArray();
            return model;
        }

        /// <summary>
        /// Null for a member that can stand for the own retailer's value: a field, a property with a getter and no parameters,
        /// or a method without parameters or type parameters that returns a value, static or instance. Otherwise what it is,
        /// for the message that reports it (RG9003).
        /// </summary>
        private static string? NotAnOwnValue(ISymbol symbol)
        {
            switch (symbol)
            {
                case IFieldSymbol _:
                    return null;
                case IPropertySymbol property:
                    return property.IsIndexer ? Diagnostics.Descriptors.Phrase("NotAValueIndexer")
                        : property.GetMethod == null ? Diagnostics.Descriptors.Phrase("NotAValueWriteOnly") : null;
                case IMethodSymbol method:
                    if (method.MethodKind != MethodKind.Ordinary)
                    {
                        return Diagnostics.Descriptors.Phrase("NotAValueConstructor");
                    }

                    foreach (var parameter in method.Parameters)
                    {
                        if (!parameter.IsOptional && !parameter.IsParams)
                        {
                            return Diagnostics.Descriptors.Phrase("NotAValueParameters");
                        }
                    }

                    return method.ReturnsVoid ? Diagnostics.Descriptors.Phrase("NotAValueVoid")
                        : !method.TypeParameters.IsEmpty ? Diagnostics.Descriptors.Phrase("NotAValueGeneric") : null;
                case IEventSymbol _:
                    return Diagnostics.Descriptors.Phrase("NotAValueEvent");
                case ITypeSymbol _:
                    return Diagnostics.Descriptors.Phrase("NotAValueType");
                default:
                    return Diagnostics.Descriptors.Phrase("NotAValueOther");
            }
        }

        /// <summary>"Namespace.Type.Member" through the one resolver every policy key that names a C# symbol uses, so a typo is reported.</summary>
        private static ImmutableArray<ISymbol> ResolveMembers(PolicySymbolResolver resolver, PolicyName name) => resolver.ResolveMembers(name);

        /// <summary>The same, for keys bound without a shared resolver: what does not resolve is added to <paramref name="stale"/>.</summary>
        private static ImmutableArray<ISymbol> ResolveMembers(Compilation compilation, PolicyName name, List<StaleReference> stale) =>
            new PolicySymbolResolver(compilation, stale).ResolveMembers(name);

        internal static INamedTypeSymbol? ResolveType(Compilation compilation, string metadataName) => PolicySymbolResolver.FindType(compilation, metadataName);
    }
}
