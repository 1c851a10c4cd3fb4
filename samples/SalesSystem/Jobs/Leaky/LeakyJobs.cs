using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Sales.Domain;
using Sales.Oracle;

namespace Sales.Jobs
{
    /// <summary>The extraction mistakes of the 2023 report, as they were. RetailGuard reports each one.</summary>
    public static class LeakyJobs
    {
        // Incident 1: customer ledger search (お客さま台帳検索)
        [Job(1, "Ledger search on the customer table with no retailer filter", leaky: true)]
        public static List<string> LedgerSearch(JobContext ctx) =>
            ctx.Db.Customers.Where(c => c.Name.Contains("o")).OrderBy(c => c.Id).Select(c => c.Name).ToList();

        [Job(1, "Ledger search in raw SQL with no retailer filter", leaky: true)]
        public static List<Customer> LedgerSearchSql(JobContext ctx) =>
            ctx.Connection.Query<Customer>("SELECT * FROM customers WHERE name LIKE '%a%' ORDER BY id").ToList();

        [Job(1, "Ledger search filtered only after every row was loaded", leaky: true)]
        public static List<string> LedgerSearchInMemory(JobContext ctx) =>
            ctx.Db.Customers.ToList()
                .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort)
                .Select(c => c.Name).ToList();

        // Incident 2: arrears dunning (未収督促)
        [Job(2, "Arrears list: invoices joined with customers, no filter", leaky: true)]
        public static object Arrears(JobContext ctx) =>
            (from i in ctx.Db.Invoices
             where !i.Paid
             join c in ctx.Db.Customers on i.CustomerId equals c.Id
             orderby i.Id
             select new { c.Name, i.Amount }).ToList();

        [Job(2, "Arrears list in raw SQL, join without the filter", leaky: true)]
        public static List<ArrearsLine> ArrearsSql(JobContext ctx) =>
            ctx.Connection.Query<ArrearsLine>(
                "SELECT c.name AS Name, i.amount AS Amount FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.paid = 0 ORDER BY i.id").ToList();

        [Job(2, "Arrears count over every customer", leaky: true)]
        public static int ArrearsCount(JobContext ctx) => ctx.Db.Customers.Count(c => c.UsageKwh > 0);

        // Incident 3: customer detail (customer center)
        [Job(3, "Customer detail by supply point, no filter", leaky: true)]
        public static Customer? DetailBySupplyPoint(JobContext ctx) =>
            ctx.Db.Customers.FirstOrDefault(c => c.SupplyPointId == ctx.Input("supplyPoint"));

        [Job(3, "Customer detail by key with Find", leaky: true)]
        public static Customer? DetailByKey(JobContext ctx) => ctx.Db.Customers.Find(int.Parse(ctx.Input("customerId"), CultureInfo.InvariantCulture));

        [Job(3, "Customer detail through ADO.NET, no filter", leaky: true)]
        public static List<string> DetailAdo(JobContext ctx)
        {
            using var command = ctx.Connection.CreateCommand();
            command.CommandText = "SELECT name, address FROM customers WHERE supply_point_id = @sp";
            var sp = command.CreateParameter();
            sp.ParameterName = "@sp";
            sp.Value = ctx.Input("supplyPoint");
            command.Parameters.Add(sp);
            var result = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(reader.GetString(0) + ", " + reader.GetString(1));
            }

