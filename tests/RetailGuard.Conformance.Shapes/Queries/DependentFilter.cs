using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Queries
{
    /// <summary>
    /// Invoices filtered through their required navigation to own contracts; the customers themselves have no filter.
    /// Reading a customer through an invoice reads only customers the invoice filter lets through.
    /// </summary>
    public class OwnInvoicesContext : SalesContext
    {
        public OwnInvoicesContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>The same, with an invoice filter that forgets the last-resort exclusion.</summary>
    public class OwnRetailerInvoicesContext : SalesContext
    {
        public OwnRetailerInvoicesContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.Customer.RetailerCode == RetailerCodes.Own);
    }

    public static class DependentFilterShapes
    {
        // EF Core: NorthwindQueryFiltersQueryTestBase.Project_reference_that_itself_has_query_filter_with_another_reference:
        // the dependent's filter restricts the navigation it reads
        [Shape(ShapeKind.DependentFilter, Truth.Safe)]
        public static List<string> NavigationColumnThroughDependentFilter(OwnInvoicesContext db) =>
            db.Invoices.OrderBy(i => i.Id).Select(i => i.Customer.Name + ":" + i.Amount).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Included_many_to_one_query, the principal included under the dependent's filter
        [Shape(ShapeKind.DependentFilter, Truth.Safe)]
        public static List<string> IncludeThroughDependentFilter(OwnInvoicesContext db) =>
            db.Invoices.Include(i => i.Customer).OrderBy(i => i.Id).ToList().Select(i => i.Customer.Name).ToList();

        // EF Core: ModelValidatorTest.Required_navigation_with_query_filter_on_one_side_issues_a_warning: the principal itself is not filtered
        [Shape(ShapeKind.DependentFilter, Truth.Leaky)]
        public static List<string> PrincipalReadDirectly(OwnInvoicesContext db) => db.Customers.Select(c => c.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Project_reference_that_itself_has_query_filter_with_another_reference; the dependent's filter keeps last-resort contracts
        [Shape(ShapeKind.DependentFilter, Truth.Leaky)]
        public static List<string> DependentFilterWithoutExclusion(OwnRetailerInvoicesContext db) =>
            db.Invoices.OrderBy(i => i.Id).Select(i => i.Customer.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.GroupBy_aggregate_through_filtered_navigation_ignore_query_filters, with only a dependent filter to lose
        [Shape(ShapeKind.DependentFilter, Truth.Leaky)]
        public static List<string> DependentFilterIgnored(OwnInvoicesContext db) =>
            db.Invoices.IgnoreQueryFilters().OrderBy(i => i.Id).Select(i => i.Customer.Name).ToList();

        // EF Core: NorthwindQueryFiltersQueryTestBase.Navs_query: a collection navigation of another principal is not restricted by the invoice filter
        [Shape(ShapeKind.DependentFilter, Truth.Leaky)]
        public static List<int> OtherNavigationToThePrincipal(OwnInvoicesContext db) =>
            db.Areas.OrderBy(a => a.Id).Select(a => a.Customers.Count).ToList();
    }
}
