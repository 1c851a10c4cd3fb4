using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Domain;

namespace Sales.Shapes
{
    /// <summary>The sales system's context with no query filter: every read must filter for itself.</summary>
    public class SalesContext : DbContext
    {
        public SalesContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Invoice> Invoices => Set<Invoice>();

        public DbSet<Generator> Generators => Set<Generator>();

        public DbSet<NwEForm> NwEForms => Set<NwEForm>();

        public DbSet<SupplyArea> Areas => Set<SupplyArea>();
    }

    /// <summary>
    /// The same tables behind global query filters that meet the policy: customers restricted to own contracts
    /// without last-resort supply, invoices to those customers' invoices, generators to the own purchaser.
    /// </summary>
    public class FilteredContext : SalesContext
    {
        public FilteredContext(DbContextOptions options)
            : base(options)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort);
            modelBuilder.Entity<Generator>().HasQueryFilter(g => g.PurchaserCode == RetailerCodes.Own);
        }
    }

    /// <summary>The sanctioned filter named in the policy: own contracts, last-resort supply excluded.</summary>
    public static class CustomerScope
    {
        public static IQueryable<Customer> OwnContractsOnly(this IQueryable<Customer> query) =>
            query.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }
}
