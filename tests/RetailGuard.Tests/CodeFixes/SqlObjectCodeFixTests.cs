using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>A read inside a stored procedure is fixed in the procedure's definition: the call gets no fix, not even with a sanctioned view.</summary>
    public class SqlObjectCodeFixTests
    {
        [Fact]
        public async Task BulkCopyInsideAProcedure_GetsNoFixAtTheCall()
        {
            const string code = SqlObjectProject.Usings + @"
class Jobs
{
    void Run(IDbConnection conn) => conn.Execute(""{|#0:dbo.usp_dwh|}"", commandType: CommandType.StoredProcedure);
}";
            var test = new CSharpCodeFixTest<RetailGuard.Rules.SqlReadAnalyzer, RetailGuard.CodeFixes.BulkExtractionCodeFix, DefaultVerifier>
            {
                TestCode = code,
                FixedCode = code,
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
            };
            foreach (var state in new[] { test.TestState, test.FixedState })
            {
                state.Sources.Add(("Domain.cs", TestDomain.Source));
                state.AdditionalFiles.Add(("/0/retailguard.json", TestDomain.Policy));
                state.AdditionalFiles.Add(("/0/usp_dwh.sql", "CREATE PROCEDURE dbo.usp_dwh AS INSERT INTO dwh_extract (name) SELECT name FROM {|#1:customers|}"));
            }

            var expected = new DiagnosticResult("RG2002", DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1)
                .WithArguments("customers", "read without the retailer-contract filter, in 'dbo.usp_dwh' (usp_dwh.sql line 1)", "INSERT INTO dwh_extract");
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
            await test.RunAsync();
        }
    }
}
