using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;

namespace RetailGuard.Linq
{
    /// <summary>
    /// Where the tracked entity sits inside the current query element. Keys are member paths from the element
    /// ("" is the element itself, "c" the member c of a transparent identifier); a value of null marks the entity,
    /// any other value a column of it projected into that member.
    /// </summary>
    internal sealed class Shape
    {
        public static readonly Shape Identity = new Shape(ImmutableDictionary<string, string?>.Empty.Add(string.Empty, null));

        private Shape(ImmutableDictionary<string, string?> map) => Map = map;

        public ImmutableDictionary<string, string?> Map { get; }

        public bool IsEmpty => Map.IsEmpty;

        public static Shape? From(ImmutableDictionary<string, string?> map) => map.IsEmpty ? null : new Shape(map);

        /// <summary>
        /// The member path from <paramref name="parameter"/> to <paramref name="operation"/>, or null when the
        /// expression is not a chain of member accesses on that parameter.
        /// </summary>
        public static string? PathFrom(IOperation operation, IParameterSymbol parameter)
        {
            var names = new List<string>();
            var current = OperationTree.Unwrap(operation);
            while (true)
            {
                switch (current)
                {
                    case IParameterReferenceOperation p when SymbolEqualityComparer.Default.Equals(p.Parameter, parameter):
                        names.Reverse();
                        return string.Join(".", names);
                    case IPropertyReferenceOperation prop when prop.Instance != null && prop.Arguments.IsEmpty:
                        names.Add(prop.Property.Name);
                        current = OperationTree.Unwrap(prop.Instance);
                        break;
                    case IFieldReferenceOperation field when field.Instance != null:
                        names.Add(field.Field.Name);
                        current = OperationTree.Unwrap(field.Instance);
                        break;
                    default:
                        return null;
                }
            }
        }

        /// <summary>The column a path names, or null when it names no column of the tracked entity.</summary>
        public string? ColumnAt(string path)
        {
            if (Map.TryGetValue(path, out var value) && value != null)
            {
                return value;
            }

            int dot = path.LastIndexOf('.');
            string parent = dot < 0 ? string.Empty : path.Substring(0, dot);
            string member = dot < 0 ? path : path.Substring(dot + 1);
            if (path.Length > 0 && Map.TryGetValue(parent, out var p) && p == null)
            {
                return member;
            }

            return null;
        }

        public bool IsEntityAt(string path) => Map.TryGetValue(path, out var v) && v == null;

        /// <summary>The part of this shape found under <paramref name="path"/>, re-rooted under <paramref name="newPrefix"/>.</summary>
        public void CopySubShape(string path, string newPrefix, ImmutableDictionary<string, string?>.Builder into)
        {
            string column = ColumnAt(path) ?? string.Empty;
            if (column.Length > 0 && !Map.ContainsKey(path))
            {
                into[newPrefix] = column;
                return;
            }

            foreach (var kv in Map)
            {
                if (kv.Key == path)
                {
                    into[newPrefix] = kv.Value;
                }
                else if (path.Length == 0 || kv.Key.StartsWith(path + ".", System.StringComparison.Ordinal))
                {
                    string rest = path.Length == 0 ? kv.Key : kv.Key.Substring(path.Length + 1);
                    into[newPrefix.Length == 0 ? rest : newPrefix + "." + rest] = kv.Value;
                }
            }
        }
    }
}
