using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    public static class SetQueryFilterLoopReplaces
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
                Expression<Func<Customer, bool>> active = c => c.UsageKwh >= 0;
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.ClrType == typeof(Customer))
                    {
                        entityType.SetQueryFilter(active);
                    }
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_anonymous with the filter set on IMutableEntityType in a loop over GetEntityTypes(): it replaces the earlier one
        [Shape(ShapeKind.SetQueryFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterLoopInstallsPolicy
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                Expression<Func<Customer, bool>> own = c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort;
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.ClrType == typeof(Customer))
                    {
                        entityType.SetQueryFilter(own);
                    }
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_anonymous, the policy filter set on IMutableEntityType in a loop
        [Shape(ShapeKind.SetQueryFilter, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterBuiltExpression
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType == typeof(Customer)).ToList())
                {
                    var c = Expression.Parameter(entityType.ClrType, "c");
                    var body = Expression.AndAlso(
                        Expression.Equal(Expression.Property(c, nameof(Customer.RetailerCode)), Expression.Constant(RetailerCodes.Own)),
                        Expression.NotEqual(Expression.Property(c, nameof(Customer.ContractKind)), Expression.Constant(ContractKinds.LastResort)));
                    entityType.SetQueryFilter(Expression.Lambda(body, c));
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Invoke_inside_query_filter_gets_correctly_evaluated_during_translation (a filter built as an expression tree)
        [Shape(ShapeKind.SetQueryFilter, Truth.Safe, FailClosed = "a filter assembled from Expression factory calls is not a lambda RetailGuard can read")]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterToNull
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
                var customer = modelBuilder.Model.FindEntityType(typeof(Customer))!;
                customer.SetQueryFilter(null);
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_removing, through IMutableEntityType.SetQueryFilter(null)
        [Shape(ShapeKind.SetQueryFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterNamedAddsExclusion
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter("Retailer", c => c.RetailerCode == RetailerCodes.Own);
                Expression<Func<Customer, bool>> exclusion = c => c.ContractKind != ContractKinds.LastResort;
                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType == typeof(Customer)))
                {
                    entityType.SetQueryFilter("LastResort", exclusion);
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters, the second named filter set on IMutableEntityType
        [Shape(ShapeKind.SetQueryFilter, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterNamedOverwritesRetailer
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
                    .HasQueryFilter("Retailer", c => c.RetailerCode == RetailerCodes.Own)
                    .HasQueryFilter("LastResort", c => c.ContractKind != ContractKinds.LastResort);
                Expression<Func<Customer, bool>> any = c => c.RetailerCode != string.Empty;
                foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType == typeof(Customer)))
                {
                    entityType.SetQueryFilter("Retailer", any);
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_overwriting, through IMutableEntityType.SetQueryFilter(key, filter)
        [Shape(ShapeKind.SetQueryFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterThroughFindEntityType
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.UsageKwh >= 0);
                Expression<Func<Customer, bool>> own = c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort;
                modelBuilder.Model.FindEntityType(typeof(Customer))!.SetQueryFilter(own);
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_anonymous, the policy filter set through FindEntityType: it replaces the earlier one
        [Shape(ShapeKind.SetQueryFilter, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class SetQueryFilterThroughMetadataReplaces
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                var customers = modelBuilder.Entity<Customer>();
                customers.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                Expression<Func<Customer, bool>> active = c => c.UsageKwh >= 0;
                customers.Metadata.SetQueryFilter(active);
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_overwriting, through EntityTypeBuilder.Metadata.SetQueryFilter
        [Shape(ShapeKind.SetQueryFilter, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
