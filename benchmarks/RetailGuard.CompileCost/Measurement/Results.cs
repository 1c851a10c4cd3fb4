using System;
using System.Collections.Generic;
using System.Linq;

namespace RetailGuard.CompileCost.Measurement
{
    /// <summary>The figures of one workload: the compile time and each analyzer set's cost against it. Times in ms, allocations in bytes.</summary>
    public sealed class WorkloadResult
    {
        public string Workload { get; set; } = "";

        /// <summary>C# files of the compilation.</summary>
        public int Files { get; set; }

        /// <summary>Non-blank lines of C#.</summary>
        public int Lines { get; set; }

        /// <summary>Non-blank lines of data access; −1 when unknown (an existing code base).</summary>
        public int DataAccessLines { get; set; }

        /// <summary>Best of the compile runs: <c>GetDiagnostics()</c> on a fresh clone, sequential (concurrentBuild off).</summary>
        public double CompileMs { get; set; }

        public List<double> CompileRuns { get; set; } = new List<double>();

        /// <summary>Best of the compile runs in CPU time of the process (insensitive to other work on the machine).</summary>
        public double CompileCpuMs { get; set; }

        public List<double> CompileCpuRuns { get; set; } = new List<double>();

        /// <summary>Compiler errors (the generated code has none; a code base measured with part of its references has many).</summary>
        public int CompileErrors { get; set; }

        public List<string> FirstCompileErrors { get; set; } = new List<string>();

        public List<SetResult> Sets { get; set; } = new List<SetResult>();

        public SetResult? Set(string name) => Sets.FirstOrDefault(s => s.Name == name);
    }

    /// <summary>One analyzer set's passes over a workload.</summary>
    public sealed class SetResult
    {
        public string Name { get; set; } = "";

        /// <summary>Median over the passes of the sum of the set's analyzers' execution times (<c>GetAnalyzerTelemetryInfoAsync</c>).</summary>
        public double AnalyzerMs { get; set; }

        /// <summary><see cref="AnalyzerMs"/> as a percentage of the workload's compile time.</summary>
        public double PercentOfCompile { get; set; }

        /// <summary>Execution time per analyzer (class name) in the median pass: the parts add up to <see cref="AnalyzerMs"/>.</summary>
        public SortedDictionary<string, double> PerAnalyzerMs { get; set; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

        /// <summary>Median wall time of the whole pass, which compiles too.</summary>
        public double WallMs { get; set; }

        /// <summary>Median bytes allocated during the pass (compiler, driver and analyzers).</summary>
        public long AllocatedBytes { get; set; }

        /// <summary>Median bytes allocated beyond the floor pass (what the set itself allocates); null without a floor pass.</summary>
        public long? OwnAllocatedBytes { get; set; }

        /// <summary>Median wall time beyond the floor pass; null without a floor pass.</summary>
        public double? OverFloorMs { get; set; }

        /// <summary>Median CPU time of the process during the pass.</summary>
        public double CpuMs { get; set; }

        /// <summary>
        /// Median CPU time beyond the floor pass: what the set costs, measured so that other work on the machine does not
        /// count (the driver's own per-analyzer times are wall times); 0 without a floor pass.
        /// </summary>
        public double OverFloorCpuMs { get; set; }

        /// <summary><see cref="OverFloorCpuMs"/> as a percentage of the compile's CPU time.</summary>
        public double CpuPercentOfCompile { get; set; }

        public List<PassResult> Passes { get; set; } = new List<PassResult>();

        /// <summary>Diagnostics of the first pass, by ID (suppressed ones included, counted under "ID (suppressed)").</summary>
        public SortedDictionary<string, int> Diagnostics { get; set; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        /// <summary>Exceptions the analyzers threw (each would be an AD0001 in a build), with the first few.</summary>
        public int Exceptions { get; set; }

        public List<string> ExceptionSamples { get; set; } = new List<string>();
    }

    public sealed class PassResult
    {
        public double WallMs { get; set; }

        public long AllocatedBytes { get; set; }

        public double CpuMs { get; set; }

        public SortedDictionary<string, double> PerAnalyzerMs { get; set; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

        public double AnalyzerMs => PerAnalyzerMs.Values.Sum();
    }

    /// <summary>A whole run: when, on what, and each workload's figures (the --json file).</summary>
    public sealed class RunResult
    {
        public string Label { get; set; } = "";

        public DateTimeOffset When { get; set; }

        public string Machine { get; set; } = "";

        public string Compiler { get; set; } = "";

        public int Repeats { get; set; }

        /// <summary>"median" or "best": which pass of each set the figures come from.</summary>
        public string Statistic { get; set; } = "median";

        public int Seed { get; set; }

        public List<WorkloadResult> Workloads { get; set; } = new List<WorkloadResult>();
    }

    internal static class Stats
    {
        public static double Median(IReadOnlyList<double> values)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.OrderBy(v => v).ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        public static long Median(IReadOnlyList<long> values) => (long)Median(values.Select(v => (double)v).ToList());
    }
}
