using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>Joins: every source of a join is a read; GroupJoin, SelectMany and left joins read their inner source.</summary>
    public static class JoinShapes
    {
        // EF Core: NorthwindJoinQueryTestBase.Join_customers_orders_projection
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> JoinWithUnfilteredInner(SalesContext db) =>
            (from a in db.Areas
             join c in db.Customers on a.Id equals c.AreaId
             select a.Name + ":" + c.Name).ToList();

        // EF Core: NorthwindJoinQueryTestBase.Join_customers_orders_with_subquery_predicate
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> JoinWithFilteredInner(SalesContext db) =>
            (from a in db.Areas
             join c in db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort) on a.Id equals c.AreaId
             select a.Name + ":" + c.Name).ToList();

        // EF Core: NorthwindJoinQueryTestBase.Join_customers_orders_entities_same_entity_twice, the outer filtered, the inner not
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> JoinFilteredOuterOnly(SalesContext db) =>
            (from c in db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
             join n in db.Customers on c.AreaId equals n.AreaId
             select n.Name).ToList();

        // EF Core: NorthwindJoinQueryTestBase.GroupJoin_DefaultIfEmpty (a left join)
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> LeftJoinWithUnfilteredGroup(SalesContext db) =>
            (from a in db.Areas
             join c in db.Customers on a.Id equals c.AreaId into customers
             from c in customers.DefaultIfEmpty()
             select a.Name + ":" + (c == null ? "-" : c.Name)).ToList();

        // EF Core: NorthwindJoinQueryTestBase.GroupJoin_SelectMany_subquery_with_filter_and_DefaultIfEmpty: the filter on the group
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> LeftJoinWithFilteredGroup(SalesContext db) =>
            (from a in db.Areas
             join c in db.Customers on a.Id equals c.AreaId into customers
             from c in customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).DefaultIfEmpty()
             select a.Name + ":" + (c == null ? "-" : c.Name)).ToList();

        // EF Core: NorthwindJoinQueryTestBase.GroupJoin_Where (the group filtered before it is flattened)
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> GroupJoinFilteredWithoutExclusion(SalesContext db) =>
            (from a in db.Areas
             join c in db.Customers on a.Id equals c.AreaId into customers
             from c in customers.Where(c => c.RetailerCode == RetailerCodes.Own)
             select c.Name).ToList();

        // EF Core: NorthwindJoinQueryTestBase.LeftJoin (the .NET 10 LeftJoin operator)
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> LeftJoinOperator(SalesContext db) =>
            db.Areas.LeftJoin(db.Customers, a => a.Id, c => c.AreaId, (a, c) => a.Name + ":" + (c == null ? "-" : c.Name)).ToList();

        // EF Core: NorthwindJoinQueryTestBase.LeftJoin, the inner source filtered
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> LeftJoinOperatorWithFilteredInner(SalesContext db) =>
            db.Areas.LeftJoin(
                db.Customers.OwnContractsOnly(),
                a => a.Id,
                c => c.AreaId,
                (a, c) => a.Name + ":" + (c == null ? "-" : c.Name)).ToList();

        // EF Core: NorthwindJoinQueryTestBase.Join_select_many (a cross join with a correlating where)
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> SelectManyCrossJoin(SalesContext db) =>
            (from a in db.Areas
             from c in db.Customers
             where c.AreaId == a.Id
             select c.Name).ToList();

        // EF Core: NorthwindJoinQueryTestBase.Join_select_many, with the policy filter in the where
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> SelectManyCrossJoinFiltered(SalesContext db) =>
            (from a in db.Areas
             from c in db.Customers
             where c.AreaId == a.Id && c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort
             select c.Name).ToList();

        // EF Core: NorthwindSelectQueryTestBase.SelectMany_without_result_selector_naked_collection_navigation
        [Shape(ShapeKind.Join, Truth.Leaky)]
        public static List<string> SelectManyNavigation(SalesContext db) => db.Areas.SelectMany(a => a.Customers).Select(c => c.Name).ToList();

        // EF Core: NorthwindSelectQueryTestBase.SelectMany_without_result_selector_collection_navigation_composed, the navigation filtered
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> SelectManyNavigationFiltered(SalesContext db) =>
            db.Areas.SelectMany(a => a.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort))
                .Select(c => c.Name)
                .ToList();

        // EF Core: NorthwindJoinQueryTestBase.Join_customers_orders_projection on a context whose query filters cover both sides
        [Shape(ShapeKind.Join, Truth.Safe)]
        public static List<string> JoinUnderQueryFilters(FilteredContext db) =>
            (from i in db.Invoices
             join c in db.Customers on i.CustomerId equals c.Id
             select c.Name + ":" + i.Amount).ToList();
    }
}
