using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Analysis;
using RetailGuard.Cli.Output;
using Xunit;

namespace RetailGuard.Cli.Tests
{
    /// <summary>The sample, loaded once for every test class of the "sample" collection, and its inventory, analysed once.</summary>
    public sealed class SampleInventory : IDisposable
    {
        private readonly LoadedSample _sample = new LoadedSample();
        private readonly Lazy<Task<AnalysisResult>> _result;

        public SampleInventory() =>
            _result = new Lazy<Task<AnalysisResult>>(async () => await AnalysisRun.RunAsync(await _sample.InputAsync(), inventory: true, null, CancellationToken.None));

        public SampleCopy Copy => _sample.Copy;

        internal LoadedSample Sample => _sample;

        internal Task<AnalysisResult> ResultAsync() => _result.Value;

        public void Dispose() => _sample.Dispose();
    }

    [CollectionDefinition("sample")]
    public sealed class SampleCollection : ICollectionFixture<SampleInventory>
    {
    }

    /// <summary>retailguard inventory on the sample: every read site of every job, with the right verdict.</summary>
    [Collection("sample")]
    public class InventoryTests
    {
        /// <summary>Every site of the corrected jobs, as CSV without line and column: how each is correct.</summary>
        private static readonly string[] CorrectSites =
        {
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.LedgerSearch(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.LedgerSearchSanctioned(JobContext),compliant,RG0001,SanctionedFilter,",
            "customers,Dapper,Read,Sales.Jobs.CorrectJobs.LedgerSearchSql(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.Arrears(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,Dapper,Read,Sales.Jobs.CorrectJobs.ArrearsSql(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.ArrearsCount(JobContext),compliant,RG0001,SanctionedFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.DetailBySupplyPoint(JobContext),compliant,RG0001,SanctionedFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.DetailByKey(JobContext),compliant,RG0001,GlobalQueryFilter,FilteredSalesContext",
            "customers,AdoNet,Read,Sales.Jobs.CorrectJobs.DetailAdo(JobContext),compliant,RG0001,ExplicitFilter,",
            "generators,EfCore,Read,Sales.Jobs.CorrectJobs.PowerPurchase(JobContext),compliant,RG0001,ExplicitFilter,",
            "generators,Dapper,Read,Sales.Jobs.CorrectJobs.PowerPurchaseSql(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.OwnCustomers(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,Dapper,Read,Sales.Jobs.CorrectJobs.OwnCustomersSql(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.OwnCustomersGlobalFilter(JobContext),compliant,RG0001,GlobalQueryFilter,FilteredSalesContext",
            "customers,Dapper,BulkCopy,Sales.Jobs.CorrectJobs.DwhExtraction(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,Dapper,BulkCopy,Sales.Jobs.CorrectJobs.DwhExtractionProcedure(JobContext),compliant,RG0001,ProvenDefinition,'usp_dwh_extract_for_retailer'",
            "customers,Dapper,BulkCopy,Sales.Jobs.CorrectJobs.DwhExtractionProcedureThroughView(JobContext),compliant,RG0001,ProvenDefinition,'usp_dwh_extract_contracts' → 'contract_extract'",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.MatchingCsv(JobContext),compliant,RG0001,SanctionedFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.ContractorCorporate(JobContext),compliant,RG0001,ExplicitFilter,",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.WinterProgramme(JobContext),compliant,RG0001,SanctionedFilter,",
            "customers,Dapper,Read,Sales.Jobs.CorrectJobs.WaterHeaterRefresh(JobContext),compliant,RG0001,SanctionedView,own_customers",
            "customers,EfCore,Read,Sales.Jobs.CorrectJobs.ContractorViaHelper(JobContext),compliant,RG0001,SanctionedFilter,",
        };

        private readonly SampleInventory _inventory;

        public InventoryTests(SampleInventory inventory) => _inventory = inventory;

        [Fact]
        public async Task Csv_ListsEveryReadSiteOfEveryJob_WithTheRightVerdict()
        {
            var result = await _inventory.ResultAsync();
            var rows = Reports.ToCsv(result.Sites).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Reports.CsvHeader, rows[0]);
            var parsed = rows.Skip(1).Select(ParseCsv).ToList();
            Assert.All(parsed, r => Assert.Equal(12, r.Length));

            // Corrected jobs: each read is listed once, compliant, with how (the job SalesForms reads no guarded table).
            var correct = parsed.Where(r => r[3].StartsWith("Sales.Jobs.CorrectJobs.", StringComparison.Ordinal))
                .Select(r => string.Join(",", r[0], r[1], r[2], r[3], r[7], r[8], r[9], r[10])).ToList();
            Assert.Equal(CorrectSites, correct);

            // Leaky jobs: every one has a finding, none is listed as compliant; their reads and exports say what they do.
            var leaky = parsed.Where(r => r[3].StartsWith("Sales.Jobs.LeakyJobs.", StringComparison.Ordinal)).ToList();
            Assert.All(leaky, r => Assert.Equal("finding", r[7]));
            Assert.Equal(Oracle.LeakyJobs.OrderBy(j => j, StringComparer.Ordinal), leaky.Select(r => Oracle.JobOf(r[3])).Distinct().OrderBy(j => j, StringComparer.Ordinal));
            Assert.Contains(leaky, r => r[3] == "Sales.Jobs.LeakyJobs.DetailAdo(JobContext)" && r[0] == "customers" && r[1] == "AdoNet" && r[2] == "Read" && r[8] == "RG1001");
            Assert.Contains(leaky, r => r[3] == "Sales.Jobs.LeakyJobs.MatchingCsv(JobContext)" && r[1] == "EfCore" && r[2] == "Export" && r[8] == "RG2001");
            Assert.Contains(leaky, r => r[3] == "Sales.Jobs.LeakyJobs.DwhExtractionProcedure(JobContext)" && r[1] == "Dapper" && r[2] == "BulkCopy" && r[8] == "RG2002");
            Assert.Contains(leaky, r => r[3] == "Sales.Jobs.LeakyJobs.EFormsSql(JobContext)" && r[0] == "nw_eforms" && r[1] == "Dapper" && r[8] == "RG1006");

            // Every job is accounted for: a job without a site reads no guarded table.
            var listed = parsed.Select(r => Oracle.JobOf(r[3])).Where(j => j != null).ToHashSet();
            Assert.Equal(new[] { "CorrectJobs.SalesForms" }, Oracle.AllJobs.Where(j => !listed.Contains(j)));
        }

