using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    /// <summary>Static readonly copies of the own code, in a class of the sales system.</summary>
    public static class CodeCopies
    {
        public static readonly string Own = RetailerCodes.Own;

        public static readonly string LastResort = ContractKinds.LastResort;
    }

    public static class StaticReadonlyField
    {
        private static readonly string Own = RetailerCodes.Own;

        // Proof form: a private static readonly field initialised with the own constant
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class StaticReadonlyCopyInAnotherClass
    {
        // Proof form: static readonly copies of the own constants in another class
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == CodeCopies.Own && c.ContractKind != CodeCopies.LastResort).Select(c => c.Name).ToList();
    }

    public static class StaticReadonlyOfARival
    {
        private static readonly string Partner = "R0002";

        // Proof form: a static readonly field that holds a rival's code
        [Shape(ShapeKind.ReadonlyField, Truth.Leaky)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Partner && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class InstanceReadonlyFieldInitialised
    {
        private sealed class CustomerQueries
        {
            private readonly string _retailer = RetailerCodes.Own;

            public List<string> Names(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an instance readonly field whose only write is its initialiser
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(SalesContext db) => new CustomerQueries().Names(db);
    }

    public static class InstanceReadonlyFieldAssignedInConstructor
    {
        private sealed class CustomerQueries
        {
            private readonly string _retailer;

            public CustomerQueries() => _retailer = RetailerCodes.Own;

            public List<string> Names(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an instance readonly field that every constructor assigns the own constant
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(SalesContext db) => new CustomerQueries().Names(db);
    }

    public static class FieldFromConstructorParameter
    {
        private sealed class CustomerQueries
        {
            private readonly string _retailer;

            public CustomerQueries(string retailer) => _retailer = retailer;

            public List<string> Names(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: a readonly field assigned from a constructor parameter, which the only construction sets to a rival's code
        [Shape(ShapeKind.ReadonlyField, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => new CustomerQueries("R0002").Names(db);
    }

    public static class FieldFromPublicConstructorParameter
    {
        public sealed class CustomerQueries
        {
            private readonly string _retailer;

            public CustomerQueries(string retailer) => _retailer = retailer;

            public List<string> Names(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: a readonly field from a public constructor's parameter; this caller passes the own code
        [Shape(ShapeKind.ReadonlyField, Truth.Safe, FailClosed = "the field is assigned from a public constructor's parameter, which any assembly can call with any value")]
        public static List<string> Run(SalesContext db) => new CustomerQueries(RetailerCodes.Own).Names(db);
    }

    public static class MutableStaticChangedBeforeQuery
    {
        private static string retailer = RetailerCodes.Own;

        // Proof form: a mutable static field, written before the query runs
        [Shape(ShapeKind.ReadonlyField, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            retailer = "R0002";
            return db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class MutableStaticNeverChanged
    {
        public static string Retailer = RetailerCodes.Own;

        // Proof form: a public mutable static field; nothing here writes it, but anything may
        [Shape(ShapeKind.ReadonlyField, Truth.Safe, FailClosed = "a public mutable static field can be written by any code before the query runs")]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class ContextReadonlyFieldInFilter
    {
        public sealed class Context : SalesContext
        {
            private readonly string _retailer = RetailerCodes.Own;

            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: QueryFilterFuncletizationTestBase.DbContext_field_is_parameterized, a private readonly field initialised with the own constant
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ContextReadonlyFieldAssignedInConstructor
    {
        public sealed class Context : SalesContext
        {
            private readonly string _retailer;

            public Context(DbContextOptions options)
                : base(options)
            {
                _retailer = RetailerCodes.Own;
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: QueryFilterFuncletizationTestBase.DbContext_field_is_parameterized, the only constructor assigns the own constant
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ContextFieldFromConstructorParameter
    {
        public sealed class Context : DbContext
        {
            private readonly string _retailer;

            public Context(DbContextOptions<Context> options, string retailer)
                : base(options)
            {
                _retailer = retailer;
            }

            public DbSet<Customer> Customers => Set<Customer>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query_parameter_new_context: the filter takes each context's field, here a rival's code
        [Shape(ShapeKind.ReadonlyField, Truth.Leaky)]
        public static List<string> Run(DbContextOptions<Context> options)
        {
            using var db = new Context(options, "R0002");
            return db.Customers.Select(c => c.Name).ToList();
        }
    }

    public static class ConfigurationFieldFromOnlyConstruction
    {
        private sealed class ScopeConfiguration : IEntityTypeConfiguration<Customer>
        {
            private readonly string _retailer;

            public ScopeConfiguration(string retailer) => _retailer = retailer;

            public void Configure(EntityTypeBuilder<Customer> builder) =>
                builder.HasQueryFilter(c => c.RetailerCode == _retailer && c.ContractKind != ContractKinds.LastResort);
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new ScopeConfiguration(RetailerCodes.Own));
        }

        // EF Core: QueryFilterFuncletizationTestBase.EntityTypeConfiguration_DbContext_field_is_parameterized; the private configuration's only construction passes the own code
        [Shape(ShapeKind.ReadonlyField, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
