using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    /// <summary>
    /// How the columns of a view's (or inline table function's) rows reach the columns of one table it reads: an output
    /// column that is a plain column of the table maps to it; anything else (an expression, another table's column) does
    /// not map. A condition on the object's rows restricts the table's rows only through columns that map.
    /// </summary>
    internal sealed class ColumnMap
    {
        private readonly Dictionary<string, string>? _explicit;
        private readonly bool _star;
        private readonly HashSet<string>? _blocked;
        private readonly ColumnMap? _next;

        public ColumnMap(Dictionary<string, string>? explicitColumns, bool star, HashSet<string>? blocked)
            : this(explicitColumns, star, blocked, null)
        {
        }

        private ColumnMap(Dictionary<string, string>? explicitColumns, bool star, HashSet<string>? blocked, ColumnMap? next)
        {
            _explicit = explicitColumns;
            _star = star;
            _blocked = blocked;
            _next = next;
        }

        /// <summary><c>SELECT *</c> of a single table: every column is itself.</summary>
        public static ColumnMap Identity { get; } = new ColumnMap(null, true, null);

        /// <summary>The table column an output column is, or null.</summary>
        public string? Map(string column)
        {
            string? mapped = null;
            if (_explicit != null && _explicit.TryGetValue(column, out var found))
            {
                mapped = found;
            }
            else if (_star && (_blocked == null || !_blocked.Contains(column)))
            {
                mapped = column;
            }

            return mapped == null || _next == null ? mapped : _next.Map(mapped);
        }

        /// <summary>This map, then <paramref name="inner"/>: an outer object's columns through an inner object to its table.</summary>
        public ColumnMap Then(ColumnMap inner) => new ColumnMap(_explicit, _star, _blocked, _next == null ? inner : _next.Then(inner));
    }

    /// <summary>Rewrites predicates for a use of a SQL object: parameters bound to the call's values, columns renamed through a view.</summary>
    internal static class SqlPredicateRewrite
    {
        private const int MaxDepth = 200;

        /// <summary>Replaces operands (by identity) with the values the call binds to them.</summary>
        public static Predicate Substitute(Predicate predicate, IReadOnlyDictionary<Operand, Operand> values) =>
            values.Count == 0 ? predicate : Substitute(predicate, values, 0);

        /// <summary>
        /// A condition written against an object's rows, as a condition on one table it reads. Parts about columns that do
        /// not map restrict nothing RetailGuard can prove: they become opaque.
        /// </summary>
        public static Predicate Rename(Predicate predicate, ColumnMap map) => Rename(predicate, map, 0);

        /// <summary>
        /// True when two predicates say the same: same shape, columns (case-insensitive) and values. Parameters are the same
        /// only when they are the same placeholder. Beyond <see cref="MaxDepth"/> they are different (kept apart, never merged).
        /// </summary>
        public static bool Same(Predicate a, Predicate b) => Same(a, b, 0);

        /// <summary>A hash consistent with <see cref="Same(Predicate, Predicate)"/>.</summary>
        public static int Hash(Predicate predicate) => Hash(predicate, 0);

        private static bool Same(Predicate a, Predicate b, int depth)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (depth > MaxDepth || a.GetType() != b.GetType())
            {
                return false;
            }

            switch (a)
            {
                case ComparePredicate x when b is ComparePredicate y:
                    return x.IsEqual == y.IsEqual && SameColumn(x.Column, y.Column) && Same(x.Value, y.Value);
                case InSetPredicate x when b is InSetPredicate y:
                    if (x.Negated != y.Negated || !SameColumn(x.Column, y.Column) || x.Values.Length != y.Values.Length)
                    {
                        return false;
                    }

                    for (int i = 0; i < x.Values.Length; i++)
                    {
                        if (!Same(x.Values[i], y.Values[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                case AndPredicate x when b is AndPredicate y:
                    return SameItems(x.Items, y.Items, depth);
                case OrPredicate x when b is OrPredicate y:
                    return SameItems(x.Items, y.Items, depth);
                case NotPredicate x when b is NotPredicate y:
                    return Same(x.Operand, y.Operand, depth + 1);
                default:
                    // Opaque and Sanctioned are shared instances; another instance of the same type says the same.
                    return true;
            }
        }

        private static bool SameItems(ImmutableArray<Predicate> a, ImmutableArray<Predicate> b, int depth)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!Same(a[i], b[i], depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameColumn(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool Same(Operand a, Operand b) =>
            ReferenceEquals(a, b) ||
            (a.Kind == b.Kind && a.Kind != OperandKind.Parameter && string.Equals(a.Text, b.Text, StringComparison.Ordinal) &&
             SymbolEqualityComparer.Default.Equals(a.Symbol, b.Symbol));

        private static int Hash(Predicate predicate, int depth)
        {
            if (depth > MaxDepth)
            {
                return 0;
            }

            switch (predicate)
            {
                case ComparePredicate c:
                    return StringComparer.OrdinalIgnoreCase.GetHashCode(c.Column) ^ (c.IsEqual ? 1 : 2) ^ (int)c.Value.Kind;
                case InSetPredicate set:
                    return StringComparer.OrdinalIgnoreCase.GetHashCode(set.Column) ^ (set.Negated ? 3 : 4) ^ set.Values.Length;
                case AndPredicate and:
                    return HashItems(and.Items, depth) * 31;
                case OrPredicate or:
                    return HashItems(or.Items, depth) * 37;
                case NotPredicate not:
                    return ~Hash(not.Operand, depth + 1);
                default:
                    return predicate.GetType().GetHashCode();
            }
        }

        private static int HashItems(ImmutableArray<Predicate> items, int depth)
        {
            int hash = items.Length;
            foreach (var item in items)
            {
                hash = (hash * 17) + Hash(item, depth + 1);
            }

            return hash;
        }

        private static Predicate Substitute(Predicate predicate, IReadOnlyDictionary<Operand, Operand> values, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            switch (predicate)
            {
                case ComparePredicate compare:
                    return values.TryGetValue(compare.Value, out var bound) ? new ComparePredicate(compare.Column, compare.IsEqual, bound) : compare;
                case InSetPredicate set:
                    {
                        ImmutableArray<Operand>.Builder? builder = null;
                        for (int i = 0; i < set.Values.Length; i++)
                        {
                            if (values.TryGetValue(set.Values[i], out var value))
                            {
                                builder ??= set.Values.ToBuilder();
                                builder[i] = value;
                            }
                        }

                        return builder == null ? set : new InSetPredicate(set.Column, set.Negated, builder.ToImmutable());
                    }

                case AndPredicate and:
                    return new AndPredicate(Each(and.Items, item => Substitute(item, values, depth + 1)));
                case OrPredicate or:
                    return new OrPredicate(Each(or.Items, item => Substitute(item, values, depth + 1)));
                case NotPredicate not:
                    return new NotPredicate(Substitute(not.Operand, values, depth + 1));
                default:
                    return predicate;
            }
        }

        private static ImmutableArray<Predicate> Each(ImmutableArray<Predicate> items, Func<Predicate, Predicate> rewrite)
        {
            var builder = ImmutableArray.CreateBuilder<Predicate>(items.Length);
            foreach (var item in items)
            {
                builder.Add(rewrite(item));
            }

            return builder.MoveToImmutable();
        }

        private static Predicate Rename(Predicate predicate, ColumnMap map, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            switch (predicate)
            {
                case ComparePredicate compare:
                    return map.Map(compare.Column) is { } column ? new ComparePredicate(column, compare.IsEqual, compare.Value) : Predicate.Opaque;
                case InSetPredicate set:
                    return map.Map(set.Column) is { } setColumn ? new InSetPredicate(setColumn, set.Negated, set.Values) : Predicate.Opaque;
                case AndPredicate and:
                    return new AndPredicate(Each(and.Items, item => Rename(item, map, depth + 1)));
                case OrPredicate or:
                    return new OrPredicate(Each(or.Items, item => Rename(item, map, depth + 1)));
                case NotPredicate not:
                    return new NotPredicate(Rename(not.Operand, map, depth + 1));
                default:
                    return predicate;
            }
        }
    }

    /// <summary>Compares operands by identity: a definition's parameters are placeholders, one object each.</summary>
    internal sealed class OperandIdentity : IEqualityComparer<Operand>
    {
        public static OperandIdentity Instance { get; } = new OperandIdentity();

        public bool Equals(Operand? x, Operand? y) => ReferenceEquals(x, y);

        public int GetHashCode(Operand obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
