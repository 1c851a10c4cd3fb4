using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.CompileCost.Measurement;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.CompileCost
{
    /// <summary>
    /// <c>compile-cost</c>: RetailGuard's analyzers against the compiler's own time on the same code. Exit codes: 0 done,
    /// 1 an analyzer threw or generated code did not compile, 2 bad input.
    /// </summary>
    public static class Program
    {
        public static Task<int> Main(string[] args)
        {
            if (Console.IsOutputRedirected)
            {
                // Tables written to a file or a pipe keep their columns whole.
                AnsiConsole.Profile.Width = 200;
            }

            var app = new CommandApp<GeneratedCommand>();
            app.Configure(config =>
            {
                config.SetApplicationName("compile-cost");
                config.UseStrictParsing();
                config.AddCommand<GeneratedCommand>("generated")
                    .WithDescription("Generates sales-system data layers of the given sizes (EF Core LINQ, Dapper, ADO.NET, EF Core raw SQL, exports; about a third data access) and measures them. The default command.")
                    .WithExample("generated", "--files", "100,1000,5000")
                    .WithExample("generated", "--files", "1000", "--with-dapper-aot", "--json", "after.json", "--before", "before.json");
                config.AddCommand<FolderCommand>("folder")
                    .WithDescription("Measures an existing code base: every .cs file of a folder as one compilation, its .sql files and retailguard.json as AdditionalFiles.")
                    .WithExample("folder", "/src/Sales", "--references", "refs.txt");
            });
            return app.RunAsync(args);
        }
    }

    /// <summary>Options every measurement takes.</summary>
    public class MeasureSettings : CommandSettings
    {
        [CommandOption("--repeats <N>")]
        [Description("Measured passes per analyzer set and compile runs per workload (after a warm-up). Medians over the passes; the compile time is the best run. Default 3.")]
        [DefaultValue(3)]
        public int Repeats { get; set; } = 3;

        [CommandOption("--with-dapper-aot")]
        [Description("Also run Dapper.AOT 1.1.0's analyzers over the same compilation (SQL syntax SqlServer), as a reference point.")]
        public bool WithDapperAot { get; set; }

        [CommandOption("--best")]
        [Description("Report the best pass of each set (least analyzer time; least CPU) instead of the median: on a machine busy with other work the best is the closest to the analyzers' own cost.")]
        public bool Best { get; set; }

        [CommandOption("--compare <LABEL=DLL>")]
        [Description("Also run another build of RetailGuard.Analyzers (a path to its RetailGuard.Analyzers.dll, ScriptDom beside it) in the same process, passes interleaved with this build's: before/after figures under the same load. Repeatable.")]
        public string[] Compare { get; set; } = Array.Empty<string>();

        [CommandOption("--no-floor")]
        [Description("Skip the floor pass (an analyzer that does nothing on every method body): no allocations or wall time over the floor.")]
        public bool NoFloor { get; set; }

        [CommandOption("--json <FILE>")]
        [Description("Write every figure to this JSON file (to compare with --before later).")]
        public string? Json { get; set; }

        [CommandOption("--before <FILE>")]
        [Description("A JSON file of an earlier run: its figures are shown beside these, workload by workload.")]
        public string? Before { get; set; }

        [CommandOption("--label <TEXT>")]
        [Description("A name for this run in the JSON file (a commit, a branch).")]
        public string? Label { get; set; }

        [CommandOption("--markdown")]
        [Description("Also print the summary as a Markdown table (the README's).")]
        public bool Markdown { get; set; }

        [CommandOption("-q|--quiet")]
        [Description("Do not print each pass as it finishes.")]
        public bool Quiet { get; set; }

        public override ValidationResult Validate()
        {
            if (Repeats < 1 || Repeats > 50)
            {
                return ValidationResult.Error("--repeats is between 1 and 50");
            }

            foreach (var other in Compare)
            {
                int eq = other.IndexOf('=');
                if (eq <= 0 || !File.Exists(other.Substring(eq + 1)))
                {
                    return ValidationResult.Error($"--compare: LABEL=path to an existing RetailGuard.Analyzers.dll, not {other}");
                }
            }

            if (Before != null && !File.Exists(Before))
            {
                return ValidationResult.Error($"--before: no file {Before}");
            }

            return ValidationResult.Success();
        }
    }

    public sealed class GeneratedSettings : MeasureSettings
    {
        [CommandOption("--files <SIZES>")]
        [Description("Sizes to generate, in C# files, comma-separated. Default 100,1000,5000.")]
        [DefaultValue("100,1000,5000")]
        public string Files { get; set; } = "100,1000,5000";

        [CommandOption("--seed <N>")]
        [Description("Seed of the generator: the same seed gives the same code. Default 15.")]
        [DefaultValue(15)]
        public int Seed { get; set; } = 15;

        [CommandOption("--write-sources <FOLDER>")]
        [Description("Also write each generated system under this folder (<FOLDER>/<files>/...), to read or build it.")]
        public string? WriteSources { get; set; }

        public IReadOnlyList<int> Sizes => Files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();

        public override ValidationResult Validate()
        {
            var basic = base.Validate();
            if (!basic.Successful)
            {
                return basic;
            }

            try
            {
                return Sizes.Count > 0 && Sizes.All(s => s >= 3 && s <= 50_000)
                    ? ValidationResult.Success()
                    : ValidationResult.Error("--files: sizes between 3 and 50000");
            }
            catch (FormatException)
            {
                return ValidationResult.Error("--files: comma-separated numbers, such as 100,1000,5000");
            }
        }
    }

    public sealed class FolderSettings : MeasureSettings
    {
        [CommandArgument(0, "<FOLDER>")]
        [Description("The code base: every .cs file under it (bin, obj and hidden folders left out) is compiled as one library.")]
        public string Folder { get; set; } = "";

        [CommandOption("--references <PATH>")]
        [Description("A folder of assemblies, or a text file with one assembly path per line. Default: the .NET runtime and the data-access packages of this tool (EF Core 10, Dapper, Microsoft.Data.Sqlite, Microsoft.Data.SqlClient, CsvHelper).")]
        public string? References { get; set; }

        [CommandOption("--policy <FILE>")]
        [Description("The policy, when the folder has no retailguard.json of its own.")]
        public string? Policy { get; set; }

        public override ValidationResult Validate()
        {
            var basic = base.Validate();
            if (!basic.Successful)
            {
                return basic;
            }

            if (!Directory.Exists(Folder))
            {
                return ValidationResult.Error($"no folder {Folder}");
            }

            return Policy != null && !File.Exists(Policy) ? ValidationResult.Error($"--policy: no file {Policy}") : ValidationResult.Success();
        }
    }

    public sealed class GeneratedCommand : AsyncCommand<GeneratedSettings>
    {
        public override Task<int> ExecuteAsync(CommandContext context, GeneratedSettings settings, CancellationToken cancellationToken) =>
            Run.ExecuteAsync(settings, settings.Sizes.Select(size => (Func<Workload>)(() =>
                Workload.Generated(size, settings.Seed, settings.WriteSources == null ? null : Path.Combine(settings.WriteSources, size.ToString(System.Globalization.CultureInfo.InvariantCulture))))).ToList(),
                settings.Seed, cancellationToken);
    }

    public sealed class FolderCommand : AsyncCommand<FolderSettings>
    {
        public override Task<int> ExecuteAsync(CommandContext context, FolderSettings settings, CancellationToken cancellationToken) =>
            Run.ExecuteAsync(settings, new List<Func<Workload>> { () => Workload.Folder(settings.Folder, settings.References, settings.Policy) }, 0, cancellationToken);
    }

    internal static class Run
    {
        /// <summary>Files of the system the JIT is warmed up on before anything is measured.</summary>
        private const int WarmUpFiles = 60;

        public static async Task<int> ExecuteAsync(MeasureSettings settings, IReadOnlyList<Func<Workload>> workloads, int seed, CancellationToken cancellationToken)
        {
            var sets = new List<AnalyzerSet>();
            if (!settings.NoFloor)
            {
                sets.Add(AnalyzerSets.Floor());
            }

            foreach (var other in settings.Compare)
            {
                int eq = other.IndexOf('=');
                sets.Add(AnalyzerSets.OtherBuild(other.Substring(0, eq), other.Substring(eq + 1)));
            }

            sets.Add(AnalyzerSets.RetailGuard());
            if (settings.WithDapperAot)
            {
                var dapper = AnalyzerSets.DapperAot(out var missing);
                if (dapper == null)
                {
                    AnsiConsole.MarkupLine("[red]compile-cost:[/] " + Markup.Escape(missing!));
                    return 2;
                }

                sets.Add(dapper);
            }

            RunResult? before = null;
            if (settings.Before != null)
            {
                before = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(settings.Before));
            }

            var run = new RunResult
            {
                Label = settings.Label ?? "",
                When = DateTimeOffset.Now,
                Machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
                Compiler = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version?.ToString() ?? "",
                Repeats = settings.Repeats,
                Statistic = settings.Best ? "best" : "median",
                Seed = seed,
            };

            Action<string> log = settings.Quiet ? _ => { } : line => AnsiConsole.MarkupLine("[grey]  " + Markup.Escape(line) + "[/]");
            log($"warm-up on a generated system of {WarmUpFiles} files");
            await new Measurer(1, _ => { }).MeasureAsync(Workload.Generated(WarmUpFiles, seed + 1, null), sets, cancellationToken).ConfigureAwait(false);

            int status = 0;
            foreach (var make in workloads)
            {
                var workload = make();
                log($"{workload.Name}: {workload.Lines:N0} lines");
                var result = await new Measurer(settings.Repeats, log, settings.Best).MeasureAsync(workload, sets, cancellationToken).ConfigureAwait(false);
                run.Workloads.Add(result);
                Report.Workload(result, Report.Match(before, result));
                if (result.Sets.Any(s => s.Exceptions > 0) || (workload.DataAccessLines >= 0 && result.CompileErrors > 0))
                {
                    status = 1;
                }

                if (settings.Json != null)
                {
                    File.WriteAllText(settings.Json, JsonSerializer.Serialize(run, new JsonSerializerOptions { WriteIndented = true }));
                }
            }

            Report.Summary(run, before, settings.Markdown);
            return status;
        }
    }
}
