using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Analysis;
using RetailGuard.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.Cli.Commands
{
    /// <summary><c>retailguard check</c>: the findings, grouped by table and rule; exit code 1 when any fails.</summary>
    internal sealed class CheckCommand : AsyncCommand<CheckSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
        {
            settings.ApplyLanguage();
            var result = await Session.AnalyzeAsync(settings, inventory: false, cancellationToken).ConfigureAwait(false);
            var findings = result.Sites.Where(s => s.IsFinding).ToList();
            switch (settings.Format ?? "text")
            {
                case "sarif":
                    Session.Write(Sarif.Write(result, findings), settings.Out);
                    break;
                case "json":
                    Session.Write(Reports.ToJson(result, findings), settings.Out);
                    break;
                default:
                    Session.Write(CheckText.Render(result, findings), settings.Out);
                    break;
            }

            Session.ReportNotAnalysed(result);
            return result.Fails(errorsOnly: settings.FailOn == "error") ? ExitCodes.Findings : ExitCodes.Success;
        }
    }

    /// <summary>The text report of check: per table, per rule, each finding with its place, member and message.</summary>
    internal static class CheckText
    {
        public static string Render(AnalysisResult result, System.Collections.Generic.List<Site> findings)
        {
            var writer = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 4096;
            console.WriteLine($"{Texts.Get("CheckTitle")}: {Path.GetFileName(result.Input.Path)} ({string.Join(", ", result.Projects)})");
            console.WriteLine();
            var failing = findings.Where(f => f.Verdict == Verdict.Finding).ToList();
            if (failing.Count == 0)
            {
                console.WriteLine(Texts.Get("NoFinding"));
            }

            foreach (var table in failing.GroupBy(f => f.Table).OrderBy(g => g.Key, System.StringComparer.Ordinal))
            {
                console.WriteLine($"{(table.Key.Length == 0 ? Texts.Get("UnknownTable") : table.Key)} ({table.Count()})");
                foreach (var rule in table.GroupBy(f => f.Rule).OrderBy(g => g.Key, System.StringComparer.Ordinal))
                {
                    console.WriteLine($"  {rule.Key} {Texts.RuleTitle(rule.Key)} ({rule.Count()})");
                    foreach (var f in rule)
                    {
                        console.WriteLine($"    {f.Severity} {f.File}:{f.Line}:{f.Column}{(f.Member.Length > 0 ? "  " + f.Member : string.Empty)}");
                        console.WriteLine($"      {f.Message}");
                    }
                }

                console.WriteLine();
            }

            foreach (var c in result.Configuration)
            {
                console.WriteLine($"{c.Severity} {c.Rule} {c.File}:{c.Line}: {c.Message}");
            }

            console.WriteLine();
            console.WriteLine(Texts.Format("Summary", failing.Count, findings.Count(f => f.Verdict == Verdict.Approved),
                findings.Count(f => f.Verdict == Verdict.Baseline), findings.Count(f => f.Verdict == Verdict.SuppressedInSource)));
            int errors = result.Configuration.Count(c => c.Severity == "error");
            if (errors > 0)
            {
                console.WriteLine(Texts.Format("ConfigurationErrors", errors));
            }

            return writer.ToString();
        }
    }
}
