using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Conformance;
using Sales.Domain;
using Sales.Library;

namespace Sales.Shapes.Model
{
    public static class CompanyScopeExtension
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().ApplyRetailerScope();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Extension_method_DbContext_field_is_parameterized (a filter installed by an extension method)
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();

        private static EntityTypeBuilder<Customer> ApplyRetailerScope(this EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    public static class CompanyScopeExtensionWithoutExclusion
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().ApplyRetailerScope();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Extension_method_DbContext_field_is_parameterized; the extension forgets the exclusion
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();

        private static EntityTypeBuilder<Customer> ApplyRetailerScope(this EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
    }

    public static class ScopeAsBuildAction
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>(Scope);

            private static void Scope(EntityTypeBuilder<Customer> builder) =>
                builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: QueryFilterFuncletizationTestBase.Local_static_method_DbContext_property_is_parameterized; the builder action is a method group
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class LibraryTenancyExtension
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().IsRetailerScoped();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Remote_method_DbContext_property_method_call_is_parameterized: the filter comes from another assembly's extension, named in the policy's queryFilterMethods
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class LibraryTenancyExtensionWithoutExclusion
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().IsRetailerTenant();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Remote_method_DbContext_property_method_call_is_parameterized; that filter keeps last-resort contracts
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    /// <summary>The company's model-building scope, named in the policy's <c>queryFilterMethods</c>.</summary>
    public static class CompanyModelScopes
    {
        /// <summary>Scopes customers to the own retailer's contracts, last-resort supply excluded.</summary>
        public static EntityTypeBuilder<Customer> ApplyOwnScope(this EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);

        /// <summary>The same scope, set on the entity type's metadata.</summary>
        public static void ApplyOwnScope(this IMutableEntityType entityType) =>
            entityType.SetQueryFilter((Expression<Func<Customer, bool>>)(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort));
    }

    public static class PolicyScopeMethod
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().ApplyOwnScope();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Extension_method_DbContext_field_is_parameterized; the extension is one of the policy's queryFilterMethods
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class PolicyScopeMethodThenReplaced
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().ApplyOwnScope().HasQueryFilter(c => c.UsageKwh >= 0);
        }

        // EF Core: InternalEntityTypeBuilderTest.Can_replace_query_filter_only_with_lower_or_equal_source: a later filter replaces the one the policy's method installed
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class PolicyScopeMethodInEntityTypesLoop
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (var entityType in modelBuilder.Model.GetEntityTypes())
                {
                    if (entityType.ClrType == typeof(Customer))
                    {
                        entityType.ApplyOwnScope();
                    }
                }
            }
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_anonymous, the policy's method applied to each entity type in a loop over GetEntityTypes()
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
