using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.PolicyAnalyzer>;

namespace RetailGuard.Tests.Policy
{
    public class RG9001_PolicyMissingTests
    {
        [Fact]
        public Task NoPolicyFile_IsAnError() => V.Analyzer("class C { }", null, new DiagnosticResult("RG9001", Microsoft.CodeAnalysis.DiagnosticSeverity.Error));

        [Fact]
        public Task ValidPolicy_IsQuiet() => V.Analyzer("class C { }", TestDomain.Policy);
    }

    public class RG9002_PolicyInvalidTests
    {
        private const string Path = V.PolicyPath;

        private static DiagnosticResult At(int line, int column) => new DiagnosticResult("RG9002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(Path, line, column, line, column + 1);

        [Fact]
        public Task NotJson_ReportsLineAndColumn() => V.Analyzer("class C { }", "{\n  \"ownRetailer\": { \"codes\": [\"R0001\"] },\n  \"protectedTables\": [ oops ]\n}", At(3, 24));

        [Fact]
        public Task MissingComma_ReportsLineAndColumn() => V.Analyzer("class C { }", "{\n  \"ownRetailer\": { \"codes\": [\"R0001\"] }\n  \"protectedTables\": []\n}", At(3, 3));

        [Fact]
        public Task Truncated_ReportsAtTheEnd() => V.Analyzer("class C { }", "{ \"ownRetailer\": { \"codes\": [\"R0001\"] }",
            new DiagnosticResult("RG9002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(Path, 1, 40, 1, 40));

        [Fact]
        public Task UnknownProperty_IsReportedAtItsName() => V.Analyzer("class C { }", "{\n  \"ownRetailer\": { \"codes\": [\"R0001\"] },\n  \"protectedTabels\": []\n}",
            new DiagnosticResult("RG9002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(Path, 3, 3, 3, 20));

        [Fact]
        public Task WrongType_IsReported() => V.Analyzer("class C { }", "{\n  \"ownRetailer\": { \"codes\": \"R0001\" }\n}", At(2, 18), At(2, 29));

        [Fact]
        public Task MissingOwnRetailer_IsReported() => V.Analyzer("class C { }", "{ \"protectedTables\": [] }", At(1, 1));

        [Fact]
        public Task ProtectedTableWithoutRetailerProperty_IsReported() => V.Analyzer("class C { }",
            "{ \"ownRetailer\": { \"codes\": [\"R0001\"] },\n  \"protectedTables\": [ { \"entity\": \"Sales.Domain.Customer\" } ] }", At(2, 24));

        [Fact]
        public Task UnknownDialect_IsReported() => V.Analyzer("class C { }", "{ \"ownRetailer\": { \"codes\": [\"R0001\"] }, \"sqlDialect\": \"cobol\" }", At(1, 56));
    }

    public class RG9003_PolicyStaleReferenceTests
    {
        private static DiagnosticResult Stale(int line, int column, int endColumn, string member, string type, string suggestion = "") =>
            new DiagnosticResult("RG9003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(V.PolicyPath, line, column, line, endColumn).WithArguments(member, type, suggestion);

        [Fact]
        public Task MissingRetailerPropertyAndSymbol_AreReportedWithTheClosestNames() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""symbols"": [""Sales.Domain.RetailerCodes.Mine""] },
  ""protectedTables"": [ { ""entity"": ""Sales.Domain.Customer"", ""retailerProperty"": ""RetailerKode"" } ]
}",
            Stale(2, 33, 64, "Mine", "Sales.Domain.RetailerCodes"),
            Stale(3, 82, 94, "RetailerKode", "Sales.Domain.Customer", " (did you mean 'RetailerCode'?)"));

        [Fact]
        public Task ShadowRetailerProperty_IsNotLookedForOnTheEntityClass() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""protectedTables"": [ { ""entity"": ""Sales.Domain.Customer"", ""retailerProperty"": ""TenantCode"", ""shadowProperties"": [""TenantCode""] } ]
}");

        [Fact]
        public Task MisspeltConstant_SuggestsOnlyNamesThatResolve() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""symbols"": [""Sales.Domain.RetailerCodes.Onw""] }
}",
            Stale(2, 33, 63, "Onw", "Sales.Domain.RetailerCodes", " (did you mean 'Own'?)"));

