using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Language
{
    public static class PrimaryConstructorContext
    {
        public sealed class Context(DbContextOptions options) : SalesContext(options)
        {
            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter (a context with a primary constructor)
        [Shape(ShapeKind.PrimaryConstructor, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class PrimaryConstructorParameterInFilter
    {
        public sealed class Context(DbContextOptions<Context> options, string retailer) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter: the parameter is captured per context instance
        [Shape(ShapeKind.PrimaryConstructor, Truth.Leaky)]
        public static List<string> Run(DbContextOptions<Context> options)
        {
            using var db = new Context(options, RetailerCodes.Rival);
            return db.Customers.Select(c => c.Name).ToList();
        }
    }

    public static class PrimaryConstructorParameterOwnAtOnlyConstruction
    {
        internal sealed class Context(DbContextOptions<Context> options, string retailer) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter; the internal context's only construction passes the own code
        [Shape(ShapeKind.PrimaryConstructor, Truth.Safe)]
        internal static List<string> Run(DbContextOptions<Context> options)
        {
            using var db = new Context(options, RetailerCodes.Own);
            return db.Customers.Select(c => c.Name).ToList();
        }
    }

    public static class PrimaryConstructorParameterOfPublicContext
    {
        public sealed class Context(DbContextOptions<Context> options, string retailer) : DbContext(options)
        {
            public DbSet<Customer> Customers => Set<Customer>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter; the public constructor can be called from any assembly
        [Shape(ShapeKind.PrimaryConstructor, Truth.Safe, FailClosed = "a public constructor's parameter can receive any value from another assembly")]
        public static List<string> Run(DbContextOptions<Context> options)
        {
            using var db = new Context(options, RetailerCodes.Own);
            return db.Customers.Select(c => c.Name).ToList();
        }
    }

    public static class PrimaryConstructorRepository
    {
        private sealed class CustomerNames(SalesContext db)
        {
            public List<string> Own() =>
                db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter, a repository capturing the context
        [Shape(ShapeKind.PrimaryConstructor, Truth.Safe)]
        public static List<string> Run(SalesContext db) => new CustomerNames(db).Own();
    }

    public static class PrimaryConstructorRepositoryUnfiltered
    {
        private sealed class CustomerNames(SalesContext db)
        {
            public List<string> All() => db.Customers.Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter, a repository capturing the context, no filter
        [Shape(ShapeKind.PrimaryConstructor, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => new CustomerNames(db).All();
    }

    public static class PrimaryConstructorCapturedCode
    {
        private sealed class CustomerFinder(SalesContext db, string retailer)
        {
            public List<string> Names() =>
                db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_primary_constructor_parameter; the only construction passes a rival's code
        [Shape(ShapeKind.PrimaryConstructor, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => new CustomerFinder(db, "R0003").Names();
    }
}
