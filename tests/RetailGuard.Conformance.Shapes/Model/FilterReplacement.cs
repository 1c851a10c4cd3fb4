using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    public static class ChainedFiltersLaterWeak
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                    .HasQueryFilter(c => c.UsageKwh >= 0);
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source: a later unnamed filter replaces the earlier one
        [Shape(ShapeKind.FilterReplacement, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ChainedFiltersLaterStrong
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter(c => c.UsageKwh >= 0)
                    .HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source: the later filter is the policy's
        [Shape(ShapeKind.FilterReplacement, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SeparateCallsLaterWeak
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.Name != string.Empty);
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source, in two statements
        [Shape(ShapeKind.FilterReplacement, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SeparateCallsLaterStrong
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source, in two statements, the policy's last
        [Shape(ShapeKind.FilterReplacement, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NestedBuilderThenWeak
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>(b => b.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort));
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.Id > 0);
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source; the first call sits in a nested builder action
        [Shape(ShapeKind.FilterReplacement, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NestedBuilderLast
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.Id > 0);
                modelBuilder.Entity<Customer>(b =>
                {
                    b.ToTable("customers");
                    b.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                });
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source; the policy's filter comes last, in a nested builder action
        [Shape(ShapeKind.FilterReplacement, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class HelperCalledAfterReplaces
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                ApplyDefaults(modelBuilder);
            }

            private static void ApplyDefaults(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.SupplyPointId != string.Empty);
        }

        // EF Core: QueryFilterFuncletizationTestBase.Local_method_DbContext_field_is_parameterized (a filter set in a helper); the helper runs last
        [Shape(ShapeKind.FilterReplacement, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class HelperCalledBeforeIsReplaced
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                ApplyDefaults(modelBuilder);
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            }

            private static void ApplyDefaults(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.SupplyPointId != string.Empty);
        }

        // EF Core: QueryFilterFuncletizationTestBase.Local_method_DbContext_field_is_parameterized; the helper's filter is replaced by the policy's
        [Shape(ShapeKind.FilterReplacement, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
