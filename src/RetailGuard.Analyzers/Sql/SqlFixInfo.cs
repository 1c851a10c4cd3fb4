using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Rules;

namespace RetailGuard.Sql
{
    /// <summary>
    /// What the SQL code fix needs, computed where the SQL is understood and handed over in diagnostic properties:
    /// the sanctioned view to read instead, or the text edits that add the condition and the parameter to bind.
    /// </summary>
    internal static class SqlFixInfo
    {
        public const string ViewProperty = "SqlView";
        public const string EditsProperty = "SqlEdits";
        public const string BindArgumentProperty = "SqlBindArgument";
        public const string BindNameProperty = "SqlBindName";

        private const char FieldSeparator = '\u001F';
        private const char EditSeparator = '\u001E';

        public static ImmutableDictionary<string, string?> Properties(PolicyModel policy, SqlTableRead read, Verdict verdict, SqlText text, SqlSink? sink, bool singleVariant)
        {
            var props = ImmutableDictionary<string, string?>.Empty;
            var table = read.Protected;
            if (table == null || sink == null || !singleVariant || verdict.Kind == VerdictKind.NotOwn)
            {
                return props;
            }

            if (!table.Spec.SanctionedViews.IsEmpty)
            {
                props = props.Add(ViewProperty, table.Spec.SanctionedViews[0]);
            }

            var site = read.FixSite;
            if (site == null)
            {
                return props;
            }

            string q = site.Qualifier == null ? string.Empty : site.Qualifier + ".";
            var conditions = new List<string>();
            bool bind = false;
            if (verdict.Kind == VerdictKind.MissingFilter)
            {
                if (policy.PreferredOwnSymbol != null)
                {
                    conditions.Add($"{q}{table.RetailerColumnName} = @{FixHints.OwnParameterName}");
                    bind = true;
                }
                else if (!policy.Document.OwnCodes.IsEmpty)
                {
                    conditions.Add($"{q}{table.RetailerColumnName} = '{policy.Document.OwnCodes[0]}'");
                }

                foreach (var exclusion in table.Exclusions)
                {
                    conditions.Add(FixHints.SqlExclusionCondition(exclusion, q));
                }
            }
            else if (verdict.Missing != null)
            {
                conditions.Add(FixHints.SqlExclusionCondition(verdict.Missing.Exclusion, q));
            }

            string condition = string.Join(" AND ", conditions);
            if (condition.Length == 0 || condition.IndexOfAny(new[] { '"', '\\', '{', '}' }) >= 0)
            {
                return props;
            }

            var edits = new List<(int, string)>();
            if (site.WhereStart >= 0 && site.WrapWhere)
            {
                edits.Add((site.WhereStart, "("));
                edits.Add((site.WhereEnd, ") AND " + condition));
            }
            else if (site.WhereStart >= 0)
            {
                edits.Add((site.WhereEnd, " AND " + condition));
            }
            else
            {
                edits.Add((site.FromEnd, " WHERE " + condition));
            }

            var encoded = new StringBuilder();
            foreach (var (position, insert) in edits)
            {
                if (!text.TryMapExact(position, out var tree, out int at) || tree != sink.Sql.Syntax.SyntaxTree)
                {
                    return props;
                }

                encoded.Append(at.ToString(CultureInfo.InvariantCulture)).Append(FieldSeparator).Append(insert).Append(EditSeparator);
            }

            if (bind)
            {
                // Only Dapper calls whose param is absent or an anonymous object can take the new parameter.
                if (sink.Kind != SqlSinkKind.Dapper || !(sink.Sql.Parent is IArgumentOperation) ||
                    (sink.Parameters != null && !(OperationTree.Unwrap(sink.Parameters) is IAnonymousObjectCreationOperation)))
                {
                    return props;
                }

                var argument = sink.Sql.Parent.Syntax;
                props = props.Add(BindArgumentProperty, argument.SpanStart.ToString(CultureInfo.InvariantCulture) + "," + argument.Span.Length.ToString(CultureInfo.InvariantCulture))
                             .Add(BindNameProperty, FixHints.OwnParameterName);
            }

            return props.Add(EditsProperty, encoded.ToString());
        }

        public static IEnumerable<(int Position, string Text)> DecodeEdits(string encoded)
        {
            foreach (var edit in encoded.Split(new[] { EditSeparator }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = edit.Split(FieldSeparator);
                if (fields.Length == 2 && int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int at))
                {
                    yield return (at, fields[1]);
                }
            }
        }
    }
}
