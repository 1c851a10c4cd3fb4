using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    /// <summary><c>ownCodes.Contains(c.RetailerCode)</c>: own when every element is own and nothing changes the set before the query runs.</summary>
    public static class OwnSetShapes
    {
        private static readonly ImmutableArray<string> OwnGroup = ImmutableArray.Create(RetailerCodes.Own);

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, with an array
        [Shape(ShapeKind.OwnSet, Truth.Safe)]
        public static List<string> ArrayOfOwnCodes(SalesContext db)
        {
            var codes = new[] { RetailerCodes.Own };
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, with a list
        [Shape(ShapeKind.OwnSet, Truth.Safe)]
        public static List<string> ListOfOwnCodes(SalesContext db)
        {
            var codes = new List<string> { RetailerCodes.Own, SalesCodes.OwnLiteral };
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, with a HashSet
        [Shape(ShapeKind.OwnSet, Truth.Safe)]
        public static List<string> HashSetOfOwnCodes(SalesContext db)
        {
            var codes = new HashSet<string> { RetailerCodes.Own };
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, with a static readonly ImmutableArray
        [Shape(ShapeKind.OwnSet, Truth.Safe)]
        public static List<string> ImmutableArrayOfOwnCodes(SalesContext db) =>
            db.Customers.Where(c => OwnGroup.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // EF Core: NorthwindCompiledQueryTestBase.Query_with_array_parameter, the array written inside the lambda
        [Shape(ShapeKind.OwnSet, Truth.Safe)]
        public static List<string> InlineArrayOfOwnCodes(SalesContext db) =>
            db.Customers.Where(c => new[] { RetailerCodes.Own }.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // EF Core: AdHocQueryFiltersQueryTestBase.Query_filter_with_contains_evaluates_correctly, a rival's code in the array
        [Shape(ShapeKind.OwnSet, Truth.Leaky)]
        public static List<string> ArrayWithARivalCode(SalesContext db)
        {
            var codes = new[] { RetailerCodes.Own, "R0003" };
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an own list with a rival's code added before the query runs
        [Shape(ShapeKind.OwnSet, Truth.Leaky)]
        public static List<string> ListAddedToBeforeQuery(SalesContext db)
        {
            var codes = new List<string> { RetailerCodes.Own };
            codes.Add(RetailerCodes.Rival);
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an own array whose element is overwritten before the query runs
        [Shape(ShapeKind.OwnSet, Truth.Leaky)]
        public static List<string> ArrayElementWrittenBeforeQuery(SalesContext db)
        {
            var codes = new[] { RetailerCodes.Own };
            codes[0] = "R0003";
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: the set holds a rival's code and is negated
        [Shape(ShapeKind.OwnSet, Truth.Leaky)]
        public static List<string> NegatedSetOfRivals(SalesContext db)
        {
            var rivals = new[] { RetailerCodes.Rival };
            return db.Customers.Where(c => !rivals.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class SetPassedToMutatingHelper
    {
        private static void AddPartners(ICollection<string> codes) => codes.Add(RetailerCodes.Rival);

        // Proof form: the set escapes to a method that adds a rival's code before the query runs
        [Shape(ShapeKind.OwnSet, Truth.Leaky)]
        public static List<string> Run(SalesContext db)
        {
            var codes = new HashSet<string> { RetailerCodes.Own };
            AddPartners(codes);
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }

    public static class SetPassedToReadingHelper
    {
        private static int Describe(IEnumerable<string> codes) => codes.Count();

        // Proof form: the set escapes to a method that only reads it
        [Shape(ShapeKind.OwnSet, Truth.Safe, FailClosed = "the set escapes to another method before the query runs; what that method does to it is not followed")]
        public static List<string> Run(SalesContext db)
        {
            var codes = new List<string> { RetailerCodes.Own };
            int count = Describe(codes);
            return db.Customers.Where(c => codes.Contains(c.RetailerCode) && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name + count).ToList();
        }
    }
}
