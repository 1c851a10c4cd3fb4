using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    /// <summary>ExecuteUpdate and ExecuteDelete: they touch the rows their query selects, under the query filters.</summary>
    public static class BulkUpdateShapes
    {
        // EF Core: NorthwindBulkUpdatesTestBase.Delete_Where
        [Shape(ShapeKind.BulkUpdate, Truth.Leaky)]
        public static int ExecuteDeleteOfGenerators(SalesContext db) => db.Generators.Where(g => g.Id > 0).ExecuteDelete();

        // EF Core: NorthwindBulkUpdatesTestBase.Delete_Where_parameter, restricted to the own purchaser
        [Shape(ShapeKind.BulkUpdate, Truth.Safe)]
        public static int ExecuteDeleteOfOwnGenerators(SalesContext db) =>
            db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).ExecuteDelete();

        // EF Core: FiltersInheritanceBulkUpdatesTestBase.Update_base_type: the query filter applies to ExecuteUpdate
        [Shape(ShapeKind.BulkUpdate, Truth.Safe)]
        public static int ExecuteUpdateThroughQueryFilter(FilteredContext db) =>
            db.Customers.ExecuteUpdate(s => s.SetProperty(c => c.UsageKwh, c => c.UsageKwh + 1));

        // EF Core: FiltersInheritanceBulkUpdatesTestBase.Update_base_type, with the query filters turned off
        [Shape(ShapeKind.BulkUpdate, Truth.Leaky)]
        public static int ExecuteUpdateIgnoringQueryFilters(FilteredContext db) =>
            db.Customers.IgnoreQueryFilters().ExecuteUpdate(s => s.SetProperty(c => c.UsageKwh, 0));

        // EF Core: NorthwindBulkUpdatesTestBase.Update_Where_set_constant, without the last-resort exclusion
        [Shape(ShapeKind.BulkUpdate, Truth.Leaky)]
        public static int ExecuteUpdateWithoutExclusion(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ExecuteUpdate(s => s.SetProperty(c => c.UsageKwh, 0));
    }
}
