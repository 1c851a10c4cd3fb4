using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    /// <summary>Key lookups: <c>DbSet.Find</c>, <c>DbContext.Find&lt;T&gt;</c>, <c>FindAsync</c> and <c>Find(Type, …)</c> read a row by key.</summary>
    public static class FindShapes
    {
        // EF Core: FindTestBase.Find_int_key_from_store
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static string? DbSetFindByKey(SalesContext db) => db.Customers.Find(200)?.Name;

        // EF Core: NorthwindQueryFiltersQueryTestBase.Find (DbContext.Find<T>), on a context without a query filter
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static string? ContextFindGeneric(SalesContext db) => db.Find<Customer>(200)?.Name;

        // EF Core: NorthwindQueryFiltersQueryTestBase.Find (FindAsync<T>), on a context without a query filter
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static async Task<string?> ContextFindAsync(SalesContext db) => (await db.FindAsync<Customer>(200))?.Name;

        // EF Core: FindTestBase.Find_int_key_from_store through the untyped DbContext.Find(Type, params object[])
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static string? ContextFindByType(SalesContext db) => (db.Find(typeof(Customer), 200) as Customer)?.Name;

        // EF Core: NorthwindQueryFiltersQueryTestBase.Find: the query filter applies to the store query of Find
        [Shape(ShapeKind.Find, Truth.Safe)]
        public static string? ContextFindThroughQueryFilter(FilteredContext db) => db.Find<Customer>(200)?.Name;

        // EF Core: FindTestBase.Find_int_key_from_store_async, under the query filter
        [Shape(ShapeKind.Find, Truth.Safe)]
        public static async Task<string?> DbSetFindAsyncThroughQueryFilter(FilteredContext db) => (await db.Customers.FindAsync(200))?.Name;

        // EF Core: FindTestBase.Find_int_key_from_store on the restricted table
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static string? FindRestrictedForm(SalesContext db) => db.NwEForms.Find(1)?.Title;

        // EF Core: FindTestBase.Find_int_key_from_store on the generators, protected by purchaser
        [Shape(ShapeKind.Find, Truth.Leaky)]
        public static string? FindGeneratorByKey(SalesContext db) => db.Generators.Find(10)?.Name;

        // EF Core: FindTestBase.Find_int_key_from_store: the key happens to be an own customer's; the lookup itself
        // restricts nothing.
        [Shape(ShapeKind.Find, Truth.Safe, FailClosed = "which row a key lookup returns depends on the key, not on a retailer filter")]
        public static string? FindOwnKeyWithoutFilter(SalesContext db) => db.Customers.Find(3)?.Name;
    }
}
