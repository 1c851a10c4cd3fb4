using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Governance.TestPolicies;

namespace RetailGuard.Tests.Governance
{
    /// <summary>The governance keys of the policy as the schema check (RG9002) reads them.</summary>
    public class RG9002_GovernanceKeysTests
    {
        private static PolicyDocument Parse(string json) => PolicyDocument.Parse("retailguard.json", SourceText.From(json));

        private static string[] Errors(string json) => Parse(json).Errors.Select(e => e.Message).ToArray();

        [Fact]
        public void ReviewerNotes_AreAcceptedInEveryObject()
        {
            var doc = Parse(@"{
  ""$comment"": ""owned by compliance"",
  ""description"": [""decisions of the 2026-04 review"", ""see ticket 1234""],
  ""ownRetailer"": { ""codes"": [""R0001""], ""$comment"": ""the retail arm"" },
  ""protectedTables"": [ { ""table"": ""customers"", ""retailerColumn"": ""retailer_code"", ""description"": ""the shared ledger"",
      ""excluded"": [ { ""column"": ""contract_kind"", ""values"": [""LAST_RESORT""], ""$comment"": ""NW contracts"" } ] } ],
  ""restrictedTables"": [ { ""table"": ""nw_eforms"", ""$comment"": ""e-forms"" } ],
  ""free"": [ ""invoices"", { ""table"": ""tariffs"", ""reason"": ""no customer data"", ""description"": ""x"" }, { ""entity"": ""Sales.Domain.Tariff"" } ],
  ""allowLocalSuppressions"": false
}");
            Assert.Empty(doc.Errors);
            Assert.Equal(3, doc.FreeTables.Length);
            Assert.True(doc.IsFree("dbo.TARIFFS", null));
            Assert.True(doc.IsFree(null, "Sales.Domain.Tariff"));
            Assert.False(doc.IsFree("customers", "Sales.Domain.Customer"));
            Assert.False(doc.AllowLocalSuppressions);
        }

        [Fact]
        public void NotesOfTheWrongType_AndUnknownKeys_AreErrors() => Assert.Equal(
            new[] { "'$comment' must be a string or an array of strings, not a number", "'allowLocalSuppressions' must be true or false, not a string", "unknown property 'aproved' in the policy", "a 'free' entry needs 'table' or 'entity'" },
            Errors("{ \"ownRetailer\": { \"codes\": [\"R0001\"] }, \"$comment\": 3, \"allowLocalSuppressions\": \"yes\", \"aproved\": [], \"free\": [ { \"reason\": \"x\" } ] }"));

        [Fact]
        public void CompleteApproval_IsReadWithItsScope()
        {
            var doc = Parse(WithApprovals(Approval("APR-2026-014", "\"RG1001\", \"RG2001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\"", expires: "2027-03-31")));
            Assert.Empty(doc.Errors);
            var a = Assert.Single(doc.Approvals);
            Assert.True(a.IsValid);
            Assert.Equal(ApprovalScopeKind.Member, a.ScopeKind);
            Assert.Equal(new[] { "RG1001", "RG2001" }, a.Rules);
            Assert.Equal(new DateTime(2027, 3, 31), a.Expires);
            Assert.False(a.IsExpired(new DateTime(2027, 3, 31, 23, 59, 0)));
            Assert.True(a.IsExpired(new DateTime(2027, 4, 1)));
            Assert.Same(a, doc.FindApproval("APR-2026-014"));
        }

        [Theory]
        [InlineData("\"reason\"", "the approval 'APR-1' needs a 'reason'")]
        [InlineData("\"approvedBy\"", "the approval 'APR-1' needs 'approvedBy'")]
        [InlineData("\"expires\"", "the approval 'APR-1' needs 'expires' (YYYY-MM-DD): approvals do not last for ever")]
        public void ApprovalWithoutReasonApproverOrExpiry_IsInvalid(string key, string error)
        {
            string approval = Approval("APR-1", "\"RG1001\"", "\"type\": \"Sales.Jobs.Close\"");
            int start = approval.IndexOf(", " + key, StringComparison.Ordinal);
            int end = approval.IndexOf(", \"", start + 2, StringComparison.Ordinal);
            approval = approval.Substring(0, start) + (end < 0 ? " }" : approval.Substring(end));
            var doc = Parse(WithApprovals(approval));
            Assert.Equal(error, Assert.Single(doc.Errors).Message);
            Assert.False(Assert.Single(doc.Approvals).IsValid);
        }

