using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Scanned
{
    /// <summary>Applies every entity type configuration EF Core finds in this assembly.</summary>
    public class ScanningContext : DbContext
    {
        public ScanningContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Generator> Generators => Set<Generator>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScanningContext).Assembly);
    }

    public static class ScannedCustomers
    {
        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_scan_assemblies_for_entity_type_configurations and
        // Should_skip_abstract_classes_for_entity_type_configurations: the abstract, open generic and
        // constructor-parameter configurations below are skipped, the policy filter applies.
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(ScanningContext db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ScannedCustomersIgnoringFilters
    {
        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_scan_assemblies_for_entity_type_configurations, with
        // the filter the scan installs turned off.
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(ScanningContext db) => db.Customers.IgnoreQueryFilters().Select(c => c.Name).ToList();
    }

    public static class ScannedGenerators
    {
        // EF Core: ModelBuilder.ApplyConfigurationsFromAssembly applies configurations ordered by full name; the
        // later GeneratorTradingConfiguration (private parameterless constructor, so it is applied) replaces the
        // purchaser filter.
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(ScanningContext db) => db.Generators.Select(g => g.Name).ToList();
    }

    public static class ScannedGeneratorsFilteredInQuery
    {
        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_scan_assemblies_for_entity_type_configurations, with the
        // purchaser filter written in the query.
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(ScanningContext db) =>
            db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).Select(g => g.Name).ToList();
    }
}

namespace Sales.Shapes.Scanned.Configurations
{
    /// <summary>Own contracts only, last-resort supply excluded.</summary>
    public sealed class CustomerRetailerConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>Abstract: EF Core skips it.</summary>
    public abstract class CustomerWideOpenConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }

    /// <summary>No parameterless constructor: EF Core skips it (and logs that it did).</summary>
    public sealed class CustomerZoneConfiguration : IEntityTypeConfiguration<Customer>
    {
        private readonly int _area;

        public CustomerZoneConfiguration(int area) => _area = area;

        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.AreaId == _area || c.AreaId != _area);
    }

    /// <summary>An open generic type: EF Core skips it.</summary>
    public sealed class CustomerTaggedConfiguration<TTag> : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.UsageKwh >= 0);
    }

    /// <summary>The own purchaser's generators.</summary>
    public sealed class GeneratorPurchaserConfiguration : IEntityTypeConfiguration<Generator>
    {
        public void Configure(EntityTypeBuilder<Generator> builder) => builder.HasQueryFilter(g => g.PurchaserCode == RetailerCodes.Own);
    }

    /// <summary>Applied after the purchaser configuration (EF Core orders by full name) and replaces its filter.</summary>
    public sealed class GeneratorTradingConfiguration : IEntityTypeConfiguration<Generator>
    {
        private GeneratorTradingConfiguration()
        {
        }

        public void Configure(EntityTypeBuilder<Generator> builder) => builder.HasQueryFilter(g => g.Name != string.Empty);
    }
}
