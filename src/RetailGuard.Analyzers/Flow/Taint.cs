using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Flow
{
    /// <summary>Where rows that are not proven filtered came from: a read, a call into code RetailGuard cannot see, unverifiable SQL.</summary>
    internal sealed class Origin
    {
        public Origin(string table, Location location, string reason)
        {
            Table = table;
            Location = location;
            Reason = reason;
        }

        public string Table { get; }

        public Location Location { get; }

        public string Reason { get; }
    }

    /// <summary>What a value carries: origins of unproven rows, and which parameters of the current method flow into it.</summary>
    internal sealed class Taint
    {
        public static readonly Taint Clean = new Taint(ImmutableArray<Origin>.Empty, ImmutableHashSet<int>.Empty);

        private const int MaxOrigins = 8;

        public Taint(ImmutableArray<Origin> origins, ImmutableHashSet<int> parameters)
        {
            Origins = origins;
            Parameters = parameters;
        }

        public ImmutableArray<Origin> Origins { get; }

        public ImmutableHashSet<int> Parameters { get; }

        public bool IsClean => Origins.IsEmpty && Parameters.IsEmpty;

        public static Taint From(Origin origin) => new Taint(ImmutableArray.Create(origin), ImmutableHashSet<int>.Empty);

        public static Taint FromParameter(int ordinal) => new Taint(ImmutableArray<Origin>.Empty, ImmutableHashSet.Create(ordinal));

        public Taint Union(Taint other)
        {
            if (other.IsClean)
            {
                return this;
            }

            if (IsClean)
            {
                return other;
            }

            var origins = Origins;
            foreach (var o in other.Origins)
            {
                if (origins.Length >= MaxOrigins)
                {
                    break;
                }

                bool seen = false;
                foreach (var existing in origins)
                {
                    if (existing.Location == o.Location)
                    {
                        seen = true;
                        break;
                    }
                }

                if (!seen)
                {
                    origins = origins.Add(o);
                }
            }

            return new Taint(origins, Parameters.Union(other.Parameters));
        }

        public Taint WithoutParameters() => Parameters.IsEmpty ? this : new Taint(Origins, ImmutableHashSet<int>.Empty);
    }

    /// <summary>A method's effect on export flow, computed once per compilation.</summary>
    internal sealed class TaintSummary
    {
        public static readonly TaintSummary Empty = new TaintSummary(Taint.Clean, ImmutableArray<ParameterSink>.Empty);

        public TaintSummary(Taint returned, ImmutableArray<ParameterSink> parameterSinks)
        {
            Returned = returned;
            ParameterSinks = parameterSinks;
        }

        /// <summary>What the return value carries: its own origins, and the parameters that flow into it.</summary>
        public Taint Returned { get; }

        /// <summary>Parameters whose values reach an export or bulk sink inside the method (or deeper).</summary>
        public ImmutableArray<ParameterSink> ParameterSinks { get; }
    }

    internal sealed class ParameterSink
    {
        public ParameterSink(int ordinal, Location sink, string sinkName, bool bulk)
        {
            Ordinal = ordinal;
            Sink = sink;
            SinkName = sinkName;
            Bulk = bulk;
        }

        public int Ordinal { get; }

        public Location Sink { get; }

        public string SinkName { get; }

        public bool Bulk { get; }
    }
}
