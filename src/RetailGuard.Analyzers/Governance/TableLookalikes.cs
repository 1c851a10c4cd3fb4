using System;
using System.Collections.Generic;
using RetailGuard.Policy;
using RetailGuard.Sql;

namespace RetailGuard.Governance
{
    /// <summary>A table read in SQL whose name resembles a protected or restricted table of the policy without being it.</summary>
    internal readonly struct TableLookalike
    {
        public TableLookalike(SqlName read, string policyTable, string reason)
        {
            Read = read;
            PolicyTable = policyTable;
            Reason = reason;
        }

        public SqlName Read { get; }

        public string PolicyTable { get; }

        /// <summary>The resource name of the phrase that says how they differ.</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// Finds reads of tables that look like a guarded table but are not one (RG9011): another schema, other separators
    /// ("customer_master" / "customermaster"), singular or plural, or a small spelling difference. Names the policy lists as
    /// sanctioned views or as free are not reported. A typo in the policy's 'table' shows up here at every read.
    /// </summary>
    internal static class TableLookalikes
    {
        public static List<TableLookalike> Find(PolicyModel policy, string sql)
        {
            if (!SqlNames.MayReadTables(sql))
            {
                return new List<TableLookalike>();
            }

            var names = GuardedNames(policy);
            return names.Count == 0 ? new List<TableLookalike>() : Match(policy, names, SqlNames.ReadTables(sql));
        }

        /// <summary>The look-alikes a whole <c>.sql</c> file reads; its table names are read once per text (<see cref="SqlNames.ReadTables(Microsoft.CodeAnalysis.Text.SourceText)"/>).</summary>
        public static List<TableLookalike> Find(PolicyModel policy, Microsoft.CodeAnalysis.Text.SourceText file)
        {
            var names = GuardedNames(policy);
            return names.Count == 0 ? new List<TableLookalike>() : Match(policy, names, SqlNames.ReadTables(file));
        }

        private static List<TableLookalike> Match(PolicyModel policy, List<(string Name, string Last)> names, List<SqlName> reads)
        {
            var result = new List<TableLookalike>();
            foreach (var read in reads)
            {
                if (IsKnown(policy, read))
                {
                    continue;
                }

                foreach (var (name, last) in names)
                {
                    string? reason = Resemblance(name, last, read);
                    if (reason != null)
                    {
                        result.Add(new TableLookalike(read, name, reason));
                        break;
                    }
                }
            }

            return result;
        }

        /// <summary>How <paramref name="read"/> resembles the policy name <paramref name="policyName"/> (whose table part is <paramref name="last"/>), or null.</summary>
        private static string? Resemblance(string policyName, string last, SqlName read)
        {
            if (string.Equals(last, read.Name, StringComparison.OrdinalIgnoreCase))
            {
                // Same table name: only a different schema keeps it from matching.
                return SqlChecker.Matches(policyName, read.Schema, read.Name) ? null : "LookalikeSchema";
            }

            if (string.Equals(Compact(last), Compact(read.Name), StringComparison.OrdinalIgnoreCase))
            {
                return "LookalikeSeparators";
            }

            if (IsPlural(last, read.Name) || IsPlural(read.Name, last))
            {
                return "LookalikePlural";
            }

            return NearNames.AreClose(last, read.Name) ? "LookalikeSpelling" : null;
        }

        /// <summary>The policy's protected and restricted table names with their table parts, listed once per policy.</summary>
        private static List<(string Name, string Last)> GuardedNames(PolicyModel policy) => Names.GetValue(policy, ListGuardedNames);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicyModel, List<(string Name, string Last)>> Names =
            new System.Runtime.CompilerServices.ConditionalWeakTable<PolicyModel, List<(string Name, string Last)>>();

        private static List<(string Name, string Last)> ListGuardedNames(PolicyModel policy)
        {
            var names = new List<(string Name, string Last)>();
            foreach (var t in policy.ProtectedTables)
            {
                if (!t.Spec.Table.IsEmpty)
                {
                    names.Add((t.Spec.Table.Value, SqlChecker.LastPart(t.Spec.Table.Value)));
                }
            }

            foreach (var t in policy.RestrictedTables)
            {
                if (!t.Spec.Table.IsEmpty)
                {
                    names.Add((t.Spec.Table.Value, SqlChecker.LastPart(t.Spec.Table.Value)));
                }
            }

            return names;
        }

        /// <summary>True when the policy protects or restricts the table <paramref name="name"/> (SQL matching: case, quotes, optional schema).</summary>
        public static bool IsGuarded(PolicyModel policy, SqlName name)
        {
            foreach (var t in policy.ProtectedTables)
            {
                if (!t.Spec.Table.IsEmpty && SqlChecker.Matches(t.Spec.Table.Value, name.Schema, name.Name))
                {
                    return true;
                }
            }

            foreach (var t in policy.RestrictedTables)
            {
                if (!t.Spec.Table.IsEmpty && SqlChecker.Matches(t.Spec.Table.Value, name.Schema, name.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A name the policy already knows: a guarded table itself, a sanctioned view, or a free table.</summary>
        private static bool IsKnown(PolicyModel policy, SqlName read)
        {
            if (IsGuarded(policy, read) || policy.Document.IsFree(read.Display, null))
            {
                return true;
            }

            foreach (var t in policy.ProtectedTables)
            {
                foreach (var view in t.Spec.SanctionedViews)
                {
                    if (SqlChecker.Matches(view, read.Schema, read.Name))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string Compact(string name) => name.Replace("_", string.Empty).Replace("-", string.Empty).Replace(" ", string.Empty);

        /// <summary>
        /// True when <paramref name="plural"/> is <paramref name="singular"/> with "s" or "es" added, or with a final "y" made
        /// "ies" (ignoring case), compared in place.
        /// </summary>
        private static bool IsPlural(string singular, string plural)
        {
            int n = singular.Length;
            if (plural.Length == n + 1)
            {
                return EndsWith(plural, "s") && SamePrefix(singular, plural, n);
            }

            if (plural.Length != n + 2)
            {
                return false;
            }

            return (EndsWith(plural, "es") && SamePrefix(singular, plural, n)) ||
                (n > 0 && EndsWith(singular, "y") && EndsWith(plural, "ies") && SamePrefix(singular, plural, n - 1));
        }

        private static bool EndsWith(string text, string suffix) => text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

        private static bool SamePrefix(string a, string b, int length) => string.Compare(a, 0, b, 0, length, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
