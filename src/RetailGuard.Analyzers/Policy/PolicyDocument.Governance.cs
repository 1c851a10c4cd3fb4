using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;

namespace RetailGuard.Policy
{
    /// <summary>What an approval applies to. An approval has at most one scope key; none means "the .sql files that name it".</summary>
    internal enum ApprovalScopeKind
    {
        /// <summary>No scope key: the approval covers the .sql files whose comment names it (<c>-- retailguard: approved ID</c>).</summary>
        NamedBySqlFiles,

        /// <summary><c>member</c>: a method, property, field, event or constructor, by documentation ID or fully qualified name.</summary>
        Member,

        /// <summary><c>type</c>: every member of a type and of its nested types.</summary>
        Type,

        /// <summary><c>namespace</c>: the types of a namespace; <c>Ns.*</c> also covers the namespaces below it.</summary>
        Namespace,

        /// <summary><c>file</c>: a source or .sql file, by its path relative to the folder of retailguard.json.</summary>
        File,

        /// <summary><c>attribute</c>: every member that carries the attribute, or whose containing type does.</summary>
        Attribute,
    }

    /// <summary>
    /// An approved exception, as written in the policy's <c>approvals</c>. Owned by whoever owns retailguard.json: it names
    /// the findings it covers (<c>rules</c>, optional <c>table</c>), where (<see cref="ScopeKind"/>), why, who approved it, and
    /// until when (inclusive, UTC).
    /// </summary>
    internal sealed class ApprovalSpec
    {
        public PolicyName Id { get; set; }

        public ImmutableArray<string> Rules { get; set; } = ImmutableArray<string>.Empty;

        /// <summary>The table the approval is limited to (a protected or restricted table of the policy), or empty for any table.</summary>
        public PolicyName Table { get; set; }

        public ApprovalScopeKind ScopeKind { get; set; }

        /// <summary>The scope as written (member, type, namespace, file path or attribute type), empty for <see cref="ApprovalScopeKind.NamedBySqlFiles"/>.</summary>
        public PolicyName Scope { get; set; }

        /// <summary>For an attribute scope: named arguments the attribute must carry, compared as written (e.g. Roles = "NwAdmin").</summary>
        public ImmutableArray<KeyValuePair<string, string>> AttributeArguments { get; set; } = ImmutableArray<KeyValuePair<string, string>>.Empty;

        public string Reason { get; set; } = string.Empty;

        public string ApprovedBy { get; set; } = string.Empty;

        /// <summary>The last day the approval is valid (UTC date), or null when missing or malformed (then the approval is invalid).</summary>
        public DateTime? Expires { get; set; }

        /// <summary>Where 'expires' is written, for RG9004.</summary>
        public TextSpan ExpiresSpan { get; set; }

        /// <summary>False when the schema check found an error in this entry: an invalid approval covers nothing.</summary>
        public bool IsValid { get; set; } = true;

        public bool IsExpired(DateTime todayUtc) => Expires == null || Expires.Value < todayUtc.Date;

