using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Microsoft.Data.Sqlite;
using Sales.Data;
using Sales.Domain;
using Sales.Oracle;

namespace Sales.Jobs
{
    /// <summary>The same jobs, corrected, each with one of the ways of being correct. RetailGuard stays quiet.</summary>
    public static class CorrectJobs
    {
        // Incident 1
        [Job(1, "Ledger search with the explicit filter", leaky: false)]
        public static List<string> LedgerSearch(JobContext ctx) =>
            ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.Name.Contains("o"))
                .OrderBy(c => c.Id).Select(c => c.Name).ToList();

        [Job(1, "Ledger search through the sanctioned filter", leaky: false)]
        public static List<string> LedgerSearchSanctioned(JobContext ctx) =>
            ctx.Db.Customers.OwnContractsOnly().Where(c => c.Name.Contains("o")).OrderBy(c => c.Id).Select(c => c.Name).ToList();

        [Job(1, "Ledger search in SQL with a parameter bound to the own constant", leaky: false)]
        public static List<Customer> LedgerSearchSql(JobContext ctx) =>
            ctx.Connection.Query<Customer>(
                "SELECT * FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT' AND name LIKE '%a%' ORDER BY id",
                new { own = RetailerCodes.Own }).ToList();

        // Incident 2
        [Job(2, "Arrears list joined with own contracts only", leaky: false)]
        public static object Arrears(JobContext ctx) =>
            (from i in ctx.Db.Invoices
             where !i.Paid
             join c in ctx.Db.Customers on i.CustomerId equals c.Id
             where c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort
             orderby i.Id
             select new { c.Name, i.Amount }).ToList();

        [Job(2, "Arrears list in SQL with the filter in the join", leaky: false)]
        public static List<ArrearsLine> ArrearsSql(JobContext ctx) =>
            ctx.Connection.Query<ArrearsLine>(
                "SELECT c.name AS Name, i.amount AS Amount FROM invoices i " +
                "JOIN customers c ON c.id = i.customer_id AND c.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT' " +
                "WHERE i.paid = 0 ORDER BY i.id").ToList();

        [Job(2, "Arrears count over own contracts", leaky: false)]
        public static int ArrearsCount(JobContext ctx) => ctx.Db.Customers.OwnContractsOnly().Count(c => c.UsageKwh > 0);

        // Incident 3
        [Job(3, "Customer detail by supply point, own contracts only", leaky: false)]
        public static Customer? DetailBySupplyPoint(JobContext ctx) =>
            ctx.Db.Customers.OwnContractsOnly().FirstOrDefault(c => c.SupplyPointId == ctx.Input("supplyPoint"));

        [Job(3, "Customer detail by key through the global query filter", leaky: false)]
        public static Customer? DetailByKey(JobContext ctx)
        {
            int id = int.Parse(ctx.Input("customerId"), CultureInfo.InvariantCulture);
            return ctx.FilteredDb.Customers.FirstOrDefault(c => c.Id == id);
        }

        [Job(3, "Customer detail through ADO.NET with the own parameter", leaky: false)]
        public static List<string> DetailAdo(JobContext ctx)
        {
            using var command = ctx.Connection.CreateCommand();
            command.CommandText = "SELECT name, address FROM customers WHERE supply_point_id = @sp AND retailer_code = @own AND contract_kind <> 'LAST_RESORT'";
            var sp = command.CreateParameter();
            sp.ParameterName = "@sp";
            sp.Value = ctx.Input("supplyPoint");
            command.Parameters.Add(sp);
            command.Parameters.Add(new SqliteParameter("@own", RetailerCodes.Own));
            var result = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(reader.GetString(0) + ", " + reader.GetString(1));
            }

