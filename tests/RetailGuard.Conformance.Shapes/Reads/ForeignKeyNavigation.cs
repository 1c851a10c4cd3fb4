using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;

namespace Sales.Shapes.Reads
{
    /// <summary>The key of a reference navigation (<c>i.Customer.Id</c>) is the foreign key: EF Core reads no customer row for it.</summary>
    public static class ForeignKeyNavigationShapes
    {
        // EF Core: ComplexNavigationsQueryTestBase.Navigation_key_access_required_comparison
        [Shape(ShapeKind.ForeignKeyNavigation, Truth.Safe)]
        public static List<int> NavigationKeyInWhere(SalesContext db) =>
            db.Invoices.Where(i => i.Customer.Id == 3).Select(i => i.Amount).ToList();

        // EF Core: NorthwindSelectQueryTestBase.Custom_projection_reference_navigation_PK_to_FK_optimization
        [Shape(ShapeKind.ForeignKeyNavigation, Truth.Safe)]
        public static List<int> NavigationKeyProjected(SalesContext db) =>
            db.Invoices.Where(i => i.CustomerId <= 5).OrderBy(i => i.Id).Select(i => i.Customer.Id).ToList();

        // EF Core: ComplexNavigationsQueryTestBase.Order_by_key_of_navigation_similar_to_projected_gets_optimized_into_FK_access
        [Shape(ShapeKind.ForeignKeyNavigation, Truth.Safe)]
        public static List<int> NavigationKeyInOrderBy(SalesContext db) =>
            db.Invoices.Where(i => i.CustomerId < 6).OrderBy(i => i.Customer.Id).Select(i => i.Amount).ToList();

        // EF Core: NorthwindNavigationsQueryTestBase.Select_Navigation (a non-key column of the navigation): reads every customer's name
        [Shape(ShapeKind.ForeignKeyNavigation, Truth.Leaky)]
        public static List<string> NavigationColumnProjected(SalesContext db) =>
            db.Invoices.OrderBy(i => i.Id).Select(i => i.Customer.Name).ToList();

        // EF Core: NorthwindNavigationsQueryTestBase.Select_Where_Navigation: the key selects, a non-key column is read
        [Shape(ShapeKind.ForeignKeyNavigation, Truth.Leaky)]
        public static List<string> NavigationKeyThenColumn(SalesContext db) =>
            db.Invoices.Where(i => i.Customer.Id == 200).Select(i => i.Customer.SupplyPointId).ToList();
    }
}
