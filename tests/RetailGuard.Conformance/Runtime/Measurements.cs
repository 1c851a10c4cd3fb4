using System;
using System.Collections.Concurrent;
using System.Threading;

namespace RetailGuard.Conformance.Runtime
{
    /// <summary>What one shape observed on each database, and whether that differs.</summary>
    internal sealed class Measurement
    {
        public Measurement(Observation a, Observation b)
        {
            A = a;
            B = b;
            Difference = a.DifferenceFrom(b);
        }

        public Observation A { get; }

        public Observation B { get; }

        /// <summary>The first thing the shape observed differently on the two databases; null when it observed the same.</summary>
        public string? Difference { get; }

        public bool Leaks => Difference != null;

        public string? Failure => A.Failure ?? B.Failure;
    }

    /// <summary>Runs a shape on both databases, once per test run.</summary>
    internal static class Measurements
    {
        private static readonly ConcurrentDictionary<string, Lazy<Measurement>> Done = new ConcurrentDictionary<string, Lazy<Measurement>>(StringComparer.Ordinal);

        public static Measurement Of(Shape shape) => Done.GetOrAdd(
            shape.Name,
            _ => new Lazy<Measurement>(() => new Measurement(ShapeRunner.Run(shape.Method, DataSet.A), ShapeRunner.Run(shape.Method, DataSet.B)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
