using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

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

    /// <summary>
    /// Runs every shape on both databases once per test run, several shapes at a time (each run has its own
    /// databases and contexts), while the static analysis runs alongside.
    /// </summary>
    internal static class Measurements
    {
        private static readonly Lazy<Task<Dictionary<string, Measurement>>> All =
            new Lazy<Task<Dictionary<string, Measurement>>>(() => Task.Run(MeasureAll), LazyThreadSafetyMode.ExecutionAndPublication);

        public static async Task<Measurement> OfAsync(string shape) => (await All.Value.ConfigureAwait(false))[shape];

        private static Dictionary<string, Measurement> MeasureAll()
        {
            var shapes = ShapeCatalogue.Shapes;
            var results = new Measurement[shapes.Count];
            Parallel.For(0, shapes.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                results[i] = new Measurement(ShapeRunner.Run(shapes[i].Method, DataSet.A), ShapeRunner.Run(shapes[i].Method, DataSet.B)));
            return shapes.Select((s, i) => (s.Name, Result: results[i])).ToDictionary(x => x.Name, x => x.Result, StringComparer.Ordinal);
        }
    }
}
