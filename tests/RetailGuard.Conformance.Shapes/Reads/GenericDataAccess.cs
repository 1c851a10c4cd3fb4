using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    public static class GenericRepositoryOfCustomers
    {
        private sealed class Repository<T>
            where T : class
        {
            private readonly DbContext _db;

            public Repository(DbContext db) => _db = db;

            public List<T> All() => _db.Set<T>().ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_Context_set_method_in_filter_works (Set<T>() as the root), inside a generic repository
        [Shape(ShapeKind.GenericDataAccess, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => new Repository<Customer>(db).All().Select(c => c.Name).ToList();
    }

    public static class GenericRepositoryOfAreas
    {
        private sealed class Repository<T>
            where T : class
        {
            private readonly DbContext _db;

            public Repository(DbContext db) => _db = db;

            public List<T> All() => _db.Set<T>().ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_Context_set_method_in_filter_works, instantiated only with an unprotected entity
        [Shape(ShapeKind.GenericDataAccess, Truth.Safe)]
        public static List<string> Run(SalesContext db) => new Repository<SupplyArea>(db).All().Select(a => a.Name).ToList();
    }

    public static class GenericRepositoryUnderQueryFilter
    {
        private sealed class Repository<T>
            where T : class
        {
            private readonly FilteredContext _db;

            public Repository(FilteredContext db) => _db = db;

            public List<T> All() => _db.Set<T>().ToList();
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query through Set<T>() of a generic repository
        [Shape(ShapeKind.GenericDataAccess, Truth.Safe)]
        public static List<string> Run(FilteredContext db) =>
            new Repository<Customer>(db).All().Select(c => c.Name).Concat(new Repository<Generator>(db).All().Select(g => g.Name)).ToList();
    }

    public static class GenericCountOfGenerators
    {
        private static int CountOf<T>(DbContext db)
            where T : class => db.Set<T>().Count();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Count_query through a generic helper, on a context without filters
        [Shape(ShapeKind.GenericDataAccess, Truth.Leaky)]
        public static int Run(SalesContext db) => CountOf<SupplyArea>(db) + CountOf<Generator>(db);
    }

    public static class GenericCountUnderQueryFilter
    {
        private static int CountOf<T>(DbContext db)
            where T : class => db.Set<T>().Count();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Count_query through a generic helper, every instantiation filtered
        [Shape(ShapeKind.GenericDataAccess, Truth.Safe)]
        public static int Run(FilteredContext db) => CountOf<SupplyArea>(db) + CountOf<Generator>(db) + CountOf<Customer>(db);
    }

    public static class GenericRepositoryOfForms
    {
        private sealed class Repository<T>
            where T : class
        {
            private readonly DbContext _db;

            public Repository(DbContext db) => _db = db;

            public int Count() => _db.Set<T>().Count();
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Count_query through a generic repository instantiated with an unprotected and a restricted entity
        [Shape(ShapeKind.GenericDataAccess, Truth.Leaky)]
        public static int Run(SalesContext db) => new Repository<SupplyArea>(db).Count() + new Repository<NwEForm>(db).Count();
    }

    public static class GenericQueryWithCallerPredicate
    {
        private static List<T> Where<T>(DbContext db, Expression<Func<T, bool>> predicate)
            where T : class => db.Set<T>().Where(predicate).ToList();

        // EF Core: QueryFilterFuncletizationTestBase.Using_Context_set_method_in_filter_works, the predicate from the only caller
        [Shape(ShapeKind.GenericDataAccess, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            Where<Customer>(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }
}
