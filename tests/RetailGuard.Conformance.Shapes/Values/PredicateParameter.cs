using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    public static class PredicateFromEveryCaller
    {
        private static List<string> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) =>
            db.Customers.Where(predicate).Select(c => c.Name).ToList();

        // Proof form: a predicate parameter that every caller fills with a predicate meeting the policy
        [Shape(ShapeKind.PredicateParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            Names(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Concat(Names(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.UsageKwh > 5000))
                .ToList();
    }

    public static class PredicateOneCallerPassesTrue
    {
        private static List<string> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) =>
            db.Customers.Where(predicate).Select(c => c.Name).ToList();

        // Proof form: one caller passes _ => true
        [Shape(ShapeKind.PredicateParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) =>
            Names(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Concat(Names(db, _ => true)).ToList();
    }

    public static class PredicateWeakenedWithOr
    {
        private static List<string> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) =>
            db.Customers.Where(predicate).Select(c => c.Name).ToList();

        // Proof form: the caller's predicate is the filter || another condition
        [Shape(ShapeKind.PredicateParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) =>
            Names(db, c => (c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort) || c.UsageKwh > 60000);
    }

    public static class PredicateCompletedInHelper
    {
        private static List<string> Names(SalesContext db, Expression<Func<Customer, bool>> retailer) =>
            db.Customers.Where(c => c.ContractKind != ContractKinds.LastResort).Where(retailer).Select(c => c.Name).ToList();

        // Proof form: the helper adds the exclusion, the only caller's predicate the retailer condition
        [Shape(ShapeKind.PredicateParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, c => c.RetailerCode == RetailerCodes.Own);
    }

    public static class QueryTransformFromEveryCaller
    {
        private static List<string> Names(SalesContext db, Func<IQueryable<Customer>, IQueryable<Customer>> scope) =>
            scope(db.Customers).Select(c => c.Name).ToList();

        // Proof form: a Func<IQueryable<T>, IQueryable<T>> parameter that every caller fills with a filtering transform
        [Shape(ShapeKind.PredicateParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) =>
            Names(db, q => q.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort));
    }

    public static class QueryTransformIdentity
    {
        private static List<string> Names(SalesContext db, Func<IQueryable<Customer>, IQueryable<Customer>> scope) =>
            scope(db.Customers).Select(c => c.Name).ToList();

        // Proof form: a caller passes the identity transform
        [Shape(ShapeKind.PredicateParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Names(db, q => q);
    }

    public static class PublicPredicateHelper
    {
        public static List<string> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) =>
            db.Customers.Where(predicate).Select(c => c.Name).ToList();

        // Proof form: a public helper's predicate; this caller passes the policy filter, other assemblies may not
        [Shape(ShapeKind.PredicateParameter, Truth.Safe, FailClosed = "a public method's predicate parameter can receive any predicate from another assembly")]
        public static List<string> Run(SalesContext db) =>
            Names(db, c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    public static class PredicateOfLocalFunction
    {
        // Proof form: a local function's predicate parameter, every call meeting the policy
        [Shape(ShapeKind.PredicateParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            return Names(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);

            List<string> Names(Expression<Func<Customer, bool>> predicate) => db.Customers.Where(predicate).Select(c => c.Name).ToList();
        }
    }
}
