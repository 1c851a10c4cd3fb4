using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sales.Domain;

namespace RetailGuard.Conformance.Runtime
{
    /// <summary>Which of the two databases a shape runs on.</summary>
    public enum DataSet
    {
        A,
        B,
    }

    /// <summary>
    /// The rows of the two databases. The own retailer's customers (R0001, not last-resort), their invoices and
    /// readings, the own purchaser's generators and the supply areas are identical in both. Everything the sales side
    /// must not see differs in count and in content: rival customers (one of them, id 200, exists in both with other
    /// values, so a lookup by key differs too), last-resort contracts of the own retailer, rival and transmission
    /// generators, and the transmission division's e-forms. Invoices of customers that exist in both have the same
    /// values, so an invoice read differs only through the customers it reaches.
    /// </summary>
    internal static class SeedData
    {
        private sealed record CustomerRow(int Id, string Name, string Retailer, string Kind, int UsageKwh, int Area, bool Corporate);

        /// <summary>Adds the rows of <paramref name="set"/> for every entity type the context's model maps, then saves.</summary>
        public static void Seed(DbContext db, DataSet set)
        {
            var model = db.Model;
            bool Maps(Type type) => model.FindEntityType(type) is { } e && !e.IsOwned();

            if (Maps(typeof(SupplyArea)))
            {
                db.Add(new SupplyArea { Id = 1, Name = "Nagoya" });
                db.Add(new SupplyArea { Id = 2, Name = "Toyota" });
            }

            var rows = Customers(set);
            if (Maps(typeof(Customer)))
            {
                bool corporate = Maps(typeof(CorporateCustomer));
                bool residential = Maps(typeof(ResidentialCustomer));
                foreach (var row in rows)
                {
                    Customer customer = row.Corporate && corporate ? new CorporateCustomer { CorporateNumber = "CN-" + row.Id }
                        : !row.Corporate && residential ? new ResidentialCustomer { WaterHeater = row.Id % 2 == 0 }
                        : new Customer();
                    db.Add(Fill(customer, row, set));
                }

                if (Maps(typeof(Invoice)))
                {
                    foreach (var row in rows)
                    {
                        db.Add(new Invoice { Id = row.Id, CustomerId = row.Id, Amount = (row.Id * 10) + 7, Paid = row.Id % 2 == 0 });
                    }
                }
            }

            foreach (var shared in model.GetEntityTypes().Where(e => e.HasSharedClrType && e.ClrType == typeof(Customer) && !e.IsOwned()))
            {
                foreach (var row in rows)
                {
                    db.Set<Customer>(shared.Name).Add(Fill(new Customer(), row, set));
                }
            }

            if (Maps(typeof(Generator)))
            {
                db.Add(new Generator { Id = 1, Name = "Own solar park", PurchaserCode = RetailerCodes.Own });
                db.Add(new Generator { Id = 2, Name = "Own wind farm", PurchaserCode = RetailerCodes.Own });
                if (set == DataSet.A)
                {
                    db.Add(new Generator { Id = 10, Name = "Rival biomass", PurchaserCode = "R0002" });
                    db.Add(new Generator { Id = 11, Name = "NW balancing unit", PurchaserCode = "NW" });
                }
                else
                {
                    db.Add(new Generator { Id = 10, Name = "Rival hydro", PurchaserCode = "R0003" });
                    db.Add(new Generator { Id = 20, Name = "Rival gas turbine", PurchaserCode = "R0002" });
                    db.Add(new Generator { Id = 21, Name = "NW reserve unit", PurchaserCode = "NW" });
                }
            }

            if (Maps(typeof(NwEForm)))
            {
                if (set == DataSet.A)
                {
                    db.Add(new NwEForm { Id = 1, Title = "Meter reading report", GeneratorName = "Rival biomass" });
                }
                else
                {
                    db.Add(new NwEForm { Id = 1, Title = "Receiving point register", GeneratorName = "Rival hydro" });
                    db.Add(new NwEForm { Id = 7, Title = "Outage list", GeneratorName = "NW reserve unit" });
                }
            }

            db.SaveChanges();
        }

