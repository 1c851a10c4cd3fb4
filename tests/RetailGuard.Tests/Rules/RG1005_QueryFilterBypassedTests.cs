using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1005_QueryFilterBypassedTests
    {
        [Fact]
        public Task IgnoreQueryFilters_OnFilteredEntity_Fires() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_WithExplicitFilter_IsQuiet() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => db.Customers.IgnoreQueryFilters().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_WithoutGlobalFilter_IsAnUnfilteredRead() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.IgnoreQueryFilters().ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_OnUnprotectedEntity_IsQuiet() => V.Analyzer(Usings + @"
class Admin
{
    List<Invoice> All(SalesContext db) => db.Invoices.IgnoreQueryFilters().ToList();
}");
    }
}

namespace RetailGuard.Tests.Rules
{
    using Microsoft.CodeAnalysis.Testing;
    using RetailGuard.Tests.Infrastructure;

    /// <summary>EF Core 10 named query filters: ignoring only other filters keeps the retailer filter on.</summary>
    public class RG1005_NamedQueryFilterTests
    {
        public const string NamedContext = @"
class NamedContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Customer>().HasQueryFilter(""Retailer"", c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        b.Entity<Customer>().HasQueryFilter(""Arrears"", c => c.Arrears >= 0);
    }
}
";

        [Fact]
        public Task IgnoringOnlyOtherNamedFilters_IsQuiet() => Verify<RetailGuard.Rules.QueryReadAnalyzer>.Analyzer(Snippets.Usings + NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => db.Customers.IgnoreQueryFilters(new[] { ""Arrears"" }).ToList();
}", TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        [Fact]
        public Task IgnoringTheRetailerFilterByName_Fires() => Verify<RetailGuard.Rules.QueryReadAnalyzer>.Analyzer(Snippets.Usings + NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters(new[] { ""Retailer"" }).ToList();
    List<Customer> Everything(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().ToList();
}", TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);
    }
}
