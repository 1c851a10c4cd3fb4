using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    /// <summary>Explicit loading: <c>Entry(e).Reference/Collection/Navigation</c> with <c>Load</c>, <c>LoadAsync</c> and <c>Query()</c>.</summary>
    public static class ExplicitLoadingShapes
    {
        // EF Core: LoadTestBase.Load_many_to_one_reference_to_principal
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static string? ReferenceLoad(SalesContext db)
        {
            var invoice = new Invoice { Id = 200, CustomerId = 200 };
            db.Attach(invoice);
            db.Entry(invoice).Reference(i => i.Customer).Load();
            return invoice.Customer?.Name;
        }

        // EF Core: LoadTestBase.Load_many_to_one_reference_to_principal (async)
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static async Task<string?> ReferenceLoadAsync(SalesContext db)
        {
            var invoice = new Invoice { Id = 200, CustomerId = 200 };
            db.Attach(invoice);
            await db.Entry(invoice).Reference(i => i.Customer).LoadAsync();
            return invoice.Customer?.Name;
        }

        // EF Core: LoadTestBase.Load_many_to_one_reference_to_principal, under the customer query filter
        [Shape(ShapeKind.ExplicitLoading, Truth.Safe)]
        public static string? ReferenceLoadThroughQueryFilter(FilteredContext db)
        {
            var invoice = new Invoice { Id = 200, CustomerId = 200 };
            db.Attach(invoice);
            db.Entry(invoice).Reference(i => i.Customer).Load();
            return invoice.Customer?.Name;
        }

        // EF Core: LoadTestBase.Load_many_to_one_reference_to_principal_using_Query
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static string? ReferenceQueryProjection(SalesContext db)
        {
            var invoice = new Invoice { Id = 200, CustomerId = 200 };
            db.Attach(invoice);
            return db.Entry(invoice).Reference(i => i.Customer).Query().Select(c => c.Name).SingleOrDefault();
        }

        // EF Core: LoadTestBase.Load_many_to_one_reference_to_principal: the invoice happens to be an own customer's.
        [Shape(ShapeKind.ExplicitLoading, Truth.Safe, FailClosed = "which customer a reference loads depends on the foreign key in the data, not on a retailer filter")]
        public static string? ReferenceLoadOfOwnInvoice(SalesContext db)
        {
            var invoice = new Invoice { Id = 3, CustomerId = 3 };
            db.Attach(invoice);
            db.Entry(invoice).Reference(i => i.Customer).Load();
            return invoice.Customer?.Name;
        }

        // EF Core: LoadTestBase.Load_collection
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static List<string> CollectionLoad(SalesContext db)
        {
            var area = new SupplyArea { Id = 1, Name = "Nagoya" };
            db.Attach(area);
            db.Entry(area).Collection(a => a.Customers).Load();
            return area.Customers.Select(c => c.Name).ToList();
        }

        // EF Core: LoadTestBase.Load_collection (async), under the customer query filter
        [Shape(ShapeKind.ExplicitLoading, Truth.Safe)]
        public static async Task<List<string>> CollectionLoadAsyncThroughQueryFilter(FilteredContext db)
        {
            var area = new SupplyArea { Id = 1, Name = "Nagoya" };
            db.Attach(area);
            await db.Entry(area).Collection(a => a.Customers).LoadAsync();
            return area.Customers.Select(c => c.Name).ToList();
        }

        // EF Core: LoadTestBase.Load_collection_using_Query, with the query filters turned off
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static List<string> CollectionQueryIgnoringQueryFilters(FilteredContext db)
        {
            var area = new SupplyArea { Id = 1, Name = "Nagoya" };
            db.Attach(area);
            return db.Entry(area).Collection(a => a.Customers).Query().IgnoreQueryFilters().Select(c => c.Name).ToList();
        }

        // EF Core: LoadTestBase.Load_collection_using_Query, composed with the policy filter
        [Shape(ShapeKind.ExplicitLoading, Truth.Safe)]
        public static List<string> CollectionQueryWithOwnFilter(SalesContext db)
        {
            var area = new SupplyArea { Id = 1, Name = "Nagoya" };
            db.Attach(area);
            return db.Entry(area).Collection(a => a.Customers).Query()
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();
        }

        // EF Core: LoadTestBase.Load_collection_untyped (Entry(e).Navigation(name).Load())
        [Shape(ShapeKind.ExplicitLoading, Truth.Leaky)]
        public static List<string> NavigationLoadByName(SalesContext db)
        {
            var area = new SupplyArea { Id = 2, Name = "Toyota" };
            db.Attach(area);
            db.Entry(area).Navigation("Customers").Load();
            return area.Customers.Select(c => c.Name).ToList();
        }
    }
}
