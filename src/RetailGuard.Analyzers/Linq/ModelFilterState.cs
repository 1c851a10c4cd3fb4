using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>
    /// One query filter of an entity type as EF Core holds it after the model is built: the unnamed filter (<see cref="Name"/>
    /// null) or an EF Core 10 named filter.
    /// </summary>
    internal sealed class GlobalFilter
    {
        public GlobalFilter(string? name, Predicate predicate, IAnonymousFunctionOperation? lambda = null)
        {
            Name = name;
            Predicate = predicate;
            Lambda = lambda;
        }

        /// <summary>The EF Core 10 filter key, or null for the unnamed filter.</summary>
        public string? Name { get; }

        /// <summary>
        /// The filter lowered with <see cref="LinqLowering"/> (in the bindings of the call that registers it); an
        /// <see cref="OpaquePredicate"/> whose <see cref="OpaquePredicate.Why"/> says why when the filter is not proven.
        /// </summary>
        public Predicate Predicate { get; }

        /// <summary>The lambda the filter was registered with, or null when the filter is not one lambda.</summary>
        public IAnonymousFunctionOperation? Lambda { get; }

        /// <summary>
        /// Why the filter is not proven (its <see cref="Predicate"/> is then <see cref="Predicate.Opaque"/>): registered on
        /// some paths only, not a lambda, replaced by code RetailGuard cannot see, a model EF Core rejects; null when proven.
        /// </summary>
        public string? Why { get; private set; }

        /// <summary>A filter in the slot <paramref name="name"/> that restricts nothing RetailGuard can prove, for <paramref name="why"/>.</summary>
        public static GlobalFilter Unproven(string? name, string why) => new GlobalFilter(name, Predicate.Opaque) { Why = why };
    }

    /// <summary>An entity type of a model: a CLR type, and the name of a shared-type entity type (null for the type's own).</summary>
    internal readonly struct EntityKey : System.IEquatable<EntityKey>
    {
        public EntityKey(ITypeSymbol type, string? sharedName)
        {
            Type = type;
            SharedName = sharedName;
        }

        public ITypeSymbol Type { get; }

        public string? SharedName { get; }

        public bool Equals(EntityKey other) =>
            SymbolEqualityComparer.Default.Equals(Type, other.Type) && string.Equals(SharedName, other.SharedName, System.StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is EntityKey other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(Type) * 31) + (SharedName == null ? 0 : System.StringComparer.Ordinal.GetHashCode(SharedName));
    }

    /// <summary>
    /// The query filters of one entity type at one point of model building, as EF Core's QueryFilterCollection holds them:
    /// one unnamed slot and named slots; an unnamed filter and named filters together make EF Core throw.
    /// </summary>
    internal sealed class EntityFilters
    {
        public GlobalFilter? Unnamed;

        /// <summary>Named filters in the order their keys were first set.</summary>
        public readonly List<GlobalFilter> Named = new List<GlobalFilter>();

        /// <summary>Why the entity's filters are not proven as a whole (the model throws, or something unknown ran), or null.</summary>
        public string? Invalid;

        public EntityFilters Clone()
        {
            var copy = new EntityFilters { Unnamed = Unnamed, Invalid = Invalid };
            copy.Named.AddRange(Named);
            return copy;
        }

        public bool IsEmpty => Unnamed == null && Named.Count == 0 && Invalid == null;

        /// <summary>Sets (or, with a null filter, removes) the slot <paramref name="key"/>; EF Core's QueryFilterCollection.Set.</summary>
        public void Set(string? key, GlobalFilter? filter)
        {
            if (key == null)
            {
                if (filter != null && Named.Count > 0)
                {
                    Invalid ??= "an unnamed query filter is combined with named ones, which EF Core rejects";
                }

                Unnamed = filter;
                return;
            }

            int index = Named.FindIndex(f => f.Name == key);
            if (filter == null)
            {
                if (index >= 0)
                {
                    Named.RemoveAt(index);
                }

                return;
            }

            if (Unnamed != null)
            {
                Invalid ??= "a named query filter is combined with an unnamed one, which EF Core rejects";
            }

            if (index >= 0)
            {
                Named[index] = filter;
            }
            else
            {
                Named.Add(filter);
            }
        }

        /// <summary>Every filter may have been replaced by something RetailGuard cannot see.</summary>
        public void Obscure(string why)
        {
            if (Unnamed != null)
            {
                Unnamed = GlobalFilter.Unproven(null, why);
            }

            for (int i = 0; i < Named.Count; i++)
            {
                Named[i] = GlobalFilter.Unproven(Named[i].Name, why);
            }
        }

        public ImmutableArray<GlobalFilter> ToFilters()
        {
            if (Invalid != null)
            {
                return ImmutableArray.Create(GlobalFilter.Unproven(null, Invalid));
            }

            var builder = ImmutableArray.CreateBuilder<GlobalFilter>(Named.Count + 1);
            if (Unnamed != null)
            {
                builder.Add(Unnamed);
            }

            builder.AddRange(Named);
            return builder.ToImmutable();
        }

        /// <summary>The filters in force after one of two paths ran: the same filter, or either of them.</summary>
        public static EntityFilters Join(EntityFilters? a, EntityFilters? b)
        {
            var result = new EntityFilters { Invalid = a?.Invalid ?? b?.Invalid };
            result.Unnamed = JoinSlot(null, a?.Unnamed, b?.Unnamed);
            if (a != null)
            {
                foreach (var f in a.Named)
                {
                    result.Named.Add(JoinSlot(f.Name, f, b?.Named.Find(x => x.Name == f.Name))!);
                }
            }

            if (b != null)
            {
                foreach (var f in b.Named)
                {
                    if (a == null || a.Named.Find(x => x.Name == f.Name) == null)
                    {
                        result.Named.Add(JoinSlot(f.Name, null, f)!);
                    }
                }
            }

            return result;
        }

        private static GlobalFilter? JoinSlot(string? name, GlobalFilter? a, GlobalFilter? b)
        {
            if (ReferenceEquals(a, b))
            {
                return a;
            }

            if (a == null || b == null || a.Why != null || b.Why != null)
            {
                return GlobalFilter.Unproven(name, a?.Why ?? b?.Why ?? "the query filter is registered on some paths of model building only");
            }

            return new GlobalFilter(name, new OrPredicate(ImmutableArray.Create(a.Predicate, b.Predicate)));
        }
    }

    /// <summary>The filters of every entity type at one point of model building (one path, or the join of several).</summary>
    internal sealed class ModelFilterState
    {
        public readonly Dictionary<EntityKey, EntityFilters> Entities = new Dictionary<EntityKey, EntityFilters>();

        public ModelFilterState Clone()
        {
            var copy = new ModelFilterState();
            foreach (var pair in Entities)
            {
                copy.Entities.Add(pair.Key, pair.Value.Clone());
            }

            return copy;
        }

        public EntityFilters Of(EntityKey key)
        {
            if (!Entities.TryGetValue(key, out var filters))
            {
                filters = new EntityFilters();
                Entities.Add(key, filters);
            }

            return filters;
        }

        public void ObscureAll(string why)
        {
            foreach (var filters in Entities.Values)
            {
                filters.Obscure(why);
            }
        }

        /// <summary>The state after either path; null stands for a path that never gets here.</summary>
        public static ModelFilterState? Join(ModelFilterState? a, ModelFilterState? b)
        {
            if (a == null)
            {
                return b;
            }

            if (b == null)
            {
                return a;
            }

            var result = new ModelFilterState();
            foreach (var pair in a.Entities)
            {
                b.Entities.TryGetValue(pair.Key, out var other);
                result.Entities[pair.Key] = Same(pair.Value, other) ? pair.Value.Clone() : EntityFilters.Join(pair.Value, other);
            }

            foreach (var pair in b.Entities)
            {
                if (!a.Entities.ContainsKey(pair.Key))
                {
                    result.Entities[pair.Key] = pair.Value.IsEmpty ? pair.Value.Clone() : EntityFilters.Join(null, pair.Value);
                }
            }

            return result;
        }

        private static bool Same(EntityFilters a, EntityFilters? b)
        {
            if (b == null)
            {
                return a.IsEmpty;
            }

            if (!ReferenceEquals(a.Unnamed, b.Unnamed) || a.Invalid != b.Invalid || a.Named.Count != b.Named.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Named.Count; i++)
            {
                if (!ReferenceEquals(a.Named[i], b.Named[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
