using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    /// <summary>A row type for SQL queries of unmapped types.</summary>
    public sealed class CustomerRow
    {
        public string Name { get; set; } = "";

        public string RetailerCode { get; set; } = "";

        public string ContractKind { get; set; } = "";
    }

    /// <summary>Raw SQL: FromSql* on a DbSet (EF Core composes the query filters and the LINQ after it), SqlQuery and SqlQueryRaw.</summary>
    public static class RawSqlShapes
    {
        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_simple
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> FromSqlRawWithoutFilter(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers").Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_simple, the filter in the SQL text
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> FromSqlRawFilteredInSql(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'").Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_composed: EF Core composes the Where over the SQL
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> FromSqlRawComposedWithFilter(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers")
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_composed, composed with the retailer condition only
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> FromSqlRawComposedWithoutExclusion(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers").Where(c => c.RetailerCode == RetailerCodes.Own).Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_simple on a context with a query filter: EF Core applies it over the SQL
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> FromSqlRawUnderQueryFilter(FilteredContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers").Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_simple, query filter turned off
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> FromSqlRawIgnoringQueryFilter(FilteredContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers").IgnoreQueryFilters().Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_with_parameters
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> FromSqlRawWithOwnParameters(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code = {0} AND contract_kind <> {1}", RetailerCodes.Own, ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlInterpolated_queryable_with_parameters_interpolated
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> FromSqlInterpolatedWithOwnParameters(SalesContext db) =>
            db.Customers.FromSqlInterpolated($"SELECT * FROM customers WHERE retailer_code = {RetailerCodes.Own} AND contract_kind <> {ContractKinds.LastResort}")
                .Select(c => c.Name)
                .ToList();

        // EF Core: FromSqlQueryTestBase.FromSql_queryable_with_parameters_interpolated, with a rival's code
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> FromSqlWithRivalParameter(SalesContext db)
        {
            string code = "R0002";
            return db.Customers.FromSql($"SELECT * FROM customers WHERE retailer_code = {code}").Select(c => c.Name).ToList();
        }

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_simple on the restricted table
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> FromSqlRawOfRestrictedForms(SalesContext db) =>
            db.NwEForms.FromSqlRaw("SELECT * FROM nw_eforms").Select(f => f.Title).ToList();

        // EF Core: SqlQueryTestBase.SqlQueryRaw_queryable_simple (a scalar SqlQuery)
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> SqlQueryOfNamesWithoutFilter(SalesContext db) =>
            db.Database.SqlQuery<string>($"SELECT name AS Value FROM customers").ToList();

        // EF Core: SqlQueryTestBase.SqlQueryRaw_queryable_with_parameters_inline
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static List<string> SqlQueryRawFilteredInSql(SalesContext db) =>
            db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'").ToList();

        // EF Core: SqlQueryTestBase.SqlQueryRaw_queryable_simple on the generators
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static List<string> SqlQueryRawOfGenerators(SalesContext db) =>
            db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM generators").ToList();

        // EF Core: SqlQueryTestBase.SqlQueryRaw_queryable_simple, the rows written to an extraction file
        [Shape(ShapeKind.RawSql, Truth.Leaky)]
        public static int SqlQueryRawExported(SalesContext db, TextWriter extract)
        {
            var names = db.Database.SqlQueryRaw<string>("SELECT supply_point_id AS Value FROM customers ORDER BY id").ToList();
            foreach (string name in names)
            {
                extract.WriteLine(name);
            }

            return names.Count > 0 ? 1 : 0;
        }

        // EF Core: SqlQueryTestBase.SqlQueryRaw_queryable_with_parameters_inline, the filtered rows written to an extraction file
        [Shape(ShapeKind.RawSql, Truth.Safe)]
        public static int SqlQueryRawFilteredExported(SalesContext db, TextWriter extract)
        {
            var names = db.Database
                .SqlQueryRaw<string>("SELECT supply_point_id AS Value FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT' ORDER BY id")
                .ToList();
            foreach (string name in names)
            {
                extract.WriteLine(name);
            }

            return names.Count;
        }

        // EF Core: SqlQueryTestBase.SqlQueryRaw_composed_with_predicate: the LINQ after SqlQuery filters an unmapped row type
        [Shape(ShapeKind.RawSql, Truth.Safe, FailClosed = "the Where after SqlQuery<T> filters a property of an unmapped row type, which the policy does not name; only the SQL text is judged")]
        public static List<string> SqlQueryComposedOverUnmappedType(SalesContext db) =>
            db.Database.SqlQuery<CustomerRow>($"SELECT name AS Name, retailer_code AS RetailerCode, contract_kind AS ContractKind FROM customers")
                .Where(r => r.RetailerCode == RetailerCodes.Own && r.ContractKind != ContractKinds.LastResort)
                .Select(r => r.Name)
                .ToList();
    }
}
