using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    /// <summary>A row type for a grouped SQL query.</summary>
    public sealed class RetailerCount
    {
        public string Retailer { get; set; } = "";

        public int Customers { get; set; }
    }

    /// <summary>One condition written in many equivalent forms, and comparisons that only look like the filter.</summary>
    public static class EquivalentFormShapes
    {
        // Proof form: !(a != b) and !(a == b)
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> NegatedInequality(SalesContext db) =>
            db.Customers.Where(c => !(c.RetailerCode != RetailerCodes.Own) && !(c.ContractKind == ContractKinds.LastResort)).Select(c => c.Name).ToList();

        // Proof form: (a != b) == false
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> InequalityEqualsFalse(SalesContext db) =>
            db.Customers.Where(c => (c.RetailerCode != RetailerCodes.Own) == false && (c.ContractKind == ContractKinds.LastResort) == false).Select(c => c.Name).ToList();

        // Proof form: a.Equals(b)
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> InstanceEquals(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode.Equals(RetailerCodes.Own) && !c.ContractKind.Equals(ContractKinds.LastResort)).Select(c => c.Name).ToList();

        // Proof form: string.Equals(a, b)
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> StaticStringEquals(SalesContext db) =>
            db.Customers.Where(c => string.Equals(c.RetailerCode, RetailerCodes.Own) && !string.Equals(c.ContractKind, ContractKinds.LastResort)).Select(c => c.Name).ToList();

        // Proof form: the constant on the left
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> ReversedOperands(SalesContext db) =>
            db.Customers.Where(c => RetailerCodes.Own == c.RetailerCode && ContractKinds.LastResort != c.ContractKind).Select(c => c.Name).ToList();

        // Proof form: || of two comparisons that are both own
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> OrOfTwoOwnComparisons(SalesContext db) =>
            db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own || c.RetailerCode == SalesCodes.OwnLiteral) && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // Proof form: a self-comparison only looks like the filter
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> SelfComparison(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == c.RetailerCode && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: a LIKE pattern only looks like the filter
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> LikePattern(SalesContext db) =>
            db.Customers.Where(c => EF.Functions.Like(c.RetailerCode, "R000%") && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: || with a condition that is not itself own
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> OrWithAnotherCondition(SalesContext db) =>
            db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own || c.UsageKwh > 60000) && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // Proof form: in SQL, IN with one value is =, and NOT (a = b) is a <> b
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> SqlInWithOneValue(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code IN ('R0001') AND NOT (contract_kind = 'LAST_RESORT')").Select(c => c.Name).ToList();

        // Proof form: in SQL, NOT (col <> own) is col = own
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> SqlNegatedInequality(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE NOT (retailer_code <> 'R0001') AND contract_kind <> 'LAST_RESORT'").Select(c => c.Name).ToList();

        // Proof form: in SQL, UPPER of the retailer column compared with the own code in the same case
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> SqlUpperOfRetailerColumn(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE UPPER(retailer_code) = 'R0001' AND contract_kind <> 'LAST_RESORT'").Select(c => c.Name).ToList();

        // Proof form: in SQL, HAVING on the grouped retailer column restricts the groups that come out
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> SqlHavingOnRetailerColumn(SalesContext db) =>
            db.Database.SqlQueryRaw<RetailerCount>(
                    "SELECT retailer_code AS Retailer, COUNT(*) AS Customers FROM customers WHERE contract_kind <> 'LAST_RESORT' GROUP BY retailer_code HAVING retailer_code = 'R0001'")
                .ToList()
                .Select(r => r.Retailer + ":" + r.Customers)
                .ToList();

        // Proof form: in SQL, a LIKE pattern only looks like the filter
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> SqlLikePattern(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE retailer_code LIKE 'R%' AND contract_kind <> 'LAST_RESORT'").Select(c => c.Name).ToList();

        // Proof form: in SQL, OR with a condition that is not itself own
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> SqlOrWithAnotherCondition(SalesContext db) =>
            db.Customers.FromSqlRaw("SELECT * FROM customers WHERE (retailer_code = 'R0001' OR usage_kwh > 60000) AND contract_kind <> 'LAST_RESORT'").Select(c => c.Name).ToList();
    }

    public static class NameofThatSpellsTheOwnCode
    {
        private const int R0001 = 1;

        // Proof form: a text that equals the own code only by accident (nameof of an unrelated member)
        [Shape(ShapeKind.EquivalentForm, Truth.Safe, FailClosed = "the text equals the own code by accident: nameof names a member, it does not hold the retailer code")]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == nameof(R0001) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name + R0001).ToList();
    }

    public static class SwitchEveryArmOwn
    {
        // Proof form: a switch expression whose every arm is own
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> Run(SalesContext db)
        {
            string code = Environment.ProcessorCount switch
            {
                1 => RetailerCodes.Own,
                _ => SalesCodes.OwnLiteral,
            };
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class SwitchWithARivalArm
    {
        // Proof form: a switch expression with an arm that is a rival's code (the arm that runs)
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            string code = Environment.ProcessorCount switch
            {
                0 => RetailerCodes.Own,
                _ => RetailerCodes.Rival,
            };
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class IsPatternGuard
    {
        private static List<string> Names(SalesContext db, string retailer)
        {
            if (retailer is not RetailerCodes.Own)
            {
                return new List<string>();
            }

            return db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an is-pattern guard lets only the own code reach the query
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, Environment.GetEnvironmentVariable("SALES_RETAILER_UNSET") ?? RetailerCodes.Rival);
    }

    public static class StringEqualsOrdinalGuard
    {
        private static List<string> Names(SalesContext db, string retailer)
        {
            if (!string.Equals(retailer, RetailerCodes.Own, StringComparison.Ordinal))
            {
                return new List<string>();
            }

            return db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: string.Equals(a, b, StringComparison.Ordinal) as a guard (EF Core does not translate the comparison overloads)
        [Shape(ShapeKind.EquivalentForm, Truth.Safe)]
        public static List<string> Run(SalesContext db) => Names(db, Environment.GetEnvironmentVariable("SALES_RETAILER_UNSET") ?? RetailerCodes.Rival);
    }

    public static class IsPatternGuardInverted
    {
        private static List<string> Names(SalesContext db, string retailer)
        {
            if (retailer is RetailerCodes.Own)
            {
                return new List<string>();
            }

            return db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: the is-pattern guard is the wrong way round: only other codes reach the query
        [Shape(ShapeKind.EquivalentForm, Truth.Leaky)]
        public static List<string> Run(SalesContext db) => Names(db, Environment.GetEnvironmentVariable("SALES_RETAILER_UNSET") ?? RetailerCodes.Rival);
    }
}
