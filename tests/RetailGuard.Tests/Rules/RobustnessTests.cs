using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Bad input gets a diagnostic or nothing, in bounded time, and never an AD0001 crash.</summary>
    public class RobustnessTests
    {
        [Fact]
        public Task CodeThatDoesNotCompile_NoCrash() => V.Analyzer(Usings + @"
class Broken
{
    List<Customer> A(SalesContext db) => {|RG1001:db.Customers|}.Where(c => c.Nope == ).ToList();
    List<Customer> B(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == ).ToList(
    void C( { {|RG1001:db.Customers|}.
}", TestDomain.Policy, CompilerDiagnostics.None);

        [Fact]
        public Task ThousandChainedOperators_AreJudgedInBoundedTime()
        {
            var chain = new StringBuilder("{|RG1001:db.Customers|}");
            for (int i = 0; i < 1000; i++)
            {
                chain.Append(".Where(c => c.Arrears > ").Append(i).Append(')');
            }

            return V.Analyzer(Usings + "class Deep { List<Customer> A(SalesContext db) => " + chain + ".ToList(); }");
        }

        [Fact]
        public Task ThousandTermDisjunction_IsBounded()
        {
            var terms = string.Join(" || ", Enumerable.Range(0, 1000).Select(i => $"c.Name == \"{i}\""));
            return V.Analyzer(Usings + "class Wide { List<Customer> A(SalesContext db) => {|RG1001:db.Customers|}.Where(c => " + terms + ").ToList(); }");
        }

        [Fact]
        public Task ManyReassignments_AreBounded()
        {
            var body = new StringBuilder("IQueryable<Customer> q = {|RG1001:db.Customers|};\n");
            for (int i = 0; i < 200; i++)
            {
                body.Append("if (i == ").Append(i).Append(") q = q.Where(c => c.Arrears > ").Append(i).Append(");\n");
            }

            return V.Analyzer(Usings + "class Many { List<Customer> A(SalesContext db, int i) { " + body + " return q.ToList(); } }");
        }

        [Fact]
        public Task RecursiveProducers_AreBounded() => V.Analyzer(Usings + @"
class Loop
{
    IQueryable<Customer> A(SalesContext db, int n) => n == 0 ? db.Customers : B(db, n - 1);
    IQueryable<Customer> B(SalesContext db, int n) => A(db, n).Where(c => c.Arrears > 0);
    List<Customer> Use(SalesContext db) => {|RG1001:A(db, 3)|}.ToList();
}");

        [Fact]
        public Task MalformedPolicy_QueryAnalyzerStaysSilent() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.ToList();
}", "{ not json");

        [Fact]
        public Task PolicyWithSchemaErrors_StillGuardsWhatItCanRead() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", TestDomain.Policy.Replace("\"restrictedTables\"", "\"unknownSection\": 1, \"restrictedTables\""));
    }
}

namespace RetailGuard.Tests.Rules
{
    using Microsoft.CodeAnalysis.CSharp.Testing;
    using Microsoft.CodeAnalysis.Diagnostics;
    using Microsoft.CodeAnalysis.Testing;
    using RetailGuard.Tests.Infrastructure;

    /// <summary>
    /// In the IDE a project reference is a compilation reference: its symbols have syntax in trees this compilation does
    /// not own. RetailGuard must treat them as another assembly (fail closed), and never crash on them.
    /// </summary>
    public class ProjectReferenceTests
    {
        private const string Repository = @"
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
using Sales.Domain;
namespace Sales.Repositories
{
    public static class Queries
    {
        public const string All = ""SELECT * FROM customers"";
        public static readonly string Own = ""SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"";
        public static string Build() => All;
    }

    public class CustomerRepository
    {
        public IQueryable<Customer> All(SalesContext db) => db.Customers;
        public IQueryable<Customer> Filter(IQueryable<Customer> q) => q.Where(c => c.RetailerCode == RetailerCodes.Own);
    }
}";

        private static async Task Run<TAnalyzer>(string body)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
            {
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
                TestCode = @"
using System.Data;
using System.IO;
using System.Linq;
using Dapper;
using Sales.Data;
using Sales.Repositories;

class Screen
{
    void Run(CustomerRepository repo, SalesContext db, IDbConnection conn, string path)
    {
" + body + @"
    }
}",
            };
            var core = test.TestState.AdditionalProjects["SalesCore"];
            core.Sources.Add(("Domain.cs", TestDomain.Source));
            core.Sources.Add(("Repository.cs", Repository));
            test.TestState.AdditionalProjectReferences.Add("SalesCore");
            test.TestState.AdditionalFiles.Add(("/0/retailguard.json", TestDomain.Policy));
            await test.RunAsync();
        }

        [Fact]
        public Task Linq_QueryPassedIntoAnotherAssembly_IsNotAssumedFiltered() =>
            Run<RetailGuard.Rules.QueryReadAnalyzer>("var rows = repo.Filter({|RG1001:db.Customers|}).ToList();");

        [Fact]
        public Task Sql_ConstantsAreReadButOtherAssemblyValuesAreUnverifiable() => Run<RetailGuard.Rules.SqlReadAnalyzer>(@"
        conn.Query({|RG1001:Queries.All|});
        conn.Query({|RG1007:Queries.Own|});
        conn.Query({|RG1007:Queries.Build()|});");

        [Fact]
        public Task Export_RowsFromAnotherAssembly_AreNotProvenFiltered() =>
            Run<RetailGuard.Rules.ExportAnalyzer>("{|RG2001:File.WriteAllLines(path, repo.All(db).Select(c => c.Name))|};");
    }
}
