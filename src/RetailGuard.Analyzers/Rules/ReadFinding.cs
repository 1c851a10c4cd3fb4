using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
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

        /// <summary>
        /// The operation the finding is about (the query source), when it is C#: hints use it to find an own value the code
        /// there can reach.
        /// </summary>
        public IOperation? Site { get; set; }

        /// <summary>Whether fix hints are written in C# (LINQ) or SQL.</summary>
        public FindingLanguage Language { get; set; }

        public List<Location> AdditionalLocations { get; } = new List<Location>();

        public ImmutableDictionary<string, string?> Properties { get; set; } = ImmutableDictionary<string, string?>.Empty;

        /// <summary>For SQL read through stored procedures, views or functions: the objects it goes through, for the message.</summary>
        public Sql.SqlObjectPath? Through { get; set; }

        /// <summary>The name users know the table by: the table name, else the entity name.</summary>
        public string TableName => Table.DisplayName;

        /// <summary><see cref="Properties"/> with the table (<see cref="Diagnostics.DiagnosticProperties.Table"/>) that every finding carries.</summary>
        public ImmutableDictionary<string, string?> PropertiesWithTable => Properties.SetItem(Diagnostics.DiagnosticProperties.Table, TableName);
    }

    /// <summary>
    /// Phrases that tell the user what to write, built from the policy. Code in a hint uses only values of the right type
    /// that the code at the finding can reach (<see cref="OwnValues"/>); where there is none, the hint says in words what to
    /// compare with.
    /// </summary>
    internal static class FixHints
    {
        public const string OwnParameterName = "ownRetailer";

        public static string LambdaParameter(ITypeSymbol? entity)
        {
            string name = entity?.Name ?? "x";
            return name.Length == 0 ? "x" : char.ToLowerInvariant(name[0]).ToString();
        }

        /// <summary>The own value as C# at the finding's site, or null when none of the right type is reachable there.</summary>
        public static OwnValueCode? OwnValueAt(ReadFinding finding)
        {
            var type = finding.Table.RetailerProperty?.Type;
            var site = finding.Site;
            if (site?.SemanticModel is { } model)
            {
                try
                {
                    return OwnValues.Find(finding.Policy, type, model, site.Syntax.SpanStart, CancellationToken.None);
                }
                catch (System.Exception ex) when (!(ex is System.OperationCanceledException))
                {
                    // A hint must never cost the finding: without the scope, only static members and codes are offered.
                }
            }

            return OwnValues.FindWithoutScope(finding.Policy, type);
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

            if (finding.Table.HasUnresolvedProperty)
            {
                // Never suggest a property that does not exist: the policy must be corrected first (RG9003).
                return Diagnostics.Descriptors.Phrase("FilterHintPolicyStale", finding.Table.Entity!.Name);
            }

            string p = LambdaParameter(finding.Entity);
            var own = OwnValueAt(finding);
            var exclusions = new List<string>();
            bool exclusionsAsCode = true;
            foreach (var exclusion in finding.Table.Exclusions)
            {
                var condition = ExclusionCondition(p, exclusion, Model(finding), Position(finding));
                exclusionsAsCode &= condition != null;
                exclusions.Add(condition ?? ExcludedValues(finding, exclusion));
            }

            if (own != null && exclusionsAsCode)
            {
                exclusions.Insert(0, $"{p}.{finding.Table.RetailerPropertyName} == {own.Code}");
                return Diagnostics.Descriptors.Phrase("FilterHintWhere", p, string.Join(" && ", exclusions));
            }

            string value = own?.Code ?? OwnValues.Describe(finding.Policy, finding.Table.RetailerProperty?.Type);
            exclusions.Clear();
            foreach (var exclusion in finding.Table.Exclusions)
            {
                exclusions.Add(ExcludedValues(finding, exclusion));
            }

            return exclusions.Count == 0
                ? Diagnostics.Descriptors.Phrase("FilterHintCompare", finding.Table.RetailerPropertyName, value)
                : Diagnostics.Descriptors.Phrase("FilterHintCompareExclude", finding.Table.RetailerPropertyName, value, string.Join(", ", exclusions));
        }

        public static string ExcludedValues(ReadFinding finding, ResolvedExclusion exclusion) =>
            (finding.Language == FindingLanguage.Sql ? exclusion.ColumnName : exclusion.PropertyName) + " = " + exclusion.DisplayValues;

        public static string ExclusionFilter(ReadFinding finding, ResolvedExclusion exclusion)
        {
            if (finding.Language == FindingLanguage.Sql)
            {
                return Diagnostics.Descriptors.Phrase("FilterHintSql", SqlExclusionCondition(exclusion));
            }

            if (finding.Table.HasUnresolvedProperty)
            {
                return Diagnostics.Descriptors.Phrase("FilterHintPolicyStale", finding.Table.Entity!.Name);
            }

            string p = LambdaParameter(finding.Entity);
            var condition = ExclusionCondition(p, exclusion, Model(finding), Position(finding));
            return condition == null
                ? Diagnostics.Descriptors.Phrase("FilterHintExclude", ExcludedValues(finding, exclusion))
                : $"'Where({p} => {condition})'";
        }

        /// <summary>
        /// The own-retailer condition in SQL: a parameter bound to an own value the sink's code can reach (found by
        /// <see cref="Sql.SqlFixInfo"/>), else the first own code as a literal, else the parameter and what to bind it to, in words.
        /// </summary>
        public static string SqlOwnCondition(ReadFinding finding)
        {
            string column = finding.Table.RetailerColumnName;
            string parameter = SqlParameter(finding.Policy);
            if (finding.Properties.TryGetValue(Sql.SqlFixInfo.OwnValueProperty, out var bound) && !string.IsNullOrEmpty(bound))
            {
                return Diagnostics.Descriptors.Phrase("SqlBoundTo", $"{column} = {parameter}", bound!);
            }

            if (SqlOwnLiteral(finding.Policy) is { } literal)
            {
                return $"{column} = {literal}";
            }

            return Diagnostics.Descriptors.Phrase("SqlBoundTo", $"{column} = {parameter}", OwnValues.Describe(finding.Policy, finding.Table.RetailerProperty?.Type));
        }

        /// <summary>The own-retailer parameter as the dialect writes it: <c>:ownRetailer</c> in Oracle, <c>@ownRetailer</c> elsewhere.</summary>
        public static string SqlParameter(PolicyModel policy) => (policy.Document.SqlDialect == "oracle" ? ":" : "@") + OwnParameterName;

        /// <summary>The first non-empty own code as a SQL string literal, or null.</summary>
        public static string? SqlOwnLiteral(PolicyModel policy)
        {
            foreach (var code in policy.Document.OwnCodes)
            {
                if (!string.IsNullOrEmpty(code))
                {
                    return "'" + code.Replace("'", "''") + "'";
                }
            }

            return null;
        }

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

        /// <summary>
        /// <c>p.Kind != ContractKinds.LastResort &amp;&amp; …</c>: every excluded value, through the policy's symbol for it where
        /// there is one, else as a literal of the property's type; null when a value cannot be written as code of that type.
        /// With a semantic model, type names are as short as they can be at <paramref name="position"/>.
        /// </summary>
        public static string? ExclusionCondition(string parameter, ResolvedExclusion exclusion, SemanticModel? model, int position)
        {
            var values = ExclusionValues(exclusion, model, position);
            if (values == null || values.Count == 0)
            {
                return null;
            }

            var parts = new List<string>();
            foreach (var v in values)
            {
                parts.Add($"{parameter}.{exclusion.PropertyName} != {v}");
            }

            return string.Join(" && ", parts);
        }

        /// <summary>The excluded values as C# expressions, or null when one cannot be written with the property's type.</summary>
        public static List<string>? ExclusionValues(ResolvedExclusion exclusion, SemanticModel? model, int position)
        {
            var type = exclusion.Property?.Type;
            var result = new List<string>();
            var covered = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var symbol in InPolicyOrder(exclusion))
            {
                bool required = !(symbol is IFieldSymbol { HasConstantValue: true } constant && constant.ConstantValue is string);
                var valueType = OwnValues.ValueType(symbol);
                if (!symbol.IsStatic || valueType == null || !OwnValues.Comparable(valueType, type, model?.Compilation) ||
                    (model != null && !model.IsAccessible(position, symbol)))
                {
                    if (required)
                    {
                        return null;
                    }

                    continue;
                }

                string owner = model != null ? MinimalNames.Of(symbol.ContainingType, model, position) : symbol.ContainingType.Name;
                result.Add(owner + "." + OwnValues.Escape(symbol.Name) + (symbol is IMethodSymbol ? "()" : string.Empty));
                if (symbol is IFieldSymbol { HasConstantValue: true } f && f.ConstantValue != null)
                {
                    covered.Add(System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }

            var literals = new List<string>(exclusion.Spec.Values);
            foreach (var v in exclusion.Values)
            {
                if (!literals.Contains(v))
                {
                    literals.Add(v);
                }
            }

            foreach (var v in literals)
            {
                if (covered.Contains(v))
                {
                    continue;
                }

                var literal = LiteralOf(v, type);
                if (literal == null)
                {
                    return null;
                }

                covered.Add(v);
                result.Add(literal);
            }

            return result;
        }

        /// <summary>A policy value as a C# literal of <paramref name="type"/>: a string, or an integer; null otherwise.</summary>
        private static string? LiteralOf(string value, ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type == null || type.SpecialType == SpecialType.System_String)
            {
                return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
            }

            return type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte &&
                   long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n)
                ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }

        /// <summary>The resolved exclusion symbols in the order the policy lists them.</summary>
        private static List<ISymbol> InPolicyOrder(ResolvedExclusion exclusion)
        {
            var names = new List<string>();
            foreach (var name in exclusion.Spec.Symbols)
            {
                names.Add(name.Value.Replace('+', '.'));
            }

            var symbols = new List<ISymbol>(exclusion.Symbols);
            symbols.Sort((a, b) =>
            {
                int ia = IndexIn(names, a), ib = IndexIn(names, b);
                return ia != ib ? ia.CompareTo(ib) : string.CompareOrdinal(a.ToDisplayString(), b.ToDisplayString());
            });
            return symbols;
        }

        private static int IndexIn(List<string> names, ISymbol symbol)
        {
            int index = names.IndexOf(symbol.ContainingType.ToDisplayString() + "." + symbol.Name);
            return index < 0 ? int.MaxValue : index;
        }

        private static SemanticModel? Model(ReadFinding finding) => finding.Site?.SemanticModel;

        private static int Position(ReadFinding finding) => finding.Site?.Syntax.SpanStart ?? 0;
    }
}
