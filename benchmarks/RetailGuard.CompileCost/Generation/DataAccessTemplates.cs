using System;
using System.Collections.Generic;

namespace RetailGuard.CompileCost.Generation
{
    /// <summary>What a generated data-access member hands back, so that the feature's service can use it.</summary>
    internal enum Returns
    {
        /// <summary>Not called by the service (async members, members without the service's arguments).</summary>
        NotCalled,
        Nothing,
        Value,
        Sequence,
    }

    /// <summary>Whether the member meets the policy, breaks it, or touches no guarded table.</summary>
    internal enum Verdict
    {
        Free,
        Correct,
        Leaky,
    }

    /// <summary>
    /// One data-access member of a repository, in a technology. <see cref="Weight"/> is its share among the members of a
    /// feature; <see cref="Emit"/> writes it (a method, sometimes with a helper) and returns the service's call of it, if any.
    /// </summary>
    internal sealed record DataAccessTemplate(string Name, string Technology, Verdict Verdict, int Weight, Returns Returns, Func<CodeWriter, TemplateInput, string> Emit);

    /// <summary>What a template may vary: the member's number in its class, the feature's number and topic, and a seeded random source.</summary>
    internal sealed record TemplateInput(int Member, int Feature, string Topic, Random Random)
    {
        /// <summary>A number in [min, max), from the feature's seeded source.</summary>
        public int Next(int min, int max) => Random.Next(min, max);

        public string Pick(params string[] values) => values[Random.Next(values.Length)];
    }

