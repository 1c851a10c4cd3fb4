using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Diagnostics;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// RG0001, the inventory of compliant sites: reported only when turned on, once per compliant site, never where a finding
    /// is, with its table, technology, access and how it complies.
    /// </summary>
    public class RG0001_InventoryTests
    {
        private const string Usings = RG1001_SqlUnfilteredReadTests.Usings + "using System.Globalization;\nusing System.IO;\nusing CsvHelper;\n";

        private const string Full = Snippets.Full;

        [Fact]
        public async Task OffByDefault_NothingIsReported()
        {
            var diagnostics = await new GovernedProject(TestDomain.Policy)
                .WithSource("Jobs.cs", Usings + "class Jobs { List<Customer> Own(SalesContext db) => db.Customers.Where(c => " + Full + ").ToList(); }")
                .AnalyzeAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == RuleIds.CompliantSite);
            Assert.False(Descriptors.RG0001.IsEnabledByDefault);
        }

        [Fact]
        public async Task LinqReads_SayHowTheyComply()
        {
            var sites = await SitesAsync(TestDomain.PolicyWithSanctionedFilter, Usings + @"
class Jobs
{
    List<Customer> Explicit(SalesContext db) => db.Customers.Where(c => " + Full + @").ToList();
    List<Customer> Sanctioned(SalesContext db) => db.Customers.OwnContractsOnly().ToList();
    List<Customer> Global(FilteredContext db) => db.Customers.ToList();
    int Delete(SalesContext db) => db.Customers.Where(c => " + Full + @" && c.Arrears > 0).ExecuteDelete();
    List<Customer> Unfiltered(SalesContext db) => db.Customers.ToList();
}");
            Assert.Equal(
                new[]
                {
                    "Explicit customers EfCore Read ExplicitFilter",
                    "Sanctioned customers EfCore Read SanctionedFilter",
                    "Global customers EfCore Read GlobalQueryFilter FilteredContext",
                    "Delete customers EfCore Write ExplicitFilter",
                },
                sites.Where(s => s.Id == RuleIds.CompliantSite).Select(s => s.Text));
            Assert.Contains(sites, s => s.Id == RuleIds.UnfilteredRead && s.Text.StartsWith("Unfiltered", StringComparison.Ordinal));
            Assert.DoesNotContain(sites, s => s.Id == RuleIds.CompliantSite && s.Text.StartsWith("Unfiltered", StringComparison.Ordinal));
        }

        [Fact]
        public async Task SqlReads_SayTechnologyAccessAndHow()
        {
            string policy = SqlObjectProject.PolicyWith(@"  ""trustedParameters"": [""@retailer""]");
            var sites = await SitesAsync(policy, Usings + @"
class Jobs
{
    IEnumerable<string> Dapper(SqliteConnection c) => c.Query<string>(""SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    IEnumerable<string> View(SqliteConnection c) => c.Query<string>(""SELECT name FROM own_customers"");
    IEnumerable<string> Trusted(SqliteConnection c) => c.Query<string>(""SELECT name FROM customers WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT'"");
    int Update(SqliteConnection c) => c.Execute(""UPDATE customers SET name = 'x' WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    int Copy(SqliteConnection c) => c.Execute(""INSERT INTO dwh (name) SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    void Ado(SqliteCommand command) => command.CommandText = ""SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"";
    List<Customer> Raw(SalesContext db) => db.Customers.FromSqlRaw(""SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"").ToList();
    IEnumerable<string> Leaky(SqliteConnection c) => c.Query<string>(""SELECT name FROM customers"");
}");
            var compliant = sites.Where(s => s.Id == RuleIds.CompliantSite).Select(s => s.Text).ToList();
            Assert.Contains("Dapper customers Dapper Read ExplicitFilter", compliant);
            Assert.Contains("View customers Dapper Read SanctionedView own_customers", compliant);
            Assert.Contains("Trusted customers Dapper Read TrustedParameter @retailer", compliant);
            Assert.Contains("Update customers Dapper Write ExplicitFilter", compliant);
            Assert.Contains("Copy customers Dapper BulkCopy ExplicitFilter", compliant);
            Assert.Contains("Ado customers AdoNet Read ExplicitFilter", compliant);
            Assert.Contains("Raw customers EfRawSql Read ExplicitFilter", compliant);
            Assert.DoesNotContain(compliant, s => s.StartsWith("Leaky", StringComparison.Ordinal));
            Assert.Contains(sites, s => s.Id == RuleIds.UnfilteredRead && s.Text.StartsWith("Leaky", StringComparison.Ordinal));
        }

        [Fact]
        public async Task SqlObjectsAndSqlFiles_AreListed()
        {
            var sites = await SitesAsync(TestDomain.Policy, Usings + @"
class Jobs
{
    IEnumerable<string> Proc(SqliteConnection c) => c.Query<string>(""dbo.usp_own"", commandType: CommandType.StoredProcedure);
}",
                ("Sql/usp_own.sql", "CREATE PROCEDURE dbo.usp_own AS\nBEGIN\n    SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';\nEND\n"),
                ("Sql/report.sql", "SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';\nSELECT name FROM customers;\n"));
            var compliant = sites.Where(s => s.Id == RuleIds.CompliantSite).Select(s => s.Text).ToList();
            Assert.Contains("Proc customers Dapper Read ProvenDefinition 'dbo.usp_own'", compliant);
            Assert.Contains("report.sql:1 customers SqlFile Read ExplicitFilter", compliant);
            Assert.DoesNotContain("report.sql:2 customers SqlFile Read ExplicitFilter", compliant);
            Assert.Contains(sites, s => s.Id == RuleIds.UnfilteredRead && s.Text == "report.sql:2");
        }

        [Fact]
        public async Task Exports_OfGuardedRowsWithoutFinding_AreCompliant()
        {
            var sites = await SitesAsync(TestDomain.Policy, Usings + @"
class Jobs
{
    void Own(SalesContext db, CsvWriter csv) => csv.WriteRecords(db.Customers.Where(c => " + Full + @").ToList());
    void All(SalesContext db, CsvWriter csv) => csv.WriteRecords(db.Customers.ToList());
}");
            var compliant = sites.Where(s => s.Id == RuleIds.CompliantSite).Select(s => s.Text).ToList();
            Assert.Contains("Own customers  Export FilteredRows CsvWriter.WriteRecords", compliant);
            Assert.DoesNotContain(compliant, s => s.StartsWith("All customers  Export", StringComparison.Ordinal));
            Assert.Contains(sites, s => s.Id == RuleIds.UnfilteredExport && s.Text.StartsWith("All", StringComparison.Ordinal));
        }

        [Fact]
        public Task ProjectOption_TurnsItOn_AtTheCompliantSiteOnly()
        {
            var test = new CSharpAnalyzerTest<RetailGuard.Rules.QueryReadAnalyzer, DefaultVerifier>
            {
                TestCode = Snippets.Usings + @"
class Jobs
{
    List<Customer> Own(SalesContext db) => {|#0:db.Customers|}.Where(c => " + Full + @").ToList();
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}",
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
            };
            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            test.TestState.AdditionalFiles.Add(("/0/retailguard.json", TestDomain.Policy));

            // The test framework enables every supported rule at its default severity (hidden), which leaves the inventory off;
            // raised to suggestion, as the command-line tool does, it is on.
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = solution.GetProject(projectId)!.CompilationOptions!;
                return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(RuleIds.CompliantSite, ReportDiagnostic.Info)));
            });
            test.ExpectedDiagnostics.Add(new DiagnosticResult(RuleIds.CompliantSite, DiagnosticSeverity.Info).WithLocation(0));
            return test.RunAsync();
        }

        /// <summary>"Member table technology access compliance detail" per RG0001 site, and "Member" per finding; .sql sites as "file:line".</summary>
        private static async Task<List<(string Id, string Text)>> SitesAsync(string policy, string source, params (string Path, string Text)[] files)
        {
            var project = new GovernedProject(policy).WithSource("Jobs.cs", source);
            foreach (var file in files)
            {
                project.WithFile(file.Path, file.Text);
            }

            var compilation = await project.CompileAsync();
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                compilation.Options.SpecificDiagnosticOptions.SetItem(RuleIds.CompliantSite, ReportDiagnostic.Info)));
            var analyzers = typeof(RetailGuard.Rules.QueryReadAnalyzer).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
            var additional = new List<AdditionalText> { new InMemoryText(GovernedProject.PolicyPath, policy) };
            additional.AddRange(files.Select(f => (AdditionalText)new InMemoryText(GovernedProject.Folder + "/" + f.Path, f.Text)));
            var diagnostics = await compilation.WithAnalyzers(analyzers, new AnalyzerOptions(additional.ToImmutableArray())).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            var result = new List<(string, string)>();
            foreach (var d in diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
            {
                string where = d.Location.SourceTree is { } tree
                    ? (await tree.GetRootAsync()).FindToken(d.Location.SourceSpan.Start).Parent!.AncestorsAndSelf()
                        .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "?"
                    : System.IO.Path.GetFileName(d.Location.GetLineSpan().Path) + ":" + (d.Location.GetLineSpan().StartLinePosition.Line + 1);
                if (d.Id != RuleIds.CompliantSite)
                {
                    result.Add((d.Id, where));
                    continue;
                }

                Assert.Equal(DiagnosticSeverity.Info, d.Severity);
                Assert.False(string.IsNullOrEmpty(d.GetMessage()));
                string P(string key) => d.Properties.TryGetValue(key, out var v) ? v ?? string.Empty : string.Empty;
                result.Add((d.Id, string.Join(" ", where, P(DiagnosticProperties.Table), P(DiagnosticProperties.Technology), P(DiagnosticProperties.Access),
                    P(DiagnosticProperties.Compliance), P(DiagnosticProperties.Detail)).TrimEnd()));
            }

            return result;
        }
    }
}
