using System;
using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values.Drafts
{
    /// <summary>A method named like the sanctioned filter, in a class the policy does not name (in its own namespace, so it never wins extension lookup).</summary>
    public static class CustomerScopeDraft
    {
        public static IQueryable<Customer> OwnContractsOnly(this IQueryable<Customer> query) => query.Where(c => c.RetailerCode == RetailerCodes.Own);
    }
}

namespace Sales.Shapes.Values
{
    /// <summary>The sanctioned filter called, passed as a method group, wrapped in a lambda.</summary>
    public static class SanctionedFilterShapes
    {
        // Proof form: the sanctioned filter called as an extension method
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Safe)]
        public static List<string> CalledAsExtension(SalesContext db) => db.Customers.OwnContractsOnly().Select(c => c.Name).ToList();

        // Proof form: the sanctioned filter called as a static method
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Safe)]
        public static List<string> CalledStatically(SalesContext db) => CustomerScope.OwnContractsOnly(db.Customers).Select(c => c.Name).ToList();

        // Proof form: the sanctioned filter in a delegate local, then invoked
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Safe)]
        public static List<string> MethodGroupInALocal(SalesContext db)
        {
            Func<IQueryable<Customer>, IQueryable<Customer>> scope = CustomerScope.OwnContractsOnly;
            return scope(db.Customers).Select(c => c.Name).ToList();
        }

        // Proof form: the sanctioned filter applied to a query that is not the one read
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Leaky)]
        public static List<string> AppliedToAnotherQuery(SalesContext db)
        {
            var own = db.Customers.OwnContractsOnly();
            return db.Customers.Select(c => c.Name).ToList();
        }

        // Proof form: the sanctioned filter applied after the rows were loaded
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Leaky)]
        public static List<string> AppliedAfterLoading(SalesContext db) =>
            db.Customers.ToList().AsQueryable().OwnContractsOnly().Select(c => c.Name).ToList();

        // Proof form: a method with the sanctioned filter's name in another class
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Leaky)]
        public static List<string> LookalikeInAnotherClass(SalesContext db) => Drafts.CustomerScopeDraft.OwnContractsOnly(db.Customers).Select(c => c.Name).ToList();
    }

    public static class SanctionedFilterAsMethodGroupArgument
    {
        private static List<string> Names(IQueryable<Customer> customers, Func<IQueryable<Customer>, IQueryable<Customer>> scope) =>
            scope(customers).Select(c => c.Name).ToList();

        // Proof form: the sanctioned filter passed as a method group to a helper
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db.Customers, CustomerScope.OwnContractsOnly);
    }

    public static class SanctionedFilterWrappedInLambda
    {
        private static List<string> Names(IQueryable<Customer> customers, Func<IQueryable<Customer>, IQueryable<Customer>> scope) =>
            scope(customers).Select(c => c.Name).ToList();

        // Proof form: the sanctioned filter wrapped in a lambda passed to a helper
        [Shape(ShapeKind.SanctionedFilterForm, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db.Customers, q => q.OwnContractsOnly());
    }
}
