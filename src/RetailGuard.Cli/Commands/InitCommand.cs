using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Init;
using RetailGuard.Cli.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.Cli.Commands
{
    /// <summary><c>retailguard init</c>: proposes a retailguard.json from what the code says; writes it only when there is none, or with --force.</summary>
    internal sealed class InitCommand : AsyncCommand<InitSettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
        {
            settings.ApplyLanguage();
            string path = Workspaces.Resolve(settings.Input);
            var input = await Workspaces.LoadAsync(path, null, cancellationToken, !settings.NoRestore).ConfigureAwait(false);
            var proposal = await PolicyProposal.ProposeAsync(input, cancellationToken).ConfigureAwait(false);
            string target = Path.Combine(input.Root, PackageInputs.PolicyFileName);
            string text = proposal.ToJson();
            if (File.Exists(target) && !settings.Force)
            {
                Session.Err.MarkupLine($"[yellow]{Spectre.Console.Markup.Escape(target)} exists and was left as it is (--force overwrites it); the proposal:[/]");
                Session.Write(text, null);
                return ExitCodes.Success;
            }

            File.WriteAllText(target, text, new UTF8Encoding(false));
            System.Console.Out.WriteLine($"wrote {target}: {proposal.Summary}; review every entry marked 'review' ($comment)");
            foreach (var line in input.Problems)
            {
                Session.Err.MarkupLine("[yellow]not loaded:[/] " + Spectre.Console.Markup.Escape(line));
            }

            return ExitCodes.Success;
        }
    }
}
