using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    public static class ApplyConfigurationInstance
    {
        private sealed class OwnContractsConfiguration : IEntityTypeConfiguration<Customer>
        {
            public void Configure(EntityTypeBuilder<Customer> builder) =>
                builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new OwnContractsConfiguration());
        }

        // EF Core: IEntityTypeConfigurationTest.Configure_entity_not_already_in_model
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ApplyConfigurationInstanceWeak
    {
        private sealed class RetailerOnlyConfiguration : IEntityTypeConfiguration<Customer>
        {
            public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new RetailerOnlyConfiguration());
        }

        // EF Core: IEntityTypeConfigurationTest.Configure_entity_not_already_in_model, the configuration forgets the exclusion
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ConfigurationThenWeakerFilter
    {
        private sealed class OwnContractsConfiguration : IEntityTypeConfiguration<Customer>
        {
            public void Configure(EntityTypeBuilder<Customer> builder) =>
                builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.ApplyConfiguration(new OwnContractsConfiguration());
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.Id > 0);
            }
        }

        // EF Core: IEntityTypeConfigurationTest.Override_config_after_entity_type_configuration
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class GenericConfigurationSubstituted
    {
        private sealed class RetailerScopeConfiguration<TCustomer> : IEntityTypeConfiguration<TCustomer>
            where TCustomer : Customer
        {
            public void Configure(EntityTypeBuilder<TCustomer> builder) =>
                builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new RetailerScopeConfiguration<Customer>());
        }

        // EF Core: IEntityTypeConfigurationTest.Apply_multiple_entity_type_configurations, with a generic configuration closed over the customer
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class GenericConfigurationSubstitutedWeak
    {
        private sealed class KeyedConfiguration<TEntity> : IEntityTypeConfiguration<TEntity>
            where TEntity : Customer
        {
            public void Configure(EntityTypeBuilder<TEntity> builder) => builder.HasQueryFilter(c => c.Id > 0);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                modelBuilder.ApplyConfiguration(new KeyedConfiguration<Customer>());
            }
        }

        // EF Core: IEntityTypeConfigurationTest.Override_config_in_entity_type_configuration: the generic configuration replaces the filter
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}

namespace Sales.Shapes.Model.Configurations.Strict
{
    public sealed class StrictCustomerConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>An open generic type: skipped by the assembly scan.</summary>
    public sealed class TaggedCustomerConfiguration<TTag> : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.UsageKwh >= 0);
    }

    /// <summary>Abstract: skipped by the assembly scan.</summary>
    public abstract class WideOpenCustomerConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }

    /// <summary>No parameterless constructor: skipped by the assembly scan.</summary>
    public sealed class ZoneCustomerConfiguration : IEntityTypeConfiguration<Customer>
    {
        private readonly int _area;

        public ZoneCustomerConfiguration(int area) => _area = area;

        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.AreaId == _area || c.AreaId != _area);
    }

    public static class FromAssemblySkipsUnconstructibleConfigurations
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(Context).Assembly, t => t.Namespace == typeof(StrictCustomerConfiguration).Namespace);
        }

        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_skip_abstract_classes_for_entity_type_configurations and
        // Should_log_when_entity_type_configuration_has_no_parameterless_constructor; open generic types are not constructible either
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}

namespace Sales.Shapes.Model.Configurations.Layered
{
    public sealed class RetailerConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>Applied after <see cref="RetailerConfiguration"/> (the scan orders by full name): its filter replaces the policy's.</summary>
    public sealed class UsageConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.UsageKwh >= 0);
    }

    public static class FromAssemblyLaterConfigurationReplaces
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(Context).Assembly, t => t.Namespace == typeof(RetailerConfiguration).Namespace);
        }

        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_support_filtering_for_entity_type_configurations; both are selected, the later one wins
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FromAssemblyPredicateExcludesLaterConfiguration
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfigurationsFromAssembly(
                    typeof(Context).Assembly,
                    t => t.Namespace == typeof(RetailerConfiguration).Namespace && t != typeof(UsageConfiguration));
        }

        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_support_filtering_for_entity_type_configurations: the predicate leaves the weak one out
        [Shape(ShapeKind.ApplyConfiguration, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FromAssemblyPredicateByTypeName
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfigurationsFromAssembly(
                    typeof(Context).Assembly,
                    t => t.Namespace == typeof(RetailerConfiguration).Namespace && t.Name.StartsWith("Usage", StringComparison.Ordinal));
        }

        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_support_filtering_for_entity_type_configurations: the predicate selects the weak one only
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}

namespace Sales.Shapes.Model.Configurations.Hidden
{
    public sealed class PolicyConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>Only a private parameterless constructor, which the assembly scan uses: applied after <see cref="PolicyConfiguration"/>.</summary>
    public sealed class SettlementConfiguration : IEntityTypeConfiguration<Customer>
    {
        private SettlementConfiguration()
        {
        }

        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.RetailerCode != string.Empty);
    }

    public static class FromAssemblyAppliesPrivateConstructor
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.ApplyConfigurationsFromAssembly(typeof(Context).Assembly, t => t.Namespace == typeof(PolicyConfiguration).Namespace);
        }

        // EF Core: InMemoryModelBuilderAssemblyScanTest.Should_scan_assemblies_for_entity_type_configurations: a private parameterless constructor counts
        [Shape(ShapeKind.ApplyConfiguration, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