        [Fact]
        public Task ExclusionPropertyAndSymbol_AreChecked() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""protectedTables"": [ { ""entity"": ""Sales.Domain.Customer"", ""retailerProperty"": ""RetailerCode"",
    ""excluded"": [ { ""property"": ""ContractKnd"", ""symbols"": [""Sales.Domain.ContractKinds.LastResrt""] } ] } ]
}",
            Stale(4, 34, 45, "ContractKnd", "Sales.Domain.Customer", " (did you mean 'ContractKind'?)"),
            Stale(4, 61, 97, "LastResrt", "Sales.Domain.ContractKinds", " (did you mean 'LastResort'?)"));

        [Fact]
        public Task SanctionedFilterAndExportSink_AreChecked() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""codes"": [""R0001""] },
  ""sanctionedFilters"": [""Sales.Data.CustomerScope.OwnContractOnly""],
  ""exportSinks"": [""Sales.Data.CustomerScope.Deliver""]
}",
            Stale(3, 26, 66, "OwnContractOnly", "Sales.Data.CustomerScope", " (did you mean 'OwnContractsOnly'?)"),
            Stale(4, 20, 52, "Deliver", "Sales.Data.CustomerScope"));

        [Fact]
        public Task ResolvingNames_AreQuiet() => V.Analyzer("class C { }", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task EntityAbsentFromACompilationWithoutDataAccess_IsNormal()
        {
            // Another project of the solution shares the policy: no DbContext, no namespace or type close to the names.
            var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<RetailGuard.Rules.PolicyAnalyzer, DefaultVerifier>
            {
                TestCode = "namespace Tools { class Clock { } }",
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            };
            test.TestState.AdditionalFiles.Add((V.PolicyPath, @"{
  ""ownRetailer"": { ""codes"": [""R0001""], ""symbols"": [""Other.Codes.Own""] },
  ""protectedTables"": [ { ""entity"": ""Other.Customer"", ""retailerProperty"": ""RetailerKode"" } ]
}"));
            return test.RunAsync();
        }

        private const string Service = @"
namespace Sales.Services
{
    public interface ICurrentRetailer
    {
        string Code { get; }
        string Lookup(string key);
        void Refresh();
        event System.EventHandler Changed;
        string this[int i] { get; }
        T Typed<T>();
    }

    public class Settings
    {
        public string Code(string key) => key;
        public string Code() => """";
    }
}";

        [Fact]
        public Task OwnSymbols_ThatAreNotValues_AreReportedWithWhatTheyAre() => V.Analyzer(Service, @"{
  ""ownRetailer"": { ""symbols"": [""Sales.Services.ICurrentRetailer.Lookup"", ""Sales.Services.ICurrentRetailer.Refresh"", ""Sales.Services.ICurrentRetailer.Changed"",
    ""Sales.Services.ICurrentRetailer.Typed"", ""Sales.Services.ICurrentRetailer.Code"", ""Sales.Services.Settings.Code""] }
}",
            Stale(2, 33, 71, "Lookup", "Sales.Services.ICurrentRetailer", " as a value, because it is a method that takes arguments (name a property or a method without parameters)"),
            Stale(2, 75, 114, "Refresh", "Sales.Services.ICurrentRetailer", " as a value, because it is a method that returns nothing"),
            Stale(2, 118, 157, "Changed", "Sales.Services.ICurrentRetailer", " as a value, because it is an event"),
            Stale(3, 6, 43, "Typed", "Sales.Services.ICurrentRetailer", " as a value, because it is a generic method"));

        [Fact]
        public Task OwnSymbol_NamingAType_IsReported() => V.Analyzer("namespace Sales.Domain { public static class Codes { public static class Nested { } } }", @"{
  ""ownRetailer"": { ""symbols"": [""Sales.Domain.Codes.Nested""] }
}",
            Stale(2, 33, 58, "Nested", "Sales.Domain.Codes", " as a value, because it is a type (name one of its members)"));
    }
}
