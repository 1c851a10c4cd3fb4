using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;
using Sales.Library;

namespace Sales.Shapes.Reads
{
    /// <summary>Queries that come from another assembly (the shared data library): RetailGuard sees their signatures, not their bodies.</summary>
    public static class UnseenSourceShapes
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the root returned by another assembly's method
        [Shape(ShapeKind.UnseenSource, Truth.Leaky)]
        public static List<string> LibraryQueryRunAsIs(SalesContext db) => CustomerDirectory.Everyone(db).Select(c => c.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the library method does filter, out of sight
        [Shape(ShapeKind.UnseenSource, Truth.Safe, FailClosed = "the filter is inside another assembly's method body, which RetailGuard cannot see")]
        public static List<string> LibraryQueryThatFilters(SalesContext db) => CustomerDirectory.OwnContracts(db).Select(c => c.Name).ToList();

        // EF Core: FromSqlQueryTestBase.FromSqlRaw_queryable_composed: judged by what the chain applies after the unseen source
        [Shape(ShapeKind.UnseenSource, Truth.Safe)]
        public static List<string> LibraryQueryFilteredAfter(SalesContext db) =>
            CustomerDirectory.Everyone(db)
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query through a generic IRepository<T>.Query() of another assembly
        [Shape(ShapeKind.UnseenSource, Truth.Leaky)]
        public static List<string> LibraryRepositoryQuery(SalesContext db)
        {
            IRepository<Customer> repository = new EfRepository<Customer>(db);
            return repository.Query().Select(c => c.Name).ToList();
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query through IRepository<T>.Query(), filtered after
        [Shape(ShapeKind.UnseenSource, Truth.Safe)]
        public static List<string> LibraryRepositoryQueryFilteredAfter(SalesContext db)
        {
            IRepository<Customer> repository = new EfRepository<Customer>(db);
            return repository.Query().OwnContractsOnly().Select(c => c.Name).ToList();
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Count_query through another assembly's generic Query<T>
        [Shape(ShapeKind.UnseenSource, Truth.Leaky)]
        public static int LibraryGenericQueryOfGenerators(SalesContext db) => CustomerDirectory.Query<Generator>(db).Count();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Count_query through another assembly's generic Query<T> of an unprotected entity
        [Shape(ShapeKind.UnseenSource, Truth.Safe)]
        public static int LibraryGenericQueryOfAreas(SalesContext db) => CustomerDirectory.Query<SupplyArea>(db).Count();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query: the context's query filter applies inside the library
        [Shape(ShapeKind.UnseenSource, Truth.Safe, FailClosed = "what another assembly's repository returns cannot be seen, even over a context whose query filter would apply")]
        public static List<string> LibraryRepositoryOverQueryFilter(FilteredContext db)
        {
            IRepository<Customer> repository = new EfRepository<Customer>(db);
            return repository.Query().Select(c => c.Name).ToList();
        }
    }
}
