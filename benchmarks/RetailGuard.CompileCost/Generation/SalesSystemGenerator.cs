using System;
using System.Collections.Generic;

namespace RetailGuard.CompileCost.Generation
{
    /// <summary>One generated source or additional file: its path relative to the project folder, and its text.</summary>
    internal sealed record GeneratedFile(string Path, string Text);

    /// <summary>A generated sales-system data layer: C# sources, additional files (policy, .sql) and what it is made of.</summary>
    internal sealed class GeneratedSystem
    {
        public List<GeneratedFile> Sources { get; } = new List<GeneratedFile>();

        public List<GeneratedFile> AdditionalFiles { get; } = new List<GeneratedFile>();

        /// <summary>Non-blank lines of data access (repository members) in all sources.</summary>
        public int DataAccessLines { get; set; }

        /// <summary>Non-blank lines of everything else.</summary>
        public int OtherLines { get; set; }

        /// <summary>How many data-access members each template produced.</summary>
        public SortedDictionary<string, int> Members { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        public int LeakyMembers { get; set; }

        public int TotalLines => DataAccessLines + OtherLines;
    }

    /// <summary>
    /// Generates an N-file sales-system data layer, deterministically from a seed: two shared files (domain, EF Core model and
    /// helpers) and N − 2 feature files, each with DTOs, a static <c>Rules</c> class of ordinary code, a repository of 9–15
    /// data-access members (<see cref="DataAccessTemplates"/>) and a service that calls them. Feature <c>i</c> depends only
    /// on the seed and <c>i</c>, so a smaller system is a prefix of a larger one. About a third of the lines are data access.
    /// </summary>
    internal static class SalesSystemGenerator
    {
        /// <summary>Shared C# files every generated system has (the domain, the EF Core model and helpers).</summary>
        public const int SharedFiles = 2;

        private static readonly string[] Topics =
        {
            "Billing", "Ledger", "Dunning", "Campaign", "Metering", "Tariff", "Purchase", "Contract", "Support", "Reporting",
            "Onboarding", "Settlement", "Outage", "Switching", "Forecast", "Loyalty",
        };

        public static GeneratedSystem Generate(int files, int seed)
        {
            if (files < SharedFiles + 1)
            {
                throw new ArgumentOutOfRangeException(nameof(files), $"at least {SharedFiles + 1} files");
            }

            var system = new GeneratedSystem();
            Add(system, "Domain/Entities.cs", SharedSources.Domain, LineKind.Other);
            Add(system, "Data/SalesData.cs", SharedSources.Data, LineKind.DataAccess);
            system.AdditionalFiles.Add(new GeneratedFile("retailguard.json", SharedSources.Policy));
            system.AdditionalFiles.Add(new GeneratedFile("Sql/objects.sql", SharedSources.SqlObjects));

            int totalWeight = 0;
            foreach (var template in DataAccessTemplates.All)
            {
                totalWeight += template.Weight;
            }

            for (int feature = 0; feature < files - SharedFiles; feature++)
            {
                var writer = new CodeWriter();
                WriteFeature(writer, feature, seed, totalWeight, system);
                system.Sources.Add(new GeneratedFile($"Features/F{feature:D5}.cs", writer.ToString()));
                system.DataAccessLines += writer.DataAccessLines;
                system.OtherLines += writer.OtherLines;
            }

            return system;
        }

        private static void Add(GeneratedSystem system, string path, string text, LineKind kind)
        {
            var writer = new CodeWriter { Kind = kind };
            writer.Line(text);
            system.Sources.Add(new GeneratedFile(path, writer.ToString()));
            system.DataAccessLines += writer.DataAccessLines;
            system.OtherLines += writer.OtherLines;
        }

        private static void WriteFeature(CodeWriter w, int feature, int seed, int totalWeight, GeneratedSystem system)
        {
            var random = new Random(unchecked((seed * 1_000_003) + feature));
            string topic = Topics[random.Next(Topics.Length)];
            var input = new TemplateInput(0, feature, topic, random);

            w.Line("""
                using System;
                using System.Collections.Generic;
                using System.Data;
                using System.Globalization;
                using System.IO;
                using System.Linq;
                using System.Text;
                using System.Threading.Tasks;
                using CsvHelper;
                using Dapper;
                using Microsoft.Data.SqlClient;
                using Microsoft.Data.Sqlite;
                using Microsoft.EntityFrameworkCore;
                using Sales.Data;
                using Sales.Domain;
                """);
            w.Line();
            using (w.Block($"namespace Sales.Features.F{feature:D5}"))
            {
                WriteTypes(w, input);
                WriteRules(w, input, feature);
                w.Line();
                var calls = WriteRepository(w, input, totalWeight, system);
                w.Line();
                WriteService(w, input, feature, calls);
            }
        }

