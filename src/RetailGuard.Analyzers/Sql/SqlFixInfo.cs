using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
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

        /// <summary>ADO.NET: the statement after which Parameters.AddWithValue is added, and the command it is called on.</summary>
        public const string BindStatementProperty = "SqlBindStatement";
        public const string BindCommandProperty = "SqlBindCommand";

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
                var binding = Binding(sink);
                if (binding == null)
                {
                    return props;
                }

                props = props.AddRange(binding).Add(BindNameProperty, FixHints.OwnParameterName);
            }

            return props.Add(EditsProperty, encoded.ToString());
        }

        /// <summary>
        /// Where the new parameter can be bound: Dapper's param object (absent or anonymous), or an ADO.NET command whose
        /// parameter collection has AddWithValue. Null when there is no safe place.
        /// </summary>
        private static IEnumerable<KeyValuePair<string, string?>>? Binding(SqlSink sink)
        {
            if (sink.Kind == SqlSinkKind.Dapper)
            {
                if (!(sink.Sql.Parent is IArgumentOperation argument) ||
                    (sink.Parameters != null && !(OperationTree.Unwrap(sink.Parameters) is IAnonymousObjectCreationOperation)))
                {
                    return null;
                }

                return new[] { new KeyValuePair<string, string?>(BindArgumentProperty, Span(argument.Syntax)) };
            }

            if (sink.Kind != SqlSinkKind.AdoNet)
            {
                return null;
            }

            // cmd.CommandText = "…";  or  var cmd = new XCommand("…", conn);
            string? command = null;
            ITypeSymbol? commandType = null;
            IOperation? owner = sink.Sql.Parent;
            if (owner is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation local } })
            {
                command = local.Local.Name;
                commandType = local.Type;
            }
            else if (owner is IArgumentOperation { Parent: IObjectCreationOperation creation } &&
                     creation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                command = declarator.Symbol.Name;
                commandType = creation.Type;
                owner = creation;
            }

            var parameters = commandType?.GetMembers("Parameters").OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            if (command == null || parameters == null || !parameters.GetMembers("AddWithValue").Any())
            {
                return null;
            }

            var statement = owner!.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>();
            return statement == null ? null : new[]
            {
                new KeyValuePair<string, string?>(BindStatementProperty, Span(statement)),
                new KeyValuePair<string, string?>(BindCommandProperty, command),
            };
        }

        private static string Span(SyntaxNode node) =>
            node.SpanStart.ToString(CultureInfo.InvariantCulture) + "," + node.Span.Length.ToString(CultureInfo.InvariantCulture);

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
