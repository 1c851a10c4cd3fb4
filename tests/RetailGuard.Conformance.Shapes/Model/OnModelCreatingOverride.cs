using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    public static class DerivedContextWithoutOverride
    {
        public sealed class Context : FilteredContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query on a derived context that does not override OnModelCreating
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class GrandchildContextWithoutOverride
    {
        public class Middle : FilteredContext
        {
            public Middle(DbContextOptions options)
                : base(options)
            {
            }
        }

        public sealed class Context : Middle
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query two levels below the context that registers the filter
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class OverrideWithoutBaseCall
    {
        public sealed class Context : FilteredContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<SupplyArea>().ToTable("supply_areas");
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the most-derived override does not call base.OnModelCreating
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class OverrideCallingBase
    {
        public sealed class Context : FilteredContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                modelBuilder.Entity<SupplyArea>().ToTable("supply_areas");
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the override keeps the base filter through base.OnModelCreating
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class OverrideCallingBaseThenWeakening
    {
        public sealed class Context : FilteredContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source across base.OnModelCreating
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class OverrideStrengtheningBase
    {
        public class Weak : SalesContext
        {
            public Weak(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
        }

        public sealed class Context : Weak
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                base.OnModelCreating(modelBuilder);
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            }
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source; the derived override replaces a weak base filter
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NewMethodIsNotAnOverride
    {
        public class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected new void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; a method that hides OnModelCreating is never called by EF Core
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SiblingContextFilterDoesNotApply
    {
        public class Base : SalesContext
        {
            public Base(DbContextOptions options)
                : base(options)
            {
            }
        }

        public sealed class Filtered : Base
        {
            public Filtered(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        public sealed class Context : Base
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.MultiContext_query_filter_test: a sibling context's filter does not apply to this one
        [Shape(ShapeKind.OnModelCreatingOverride, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
