using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>
    /// The query filters EF Core holds for each entity type of a DbContext once its model is built: the most-derived
    /// <c>OnModelCreating</c> override run as EF Core runs it (<see cref="ModelFilterInterpreter"/>), with the helpers,
    /// build actions and entity type configurations it reaches. Computed once per context type and compilation.
    /// </summary>
    internal sealed class GlobalQueryFilters
    {
        private const int MaxBaseTypes = 16;

        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<ITypeSymbol, ModelFilters> _byContext =
            new ConcurrentDictionary<ITypeSymbol, ModelFilters>(SymbolEqualityComparer.Default);

        private ModelSymbols? _symbols;

        public GlobalQueryFilters(AnalysisContext context) => _context = context;

        private ModelSymbols Symbols => _symbols ?? LazyInitializer.EnsureInitialized(ref _symbols, () => new ModelSymbols(_context))!;

        /// <summary>
        /// The filters in force for <paramref name="entity"/> (or for the shared-type entity type <paramref name="sharedName"/>
        /// of that CLR type) in the model of <paramref name="contextType"/>: the unnamed filter and the named ones. A derived
        /// entity type gets its root's filters (EF Core applies the root's filters to the whole hierarchy). A filter that is
        /// not proven (set on some paths only, not a lambda, replaced by code RetailGuard cannot see, a model EF Core rejects,
        /// a bound reached) comes out with an <see cref="OpaquePredicate"/> saying why; empty when EF Core has no filter there.
        /// </summary>
        public ImmutableArray<GlobalFilter> For(ITypeSymbol? contextType, ITypeSymbol entity, CancellationToken cancellationToken, string? sharedName = null)
        {
            if (!(contextType is INamedTypeSymbol named) || entity == null)
            {
                return ImmutableArray<GlobalFilter>.Empty;
            }

            var model = _byContext.TryGetValue(named, out var known) ? known : ComputeOnce(named, cancellationToken);
            if (model.Unproven != null)
            {
                return ImmutableArray.Create(GlobalFilter.Unproven(null, model.Unproven));
            }

            if (sharedName != null)
            {
                return model.Filters.TryGetValue(new EntityKey(entity, sharedName), out var shared) ? shared : ImmutableArray<GlobalFilter>.Empty;
            }

            // The filters of the entity type or of the base type that declares them; a filter below the root is an invalid model.
            int depth = 0;
            for (var type = entity; type != null && type.SpecialType != SpecialType.System_Object && depth < MaxBaseTypes; type = type.BaseType, depth++)
            {
                if (!model.Filters.TryGetValue(new EntityKey(type, null), out var filters) || filters.IsEmpty)
                {
                    continue;
                }

                for (var b = type.BaseType; b != null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
                {
                    if (model.Entities.Contains(b))
                    {
                        return ImmutableArray.Create(GlobalFilter.Unproven(null,
                            "a query filter is set on '" + type.Name + "', which derives from the entity type '" + b.Name + "'; EF Core accepts query filters on the root entity type only"));
                    }
                }

                return filters;
            }

            return ImmutableArray<GlobalFilter>.Empty;
        }

        private ModelFilters ComputeOnce(INamedTypeSymbol context, CancellationToken cancellationToken) =>
            _byContext.GetOrAdd(context, t => Compute((INamedTypeSymbol)t, cancellationToken));

        private ModelFilters Compute(INamedTypeSymbol contextType, CancellationToken cancellationToken)
        {
            var interpreter = new ModelFilterInterpreter(_context, Symbols, contextType, cancellationToken);
            ModelFilterState state;
            try
            {
                state = interpreter.Run();
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return new ModelFilters(new Dictionary<EntityKey, ImmutableArray<GlobalFilter>>(), ImmutableHashSet<ITypeSymbol>.Empty,
                    "the model building of '" + contextType.Name + "' could not be followed (" + e.GetType().Name + ")");
            }

            var filters = new Dictionary<EntityKey, ImmutableArray<GlobalFilter>>();
            foreach (var pair in state.Entities)
            {
                filters[pair.Key] = pair.Value.ToFilters();
            }

            var entities = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var c in interpreter.Candidates)
            {
                entities.Add(c.Type);
            }

            foreach (var key in state.Entities.Keys)
            {
                entities.Add(key.Type);
            }

            return new ModelFilters(filters, entities.ToImmutable(), interpreter.Exhausted);
        }

        private sealed class ModelFilters
        {
            public ModelFilters(Dictionary<EntityKey, ImmutableArray<GlobalFilter>> filters, ImmutableHashSet<ITypeSymbol> entities, string? unproven)
            {
                Filters = filters;
                Entities = entities;
                Unproven = unproven;
            }

            public Dictionary<EntityKey, ImmutableArray<GlobalFilter>> Filters { get; }

            /// <summary>The entity types the model holds, as far as RetailGuard can tell.</summary>
            public ImmutableHashSet<ITypeSymbol> Entities { get; }

            /// <summary>Why no filter of this model is proven (a bound was reached), or null.</summary>
            public string? Unproven { get; }
        }
    }
}
