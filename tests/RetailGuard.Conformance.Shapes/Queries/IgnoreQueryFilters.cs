using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>IgnoreQueryFilters turns the filters off for the whole query, wherever it sits in it.</summary>
    public static class IgnoreQueryFiltersShapes
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out (IgnoreQueryFilters on the root)
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<string> OnTheRoot(FilteredContext db) => db.Customers.IgnoreQueryFilters().Select(c => c.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out: IgnoreQueryFilters after Include
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<string> AfterInclude(FilteredContext db) =>
            db.Customers.Include(c => c.Invoices).IgnoreQueryFilters().Select(c => c.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out, IgnoreQueryFilters after a Where
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<string> AfterWhere(FilteredContext db) =>
            db.Customers.Where(c => c.UsageKwh > 100).IgnoreQueryFilters().Select(c => c.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation_ignore_query_filters:
        // IgnoreQueryFilters in a subquery of another entity lifts the customer filter of the whole query
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<string> InASubqueryOfAnotherEntity(FilteredContext db) =>
            db.Customers.Select(c => c.Name + ":" + db.Generators.IgnoreQueryFilters().Count()).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Navs_query, IgnoreQueryFilters on the unprotected root: the navigation's filter is off too
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<int> OnTheRootOfANavigation(FilteredContext db) =>
            db.Areas.IgnoreQueryFilters().OrderBy(a => a.Id).Select(a => a.Customers.Count()).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out, IgnoreQueryFilters inside a let
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<int> InALet(FilteredContext db) =>
            (from a in db.Areas
             let customers = db.Customers.IgnoreQueryFilters().Count(c => c.AreaId == a.Id)
             orderby a.Id
             select customers).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out, the policy filter written in the query instead
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Safe)]
        public static List<string> WithTheFilterInTheQuery(FilteredContext db) =>
            db.Customers.IgnoreQueryFilters()
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query next to a separate query that ignores filters on an own-filtered read
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Safe)]
        public static List<string> OnASeparateQueryOnly(FilteredContext db)
        {
            var generators = db.Generators.IgnoreQueryFilters().Where(g => g.PurchaserCode == RetailerCodes.Own).Select(g => g.Name).ToList();
            return db.Customers.Select(c => c.Name).ToList().Concat(generators).ToList();
        }
    }

    public static class IgnoreQueryFiltersOnOneBranch
    {
        private static IQueryable<Customer> Customers(FilteredContext db, bool everyone) =>
            everyone ? db.Customers.IgnoreQueryFilters() : db.Customers;

        // EF Core: NorthwindQueryFiltersQueryTestBase.Include_query_opt_out, the bypass chosen by a condition in a helper
        [Shape(ShapeKind.IgnoreQueryFilters, Truth.Leaky)]
        public static List<string> Run(FilteredContext db) => Customers(db, everyone: true).Select(c => c.Name).ToList();
    }
}
