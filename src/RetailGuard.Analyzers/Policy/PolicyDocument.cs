using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Policy
{
    /// <summary>A name written in the policy file, with the span where it was written.</summary>
    internal readonly struct PolicyName
    {
        public PolicyName(string value, TextSpan span)
        {
            Value = value;
            Span = span;
        }

        public string Value { get; }

        public TextSpan Span { get; }

        public bool IsEmpty => string.IsNullOrEmpty(Value);

        public override string ToString() => Value;
    }

    internal sealed class PolicyError
    {
        public PolicyError(string message, TextSpan span)
        {
            Message = message;
            Span = span;
        }

        public string Message { get; }

        public TextSpan Span { get; }
    }

    internal sealed class ExclusionSpec
    {
        public PolicyName Column { get; set; }

        public PolicyName Property { get; set; }

        public ImmutableArray<string> Values { get; set; } = ImmutableArray<string>.Empty;

        public ImmutableArray<PolicyName> Symbols { get; set; } = ImmutableArray<PolicyName>.Empty;
    }

    internal sealed class ProtectedTableSpec
    {
        public PolicyName Table { get; set; }

        public PolicyName Entity { get; set; }

        public PolicyName RetailerColumn { get; set; }

        public PolicyName RetailerProperty { get; set; }

        public ImmutableArray<ExclusionSpec> Excluded { get; set; } = ImmutableArray<ExclusionSpec>.Empty;

        public ImmutableArray<string> SanctionedViews { get; set; } = ImmutableArray<string>.Empty;

        /// <summary>
        /// Properties of the entity that are EF Core shadow properties (in the model, not on the CLR type), read in queries with
        /// <c>EF.Property&lt;T&gt;(e, "Name")</c>, e.g. a retailer code a multi-tenancy library adds.
        /// </summary>
        public ImmutableArray<string> ShadowProperties { get; set; } = ImmutableArray<string>.Empty;

        /// <summary>True when <paramref name="property"/> is listed in <see cref="ShadowProperties"/>.</summary>
        public bool IsShadow(PolicyName property) => !property.IsEmpty && ShadowProperties.Contains(property.Value);
    }

    /// <summary>
    /// A model-building method the policy trusts to install a query filter that meets the policy on the entity type it is
    /// applied to (<c>queryFilterMethods</c>): its name, and the EF Core 10 filter key it installs the filter under (empty:
    /// the unnamed filter).
    /// </summary>
    internal sealed class QueryFilterMethodSpec
    {
        public PolicyName Method { get; set; }

        public string? FilterKey { get; set; }
    }

    /// <summary>A stored procedure or function the policy trusts without a definition in the project: name and why.</summary>
    internal sealed class SanctionedProcedureSpec
    {
        public PolicyName Name { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    internal sealed class RestrictedTableSpec
    {
        public PolicyName Table { get; set; }

        public PolicyName Entity { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    /// <summary>
    /// The policy file as written: parsed and checked against the schema, not yet bound to a compilation.
    /// Parsed once per file content and shared by every compilation that sees the same text.
    /// </summary>
    internal sealed partial class PolicyDocument
    {
        public const string FileName = "retailguard.json";

        private const int MaxCachedContents = 32;
        private static readonly ConditionalWeakTable<SourceText, PolicyDocument> Cache = new ConditionalWeakTable<SourceText, PolicyDocument>();
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PolicyDocument> Contents =
            new System.Collections.Concurrent.ConcurrentDictionary<string, PolicyDocument>(StringComparer.Ordinal);

        private PolicyDocument(string path, SourceText text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public SourceText Text { get; }

        /// <summary>True when the text was not JSON at all: nothing else in this document can be trusted.</summary>
        public bool IsUnreadable { get; private set; }

        public ImmutableArray<PolicyError> Errors { get; private set; } = ImmutableArray<PolicyError>.Empty;

        public ImmutableArray<string> OwnCodes { get; private set; } = ImmutableArray<string>.Empty;

        public ImmutableArray<PolicyName> OwnSymbols { get; private set; } = ImmutableArray<PolicyName>.Empty;

        public ImmutableArray<ProtectedTableSpec> ProtectedTables { get; private set; } = ImmutableArray<ProtectedTableSpec>.Empty;

        public ImmutableArray<RestrictedTableSpec> RestrictedTables { get; private set; } = ImmutableArray<RestrictedTableSpec>.Empty;

        public ImmutableArray<PolicyName> SanctionedFilters { get; private set; } = ImmutableArray<PolicyName>.Empty;

        /// <summary>Methods and properties trusted to return a query that already meets the policy, e.g. "Sales.Data.Scoped.OwnCustomers".</summary>
        public ImmutableArray<PolicyName> SanctionedSources { get; private set; } = ImmutableArray<PolicyName>.Empty;

        public ImmutableArray<string> TrustedParameters { get; private set; } = ImmutableArray<string>.Empty;

        /// <summary>Model-building methods that install a query filter meeting the policy (<c>queryFilterMethods</c>).</summary>
        public ImmutableArray<QueryFilterMethodSpec> QueryFilterMethods { get; private set; } = ImmutableArray<QueryFilterMethodSpec>.Empty;

        /// <summary>Stored procedures and functions trusted to read only what the policy allows, e.g. "dbo.usp_own_contracts".</summary>
        public ImmutableArray<SanctionedProcedureSpec> SanctionedProcedures { get; private set; } = ImmutableArray<SanctionedProcedureSpec>.Empty;

        public ImmutableArray<PolicyName> ExportSinks { get; private set; } = ImmutableArray<PolicyName>.Empty;

        public string SqlDialect { get; private set; } = "tsql";

        public static bool IsPolicyFile(string path)
        {
            string name = System.IO.Path.GetFileName(path);
            return string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase);
        }

        public static PolicyDocument Get(AdditionalText file, System.Threading.CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken) ?? SourceText.From(string.Empty);
            return Cache.GetValue(text, t => FromContent(file.Path, t));
        }

        /// <summary>The same content (a new SourceText after a save, another project of the solution) is parsed once.</summary>
        private static PolicyDocument FromContent(string path, SourceText text)
        {
            string key = path + "\0" + text;
            if (Contents.TryGetValue(key, out var cached))
            {
                return cached;
            }

            if (Contents.Count >= MaxCachedContents)
            {
                Contents.Clear();
            }

            return Contents.GetOrAdd(key, _ => Parse(path, text));
        }

        public static PolicyDocument Parse(string path, SourceText text)
        {
            var doc = new PolicyDocument(path, text);
            var errors = new List<PolicyError>();
            JsonValue root;
            try
            {
                root = JsonReader.Parse(text.ToString());
            }
            catch (JsonParseException ex)
            {
                int at = Math.Max(0, Math.Min(ex.Offset, text.Length));
                doc.IsUnreadable = true;
                doc.Errors = ImmutableArray.Create(new PolicyError("not valid JSON: " + ex.Message, new TextSpan(at, at < text.Length ? 1 : 0)));
                return doc;
            }

            new Binder(doc, errors).Read(root);
            doc.Errors = errors.ToImmutableArray();
            return doc;
        }

        private sealed partial class Binder
        {
            private static readonly string[] Dialects = { "tsql", "postgres", "oracle", "sqlite", "mysql" };
            private readonly PolicyDocument _doc;
            private readonly List<PolicyError> _errors;

            public Binder(PolicyDocument doc, List<PolicyError> errors)
            {
                _doc = doc;
                _errors = errors;
            }

            public void Read(JsonValue root)
            {
                if (!Expect(root, JsonKind.Object, "the policy"))
                {
                    return;
                }

                bool sawOwn = false;
                foreach (var m in root.Members!)
                {
                    switch (m.Name)
                    {
                        case "$schema":
                            Expect(m.Value, JsonKind.String, "'$schema'");
                            break;
                        case "ownRetailer":
                            sawOwn = true;
                            ReadOwn(m.Value);
                            break;
                        case "protectedTables":
                            _doc.ProtectedTables = ReadArray(m.Value, "'protectedTables'", ReadProtected);
                            break;
                        case "restrictedTables":
                            _doc.RestrictedTables = ReadArray(m.Value, "'restrictedTables'", ReadRestricted);
                            break;
                        case "sanctionedFilters":
                            _doc.SanctionedFilters = ReadNames(m.Value, "'sanctionedFilters'");
                            break;
                        case "sanctionedSources":
                            _doc.SanctionedSources = ReadNames(m.Value, "'sanctionedSources'");
                            break;
                        case "queryFilterMethods":
                            _doc.QueryFilterMethods = ReadArray(m.Value, "'queryFilterMethods'", ReadQueryFilterMethod);
                            break;
                        case "trustedParameters":
                            _doc.TrustedParameters = ReadStrings(m.Value, "'trustedParameters'");
                            break;
                        case "sanctionedProcedures":
                            _doc.SanctionedProcedures = ReadArray(m.Value, "'sanctionedProcedures'", ReadSanctionedProcedure);
                            break;
                        case "exportSinks":
                            _doc.ExportSinks = ReadNames(m.Value, "'exportSinks'");
                            break;
                        case "sqlDialect":
                            if (Expect(m.Value, JsonKind.String, "'sqlDialect'"))
                            {
                                string d = m.Value.Text!.ToLowerInvariant();
                                if (Array.IndexOf(Dialects, d) < 0)
                                {
                                    Error(m.Value, $"'sqlDialect' must be one of {string.Join(", ", Dialects)}, not '{m.Value.Text}'");
                                }
                                else
                                {
                                    _doc.SqlDialect = d;
                                }
                            }

                            break;
                        default:
                            if (!ReadGovernance(m))
                            {
                                Unknown(m, "the policy");
                            }

                            break;
                    }
                }

                CheckGovernance();
                if (!sawOwn)
                {
                    _errors.Add(new PolicyError("'ownRetailer' is required: name the own retailer's codes or constants", new TextSpan(root.Start, 1)));
                }
            }

            private void ReadOwn(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "'ownRetailer'"))
                {
                    return;
                }

                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "codes":
                            _doc.OwnCodes = ReadStrings(m.Value, "'ownRetailer.codes'");
                            break;
                        case "symbols":
                            _doc.OwnSymbols = ReadNames(m.Value, "'ownRetailer.symbols'");
                            break;
                        default:
                            Unknown(m, "'ownRetailer'");
                            break;
                    }
                }

                if (_doc.OwnCodes.IsEmpty && _doc.OwnSymbols.IsEmpty)
                {
                    Error(v, "'ownRetailer' needs at least one entry in 'codes' or 'symbols'");
                }
            }

            private ProtectedTableSpec? ReadProtected(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "a 'protectedTables' entry"))
                {
                    return null;
                }

                var spec = new ProtectedTableSpec();
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "table": spec.Table = ReadName(m.Value, "'table'"); break;
                        case "entity": spec.Entity = ReadName(m.Value, "'entity'"); break;
                        case "retailerColumn": spec.RetailerColumn = ReadName(m.Value, "'retailerColumn'"); break;
                        case "retailerProperty": spec.RetailerProperty = ReadName(m.Value, "'retailerProperty'"); break;
                        case "excluded": spec.Excluded = ReadArray(m.Value, "'excluded'", ReadExclusion); break;
                        case "sanctionedViews": spec.SanctionedViews = ReadStrings(m.Value, "'sanctionedViews'"); break;
                        case "shadowProperties": spec.ShadowProperties = ReadStrings(m.Value, "'shadowProperties'"); break;
                        default: Unknown(m, "a 'protectedTables' entry"); break;
                    }
                }

                if (spec.Table.IsEmpty && spec.Entity.IsEmpty)
                {
                    Error(v, "a 'protectedTables' entry needs 'table' or 'entity'");
                }

                if (!spec.Entity.IsEmpty && spec.RetailerProperty.IsEmpty)
                {
                    Error(v, $"the protected entity '{spec.Entity.Value}' needs 'retailerProperty'");
                }

                if (!spec.Table.IsEmpty && spec.RetailerColumn.IsEmpty)
                {
                    Error(v, $"the protected table '{spec.Table.Value}' needs 'retailerColumn'");
                }

                return spec;
            }

            private ExclusionSpec? ReadExclusion(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "an 'excluded' entry"))
                {
                    return null;
                }

                var spec = new ExclusionSpec();
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "column": spec.Column = ReadName(m.Value, "'column'"); break;
                        case "property": spec.Property = ReadName(m.Value, "'property'"); break;
                        case "values": spec.Values = ReadStrings(m.Value, "'values'"); break;
                        case "symbols": spec.Symbols = ReadNames(m.Value, "'symbols'"); break;
                        default: Unknown(m, "an 'excluded' entry"); break;
                    }
                }

                if (spec.Column.IsEmpty && spec.Property.IsEmpty)
                {
                    Error(v, "an 'excluded' entry needs 'column' or 'property'");
                }

                if (spec.Values.IsEmpty && spec.Symbols.IsEmpty)
                {
                    Error(v, "an 'excluded' entry needs at least one entry in 'values' or 'symbols'");
                }

                return spec;
            }

            /// <summary>"Ns.Type.Method", or { "method": "Ns.Type.Method", "filterKey": "Retailer" }.</summary>
            private QueryFilterMethodSpec? ReadQueryFilterMethod(JsonValue v)
            {
                if (v.Kind == JsonKind.String)
                {
                    var name = ReadName(v, "an entry of 'queryFilterMethods'");
                    return name.IsEmpty ? null : new QueryFilterMethodSpec { Method = name };
                }

                if (!Expect(v, JsonKind.Object, "a 'queryFilterMethods' entry"))
                {
                    return null;
                }

                var spec = new QueryFilterMethodSpec();
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "method": spec.Method = ReadName(m.Value, "'method'"); break;
                        case "filterKey":
                            var key = ReadName(m.Value, "'filterKey'");
                            spec.FilterKey = key.IsEmpty ? null : key.Value;
                            break;
                        default: Unknown(m, "a 'queryFilterMethods' entry"); break;
                    }
                }

                if (spec.Method.IsEmpty)
                {
                    Error(v, "a 'queryFilterMethods' entry needs 'method'");
                    return null;
                }

                return spec;
            }

            private SanctionedProcedureSpec? ReadSanctionedProcedure(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "a 'sanctionedProcedures' entry"))
                {
                    return null;
                }

                var spec = new SanctionedProcedureSpec();
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "name": spec.Name = ReadName(m.Value, "'name'"); break;
                        case "reason":
                            if (Expect(m.Value, JsonKind.String, "'reason'"))
                            {
                                spec.Reason = m.Value.Text!.Trim();
                            }

                            break;
                        default: Unknown(m, "a 'sanctionedProcedures' entry"); break;
                    }
                }

                if (spec.Name.IsEmpty)
                {
                    Error(v, "a 'sanctionedProcedures' entry needs 'name'");
                }

                if (spec.Reason.Length == 0)
                {
                    Error(v, "a 'sanctionedProcedures' entry needs a 'reason': why the procedure may be trusted without its definition");
                }

                return spec.Name.IsEmpty ? null : spec;
            }

            private RestrictedTableSpec? ReadRestricted(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "a 'restrictedTables' entry"))
                {
                    return null;
                }

                var spec = new RestrictedTableSpec();
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "table": spec.Table = ReadName(m.Value, "'table'"); break;
                        case "entity": spec.Entity = ReadName(m.Value, "'entity'"); break;
                        case "reason":
                            if (Expect(m.Value, JsonKind.String, "'reason'"))
                            {
                                spec.Reason = m.Value.Text!;
                            }

                            break;
                        default: Unknown(m, "a 'restrictedTables' entry"); break;
                    }
                }

                if (spec.Table.IsEmpty && spec.Entity.IsEmpty)
                {
                    Error(v, "a 'restrictedTables' entry needs 'table' or 'entity'");
                }

                return spec;
            }

            private ImmutableArray<T> ReadArray<T>(JsonValue v, string what, Func<JsonValue, T?> read)
                where T : class
            {
                if (!Expect(v, JsonKind.Array, what))
                {
                    return ImmutableArray<T>.Empty;
                }

                var builder = ImmutableArray.CreateBuilder<T>();
                foreach (var item in v.Items!)
                {
                    var x = read(item);
                    if (x != null)
                    {
                        builder.Add(x);
                    }
                }

                return builder.ToImmutable();
            }

            private ImmutableArray<string> ReadStrings(JsonValue v, string what)
            {
                var names = ReadNames(v, what);
                var builder = ImmutableArray.CreateBuilder<string>(names.Length);
                foreach (var n in names)
                {
                    builder.Add(n.Value);
                }

                return builder.MoveToImmutable();
            }

            private ImmutableArray<PolicyName> ReadNames(JsonValue v, string what)
            {
                if (!Expect(v, JsonKind.Array, what))
                {
                    return ImmutableArray<PolicyName>.Empty;
                }

                var builder = ImmutableArray.CreateBuilder<PolicyName>();
                foreach (var item in v.Items!)
                {
                    var name = ReadName(item, "an entry of " + what);
                    if (!name.IsEmpty)
                    {
                        builder.Add(name);
                    }
                }

                return builder.ToImmutable();
            }

            private PolicyName ReadName(JsonValue v, string what)
            {
                if (!Expect(v, JsonKind.String, what))
                {
                    return default;
                }

                if (string.IsNullOrWhiteSpace(v.Text))
                {
                    Error(v, what + " must not be empty");
                    return default;
                }

                // The span covers the text inside the quotes.
                return new PolicyName(v.Text!.Trim(), new TextSpan(v.Start + 1, Math.Max(0, v.Length - 2)));
            }

            private bool Expect(JsonValue v, JsonKind kind, string what)
            {
                if (v.Kind == kind)
                {
                    return true;
                }

                Error(v, $"{what} must be {Describe(kind)}, not {Describe(v.Kind)}");
                return false;
            }

            private void Unknown(JsonMember m, string where)
            {
                if (IsNote(m))
                {
                    return;
                }

                _errors.Add(new PolicyError($"unknown property '{m.Name}' in {where}", new TextSpan(m.NameStart, m.NameLength)));
            }

            private void Error(JsonValue v, string message)
            {
                _errors.Add(new PolicyError(message, new TextSpan(v.Start, Math.Max(1, Math.Min(v.Length, 1)))));
            }

            private static string Describe(JsonKind kind) => kind switch
            {
                JsonKind.Object => "an object",
                JsonKind.Array => "an array",
                JsonKind.String => "a string",
                JsonKind.Number => "a number",
                JsonKind.Null => "null",
                _ => "a boolean",
            };
        }
    }
}
