using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RetailGuard.Cli.Analysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Cli.Output
{
    /// <summary>
    /// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, the RetailGuard rules with
    /// <c>security</c> tags and a <c>security-severity</c> (the property GitHub code scanning and others read to treat a result
    /// as a security alert), every finding with its verdict (approved and baselined findings as suppressed results with
    /// their justification), and the configuration diagnostics.
    /// </summary>
    internal static class Sarif
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        /// <summary>The security-severity of a rule (0.0–10.0, CVSS-like): leaks of other retailers' customers are high, unverifiable SQL and whole-entity exports medium.</summary>
        public static string? SecuritySeverity(string id) => id switch
        {
            RuleIds.UnfilteredRead or RuleIds.MissingExclusion or RuleIds.NotOwnRetailer or RuleIds.FilteredAfterLoad or
            RuleIds.QueryFilterBypassed or RuleIds.RestrictedTableRead or RuleIds.UnfilteredExport or RuleIds.UnfilteredBulkExtraction => "8.1",
            RuleIds.SqlUnverifiable => "6.5",
            RuleIds.WholeEntityExport => "4.3",
            _ => null,
        };

        public static string Write(AnalysisResult result, IReadOnlyList<Site> sites)
        {
            var results = sites.Concat(result.Configuration).ToList();
            var rules = Descriptors.All.Where(d => results.Any(r => r.Rule == d.Id)).ToList();
            var index = rules.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", SchemaUri);
                json.WriteString("version", "2.1.0");
                json.WriteStartArray("runs");
                json.WriteStartObject();

                json.WriteStartObject("tool");
                json.WriteStartObject("driver");
                json.WriteString("name", "RetailGuard");
                json.WriteString("semanticVersion", Reports.ToolVersion);
                json.WriteString("informationUri", "https://github.com/retailguard/retailguard");
                json.WriteStartArray("rules");
                foreach (var d in rules)
                {
                    WriteRule(json, d);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject("SRCROOT");
                json.WriteString("uri", new Uri(result.Input.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndObject();

                json.WriteStartArray("results");
                foreach (var site in results)
                {
                    WriteResult(json, site, index[site.Rule]);
                }

                json.WriteEndArray();
                json.WriteString("columnKind", "utf16CodeUnits");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        private static void WriteRule(Utf8JsonWriter json, DiagnosticDescriptor d)
        {
            var culture = CultureInfo.CurrentUICulture;
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("name", d.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", d.Title.ToString(culture));
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", d.Description.ToString(culture));
            json.WriteEndObject();
            json.WriteString("helpUri", d.HelpLinkUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(Descriptors.ShippedSeverities.TryGetValue(d.Id, out var shipped) ? shipped : d.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", d.Category);
            json.WriteStartArray("tags");
            string? security = SecuritySeverity(d.Id);
            if (security != null)
            {
                json.WriteStringValue("security");
                json.WriteStringValue("external/cwe/cwe-200");
            }

            json.WriteStringValue("RetailGuard");
            json.WriteStringValue(d.Category);
            json.WriteEndArray();
            if (security != null)
            {
                json.WriteString("security-severity", security);
                json.WriteString("precision", "high");
                json.WriteString("problem.severity", "error");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter json, Site site, int ruleIndex)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", site.Rule);
            json.WriteNumber("ruleIndex", ruleIndex);
            json.WriteString("level", site.Severity switch { "error" => "error", "warning" => "warning", _ => "note" });
            json.WriteStartObject("message");
            json.WriteString("text", site.Message);
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(site.File))
            {
                json.WriteStartArray("locations");
                WriteLocation(json, site.File, site.Line, site.Column, site.EndLine, site.EndColumn);
                json.WriteEndArray();
            }

            if (site.Related.Count > 0)
            {
                json.WriteStartArray("relatedLocations");
                int id = 1;
                foreach (var related in site.Related)
                {
                    WriteLocation(json, related.File, related.Line, related.Column, 0, 0, id++);
                }

                json.WriteEndArray();
            }

            if (!string.IsNullOrEmpty(site.Fingerprint))
            {
                json.WriteStartObject("partialFingerprints");
                json.WriteString("retailGuardSite/v1", site.Fingerprint);
                json.WriteEndObject();
            }

            if (site.Verdict is Verdict.Approved or Verdict.Baseline or Verdict.SuppressedInSource)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", site.Verdict == Verdict.SuppressedInSource ? "inSource" : "external");
                json.WriteString("status", "accepted");
                json.WriteString("justification", site.Justification.Length > 0 ? site.Justification : Texts.How(site).Substring(site.Rule.Length).Trim());
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            if (!site.IsConfiguration)
            {
                json.WriteString("table", site.Table);
                json.WriteString("technology", site.Technology);
                json.WriteString("access", site.Access);
                json.WriteString("member", site.Member);
            }

            json.WriteString("project", site.Project);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteLocation(Utf8JsonWriter json, string file, int line, int column, int endLine, int endColumn, int id = 0)
        {
            json.WriteStartObject();
            if (id > 0)
            {
                json.WriteNumber("id", id);
            }

            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal));
            json.WriteString("uriBaseId", "SRCROOT");
            json.WriteEndObject();
            if (line > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                json.WriteNumber("startColumn", Math.Max(1, column));
                if (endLine > 0)
                {
                    json.WriteNumber("endLine", endLine);
                    json.WriteNumber("endColumn", Math.Max(1, endColumn));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static string Level(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "note",
        };
    }
}
