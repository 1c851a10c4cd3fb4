using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Output;
using Spectre.Console.Cli;

namespace RetailGuard.Cli.Commands
{
    /// <summary><c>retailguard inventory</c>: every site that touches a protected or restricted table, compliant or not, and how.</summary>
    internal sealed class InventoryCommand : AsyncCommand<InventorySettings>
    {
        public override async Task<int> ExecuteAsync(CommandContext context, InventorySettings settings, CancellationToken cancellationToken)
        {
            settings.ApplyLanguage();
            var result = await Session.AnalyzeAsync(settings, inventory: true, cancellationToken).ConfigureAwait(false);
            var sites = result.Sites;
            string report = (settings.Format ?? "md") switch
            {
                "html" => Reports.ToHtml(result, sites),
                "csv" => Reports.ToCsv(sites),
                "json" => Reports.ToJson(result, sites),
                _ => Reports.ToMarkdown(result, sites),
            };
            Session.Write(report, settings.Out);
            Session.ReportNotAnalysed(result);
            return ExitCodes.Success;
        }
    }
}