        [Fact]
        public void MalformedApprovals_AreErrors() => Assert.Equal(
            new[]
            {
                "'RG9001' is not a rule an approval can cover; use the IDs of findings, RG1001–RG1007 and RG2001–RG2003",
                "an approval has one scope; 'namespace' comes after 'type'",
                "'expires' must be a date written YYYY-MM-DD, not '31/03/2027'",
                "'attributeArguments' goes with an 'attribute' scope",
                "the approval id 'APR-1' is used twice",
                "the approval 'APR-1' names the table 'custmers', which the policy neither protects nor restricts",
            },
            Errors(WithApprovals(
                Approval("APR-1", "\"RG1001\", \"RG9001\"", "\"type\": \"A.B\", \"namespace\": \"A\", \"attributeArguments\": { \"Roles\": \"x\" }", expires: "31/03/2027"),
                Approval("APR-1", "\"RG1001\"", "\"type\": \"A.B\"", table: "custmers"))));

        [Fact]
        public void ApprovalTable_MayNameTheEntity()
        {
            Assert.Empty(Errors(WithApprovals(Approval("APR-1", "\"RG1001\"", string.Empty, table: "Sales.Domain.Customer"))));
        }
    }

    public class PackageConfigurationTests
    {
        [Fact]
        public void TheGlobalConfig_MakesExactlyTheFindingsShippedAsErrorsErrors()
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "package", "RetailGuard.Analyzers.globalconfig"));
            Assert.Contains("is_global = true", lines);
            var configured = lines.Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)).ToArray();
            var expected = RetailGuard.Diagnostics.Descriptors.ShippedSeverities
                .Where(s => s.Value == Microsoft.CodeAnalysis.DiagnosticSeverity.Error &&
                            RetailGuard.Diagnostics.Descriptors.All.Single(d => d.Id == s.Key).DefaultSeverity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .Select(s => "dotnet_diagnostic." + s.Key + ".severity = error")
                .OrderBy(s => s, StringComparer.Ordinal);
            Assert.Equal(expected, configured.OrderBy(s => s, StringComparer.Ordinal));
        }

        [Fact]
        public void EveryFinding_CanBeSuppressedByApprovalsAndTheBaseline()
        {
            // Roslyn lets a DiagnosticSuppressor suppress a diagnostic only when its default severity is not Error.
            Assert.All(RetailGuard.Diagnostics.Descriptors.Findings, d => Assert.NotEqual(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.DefaultSeverity));
            var suppressor = new RetailGuard.Governance.GovernanceSuppressor();
            Assert.All(RetailGuard.Diagnostics.Descriptors.Findings, d => Assert.Equal(2, suppressor.SupportedSuppressions.Count(s => s.SuppressedDiagnosticId == d.Id)));
        }

        [Fact]
        public void TheSchema_KnowsTheGovernanceKeys()
        {
            string schema = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "package", "retailguard.schema.json"));
            foreach (var key in new[] { "\"$comment\"", "\"description\"", "\"free\"", "\"approvals\"", "\"allowLocalSuppressions\"", "\"approvedBy\"", "\"expires\"" })
            {
                Assert.Contains(key, schema);
            }
        }
    }
}

namespace RetailGuard.Tests.Governance
{
    using System.Threading.Tasks;
    using RetailGuard.Tests.Infrastructure;
    using Xunit;

    /// <summary>Governance never crashes: broken policies, baselines and SQL give diagnostics, not AD0001.</summary>
    public class GovernanceRobustnessTests
    {
        [Theory]
        [InlineData("", "", "")]
        [InlineData("{", "{", "CREATE TABLE (")]
        [InlineData("{ \"ownRetailer\": 1, \"approvals\": [ 1, { \"id\": 2, \"expires\": \"x\", \"member\": \"\" } ], \"free\": [ null ] }",
                    "{ \"version\": 1, \"findings\": [ { \"rule\": 1 } ] }",
                    "-- retailguard: approved\n-- retailguard: approved ,,, APR\nSELECT * FROM ((((((((customer")]
        [InlineData(null, "[]", "WITH x (a, b AS (SELECT 1) SELECT * FROM x, y, UPDATE FOR UPDATE KEY UPDATE")]
        public async Task BrokenInputs_GiveDiagnosticsNotCrashes(string? policy, string baseline, string sql)
        {
            // GovernedProject throws when an analyzer reports AD0001.
            await new GovernedProject(policy)
                .WithSource("A.cs", "#pragma warning disable\n[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(\"x\", \"RG\")]\nclass C { }")
                .WithBaseline(baseline)
                .WithFile("Sql/a.sql", sql + new string('(', 5000) + "\nCREATE TABLE t (" + string.Concat(System.Linq.Enumerable.Repeat("CREATE TABLE u (retailer_code ", 2000)))
                .AnalyzeAsync();
        }
    }
}
