using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>What is known about one protected source at one point of a query chain.</summary>
    internal sealed class ChainState
    {
        public static readonly ChainState Initial = new ChainState();

        private ChainState()
        {
        }

        private ChainState(ChainState other)
        {
            Shape = other.Shape;
            Before = other.Before;
            Late = other.Late;
            Materializer = other.Materializer;
            LateFilter = other.LateFilter;
            BypassAll = other.BypassAll;
            BypassedNames = other.BypassedNames;
            Bypass = other.Bypass;
            Unverifiable = other.Unverifiable;
            RanInCallee = other.RanInCallee;
        }

        /// <summary>Where the entity sits in the current element; null once a projection or grouping lost it.</summary>
        public Shape? Shape { get; private set; } = Linq.Shape.Identity;

        /// <summary>Predicates applied in the database, before rows are loaded.</summary>
        public ImmutableArray<Predicate> Before { get; private set; } = ImmutableArray<Predicate>.Empty;

        /// <summary>Predicates applied in memory, after rows were loaded.</summary>
        public ImmutableArray<Predicate> Late { get; private set; } = ImmutableArray<Predicate>.Empty;

        /// <summary>The operation that loaded the rows, once they are loaded.</summary>
        public IOperation? Materializer { get; private set; }

        public IOperation? LateFilter { get; private set; }

        public bool BypassAll { get; private set; }

        public ImmutableArray<string> BypassedNames { get; private set; } = ImmutableArray<string>.Empty;

        /// <summary>The IgnoreQueryFilters call.</summary>
        public IOperation? Bypass { get; private set; }

        /// <summary>Set when the analysis was cut off (depth or size limits): fail closed.</summary>
        public bool Unverifiable { get; private set; }

        /// <summary>
        /// In a transfer summary: the called method ran the query it was given (loaded it, or handed it where RetailGuard stops)
        /// instead of handing it back; the caller judges it as run with what the method applied.
        /// </summary>
        public bool RanInCallee { get; private set; }

        public bool IsMaterialized => Materializer != null;

        public ChainState WithShape(Shape? shape) => new ChainState(this) { Shape = shape };

        public ChainState WithPredicate(Predicate predicate, IOperation where)
        {
            if (IsMaterialized)
            {
                return new ChainState(this) { Late = Late.Add(predicate), LateFilter = LateFilter ?? where };
            }

            return new ChainState(this) { Before = Before.Add(predicate) };
        }

        public ChainState WithMaterializer(IOperation materializer) => IsMaterialized ? this : new ChainState(this) { Materializer = materializer };

        public ChainState WithBypass(IOperation call, bool all, ImmutableArray<string> names) =>
            new ChainState(this) { Bypass = call, BypassAll = BypassAll || all, BypassedNames = BypassedNames.AddRange(names) };

        public ChainState AsUnverifiable() => new ChainState(this) { Unverifiable = true };

        public ChainState AsRanInCallee() => new ChainState(this) { RanInCallee = true };

        /// <summary>This state, run by a called method after it applied <paramref name="applied"/> (a state marked <see cref="RanInCallee"/>).</summary>
        public ChainState RunBy(ChainState applied)
        {
            var result = Then(applied);
            if (applied.Materializer != null)
            {
                result = result.WithMaterializer(applied.Materializer);
                foreach (var late in applied.Late)
                {
                    result = result.WithPredicate(late, applied.LateFilter ?? applied.Materializer);
                }
            }

            return result;
        }

        /// <summary>Applies what a called method did to its argument (a transfer summary) to this state.</summary>
        public ChainState Then(ChainState applied)
        {
            var result = new ChainState(this)
            {
                Before = Before.AddRange(applied.Before),
                Unverifiable = Unverifiable || applied.Unverifiable,
                BypassAll = BypassAll || applied.BypassAll,
                BypassedNames = BypassedNames.AddRange(applied.BypassedNames),
                Bypass = Bypass ?? applied.Bypass,
            };

            if (applied.Shape == null)
            {
                result.Shape = null;
            }

            return result;
        }
    }
}
