using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// IgnoreQueryFilters as EF Core applies it: to the whole query (dotnet/efcore#13668), and, in the EF Core 10 named form,
    /// to the names given in any collection of constant strings.
    /// </summary>
    public class RG1005_QueryWideBypassTests
    {
        private const string InvoiceFiltered = @"
class ArrearsContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        b.Entity<Invoice>().HasQueryFilter(i => i.Amount > 0);
    }
}
";

        [Fact]
        public Task BypassInASubquery_LiftsTheOuterFilter() => V.Analyzer(Usings + InvoiceFiltered + @"
class Screen
{
    object Voided(ArrearsContext db) =>
        {|RG1005:db.Customers|}.Select(c => new { c.Name, Count = db.Invoices.IgnoreQueryFilters().Count(i => i.CustomerId == c.Id) }).ToList();
}");

        [Fact]
        public Task SubqueryWithoutBypass_IsQuiet() => V.Analyzer(Usings + InvoiceFiltered + @"
class Screen
{
    object Open(ArrearsContext db) =>
        db.Customers.Select(c => new { c.Name, Count = db.Invoices.Count(i => i.CustomerId == c.Id) }).ToList();
}");

        [Fact]
        public Task BypassInAnInMemoryDelegate_IsAnotherQuery() => V.Analyzer(Usings + InvoiceFiltered + @"
class Screen
{
    object Open(ArrearsContext db) =>
        db.Customers.ToList().Select(c => new { c.Name, Count = db.Invoices.IgnoreQueryFilters().Count(i => i.CustomerId == c.Id) }).ToList();
}");

        [Fact]
        public Task BypassAfterInclude_LiftsTheIncludedFilter() => V.Analyzer(Usings + InvoiceFiltered + @"
class Screen
{
    List<Invoice> All(ArrearsContext db) => db.Invoices.Include(i => {|RG1005:i.Customer|}).IgnoreQueryFilters().ToList();
    List<Invoice> Kept(ArrearsContext db) => db.Invoices.Include(i => i.Customer).ToList();
}");

        private const string NamedContext = @"
class NamedContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Customer>().HasQueryFilter(""Retailer"", c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        b.Entity<Customer>().HasQueryFilter(""Archived"", c => c.Arrears >= 0);
    }
}
";

        [Fact]
        public Task NamesInEveryCollectionForm_AreRead() => V.Analyzer(Usings + NamedContext + @"
class Screen
{
    const string Archived = ""Archived"";
    List<Customer> Expression(NamedContext db) => db.Customers.IgnoreQueryFilters([""Archived""]).ToList();
    List<Customer> Array(NamedContext db) => db.Customers.IgnoreQueryFilters(new[] { Archived }).ToList();
    List<Customer> List(NamedContext db) => db.Customers.IgnoreQueryFilters(new List<string> { ""Archived"" }).ToList();
    List<Customer> Set(NamedContext db) => db.Customers.IgnoreQueryFilters(new HashSet<string> { nameof(Archived) }).ToList();
}", TestDomain.Policy, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        [Fact]
        public Task TheRetailerNameInACollectionExpression_Fires() => V.Analyzer(Usings + NamedContext + @"
class Screen
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters([""Retailer""]).ToList();
}", TestDomain.Policy, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        [Fact]
        public Task NamesThatAreNotConstant_IgnoreEveryFilter() => V.Analyzer(Usings + NamedContext + @"
class Screen
{
    List<Customer> All(NamedContext db, string[] names) => {|RG1005:db.Customers|}.IgnoreQueryFilters(names).ToList();
    List<Customer> Spread(NamedContext db, string[] names) => {|RG1005:db.Customers|}.IgnoreQueryFilters([.. names]).ToList();
}", TestDomain.Policy, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);
    }
}
