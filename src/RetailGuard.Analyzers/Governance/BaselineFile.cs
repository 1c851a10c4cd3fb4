using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;

namespace RetailGuard.Governance
{
    /// <summary>
    /// <c>retailguard.baseline.json</c>: the accepted legacy findings of one project, read as an AdditionalFiles item.
    /// Format (docs/baseline.md):
    /// <code>
    /// {
    ///   "version": 1,
    ///   "findings": [
    ///     { "rule": "RG1001", "file": "Data/Reports.cs", "member": "Sales.Legacy.Reports.All()", "table": "customers", "hash": "9f2c4e1a7b3d5c60" }
    ///   ]
    /// }
    /// </code>
    /// <see cref="Write"/> produces exactly this layout: entries sorted (<see cref="BaselineEntry.CompareTo"/>), one per line, '\n' line ends.
    /// </summary>
    internal sealed class BaselineFile
    {
        public const string FileName = "retailguard.baseline.json";

        /// <summary>The format version this RetailGuard reads and writes.</summary>
        public const int FormatVersion = 1;

        private const int MaxCachedContents = 16;
        private static readonly ConditionalWeakTable<SourceText, BaselineFile> Cache = new ConditionalWeakTable<SourceText, BaselineFile>();
        private static readonly ConcurrentDictionary<string, BaselineFile> Contents = new ConcurrentDictionary<string, BaselineFile>(StringComparer.Ordinal);

        private BaselineFile(string path, SourceText text, ImmutableArray<BaselineEntry> entries, ImmutableArray<TextSpan> spans, ImmutableArray<PolicyError> errors)
        {
            Path = path;
            Text = text;
            Entries = entries;
            EntrySpans = spans;
            Errors = errors;
        }

        public string Path { get; }

        public SourceText Text { get; }

        /// <summary>The entries in file order. Empty when the file has errors: a broken baseline accepts nothing.</summary>
        public ImmutableArray<BaselineEntry> Entries { get; }

        /// <summary>Where each entry of <see cref="Entries"/> is written.</summary>
        public ImmutableArray<TextSpan> EntrySpans { get; }

        /// <summary>What is wrong with the file (RG9012), with where.</summary>
        public ImmutableArray<PolicyError> Errors { get; }

        /// <summary>The folder the entries' paths are relative to.</summary>
        public string Folder => System.IO.Path.GetDirectoryName(Path) ?? string.Empty;

        public static bool IsBaselineFile(string path) => string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The baseline among the AdditionalFiles, or null.</summary>
        public static AdditionalText? Find(ImmutableArray<AdditionalText> files)
        {
            foreach (var file in files)
            {
                if (IsBaselineFile(file.Path))
                {
                    return file;
                }
            }

            return null;
        }

        /// <summary>The parsed file, once per content.</summary>
        public static BaselineFile Get(AdditionalText file, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken) ?? SourceText.From(string.Empty);
            return Cache.GetValue(text, t =>
            {
                string key = file.Path + "\0" + t;
                if (Contents.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                if (Contents.Count >= MaxCachedContents)
                {
                    Contents.Clear();
                }

                return Contents.GetOrAdd(key, _ => Parse(file.Path, t));
            });
        }

        /// <summary>Reads a baseline. Errors are collected, never thrown; a file with errors has no entries.</summary>
        public static BaselineFile Parse(string path, SourceText text)
        {
            var errors = new List<PolicyError>();
            var entries = ImmutableArray.CreateBuilder<BaselineEntry>();
            var spans = ImmutableArray.CreateBuilder<TextSpan>();
            JsonValue root;
            try
            {
                root = JsonReader.Parse(text.ToString());
            }
            catch (JsonParseException ex)
            {
                int at = Math.Max(0, Math.Min(ex.Offset, text.Length));
                errors.Add(new PolicyError("not valid JSON: " + ex.Message, new TextSpan(at, at < text.Length ? 1 : 0)));
                return new BaselineFile(path, text, ImmutableArray<BaselineEntry>.Empty, ImmutableArray<TextSpan>.Empty, errors.ToImmutableArray());
            }

            if (root.Kind != JsonKind.Object)
            {
                errors.Add(new PolicyError("the baseline must be a JSON object", Span(root)));
            }
            else
            {
                bool sawVersion = false, sawFindings = false;
                foreach (var m in root.Members!)
                {
                    switch (m.Name)
                    {
                        case "version":
                            sawVersion = true;
                            if (m.Value.Kind != JsonKind.Number || m.Value.Text != FormatVersion.ToString(CultureInfo.InvariantCulture))
                            {
                                errors.Add(new PolicyError($"'version' must be {FormatVersion}; this RetailGuard reads version {FormatVersion} baselines", Span(m.Value)));
                            }

                            break;
                        case "findings":
                            sawFindings = true;
                            ReadFindings(m.Value, entries, spans, errors);
                            break;
                        case "$schema":
                        case "$comment":
                        case "description":
                            break;
                        default:
                            errors.Add(new PolicyError($"unknown property '{m.Name}' in the baseline", new TextSpan(m.NameStart, m.NameLength)));
                            break;
                    }
                }

                if (!sawVersion)
                {
                    errors.Add(new PolicyError("'version' is required", Span(root)));
                }

                if (!sawFindings)
                {
                    errors.Add(new PolicyError("'findings' is required", Span(root)));
                }
            }

            return errors.Count > 0
                ? new BaselineFile(path, text, ImmutableArray<BaselineEntry>.Empty, ImmutableArray<TextSpan>.Empty, errors.ToImmutableArray())
                : new BaselineFile(path, text, entries.ToImmutable(), spans.ToImmutable(), ImmutableArray<PolicyError>.Empty);
        }

