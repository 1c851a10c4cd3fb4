using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RetailGuard.CompileCost.Measurement;
using Spectre.Console;

namespace RetailGuard.CompileCost
{
    /// <summary>Prints the figures: per workload each analyzer against the compile, then one summary table (also as Markdown).</summary>
    internal static class Report
    {
        /// <summary>The analyzers shown in columns of their own in the summary; the others are summed as "other".</summary>
        private static readonly (string Analyzer, string Column)[] MainAnalyzers =
        {
            ("QueryReadAnalyzer", "LINQ"),
            ("SqlReadAnalyzer", "SQL"),
            ("ExportAnalyzer", "export"),
        };

        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        /// <summary>The workload of an earlier run with the same name, if any.</summary>
        public static WorkloadResult? Match(RunResult? before, WorkloadResult result) =>
            before?.Workloads.FirstOrDefault(w => w.Workload == result.Workload);

        public static void Workload(WorkloadResult result, WorkloadResult? before)
        {
            AnsiConsole.WriteLine();
            var share = result.DataAccessLines >= 0 ? $" ({100.0 * result.DataAccessLines / result.Lines:F0}% data access)" : "";
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Workload)}[/]: {result.Lines:N0} lines{share}; compile {result.CompileMs:N0} ms " +
                                   $"(best of {result.CompileRuns.Count}: {string.Join(", ", result.CompileRuns.Select(r => r.ToString("N0", Invariant)))}); {result.CompileErrors:N0} compile errors");
            foreach (var error in result.DataAccessLines >= 0 ? result.FirstCompileErrors : new List<string>())
            {
                AnsiConsole.MarkupLine("[red]  " + Markup.Escape(error) + "[/]");
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("analyzer")
                .AddColumn(new TableColumn("ms").RightAligned())
                .AddColumn(new TableColumn("% of compile").RightAligned());
            if (before != null)
            {
                table.AddColumn(new TableColumn("before %").RightAligned());
            }

            foreach (var set in result.Sets)
            {
                var earlier = before?.Set(set.Name);
                AddRow(table, $"[bold]{Markup.Escape(set.Name)}[/]", set.AnalyzerMs, result.CompileMs, before == null ? null : earlier?.PercentOfCompile);
                if (set.PerAnalyzerMs.Count > 1)
                {
                    foreach (var (name, ms) in set.PerAnalyzerMs.OrderByDescending(p => p.Value))
                    {
                        double? was = earlier != null && earlier.PerAnalyzerMs.TryGetValue(name, out var b) ? 100 * b / before!.CompileMs : null;
                        AddRow(table, "  " + Markup.Escape(name), ms, result.CompileMs, before == null ? null : was);
                    }
                }
            }

            AnsiConsole.Write(table);
            foreach (var set in result.Sets)
            {
                var line = new StringBuilder($"{set.Name}: pass wall {set.WallMs:N0} ms");
                if (set.OverFloorMs is { } over)
                {
                    line.Append(Invariant, $" ({over:N0} ms over the floor); CPU {set.CpuMs:N0} ms ({set.OverFloorCpuMs:N0} ms over the floor = {set.CpuPercentOfCompile:F1}% of the compile's {result.CompileCpuMs:N0} ms CPU)");
                }

                line.Append(Invariant, $"; allocated {Mb(set.AllocatedBytes)}");
                if (set.OwnAllocatedBytes is { } own)
                {
                    line.Append(Invariant, $", {Mb(own)} over the floor = {Kb(own / Math.Max(1, result.Files))} per file");
                }

                if (set.Diagnostics.Count > 0)
                {
                    line.Append("; diagnostics: ").Append(string.Join(", ", set.Diagnostics.Select(d => $"{d.Key} {d.Value}")));
                }

                AnsiConsole.MarkupLine(Markup.Escape(line.ToString()));
                if (set.Exceptions > 0)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(set.Name)}: {set.Exceptions} analyzer exceptions (AD0001 in a build)[/]");
                    foreach (var sample in set.ExceptionSamples)
                    {
                        AnsiConsole.MarkupLine("[red]  " + Markup.Escape(sample) + "[/]");
                    }
                }
            }
        }

        private static void AddRow(Table table, string name, double ms, double compileMs, double? beforePercent)
        {
            var cells = new List<string> { name, ms.ToString("N0", Invariant), Percent(100 * ms / compileMs) };
            if (table.Columns.Count == 4)
            {
                cells.Add(beforePercent is { } b ? Percent(b) : "");
            }

            table.AddRow(cells.ToArray());
        }

        public static void Summary(RunResult run, RunResult? before, bool markdown)
        {
            var headers = new List<string> { "files", "lines", "compile ms", "build", "RetailGuard % of compile" };
            headers.AddRange(MainAnalyzers.Select(m => m.Column + " %"));
            headers.Add("other %");
            headers.Add("allocated per file");
            bool dapper = run.Workloads.Any(w => w.Set("Dapper.AOT") != null);
            if (dapper)
            {
                headers.Add("Dapper.AOT %");
            }

            var rows = new List<List<string>>();
            foreach (var workload in run.Workloads)
            foreach (var rg in workload.Sets)
            {
                if (!rg.Name.StartsWith("RetailGuard", StringComparison.Ordinal))
                {
                    continue;
                }

                var earlier = Match(before, workload);
                var earlierRg = earlier?.Set(rg.Name);
                var row = new List<string>
                {
                    workload.Files.ToString("N0", Invariant),
                    workload.Lines.ToString("N0", Invariant),
                    workload.CompileMs.ToString("N0", Invariant),
                    rg.Name == "RetailGuard" ? "this" : rg.Name.Substring("RetailGuard ".Length).Trim('(', ')'),
                    WithBefore(rg.PercentOfCompile, earlierRg?.PercentOfCompile),
                };
                double main = 0;
                foreach (var (analyzer, _) in MainAnalyzers)
                {
                    double ms = rg.PerAnalyzerMs.TryGetValue(analyzer, out var v) ? v : 0;
                    main += ms;
                    double? was = earlierRg != null && earlierRg.PerAnalyzerMs.TryGetValue(analyzer, out var b) ? 100 * b / earlier!.CompileMs : null;
                    row.Add(WithBefore(100 * ms / workload.CompileMs, was));
                }

                double? otherBefore = earlierRg == null ? null : 100 * (earlierRg.AnalyzerMs - MainAnalyzers.Sum(m => earlierRg.PerAnalyzerMs.TryGetValue(m.Analyzer, out var b) ? b : 0)) / earlier!.CompileMs;
                row.Add(WithBefore(100 * (rg.AnalyzerMs - main) / workload.CompileMs, otherBefore));
                row.Add(rg.OwnAllocatedBytes is { } own
                    ? WithBefore(own / (double)workload.Files / 1024, earlierRg?.OwnAllocatedBytes is { } o ? o / (double)earlier!.Files / 1024 : null, " KB", "N0")
                    : "");
                if (dapper)
                {
                    row.Add(workload.Set("Dapper.AOT") is { } d ? Percent(d.PercentOfCompile) : "");
                }

                rows.Add(row);
            }

            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine($"[bold]Summary[/] (analyzer execution time as a share of the compiler's own time on the same code; {(run.Statistic == "best" ? "best" : "medians")} of " +
                                   $"{run.Repeats} passes; compile: best run; {Markup.Escape(run.Machine)}; Roslyn {Markup.Escape(run.Compiler)})");
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn(header).RightAligned());
            }

            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            AnsiConsole.Write(table);
            if (markdown)
            {
                var text = new StringBuilder();
                text.Append("| ").Append(string.Join(" | ", headers)).AppendLine(" |");
                text.Append('|').Append(string.Concat(headers.Select(_ => "---:|"))).AppendLine();
                foreach (var row in rows)
                {
                    text.Append("| ").Append(string.Join(" | ", row)).AppendLine(" |");
                }

                AnsiConsole.WriteLine();
                Console.Write(text.ToString());
            }
        }

        private static string WithBefore(double now, double? before, string unit = "%", string format = "F1") =>
            before is { } b ? $"{b.ToString(format, Invariant)}{unit} → {now.ToString(format, Invariant)}{unit}" : now.ToString(format, Invariant) + unit;

        private static string Percent(double value) => value.ToString("F1", Invariant) + "%";

        private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0", Invariant) + " MB";

        private static string Kb(long bytes) => (bytes / 1024.0).ToString("N0", Invariant) + " KB";
    }
}
