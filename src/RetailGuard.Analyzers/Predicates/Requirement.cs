using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Policy;

namespace RetailGuard.Predicates
{
    /// <summary>What the policy requires of every read of one protected table, in the vocabulary of one lowering.</summary>
    internal sealed class Requirement
    {
        /// <summary>The name <see cref="OwnValue"/> gives the value it is about.</summary>
        public const string ValueColumn = "\u0001value";

        public Requirement(ProtectedTable? table, string retailerColumn, ImmutableArray<ExclusionRequirement> exclusions)
        {
            Table = table;
            RetailerColumn = retailerColumn;
            Exclusions = exclusions;
        }

        /// <summary>The table; null for <see cref="OwnValue"/>, which is about a C# value rather than a table.</summary>
        public ProtectedTable? Table { get; }

        public string RetailerColumn { get; }

        public ImmutableArray<ExclusionRequirement> Exclusions { get; }

        /// <summary>
        /// What a guard must establish about a C# value for it to be own: a condition over <see cref="ValueColumn"/> that
        /// satisfies this requirement holds only when the value is an own-retailer value (<c>if (code != Own) return;</c>).
        /// </summary>
        public static Requirement OwnValue { get; } = new Requirement(null, ValueColumn, ImmutableArray<ExclusionRequirement>.Empty);

        /// <summary>The requirement as LINQ sees it: property names.</summary>
        public static Requirement ForEntity(ProtectedTable table)
        {
            var ex = ImmutableArray.CreateBuilder<ExclusionRequirement>(table.Exclusions.Length);
            foreach (var e in table.Exclusions)
            {
                ex.Add(new ExclusionRequirement(e, e.PropertyName));
            }

            return new Requirement(table, table.RetailerPropertyName, ex.MoveToImmutable());
        }

        /// <summary>The requirement as SQL sees it: column names.</summary>
        public static Requirement ForTable(ProtectedTable table)
        {
            var ex = ImmutableArray.CreateBuilder<ExclusionRequirement>(table.Exclusions.Length);
            foreach (var e in table.Exclusions)
            {
                ex.Add(new ExclusionRequirement(e, e.ColumnName));
            }

            return new Requirement(table, table.RetailerColumnName, ex.MoveToImmutable());
        }
    }

    internal sealed class ExclusionRequirement
    {
        public ExclusionRequirement(ResolvedExclusion exclusion, string column)
        {
            Exclusion = exclusion;
            Column = column;
        }

        public ResolvedExclusion Exclusion { get; }

        public string Column { get; }

        public bool IsExcludedValue(Operand value)
        {
            if (value.Symbol != null && Exclusion.Symbols.Contains(value.Symbol.OriginalDefinition))
            {
                return true;
            }

            return value.Kind == OperandKind.Literal && value.Text != null && Exclusion.Values.Contains(value.Text);
        }

        public static bool SameColumn(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
