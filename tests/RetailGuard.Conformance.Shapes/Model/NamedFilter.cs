using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    /// <summary>EF Core 10 named query filters: the policy met by two of them together; a third one has nothing to do with it.</summary>
    public class NamedFiltersContext : SalesContext
    {
        public const string Retailer = "Retailer";

        public const string LastResort = "LastResort";

        public const string Active = "Active";

        public NamedFiltersContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Customer>()
                .HasQueryFilter(Retailer, c => c.RetailerCode == RetailerCodes.Own)
                .HasQueryFilter(LastResort, c => c.ContractKind != ContractKinds.LastResort)
                .HasQueryFilter(Active, c => c.UsageKwh >= 0);
    }

    public static class NamedFilterShapes
    {
        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters: every named filter applies
        [Shape(ShapeKind.NamedFilter, Truth.Safe)]
        public static List<string> NamedFiltersTogetherMeetPolicy(NamedFiltersContext db) => db.Customers.Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, ignoring the last-resort exclusion
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static List<string> IgnoreTheExclusionFilter(NamedFiltersContext db) =>
            db.Customers.IgnoreQueryFilters(new[] { NamedFiltersContext.LastResort }).Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, ignoring only a filter the policy does not need
        [Shape(ShapeKind.NamedFilter, Truth.Safe)]
        public static List<string> IgnoreAnUnrelatedFilter(NamedFiltersContext db) =>
            db.Customers.IgnoreQueryFilters(new[] { NamedFiltersContext.Active }).Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, the names in a list
        [Shape(ShapeKind.NamedFilter, Truth.Safe)]
        public static int IgnoreAnUnrelatedFilterByList(NamedFiltersContext db) =>
            db.Customers.IgnoreQueryFilters(new List<string> { "Active" }).Count();

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_all
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static int IgnoreAllNamedFilters(NamedFiltersContext db) => db.Customers.IgnoreQueryFilters().Count();
    }

    public static class NamedFilterOverwritten
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter("Scope", c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                    .HasQueryFilter("Scope", c => c.UsageKwh > 0);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_overwriting
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NamedFilterOverwrittenByPolicy
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter("Scope", c => c.UsageKwh > 0)
                    .HasQueryFilter("Scope", c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_overwriting, the policy's filter written last
        [Shape(ShapeKind.NamedFilter, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NamedFilterRemoved
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter("Scope", c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                    .HasQueryFilter("Scope", null);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_removing
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NamedFilterRemovedByNameofKey
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter(nameof(Customer.RetailerCode), c => c.RetailerCode == RetailerCodes.Own)
                    .HasQueryFilter(nameof(Customer.ContractKind), c => c.ContractKind != ContractKinds.LastResort);
                modelBuilder.Entity<Customer>().HasQueryFilter("ContractKind", null);
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_removing: the key written with nameof, removed by its text
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class NamedFilterKeysFromStaticReadonly
    {
        private static readonly string RetailerKey = "Retailer";
        private static readonly string ExclusionKey = "Exclusion";
        private static readonly string UsageKey = "Usage";

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter(RetailerKey, c => c.RetailerCode == RetailerCodes.Own)
                    .HasQueryFilter(ExclusionKey, c => c.ContractKind != ContractKinds.LastResort)
                    .HasQueryFilter(UsageKey, c => c.UsageKwh > 0);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, keys held in static readonly fields
        [Shape(ShapeKind.NamedFilter, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.IgnoreQueryFilters(new[] { UsageKey }).Select(c => c.Name).ToList();
    }

    public static class NamedFilterIgnoredByStaticReadonlyKey
    {
        private static readonly string RetailerKey = "Retailer";
        private static readonly string ExclusionKey = "Exclusion";

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>()
                    .HasQueryFilter(RetailerKey, c => c.RetailerCode == RetailerCodes.Own)
                    .HasQueryFilter(ExclusionKey, c => c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, ignoring the retailer filter by its static readonly key
        [Shape(ShapeKind.NamedFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.IgnoreQueryFilters(new[] { RetailerKey }).Select(c => c.Name).ToList();
    }
}
