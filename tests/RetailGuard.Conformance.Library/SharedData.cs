using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Domain;

namespace Sales.Library
{
    /// <summary>Customer queries offered by a shared company data library.</summary>
    public static class CustomerDirectory
    {
        /// <summary>Every customer row, whoever supplies it.</summary>
        public static IQueryable<Customer> Everyone(DbContext db) => db.Set<Customer>();

        /// <summary>The own retailer's contracts, last-resort supply excluded.</summary>
        public static IQueryable<Customer> OwnContracts(DbContext db) =>
            db.Set<Customer>().Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);

        /// <summary>Every row of any entity.</summary>
        public static IQueryable<T> Query<T>(DbContext db)
            where T : class => db.Set<T>();
    }

    /// <summary>A generic repository, as data-access libraries offer it.</summary>
    public interface IRepository<T>
        where T : class
    {
        IQueryable<T> Query();
    }

    /// <summary>The library's EF Core repository: every row of <typeparamref name="T"/> the context's filters let through.</summary>
    public sealed class EfRepository<T> : IRepository<T>
        where T : class
    {
        private readonly DbContext _db;

        public EfRepository(DbContext db) => _db = db;

        public IQueryable<T> Query() => _db.Set<T>();
    }

    /// <summary>Model-building extensions of a multi-tenancy library: each installs a query filter on the customer entity.</summary>
    public static class RetailerTenancy
    {
        /// <summary>Scopes customers to the own retailer's contracts, last-resort supply excluded.</summary>
        public static EntityTypeBuilder<Customer> IsRetailerScoped(this EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);

        /// <summary>Scopes customers to the own retailer only; last-resort contracts stay visible.</summary>
        public static EntityTypeBuilder<Customer> IsRetailerTenant(this EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
    }
}
