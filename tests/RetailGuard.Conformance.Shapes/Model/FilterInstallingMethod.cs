using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
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

        // EF Core: QueryFilterFuncletizationTestBase.Remote_method_DbContext_property_method_call_is_parameterized: the filter comes from another assembly's extension
        [Shape(ShapeKind.FilterInstallingMethod, Truth.Safe, FailClosed = "the query filter is installed by another assembly's method; the policy has no way to name such methods yet")]
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
}
