using System.Collections.Generic;
using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Governance.TestPolicies;

namespace RetailGuard.Tests.Governance
{
    /// <summary>Approvals in the policy suppress the findings in their scope, and only those.</summary>
    public class ApprovalScopeTests
    {
        internal const string Jobs = @"
using System;
using System.Collections.Generic;
using System.Linq;
using CsvHelper;
using Sales.Data;
using Sales.Domain;

namespace Sales.Jobs
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class NwSettlementJobAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
    public sealed class AuthorizeAttribute : Attribute { public string Roles { get; set; } = """"; }
}

namespace Sales.Jobs.Settlement
{
    public class MonthlyClose
    {
        public List<Customer> Run(SalesContext db) => db.Customers.ToList();
        public List<Customer> Run(SalesContext db, int month) => db.Customers.ToList();
        public int Other(SalesContext db) => db.Customers.Count();
    }

    public class Transfer
    {
        public void Send(SalesContext db, CsvWriter csv) => csv.WriteRecords(new MonthlyClose().Run(db).Select(c => new { c.Name }));
    }
}

namespace Sales.Jobs.Settlement.Yearly
{
    public class YearlyClose
    {
        [NwSettlementJob]
        public int Run(SalesContext db) => db.Customers.Count();
    }
}

namespace Sales.Jobs.Admin
{
    [Authorize(Roles = ""NwAdmin"")]
    public class Console
    {
        public int Count(SalesContext db) => db.Customers.Count();
    }

    [Authorize(Roles = ""Sales"")]
    public class Screen
    {
        public int Count(SalesContext db) => db.Customers.Count();
    }
}
";

        /// <summary>Every finding of <see cref="Jobs"/> without approvals.</summary>
        private static readonly string[] Unapproved =
        {
            "RG1001 Console.Count", "RG1001 MonthlyClose.Other", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 Screen.Count",
            "RG1001 YearlyClose.Run", "RG2001 Transfer.Send",
        };

        internal static async Task<List<string>> Run(string policy, string source = Jobs) =>
            GovernedProject.Outcome(await new GovernedProject(policy).WithSource("Jobs/Jobs.cs", source).AnalyzeAsync());

        private static string[] Expect(string[] suppressed, params string[] extra)
        {
            var result = new List<string>();
            var left = new List<string>(suppressed);
            foreach (var u in Unapproved)
            {
                result.Add(left.Remove(u) ? u + " (suppressed)" : u);
            }

            result.AddRange(extra);
            result.Sort(System.StringComparer.Ordinal);
            return result.ToArray();
        }

        [Fact]
        public async Task WithoutApprovals_EveryFindingFails() => Assert.Equal(Expect(new string[0]), await Run(TestDomain.Policy));

        [Fact]
        public async Task Member_ByQualifiedName_CoversEveryOverload() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\""))));

        [Fact]
        public async Task Member_ByDocumentationId_CoversThatOverloadOnly() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"member\": \"M:Sales.Jobs.Settlement.MonthlyClose.Run(Sales.Data.SalesContext,System.Int32)\""))));

        [Fact]
        public async Task Type_CoversItsMembers() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Other" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"type\": \"Sales.Jobs.Settlement.MonthlyClose\""))));

        [Fact]
        public async Task Namespace_CoversItsTypesButNotTheNamespacesBelow() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Other" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"namespace\": \"Sales.Jobs.Settlement\""))));

        [Fact]
        public async Task NamespaceWithStar_AlsoCoversTheNamespacesBelow() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Other", "RG1001 YearlyClose.Run" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"namespace\": \"Sales.Jobs.Settlement.*\""))));

        [Fact]
        public async Task Attribute_CoversTheMembersThatCarryIt() => Assert.Equal(
            Expect(new[] { "RG1001 YearlyClose.Run" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"attribute\": \"Sales.Jobs.NwSettlementJob\""))));

        [Fact]
        public async Task AttributeWithArguments_CoversOnlyTypesWithThoseArguments() => Assert.Equal(
            Expect(new[] { "RG1001 Console.Count" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"attribute\": \"Sales.Jobs.AuthorizeAttribute\", \"attributeArguments\": { \"Roles\": \"NwAdmin\" }"))));

        [Fact]
        public async Task File_CoversEverythingInIt() => Assert.Equal(
            Expect(Unapproved, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\", \"RG2001\"", "\"file\": \"./Jobs/Jobs.cs\""))));

        [Fact]
        public async Task OtherRule_CoversNothing() => Assert.Equal(
            Expect(new string[0], "RG9005 retailguard.json"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1002\"", "\"type\": \"Sales.Jobs.Settlement.MonthlyClose\""))));

        [Fact]
        public async Task OtherTable_CoversNothing() => Assert.Equal(
            Expect(new string[0], "RG9005 retailguard.json"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"type\": \"Sales.Jobs.Settlement.MonthlyClose\"", table: "generators"))));

        [Fact]
        public async Task TableByEntityName_CoversTheSameTable() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Other" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-1", "\"RG1001\"", "\"type\": \"Sales.Jobs.Settlement.MonthlyClose\"", table: "Sales.Domain.Customer"))));

        [Fact]
        public async Task ApprovalOfTheRead_CoversTheExportOfItsRows() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run", "RG2001 Transfer.Send" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-2026-014", "\"RG1001\", \"RG2001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\""))));

        [Fact]
        public async Task ApprovalOfTheReadAlone_LeavesTheExportReported() => Assert.Equal(
            Expect(new[] { "RG1001 MonthlyClose.Run", "RG1001 MonthlyClose.Run" }, "RG9005 retailguard.json (suppressed)"),
            await Run(WithApprovals(Approval("APR-2026-014", "\"RG1001\"", "\"member\": \"Sales.Jobs.Settlement.MonthlyClose.Run\""))));

        [Fact]
        public async Task InvalidApproval_CoversNothing()
        {
            string missingReason = "{ \"id\": \"APR-1\", \"rules\": [\"RG1001\"], \"type\": \"Sales.Jobs.Settlement.MonthlyClose\", \"approvedBy\": \"compliance\", \"expires\": \"" + Future + "\" }";
            Assert.Equal(Expect(new string[0]), await Run(WithApprovals(missingReason)));
        }
    }
}