    /// <summary>
    /// The data-access members a generated repository is made of: EF Core LINQ, Dapper, ADO.NET, EF Core raw SQL and
    /// exports, in correct, free (no guarded table) and leaky forms. About one member in twelve is leaky.
    /// </summary>
    internal static class DataAccessTemplates
    {
        public static IReadOnlyList<DataAccessTemplate> All { get; } = new DataAccessTemplate[]
        {
            // ---- EF Core LINQ
            new("ef-products", "EF Core", Verdict.Free, 8, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<Product> Products{{t.Member}}(string text) =>
                        _db.Products.Active().InCategory(text).Where(p => p.Price > {{t.Next(1, 900)}}m).ToList();
                    """);
                return $"Products{t.Member}(text)";
            }),
            new("ef-open-amount", "EF Core", Verdict.Free, 6, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public decimal OpenAmount{{t.Member}}(int id) =>
                        _db.Invoices.Where(i => i.CustomerId == id && !i.Paid && i.Amount > {{t.Next(1, 500)}}).Sum(i => i.Amount);
                    """);
                return $"OpenAmount{t.Member}(id)";
            }),
            new("ef-find", "EF Core", Verdict.Free, 4, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public string TariffName{{t.Member}}(int id)
                    {
                        var tariff = _db.Tariffs.Find(id);
                        return tariff == null ? string.Empty : tariff.Name;
                    }
                    """);
                return $"TariffName{t.Member}(id)";
            }),
            new("ef-readings", "EF Core", Verdict.Free, 5, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<int> Readings{{t.Member}}(string text) =>
                        _db.MeterReadings.Where(r => r.SupplyPointId == text && r.Kwh > {{t.Next(0, 300)}})
                            .OrderByDescending(r => r.ReadOn).Take({{t.Next(5, 60)}}).Select(r => r.Kwh).ToList();
                    """);
                return $"Readings{t.Member}(text)";
            }),
            new("ef-customers-explicit", "EF Core", Verdict.Correct, 6, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<CustomerRow> Customers{{t.Member}}(int region) =>
                        _db.Customers
                            .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.RegionId == region)
                            .OrderBy(c => c.{{t.Pick("Name", "Id", "UsageKwh", "Address")}})
                            .Select(c => new CustomerRow { Id = c.Id, Name = c.Name, Address = c.Address })
                            .ToList();
                    """);
                return $"Customers{t.Member}(region)";
            }),
            new("ef-customers-sanctioned", "EF Core", Verdict.Correct, 6, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> CustomerNames{{t.Member}}(string text) =>
                        _db.Customers.OwnContractsOnly().Where(c => c.Name.StartsWith(text) && c.UsageKwh > {{t.Next(0, 900)}}).Select(c => c.Name).ToList();
                    """);
                return $"CustomerNames{t.Member}(text)";
            }),
            new("ef-query-filter", "EF Core", Verdict.Correct, 4, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int ContractCount{{t.Member}}(int id) =>
                        _db.SupplyContracts.Count(c => c.CustomerId == id && c.ContractKw > {{t.Next(1, 50)}});
                    """);
                return $"ContractCount{t.Member}(id)";
            }),
            new("ef-generators", "EF Core", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> Generators{{t.Member}}(int id) =>
                        _db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own && g.CapacityKw > id).Select(g => g.Name).ToList();
                    """);
                return $"Generators{t.Member}(id)";
            }),
            new("ef-include-filtered", "EF Core", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<Customer> CustomersWithRegion{{t.Member}}(int region) =>
                        _db.Customers.OwnContractsOnly().Include(c => c.Region).Where(c => c.RegionId == region).ToList();
                    """);
                return $"CustomersWithRegion{t.Member}(region)";
            }),
            new("ef-include-free", "EF Core", Verdict.Free, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<decimal> PaidAmounts{{t.Member}}(int id) =>
                        _db.Invoices.Where(i => i.Paid && i.CustomerId == id && i.IssuedOn > DateTime.Today.AddDays(-{{t.Next(10, 400)}})).Select(i => i.Amount).ToList();
                    """);
                return $"PaidAmounts{t.Member}(id)";
            }),
            new("ef-helper-query", "EF Core", Verdict.Correct, 4, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    private IQueryable<Customer> OwnInRegion{{t.Member}}(int region) =>
                        _db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.RegionId == region);

                    public int CorporateCount{{t.Member}}(int region) => OwnInRegion{{t.Member}}(region).Count(c => c.Corporate);
                    """);
                return $"CorporateCount{t.Member}(region)";
            }),
            new("ef-async", "EF Core", Verdict.Free, 3, Returns.NotCalled, (w, t) =>
            {
                w.Line($$"""
                    public async Task<List<Campaign>> Campaigns{{t.Member}}Async(DateTime from) =>
                        await _db.Campaigns.Where(c => c.StartsOn >= from && c.Budget > {{t.Next(100, 9000)}}m).OrderBy(c => c.StartsOn).ToListAsync();
                    """);
                return string.Empty;
            }),
            new("ef-leaky-search", "EF Core", Verdict.Leaky, 2, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> SearchCustomers{{t.Member}}(string text) =>
                        _db.Customers.Where(c => c.Name.Contains(text)).OrderBy(c => c.Id).Select(c => c.Name).ToList();
                    """);
                return $"SearchCustomers{t.Member}(text)";
            }),
            new("ef-leaky-exclusion", "EF Core", Verdict.Leaky, 1, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int HeavyUsers{{t.Member}}(int id) =>
                        _db.Customers.Count(c => c.RetailerCode == RetailerCodes.Own && c.UsageKwh > id + {{t.Next(100, 5000)}});
                    """);
                return $"HeavyUsers{t.Member}(id)";
            }),
            new("ef-leaky-restricted", "EF Core", Verdict.Leaky, 1, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int FormCount{{t.Member}}(string text) => _db.NwEForms.Count(f => f.Title.StartsWith(text));
                    """);
                return $"FormCount{t.Member}(text)";
            }),
            new("ef-leaky-after-load", "EF Core", Verdict.Leaky, 1, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> OwnNamesInMemory{{t.Member}}(int region) =>
                        _db.Customers.ToList()
                            .Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.RegionId == region)
                            .Select(c => c.Name).ToList();
                    """);
                return $"OwnNamesInMemory{t.Member}(region)";
            }),

            // ---- Dapper
            new("dapper-products", "Dapper", Verdict.Free, 8, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<ProductRow> ProductRows{{t.Member}}(string text) =>
                        _connection.Query<ProductRow>("SELECT id AS Id, code AS Code, name AS Name, price AS Price FROM products WHERE category = @text AND price > {{t.Next(1, 900)}} ORDER BY {{t.Pick("name", "code", "price", "id")}}", new { text }).ToList();
                    """);
                return $"ProductRows{t.Member}(text)";
            }),
            new("dapper-count", "Dapper", Verdict.Free, 5, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int UnpaidCount{{t.Member}}() => _connection.ExecuteScalar<int>("SELECT COUNT(*) FROM invoices WHERE paid = 0");
                    """);
                return $"UnpaidCount{t.Member}()";
            }),
            new("dapper-customers", "Dapper", Verdict.Correct, 6, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<CustomerRow> CustomerRows{{t.Member}}(int region) =>
                        _connection.Query<CustomerRow>(
                            "SELECT c.id AS Id, c.name AS Name, c.address AS Address FROM customers c WHERE c.retailer_code = @own AND c.contract_kind <> 'LAST_RESORT' AND c.region_id = @region AND c.usage_kwh > {{t.Next(0, 800)}}",
                            new { own = RetailerCodes.Own, region }).ToList();
                    """);
                return $"CustomerRows{t.Member}(region)";
            }),
            new("dapper-quoted", "Dapper", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> QuotedNames{{t.Member}}(int region) =>
                        _connection.Query<string>("SELECT [c].[name] FROM [dbo].[customers] AS [c] WHERE [c].[retailer_code] = @own AND [c].[contract_kind] <> 'LAST_RESORT' AND [c].[region_id] = @region AND [c].[usage_kwh] > {{t.Next(0, 800)}}",
                            new { own = RetailerCodes.Own, region }).ToList();
                    """);
                return $"QuotedNames{t.Member}(region)";
            }),
            new("dapper-insert", "Dapper", Verdict.Free, 5, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void Audit{{t.Member}}(string text) =>
                        _connection.Execute("INSERT INTO audit_log (at, actor, action) VALUES (@at, @actor, @action)", new { at = DateTime.UtcNow, actor = "{{t.Topic.ToLowerInvariant()}}-{{t.Feature}}", action = text });
                    """);
                return $"Audit{t.Member}(text)";
            }),
            new("dapper-sanctioned-view", "Dapper", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> OwnCustomerNames{{t.Member}}(int region) =>
                        _connection.Query<string>("SELECT name FROM own_customers WHERE region_id = @region ORDER BY {{t.Pick("name", "id", "address")}}", new { region }).ToList();
                    """);
                return $"OwnCustomerNames{t.Member}(region)";
            }),
            new("dapper-leaky-view", "Dapper", Verdict.Leaky, 1, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> Contacts{{t.Member}}(int region) =>
                        _connection.Query<string>("SELECT phone FROM v_customer_contacts WHERE region_id = @region", new { region }).ToList();
                    """);
                return $"Contacts{t.Member}(region)";
            }),
            new("dapper-procedure", "Dapper", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<InvoiceTotal> Totals{{t.Member}}() =>
                        _connection.Query<InvoiceTotal>("usp_invoice_totals", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure).ToList();
                    """);
                return $"Totals{t.Member}()";
            }),
            new("dapper-procedure-free", "Dapper", Verdict.Free, 2, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<ProductRow> ProductList{{t.Member}}(string text) =>
                        _connection.Query<ProductRow>("usp_product_list", new { category = text }, commandType: CommandType.StoredProcedure).ToList();
                    """);
                return $"ProductList{t.Member}(text)";
            }),
            new("dapper-join", "Dapper", Verdict.Free, 4, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<ProductRow> PricedProducts{{t.Member}}(string text) =>
                        _connection.Query<ProductRow>(
                            "SELECT p.code AS Code, p.name AS Name, t.unit_price AS Price FROM products p JOIN tariffs t ON t.code = p.code WHERE p.active = 1 AND p.category = @text AND t.unit_price > {{t.Next(1, 90)}}",
                            new { text }).ToList();
                    """);
                return $"PricedProducts{t.Member}(text)";
            }),
            new("dapper-concatenated", "Dapper", Verdict.Free, 4, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    private const string ProductColumns{{t.Member}} = "id AS Id, code AS Code, name AS Name, price AS Price";

                    public List<ProductRow> ProductsByCode{{t.Member}}(string text)
                    {
                        var sql = "SELECT " + ProductColumns{{t.Member}} + " FROM products WHERE code LIKE @pattern AND price < {{t.Next(100, 9000)}}";
                        return _connection.Query<ProductRow>(sql, new { pattern = text + "%" }).ToList();
                    }
                    """);
                return $"ProductsByCode{t.Member}(text)";
            }),
            new("dapper-comment", "Dapper", Verdict.Free, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<decimal> OpenInvoices{{t.Member}}(int id) =>
                        _connection.Query<decimal>(@"-- open invoices of one customer (customers are not read here)
                    SELECT amount FROM invoices /* customers are joined elsewhere */
                    WHERE customer_id = @id AND paid = 0 AND amount > {{t.Next(0, 300)}}", new { id }).ToList();
                    """);
                return $"OpenInvoices{t.Member}(id)";
            }),
            new("dapper-literal", "Dapper", Verdict.Free, 2, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int ExportsLogged{{t.Member}}(string text) =>
                        _connection.ExecuteScalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'customers export' AND actor = @text AND id > {{t.Next(0, 99)}}", new { text });
                    """);
                return $"ExportsLogged{t.Member}(text)";
            }),
            new("dapper-command-definition", "Dapper", Verdict.Free, 2, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public decimal Budget{{t.Member}}() =>
                        _connection.ExecuteScalar<decimal>(new CommandDefinition("SELECT SUM(budget) FROM campaigns WHERE starts_on >= @from AND budget > {{t.Next(1, 99)}}", new { from = DateTime.Today }));
                    """);
                return $"Budget{t.Member}()";
            }),
            new("dapper-leaky-search", "Dapper", Verdict.Leaky, 2, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> FindByName{{t.Member}}(string text) =>
                        _connection.Query<string>("SELECT name FROM customers WHERE name LIKE @pattern ORDER BY {{t.Pick("name", "id")}}", new { pattern = "%" + text + "%" }).ToList();
                    """);
                return $"FindByName{t.Member}(text)";
            }),
            new("dapper-leaky-exclusion", "Dapper", Verdict.Leaky, 1, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> OwnWithoutExclusion{{t.Member}}(int region) =>
                        _connection.Query<string>("SELECT name FROM customers WHERE retailer_code = 'R0001' AND region_id = @region", new { region }).ToList();
                    """);
                return $"OwnWithoutExclusion{t.Member}(region)";
            }),

            // ---- ADO.NET
            new("ado-sqlcommand", "ADO.NET", Verdict.Free, 4, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> TariffCodes{{t.Member}}(string text)
                    {
                        using var command = new SqlCommand("SELECT code FROM tariffs WHERE name LIKE @name AND unit_price > {{t.Next(1, 90)}}", _sql);
                        command.Parameters.AddWithValue("@name", text + "%");
                        var codes = new List<string>();
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            codes.Add(reader.GetString(0));
                        }

                        return codes;
                    }
                    """);
                return $"TariffCodes{t.Member}(text)";
            }),
            new("ado-sqlite", "ADO.NET", Verdict.Free, 3, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public long ProductCount{{t.Member}}(string text)
                    {
                        using var command = new SqliteCommand("SELECT COUNT(*) FROM products WHERE category = @category AND price > {{t.Next(1, 900)}}", _sqlite);
                        command.Parameters.AddWithValue("@category", text);
                        return (long)(command.ExecuteScalar() ?? 0L);
                    }
                    """);
                return $"ProductCount{t.Member}(text)";
            }),
            new("ado-customers", "ADO.NET", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> CustomerPhones{{t.Member}}(int region)
                    {
                        using var command = new SqlCommand("SELECT phone FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT' AND region_id = @region", _sql);
                        command.Parameters.AddWithValue("@own", RetailerCodes.Own);
                        command.Parameters.AddWithValue("@region", region);
                        var phones = new List<string>();
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            phones.Add(reader.GetString(0));
                        }

                        return phones;
                    }
                    """);
                return $"CustomerPhones{t.Member}(region)";
            }),
            new("ado-leaky-generators", "ADO.NET", Verdict.Leaky, 1, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> LargeGenerators{{t.Member}}(int id)
                    {
                        using var command = _connection.CreateCommand();
                        command.CommandText = "SELECT name FROM generators WHERE capacity_kw > @kw";
                        var kw = command.CreateParameter();
                        kw.ParameterName = "@kw";
                        kw.Value = id;
                        command.Parameters.Add(kw);
                        var names = new List<string>();
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            names.Add(reader.GetString(0));
                        }

                        return names;
                    }
                    """);
                return $"LargeGenerators{t.Member}(id)";
            }),
            new("ado-create-command", "ADO.NET", Verdict.Free, 3, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public object? PeakReading{{t.Member}}(string text)
                    {
                        using var command = _connection.CreateCommand();
                        command.CommandText = "SELECT MAX(kwh) FROM meter_readings WHERE supply_point_id = @sp AND kwh < {{t.Next(1000, 99999)}}";
                        var sp = command.CreateParameter();
                        sp.ParameterName = "@sp";
                        sp.Value = text;
                        command.Parameters.Add(sp);
                        return command.ExecuteScalar();
                    }
                    """);
                return $"PeakReading{t.Member}(text)";
            }),

            // ---- EF Core raw SQL
            new("ef-from-sql-raw", "EF Core raw SQL", Verdict.Free, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<Product> RawProducts{{t.Member}}(string text) =>
                        _db.Products.FromSqlRaw("SELECT * FROM products WHERE category = {0} AND price > {{t.Next(1, 900)}}", text).ToList();
                    """);
                return $"RawProducts{t.Member}(text)";
            }),
            new("ef-from-sql-interpolated", "EF Core raw SQL", Verdict.Correct, 3, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> RawCustomerNames{{t.Member}}(int region) =>
                        _db.Customers.FromSqlInterpolated($"SELECT * FROM customers WHERE retailer_code = {RetailerCodes.Own} AND contract_kind <> 'LAST_RESORT' AND region_id = {region}")
                            .Select(c => c.Name).ToList();
                    """);
                return $"RawCustomerNames{t.Member}(region)";
            }),
            new("ef-sql-query", "EF Core raw SQL", Verdict.Free, 3, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int InvoiceCount{{t.Member}}(int id) =>
                        _db.Database.SqlQuery<int>($"SELECT COUNT(*) AS [Value] FROM invoices WHERE customer_id = {id} AND amount > {{t.Next(0, 500)}}").Single();
                    """);
                return $"InvoiceCount{t.Member}(id)";
            }),
            new("ef-execute-sql-raw", "EF Core raw SQL", Verdict.Free, 2, Returns.Value, (w, t) =>
            {
                w.Line($$"""
                    public int PurgeAudit{{t.Member}}() =>
                        _db.Database.ExecuteSqlRaw("DELETE FROM audit_log WHERE at < {0}", DateTime.UtcNow.AddDays(-{{t.Next(30, 900)}}));
                    """);
                return $"PurgeAudit{t.Member}()";
            }),
            new("ef-sql-query-raw", "EF Core raw SQL", Verdict.Free, 2, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<string> RegionNames{{t.Member}}(string text) =>
                        _db.Database.SqlQueryRaw<string>("SELECT name AS [Value] FROM regions WHERE prefecture = {0} AND id > {{t.Next(0, 40)}}", text).ToList();
                    """);
                return $"RegionNames{t.Member}(text)";
            }),
            new("ef-leaky-from-sql-raw", "EF Core raw SQL", Verdict.Leaky, 1, Returns.Sequence, (w, t) =>
            {
                w.Line($$"""
                    public List<Customer> RawRegionCustomers{{t.Member}}(int region) =>
                        _db.Customers.FromSqlRaw("SELECT * FROM customers WHERE region_id = {0}", region).ToList();
                    """);
                return $"RawRegionCustomers{t.Member}(region)";
            }),

            // ---- Exports
            new("export-csv-correct", "export", Verdict.Correct, 3, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void ExportCustomers{{t.Member}}(string folder, int region)
                    {
                        var rows = _db.Customers.OwnContractsOnly().Where(c => c.RegionId == region)
                            .Select(c => new CustomerRow { Id = c.Id, Name = c.Name, Address = c.Address }).ToList();
                        using var writer = new StreamWriter(Path.Combine(folder, "customers-{{t.Feature}}-{{t.Member}}.csv"));
                        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                        csv.WriteRecords(rows);
                    }
                    """);
                return $"ExportCustomers{t.Member}(folder, region)";
            }),
            new("export-csv-free", "export", Verdict.Free, 3, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void ExportProducts{{t.Member}}(string folder, string text)
                    {
                        var rows = _db.Products.Active().InCategory(text).Select(p => new ProductRow { Id = p.Id, Code = p.Code, Name = p.Name, Price = p.Price }).ToList();
                        using var writer = new StreamWriter(Path.Combine(folder, "products-{{t.Feature}}-{{t.Member}}.csv"));
                        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
                        csv.WriteRecords(rows);
                    }
                    """);
                return $"ExportProducts{t.Member}(folder, text)";
            }),
            new("export-lines-free", "export", Verdict.Free, 3, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void ExportTariffs{{t.Member}}(string folder) =>
                        File.WriteAllLines(Path.Combine(folder, "tariffs-{{t.Feature}}-{{t.Member}}.txt"), _db.Tariffs.Where(x => x.UnitPrice > {{t.Next(1, 90)}}).Select(x => x.Code + ";" + x.Name));
                    """);
                return $"ExportTariffs{t.Member}(folder)";
            }),
            new("export-lines-leaky", "export", Verdict.Leaky, 1, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void ExportCorporate{{t.Member}}(string folder) =>
                        File.WriteAllLines(Path.Combine(folder, "corporate-{{t.Feature}}-{{t.Member}}.txt"), _db.Customers.Where(c => c.Corporate).Select(c => c.Name + ";" + c.Phone));
                    """);
                return $"ExportCorporate{t.Member}(folder)";
            }),
            new("export-helper", "export", Verdict.Correct, 2, Returns.Nothing, (w, t) =>
            {
                w.Line($$"""
                    public void ExportViaHelper{{t.Member}}(string folder, int region) =>
                        CsvExport.Write(Path.Combine(folder, "own-{{t.Feature}}-{{t.Member}}.csv"),
                            _connection.Query<CustomerRow>("SELECT id AS Id, name AS Name, address AS Address FROM own_customers WHERE region_id = @region", new { region }));
                    """);
                return $"ExportViaHelper{t.Member}(folder, region)";
            }),
        };
    }
}
