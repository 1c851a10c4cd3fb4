using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>Owned types are stored with their owner and read with it: the owner's filter is their filter.</summary>
    public static class OwnedTypeShapes
    {
        // EF Core: OwnedQueryTestBase.Navigation_rewrite_on_owned_reference_projecting_scalar
        [Shape(ShapeKind.OwnedType, Truth.Leaky)]
        public static List<string> OwnedReferenceProjected(SalesContext db) => db.Customers.Select(c => c.Meter.MeterNumber).ToList();

        // EF Core: OwnedQueryTestBase.Navigation_rewrite_on_owned_reference_projecting_entity, under the owner's query filter
        [Shape(ShapeKind.OwnedType, Truth.Safe)]
        public static List<string> OwnedReferenceUnderOwnerFilter(FilteredContext db) =>
            db.Customers.AsNoTracking().Select(c => c.Meter).ToList().Select(m => m.MeterNumber + "x" + m.Multiplier).ToList();

        // EF Core: OwnedQueryTestBase.SelectMany_on_owned_collection
        [Shape(ShapeKind.OwnedType, Truth.Leaky)]
        public static List<int> OwnedCollectionSelectMany(SalesContext db) => db.Customers.SelectMany(c => c.Readings).Select(r => r.Kwh).ToList();

        // EF Core: OwnedQueryTestBase.SelectMany_on_owned_collection, the owners filtered first
        [Shape(ShapeKind.OwnedType, Truth.Safe)]
        public static List<int> OwnedCollectionOfFilteredOwners(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .SelectMany(c => c.Readings)
                .Select(r => r.Kwh)
                .ToList();

        // EF Core: OwnedQueryTestBase.Navigation_rewrite_on_owned_collection_with_composition, the owned column in the Where
        [Shape(ShapeKind.OwnedType, Truth.Leaky)]
        public static int OwnedColumnInWhere(SalesContext db) => db.Customers.Count(c => c.Meter.Multiplier > 10);

        // EF Core: OwnedQueryTestBase.Navigation_rewrite_on_owned_reference_followed_by_regular_entity, from the dependent side under filters
        [Shape(ShapeKind.OwnedType, Truth.Safe)]
        public static List<string> OwnedReferenceThroughNavigationUnderFilters(FilteredContext db) =>
            db.Invoices.OrderBy(i => i.Id).Select(i => i.Customer.Meter.MeterNumber).ToList();
    }
}
