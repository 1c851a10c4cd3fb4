using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Analysis;
using RetailGuard.Governance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.Cli.Commands
{
    /// <summary>
    /// <c>retailguard baseline</c>: writes retailguard.baseline.json in each project folder (docs/baseline.md), with the fingerprints
    /// the build's suppressor matches (<see cref="BaselineEntry.For"/>, <see cref="BaselineFile.Write"/>).
    /// </summary>
    internal sealed class BaselineCommand : AsyncCommand<BaselineSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, BaselineSettings settings, CancellationToken cancellationToken)
        {
            settings.ApplyLanguage();
            var result = await Session.AnalyzeAsync(settings, inventory: false, cancellationToken).ConfigureAwait(false);
            var plans = new List<(string Path, string Text, string Note)>();
            foreach (var project in result.Findings)
            {
                string path = project.Baseline?.Path ?? Path.Combine(project.Folder, BaselineFile.FileName);
                bool exists = File.Exists(path);
                if (exists && !settings.Update && !settings.Prune)
                {
                    throw new CliException($"'{path}' exists: --update accepts today's findings, --prune drops the entries that no longer match");
                }

                if (!exists && settings.Prune)
                {
                    Session.Err.MarkupLine($"[grey]{Markup.Escape(project.Project.Name)}: no baseline to prune[/]");
                    continue;
                }

                if (settings.Prune && project.Baseline != null && !project.Baseline.Errors.IsEmpty)
                {
                    throw new CliException($"'{path}' is invalid ({project.Baseline.Errors[0].Message}): --update writes it again");
                }

                string folder = project.Baseline?.Folder ?? project.Folder;
                var entries = new List<BaselineEntry>();
                foreach (var (diagnostic, verdict, sql) in project.Diagnostics)
                {
                    if (settings.Prune && verdict != Verdict.Baseline)
                    {
                        continue;
                    }

                    if (BaselineEntry.For(diagnostic, folder, sql, cancellationToken) is { } entry)
                    {
                        entries.Add(entry);
                    }
                }

                if (!exists && entries.Count == 0)
                {
                    Session.Err.MarkupLine($"[grey]{Markup.Escape(project.Project.Name)}: no finding, no baseline needed[/]");
                    continue;
                }

                int before = project.Baseline?.Entries.Length ?? 0;
                string note = settings.Prune
                    ? $"{project.Project.Name}: dropped {before - entries.Count} of {before} entries that no longer match; {entries.Count} left in {path}"
                    : $"{project.Project.Name}: {entries.Count} accepted finding(s) in {path}";
                plans.Add((path, BaselineFile.Write(entries), note));
            }

            foreach (var (path, text, note) in plans)
            {
                File.WriteAllText(path, text, new UTF8Encoding(false));
                System.Console.Out.WriteLine(note);
            }

            Session.ReportNotAnalysed(result);
            return ExitCodes.Success;
        }
    }
}
