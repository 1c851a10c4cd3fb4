namespace RetailGuard.CompileCost.Generation
{
    /// <summary>
    /// The parts of the generated sales system every feature uses: the domain, the EF Core model (a global query filter on
    /// supply contracts, navigations), the sanctioned filter, the SQL objects of the database and the policy.
    /// </summary>
    internal static class SharedSources
    {
        public const string Domain = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations.Schema;

            namespace Sales.Domain
            {
                /// <summary>Retailer codes: the own one.</summary>
                public static class RetailerCodes
                {
                    public const string Own = "R0001";
                }

                public static class ContractKinds
                {
                    public const string LowVoltage = "LOW_VOLTAGE";
                    public const string HighVoltage = "HIGH_VOLTAGE";
                    public const string LastResort = "LAST_RESORT";
                }

                [Table("customers")]
                public class Customer
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("address")] public string Address { get; set; } = "";
                    [Column("phone")] public string Phone { get; set; } = "";
                    [Column("retailer_code")] public string RetailerCode { get; set; } = "";
                    [Column("contract_kind")] public string ContractKind { get; set; } = "";
                    [Column("supply_point_id")] public string SupplyPointId { get; set; } = "";
                    [Column("region_id")] public int RegionId { get; set; }
                    [Column("usage_kwh")] public int UsageKwh { get; set; }
                    [Column("corporate")] public bool Corporate { get; set; }
                    public Region? Region { get; set; }
                    public List<Invoice> Invoices { get; set; } = new List<Invoice>();
                }

                [Table("supply_contracts")]
                public class SupplyContract
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("customer_id")] public int CustomerId { get; set; }
                    [Column("retailer_code")] public string RetailerCode { get; set; } = "";
                    [Column("tariff_code")] public string TariffCode { get; set; } = "";
                    [Column("contract_kw")] public int ContractKw { get; set; }
                    [Column("starts_on")] public DateTime StartsOn { get; set; }
                }

                [Table("generators")]
                public class Generator
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("purchaser_code")] public string PurchaserCode { get; set; } = "";
                    [Column("capacity_kw")] public int CapacityKw { get; set; }
                }

                [Table("nw_eforms")]
                public class NwEForm
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("title")] public string Title { get; set; } = "";
                    [Column("generator_name")] public string GeneratorName { get; set; } = "";
                }

                [Table("invoices")]
                public class Invoice
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("customer_id")] public int CustomerId { get; set; }
                    [Column("amount")] public decimal Amount { get; set; }
                    [Column("paid")] public bool Paid { get; set; }
                    [Column("issued_on")] public DateTime IssuedOn { get; set; }
                    public Customer? Customer { get; set; }
                }

                [Table("products")]
                public class Product
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("code")] public string Code { get; set; } = "";
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("category")] public string Category { get; set; } = "";
                    [Column("price")] public decimal Price { get; set; }
                    [Column("active")] public bool Active { get; set; }
                }

                [Table("tariffs")]
                public class Tariff
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("code")] public string Code { get; set; } = "";
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("unit_price")] public decimal UnitPrice { get; set; }
                    [Column("valid_from")] public DateTime ValidFrom { get; set; }
                }

                [Table("meter_readings")]
                public class MeterReading
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("supply_point_id")] public string SupplyPointId { get; set; } = "";
                    [Column("read_on")] public DateTime ReadOn { get; set; }
                    [Column("kwh")] public int Kwh { get; set; }
                }

                [Table("regions")]
                public class Region
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("prefecture")] public string Prefecture { get; set; } = "";
                }

                [Table("campaigns")]
                public class Campaign
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("name")] public string Name { get; set; } = "";
                    [Column("starts_on")] public DateTime StartsOn { get; set; }
                    [Column("budget")] public decimal Budget { get; set; }
                }

                [Table("audit_log")]
                public class AuditEntry
                {
                    [Column("id")] public int Id { get; set; }
                    [Column("at")] public DateTime At { get; set; }
                    [Column("actor")] public string Actor { get; set; } = "";
                    [Column("action")] public string Action { get; set; } = "";
                }
            }
            """;

        public const string Data = """
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.IO;
            using System.Linq;
            using CsvHelper;
            using Microsoft.EntityFrameworkCore;
            using Sales.Domain;

            namespace Sales.Data
            {
                public class SalesDbContext : DbContext
                {
                    public SalesDbContext(DbContextOptions<SalesDbContext> options)
                        : base(options)
                    {
                    }

                    public DbSet<Customer> Customers => Set<Customer>();
                    public DbSet<SupplyContract> SupplyContracts => Set<SupplyContract>();
                    public DbSet<Generator> Generators => Set<Generator>();
                    public DbSet<NwEForm> NwEForms => Set<NwEForm>();
                    public DbSet<Invoice> Invoices => Set<Invoice>();
                    public DbSet<Product> Products => Set<Product>();
                    public DbSet<Tariff> Tariffs => Set<Tariff>();
                    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();
                    public DbSet<Region> Regions => Set<Region>();
                    public DbSet<Campaign> Campaigns => Set<Campaign>();
                    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

                    protected override void OnModelCreating(ModelBuilder modelBuilder)
                    {
                        modelBuilder.Entity<SupplyContract>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
                        modelBuilder.Entity<Invoice>().HasOne(i => i.Customer).WithMany(c => c.Invoices).HasForeignKey(i => i.CustomerId);
                        modelBuilder.Entity<Customer>().HasOne(c => c.Region).WithMany().HasForeignKey(c => c.RegionId);
                    }
                }

                /// <summary>The sanctioned filter: own contracts, last-resort supply excluded.</summary>
                public static class CustomerScope
                {
                    public static IQueryable<Customer> OwnContractsOnly(this IQueryable<Customer> query) =>
                        query.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }

                public static class ProductQueries
                {
                    public static IQueryable<Product> Active(this IQueryable<Product> query) => query.Where(p => p.Active);

                    public static IQueryable<Product> InCategory(this IQueryable<Product> query, string category) =>
                        query.Where(p => p.Category == category).OrderBy(p => p.Name);
                }

                /// <summary>Writes rows as CSV: the one place files are written from.</summary>
                public static class CsvExport
                {
                    public static void Write<T>(string path, IEnumerable<T> rows)
                    {
                        using var writer = new StreamWriter(path);
                        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                        csv.WriteRecords(rows);
                    }
                }
            }
            """;

        /// <summary>The database's views and procedures, as the project's .sql file.</summary>
        public const string SqlObjects = """
            -- Views and procedures of the sales database.
            CREATE VIEW own_customers AS
                SELECT id, name, address, region_id FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT';
            GO
            CREATE VIEW v_customer_contacts AS
                SELECT id, name, phone, region_id FROM customers;
            GO
            CREATE VIEW v_product_prices AS
                SELECT p.code, p.name, t.unit_price FROM products p JOIN tariffs t ON t.code = p.code WHERE p.active = 1;
            GO
            CREATE PROCEDURE usp_invoice_totals
                @retailer NVARCHAR(10)
            AS
            BEGIN
                SELECT c.id AS CustomerId, SUM(i.amount) AS Total
                FROM invoices i JOIN customers c ON c.id = i.customer_id
                WHERE c.retailer_code = @retailer AND c.contract_kind <> 'LAST_RESORT'
                GROUP BY c.id
            END
            GO
            CREATE PROCEDURE usp_product_list
                @category NVARCHAR(40)
            AS
            BEGIN
                SELECT id, code, name, price FROM products WHERE category = @category AND active = 1
            END
            GO
            """;

        public const string Policy = """
            {
              "ownRetailer": { "codes": ["R0001"], "symbols": ["Sales.Domain.RetailerCodes.Own"] },
              "protectedTables": [
                { "table": "customers", "entity": "Sales.Domain.Customer",
                  "retailerColumn": "retailer_code", "retailerProperty": "RetailerCode",
                  "excluded": [ { "column": "contract_kind", "property": "ContractKind",
                                  "values": ["LAST_RESORT"], "symbols": ["Sales.Domain.ContractKinds.LastResort"] } ],
                  "sanctionedViews": ["own_customers"] },
                { "table": "supply_contracts", "entity": "Sales.Domain.SupplyContract",
                  "retailerColumn": "retailer_code", "retailerProperty": "RetailerCode" },
                { "table": "generators", "entity": "Sales.Domain.Generator",
                  "retailerColumn": "purchaser_code", "retailerProperty": "PurchaserCode" }
              ],
              "restrictedTables": [
                { "table": "nw_eforms", "entity": "Sales.Domain.NwEForm", "reason": "electronic forms of the transmission division" }
              ],
              "sanctionedFilters": ["Sales.Data.CustomerScope.OwnContractsOnly"],
              "sqlDialect": "tsql"
            }
            """;
    }
}