        public bool CoversRule(string id)
        {
            foreach (var r in Rules)
            {
                if (string.Equals(r, id, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"member Sales.Jobs.MonthlyClose.Run, RG1001 on customers": the approval in a few words, for messages.</summary>
        public string Describe()
        {
            string scope = ScopeKind == ApprovalScopeKind.NamedBySqlFiles
                ? ".sql files that name it"
                : ScopeKind.ToString().ToLowerInvariant() + " " + Scope.Value;
            return scope + ", " + string.Join("/", Rules) + (Table.IsEmpty ? string.Empty : " on " + Table.Value);
        }
    }

    /// <summary>A table the policy owner decided is not customer data (<c>free</c>): coverage checks leave it alone.</summary>
    internal sealed class FreeTableSpec
    {
        public PolicyName Table { get; set; }

        public PolicyName Entity { get; set; }

        public string Reason { get; set; } = string.Empty;
    }

    internal sealed partial class PolicyDocument
    {
        /// <summary>Approved exceptions (<c>approvals</c>), valid or not, in file order.</summary>
        public ImmutableArray<ApprovalSpec> Approvals { get; private set; } = ImmutableArray<ApprovalSpec>.Empty;

        /// <summary>Tables and entities known to hold no customer data (<c>free</c>).</summary>
        public ImmutableArray<FreeTableSpec> FreeTables { get; private set; } = ImmutableArray<FreeTableSpec>.Empty;

        /// <summary><c>allowLocalSuppressions</c>: when true, pragmas, SuppressMessage and severity settings are not reported (RG9007, RG9008).</summary>
        public bool AllowLocalSuppressions { get; private set; }

        /// <summary>The approval with this id, or null.</summary>
        public ApprovalSpec? FindApproval(string id)
        {
            foreach (var a in Approvals)
            {
                if (string.Equals(a.Id.Value, id, StringComparison.Ordinal))
                {
                    return a;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="table"/> (a SQL name, case-insensitive, schema optional) or <paramref name="entity"/> is listed as free.</summary>
        public bool IsFree(string? table, string? entity)
        {
            foreach (var f in FreeTables)
            {
                if (entity != null && !f.Entity.IsEmpty && string.Equals(f.Entity.Value, entity, StringComparison.Ordinal))
                {
                    return true;
                }

                if (table != null && !f.Table.IsEmpty && string.Equals(Sql.SqlChecker.LastPart(f.Table.Value), Sql.SqlChecker.LastPart(table), StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed partial class Binder
        {
            private static readonly string[] ScopeKeys = { "member", "type", "namespace", "file", "attribute" };

            /// <summary>Keys a reviewer uses to record decisions in any object of the policy: accepted and ignored.</summary>
            private bool IsNote(JsonMember m)
            {
                if (m.Name != "$comment" && m.Name != "description")
                {
                    return false;
                }

                if (m.Value.Kind != JsonKind.String && m.Value.Kind != JsonKind.Array)
                {
                    Error(m.Value, $"'{m.Name}' must be a string or an array of strings, not {Describe(m.Value.Kind)}");
                }

                return true;
            }

            /// <summary>The governance keys of the policy's root; false for a key that is not one of them.</summary>
            private bool ReadGovernance(JsonMember m)
            {
                switch (m.Name)
                {
                    case "$comment":
                    case "description":
                        return IsNote(m);
                    case "approvals":
                        _doc.Approvals = ReadArray(m.Value, "'approvals'", ReadApproval);
                        return true;
                    case "free":
                        _doc.FreeTables = ReadArray(m.Value, "'free'", ReadFree);
                        return true;
                    case "allowLocalSuppressions":
                        if (m.Value.Kind == JsonKind.True || m.Value.Kind == JsonKind.False)
                        {
                            _doc.AllowLocalSuppressions = m.Value.Kind == JsonKind.True;
                        }
                        else
                        {
                            Error(m.Value, $"'allowLocalSuppressions' must be true or false, not {Describe(m.Value.Kind)}");
                        }

                        return true;
                    default:
                        return false;
                }
            }

            private ApprovalSpec? ReadApproval(JsonValue v)
            {
                if (!Expect(v, JsonKind.Object, "an 'approvals' entry"))
                {
                    return null;
                }

                int errorsBefore = _errors.Count;
                var spec = new ApprovalSpec();
                bool sawReason = false, sawApprover = false, sawExpires = false;
                JsonValue? arguments = null;
                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "id": spec.Id = ReadName(m.Value, "'id'"); break;
                        case "rules": spec.Rules = ReadRules(m.Value); break;
                        case "table": spec.Table = ReadName(m.Value, "'table'"); break;
                        case "reason": spec.Reason = ReadText(m.Value, "'reason'"); sawReason = true; break;
                        case "approvedBy": spec.ApprovedBy = ReadText(m.Value, "'approvedBy'"); sawApprover = true; break;
                        case "expires":
                            sawExpires = true;
                            spec.Expires = ReadDate(m.Value);
                            spec.ExpiresSpan = new TextSpan(m.Value.Start, m.Value.Length);
                            break;
                        case "attributeArguments": arguments = m.Value; break;
                        default:
                            if (Array.IndexOf(ScopeKeys, m.Name) >= 0)
                            {
                                if (spec.ScopeKind != ApprovalScopeKind.NamedBySqlFiles)
                                {
                                    _errors.Add(new PolicyError($"an approval has one scope; '{m.Name}' comes after '{spec.ScopeKind.ToString().ToLowerInvariant()}'", new TextSpan(m.NameStart, m.NameLength)));
                                    break;
                                }

                                spec.ScopeKind = (ApprovalScopeKind)Enum.Parse(typeof(ApprovalScopeKind), m.Name, ignoreCase: true);
                                spec.Scope = ReadName(m.Value, "'" + m.Name + "'");
                            }
                            else
                            {
                                Unknown(m, "an 'approvals' entry");
                            }

                            break;
                    }
                }

                if (spec.Id.IsEmpty)
                {
                    Error(v, "an approval needs an 'id'");
                }

                string who = spec.Id.IsEmpty ? "an approval" : $"the approval '{spec.Id.Value}'";
                if (spec.Rules.IsEmpty)
                {
                    Error(v, who + " needs 'rules': the RetailGuard rule IDs it allows");
                }

                if (!sawReason)
                {
                    Error(v, who + " needs a 'reason'");
                }

                if (!sawApprover)
                {
                    Error(v, who + " needs 'approvedBy'");
                }

                if (!sawExpires)
                {
                    Error(v, who + " needs 'expires' (YYYY-MM-DD): approvals do not last for ever");
                }

                if (arguments != null)
                {
                    spec.AttributeArguments = ReadAttributeArguments(arguments, spec.ScopeKind == ApprovalScopeKind.Attribute);
                }

                spec.IsValid = _errors.Count == errorsBefore;
                return spec;
            }

            private ImmutableArray<string> ReadRules(JsonValue v)
            {
                var names = ReadNames(v, "'rules'");
                var builder = ImmutableArray.CreateBuilder<string>(names.Length);
                foreach (var n in names)
                {
                    if (!IsFindingRule(n.Value))
                    {
                        _errors.Add(new PolicyError($"'{n.Value}' is not a rule an approval can cover; use the IDs of findings, RG1001–RG1007 and RG2001–RG2003", n.Span));
                        continue;
                    }

                    builder.Add(n.Value);
                }

                return builder.ToImmutable();
            }

            private static bool IsFindingRule(string id)
            {
                foreach (var d in Descriptors.Findings)
                {
                    if (string.Equals(d.Id, id, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            private string ReadText(JsonValue v, string what)
            {
                var name = ReadName(v, what);
                return name.IsEmpty ? string.Empty : name.Value;
            }

            private DateTime? ReadDate(JsonValue v)
            {
                if (!Expect(v, JsonKind.String, "'expires'"))
                {
                    return null;
                }

                if (DateTime.TryParseExact(v.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                {
                    return date.Date;
                }

                Error(v, $"'expires' must be a date written YYYY-MM-DD, not '{v.Text}'");
                return null;
            }

            private ImmutableArray<KeyValuePair<string, string>> ReadAttributeArguments(JsonValue v, bool allowed)
            {
                if (!allowed)
                {
                    Error(v, "'attributeArguments' goes with an 'attribute' scope");
                    return ImmutableArray<KeyValuePair<string, string>>.Empty;
                }

                if (!Expect(v, JsonKind.Object, "'attributeArguments'"))
                {
                    return ImmutableArray<KeyValuePair<string, string>>.Empty;
                }

                var builder = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
                foreach (var m in v.Members!)
                {
                    if (Expect(m.Value, JsonKind.String, "an attribute argument"))
                    {
                        builder.Add(new KeyValuePair<string, string>(m.Name, m.Value.Text!));
                    }
                }

                return builder.ToImmutable();
            }

            private FreeTableSpec? ReadFree(JsonValue v)
            {
                var spec = new FreeTableSpec();
                if (v.Kind == JsonKind.String)
                {
                    spec.Table = ReadName(v, "an entry of 'free'");
                    return spec.Table.IsEmpty ? null : spec;
                }

                if (!Expect(v, JsonKind.Object, "a 'free' entry"))
                {
                    return null;
                }

                foreach (var m in v.Members!)
                {
                    switch (m.Name)
                    {
                        case "table": spec.Table = ReadName(m.Value, "'table'"); break;
                        case "entity": spec.Entity = ReadName(m.Value, "'entity'"); break;
                        case "reason": spec.Reason = ReadText(m.Value, "'reason'"); break;
                        default: Unknown(m, "a 'free' entry"); break;
                    }
                }

                if (spec.Table.IsEmpty && spec.Entity.IsEmpty)
                {
                    Error(v, "a 'free' entry needs 'table' or 'entity'");
                    return null;
                }

                return spec;
            }

            /// <summary>Checks that need the whole document: unique approval ids, and approval tables the policy knows.</summary>
            private void CheckGovernance()
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                foreach (var a in _doc.Approvals)
                {
                    if (!a.Id.IsEmpty && !ids.Add(a.Id.Value))
                    {
                        _errors.Add(new PolicyError($"the approval id '{a.Id.Value}' is used twice", a.Id.Span));
                        a.IsValid = false;
                    }

                    if (!a.Table.IsEmpty && !NamesPolicyTable(a.Table.Value))
                    {
                        _errors.Add(new PolicyError($"the approval '{a.Id.Value}' names the table '{a.Table.Value}', which the policy neither protects nor restricts", a.Table.Span));
                        a.IsValid = false;
                    }
                }
            }

            private bool NamesPolicyTable(string name)
            {
                foreach (var t in _doc.ProtectedTables)
                {
                    if (Same(t.Table, name) || Same(t.Entity, name))
                    {
                        return true;
                    }
                }

                foreach (var t in _doc.RestrictedTables)
                {
                    if (Same(t.Table, name) || Same(t.Entity, name))
                    {
                        return true;
                    }
                }

                return false;

                static bool Same(PolicyName policyName, string name) =>
                    !policyName.IsEmpty && (string.Equals(policyName.Value, name, StringComparison.OrdinalIgnoreCase) ||
                                            string.Equals(FixHintsName(policyName.Value), name, StringComparison.Ordinal));
            }

            /// <summary>The simple name of an entity (what findings call a table that has no SQL name).</summary>
            private static string FixHintsName(string qualified)
            {
                int dot = qualified.LastIndexOfAny(new[] { '.', '+' });
                return dot < 0 ? qualified : qualified.Substring(dot + 1);
            }
        }
    }
}
