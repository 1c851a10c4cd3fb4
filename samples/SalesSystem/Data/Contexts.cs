using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Domain;

namespace Sales.Data
{
    public class SalesDbContext : DbContext
    {
        public SalesDbContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<Customer> Customers => Set<Customer>();

        public DbSet<Invoice> Invoices => Set<Invoice>();

        public DbSet<Generator> Generators => Set<Generator>();

        public DbSet<NwEForm> NwEForms => Set<NwEForm>();

        public DbSet<SalesForm> SalesForms => Set<SalesForm>();
    }

    /// <summary>The same tables behind a global query filter: every query on customers is restricted to own contracts.</summary>
    public class FilteredSalesContext : DbContext
    {
        public FilteredSalesContext(DbContextOptions options)
            : base(options)
        {
        }

        public DbSet<Customer> Customers => Set<Customer>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    /// <summary>The sanctioned filter: own contracts, last-resort supply excluded.</summary>
    public static class CustomerScope
    {
        public static IQueryable<Customer> OwnContractsOnly(this IQueryable<Customer> query) =>
            query.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }
}
