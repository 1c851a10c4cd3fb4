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
        public Task NoPolicyFile_Warns() => V.Analyzer("class C { }", null, new DiagnosticResult("RG9001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));

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
        [Fact]
        public Task MissingRetailerPropertyAndSymbol_AreReported() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""symbols"": [""Sales.Domain.RetailerCodes.Mine""] },
  ""protectedTables"": [ { ""entity"": ""Sales.Domain.Customer"", ""retailerProperty"": ""RetailerKode"" } ]
}",
            new DiagnosticResult("RG9003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(V.PolicyPath, 2, 33, 2, 64).WithArguments("Mine", "Sales.Domain.RetailerCodes"),
            new DiagnosticResult("RG9003", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(V.PolicyPath, 3, 82, 3, 94).WithArguments("RetailerKode", "Sales.Domain.Customer"));

        [Fact]
        public Task EntityAbsentFromTheCompilation_IsNormal() => V.Analyzer("class C { }", @"{
  ""ownRetailer"": { ""codes"": [""R0001""], ""symbols"": [""Other.Codes.Own""] },
  ""protectedTables"": [ { ""entity"": ""Other.Customer"", ""retailerProperty"": ""RetailerKode"" } ]
}");
    }
}
