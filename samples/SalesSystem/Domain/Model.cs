using System.ComponentModel.DataAnnotations.Schema;

namespace Sales.Domain
{
    /// <summary>Retailer codes (小売電気事業者コード).</summary>
    public static class RetailerCodes
    {
        public const string Own = "R0001";
    }

    public static class ContractKinds
    {
        public const string LowVoltage = "LOW_VOLTAGE";
        public const string HighVoltage = "HIGH_VOLTAGE";

        /// <summary>Last-resort supply (最終保障供給): a contract with the transmission company, not with retail.</summary>
        public const string LastResort = "LAST_RESORT";
    }

    /// <summary>The shared customer table: every customer in the area, whoever they buy power from.</summary>
    [Table("customers")]
    public class Customer
    {
        [Column("id")] public int Id { get; set; }
        [Column("name")] public string Name { get; set; } = "";
        [Column("address")] public string Address { get; set; } = "";
        [Column("retailer_code")] public string RetailerCode { get; set; } = "";
        [Column("contract_kind")] public string ContractKind { get; set; } = "";
        [Column("supply_point_id")] public string SupplyPointId { get; set; } = "";
        [Column("contract_kw")] public int ContractKw { get; set; }
        [Column("usage_kwh")] public int UsageKwh { get; set; }
        [Column("corporate")] public bool Corporate { get; set; }
        [Column("water_heater")] public bool WaterHeater { get; set; }
    }

    [Table("invoices")]
    public class Invoice
    {
        [Column("id")] public int Id { get; set; }
        [Column("customer_id")] public int CustomerId { get; set; }
        [Column("amount")] public int Amount { get; set; }
        [Column("paid")] public bool Paid { get; set; }
    }

    /// <summary>Generators selling power, to the own retailer, to rivals or to the transmission company.</summary>
    [Table("generators")]
    public class Generator
    {
        [Column("id")] public int Id { get; set; }
        [Column("name")] public string Name { get; set; } = "";
        [Column("purchaser_code")] public string PurchaserCode { get; set; } = "";
        [Column("receiving_point_id")] public string ReceivingPointId { get; set; } = "";
    }

    /// <summary>Electronic forms of the transmission division (電子帳票): restricted.</summary>
    [Table("nw_eforms")]
    public class NwEForm
    {
        [Column("id")] public int Id { get; set; }
        [Column("title")] public string Title { get; set; } = "";
        [Column("generator_name")] public string GeneratorName { get; set; } = "";
        [Column("reading_date")] public string ReadingDate { get; set; } = "";
    }

    /// <summary>Electronic forms of the sales division.</summary>
    [Table("sales_forms")]
    public class SalesForm
    {
        [Column("id")] public int Id { get; set; }
        [Column("title")] public string Title { get; set; } = "";
    }
}
