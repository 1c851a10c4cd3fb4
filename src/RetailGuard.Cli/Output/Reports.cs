using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RetailGuard.Cli.Analysis;

namespace RetailGuard.Cli.Output
{
    /// <summary>Totals of sites per table and per verdict.</summary>
    internal sealed class Totals
    {
        public Totals(IEnumerable<Site> sites)
        {
            foreach (var site in sites)
            {
                string table = site.Table;
                if (!ByTable.TryGetValue(table, out var row))
                {
                    ByTable[table] = row = new SortedDictionary<Verdict, int>();
                }

                row[site.Verdict] = row.TryGetValue(site.Verdict, out int n) ? n + 1 : 1;
                ByVerdict[site.Verdict] = ByVerdict.TryGetValue(site.Verdict, out int m) ? m + 1 : 1;
                Count++;
            }
        }

        public SortedDictionary<string, SortedDictionary<Verdict, int>> ByTable { get; } = new SortedDictionary<string, SortedDictionary<Verdict, int>>(StringComparer.Ordinal);

        public SortedDictionary<Verdict, int> ByVerdict { get; } = new SortedDictionary<Verdict, int>();

        public int Count { get; }

        public int Of(Verdict verdict) => ByVerdict.TryGetValue(verdict, out int n) ? n : 0;
    }

    /// <summary>The machine-readable forms (JSON, CSV) and the forms people read (Markdown, HTML) of a result.</summary>
    internal static class Reports
    {
        public const string CsvHeader = "table,technology,access,member,file,line,column,verdict,rule,how,detail,project";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// JSON: <c>{ tool, version, input, projects, notAnalysed, totals: { byTable: { table: { verdict: n } }, byVerdict }, sites: [...],
        /// configuration: [...] }</c>. Verdicts are "compliant", "finding", "approved", "baseline", "suppressed"; technology, access
        /// and how are the tokens of docs/rules/RG0001.md.
        /// </summary>
        public static string ToJson(AnalysisResult result, IReadOnlyList<Site> sites)
        {
            var totals = new Totals(sites);
            var document = new Dictionary<string, object?>
            {
                ["tool"] = "RetailGuard",
                ["version"] = ToolVersion,
                ["input"] = Path.GetFileName(result.Input.Path),
                ["projects"] = result.Projects,
                ["notAnalysed"] = result.NotAnalysed,
                ["totals"] = new Dictionary<string, object>
                {
                    ["sites"] = totals.Count,
                    ["byTable"] = totals.ByTable.ToDictionary(t => t.Key, t => t.Value.ToDictionary(v => Texts.VerdictKey(v.Key), v => v.Value)),
                    ["byVerdict"] = totals.ByVerdict.ToDictionary(v => Texts.VerdictKey(v.Key), v => v.Value),
                },
                ["sites"] = sites.Select(SiteObject).ToList(),
                ["configuration"] = result.Configuration.Select(c => new Dictionary<string, object>
                {
                    ["rule"] = c.Rule,
                    ["severity"] = c.Severity,
                    ["file"] = c.File,
                    ["line"] = c.Line,
                    ["message"] = c.Message,
                }).ToList(),
            };
            return JsonSerializer.Serialize(document, Json) + "\n";
        }

        private static Dictionary<string, object> SiteObject(Site s) => new Dictionary<string, object>
        {
            ["table"] = s.Table,
            ["technology"] = s.Technology,
            ["access"] = s.Access,
            ["member"] = s.Member,
            ["file"] = s.File,
            ["line"] = s.Line,
            ["column"] = s.Column,
            ["verdict"] = Texts.VerdictKey(s.Verdict),
            ["rule"] = s.Rule,
            ["how"] = s.How,
            ["detail"] = s.Detail,
            ["severity"] = s.Severity,
            ["project"] = s.Project,
            ["message"] = s.Message,
            ["helpUri"] = s.HelpUri,
        };

        /// <summary>CSV (RFC 4180): <see cref="CsvHeader"/>, one site per line.</summary>
        public static string ToCsv(IReadOnlyList<Site> sites)
        {
            var csv = new StringBuilder(CsvHeader).Append("\r\n");
            foreach (var s in sites)
            {
                var fields = new[]
                {
                    s.Table, s.Technology, s.Access, s.Member, s.File, s.Line.ToString(CultureInfo.InvariantCulture), s.Column.ToString(CultureInfo.InvariantCulture),
                    Texts.VerdictKey(s.Verdict), s.Rule, s.How, s.Detail, s.Project,
                };
                csv.Append(string.Join(",", fields.Select(Quote))).Append("\r\n");
            }

            return csv.ToString();
        }

        private static string Quote(string field) =>
            field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

