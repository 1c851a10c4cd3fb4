using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Sales.Oracle
{
    /// <summary>Which of the two databases: own-retailer rows are identical in both; every other row differs in count and content.</summary>
    public enum DataSet
    {
        A,
        B,
    }

    /// <summary>Creates the embedded SQLite database: schema, and seed data with own customers, rivals, last-resort contracts, generators and e-forms.</summary>
    public static class SalesDatabase
    {
        public static void Create(string path, DataSet set)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=False");
            connection.Open();
            Execute(connection, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sql", "schema.sql")));

            // Own retailer's contracts: identical in both databases, same IDs, same values.
            var own = new[]
            {
                (1, "Aoki Seisakusho", "1-1 Meieki, Nagoya", ContractKind: "HIGH_VOLTAGE", "SP-000001", 500, 120000, true, false),
                (2, "Ito Hanako", "2-3 Sakae, Nagoya", ContractKind: "LOW_VOLTAGE", "SP-000002", 6, 3100, false, true),
                (3, "Kato Shoten", "4-5 Kanayama, Nagoya", ContractKind: "LOW_VOLTAGE", "SP-000003", 30, 9000, true, false),
                (4, "Sato Jiro", "6-7 Chikusa, Nagoya", ContractKind: "LOW_VOLTAGE", "SP-000004", 10, 4200, false, true),
                (5, "Tanaka Kogyo", "8-9 Atsuta, Nagoya", ContractKind: "HIGH_VOLTAGE", "SP-000005", 800, 250000, true, false),
            };
            foreach (var c in own)
            {
                Customer(connection, c.Item1, c.Item2, c.Item3, "R0001", c.ContractKind, c.Item5, c.Item6, c.Item7, c.Item8, c.Item9);
                Invoice(connection, c.Item1, c.Item1, c.Item1 * 1000, c.Item1 % 2 == 0);
            }

            // Everything the sales side must never see: different in count and content in A and B.
            bool a = set == DataSet.A;
            int rivals = a ? 3 : 4;
            for (int i = 0; i < rivals; i++)
            {
                int id = (a ? 200 : 300) + i;
                string supplyPoint = i == 0 ? "SP-RIVAL-1" : "SP-" + id.ToString(CultureInfo.InvariantCulture);
                Customer(connection, id, (a ? "Rival customer " : "Other retailer's customer ") + i, (a ? "Toyota " : "Okazaki ") + i, i % 2 == 0 ? "R0002" : "R0003",
                    "LOW_VOLTAGE", supplyPoint, 10 + i, 5000 + (a ? 1 : 7) * i, i % 2 == 0, true);
                Invoice(connection, id, id, 777 + id, false);
            }

            int lastResort = a ? 2 : 3;
            for (int i = 0; i < lastResort; i++)
            {
                int id = (a ? 400 : 500) + i;
                Customer(connection, id, (a ? "Last-resort plant " : "Last-resort factory ") + i, "Komaki " + id, "R0001", "LAST_RESORT",
                    "SP-" + id.ToString(CultureInfo.InvariantCulture), 2000 + id, 900000 + id, true, i % 2 == 0);
                Invoice(connection, id, id, 50000 + id, false);
            }

            Execute(connection, "INSERT INTO generators VALUES (1, 'Own solar park', 'R0001', 'RP-0001'), (2, 'Own wind farm', 'R0001', 'RP-0002')");
            Execute(connection, a
                ? "INSERT INTO generators VALUES (10, 'Rival biomass', 'R0002', 'RP-1010'), (11, 'NW balancing unit', 'NW', 'RP-1011')"
                : "INSERT INTO generators VALUES (20, 'Rival hydro', 'R0003', 'RP-2020')");
            Execute(connection, a
                ? "INSERT INTO nw_eforms VALUES (1, 'Meter reading report', 'Rival biomass', '2023-01-05')"
                : "INSERT INTO nw_eforms VALUES (7, 'Receiving point register', 'Rival hydro', '2023-02-11'), (8, 'Outage list', 'NW balancing unit', '2023-02-12')");
            Execute(connection, "INSERT INTO sales_forms VALUES (1, 'Monthly sales report'), (2, 'Campaign results')");
        }

        private static void Customer(SqliteConnection connection, int id, string name, string address, string retailer, string kind, string supplyPoint, int kw, int kwh, bool corporate, bool heater)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO customers VALUES ($id, $name, $address, $retailer, $kind, $sp, $kw, $kwh, $corporate, $heater)";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$address", address);
            command.Parameters.AddWithValue("$retailer", retailer);
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$sp", supplyPoint);
            command.Parameters.AddWithValue("$kw", kw);
            command.Parameters.AddWithValue("$kwh", kwh);
            command.Parameters.AddWithValue("$corporate", corporate);
            command.Parameters.AddWithValue("$heater", heater);
            command.ExecuteNonQuery();
        }

        private static void Invoice(SqliteConnection connection, int id, int customer, int amount, bool paid) =>
            Execute(connection, string.Format(CultureInfo.InvariantCulture, "INSERT INTO invoices VALUES ({0}, {1}, {2}, {3})", id, customer, amount, paid ? 1 : 0));

        [System.Diagnostics.CodeAnalysis.SuppressMessage("RetailGuard.DataAccess", "RG1007", Justification = "Seeds the sample database from its own constant scripts.")]
        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
