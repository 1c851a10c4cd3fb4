using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.VerifyGovernance<RetailGuard.Governance.PolicyCoverageAnalyzer>;

namespace RetailGuard.Tests.Governance
{
    public class RG9010_PolicyCoverageGapTests
    {
        private const string Contracts = @"
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Sales.Domain;

namespace Sales.Billing
{
    public class Contract
    {
        public int Id { get; set; }
        public string RetailerCode { get; set; } = """";
        public List<MeterReading> Readings { get; set; } = new List<MeterReading>();
    }

    public class MeterReading
    {
        public int Id { get; set; }
        [Column(""retailer_code"")] public string Retailer { get; set; } = """";
    }

    [Table(""tariffs"")]
    public class Tariff
    {
        public int Id { get; set; }
        public string RetailerCode { get; set; } = """";
    }

    public class CorporateCustomer : Customer
    {
        public string Corporation { get; set; } = """";
    }

    public class BillingContext : DbContext
    {
        public DbSet<Contract> {|#0:Contracts|} => Set<Contract>();
        public DbSet<Tariff> {|#2:Tariffs|} => Set<Tariff>();
        public DbSet<CorporateCustomer> CorporateCustomers => Set<CorporateCustomer>();
        public DbSet<Invoice> Invoices => Set<Invoice>();
    }
}
";

