using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Governance
{
    /// <summary>A misspelt or renamed type in the policy is reported, with the closest names that resolve; never silence.</summary>
    public class RG9009_PolicyMissingTypeTests
    {
        private const string Path = Verify<RetailGuard.Rules.PolicyAnalyzer>.PolicyPath;

        private static DiagnosticResult Missing(string policy, string written, string type, string suggestion = "") =>
            VerifyGovernance<RetailGuard.Rules.PolicyAnalyzer>.At(new DiagnosticResult("RG9009", DiagnosticSeverity.Warning), Path, policy, written).WithArguments(type, suggestion);

        private static Task Run(string policy, params DiagnosticResult[] expected) => VerifyGovernance<RetailGuard.Rules.PolicyAnalyzer>.Analyzer("class C { }", policy, expected);

        [Fact]
        public Task MisspeltEntity_SuggestsTheType()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.Customer\"", "\"Sales.Domain.Custmer\"");
            return Run(policy, Missing(policy, "Sales.Domain.Custmer", "Sales.Domain.Custmer", " (did you mean 'Sales.Domain.Customer'?)"));
        }

        [Fact]
        public Task RenamedEntity_IsReportedBecauseItsNamespaceExists()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.NwEForm\"", "\"Sales.Domain.TransmissionForm\"");
            return Run(policy, Missing(policy, "Sales.Domain.TransmissionForm", "Sales.Domain.TransmissionForm"));
        }

        [Fact]
        public Task EntityInAnotherNamespace_SuggestsWhereItMoved()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.Generator\"", "\"Sales.Model.Generator\"");
            return Run(policy, Missing(policy, "Sales.Model.Generator", "Sales.Model.Generator", " (did you mean 'Sales.Domain.Generator'?)"));
        }

        [Fact]
        public Task EntityOfAnotherDomain_IsReportedWhereTheCompilationHasADbContext()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.Generator\"", "\"Power.Purchase.Generator\"");
            return Run(policy, Missing(policy, "Power.Purchase.Generator", "Power.Purchase.Generator", " (did you mean 'Sales.Domain.Generator'?)"));
        }

        [Fact]
        public Task MisspeltTypeOfASymbol_IsReported_AndNoFixTextNamesIt()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.RetailerCodes.Own\", ", string.Empty).Replace("Sales.Domain.RetailerCodes.OwnReadonly", "Sales.Domain.RetailerCode.OwnReadonly");
            return Run(policy, Missing(policy, "Sales.Domain.RetailerCode.OwnReadonly", "Sales.Domain.RetailerCode", " (did you mean 'Sales.Domain.RetailerCodes'?)"));
        }

        [Fact]
        public Task SymbolWithoutAType_IsReported()
        {
            string policy = TestDomain.Policy.Replace("\"Sales.Domain.RetailerCodes.Own\", ", "\"Own\", ");
            return Run(policy, new DiagnosticResult("RG9009", DiagnosticSeverity.Warning).WithSpan(Path, 3, 53, 3, 56).WithArguments("Own", string.Empty));
        }

        [Fact]
        public Task ApprovalScopes_AreCheckedToo()
        {
            string policy = TestPolicies.WithApprovals(
                TestPolicies.Approval("APR-1", "\"RG1001\"", "\"type\": \"Sales.Data.SalesContxt\""),
                TestPolicies.Approval("APR-2", "\"RG1001\"", "\"attribute\": \"Sales.Data.NwSettlementJob\""),
                TestPolicies.Approval("APR-3", "\"RG1001\"", "\"member\": \"Sales.Data.CustomerScope.OwnContracts\""));
            return Run(
                policy,
                Missing(policy, "Sales.Data.SalesContxt", "Sales.Data.SalesContxt", " (did you mean 'Sales.Data.SalesContext'?)"),
                Missing(policy, "Sales.Data.NwSettlementJob", "Sales.Data.NwSettlementJob"),
                VerifyGovernance<RetailGuard.Rules.PolicyAnalyzer>.At(new DiagnosticResult("RG9003", DiagnosticSeverity.Warning), Path, policy, "Sales.Data.CustomerScope.OwnContracts")
                    .WithArguments("OwnContracts", "Sales.Data.CustomerScope", " (did you mean 'OwnContractsOnly'?)"));
        }

        [Fact]
        public Task MisspeltNamespaceOfAnApproval_AndMisspeltFreeEntity_AreReported()
        {
            string policy = TestPolicies.With(@"  ""free"": [ { ""entity"": ""Sales.Domain.Invoce"", ""reason"": ""no retailer data"" } ],
  ""approvals"": [ " + TestPolicies.Approval("APR-1", "\"RG1001\"", "\"namespace\": \"Sales.Dta.*\"") + " ]");
            return Run(
                policy,
                Missing(policy, "Sales.Domain.Invoce", "Sales.Domain.Invoce", " (did you mean 'Sales.Domain.Invoice'?)"),
                Missing(policy, "Sales.Dta.*", "Sales.Dta", " (did you mean 'Sales.Data'?)"));
        }

        [Fact]
        public Task DocumentationIdWithTheWrongParameters_ListsTheOverloadsThatExist()
        {
            string policy = TestPolicies.WithApprovals(TestPolicies.Approval("APR-1", "\"RG1001\"", "\"member\": \"M:Sales.Data.CustomerScope.OwnContractsOnly(System.Int32)\""));
            return Run(policy, VerifyGovernance<RetailGuard.Rules.PolicyAnalyzer>.At(new DiagnosticResult("RG9003", DiagnosticSeverity.Warning), Path, policy, "M:Sales.Data.CustomerScope.OwnContractsOnly(System.Int32)")
                .WithArguments("Sales.Data.CustomerScope.OwnContractsOnly(System.Int32)", "Sales.Data.CustomerScope", " (did you mean 'M:Sales.Data.CustomerScope.OwnContractsOnly(System.Linq.IQueryable{Sales.Domain.Customer})'?)"));
        }

        [Fact]
        public Task ResolvingPolicy_IsQuiet() => Run(TestPolicies.WithApprovals(
            TestPolicies.Approval("APR-1", "\"RG1001\"", "\"member\": \"M:Sales.Data.CustomerScope.OwnContractsOnly(System.Linq.IQueryable{Sales.Domain.Customer})\""),
            TestPolicies.Approval("APR-2", "\"RG1001\"", "\"type\": \"Sales.Data.SalesContext\""),
            TestPolicies.Approval("APR-3", "\"RG1001\"", "\"namespace\": \"Sales.Data\"")));

        [Fact]
        public Task MisspeltOwnSymbolType_TheReadStillFails_AndItsFixNamesOnlyWhatResolves() => Verify<RetailGuard.Rules.QueryReadAnalyzer>.Analyzer(@"
using System.Linq;
using Sales.Data;
class C { int Count(SalesContext db) => {|#0:db.Customers|}.Count(); }",
            TestDomain.Policy.Replace("\"Sales.Domain.RetailerCodes.Own\", \"Sales.Domain.RetailerCodes.OwnReadonly\"", "\"Sales.Domain.RetailerCode.Own\"")
                .Replace("\"symbols\": [\"Sales.Domain.ContractKinds.LastResort\"]", "\"symbols\": [\"Sales.Domain.ContractKind.LastResort\"]"),
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("customers", "'Where(c => c.RetailerCode == \"R0001\" && c.ContractKind != \"LAST_RESORT\")'"));

        [Fact]
        public Task MisspeltRetailerProperty_TheFixDoesNotNameIt() => Verify<RetailGuard.Rules.QueryReadAnalyzer>.Analyzer(@"
using System.Linq;
using Sales.Data;
class C { int Count(SalesContext db) => {|#0:db.Customers|}.Count(); }",
            TestDomain.Policy.Replace("\"retailerProperty\": \"RetailerCode\"", "\"retailerProperty\": \"RetailerKode\""),
            new DiagnosticResult("RG1001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("customers", "the retailer filter, once the policy names an existing property of 'Customer' (RG9003)"));
    }
}
