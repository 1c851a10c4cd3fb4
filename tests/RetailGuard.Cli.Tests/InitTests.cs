using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace RetailGuard.Cli.Tests
{
    /// <summary>retailguard init on the sample without its policy, and bad input.</summary>
    public sealed class InitTests : IDisposable
    {
        private readonly SampleCopy _copy = new SampleCopy(withPolicy: false);

        public void Dispose() => _copy.Dispose();

        [Fact]
        public async Task Init_ProposesTheProtectedTablesTheSampleHas_ThenCheckRefusesABrokenPolicy()
        {
            // Without a policy there is nothing to check: bad input, one line.
            var nothing = await Cli.RunAsync("check", _copy.Folder, "--no-progress");
            Assert.Equal(2, nothing.ExitCode);
            Assert.Contains("retailguard init", nothing.Error);

            var init = await Cli.RunAsync("init", _copy.Folder, "--no-progress", "--no-restore");
            Assert.True(init.ExitCode == 0, init.Out + init.Error);
            string path = _copy.PathOf("retailguard.json");
            string written = File.ReadAllText(path);
            using (var json = JsonDocument.Parse(written))
            {
                var root = json.RootElement;
                var tables = root.GetProperty("protectedTables").EnumerateArray().ToList();
                Assert.Equal(new[] { "customers", "generators" }, tables.Select(t => t.GetProperty("table").GetString()));
                Assert.Equal(new[] { "Sales.Domain.Customer", "Sales.Domain.Generator" }, tables.Select(t => t.GetProperty("entity").GetString()));
                Assert.Equal(new[] { "retailer_code", "purchaser_code" }, tables.Select(t => t.GetProperty("retailerColumn").GetString()));
                Assert.Equal(new[] { "RetailerCode", "PurchaserCode" }, tables.Select(t => t.GetProperty("retailerProperty").GetString()));
                Assert.All(tables, t => Assert.StartsWith("review: ", t.GetProperty("$comment").GetString()));

                var exclusion = Assert.Single(tables[0].GetProperty("excluded").EnumerateArray());
                Assert.Equal("contract_kind", exclusion.GetProperty("column").GetString());
                Assert.Equal("LAST_RESORT", exclusion.GetProperty("values")[0].GetString());
                Assert.Equal("Sales.Domain.ContractKinds.LastResort", exclusion.GetProperty("symbols")[0].GetString());
                Assert.Equal(new[] { "contract_extract", "own_customers" }, tables[0].GetProperty("sanctionedViews").EnumerateArray().Select(v => v.GetString()).OrderBy(v => v));

                var own = root.GetProperty("ownRetailer");
                Assert.Equal("R0001", own.GetProperty("codes")[0].GetString());
                Assert.Equal("Sales.Domain.RetailerCodes.Own", own.GetProperty("symbols")[0].GetString());
                Assert.StartsWith("review: ", own.GetProperty("$comment").GetString());
                Assert.Equal("Sales.Data.CustomerScope.OwnContractsOnly", root.GetProperty("sanctionedFilters")[0].GetString());
            }

            // The proposal is a policy RetailGuard accepts: check runs with it and finds the leaky jobs.
            var check = await Cli.RunAsync("check", _copy.Folder, "--no-progress", "--no-restore", "--format", "json");
            Assert.True(check.ExitCode == 1, check.Out + check.Error);
            using (var json = JsonDocument.Parse(check.Out))
            {
                Assert.Empty(json.RootElement.GetProperty("configuration").EnumerateArray().Where(c => c.GetProperty("rule").GetString() is "RG9002" or "RG9003" or "RG9009"));
            }

            // An existing policy is left alone without --force.
            File.WriteAllText(path, written.Replace("\"R0001\"", "\"R0001\" ", StringComparison.Ordinal));
            string edited = File.ReadAllText(path);
            var again = await Cli.RunAsync("init", _copy.Folder, "--no-progress", "--no-restore");
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("--force", again.Error);
            Assert.Equal(edited, File.ReadAllText(path));

            // A broken policy is bad input: one line, exit code 2.
            File.WriteAllText(path, "{ \"ownRetailer\": ");
            var broken = await Cli.RunAsync("check", _copy.Folder, "--no-progress", "--no-restore");
            Assert.Equal(2, broken.ExitCode);
            Assert.Contains("retailguard.json", broken.Error);
            Assert.Single(broken.Error.Trim().Split('\n'));
        }

        [Fact]
        public async Task BadInput_IsOneLineAndExitCodeTwo()
        {
            var missing = await Cli.RunAsync("check", Path.Combine(_copy.Folder, "Nope.sln"));
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("does not exist", missing.Error);
            Assert.Single(missing.Error.Trim().Split('\n'));

            var format = await Cli.RunAsync("inventory", _copy.Folder, "--format", "pdf");
            Assert.Equal(2, format.ExitCode);
            Assert.Contains("md, html, csv, json", format.Error + format.Out);

            var notAProject = await Cli.RunAsync("check", _copy.PathOf("retailguard.schema.json.missing"));
            Assert.Equal(2, notAProject.ExitCode);
        }

        [Theory]
        [InlineData("check")]
        [InlineData("inventory")]
        [InlineData("baseline")]
        [InlineData("init")]
        public async Task EveryCommand_HasHelpWithExamples(string command)
        {
            var help = await Cli.RunAsync(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("EXAMPLES", help.Out, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("retailguard " + command, help.Out);
        }
    }
}
