using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>Include, ThenInclude and navigations inside queries on other tables read the navigated table.</summary>
    public static class NavigationShapes
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Included_many_to_one_query, on a context without filters
        [Shape(ShapeKind.Navigation, Truth.Leaky)]
        public static List<string> IncludeReferenceWithoutFilter(SalesContext db) =>
            db.Invoices.Include(i => i.Customer).OrderBy(i => i.Id).ToList().Select(i => i.Customer.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Included_many_to_one_query
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<string> IncludeReferenceUnderQueryFilters(FilteredContext db) =>
            db.Invoices.Include(i => i.Customer).OrderBy(i => i.Id).ToList().Select(i => i.Customer.Name).ToList();

        // EF Core: NorthwindIncludeQueryTestBase.Include_reference, the included customers filtered through the navigation
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<string> IncludeReferenceFilteredThroughNavigation(SalesContext db) =>
            db.Invoices.Include(i => i.Customer)
                .Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort)
                .OrderBy(i => i.Id)
                .ToList()
                .Select(i => i.Customer.Name)
                .ToList();

        // EF Core: NorthwindIncludeQueryTestBase.Include_collection
        [Shape(ShapeKind.Navigation, Truth.Leaky)]
        public static List<int> IncludeCollectionWithoutFilter(SalesContext db) =>
            db.Areas.Include(a => a.Customers).OrderBy(a => a.Id).ToList().Select(a => a.Customers.Count).ToList();

        // EF Core: NorthwindIncludeQueryTestBase.Include_collection_with_filter (filtered include)
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<string> FilteredInclude(SalesContext db) =>
            db.Areas.Include(a => a.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort))
                .OrderBy(a => a.Id)
                .ToList()
                .SelectMany(a => a.Customers.Select(c => c.Name))
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query, the collection under the query filter
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<int> IncludeCollectionUnderQueryFilter(FilteredContext db) =>
            db.Areas.Include(a => a.Customers).OrderBy(a => a.Id).ToList().Select(a => a.Customers.Count).ToList();

        // EF Core: NorthwindIncludeQueryTestBase.Include_collection_then_reference
        [Shape(ShapeKind.Navigation, Truth.Leaky)]
        public static List<int> ThenIncludeThroughProtectedCollection(SalesContext db) =>
            db.Areas.Include(a => a.Customers).ThenInclude(c => c.Invoices).OrderBy(a => a.Id).ToList().Select(a => a.Customers.Sum(c => c.Invoices.Count)).ToList();

        // EF Core: NorthwindSelectQueryTestBase.Select_nested_collection_count_using_anonymous_type
        [Shape(ShapeKind.Navigation, Truth.Leaky)]
        public static List<int> CollectionCountProjected(SalesContext db) => db.Areas.OrderBy(a => a.Id).Select(a => a.Customers.Count()).ToList();

        // EF Core: NorthwindSelectQueryTestBase.Select_nested_collection_count_using_anonymous_type, counting own contracts only
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<int> FilteredCollectionCountProjected(SalesContext db) =>
            db.Areas.OrderBy(a => a.Id).Select(a => a.Customers.Count(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Navs_query
        [Shape(ShapeKind.Navigation, Truth.Safe)]
        public static List<string> NavigationsUnderQueryFilters(FilteredContext db) =>
            (from a in db.Areas
             from c in a.Customers
             from i in c.Invoices
             where i.Amount > 0
             select c.Name).ToList();

        // EF Core: NorthwindNavigationsQueryTestBase.Select_Where_Navigation, a navigation column in the Where only
        [Shape(ShapeKind.Navigation, Truth.Leaky)]
        public static List<int> NavigationColumnInWhere(SalesContext db) =>
            db.Invoices.Where(i => i.Customer.UsageKwh > 5000).OrderBy(i => i.Id).Select(i => i.Id).ToList();
    }
}
