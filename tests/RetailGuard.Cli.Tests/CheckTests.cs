using System;
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
    /// <summary>retailguard check on the sample sales system: exactly the jobs the runtime oracle measures as leaky.</summary>
    [Collection("sample")]
    public class CheckTests
    {
        private readonly LoadedSample _sample;

        public CheckTests(SampleInventory inventory) => _sample = inventory.Sample;

        [Fact]
        public async Task Check_FindsExactlyTheLeakyJobs()
        {
            var result = await AnalysisRun.RunAsync(await _sample.InputAsync(), inventory: false, null, CancellationToken.None);
            Assert.Empty(result.NotAnalysed);
            var failing = result.Sites.Where(s => s.Verdict == Verdict.Finding).ToList();
            var jobs = failing.Select(s => Oracle.JobOf(s.Member)).Distinct().OrderBy(j => j, StringComparer.Ordinal).ToList();
            Assert.DoesNotContain(null, jobs);
            Assert.Equal(Oracle.LeakyJobs.OrderBy(j => j, StringComparer.Ordinal), jobs);
            Assert.Equal(24, jobs.Count);
            Assert.True(result.Fails(errorsOnly: false));

            // The sample's .editorconfig lowers the leaky jobs to warnings (so it runs): the build passes, --fail-on error too.
            Assert.All(failing, s => Assert.Equal("warning", s.Severity));
            Assert.False(result.Fails(errorsOnly: true));
            Assert.Contains(result.Configuration, c => c.Rule == "RG9008");

            // The oracle's own SQL plumbing is suppressed in source, with a justification; it is no job.
            Assert.All(result.Sites.Where(s => s.Verdict != Verdict.Finding), s => Assert.Equal(Verdict.SuppressedInSource, s.Verdict));
        }

        [Fact]
        public async Task Sarif_MarksTheRulesAsSecurityResults()
        {
            var result = await AnalysisRun.RunAsync(await _sample.InputAsync(), inventory: false, null, CancellationToken.None);
            var findings = result.Sites.Where(s => s.IsFinding).ToList();
            using var sarif = JsonDocument.Parse(Sarif.Write(result, findings));
            Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
            var run = sarif.RootElement.GetProperty("runs")[0];
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
            foreach (var id in new[] { "RG1001", "RG1002", "RG1003", "RG1004", "RG1005", "RG1006", "RG2001", "RG2002" })
            {
                var properties = rules[id].GetProperty("properties");
                Assert.Contains("security", properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
                Assert.Equal("8.1", properties.GetProperty("security-severity").GetString());
                Assert.Equal("error", rules[id].GetProperty("defaultConfiguration").GetProperty("level").GetString());
                Assert.StartsWith("https://", rules[id].GetProperty("helpUri").GetString());
            }

            var results = run.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(findings.Count + result.Configuration.Count, results.Count);
            var first = results.First(r => r.GetProperty("ruleId").GetString() == "RG1001");
            var location = first.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
            Assert.Matches("^[0-9a-f]{16}$", first.GetProperty("partialFingerprints").GetProperty("retailGuardSite/v1").GetString());
            Assert.Equal(3, results.Count(r => r.TryGetProperty("suppressions", out _)));
        }

        [Fact]
        public async Task ANewLeakyMethod_InCorrectCode_IsAnError()
        {
            var input = await _sample.InputAsync();
            var document = input.Solution.Projects.SelectMany(p => p.Documents).First(d => d.FilePath!.EndsWith("CorrectJobs.cs", StringComparison.Ordinal));
            string text = (await document.GetTextAsync()).ToString();
            text = text.Insert(text.LastIndexOf('}', text.LastIndexOf('}') - 1), LeakyMethod);
            var changed = new RetailGuard.Cli.Loading.LoadedInput(input.Path, input.Root, document.WithText(Microsoft.CodeAnalysis.Text.SourceText.From(text)).Project.Solution, input.Problems);
            var result = await AnalysisRun.RunAsync(changed, inventory: false, null, CancellationToken.None);
            var added = Assert.Single(result.Sites, s => s.Member.StartsWith("Sales.Jobs.CorrectJobs.", StringComparison.Ordinal) && s.Verdict == Verdict.Finding);
            Assert.Equal("Sales.Jobs.CorrectJobs.AllCustomerNames(JobContext)", added.Member);
            Assert.Equal(("RG1001", "error", "customers"), (added.Rule, added.Severity, added.Table));
            Assert.True(result.Fails(errorsOnly: true));
        }

        [Fact]
        public async Task AnApprovedFinding_IsASarifSuppressionWithTheApprovalsReason()
        {
            var input = await _sample.InputAsync();
            var solution = input.Solution;
            foreach (var project in solution.Projects)
            {
                foreach (var policy in project.AdditionalDocuments.Where(d => d.Name == "retailguard.json").ToList())
                {
                    string text = (await policy.GetTextAsync()).ToString();
                    text = text.Substring(0, text.LastIndexOf('}')).TrimEnd() + @",
  ""approvals"": [ { ""id"": ""APR-2026-099"", ""rules"": [""RG1001""], ""member"": ""Sales.Jobs.CorrectJobs.AllCustomerNames"",
                   ""table"": ""customers"", ""reason"": ""settlement run of the month"", ""approvedBy"": ""compliance"", ""expires"": ""2999-12-31"" } ]
}";
                    solution = solution.WithAdditionalDocumentText(policy.Id, Microsoft.CodeAnalysis.Text.SourceText.From(text));
                }
            }

            var document = solution.Projects.SelectMany(p => p.Documents).First(d => d.FilePath!.EndsWith("CorrectJobs.cs", StringComparison.Ordinal));
            string code = (await document.GetTextAsync()).ToString();
            code = code.Insert(code.LastIndexOf('}', code.LastIndexOf('}') - 1), LeakyMethod);
            var changed = new RetailGuard.Cli.Loading.LoadedInput(input.Path, input.Root, document.WithText(Microsoft.CodeAnalysis.Text.SourceText.From(code)).Project.Solution, input.Problems);
            var result = await AnalysisRun.RunAsync(changed, inventory: false, null, CancellationToken.None);
            var approved = Assert.Single(result.Sites, s => s.Verdict == Verdict.Approved);
            Assert.Equal("APR-2026-099", approved.How);

            using var sarif = JsonDocument.Parse(Sarif.Write(result, result.Sites.Where(s => s.IsFinding).ToList()));
            var suppression = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(r => r.TryGetProperty("suppressions", out _))
                .Select(r => r.GetProperty("suppressions")[0])
                .Single(x => x.GetProperty("kind").GetString() == "external");
            Assert.Equal("APR-2026-099: settlement run of the month (approved by compliance, expires 2999-12-31)", suppression.GetProperty("justification").GetString());
        }

        internal const string LeakyMethod = @"
        public static List<string> AllCustomerNames(JobContext ctx) => ctx.Db.Customers.Select(c => c.Name).ToList();
";
    }
}