        /// <summary>
        /// The baseline file for <paramref name="entries"/>, deterministic: sorted, duplicates kept (two identical findings need two
        /// entries), two-space indentation, one entry per line, '\n' line ends, a final newline.
        /// </summary>
        public static string Write(IEnumerable<BaselineEntry> entries)
        {
            var sorted = new List<BaselineEntry>(entries);
            sorted.Sort();
            var sb = new StringBuilder();
            sb.Append("{\n  \"version\": ").Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n  \"findings\": [");
            for (int i = 0; i < sorted.Count; i++)
            {
                var e = sorted[i];
                sb.Append(i == 0 ? "\n" : ",\n");
                sb.Append("    { \"rule\": ").Append(Quote(e.Rule))
                  .Append(", \"file\": ").Append(Quote(e.File))
                  .Append(", \"member\": ").Append(Quote(e.Member))
                  .Append(", \"table\": ").Append(Quote(e.Table))
                  .Append(", \"hash\": ").Append(Quote(e.Hash))
                  .Append(" }");
            }

            sb.Append(sorted.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
            return sb.ToString();
        }

        private static void ReadFindings(JsonValue value, ImmutableArray<BaselineEntry>.Builder entries, ImmutableArray<TextSpan>.Builder spans, List<PolicyError> errors)
        {
            if (value.Kind != JsonKind.Array)
            {
                errors.Add(new PolicyError("'findings' must be an array", Span(value)));
                return;
            }

            foreach (var item in value.Items!)
            {
                if (item.Kind != JsonKind.Object)
                {
                    errors.Add(new PolicyError("a 'findings' entry must be an object", Span(item)));
                    continue;
                }

                string? rule = null, file = null, member = null, table = null, hash = null;
                foreach (var m in item.Members!)
                {
                    if (m.Name == "$comment")
                    {
                        continue;
                    }

                    if (m.Name != "rule" && m.Name != "file" && m.Name != "member" && m.Name != "table" && m.Name != "hash")
                    {
                        errors.Add(new PolicyError($"unknown property '{m.Name}' in a baseline entry", new TextSpan(m.NameStart, m.NameLength)));
                        continue;
                    }

                    if (m.Value.Kind != JsonKind.String)
                    {
                        errors.Add(new PolicyError($"'{m.Name}' must be a string", Span(m.Value)));
                        continue;
                    }

                    switch (m.Name)
                    {
                        case "rule": rule = m.Value.Text; break;
                        case "file": file = m.Value.Text; break;
                        case "member": member = m.Value.Text; break;
                        case "table": table = m.Value.Text; break;
                        default: hash = m.Value.Text; break;
                    }
                }

                if (rule == null || file == null || member == null || table == null || hash == null)
                {
                    errors.Add(new PolicyError("a baseline entry needs 'rule', 'file', 'member', 'table' and 'hash'", Span(item)));
                    continue;
                }

                if (!BaselineEntry.IsFinding(rule))
                {
                    errors.Add(new PolicyError($"'{rule}' is not a rule a baseline can accept; use RG1001–RG1007 and RG2001–RG2003", Span(item)));
                    continue;
                }

                if (!IsHash(hash))
                {
                    errors.Add(new PolicyError($"'{hash}' is not a hash of 16 lower-case hex digits", Span(item)));
                    continue;
                }

                entries.Add(new BaselineEntry(rule, PathText.Normalize(file), member, table, hash));
                spans.Add(new TextSpan(item.Start, item.Length));
            }
        }

        private static bool IsHash(string text)
        {
            if (text.Length != 16)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        private static TextSpan Span(JsonValue v) => new TextSpan(v.Start, Math.Max(0, Math.Min(v.Length, 1)));

        private static string Quote(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            return sb.Append('"').ToString();
        }
    }
}
