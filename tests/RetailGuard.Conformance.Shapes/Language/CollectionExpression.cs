using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;
using Sales.Shapes.Model;

namespace Sales.Shapes.Language
{
    /// <summary>C# 12 collection expressions wherever EF Core reads a collection: filter names, Contains sets, SQL parameter arrays.</summary>
    public static class CollectionExpressionShapes
    {
        private static readonly ImmutableArray<string> OwnGroup = [RetailerCodes.Own];

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, the names as a collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Safe)]
        public static List<string> IgnoreUnrelatedFilterByCollectionExpression(NamedFiltersContext db) =>
            db.Customers.IgnoreQueryFilters([NamedFiltersContext.Active]).Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Named_query_filters_ignore_some, ignoring the retailer filter by a collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Leaky)]
        public static List<string> IgnoreRetailerFilterByCollectionExpression(NamedFiltersContext db) =>
            db.Customers.IgnoreQueryFilters([NamedFiltersContext.Active, NamedFiltersContext.Retailer]).Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, the set as a collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Safe)]
        public static List<string> ContainsOwnCollectionExpression(SalesContext db)
        {
            string[] codes = [RetailerCodes.Own];
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, a rival in the collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Leaky)]
        public static List<string> ContainsCollectionExpressionWithRival(SalesContext db)
        {
            List<string> codes = [RetailerCodes.Own, RetailerCodes.Rival];
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, a spread of an own set
        [Shape(ShapeKind.CollectionExpression, Truth.Safe)]
        public static List<string> ContainsSpreadOfOwnSet(SalesContext db)
        {
            string[] codes = [.. OwnGroup];
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_with_parameters, the parameter array as a collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Safe)]
        public static List<string> SqlParametersByCollectionExpression(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code IN ({0}) AND contract_kind <> {1}", [RetailerCodes.Own, ContractKinds.LastResort])
                .Select(c => c.Name)
                .ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_with_parameters, a rival's code in the collection expression
        [Shape(ShapeKind.CollectionExpression, Truth.Leaky)]
        public static List<string> SqlParametersByCollectionExpressionWithRival(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code IN ({0}, {1}) AND contract_kind <> {2}", [RetailerCodes.Own, RetailerCodes.Rival, ContractKinds.LastResort])
                .Select(c => c.Name)
                .ToList();
    }
}
