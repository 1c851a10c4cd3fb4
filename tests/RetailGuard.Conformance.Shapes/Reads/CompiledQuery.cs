using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    public static class CompiledDbSetQuery
    {
        private static readonly Func<SalesContext, IEnumerable<Customer>> Query = EF.CompileQuery((SalesContext db) => db.Customers);

        // EF Core: NorthwindCompiledQueryTestBase.DbSet_query
        [Shape(ShapeKind.CompiledQuery, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Query(db).Select(c => c.Name).ToList();
    }

    public static class CompiledQueryWithOwnFilter
    {
        private static readonly Func<SalesContext, IEnumerable<string>> Query = EF.CompileQuery((SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name));

        // EF Core: NorthwindCompiledQueryTestBase.DbSet_query, with the policy filter compiled in
        [Shape(ShapeKind.CompiledQuery, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Query(db).ToList();
    }

    public static class CompiledAsyncQueryFirstByKey
    {
        private static readonly Func<SalesContext, int, Task<Customer>> Query =
            EF.CompileAsyncQuery((SalesContext db, int id) => db.Customers.First(c => c.Id == id));

        // EF Core: NorthwindCompiledQueryTestBase.First_query_with_single_parameter_async
        [Shape(ShapeKind.CompiledQuery, Truth.Leaky)]
        public static async Task<string> Run(SalesContext db) => (await Query(db, 200)).Name;
    }

    public static class CompiledQueryThroughQueryFilter
    {
        private static readonly Func<FilteredContext, int, IEnumerable<Customer>> Query =
            EF.CompileQuery((FilteredContext db, int id) => db.Customers.Where(c => c.Id == id));

        // EF Core: NorthwindQueryFiltersQueryTestBase.Compiled_query
        [Shape(ShapeKind.CompiledQuery, Truth.Safe)]
        public static List<string> Run(FilteredContext db) => Query(db, 200).Concat(Query(db, 3)).Select(c => c.Name).ToList();
    }

    public static class CompiledQueryWithRetailerParameter
    {
        private static readonly Func<SalesContext, string, IEnumerable<Customer>> Query = EF.CompileQuery((SalesContext db, string code) =>
            db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort));

        // EF Core: NorthwindCompiledQueryTestBase.Query_with_single_parameter, invoked with a rival's code
        [Shape(ShapeKind.CompiledQuery, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Query(db, RetailerCodes.Rival).Select(c => c.Name).ToList();
    }

    public static class CompiledQueryWithOwnRetailerArgument
    {
        private static readonly Func<SalesContext, string, IEnumerable<Customer>> Query = EF.CompileQuery((SalesContext db, string code) =>
            db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort));

        // EF Core: NorthwindCompiledQueryTestBase.Query_with_single_parameter: the only invocation passes the own code
        [Shape(ShapeKind.CompiledQuery, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Query(db, RetailerCodes.Own).Select(c => c.Name).ToList();
    }

    public static class CompiledAsyncEnumerableOfGenerators
    {
        private static readonly Func<SalesContext, IAsyncEnumerable<Generator>> Query = EF.CompileAsyncQuery((SalesContext db) => db.Generators);

        // EF Core: NorthwindCompiledQueryTestBase.DbSet_query_async
        [Shape(ShapeKind.CompiledQuery, Truth.Leaky)]
        public static async Task<List<string>> Run(SalesContext db)
        {
            var names = new List<string>();
            await foreach (var generator in Query(db))
            {
                names.Add(generator.Name);
            }

            return names;
        }
    }
}
