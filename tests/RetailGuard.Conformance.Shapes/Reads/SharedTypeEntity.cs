using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Reads
{
    /// <summary>
    /// The customer class mapped twice as shared-type entity types (current and archived customers), read with
    /// <c>Set&lt;Customer&gt;(name)</c>. Only the archive has a query filter.
    /// </summary>
    public class CustomerArchiveContext : DbContext
    {
        public const string Current = "CurrentCustomers";

        public const string Archived = "ArchivedCustomers";

        public CustomerArchiveContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.SharedTypeEntity<Customer>(Current, b =>
            {
                b.ToTable("customers");
                b.Ignore(c => c.Invoices);
                b.Ignore(c => c.Area);
            });
            modelBuilder.SharedTypeEntity<Customer>(Archived, b =>
            {
                b.ToTable("archived_customers");
                b.Ignore(c => c.Invoices);
                b.Ignore(c => c.Area);
                b.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            });
        }
    }

    public static class SharedTypeEntityShapes
    {
        // EF Core: SharedTypeQueryTestBase.Can_use_shared_type_entity_type_in_query_filter (Set<T>(name) as a query root)
        [Shape(ShapeKind.SharedTypeEntity, Truth.Leaky)]
        public static List<string> SharedTypeSetWithoutFilter(CustomerArchiveContext db) =>
            db.Set<Customer>(CustomerArchiveContext.Current).Select(c => c.Name).ToList();

        // EF Core: SharedTypeQueryTestBase.Can_use_shared_type_entity_type_in_query_filter, filtered in the query
        [Shape(ShapeKind.SharedTypeEntity, Truth.Safe)]
        public static List<string> SharedTypeSetFilteredInQuery(CustomerArchiveContext db) =>
            db.Set<Customer>(CustomerArchiveContext.Current)
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name)
                .ToList();

        // EF Core: SharedTypeQueryTestBase.Can_use_shared_type_entity_type_in_query_filter: the filter of the named entity type applies
        [Shape(ShapeKind.SharedTypeEntity, Truth.Safe)]
        public static List<string> SharedTypeSetWithQueryFilter(CustomerArchiveContext db) =>
            db.Set<Customer>(CustomerArchiveContext.Archived).Select(c => c.Name).ToList();

        // EF Core: SharedTypeQueryTestBase.Can_use_shared_type_entity_type_in_query_filter, with the filter turned off
        [Shape(ShapeKind.SharedTypeEntity, Truth.Leaky)]
        public static int SharedTypeSetIgnoringQueryFilter(CustomerArchiveContext db) =>
            db.Set<Customer>(CustomerArchiveContext.Archived).IgnoreQueryFilters().Count();

        // EF Core: SharedTypeQueryTestBase.Can_use_shared_type_entity_type_in_query_filter: a filter on one name does not cover the other
        [Shape(ShapeKind.SharedTypeEntity, Truth.Leaky)]
        public static int SharedTypeSetOfTheUnfilteredName(CustomerArchiveContext db) =>
            db.Set<Customer>(CustomerArchiveContext.Current).Count(c => c.UsageKwh > 1000);
    }
}
