using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.PolicyAnalyzer>;

namespace RetailGuard.Tests.Policy
{
    /// <summary>The policy key <c>queryFilterMethods</c>: names that do not resolve, or are not methods, are reported as the other symbol keys are.</summary>
    public class RG9003_QueryFilterMethodsPolicyTests
    {
        private const string Scopes = @"
namespace Sales.Data
{
    using Microsoft.EntityFrameworkCore.Metadata.Builders;
    using Sales.Domain;

    public static class ModelScopes
    {
        public static EntityTypeBuilder<Customer> ApplyRetailerScope(this EntityTypeBuilder<Customer> builder) => builder;
        public const string Tenant = ""Tenant"";
    }
}";

        private static DiagnosticResult Stale(int line, int column, int endColumn, string member, string type, string suggestion = "") =>
            new DiagnosticResult("RG9003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(V.PolicyPath, line, column, line, endColumn).WithArguments(member, type, suggestion);

        private static DiagnosticResult Invalid(int line, int column) =>
            new DiagnosticResult("RG9002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(V.PolicyPath, line, column, line, column + 1);

        [Fact]
        public Task ResolvingNames_InBothForms_AreQuiet() => V.Analyzer(Scopes, @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""queryFilterMethods"": [""Sales.Data.ModelScopes.ApplyRetailerScope"", { ""method"": ""Sales.Data.ModelScopes.ApplyRetailerScope"", ""filterKey"": ""Retailer"" }]
}");

        [Fact]
        public Task MisspeltMethod_IsReportedWithTheClosestName() => V.Analyzer(Scopes, @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""queryFilterMethods"": [""Sales.Data.ModelScopes.ApplyRetailScope""]
}",
            Stale(3, 27, 66, "ApplyRetailScope", "Sales.Data.ModelScopes", " (did you mean 'ApplyRetailerScope'?)"));

        [Fact]
        public Task MemberThatIsNotAMethod_IsReported() => V.Analyzer(Scopes, @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""queryFilterMethods"": [{ ""method"": ""Sales.Data.ModelScopes.Tenant"" }]
}",
            Stale(3, 39, 68, "Tenant", "Sales.Data.ModelScopes",
                " as a query filter method, because it is not a method (name the model-building method that installs the filter)"));

        [Fact]
        public Task EntryWithoutMethod_IsInvalid() => V.Analyzer(Scopes, @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""queryFilterMethods"": [{ ""filterKey"": ""Retailer"" }]
}",
            Invalid(3, 26));

        [Fact]
        public Task UnknownPropertyOfAnEntry_IsInvalid() => V.Analyzer(Scopes, @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""queryFilterMethods"": [{ ""method"": ""Sales.Data.ModelScopes.ApplyRetailerScope"", ""key"": ""Retailer"" }]
}",
            new DiagnosticResult("RG9002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(V.PolicyPath, 3, 83, 3, 88));
    }
}
