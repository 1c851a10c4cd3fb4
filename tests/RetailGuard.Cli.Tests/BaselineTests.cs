using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using RetailGuard.Governance;
using Xunit;

namespace RetailGuard.Cli.Tests
{
    /// <summary>The adoption path, through the command itself: check fails, baseline, check is green, new leaks fail again, prune.</summary>
    public sealed class BaselineTests : IDisposable
    {
        private readonly SampleCopy _copy = new SampleCopy();

        public void Dispose() => _copy.Dispose();

        [Fact]
        public async Task Baseline_ThenCheck_IsGreen_ANewLeakFailsAgain_AndPruneDropsFixedEntries()
        {
            var check = await Cli.RunAsync("check", _copy.Folder, "--no-progress");
            Assert.True(check.ExitCode == 1, check.Out + check.Error);
            Assert.Contains("29 findings fail the build", check.Out);

            var baseline = await Cli.RunAsync("baseline", _copy.Folder, "--no-progress", "--no-restore");
            Assert.True(baseline.ExitCode == 0, baseline.Out + baseline.Error);
            string path = _copy.PathOf(BaselineFile.FileName);
            var file = BaselineFile.Parse(path, Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(path)));
            Assert.Empty(file.Errors);
            Assert.Equal(29, file.Entries.Length);
            Assert.Equal(BaselineFile.Write(file.Entries), File.ReadAllText(path));

            // Writing it again needs --update or --prune.
            var again = await Cli.RunAsync("baseline", _copy.Folder, "--no-progress", "--no-restore");
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("--update", again.Error);

            var green = await Cli.RunAsync("check", _copy.Folder, "--no-progress", "--no-restore", "--format", "json");
            Assert.True(green.ExitCode == 0, green.Out + green.Error);
            using (var json = JsonDocument.Parse(green.Out))
            {
                Assert.Equal(29, json.RootElement.GetProperty("totals").GetProperty("byVerdict").GetProperty("baseline").GetInt32());
                Assert.False(json.RootElement.GetProperty("totals").GetProperty("byVerdict").TryGetProperty("finding", out _));
            }

            string jobs = _copy.PathOf("Jobs/Correct/CorrectJobs.cs");
            string original = File.ReadAllText(jobs);
            File.WriteAllText(jobs, original.Insert(original.LastIndexOf('}', original.LastIndexOf('}') - 1), CheckTests.LeakyMethod));
            var red = await Cli.RunAsync("check", _copy.Folder, "--no-progress", "--no-restore", "--format", "json");
            Assert.Equal(1, red.ExitCode);
            using (var json = JsonDocument.Parse(red.Out))
            {
                var failing = json.RootElement.GetProperty("sites").EnumerateArray().Where(s => s.GetProperty("verdict").GetString() == "finding").ToList();
                var only = Assert.Single(failing);
                Assert.Equal("Sales.Jobs.CorrectJobs.AllCustomerNames(JobContext)", only.GetProperty("member").GetString());
            }

            // The new read goes; one legacy job is fixed: --prune drops its entry, and says so.
            File.WriteAllText(jobs, original);
            string leaky = _copy.PathOf("Jobs/Leaky/LeakyJobs.cs");
            File.WriteAllText(leaky, File.ReadAllText(leaky).Replace(
                "ctx.Db.Customers.Where(c => c.Name.Contains(\"o\"))",
                "ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.Name.Contains(\"o\"))",
                StringComparison.Ordinal));
            var prune = await Cli.RunAsync("baseline", _copy.Folder, "--no-progress", "--no-restore", "--prune");
            Assert.True(prune.ExitCode == 0, prune.Out + prune.Error);
            Assert.Contains("dropped 1 of 29 entries", prune.Out);
            Assert.Equal(28, BaselineFile.Parse(path, Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(path))).Entries.Length);
        }
    }
}