        private static void WriteTypes(CodeWriter w, TemplateInput t)
        {
            w.Line($$"""
                public enum {{t.Topic}}Status
                {
                    Draft,
                    Submitted,
                    Approved,
                    Rejected,
                }

                public sealed class CustomerRow
                {
                    public int Id { get; set; }
                    public string Name { get; set; } = string.Empty;
                    public string Address { get; set; } = string.Empty;
                }

                public sealed class ProductRow
                {
                    public int Id { get; set; }
                    public string Code { get; set; } = string.Empty;
                    public string Name { get; set; } = string.Empty;
                    public decimal Price { get; set; }
                }

                public sealed class InvoiceTotal
                {
                    public int CustomerId { get; set; }
                    public decimal Total { get; set; }
                }

                """);
            var types = BusinessTemplates.Types;
            int first = t.Next(0, types.Count);
            int count = t.Next(1, types.Count + 1);
            for (int k = 0; k < count; k++)
            {
                types[(first + k) % types.Count](w, t);
                w.Line();
            }
        }

        private static void WriteRules(CodeWriter w, TemplateInput t, int feature)
        {
            using (w.Block("public static class Rules"))
            {
                w.Line("""
                    public static string NormalizeName(string value)
                    {
                        if (string.IsNullOrWhiteSpace(value))
                        {
                            return string.Empty;
                        }

                        var builder = new StringBuilder(value.Length);
                        foreach (var ch in value.Trim())
                        {
                            if (char.IsLetterOrDigit(ch) || ch == ' ' || ch == '-')
                            {
                                builder.Append(char.ToUpperInvariant(ch));
                            }
                        }

                        return builder.ToString();
                    }
                    """);
                var rules = BusinessTemplates.Rules;
                int first = t.Next(0, rules.Count);
                int count = t.Next(2, 5);
                for (int k = 0; k < count; k++)
                {
                    w.Line();
                    rules[(first + k) % rules.Count](w, t);
                }
            }
        }

        /// <returns>The service's calls of the repository's members, with what each returns.</returns>
        private static List<(string Call, Returns Returns)> WriteRepository(CodeWriter w, TemplateInput t, int totalWeight, GeneratedSystem system)
        {
            var calls = new List<(string, Returns)>();
            w.Kind = LineKind.DataAccess;
            using (w.Block($"public sealed class {t.Topic}Repository"))
            {
                w.Line($$"""
                    private readonly SalesDbContext _db;
                    private readonly IDbConnection _connection;
                    private readonly SqlConnection _sql;
                    private readonly SqliteConnection _sqlite;

                    public {{t.Topic}}Repository(SalesDbContext db, IDbConnection connection, SqlConnection sql, SqliteConnection sqlite)
                    {
                        _db = db;
                        _connection = connection;
                        _sql = sql;
                        _sqlite = sqlite;
                    }
                    """);
                int members = t.Next(9, 16);
                for (int member = 0; member < members; member++)
                {
                    var template = Pick(t.Random, totalWeight);
                    w.Line();
                    string call = template.Emit(w, t with { Member = member });
                    system.Members[template.Name] = system.Members.TryGetValue(template.Name, out var n) ? n + 1 : 1;
                    if (template.Verdict == Verdict.Leaky)
                    {
                        system.LeakyMembers++;
                    }

                    if (template.Returns != Returns.NotCalled)
                    {
                        calls.Add((call, template.Returns));
                    }
                }
            }

            w.Kind = LineKind.Other;
            return calls;
        }

        private static DataAccessTemplate Pick(Random random, int totalWeight)
        {
            int roll = random.Next(totalWeight);
            foreach (var template in DataAccessTemplates.All)
            {
                roll -= template.Weight;
                if (roll < 0)
                {
                    return template;
                }
            }

            throw new InvalidOperationException("weights");
        }

        private static void WriteService(CodeWriter w, TemplateInput t, int feature, List<(string Call, Returns Returns)> calls)
        {
            using (w.Block($"public sealed class {t.Topic}Service"))
            {
                w.Line($$"""
                    private readonly {{t.Topic}}Repository _repository;

                    public {{t.Topic}}Service({{t.Topic}}Repository repository)
                    {
                        _repository = repository;
                    }

                    """);
                using (w.Block("public string Describe(int id, string text, int region, string folder)"))
                {
                    w.Line("var parts = new List<string>();");
                    foreach (var (call, returns) in calls)
                    {
                        switch (returns)
                        {
                            case Returns.Nothing:
                                w.Line($"_repository.{call};");
                                break;
                            case Returns.Value:
                                w.Line($"parts.Add(Convert.ToString(_repository.{call}, CultureInfo.InvariantCulture) ?? string.Empty);");
                                break;
                            default:
                                w.Line($"parts.Add(_repository.{call}.Count().ToString(CultureInfo.InvariantCulture));");
                                break;
                        }
                    }

                    if (feature > 0)
                    {
                        // Features call into earlier ones, as real code does.
                        int other = t.Next(0, feature);
                        using (w.Block($"if (Sales.Features.F{other:D5}.Rules.NormalizeName(text).Length > {t.Next(1, 30)})"))
                        {
                            w.Line("parts.Add(text.Trim());");
                        }
                    }

                    w.Line("return string.Join(\";\", parts.Select(Rules.NormalizeName));");
                }
            }
        }
    }
}
