using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Rules
{
    internal enum FindingLanguage
    {
        Linq,
        Sql,
    }

    /// <summary>One judged read of a protected table, ready for its rule to report.</summary>
    internal sealed class ReadFinding
    {
        public ReadFinding(PolicyModel policy, ProtectedTable table, ITypeSymbol? entity, Location location, Verdict verdict)
        {
            Policy = policy;
            Table = table;
            Entity = entity;
            Location = location;
            Verdict = verdict;
        }

        public PolicyModel Policy { get; }

        public ProtectedTable Table { get; }

        public ITypeSymbol? Entity { get; }

        public Location Location { get; }

        public Verdict Verdict { get; }

        /// <summary>Whether fix hints are written in C# (LINQ) or SQL.</summary>
        public FindingLanguage Language { get; set; }

        public List<Location> AdditionalLocations { get; } = new List<Location>();

        public ImmutableDictionary<string, string?> Properties { get; set; } = ImmutableDictionary<string, string?>.Empty;

        /// <summary>For SQL read through stored procedures, views or functions: the objects it goes through, for the message.</summary>
        public Sql.SqlObjectPath? Through { get; set; }

        /// <summary>The name users know the table by: the table name, else the entity name.</summary>
        public string TableName => Table.DisplayName;
    }

    /// <summary>Phrases that tell the user what to write, built from the policy.</summary>
    internal static class FixHints
    {
        public static string LambdaParameter(ITypeSymbol? entity)
        {
            string name = entity?.Name ?? "x";
            return name.Length == 0 ? "x" : char.ToLowerInvariant(name[0]).ToString();
        }

        /// <summary>The own-retailer value as code: the first own symbol (Type.Member), else the first code as a literal.</summary>
        public static string OwnValue(PolicyModel policy)
        {
            if (policy.PreferredOwnSymbol is { } symbol)
            {
                return symbol.ContainingType.Name + "." + symbol.Name;
            }

            return policy.OwnCodes.IsEmpty ? "<own retailer>" : "\"" + First(policy.Document.OwnCodes) + "\"";
        }

        public static string RetailerFilter(ReadFinding finding)
        {
            if (finding.Language == FindingLanguage.Sql)
            {
                var parts = new List<string> { SqlOwnCondition(finding) };
                foreach (var exclusion in finding.Table.Exclusions)
                {
                    parts.Add(SqlExclusionCondition(exclusion));
                }

                string condition = string.Join(" AND ", parts);
                return finding.Table.Spec.SanctionedViews.IsEmpty
                    ? Diagnostics.Descriptors.Phrase("FilterHintSql", condition)
                    : Diagnostics.Descriptors.Phrase("FilterHintSqlView", finding.Table.Spec.SanctionedViews[0], condition);
            }

            if (finding.Entity != null && finding.Policy.SanctionedFilterFor(finding.Entity) is { } sanctioned)
            {
                return Diagnostics.Descriptors.Phrase("FilterHintSanctioned", sanctioned.ContainingType.Name + "." + sanctioned.Name);
            }

            string p = LambdaParameter(finding.Entity);
            var conditions = new List<string> { $"{p}.{finding.Table.RetailerPropertyName} == {OwnValue(finding.Policy)}" };
            foreach (var exclusion in finding.Table.Exclusions)
            {
                conditions.Add(ExclusionCondition(p, exclusion));
            }

            return Diagnostics.Descriptors.Phrase("FilterHintWhere", p, string.Join(" && ", conditions));
        }

        public static string ExcludedValues(ReadFinding finding, ResolvedExclusion exclusion) =>
            (finding.Language == FindingLanguage.Sql ? exclusion.ColumnName : exclusion.PropertyName) + " = " + exclusion.DisplayValues;

        public static string ExclusionFilter(ReadFinding finding, ResolvedExclusion exclusion)
        {
            if (finding.Language == FindingLanguage.Sql)
            {
                return Diagnostics.Descriptors.Phrase("FilterHintSql", SqlExclusionCondition(exclusion));
            }

            string p = LambdaParameter(finding.Entity);
            return $"'Where({p} => {ExclusionCondition(p, exclusion)})'";
        }

        /// <summary>The own-retailer condition in SQL: a parameter bound to the own symbol, else the own code as a literal.</summary>
        public static string SqlOwnCondition(ReadFinding finding)
        {
            string column = finding.Table.RetailerColumnName;
            if (finding.Policy.PreferredOwnSymbol is { } symbol)
            {
                return $"{column} = @{OwnParameterName} (bound to {symbol.ContainingType.Name}.{symbol.Name})";
            }

            return $"{column} = '{(finding.Policy.Document.OwnCodes.IsEmpty ? string.Empty : finding.Policy.Document.OwnCodes[0])}'";
        }

        public const string OwnParameterName = "ownRetailer";

        public static string SqlExclusionCondition(ResolvedExclusion exclusion, string qualifier = "")
        {
            var values = new List<string>();
            foreach (var v in exclusion.Values)
            {
                values.Add("'" + v.Replace("'", "''") + "'");
            }

            values.Sort(System.StringComparer.Ordinal);
            return values.Count == 1
                ? $"{qualifier}{exclusion.ColumnName} <> {values[0]}"
                : $"{qualifier}{exclusion.ColumnName} NOT IN ({string.Join(", ", values)})";
        }

        public static string ExclusionCondition(string parameter, ResolvedExclusion exclusion)
        {
            var values = new List<string>();
            if (!exclusion.Spec.Symbols.IsEmpty)
            {
                foreach (var s in exclusion.Spec.Symbols)
                {
                    values.Add(ShortName(s.Value));
                }
            }
            else
            {
                foreach (var v in exclusion.Spec.Values)
                {
                    values.Add("\"" + v + "\"");
                }
            }

            var parts = new List<string>();
            foreach (var v in values)
            {
                parts.Add($"{parameter}.{exclusion.PropertyName} != {v}");
            }

            return string.Join(" && ", parts);
        }

        public static string ShortName(string qualified)
        {
            int last = qualified.LastIndexOf('.');
            if (last <= 0)
            {
                return qualified;
            }

            int previous = qualified.LastIndexOf('.', last - 1);
            return qualified.Substring(previous + 1);
        }

        private static string First(ImmutableArray<string> items) => items.IsEmpty ? string.Empty : items[0];
    }
}
