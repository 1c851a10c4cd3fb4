namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>The sales-system model every test compiles against: entities, constants and a DbContext on the real EF Core.</summary>
    public static class TestDomain
    {
        public const string Source = @"
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;

namespace Sales.Domain
{
    public static class RetailerCodes
    {
        public const string Own = ""R0001"";
        public const string Rival = ""R0002"";
        public static readonly string OwnReadonly = ""R0001"";
    }

    public static class ContractKinds
    {
        public const string LastResort = ""LAST_RESORT"";
        public const string LowVoltage = ""LOW_VOLTAGE"";
    }

    public class Customer
    {
        public int Id { get; set; }
        public string Name { get; set; } = """";
        public string Address { get; set; } = """";
        public string RetailerCode { get; set; } = """";
        public string ContractKind { get; set; } = """";
        public string SupplyPointId { get; set; } = """";
        public decimal Arrears { get; set; }
        public List<Invoice> Invoices { get; set; } = new List<Invoice>();
    }

    public class Invoice
    {
        public int Id { get; set; }
        public int CustomerId { get; set; }
        public Customer Customer { get; set; } = null!;
        public decimal Amount { get; set; }
    }

    public class Generator
    {
        public int Id { get; set; }
        public string Name { get; set; } = """";
        public string PurchaserCode { get; set; } = """";
    }

    public class NwEForm
    {
        public int Id { get; set; }
        public string Title { get; set; } = """";
    }
}

namespace Sales.Data
{
    using Sales.Domain;

    public class SalesContext : DbContext
    {
        public DbSet<Customer> Customers => Set<Customer>();
        public DbSet<Invoice> Invoices => Set<Invoice>();
        public DbSet<Generator> Generators => Set<Generator>();
        public DbSet<NwEForm> NwEForms => Set<NwEForm>();
    }

    public class FilteredContext : DbContext
    {
        public DbSet<Customer> Customers { get; set; } = null!;

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
        }
    }

    public static class CustomerScope
    {
        public static IQueryable<Customer> OwnContractsOnly(this IQueryable<Customer> query) =>
            query.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }
}
";

        /// <summary>The policy of the tests: customers and generators protected, NW e-forms restricted.</summary>
        public const string Policy = @"{
  ""$schema"": ""./retailguard.schema.json"",
  ""ownRetailer"": { ""codes"": [""R0001""], ""symbols"": [""Sales.Domain.RetailerCodes.Own"", ""Sales.Domain.RetailerCodes.OwnReadonly""] },
  ""protectedTables"": [
    { ""table"": ""customers"", ""entity"": ""Sales.Domain.Customer"",
      ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"",
      ""excluded"": [ { ""column"": ""contract_kind"", ""property"": ""ContractKind"",
                      ""values"": [""LAST_RESORT""], ""symbols"": [""Sales.Domain.ContractKinds.LastResort""] } ],
      ""sanctionedViews"": [""own_customers""] },
    { ""table"": ""generators"", ""entity"": ""Sales.Domain.Generator"",
      ""retailerColumn"": ""purchaser_code"", ""retailerProperty"": ""PurchaserCode"" }
  ],
  ""restrictedTables"": [ { ""table"": ""nw_eforms"", ""entity"": ""Sales.Domain.NwEForm"", ""reason"": ""transmission division only"" } ]
}";

        /// <summary>The same policy with a sanctioned filter method.</summary>
        public static string PolicyWithSanctionedFilter => Policy.Substring(0, Policy.LastIndexOf('}')).TrimEnd() +
            @",
  ""sanctionedFilters"": [""Sales.Data.CustomerScope.OwnContractsOnly""]
}";
    }
}
