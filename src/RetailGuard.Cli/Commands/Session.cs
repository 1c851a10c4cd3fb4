using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Analysis;
using RetailGuard.Cli.Loading;
using RetailGuard.Diagnostics;
using Spectre.Console;

namespace RetailGuard.Cli.Commands
{
    /// <summary>What the commands share: loading with progress, the checks that make bad input exit 2, writing the report.</summary>
    internal static class Session
    {
        /// <summary>The console for progress and notes: the standard error, so reports on the standard output stay clean.</summary>
        public static IAnsiConsole Err { get; set; } = CreateErr();

        private static IAnsiConsole CreateErr()
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            if (Console.IsErrorRedirected)
            {
                // One line per message in logs: no wrapping at a guessed width.
                console.Profile.Width = 4096;
            }

            return console;
        }

        /// <summary>Loads the input and analyses every C# project; a progress bar per project on a terminal.</summary>
        public static async Task<AnalysisResult> AnalyzeAsync(InputSettings settings, bool inventory, CancellationToken cancellationToken)
        {
            string path = Workspaces.Resolve(settings.Input);
            AnalysisResult result;
            if (settings.NoProgress || Console.IsErrorRedirected || !Err.Profile.Capabilities.Interactive)
            {
                var input = await Workspaces.LoadAsync(path, null, cancellationToken, !settings.NoRestore).ConfigureAwait(false);
                result = await AnalysisRun.RunAsync(input, inventory, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result = await Err.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var loading = progress.AddTask(Markup.Escape("load " + Path.GetFileName(path)), maxValue: 1);
                        loading.IsIndeterminate = true;
                        var input = await Workspaces.LoadAsync(path, new Progress<string>(name => loading.Description = Markup.Escape("load " + name)), cancellationToken, !settings.NoRestore).ConfigureAwait(false);
                        loading.IsIndeterminate = false;
                        loading.Value = 1;
                        loading.Description = Markup.Escape("loaded " + Path.GetFileName(path));
                        var analysing = progress.AddTask("analyse", maxValue: Math.Max(1, input.CSharpProjects().Count()));
                        return await AnalysisRun.RunAsync(input, inventory, (name, i, n) =>
                        {
                            analysing.Value = i;
                            analysing.Description = Markup.Escape(i < n ? $"analyse {name} ({i + 1}/{n})" : $"analysed {n} project(s)");
                        }, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }

            ThrowOnBadInput(result);
            return result;
        }

        /// <summary>A broken policy, or no project with a policy at all, is bad input (exit code 2).</summary>
        private static void ThrowOnBadInput(AnalysisResult result)
        {
            var invalid = result.Configuration.FirstOrDefault(c => c.Rule == RuleIds.PolicyInvalid);
            if (invalid != null)
            {
                throw new CliException($"{invalid.File}:{invalid.Line}: {invalid.Message}");
            }

            if (result.Findings.Count == 0)
            {
                string why = result.NotAnalysed.Count > 0 ? " (" + result.NotAnalysed[0] + ")" : string.Empty;
                throw new CliException($"no project of '{Path.GetFileName(result.Input.Path)}' could be analysed{why}; 'retailguard init' proposes a retailguard.json");
            }

            var missing = result.Configuration.FirstOrDefault(c => c.Rule == RuleIds.PolicyMissing);
            if (missing != null && result.Findings.Count == 1)
            {
                throw new CliException($"{missing.Project}: {missing.Message}; 'retailguard init' proposes one");
            }
        }

        /// <summary>Writes a report to <paramref name="out"/>, or to the standard output.</summary>
        public static void Write(string text, string? @out)
        {
            if (@out == null)
            {
                Console.Out.Write(text);
                Console.Out.Flush();
                return;
            }

            string full = Path.GetFullPath(@out);
            if (!Directory.Exists(Path.GetDirectoryName(full)))
            {
                throw new CliException($"the folder of '{@out}' does not exist");
            }

            File.WriteAllText(full, text, new UTF8Encoding(false));
            Err.MarkupLine($"[grey]wrote {Markup.Escape(@out)}[/]");
        }

        /// <summary>Lists what could not be analysed, on the standard error.</summary>
        public static void ReportNotAnalysed(AnalysisResult result)
        {
            foreach (var line in result.NotAnalysed)
            {
                Err.MarkupLine("[yellow]not analysed:[/] " + Markup.Escape(line));
            }
        }
    }
}
