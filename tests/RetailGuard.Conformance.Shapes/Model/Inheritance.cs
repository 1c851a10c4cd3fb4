using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    /// <summary>The customer hierarchy mapped table-per-hierarchy, with no query filter.</summary>
    public class TphContext : SalesContext
    {
        public TphContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<CorporateCustomer> CorporateCustomers => Set<CorporateCustomer>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<CorporateCustomer>();
            modelBuilder.Entity<ResidentialCustomer>();
        }
    }

    /// <summary>Table-per-hierarchy with the policy filter on the root, where EF Core requires it.</summary>
    public class TphFilteredContext : SalesContext
    {
        public TphFilteredContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<CorporateCustomer> CorporateCustomers => Set<CorporateCustomer>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            modelBuilder.Entity<CorporateCustomer>();
            modelBuilder.Entity<ResidentialCustomer>();
        }
    }

    /// <summary>Table-per-hierarchy with a root filter that forgets the last-resort exclusion.</summary>
    public class TphWeakFilterContext : SalesContext
    {
        public TphWeakFilterContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
            modelBuilder.Entity<CorporateCustomer>();
            modelBuilder.Entity<ResidentialCustomer>();
        }
    }

    /// <summary>Table-per-type, no query filter.</summary>
    public class TptContext : SalesContext
    {
        public TptContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().UseTptMappingStrategy();
            modelBuilder.Entity<CorporateCustomer>().ToTable("corporate_customers");
            modelBuilder.Entity<ResidentialCustomer>().ToTable("residential_customers");
        }
    }

    /// <summary>Table-per-type with the policy filter on the root.</summary>
    public class TptFilteredContext : SalesContext
    {
        public TptFilteredContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().UseTptMappingStrategy()
                .HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            modelBuilder.Entity<CorporateCustomer>().ToTable("corporate_customers");
            modelBuilder.Entity<ResidentialCustomer>().ToTable("residential_customers");
        }
    }

    /// <summary>Table-per-concrete-type, no query filter. EF Core cannot split a TPC table with owned types, so the meter is not mapped.</summary>
    public class TpcContext : SalesContext
    {
        public TpcContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().UseTpcMappingStrategy().Ignore(c => c.Meter).Ignore(c => c.Readings);
            modelBuilder.Entity<CorporateCustomer>().ToTable("corporate_customers");
            modelBuilder.Entity<ResidentialCustomer>().ToTable("residential_customers");
        }
    }

    /// <summary>Table-per-concrete-type with the policy filter on the root.</summary>
    public class TpcFilteredContext : SalesContext
    {
        public TpcFilteredContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().UseTpcMappingStrategy().Ignore(c => c.Meter).Ignore(c => c.Readings)
                .HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            modelBuilder.Entity<CorporateCustomer>().ToTable("corporate_customers");
            modelBuilder.Entity<ResidentialCustomer>().ToTable("residential_customers");
        }
    }

    /// <summary>Subtypes of a protected entity are protected: every mapping strategy, every way to name a subtype.</summary>
    public static class InheritanceShapes
    {
        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set, without a filter (TPH)
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TphDerivedSetWithoutFilter(TphContext db) => db.Set<CorporateCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set through a DbSet<Sub> property, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TphDerivedDbSetPropertyWithoutFilter(TphContext db) => db.CorporateCustomers.Select(c => c.CorporateNumber).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_of_type_bird, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TphOfTypeWithoutFilter(TphContext db) => db.Customers.OfType<ResidentialCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_is_kiwi, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static int TphIsTypeTestWithoutFilter(TphContext db) => db.Customers.Count(c => c is CorporateCustomer);

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set: the root's filter applies to the subtype (TPH)
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static List<string> TphDerivedSetUnderRootFilter(TphFilteredContext db) => db.Set<CorporateCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set through a DbSet<Sub> property, under the root's filter
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static List<string> TphDerivedDbSetPropertyUnderRootFilter(TphFilteredContext db) => db.CorporateCustomers.Select(c => c.CorporateNumber).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_is_kiwi_with_other_predicate, under the root's filter
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static int TphIsTypeTestUnderRootFilter(TphFilteredContext db) => db.Customers.Count(c => c is CorporateCustomer && c.UsageKwh > 0);

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set; the root's filter misses the last-resort exclusion
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TphDerivedSetUnderWeakRootFilter(TphWeakFilterContext db) => db.Set<CorporateCustomer>().Select(c => c.Name).ToList();

        // EF Core: FindTestBase.Find_derived_type_from_store, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static string? TphFindDerivedWithoutFilter(TphContext db) => db.Find<CorporateCustomer>(200)?.CorporateNumber;

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set, the subtype filtered in the query
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static List<string> TphDerivedSetFilteredInQuery(TphContext db) =>
            db.Set<CorporateCustomer>().Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_of_type_kiwi as TPTFiltersInheritanceQueryTestBase runs it, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TptOfTypeWithoutFilter(TptContext db) => db.Customers.OfType<CorporateCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_of_type_kiwi as TPTFiltersInheritanceQueryTestBase runs it, under the root's filter
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static List<string> TptOfTypeUnderRootFilter(TptFilteredContext db) => db.Customers.OfType<CorporateCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set as TPCFiltersInheritanceQueryTestBase runs it, without a filter
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TpcDerivedSetWithoutFilter(TpcContext db) => db.Set<ResidentialCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_derived_set as TPCFiltersInheritanceQueryTestBase runs it, under the root's filter
        [Shape(ShapeKind.Inheritance, Truth.Safe)]
        public static List<string> TpcDerivedSetUnderRootFilter(TpcFilteredContext db) => db.Set<ResidentialCustomer>().Select(c => c.Name).ToList();

        // EF Core: FiltersInheritanceQueryTestBase.Can_use_IgnoreQueryFilters_and_GetDatabaseValues (TPC)
        [Shape(ShapeKind.Inheritance, Truth.Leaky)]
        public static List<string> TpcDerivedSetIgnoringRootFilter(TpcFilteredContext db) =>
            db.Set<CorporateCustomer>().IgnoreQueryFilters().Select(c => c.Name).ToList();
    }
}
