using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    public static class PrivateHelperEveryCallOwn
    {
        private static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: a private helper's parameter that every call site passes the own constant
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own).Concat(Names(db, SalesCodes.Current)).ToList();
    }

    public static class PrivateHelperOneCallRival
    {
        private static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: one call site of the private helper passes a rival's code
        [Shape(ShapeKind.CallSiteParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own).Concat(Names(db, RetailerCodes.Rival)).ToList();
    }

    public static class InternalHelperEveryCallOwn
    {
        internal static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: an internal helper's parameter that every call site in the compilation passes the own constant
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own);
    }

    public static class PublicHelperOwnCaller
    {
        public static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: a public helper called with the own constant; other assemblies may call it with anything
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe, FailClosed = "a public method's parameter can receive any value from another assembly")]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own);
    }

    public static class LocalFunctionEveryCallOwn
    {
        // Proof form: a local function's parameter that every call passes the own constant
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            return Names(RetailerCodes.Own);

            List<string> Names(string retailer) =>
                db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class LocalFunctionCalledWithRival
    {
        // Proof form: a local function called once with the own constant and once with a rival's code
        [Shape(ShapeKind.CallSiteParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            return Names(RetailerCodes.Own).Concat(Names("R0003")).ToList();

            List<string> Names(string retailer) =>
                db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class LambdaEveryCallOwn
    {
        // Proof form: a lambda's parameter that every invocation passes the own constant
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            Func<string, List<string>> names = retailer =>
                db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
            return names(RetailerCodes.Own);
        }
    }

    public static class HelperArgumentFromEnvironment
    {
        private static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: the argument comes from outside the program (an unset variable, so a rival's fallback)
        [Shape(ShapeKind.CallSiteParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Names(db, Environment.GetEnvironmentVariable("SALES_RETAILER_UNSET") ?? "R0002");
    }

    public static class OptionalFilterHelperWithOwnCode
    {
        private static IQueryable<Customer> ApplyStandardFilter(IQueryable<Customer> query, string? retailer)
        {
            if (retailer != null)
            {
                query = query.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort);
            }

            return query;
        }

        // Proof form: a filter helper that filters only when given a code, judged with this call's argument (the own constant)
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) => ApplyStandardFilter(db.Customers, RetailerCodes.Own).Select(c => c.Name).ToList();
    }

    public static class OptionalFilterHelperWithoutCode
    {
        private static IQueryable<Customer> ApplyStandardFilter(IQueryable<Customer> query, string? retailer)
        {
            if (retailer != null)
            {
                query = query.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort);
            }

            return query;
        }

        // Proof form: the same helper called without a code: it filters nothing
        [Shape(ShapeKind.CallSiteParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => ApplyStandardFilter(db.Customers, null).Select(c => c.Name).ToList();
    }

    public static class SqlParameterFromEveryCallSite
    {
        private static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code = {0} AND contract_kind <> 'LAST_RESORT'", retailer).Select(c => c.Name).ToList();

        // Proof form: a SQL parameter bound from a private helper's parameter that every call site passes the own constant
        [Shape(ShapeKind.CallSiteParameter, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own);
    }

    public static class SqlParameterFromARivalCallSite
    {
        private static List<string> Names(SalesContext db, string retailer) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code = {0} AND contract_kind <> 'LAST_RESORT'", retailer).Select(c => c.Name).ToList();

        // Proof form: the same SQL helper with one call site passing a rival's code
        [Shape(ShapeKind.CallSiteParameter, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Names(db, RetailerCodes.Own).Concat(Names(db, "R0002")).ToList();
    }
}
