using System;
using System.Threading.Tasks;
using RetailGuard.Cli;
using RetailGuard.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.Cli
{
    /// <summary>The <c>retailguard</c> command. Exit codes: 0 nothing to report, 1 findings (check), 2 bad input.</summary>
    public static class Program
    {
        public static Task<int> Main(string[] args)
        {
            System.Console.OutputEncoding = new System.Text.UTF8Encoding(false);
            return Run(args);
        }

        /// <summary>Runs one command line, as the tool does (also from tests, in process, with <paramref name="console"/> for help and parse errors).</summary>
        public static async Task<int> Run(string[] args, IAnsiConsole? console = null)
        {
            var app = new CommandApp();
            app.Configure(config =>
            {
                if (console != null)
                {
                    config.ConfigureConsole(console);
                }

                config.SetApplicationName("retailguard");
                config.SetApplicationVersion(Output.Reports.ToolVersion);
                config.UseStrictParsing();
                config.SetExceptionHandler((ex, _) =>
                {
                    var error = ex is CommandRuntimeException or CommandParseException or CliException ? ex.Message : ex.ToString();
                    Session.Err.MarkupLine("[red]retailguard:[/] " + Markup.Escape(error));
                    return ExitCodes.BadInput;
                });

                config.AddCommand<CheckCommand>("check")
                    .WithDescription("Checks a solution or project with the RetailGuard analyzers, as a build with the package does: findings grouped by table and rule. Exit code 1 when a finding fails (no approval or baseline accepts it), 2 on bad input.")
                    .WithExample("check", "Sales.sln")
                    .WithExample("check", "src/Sales/Sales.csproj", "--format", "sarif", "--out", "retailguard.sarif")
                    .WithExample("check", ".", "--format", "json", "--fail-on", "error");
                config.AddCommand<InventoryCommand>("inventory")
                    .WithDescription("Lists every place that reads, writes, bulk-copies or exports a protected or restricted table, compliant or not, and how: table, technology, member, file:line and verdict, with totals per table and verdict.")
                    .WithExample("inventory", "Sales.sln", "--format", "html", "--out", "inventory.html")
                    .WithExample("inventory", "Sales.sln", "--format", "csv", "--out", "inventory.csv", "--lang", "ja")
                    .WithExample("inventory", "src/Sales");
                config.AddCommand<BaselineCommand>("baseline")
                    .WithDescription("Writes retailguard.baseline.json in each project folder, accepting today's findings so that only new ones fail (docs/baseline.md).")
                    .WithExample("baseline", "Sales.sln")
                    .WithExample("baseline", "Sales.sln", "--update")
                    .WithExample("baseline", "Sales.sln", "--prune");
                config.AddCommand<InitCommand>("init")
                    .WithDescription("Proposes a retailguard.json from the code: entities and tables with a retailer-like column, own-retailer constants, existing query filters, views. Every guess is marked for review. Writes it only when there is none, or with --force.")
                    .WithExample("init", "Sales.sln")
                    .WithExample("init", "src/Sales/Sales.csproj", "--force");
            });

            return await app.RunAsync(args).ConfigureAwait(false);
        }
    }
}
