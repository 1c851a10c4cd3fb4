using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Governance.TestPolicies;
using V = RetailGuard.Tests.Infrastructure.VerifyGovernance<RetailGuard.Governance.GovernanceAnalyzer>;

namespace RetailGuard.Tests.Governance
{
    public class RG9004_ApprovalExpiredTests
    {
        private static readonly string Expired = WithApprovals(Approval("APR-2020-001", "\"RG1001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\"", expires: Past));

        [Fact]
        public Task ExpiredApproval_IsAnErrorAtItsDate() => V.Analyzer("class C { }", Expired,
            V.At(new DiagnosticResult("RG9004", DiagnosticSeverity.Error), Verify<RetailGuard.Governance.GovernanceAnalyzer>.PolicyPath, Expired, "\"" + Past + "\"")
                .WithArguments("APR-2020-001", Past));

        [Fact]
        public Task ApprovalValidThroughItsDate_IsQuiet() => V.Analyzer("class C { }",
            WithApprovals(Approval("APR-2026-014", "\"RG1001\"", "\"member\": \"Other.Jobs.Close.Run\"")));

        [Fact]
        public async Task ExpiredApproval_NoLongerCoversItsFindings() => Assert.Equal(
            new[] { "RG1001 Console.Count", "RG1001 MonthlyClose.Other", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 Screen.Count", "RG1001 YearlyClose.Run", "RG2001 Transfer.Send", "RG9004 retailguard.json" },
            await ApprovalScopeTests.Run(Expired));
    }

    public class RG9005_ApprovalUnusedTests
    {
        private const string Fixed = @"
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
using Sales.Domain;

namespace Sales.Jobs.Settlement
{
    [System.Obsolete]
    public class MonthlyClose
    {
        public List<Customer> Run(SalesContext db) => db.Customers.OwnContractsOnly().ToList();
    }
}
";

        private static async Task<System.Collections.Generic.List<string>> Run(string approval) =>
            GovernedProject.Outcome(await new GovernedProject(WithApprovals(approval)).WithSource("Jobs.cs", Fixed).AnalyzeAsync());

        [Fact]
        public async Task ApprovalOfCodeThatWasFixed_IsReported() =>
            Assert.Equal(new[] { "RG9005 retailguard.json" }, await Run(Approval("APR-1", "\"RG1001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\"")));

        [Fact]
        public async Task ApprovalOfANamespaceWithoutFindings_IsReported() =>
            Assert.Equal(new[] { "RG9005 retailguard.json" }, await Run(Approval("APR-1", "\"RG1001\"", "\"namespace\": \"Sales.Jobs.*\"")));

        [Fact]
        public async Task ApprovalOfAnAttributeCarriedWithoutFindings_IsReported() =>
            Assert.Equal(new[] { "RG9005 retailguard.json" }, await Run(Approval("APR-1", "\"RG1001\"", "\"attribute\": \"System.ObsoleteAttribute\"")));

        [Fact]
        public async Task ApprovalOfAnotherProjectsCode_IsQuietHere() =>
            Assert.Empty(await Run(Approval("APR-1", "\"RG1001\"", "\"member\": \"Billing.Jobs.Close.Run\"")));

        [Fact]
        public async Task ApprovalOfAnAttributeNobodyCarriesHere_IsQuietHere() =>
            Assert.Empty(await Run(Approval("APR-1", "\"RG1001\"", "\"attribute\": \"System.FlagsAttribute\"")));

        [Fact]
        public async Task ApprovalNamedByNoSqlFileHere_IsQuietHere() =>
            Assert.Empty(await Run(Approval("APR-1", "\"RG2002\"", string.Empty)));

        [Fact]
        public Task ApprovalOfAnotherProjectsCode_HasNoDiagnosticAtAll() => V.Analyzer("class C { }",
            WithApprovals(Approval("APR-1", "\"RG1001\"", "\"type\": \"Billing.Jobs.Close\"")));
    }

    public class RG9013_UnknownApprovalTests
    {
        private const string Extract = @"-- Settlement with the transmission company: every contract of the month.
-- retailguard: approved {0}
INSERT INTO nw_settlement (name, contract_kind)
SELECT name, contract_kind FROM customers;
";

        private static async Task<System.Collections.Generic.List<string>> Run(string policy, string id) =>
            GovernedProject.Outcome(await new GovernedProject(policy).WithSource("C.cs", "class C { }").WithFile("Sql/close.sql", string.Format(Extract, id)).AnalyzeAsync());

        [Fact]
        public async Task ApprovalNamedByTheFile_CoversItsFindings() => Assert.Equal(
            new[] { "RG2002 close.sql:4 (suppressed)", "RG9005 retailguard.json (suppressed)" },
            await Run(WithApprovals(Approval("APR-2026-020", "\"RG2002\"", string.Empty)), "APR-2026-020"));

        [Fact]
        public async Task ApprovalScopedToTheFileByPath_CoversItWithoutAComment() => Assert.Equal(
            new[] { "RG2002 close.sql:4 (suppressed)", "RG9005 retailguard.json (suppressed)" },
            await Run(WithApprovals(Approval("APR-2026-020", "\"RG2002\"", "\"file\": \"Sql/close.sql\"")), string.Empty));

        [Fact]
        public async Task UnknownApproval_IsReported_AndCoversNothing() => Assert.Equal(
            new[] { "RG2002 close.sql:4", "RG9013 close.sql:2" },
            await Run(TestDomain.Policy, "APR-2026-999"));

        [Fact]
        public async Task ExpiredApproval_IsReported_AndCoversNothing() => Assert.Equal(
            new[] { "RG2002 close.sql:4", "RG9004 retailguard.json", "RG9013 close.sql:2" },
            await Run(WithApprovals(Approval("APR-2020-001", "\"RG2002\"", string.Empty, expires: Past)), "APR-2020-001"));

        [Fact]
        public async Task ApprovalScopedToOtherCode_IsReported_AndCoversNothing() => Assert.Equal(
            new[] { "RG2002 close.sql:4", "RG9013 close.sql:2" },
            await Run(WithApprovals(Approval("APR-1", "\"RG2002\"", "\"member\": \"Billing.Jobs.Close.Run\"")), "APR-1"));

        [Fact]
        public async Task ApprovalOfAnotherRule_IsQuietButCoversNothing() => Assert.Equal(
            new[] { "RG2002 close.sql:4", "RG9005 retailguard.json" },
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", string.Empty)), "APR-1"));

        [Fact]
        public Task UnknownApproval_IsReportedAtItsId()
        {
            string sql = string.Format(Extract, "APR-2026-999");
            return V.Analyzer("class C { }", TestDomain.Policy,
                test => test.TestState.AdditionalFiles.Add(("/0/close.sql", sql)),
                V.At(new DiagnosticResult("RG9013", DiagnosticSeverity.Warning), "/0/close.sql", sql, "APR-2026-999")
                    .WithArguments("close.sql", "APR-2026-999", "retailguard.json does not list"));
        }
    }
}