            return result;
        }

        // Incident 4: power purchase (電力購入)
        [Job(4, "Power purchase: every generator", leaky: true)]
        public static List<string> PowerPurchase(JobContext ctx) => ctx.Db.Generators.OrderBy(g => g.Id).Select(g => g.Name).ToList();

        [Job(4, "Power purchase by the purchaser code typed on the screen", leaky: true)]
        public static List<string> PowerPurchaseByInput(JobContext ctx)
        {
            var purchaser = ctx.Input("retailer");
            return ctx.Db.Generators.Where(g => g.PurchaserCode == purchaser).Select(g => g.Name).ToList();
        }

        // Incident 5: last-resort supply (最終保障供給)
        [Job(5, "Own customers, last-resort supply not excluded", leaky: true)]
        public static object OwnCustomers(JobContext ctx) =>
            ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).OrderBy(c => c.Id).Select(c => new { c.Name, c.ContractKw }).ToList();

        [Job(5, "Own customers in SQL, last-resort supply not excluded", leaky: true)]
        public static List<string> OwnCustomersSql(JobContext ctx) =>
            ctx.Connection.Query<string>("SELECT name FROM customers WHERE retailer_code = @own ORDER BY id", new { own = RetailerCodes.Own }).ToList();

        [Job(5, "Own customers with the global query filter bypassed", leaky: true)]
        public static List<string> OwnCustomersBypass(JobContext ctx) =>
            ctx.FilteredDb.Customers.IgnoreQueryFilters().Where(c => c.RetailerCode == RetailerCodes.Own).Select(c => c.Name).ToList();

        // Incident 6: data warehouse and electronic forms
        [Job(6, "DWH extraction: INSERT … SELECT without the filter, then the matching file", leaky: true)]
        public static int DwhExtraction(JobContext ctx)
        {
            int copied = ctx.Connection.Execute("INSERT INTO dwh_extract (name, address, contract_kind) SELECT name, address, contract_kind FROM customers");
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "DWH extraction through a stored procedure that copies every retailer's customers", leaky: true)]
        public static int DwhExtractionProcedure(JobContext ctx)
        {
            int copied = ctx.Connection.Execute("usp_dwh_extract_all", commandType: CommandType.StoredProcedure);
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "DWH extraction through a stored procedure, for the retailer code typed on the screen", leaky: true)]
        public static int DwhExtractionProcedureByInput(JobContext ctx)
        {
            int copied = ctx.Connection.Execute("usp_dwh_extract_for_retailer", new { retailer = ctx.Input("retailer") }, commandType: CommandType.StoredProcedure);
            File.WriteAllLines(ctx.OutputPath("matching.txt"), ctx.Connection.Query<string>("SELECT name FROM dwh_extract ORDER BY name"));
            return copied;
        }

        [Job(6, "Matching file written from an unfiltered read", leaky: true)]
        public static void MatchingCsv(JobContext ctx)
        {
            var rows = ctx.Db.Customers.Select(c => new { c.Name, c.Address, c.ContractKind }).ToList();
            using var writer = new StreamWriter(ctx.OutputPath("matching.csv"));
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteRecords(rows);
        }

        [Job(6, "Opening the transmission division's e-forms", leaky: true)]
        public static List<string> EForms(JobContext ctx) => ctx.Db.NwEForms.Select(f => f.Title + " " + f.GeneratorName).ToList();

        [Job(6, "Opening the transmission division's e-forms in SQL", leaky: true)]
        public static List<string> EFormsSql(JobContext ctx) => ctx.Connection.Query<string>("SELECT generator_name FROM nw_eforms").ToList();

        // Incident 7: outsourced extractions (業務委託先)
        [Job(7, "Contractor: 'our contracted corporate customers' without the exclusion", leaky: true)]
        public static void ContractorCorporate(JobContext ctx)
        {
            var rows = ctx.Db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.Corporate)
                .OrderBy(c => c.Id).Select(c => c.Name + "," + c.ContractKw + "," + c.UsageKwh).ToList();
            ContractorFeed.Deliver(ctx, rows);
        }

        [Job(7, "Winter power-saving programme: data for the operator, no filter", leaky: true)]
        public static void WinterProgramme(JobContext ctx)
        {
            using var stream = File.Create(ctx.OutputPath("winter.json"));
            JsonSerializer.Serialize(stream, ctx.Db.Customers.Where(c => c.UsageKwh > 4000).Select(c => new { c.Name, c.Address, c.UsageKwh }).ToList());
        }

        [Job(7, "Electric water-heater refresh: own code but no exclusion", leaky: true)]
        public static void WaterHeaterRefresh(JobContext ctx)
        {
            var rows = ctx.Connection.Query<Customer>("SELECT * FROM customers WHERE water_heater = 1 AND retailer_code = 'R0001' ORDER BY id");
            File.WriteAllLines(ctx.OutputPath("heaters.txt"), rows.Select(r => r.Name + "," + r.Address));
        }

        [Job(7, "Contractor feed written by a helper from unfiltered rows", leaky: true)]
        public static void ContractorViaHelper(JobContext ctx) => FeedWriter.WriteFeed(ctx, ctx.Db.Customers.Where(c => c.Corporate).ToList());
    }
}
