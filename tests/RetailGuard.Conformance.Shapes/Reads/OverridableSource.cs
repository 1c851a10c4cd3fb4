using System;
using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    public static class InterfaceSourceUnfiltered
    {
        internal interface ICustomerSource
        {
            IQueryable<Customer> Customers(SalesContext db);
        }

        private sealed class AllCustomers : ICustomerSource
        {
            public IQueryable<Customer> Customers(SalesContext db) => db.Customers;
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the root returned by an interface method
        [Shape(ShapeKind.OverridableSource, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            ICustomerSource source = new AllCustomers();
            return source.Customers(db).Select(c => c.Name).ToList();
        }
    }

    public static class InterfaceSourceEveryImplementationFiltered
    {
        internal interface ICustomerSource
        {
            IQueryable<Customer> Customers(SalesContext db);
        }

        private sealed class OwnContracts : ICustomerSource
        {
            public IQueryable<Customer> Customers(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        private sealed class SanctionedContracts : ICustomerSource
        {
            public IQueryable<Customer> Customers(SalesContext db) => db.Customers.OwnContractsOnly();
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; every implementation in the compilation filters
        [Shape(ShapeKind.OverridableSource, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            ICustomerSource source = DateTime.Now.Year > 2000 ? new OwnContracts() : new SanctionedContracts();
            return source.Customers(db).Select(c => c.Name).ToList();
        }
    }

    public static class InterfaceSourceOneImplementationUnfiltered
    {
        internal interface ICustomerSource
        {
            IQueryable<Customer> Customers(SalesContext db);
        }

        private sealed class OwnContracts : ICustomerSource
        {
            public IQueryable<Customer> Customers(SalesContext db) => db.Customers.OwnContractsOnly();
        }

        private sealed class EveryCustomer : ICustomerSource
        {
            public IQueryable<Customer> Customers(SalesContext db) => db.Customers;
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; one implementation does not filter, and runs
        [Shape(ShapeKind.OverridableSource, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            ICustomerSource source = DateTime.Now.Year > 2000 ? new EveryCustomer() : new OwnContracts();
            return source.Customers(db).Select(c => c.Name).ToList();
        }
    }

    public static class VirtualSourceOverriddenUnfiltered
    {
        internal class CustomerQueries
        {
            public virtual IQueryable<Customer> Customers(SalesContext db) => db.Customers.OwnContractsOnly();
        }

        private sealed class ReportQueries : CustomerQueries
        {
            public override IQueryable<Customer> Customers(SalesContext db) => db.Customers;
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the root from a virtual method an override replaces
        [Shape(ShapeKind.OverridableSource, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            CustomerQueries queries = new ReportQueries();
            return queries.Customers(db).Select(c => c.Name).ToList();
        }
    }

    public static class VirtualSourceWithoutOverride
    {
        internal class CustomerQueries
        {
            public virtual IQueryable<Customer> Customers(SalesContext db) =>
                db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }

        private sealed class ReportQueries : CustomerQueries
        {
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, a virtual root no type in the compilation overrides
        [Shape(ShapeKind.OverridableSource, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            CustomerQueries queries = new ReportQueries();
            return queries.Customers(db).Select(c => c.Name).ToList();
        }
    }

    public static class AbstractSourceUnfiltered
    {
        internal abstract class GeneratorQueries
        {
            public abstract IQueryable<Generator> Generators(SalesContext db);
        }

        private sealed class TradingQueries : GeneratorQueries
        {
            public override IQueryable<Generator> Generators(SalesContext db) => db.Generators.Where(g => g.Name != "");
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the root from an abstract method
        [Shape(ShapeKind.OverridableSource, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            GeneratorQueries queries = new TradingQueries();
            return queries.Generators(db).Select(g => g.Name).ToList();
        }
    }

    public static class AbstractSourceEveryOverrideFiltered
    {
        internal abstract class GeneratorQueries
        {
            public abstract IQueryable<Generator> Generators(SalesContext db);
        }

        private sealed class PurchaseQueries : GeneratorQueries
        {
            public override IQueryable<Generator> Generators(SalesContext db) => db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own);
        }

        private sealed class SettlementQueries : GeneratorQueries
        {
            public override IQueryable<Generator> Generators(SalesContext db) => db.Generators.Where(g => RetailerCodes.Own == g.PurchaserCode && g.Id > 0);
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; every override in the compilation filters
        [Shape(ShapeKind.OverridableSource, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            GeneratorQueries queries = DateTime.Now.Year > 2000 ? new PurchaseQueries() : new SettlementQueries();
            return queries.Generators(db).Select(g => g.Name).ToList();
        }
    }
}
