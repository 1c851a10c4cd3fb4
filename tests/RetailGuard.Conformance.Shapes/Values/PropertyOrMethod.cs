using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    /// <summary>A context whose filter reads a settable property, as multi-tenant contexts do.</summary>
    public class RetailerPropertyContext : SalesContext
    {
        public RetailerPropertyContext(DbContextOptions options)
            : base(options)
        {
        }

        public string Retailer { get; set; } = RetailerCodes.Own;

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == Retailer && c.ContractKind != ContractKinds.LastResort);
    }

    public static class GetOnlyAutoProperty
    {
        private static string Own { get; } = RetailerCodes.Own;

        // Proof form: a get-only auto-property whose only write is its initialiser
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class ExpressionBodiedProperty
    {
        private static string Own => RetailerCodes.Own;

        // Proof form: an expression-bodied property returning the own constant
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class NonVirtualMethod
    {
        private static string OwnCode() => RetailerCodes.Own;

        // Proof form: a non-virtual method that returns the own constant
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == OwnCode() && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class MethodOwnOnEveryPath
    {
        private static string Code(bool strict)
        {
            if (strict)
            {
                return RetailerCodes.Own;
            }

            return "R0001";
        }

        // Proof form: a method that returns an own value on every path
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            string code = Code(Environment.ProcessorCount > 1);
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class MethodWithARivalPath
    {
        private static string Code()
        {
            if (Environment.ProcessorCount > 0)
            {
                return "R0002";
            }

            return RetailerCodes.Own;
        }

        // Proof form: a method with one path that returns a rival's code
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            string code = Code();
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class SettablePropertySetToRival
    {
        private static string Retailer { get; set; } = RetailerCodes.Own;

        // Proof form: a settable property, set before the query runs
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            Retailer = "R0003";
            return db.Customers.Where(c => c.RetailerCode == Retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class SettablePropertyNeverSet
    {
        public static string Retailer { get; set; } = RetailerCodes.Own;

        // Proof form: a public settable property that nothing here sets
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe, FailClosed = "a public setter lets any code change the value before the query runs")]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == Retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }

    public static class VirtualMethodNotOverridden
    {
        public class CodeSource
        {
            public virtual string Retailer() => RetailerCodes.Own;
        }

        // Proof form: a public virtual method returning the own constant; another assembly may override it
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe, FailClosed = "a public virtual method can be overridden in another assembly to return another value")]
        public static List<string> Run(SalesContext db)
        {
            string code = new CodeSource().Retailer();
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class VirtualMethodOverridden
    {
        private class CodeSource
        {
            public virtual string Retailer() => RetailerCodes.Own;
        }

        private sealed class PartnerCodeSource : CodeSource
        {
            public override string Retailer() => "R0002";
        }

        // Proof form: a virtual method whose override returns a rival's code
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            CodeSource source = new PartnerCodeSource();
            string code = source.Retailer();
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class ContextMethodInFilter
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == OwnRetailer() && c.ContractKind != ContractKinds.LastResort);

            private string OwnRetailer() => RetailerCodes.Own;
        }

        // EF Core: QueryFilterFuncletizationTestBase.DbContext_method_call_is_parameterized, a non-virtual method returning the own constant
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ContextSettablePropertyNeverSet
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query_parameter (a settable context property in the filter), left at the own code
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe, FailClosed = "the filter reads a public settable context property, which any caller can set")]
        public static List<string> Run(RetailerPropertyContext db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ContextSettablePropertySetToRival
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query_parameter: the property is set before the query
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> Run(RetailerPropertyContext db)
        {
            db.Retailer = "R0002";
            return db.Customers.Select(c => c.Name).ToList();
        }
    }

    public static class ContextPropertyChainGetOnly
    {
        public sealed class RetailerSettings
        {
            public string Retailer => RetailerCodes.Own;
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            public RetailerSettings Settings { get; } = new RetailerSettings();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == Settings.Retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: QueryFilterFuncletizationTestBase.DbContext_property_chain_is_parameterized, every member of the chain get-only and own
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class ContextPropertyChainSettable
    {
        public sealed class RetailerSettings
        {
            public string Retailer { get; set; } = RetailerCodes.Own;
        }

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            public RetailerSettings Settings { get; } = new RetailerSettings();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == Settings.Retailer && c.ContractKind != ContractKinds.LastResort);
        }

        // EF Core: QueryFilterFuncletizationTestBase.DbContext_property_chain_is_parameterized; the end of the chain is settable and set
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> Run(Context db)
        {
            db.Settings.Retailer = "R0002";
            return db.Customers.Select(c => c.Name).ToList();
        }
    }
}
