using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Linq
{
    /// <summary>The EF Core model-building symbols of one compilation, and the entity type configurations of its assemblies.</summary>
    internal sealed class ModelSymbols
    {
        /// <summary>How many configuration types of one assembly are followed; beyond, the scan is not proven.</summary>
        public const int MaxConfigurations = 2000;

        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<IAssemblySymbol, ImmutableArray<INamedTypeSymbol>> _configurations =
            new ConcurrentDictionary<IAssemblySymbol, ImmutableArray<INamedTypeSymbol>>(SymbolEqualityComparer.Default);

        public ModelSymbols(AnalysisContext context)
        {
            _context = context;
            var c = context.Compilation;
            ModelBuilder = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ModelBuilder");
            EntityTypeBuilder = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder");
            MutableModel = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.IMutableModel");
            foreach (var member in context.Ef.DbContext?.GetMembers("OnModelCreating") ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IMethodSymbol { Parameters.Length: 1 } method)
                {
                    OnModelCreating = method;
                }
            }
        }

        public INamedTypeSymbol? ModelBuilder { get; }

        /// <summary>The non-generic <c>EntityTypeBuilder</c>.</summary>
        public INamedTypeSymbol? EntityTypeBuilder { get; }

        public INamedTypeSymbol? MutableModel { get; }

        /// <summary><c>DbContext.OnModelCreating(ModelBuilder)</c>.</summary>
        public IMethodSymbol? OnModelCreating { get; }

        /// <summary>
        /// The <c>OnModelCreating</c> EF Core calls for <paramref name="contextType"/>: the most-derived override of
        /// DbContext's. A <c>new</c> method hides it without overriding and is never called by EF Core. Null when the
        /// context does not override it.
        /// </summary>
        public IMethodSymbol? MostDerivedOnModelCreating(INamedTypeSymbol contextType)
        {
            if (OnModelCreating == null)
            {
                return null;
            }

            for (var t = contextType; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers("OnModelCreating"))
                {
                    if (member is IMethodSymbol { IsOverride: true } method && Overrides(method))
                    {
                        return method;
                    }
                }
            }

            return null;
        }

        private bool Overrides(IMethodSymbol method)
        {
            int hops = 0;
            for (var m = method.OverriddenMethod; m != null && hops < 32; m = m.OverriddenMethod, hops++)
            {
                if (SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, OnModelCreating))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <c>Configure</c> method <paramref name="configuration"/> implements for <paramref name="entity"/>.</summary>
        public IMethodSymbol? ConfigureOf(INamedTypeSymbol configuration, ITypeSymbol entity)
        {
            var definition = _context.Ef.EntityTypeConfiguration;
            if (definition == null)
            {
                return null;
            }

            var contract = definition.Construct(entity);
            foreach (var member in contract.GetMembers("Configure"))
            {
                if (configuration.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                {
                    return implementation;
                }
            }

            return null;
        }

        /// <summary>The entity types <paramref name="configuration"/> configures (one per <c>IEntityTypeConfiguration&lt;T&gt;</c>).</summary>
        public IEnumerable<ITypeSymbol> ConfiguredEntities(INamedTypeSymbol configuration)
        {
            foreach (var i in configuration.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, _context.Ef.EntityTypeConfiguration))
                {
                    yield return i.TypeArguments[0];
                }
            }
        }

        /// <summary>
        /// The types of <paramref name="assembly"/> that <c>ApplyConfigurationsFromAssembly</c> considers, in its order:
        /// not abstract, not generic type definitions (nor nested in one), implementing <c>IEntityTypeConfiguration&lt;T&gt;</c>,
        /// ordered by <c>Type.FullName</c> (EF Core's <c>OrderBy(t =&gt; t.FullName)</c>, a culture-sensitive comparison).
        /// </summary>
        public ImmutableArray<INamedTypeSymbol> ConfigurationsOf(IAssemblySymbol assembly, CancellationToken cancellationToken) =>
            _configurations.GetOrAdd(assembly, a => Scan(a, cancellationToken));

        private ImmutableArray<INamedTypeSymbol> Scan(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            var found = new List<(string Name, INamedTypeSymbol Type)>();
            if (_context.Ef.EntityTypeConfiguration == null)
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(assembly.GlobalNamespace);
            while (stack.Count > 0 && found.Count < MaxConfigurations)
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
                        if (type.IsGenericType)
                        {
                            continue;
                        }

                        stack.Push(type);
                        if (!type.IsAbstract && (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct))
                        {
                            foreach (var _ in ConfiguredEntities(type))
                            {
                                found.Add((ModelFilterInterpreter.FullNameOf(type), type));
                                break;
                            }
                        }
                    }
                }
            }

            var compare = CultureInfo.InvariantCulture.CompareInfo;
            found.Sort((a, b) => compare.Compare(a.Name, b.Name, CompareOptions.None));
            var result = ImmutableArray.CreateBuilder<INamedTypeSymbol>(found.Count);
            foreach (var f in found)
            {
                result.Add(f.Type);
            }

            return result.MoveToImmutable();
        }

        /// <summary>A model-building method the policy names in <c>queryFilterMethods</c>: it installs a filter that meets the policy.</summary>
        /// <param name="filterKey">The key it installs the filter under (null: the unnamed filter).</param>
        public bool IsQueryFilterMethod(IMethodSymbol method, out string? filterKey)
        {
            filterKey = null;
            return _context.Policy.QueryFilterMethods.Count > 0 && _context.Policy.IsQueryFilterMethod(method, out filterKey);
        }
    }
}
