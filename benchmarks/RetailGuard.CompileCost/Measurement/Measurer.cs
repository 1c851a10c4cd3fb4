using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RetailGuard.CompileCost.Measurement
{
    /// <summary>
    /// Measures a workload: the compiler alone (best of <c>repeats</c> runs of <c>GetDiagnostics()</c> on a fresh clone; the JIT is
    /// warmed up on a small system before), then each analyzer set in <see cref="CompilationWithAnalyzers"/> on a fresh clone per pass
    /// (<c>concurrentAnalysis: false</c>, <c>logAnalyzerExecutionTime: true</c>), passes of the sets interleaved so that a busy
    /// machine slows them alike; medians over the passes (the per-analyzer split is that of the
    /// median pass, so that it adds up to the total).
    /// </summary>
    internal sealed class Measurer
    {
        private readonly int _repeats;
        private readonly Action<string> _log;
        private readonly bool _best;

        /// <param name="best">Take the best pass (least analyzer time, least CPU) instead of the median: on a machine shared with other work, the best is the closest to the set's own cost.</param>
        public Measurer(int repeats, Action<string> log, bool best = false)
        {
            _repeats = repeats;
            _log = log;
            _best = best;
        }

        public async Task<WorkloadResult> MeasureAsync(Workload workload, IReadOnlyList<AnalyzerSet> sets, CancellationToken cancellationToken)
        {
            var result = new WorkloadResult
            {
                Workload = workload.Name,
                Files = workload.Files,
                Lines = workload.Lines,
                DataAccessLines = workload.DataAccessLines,
            };

            for (int i = 0; i < _repeats; i++)
            {
                FullCollect();
                var cpu = CpuTime();
                var watch = Stopwatch.StartNew();
                var diagnostics = workload.Compilation.Clone().GetDiagnostics(cancellationToken);
                watch.Stop();
                result.CompileRuns.Add(watch.Elapsed.TotalMilliseconds);
                result.CompileCpuRuns.Add((CpuTime() - cpu).TotalMilliseconds);
                if (i == 0)
                {
                    var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    result.CompileErrors = errors.Count;
                    result.FirstCompileErrors = errors.Take(5).Select(d => d.ToString()).ToList();
                }

                _log($"compile {i + 1}/{_repeats}: {watch.Elapsed.TotalMilliseconds:N0} ms");
            }

            result.CompileMs = result.CompileRuns.Min();
            result.CompileCpuMs = result.CompileCpuRuns.Min();
            foreach (var set in sets)
            {
                result.Sets.Add(new SetResult { Name = set.Name });
            }

            for (int i = 0; i < _repeats; i++)
            {
                for (int k = 0; k < sets.Count; k++)
                {
                    // Each round starts with another set: what the first pass warms for the others (metadata symbols are
                    // shared by every clone of the compilation) is paid by each set in turn.
                    int s = (k + i) % sets.Count;
                    var pass = await PassAsync(workload, sets[s], result.Sets[s], first: i == 0, cancellationToken).ConfigureAwait(false);
                    result.Sets[s].Passes.Add(pass);
                    _log($"{sets[s].Name} {i + 1}/{_repeats}: analyzers {pass.AnalyzerMs:N0} ms, wall {pass.WallMs:N0} ms, {pass.AllocatedBytes / 1048576.0:N0} MB allocated");
                }
            }

            var floor = result.Set("floor");
            foreach (var set in result.Sets)
            {
                // The median pass by total analyzer time gives the per-analyzer split, so that the parts add up to the whole.
                var median = set.Passes.OrderBy(p => p.AnalyzerMs).ElementAt(_best ? 0 : (set.Passes.Count - 1) / 2);
                set.AnalyzerMs = median.AnalyzerMs;
                set.PercentOfCompile = 100 * set.AnalyzerMs / result.CompileMs;
                set.WallMs = Stats.Median(set.Passes.Select(p => p.WallMs).ToList());
                set.CpuMs = _best ? set.Passes.Min(p => p.CpuMs) : Stats.Median(set.Passes.Select(p => p.CpuMs).ToList());
                set.AllocatedBytes = Stats.Median(set.Passes.Select(p => p.AllocatedBytes).ToList());
                foreach (var (name, ms) in median.PerAnalyzerMs)
                {
                    set.PerAnalyzerMs[name] = ms;
                }

                if (floor != null && !ReferenceEquals(floor, set))
                {
                    floor.AllocatedBytes = Stats.Median(floor.Passes.Select(p => p.AllocatedBytes).ToList());
                    floor.WallMs = Stats.Median(floor.Passes.Select(p => p.WallMs).ToList());
                    floor.CpuMs = _best ? floor.Passes.Min(p => p.CpuMs) : Stats.Median(floor.Passes.Select(p => p.CpuMs).ToList());
                    set.OwnAllocatedBytes = Math.Max(0, set.AllocatedBytes - floor.AllocatedBytes);
                    set.OverFloorMs = set.WallMs - floor.WallMs;
                    set.OverFloorCpuMs = set.CpuMs - floor.CpuMs;
                    set.CpuPercentOfCompile = 100 * set.OverFloorCpuMs / result.CompileCpuMs;
                }
            }

            return result;
        }

        private static async Task<PassResult> PassAsync(Workload workload, AnalyzerSet set, SetResult into, bool first, CancellationToken cancellationToken)
        {
            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                workload.Options(set.GlobalOptions),
                (exception, analyzer, diagnostic) => exceptions.Enqueue($"{AnalyzerSet.NameOf(analyzer)}: {exception.GetType().Name}: {exception.Message} at {diagnostic.Location.GetLineSpan()}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: true);
            var analysis = workload.Compilation.Clone().WithAnalyzers(set.Analyzers, options);
            FullCollect();
            long before = GC.GetTotalAllocatedBytes(true);
            var cpu = CpuTime();
            var watch = Stopwatch.StartNew();
            var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var cpuMs = (CpuTime() - cpu).TotalMilliseconds;
            long allocated = GC.GetTotalAllocatedBytes(true) - before;
            var pass = new PassResult { WallMs = watch.Elapsed.TotalMilliseconds, CpuMs = cpuMs, AllocatedBytes = allocated };
            foreach (var analyzer in set.Analyzers)
            {
                var telemetry = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
                var name = AnalyzerSet.NameOf(analyzer);
                pass.PerAnalyzerMs[name] = (pass.PerAnalyzerMs.TryGetValue(name, out var earlier) ? earlier : 0) + telemetry.ExecutionTime.TotalMilliseconds;
            }

            if (first)
            {
                foreach (var diagnostic in diagnostics)
                {
                    var key = diagnostic.IsSuppressed ? diagnostic.Id + " (suppressed)" : diagnostic.Id;
                    into.Diagnostics[key] = into.Diagnostics.TryGetValue(key, out var n) ? n + 1 : 1;
                }
            }

            into.Exceptions += exceptions.Count;
            foreach (var exception in exceptions)
            {
                if (into.ExceptionSamples.Count < 5)
                {
                    into.ExceptionSamples.Add(exception);
                }
            }

            return pass;
        }

        /// <summary>CPU time of the whole process: the passes run on one thread at a time, so this is their work, whatever else the machine runs.</summary>
        private static TimeSpan CpuTime()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }

        private static void FullCollect()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }
}