            return result;
        }

        // Incident 4
        [Job(4, "Power purchase from generators selling to the own retailer", leaky: false)]
        public static List<string> PowerPurchase(JobContext ctx) =>
            ctx.Db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).OrderBy(g => g.Id).Select(g => g.Name).ToList();

        [Job(4, "Power purchase in SQL with the own code", leaky: false)]
        public static List<Generator> PowerPurchaseSql(JobContext ctx) =>
            ctx.Connection.Query<Generator>("SELECT * FROM generators WHERE purchaser_code = 'R0001' ORDER BY id").ToList();

        // Incident 5
        [Job(5, "Own customers, last-resort supply excluded", leaky: false)]
        public static object OwnCustomers(JobContext ctx) =>
            ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .OrderBy(c => c.Id).Select(c => new { c.Name, c.ContractKw }).ToList();

        [Job(5, "Own customers in SQL with NOT IN", leaky: false)]
        public static List<string> OwnCustomersSql(JobContext ctx) =>
            ctx.Connection.Query<string>("SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind NOT IN ('LAST_RESORT') ORDER BY id").ToList();

        [Job(5, "Own customers through the global query filter", leaky: false)]
        public static List<string> OwnCustomersGlobalFilter(JobContext ctx) => ctx.FilteredDb.Customers.Select(c => c.Name).ToList();

        // Incident 6
        [Job(6, "DWH extraction with the filter in the SELECT", leaky: false)]
        public static int DwhExtraction(JobContext ctx)
        {
            int copied = ctx.Connection.Execute(
                "INSERT INTO dwh_extract (name, address, contract_kind) SELECT name, address, contract_kind FROM customers " +
                "WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'");
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "DWH extraction through a stored procedure, with the own code bound to its parameter", leaky: false)]
        public static int DwhExtractionProcedure(JobContext ctx)
        {
            int copied = ctx.Connection.Execute("usp_dwh_extract_for_retailer", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "DWH extraction through a stored procedure that reads a view proven to apply the policy", leaky: false)]
        public static int DwhExtractionProcedureThroughView(JobContext ctx)
        {
            int copied = ctx.Connection.Execute("usp_dwh_extract_contracts", commandType: CommandType.StoredProcedure);
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "Matching file written from own contracts", leaky: false)]
        public static void MatchingCsv(JobContext ctx)
        {
            var rows = ctx.Db.Customers.OwnContractsOnly().Select(c => new { c.Name, c.Address, c.ContractKind }).ToList();
            using var writer = new StreamWriter(ctx.OutputPath("matching.csv"));
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteRecords(rows);
        }

        [Job(6, "The sales division's own e-forms", leaky: false)]
        public static List<string> SalesForms(JobContext ctx) => ctx.Db.SalesForms.Select(f => f.Title).ToList();

        // Incident 7
        [Job(7, "Contractor: own corporate customers, last-resort excluded", leaky: false)]
        public static void ContractorCorporate(JobContext ctx)
        {
            var rows = ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.Corporate)
                .OrderBy(c => c.Id).Select(c => c.Name + "," + c.ContractKw + "," + c.UsageKwh).ToList();
            ContractorFeed.Deliver(ctx, rows);
        }

        [Job(7, "Winter power-saving programme from own contracts", leaky: false)]
        public static void WinterProgramme(JobContext ctx)
        {
            using var stream = File.Create(ctx.OutputPath("winter.json"));
            JsonSerializer.Serialize(stream, ctx.Db.Customers.OwnContractsOnly().Where(c => c.UsageKwh > 4000).Select(c => new { c.Name, c.Address, c.UsageKwh }).ToList());
        }

        [Job(7, "Electric water-heater refresh through the sanctioned view", leaky: false)]
        public static void WaterHeaterRefresh(JobContext ctx)
        {
            var rows = ctx.Connection.Query<Customer>("SELECT * FROM own_customers WHERE water_heater = 1 ORDER BY id");
            File.WriteAllLines(ctx.OutputPath("heaters.txt"), rows.Select(r => r.Name + "," + r.Address));
        }

        [Job(7, "Contractor feed written by a helper from own contracts", leaky: false)]
        public static void ContractorViaHelper(JobContext ctx) =>
            FeedWriter.WriteFeed(ctx, ctx.Db.Customers.OwnContractsOnly().Where(c => c.Corporate).ToList());
    }
}
