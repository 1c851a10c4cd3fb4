using System;
using System.Collections.Generic;

namespace RetailGuard.CompileCost.Generation
{
    /// <summary>
    /// The ordinary code of a feature, around its data access: DTOs, validation, string handling, pricing, LINQ to objects.
    /// Each template writes one member of the feature's static <c>Rules</c> class (or one type) and uses only the DTOs every
    /// feature declares (<c>CustomerRow</c>, <c>ProductRow</c>, <c>InvoiceTotal</c>).
    /// </summary>
    internal static class BusinessTemplates
    {
        /// <summary>Extra types of a feature, written before its classes.</summary>
        public static IReadOnlyList<Action<CodeWriter, TemplateInput>> Types { get; } = new Action<CodeWriter, TemplateInput>[]
        {
            (w, t) => w.Line($$"""
                public sealed class {{t.Topic}}Request
                {
                    public int Id { get; set; }
                    public string Title { get; set; } = string.Empty;
                    public decimal Amount { get; set; }
                    public DateTime CreatedOn { get; set; }
                    public List<string> Tags { get; set; } = new List<string>();
                    public {{t.Topic}}Status Status { get; set; }
                }
                """),
            (w, t) => w.Line($$"""
                public sealed record {{t.Topic}}Line(int Id, string Description, decimal Quantity, decimal UnitPrice)
                {
                    public decimal Total => Math.Round(Quantity * UnitPrice, 2);
                }
                """),
            (w, t) => w.Line($$"""
                public readonly struct {{t.Topic}}Period
                {
                    public {{t.Topic}}Period(DateTime from, DateTime to)
                    {
                        From = from;
                        To = to;
                    }

                    public DateTime From { get; }

                    public DateTime To { get; }

                    public int Days => (int)(To - From).TotalDays;

                    public bool Contains(DateTime day) => day >= From && day < To;
                }
                """),
        };

        /// <summary>Members of the feature's <c>Rules</c> class besides <c>NormalizeName</c>, which every feature has.</summary>
        public static IReadOnlyList<Action<CodeWriter, TemplateInput>> Rules { get; } = new Action<CodeWriter, TemplateInput>[]
        {
            (w, t) => w.Line($$"""
                public static bool IsValidPostalCode(string code)
                {
                    if (code.Length != 8 || code[3] != '-')
                    {
                        return false;
                    }

                    for (int i = 0; i < code.Length; i++)
                    {
                        if (i != 3 && !char.IsDigit(code[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }
                """),
            (w, t) => w.Line($$"""
                public static List<string> Validate(CustomerRow row)
                {
                    var errors = new List<string>();
                    if (string.IsNullOrWhiteSpace(row.Name))
                    {
                        errors.Add("name is required");
                    }
                    else if (row.Name.Length > {{t.Next(40, 120)}})
                    {
                        errors.Add("name is too long");
                    }

                    if (string.IsNullOrWhiteSpace(row.Address))
                    {
                        errors.Add("address is required");
                    }

                    if (row.Id <= 0)
                    {
                        errors.Add("id must be positive");
                    }

                    return errors;
                }
                """),
            (w, t) => w.Line($$"""
                public static decimal TotalWithTax(IEnumerable<ProductRow> rows)
                {
                    decimal net = rows.Where(r => r.Price > 0).Sum(r => r.Price);
                    return Math.Round(net * {{t.Pick("1.10m", "1.08m")}}, 2, MidpointRounding.AwayFromZero);
                }
                """),
            (w, t) => w.Line($$"""
                public static Dictionary<string, int> CountByCity(IEnumerable<CustomerRow> rows) =>
                    rows.GroupBy(r => r.Address.Split(' ')[0], StringComparer.OrdinalIgnoreCase)
                        .OrderByDescending(g => g.Count())
                        .Take({{t.Next(3, 20)}})
                        .ToDictionary(g => g.Key, g => g.Count());
                """),
            (w, t) => w.Line($$"""
                public static string ClassifyUsage(int kwh) => kwh switch
                {
                    < {{t.Next(100, 200)}} => "low",
                    < {{t.Next(300, 600)}} => "medium",
                    < {{t.Next(800, 2000)}} => "high",
                    _ => "very high",
                };
                """),
            (w, t) => w.Line($$"""
                public static string FormatAddress(string prefecture, string city, string line)
                {
                    var parts = new[] { prefecture.Trim(), city.Trim(), line.Trim() };
                    return string.Join(" ", parts.Where(p => p.Length > 0));
                }
                """),
            (w, t) => w.Line($$"""
                public static int ParseContractKw(string text)
                {
                    var digits = new string(text.Where(char.IsDigit).ToArray());
                    return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kw) && kw <= {{t.Next(50, 2000)}} ? kw : 0;
                }
                """),
            (w, t) => w.Line($$"""
                public static string MaskPhone(string phone)
                {
                    if (phone.Length < 4)
                    {
                        return new string('*', phone.Length);
                    }

                    return new string('*', phone.Length - 4) + phone.Substring(phone.Length - 4);
                }
                """),
            (w, t) => w.Line($$"""
                public static List<T> Page<T>(IReadOnlyList<T> items, int page, int size = {{t.Next(10, 100)}})
                {
                    var result = new List<T>(size);
                    for (int i = page * size; i < items.Count && i < (page + 1) * size; i++)
                    {
                        result.Add(items[i]);
                    }

                    return result;
                }
                """),
            (w, t) => w.Line($$"""
                public static decimal AverageTotal(IEnumerable<InvoiceTotal> totals)
                {
                    var list = totals.Where(x => x.Total > 0).ToList();
                    return list.Count == 0 ? 0m : Math.Round(list.Average(x => x.Total), 2);
                }
                """),
            (w, t) => w.Line($$"""
                public static string Describe(IEnumerable<ProductRow> rows)
                {
                    var builder = new StringBuilder();
                    foreach (var row in rows.OrderBy(r => r.Code, StringComparer.Ordinal))
                    {
                        builder.Append(row.Code).Append(": ").Append(row.Name).Append(" (")
                            .Append(row.Price.ToString("N0", CultureInfo.InvariantCulture)).AppendLine(")");
                    }

                    return builder.ToString();
                }
                """),
            (w, t) => w.Line($$"""
                public static bool IsBusinessDay(DateTime day) =>
                    day.DayOfWeek != DayOfWeek.Saturday && day.DayOfWeek != DayOfWeek.Sunday && !(day.Month == 1 && day.Day <= {{t.Next(1, 4)}});
                """),
        };
    }
}
