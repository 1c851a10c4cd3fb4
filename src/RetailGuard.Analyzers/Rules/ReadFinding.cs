using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Rules
{
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

        public List<Location> AdditionalLocations { get; } = new List<Location>();

        public ImmutableDictionary<string, string?> Properties { get; set; } = ImmutableDictionary<string, string?>.Empty;

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

        public static string ExcludedValues(ResolvedExclusion exclusion) => exclusion.PropertyName + " = " + exclusion.DisplayValues;

        public static string ExclusionFilter(ReadFinding finding, ResolvedExclusion exclusion)
        {
            string p = LambdaParameter(finding.Entity);
            return $"'Where({p} => {ExclusionCondition(p, exclusion)})'";
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