        /// <summary>Markdown: the totals per table and verdict, then every site.</summary>
        public static string ToMarkdown(AnalysisResult result, IReadOnlyList<Site> sites)
        {
            var md = new StringBuilder();
            var totals = new Totals(sites);
            var verdicts = Enum.GetValues<Verdict>().Where(v => totals.Of(v) > 0).ToList();
            md.Append("# ").Append(Texts.Get("InventoryTitle")).Append("\n\n");
            md.Append(Texts.Get("Intro")).Append("\n\n");
            md.Append("- ").Append(Texts.Get("Input")).Append(": `").Append(Path.GetFileName(result.Input.Path)).Append("`\n");
            md.Append("- ").Append(Texts.Get("Projects")).Append(": ").Append(string.Join(", ", result.Projects)).Append('\n');
            md.Append("- ").Append(Texts.Get("Sites")).Append(": ").Append(totals.Count).Append("\n\n");
            if (totals.Count == 0)
            {
                md.Append(Texts.Get("NoSite")).Append("\n\n");
            }
            else
            {
                md.Append("## ").Append(Texts.Get("TotalsPerTable")).Append("\n\n");
                md.Append("| ").Append(Texts.Get("Table")).Append(" | ").Append(string.Join(" | ", verdicts.Select(Texts.VerdictName))).Append(" | ").Append(Texts.Get("Total")).Append(" |\n");
                md.Append("|---|").Append(string.Concat(verdicts.Select(_ => "---:|"))).Append("---:|\n");
                foreach (var row in totals.ByTable)
                {
                    md.Append("| ").Append(Cell(row.Key.Length == 0 ? Texts.Get("UnknownTable") : row.Key)).Append(" | ")
                      .Append(string.Join(" | ", verdicts.Select(v => row.Value.TryGetValue(v, out int n) ? n : 0))).Append(" | ").Append(row.Value.Values.Sum()).Append(" |\n");
                }

                md.Append("| **").Append(Texts.Get("Total")).Append("** | ").Append(string.Join(" | ", verdicts.Select(v => "**" + totals.Of(v) + "**"))).Append(" | **").Append(totals.Count).Append("** |\n\n");
                md.Append("## ").Append(Texts.Get("Sites")).Append("\n\n");
                md.Append("| ").Append(string.Join(" | ", new[] { "Table", "Technology", "Access", "Member", "File", "Verdict", "How" }.Select(Texts.Get))).Append(" |\n");
                md.Append("|---|---|---|---|---|---|---|\n");
                foreach (var s in sites)
                {
                    string how = s.Verdict == Verdict.Compliant ? Texts.How(s) : $"[{s.Rule}]({s.HelpUri}) {Texts.How(s).Substring(s.Rule.Length).Trim()}";
                    md.Append("| ").Append(Cell(Texts.TableName(s))).Append(" | ").Append(Cell(Texts.Technology(s.Technology))).Append(" | ").Append(Cell(Texts.Access(s.Access)))
                      .Append(" | `").Append(Cell(s.Member)).Append("` | ").Append(Cell(Texts.Location(s))).Append(" | ").Append(Texts.VerdictName(s.Verdict))
                      .Append(" | ").Append(Cell(how)).Append(" |\n");
                }

                md.Append('\n');
            }

            AppendNotAnalysed(md, result);
            return md.ToString();
        }

        private static void AppendNotAnalysed(StringBuilder md, AnalysisResult result)
        {
            if (result.NotAnalysed.Count == 0)
            {
                return;
            }

            md.Append("## ").Append(Texts.Get("NotAnalysed")).Append("\n\n");
            foreach (var line in result.NotAnalysed)
            {
                md.Append("- ").Append(line.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            }

            md.Append('\n');
        }

        private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

        /// <summary>One self-contained HTML file: the data as JSON, rendered by the page's own script (chart, sortable and filterable table).</summary>
        public static string ToHtml(AnalysisResult result, IReadOnlyList<Site> sites)
        {
            string template;
            using (var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RetailGuard.Cli.Reports.report.html")!)
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                template = reader.ReadToEnd();
            }

            var totals = new Totals(sites);
            var data = new Dictionary<string, object>
            {
                ["input"] = Path.GetFileName(result.Input.Path),
                ["projects"] = result.Projects,
                ["notAnalysed"] = result.NotAnalysed,
                ["verdicts"] = Enum.GetValues<Verdict>().Select(v => new Dictionary<string, string> { ["key"] = Texts.VerdictKey(v), ["name"] = Texts.VerdictName(v) }).ToList(),
                ["sites"] = sites.Select(s => new Dictionary<string, object>
                {
                    ["table"] = Texts.TableName(s),
                    ["technology"] = Texts.Technology(s.Technology),
                    ["access"] = Texts.Access(s.Access),
                    ["member"] = s.Member,
                    ["file"] = s.File,
                    ["line"] = s.Line,
                    ["verdict"] = Texts.VerdictKey(s.Verdict),
                    ["rule"] = s.Rule,
                    ["how"] = s.Verdict == Verdict.Compliant ? Texts.How(s) : Texts.How(s).Substring(s.Rule.Length).Trim(),
                    ["message"] = s.Message,
                    ["help"] = s.HelpUri,
                }).ToList(),
                ["count"] = totals.Count,
            };

            // JavaScriptEncoder.Default escapes <, > and &: the JSON cannot close the script element it sits in.
            var safe = new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default };
            return template
                .Replace("{{lang}}", Texts.Lang, StringComparison.Ordinal)
                .Replace("{{title}}", System.Net.WebUtility.HtmlEncode(Texts.Get("InventoryTitle") + " — " + Path.GetFileName(result.Input.Path)), StringComparison.Ordinal)
                .Replace("{{texts}}", JsonSerializer.Serialize(Texts.All(), safe), StringComparison.Ordinal)
                .Replace("{{data}}", JsonSerializer.Serialize(data, safe), StringComparison.Ordinal);
        }

        public static string ToolVersion =>
            typeof(Reports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
    }
}