        [Fact]
        public async Task Json_HasTheSitesAndTheTotalsPerTableAndVerdict()
        {
            var result = await _inventory.ResultAsync();
            using var json = JsonDocument.Parse(Reports.ToJson(result, result.Sites));
            var root = json.RootElement;
            Assert.Equal("SalesSystem.csproj", root.GetProperty("input").GetString());
            Assert.Equal(0, root.GetProperty("notAnalysed").GetArrayLength());
            var totals = root.GetProperty("totals");
            Assert.Equal(result.Sites.Count, totals.GetProperty("sites").GetInt32());
            Assert.Equal(
                "customers: compliant 20, finding 25; generators: compliant 2, finding 2; nw_eforms: finding 2; : suppressed 3",
                string.Join("; ", totals.GetProperty("byTable").EnumerateObject().OrderBy(t => t.Name == string.Empty).ThenBy(t => t.Name, StringComparer.Ordinal)
                    .Select(t => t.Name + ": " + string.Join(", ", t.Value.EnumerateObject().Select(v => v.Name + " " + v.Value.GetInt32())))));
            Assert.Equal(22, totals.GetProperty("byVerdict").GetProperty("compliant").GetInt32());
            Assert.Equal(29, totals.GetProperty("byVerdict").GetProperty("finding").GetInt32());

            var sanctioned = root.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("member").GetString() == "Sales.Jobs.CorrectJobs.WaterHeaterRefresh(JobContext)");
            Assert.Equal(("SanctionedView", "own_customers", "Jobs/Correct/CorrectJobs.cs"), (sanctioned.GetProperty("how").GetString(), sanctioned.GetProperty("detail").GetString(), sanctioned.GetProperty("file").GetString()));
            var finding = root.GetProperty("sites").EnumerateArray().First(s => s.GetProperty("rule").GetString() == "RG1006");
            Assert.Equal("https://github.com/retailguard/retailguard/blob/main/docs/rules/RG1006.md", finding.GetProperty("helpUri").GetString());
        }

        [Fact]
        public async Task TheCommand_WritesTheSameReport_AndOnlyToOut()
        {
            var result = await _inventory.ResultAsync();
            string output = Path.Combine(_inventory.Copy.Parent, "inventory.json");
            var before = Directory.GetFiles(_inventory.Copy.Parent, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).ToHashSet();
            var run = await Cli.RunAsync("inventory", _inventory.Copy.Project, "--format", "json", "--out", output, "--no-progress", "--no-restore");
            Assert.True(run.ExitCode == 0, run.Out + run.Error);
            Assert.Equal(Reports.ToJson(result, result.Sites), File.ReadAllText(output));
            var after = Directory.GetFiles(_inventory.Copy.Parent, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).ToHashSet();
            after.ExceptWith(before);
            Assert.Equal(new[] { output }, after);
        }

        [Fact]
        public async Task Markdown_HasTotalsAndSites_InJapaneseToo()
        {
            var result = await _inventory.ResultAsync();
            string english = Reports.ToMarkdown(result, result.Sites);
            Assert.Contains("| customers | 20 | 25 | 0 | 45 |", english);
            Assert.Contains("the sanctioned view (own_customers)", english);
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
                string japanese = Reports.ToMarkdown(result, result.Sites);
                Assert.Contains("# RetailGuard 棚卸し", japanese);
                Assert.Contains("承認済みビュー（own_customers）", japanese);
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        private static string[] ParseCsv(string line)
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            return fields.ToArray();
        }
    }
}
