using System.Collections.Generic;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace Sales.Domain
{
    /// <summary>Retailer codes (小売電気事業者コード) as stored in <c>customers.retailer_code</c> and <c>generators.purchaser_code</c>.</summary>
    public static class RetailerCodes
    {
        /// <summary>The own retailer: the only code the sales system may read.</summary>
        public const string Own = "R0001";

        /// <summary>A rival retailer (新電力).</summary>
        public const string Rival = "R0002";
    }

    /// <summary>Contract kinds in <c>customers.contract_kind</c>.</summary>
    public static class ContractKinds
    {
        public const string LowVoltage = "LOW_VOLTAGE";

        public const string HighVoltage = "HIGH_VOLTAGE";

        /// <summary>Last-resort supply (最終保障供給): a contract with the transmission company, never readable by retail.</summary>
        public const string LastResort = "LAST_RESORT";
    }

    /// <summary>The shared customer table: every customer in the area, whoever supplies them. Protected.</summary>
    [Table("customers")]
    public class Customer
    {
        [Column("id")]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        [Column("name")]
        public string Name { get; set; } = "";

        [Column("retailer_code")]
        public string RetailerCode { get; set; } = "";

        [Column("contract_kind")]
        public string ContractKind { get; set; } = "";

        [Column("supply_point_id")]
        public string SupplyPointId { get; set; } = "";

        [Column("usage_kwh")]
        public int UsageKwh { get; set; }

        [Column("area_id")]
        public int AreaId { get; set; }

        public SupplyArea? Area { get; set; }

        /// <summary>The meter at the supply point: an owned type, stored in the customer's row.</summary>
        public MeterInfo Meter { get; set; } = new MeterInfo();

        /// <summary>Monthly readings: an owned collection, stored in its own table.</summary>
        public List<MeterReading> Readings { get; set; } = new List<MeterReading>();

        public List<Invoice> Invoices { get; set; } = new List<Invoice>();
    }

    /// <summary>A corporate customer (法人): a subtype in the customer hierarchy when a context maps it.</summary>
    public class CorporateCustomer : Customer
    {
        [Column("corporate_number")]
        public string CorporateNumber { get; set; } = "";
    }

    /// <summary>A residential customer (個人): a subtype in the customer hierarchy when a context maps it.</summary>
    public class ResidentialCustomer : Customer
    {
        [Column("water_heater")]
        public bool WaterHeater { get; set; }
    }

    [Owned]
    public class MeterInfo
    {
        [Column("meter_number")]
        public string MeterNumber { get; set; } = "";

        [Column("meter_multiplier")]
        public int Multiplier { get; set; }
    }

    [Owned]
    public class MeterReading
    {
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        public int Month { get; set; }

        public int Kwh { get; set; }
    }

    /// <summary>Invoices refer to customers; the table has no retailer column of its own, so it is not protected itself.</summary>
    [Table("invoices")]
    public class Invoice
    {
        [Column("id")]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        [Column("customer_id")]
        public int CustomerId { get; set; }

        public Customer Customer { get; set; } = null!;

        [Column("amount")]
        public int Amount { get; set; }

        [Column("paid")]
        public bool Paid { get; set; }
    }

    /// <summary>A supply area: the same rows in every database, with customers of every retailer in it.</summary>
    [Table("supply_areas")]
    public class SupplyArea
    {
        [Column("id")]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        [Column("name")]
        public string Name { get; set; } = "";

        public List<Customer> Customers { get; set; } = new List<Customer>();
    }

    /// <summary>Generators selling power, to the own retailer, to rivals or to the transmission company. Protected by purchaser.</summary>
    [Table("generators")]
    public class Generator
    {
        [Column("id")]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        [Column("name")]
        public string Name { get; set; } = "";

        [Column("purchaser_code")]
        public string PurchaserCode { get; set; } = "";
    }

    /// <summary>Electronic forms of the transmission division (電子帳票): restricted, the sales side reads none of them.</summary>
    [Table("nw_eforms")]
    public class NwEForm
    {
        [Column("id")]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int Id { get; set; }

        [Column("title")]
        public string Title { get; set; } = "";

        [Column("generator_name")]
        public string GeneratorName { get; set; } = "";
    }
}

namespace Sales.Services
{
    /// <summary>
    /// The retailer the application runs for, as the running application knows it (configuration, the signed-in context).
    /// The policy lists <see cref="Code"/> and <see cref="GetRetailerCode"/> under <c>ownRetailer.symbols</c>; <see cref="PartnerCode"/> is
    /// another retailer's code and is not listed.
    /// </summary>
    public interface ICurrentRetailer
    {
        string Code { get; }

        string PartnerCode { get; }

        string GetRetailerCode();
    }
}