        private static Customer Fill(Customer customer, CustomerRow row, DataSet set)
        {
            bool own = row.Retailer == RetailerCodes.Own && row.Kind != ContractKinds.LastResort;
            string variant = own ? string.Empty : set == DataSet.A ? "a" : "b";
            customer.Id = row.Id;
            customer.Name = row.Name;
            customer.RetailerCode = row.Retailer;
            customer.ContractKind = row.Kind;
            customer.SupplyPointId = "SP-" + row.Id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + variant;
            customer.UsageKwh = row.UsageKwh;
            customer.AreaId = row.Area;
            customer.Meter = new MeterInfo { MeterNumber = "M-" + row.Id + variant, Multiplier = own ? 1 : set == DataSet.A ? 20 : 40 };
            customer.Readings = new List<MeterReading>
            {
                new MeterReading { Id = 1, Month = 1, Kwh = row.UsageKwh / 12 },
                new MeterReading { Id = 2, Month = 2, Kwh = (row.UsageKwh / 12) + (own ? 1 : set == DataSet.A ? 3 : 5) },
            };
            return customer;
        }

        private static List<CustomerRow> Customers(DataSet set)
        {
            var rows = new List<CustomerRow>
            {
                new CustomerRow(1, "Aoki Seisakusho", RetailerCodes.Own, ContractKinds.HighVoltage, 120000, 1, true),
                new CustomerRow(2, "Ito Hanako", RetailerCodes.Own, ContractKinds.LowVoltage, 3100, 1, false),
                new CustomerRow(3, "Kato Shoten", RetailerCodes.Own, ContractKinds.LowVoltage, 9000, 2, true),
                new CustomerRow(4, "Sato Jiro", RetailerCodes.Own, ContractKinds.LowVoltage, 800, 2, false),
                new CustomerRow(5, "Tanaka Kogyo", RetailerCodes.Own, ContractKinds.HighVoltage, 250000, 1, true),
            };

            if (set == DataSet.A)
            {
                rows.Add(new CustomerRow(200, "Rival customer Okada", "R0002", ContractKinds.LowVoltage, 5200, 1, true));
                rows.Add(new CustomerRow(201, "Rival customer Mori", "R0003", ContractKinds.LowVoltage, 700, 2, false));
                rows.Add(new CustomerRow(202, "Rival customer Ueda", "R0002", ContractKinds.HighVoltage, 64000, 1, true));
                rows.Add(new CustomerRow(400, "Last-resort plant Komaki", RetailerCodes.Own, ContractKinds.LastResort, 900400, 1, true));
                rows.Add(new CustomerRow(401, "Last-resort plant Inuyama", RetailerCodes.Own, ContractKinds.LastResort, 900401, 2, false));
            }
            else
            {
                rows.Add(new CustomerRow(200, "Other retailer's customer Noda", "R0002", ContractKinds.HighVoltage, 7100, 2, true));
                rows.Add(new CustomerRow(203, "Other retailer's customer Hara", "R0003", ContractKinds.LowVoltage, 2500, 1, false));
                rows.Add(new CustomerRow(204, "Other retailer's customer Kudo", "R0002", ContractKinds.LowVoltage, 650, 2, true));
                rows.Add(new CustomerRow(205, "Other retailer's customer Sano", "R0003", ContractKinds.HighVoltage, 88000, 1, false));
                rows.Add(new CustomerRow(400, "Last-resort factory Seto", RetailerCodes.Own, ContractKinds.LastResort, 700400, 2, true));
                rows.Add(new CustomerRow(402, "Last-resort factory Tokoname", RetailerCodes.Own, ContractKinds.LastResort, 700402, 1, false));
                rows.Add(new CustomerRow(403, "Last-resort factory Chita", RetailerCodes.Own, ContractKinds.LastResort, 700403, 2, true));
            }

            return rows;
        }
    }
}
