using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>Navigations inside GroupBy keys and aggregates read the navigated table.</summary>
    public static class GroupByNavigationShapes
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation, on a context without filters
        [Shape(ShapeKind.GroupByNavigation, Truth.Leaky)]
        public static List<string> AggregateThroughNavigation(SalesContext db) =>
            db.Invoices.GroupBy(i => i.Paid)
                .Select(g => new { g.Key, Large = g.Count(i => i.Customer.UsageKwh > 5000) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Large)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation
        [Shape(ShapeKind.GroupByNavigation, Truth.Safe)]
        public static List<string> AggregateThroughFilteredNavigation(FilteredContext db) =>
            db.Invoices.GroupBy(i => i.Paid)
                .Select(g => new { g.Key, Large = g.Count(i => i.Customer.UsageKwh > 5000) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Large)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation_with_total
        [Shape(ShapeKind.GroupByNavigation, Truth.Safe)]
        public static List<string> AggregateWithTotalThroughFilteredNavigation(FilteredContext db) =>
            db.Invoices.GroupBy(i => i.Paid)
                .Select(g => new { g.Key, Total = g.Count(), Large = g.Count(i => i.Customer.UsageKwh > 5000) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Total + ":" + x.Large)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation_ignore_query_filters
        [Shape(ShapeKind.GroupByNavigation, Truth.Leaky)]
        public static List<string> AggregateIgnoringQueryFilters(FilteredContext db) =>
            db.Invoices.IgnoreQueryFilters()
                .GroupBy(i => i.Paid)
                .Select(g => new { g.Key, Large = g.Count(i => i.Customer.UsageKwh > 5000) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Large)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation, filtered through the navigation in the query
        [Shape(ShapeKind.GroupByNavigation, Truth.Safe)]
        public static List<string> AggregateAfterNavigationFilter(SalesContext db) =>
            db.Invoices.Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort)
                .GroupBy(i => i.Paid)
                .Select(g => new { g.Key, Large = g.Count(i => i.Customer.UsageKwh > 5000) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Large)
                .ToList();

        // EF Core: NorthwindGroupByQueryTestBase.GroupBy_with_group_key_being_navigation_with_entity_key_projection (the key through a navigation)
        [Shape(ShapeKind.GroupByNavigation, Truth.Leaky)]
        public static List<string> KeyThroughNavigation(SalesContext db) =>
            db.Invoices.GroupBy(i => i.Customer.RetailerCode)
                .Select(g => new { g.Key, Sum = g.Sum(i => i.Amount) })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Sum)
                .ToList();

        // EF Core: NorthwindGroupByQueryTestBase.GroupBy_Property_Select_Key_Count, the customers grouped under their query filter
        [Shape(ShapeKind.GroupByNavigation, Truth.Safe)]
        public static List<string> GroupCustomersUnderQueryFilter(FilteredContext db) =>
            db.Customers.GroupBy(c => c.AreaId)
                .Select(g => new { g.Key, Count = g.Count() })
                .OrderBy(x => x.Key)
                .Select(x => x.Key + ":" + x.Count)
                .ToList();
    }
}
