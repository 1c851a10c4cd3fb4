using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Linq
{
    /// <summary>
    /// The filters <see cref="GlobalQueryFilters.For"/> gives for an entity type of a context: what the read rules consume,
    /// looked at directly (derived types, shared-type entity types, the lambda, why a filter is not proven, bounds).
    /// </summary>
    public class ModelFilterTests
    {
        private static async Task<(Compilation Compilation, GlobalQueryFilters Filters)> ModelAsync(string source)
        {
            var references = await TestPackages.Net100WithEfCore10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var trees = new[] { CSharpSyntaxTree.ParseText(Snippets.Usings + source), CSharpSyntaxTree.ParseText(TestDomain.Source) };
            var compilation = CSharpCompilation.Create("Model", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            return (compilation, AnalysisContext.For(compilation, policy).QueryFilters);
        }

        private static ImmutableArray<GlobalFilter> For(Compilation compilation, GlobalQueryFilters filters, string context, string entity, string? shared = null) =>
            filters.For(compilation.GetTypeByMetadataName(context), compilation.GetTypeByMetadataName(entity)!, CancellationToken.None, shared);

        private const string Hierarchy = @"
class SpecialCustomer : Customer { }
class HierarchyContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SpecialCustomer> Specials => Set<SpecialCustomer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Snippets.Full + @");
}
class DerivedFilterContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SpecialCustomer> Specials => Set<SpecialCustomer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<SpecialCustomer>().HasQueryFilter(c => " + Snippets.Full + @");
}";

        [Fact]
        public async Task DerivedEntityType_GetsTheRootsFilter_WithItsLambda()
        {
            var (compilation, filters) = await ModelAsync(Hierarchy);
            var root = For(compilation, filters, "HierarchyContext", "Sales.Domain.Customer");
            var derived = For(compilation, filters, "HierarchyContext", "SpecialCustomer");
            Assert.Single(root);
            Assert.Same(root[0], Assert.Single(derived));
            Assert.NotNull(root[0].Lambda);
            Assert.Null(root[0].Why);
            Assert.IsType<AndPredicate>(root[0].Predicate);
        }

        [Fact]
        public async Task FilterOnADerivedEntityType_IsNotProven()
        {
            var (compilation, filters) = await ModelAsync(Hierarchy);
            var derived = Assert.Single(For(compilation, filters, "DerivedFilterContext", "SpecialCustomer"));
            Assert.Same(Predicate.Opaque, derived.Predicate);
            Assert.Contains("root entity type", derived.Why);
            Assert.Empty(For(compilation, filters, "DerivedFilterContext", "Sales.Domain.Customer"));
        }

        [Fact]
        public async Task SharedTypeEntityTypes_HaveTheirOwnFilters()
        {
            var (compilation, filters) = await ModelAsync(@"
class ArchiveContext : DbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.SharedTypeEntity<Customer>(""Current"", b => b.ToTable(""customers""));
        modelBuilder.SharedTypeEntity<Customer>(""Archived"", b => b.HasQueryFilter(c => " + Snippets.Full + @"));
    }
}
class Reads
{
    int Archived(ArchiveContext db) => db.Set<Customer>(""Archived"").Count();
}");
            Assert.Single(For(compilation, filters, "ArchiveContext", "Sales.Domain.Customer", "Archived"));
            Assert.Empty(For(compilation, filters, "ArchiveContext", "Sales.Domain.Customer", "Current"));
            Assert.Empty(For(compilation, filters, "ArchiveContext", "Sales.Domain.Customer"));
        }

        [Fact]
        public async Task FilterOnSomePathsOnly_SaysWhy()
        {
            var (compilation, filters) = await ModelAsync(@"
class SwitchContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (System.Environment.ProcessorCount > 1)
            modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Snippets.Full + @");
    }
}");
            var filter = Assert.Single(For(compilation, filters, "SwitchContext", "Sales.Domain.Customer"));
            Assert.Same(Predicate.Opaque, filter.Predicate);
            Assert.Equal("the query filter is registered on some paths of model building only", filter.Why);
        }

        [Fact]
        public async Task ModelTooLargeToFollow_IsNotProven()
        {
            var body = new StringBuilder();
            for (int i = 0; i < 3000; i++)
            {
                body.Append("        modelBuilder.Entity<Invoice>().ToTable(\"t\").HasKey(x => x.Id);\n");
            }

            var (compilation, filters) = await ModelAsync(@"
class LargeContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Snippets.Full + @");
" + body + @"
    }
}");
            var filter = Assert.Single(For(compilation, filters, "LargeContext", "Sales.Domain.Customer"));
            Assert.Same(Predicate.Opaque, filter.Predicate);
            Assert.Contains("too large", filter.Why);
        }

        [Fact]
        public async Task RecursiveHelpers_AreBoundedAndFailClosed()
        {
            var (compilation, filters) = await ModelAsync(@"
class RecursiveContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Snippets.Full + @");
        Configure(modelBuilder, 3);
    }

    private static void Configure(ModelBuilder modelBuilder, int depth)
    {
        if (depth > 0)
            Configure(modelBuilder, depth - 1);
    }
}");
            var filter = Assert.Single(For(compilation, filters, "RecursiveContext", "Sales.Domain.Customer"));
            Assert.Same(Predicate.Opaque, filter.Predicate);
            Assert.Contains("recursively", filter.Why);
        }

        [Fact]
        public async Task ConfigurationsOfAnotherAssembly_MakeOnlyTheirEntityTypesUnproven()
        {
            var references = await TestPackages.Net100WithEfCore10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var library = CSharpCompilation.Create(
                "Library",
                new[]
                {
                    CSharpSyntaxTree.ParseText(TestDomain.Source),
                    CSharpSyntaxTree.ParseText(Snippets.Usings + @"
namespace Library
{
    using Microsoft.EntityFrameworkCore.Metadata.Builders;

    public class CustomerConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }

    public class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
    {
        public void Configure(EntityTypeBuilder<Invoice> builder) => builder.HasQueryFilter(i => i.Amount > 0);
    }
}"),
                },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(library.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var compilation = CSharpCompilation.Create(
                "Model",
                new[] { CSharpSyntaxTree.ParseText(Snippets.Usings + @"
class ScanningContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Generator> Generators => Set<Generator>();
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Snippets.Full + @");
        modelBuilder.Entity<Generator>().HasQueryFilter(g => g.PurchaserCode == RetailerCodes.Own);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(Library.CustomerConfiguration).Assembly);
    }
}") },
                references.Add(library.ToMetadataReference()),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            var filters = AnalysisContext.For(compilation, policy).QueryFilters;

            var customer = Assert.Single(For(compilation, filters, "ScanningContext", "Sales.Domain.Customer"));
            Assert.Same(Predicate.Opaque, customer.Predicate);
            Assert.Contains("'CustomerConfiguration' of assembly 'Library'", customer.Why);
            var generator = Assert.Single(For(compilation, filters, "ScanningContext", "Sales.Domain.Generator"));
            Assert.Null(generator.Why);
            Assert.NotNull(generator.Lambda);
        }
    }
}