        private static DiagnosticResult Gap(int location, string entity, string kind, string name) =>
            new DiagnosticResult("RG9010", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(entity, kind, name);

        [Fact]
        public Task EntitiesWithTheRetailerProperty_ThatThePolicyDoesNotName_AreReported() => V.Analyzer(
            Contracts.Replace("public List<MeterReading> Readings", "public List<MeterReading> {|#1:Readings|}"),
            TestDomain.Policy,
            Gap(0, "Sales.Billing.Contract", "property", "RetailerCode"),
            Gap(1, "Sales.Billing.MeterReading", "column", "retailer_code"),
            Gap(2, "Sales.Billing.Tariff", "property", "RetailerCode"));

        [Theory]
        [InlineData("using Col = System.ComponentModel.DataAnnotations.Schema.ColumnAttribute;", "[Col(\"retailer_code\")]")]
        [InlineData("", "[System.ComponentModel.DataAnnotations.Schema.Column(\"retailer_code\")]")]
        [InlineData("", "[System.ComponentModel.DataAnnotations.Schema.ColumnAttribute(\"retailer_code\")]")]
        [InlineData("", "[System.ComponentModel.DataAnnotations.Required, Col\\u0075mn(\"retailer_code\")]")]
        public Task TheRetailerColumn_NamedThroughAnAliasOrQualified_IsFound(string usings, string attribute) => V.Analyzer(
            usings + Contracts
                .Replace("[Column(\"retailer_code\")]", attribute)
                .Replace("public List<MeterReading> Readings", "public List<MeterReading> {|#1:Readings|}"),
            TestDomain.Policy,
            Gap(0, "Sales.Billing.Contract", "property", "RetailerCode"),
            Gap(1, "Sales.Billing.MeterReading", "column", "retailer_code"),
            Gap(2, "Sales.Billing.Tariff", "property", "RetailerCode"));

        [Fact]
        public Task AColumnAttributeOfAnotherName_IsNotTheRetailerColumn() => V.Analyzer(
            Contracts.Replace("[Column(\"retailer_code\")]", "[System.ComponentModel.DataAnnotations.Required]"),
            TestDomain.Policy,
            Gap(0, "Sales.Billing.Contract", "property", "RetailerCode"),
            Gap(2, "Sales.Billing.Tariff", "property", "RetailerCode"));

        [Fact]
        public Task EntitiesThePolicyListsAsFree_AreQuiet() => V.Analyzer(
            Contracts.Replace("{|#0:Contracts|}", "Contracts").Replace("{|#2:Tariffs|}", "Tariffs"),
            TestPolicies.With(@"  ""free"": [ ""tariffs"", { ""entity"": ""Sales.Billing.Contract"", ""reason"": ""contract headers hold no customer data"" },
            { ""table"": ""MeterReading"", ""$comment"": ""decided in review 2026-04"" } ]"));

        [Fact]
        public Task ProtectedAndRestrictedEntities_AndTheirSubtypes_AreQuiet() => V.Analyzer("class C { }", TestDomain.Policy);

        private const string Schema = "/0/schema.sql";

        private static Task Ddl(string sql, string policy, params DiagnosticResult[] expected) =>
            V.Analyzer("class C { }", policy, test => test.TestState.AdditionalFiles.Add((Schema, sql)), expected);

        [Fact]
        public Task DdlTableWithTheRetailerColumn_ThatThePolicyDoesNotName_IsReported()
        {
            const string sql = "CREATE TABLE customers (id INTEGER PRIMARY KEY, retailer_code TEXT NOT NULL);\n" +
                               "CREATE TABLE IF NOT EXISTS [sales].[contracts] (\n  id INTEGER,\n  [RETAILER_CODE] TEXT,\n  CONSTRAINT pk PRIMARY KEY (id)\n);\n" +
                               "CREATE TABLE invoices (id INTEGER, customer_id INTEGER);\n" +
                               "CREATE TABLE generators (id INTEGER, purchaser_code TEXT);\n";
            return Ddl(sql, TestDomain.Policy, VerifyGovernance<RetailGuard.Governance.PolicyCoverageAnalyzer>.At(new DiagnosticResult("RG9010", DiagnosticSeverity.Warning), Schema, sql, "[contracts]")
                .WithArguments("sales.contracts", "column", "RETAILER_CODE"));
        }

        [Fact]
        public Task DdlTableListedAsFree_IsQuiet() => Ddl("CREATE TABLE contracts (id INTEGER, retailer_code TEXT);",
            TestPolicies.With("  \"free\": [ { \"table\": \"dbo.contracts\", \"reason\": \"contract headers only\" } ]"));

        [Fact]
        public Task MisspeltPolicyTable_LeavesTheRealTableUncovered_AndIsReported()
        {
            const string sql = "CREATE TABLE customers (id INTEGER, retailer_code TEXT);";
            return Ddl(sql, TestDomain.Policy.Replace("\"table\": \"customers\"", "\"table\": \"custmers\""),
                VerifyGovernance<RetailGuard.Governance.PolicyCoverageAnalyzer>.At(new DiagnosticResult("RG9010", DiagnosticSeverity.Warning), Schema, sql, "customers").WithArguments("customers", "column", "retailer_code"));
        }
    }

    public class RG9011_LookalikeTableTests
    {
        private const string Usings = "using System.Collections.Generic;\nusing System.Data;\nusing Dapper;\nusing Sales.Domain;\n";

        [Fact]
        public Task SingularSpellingAndSeparators_AreReportedOnTheName() => VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + @"
class C
{
    IEnumerable<Customer> A(IDbConnection c) => c.Query<Customer>(""SELECT * FROM {|#0:customer|} WHERE id = 1"");
    IEnumerable<Customer> B(IDbConnection c) => c.Query<Customer>(""SELECT * FROM invoices i JOIN {|#1:[Custmers]|} x ON x.id = i.customer_id"");
    IEnumerable<Customer> D(IDbConnection c) => c.Query<Customer>(""SELECT * FROM invoices, {|#2:nw_e_forms|}"");
    int E(IDbConnection c) => c.Execute(""UPDATE {|#3:generator|} SET name = 'x' WHERE id = 1"");
}", TestDomain.Policy,
            Look(0, "customer", "customers", "singular or plural"),
            Look(1, "Custmers", "customers", "spelt differently"),
            Look(2, "nw_e_forms", "nw_eforms", "other separators"),
            Look(3, "generator", "generators", "singular or plural"));

        [Fact]
        public Task AnotherSchema_IsReported() => VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + @"
class C
{
    IEnumerable<Customer> A(IDbConnection c) => c.Query<Customer>(""SELECT * FROM dbo.{|#0:customers|}"");
    IEnumerable<Customer> B(IDbConnection c) => c.Query<Customer>(""SELECT * FROM sales.{|RG1001:customers|}"");
}", TestDomain.Policy.Replace("\"table\": \"customers\"", "\"table\": \"sales.customers\""),
            Look(0, "dbo.customers", "sales.customers", "another schema"));

        [Fact]
        public Task MisspeltPolicyTable_EveryReadOfTheRealTableIsReported() => VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + @"
class C
{
    IEnumerable<Customer> A(IDbConnection c) => c.Query<Customer>(""SELECT * FROM {|#0:customers|}"");
}", TestDomain.Policy.Replace("\"table\": \"customers\"", "\"table\": \"custmers\""),
            Look(0, "customers", "custmers", "spelt differently"));

        [Fact]
        public Task RealNamesViewsFreeTablesAndCommonTableExpressions_AreQuiet() => VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + @"
class C
{
    IEnumerable<Customer> A(IDbConnection c) => c.Query<Customer>(""SELECT * FROM own_customers"");
    IEnumerable<Customer> B(IDbConnection c) => c.Query<Customer>(""SELECT * FROM [CUSTOMERS] WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    IEnumerable<Customer> D(IDbConnection c) => c.Query<Customer>(""WITH customer AS (SELECT * FROM own_customers) SELECT * FROM customer"");
    IEnumerable<Customer> E(IDbConnection c) => c.Query<Customer>(""SELECT * FROM customer_notes n JOIN invoices i ON i.id = n.id"");
    IEnumerable<Customer> F(IDbConnection c) => c.Query<Customer>(""SELECT * FROM generator_types"");
    IEnumerable<string> G(IDbConnection c) => c.Query<string>(""SELECT 'from customer' FROM invoices -- from customer"");
}", TestPolicies.With("  \"free\": [ \"generator_types\" ]"));

        [Fact]
        public Task SqlFiles_AreCheckedToo()
        {
            const string sql = "SELECT name FROM customer;\nSELECT name FROM own_customers;\n";
            return VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer("class C { }", TestDomain.Policy,
                test => test.TestState.AdditionalFiles.Add(("/0/report.sql", sql)),
                VerifyGovernance<RetailGuard.Rules.SqlReadAnalyzer>.At(new DiagnosticResult("RG9011", DiagnosticSeverity.Warning), "/0/report.sql", sql, "customer")
                    .WithArguments("customer", "customers", "singular or plural"));
        }

        private static DiagnosticResult Look(int location, string read, string policyTable, string why) =>
            new DiagnosticResult("RG9011", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(read, policyTable, why);
    }
}
