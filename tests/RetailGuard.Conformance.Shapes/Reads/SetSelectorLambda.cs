using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    public static class SelectorRepositoryRunAsIs
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public List<T> All(SalesContext db) => _select(db).ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works (a DbSet chosen by a lambda); the generic code runs it unfiltered
        [Shape(ShapeKind.SetSelectorLambda, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => new SelectorRepository<Customer>(d => d.Customers).All(db).Select(c => c.Name).ToList();
    }

    public static class SelectorRepositoryWithCallerPredicate
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public List<T> Where(SalesContext db, Expression<Func<T, bool>> predicate) => _select(db).Where(predicate).ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works; the read happens where the generic code runs it, with the caller's predicate
        [Shape(ShapeKind.SetSelectorLambda, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            new SelectorRepository<Customer>(d => d.Customers)
                .Where(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();
    }

    public static class SelectorRepositoryOfAreas
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public List<T> All(SalesContext db) => _select(db).ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works, with an unprotected entity
        [Shape(ShapeKind.SetSelectorLambda, Truth.Safe)]
        public static List<string> Run(SalesContext db) => new SelectorRepository<SupplyArea>(d => d.Areas).All(db).Select(a => a.Name).ToList();
    }

    public static class SelectorFilteredInsideLambda
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public List<T> All(SalesContext db) => _select(db).ToList();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works, the selector itself applies the policy filter
        [Shape(ShapeKind.SetSelectorLambda, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            new SelectorRepository<Customer>(d => d.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort))
                .All(db)
                .Select(c => c.Name)
                .ToList();
    }

    public static class SelectorNeverRun
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public bool Configured => _select != null;
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works; a selector handed over but never run reads nothing
        [Shape(ShapeKind.SetSelectorLambda, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            var repository = new SelectorRepository<Customer>(d => d.Customers);
            return repository.Configured ? db.Areas.Select(a => a.Name).ToList() : new List<string>();
        }
    }

    public static class SelectorOfRestrictedForms
    {
        private sealed class SelectorRepository<T>
        {
            private readonly Func<SalesContext, IQueryable<T>> _select;

            public SelectorRepository(Func<SalesContext, IQueryable<T>> select) => _select = select;

            public int Count(SalesContext db) => _select(db).Count();
        }

        // EF Core: QueryFilterFuncletizationTestBase.Using_DbSet_in_filter_works, selecting the restricted table
        [Shape(ShapeKind.SetSelectorLambda, Truth.Leaky)]
        public static int Run(SalesContext db) => new SelectorRepository<NwEForm>(d => d.NwEForms).Count(db);
    }
}
