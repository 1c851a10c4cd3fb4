using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    /// <summary>One reference to a guarded table in SQL text, with what is applied to it. Offsets are in the original text.</summary>
    internal sealed class SqlTableRead
    {
        public SqlTableRead(string name, int start, int length, ProtectedTable? protectedTable, RestrictedTable? restricted, Predicate predicate)
        {
            Name = name;
            Start = start;
            Length = length;
            Protected = protectedTable;
            Restricted = restricted;
            Predicate = predicate;
        }

        public string Name { get; }

        public int Start { get; }

        public int Length { get; }

        public ProtectedTable? Protected { get; }

        public RestrictedTable? Restricted { get; }

        public Predicate Predicate { get; }

        /// <summary>For a read that feeds a bulk copy (INSERT … SELECT, SELECT … INTO, MERGE): the statement, as "INSERT INTO dwh_extract".</summary>
        public string? BulkTarget { get; set; }

        /// <summary>Where the fix can add the missing condition; null when there is no simple place.</summary>
        public SqlFixSite? FixSite { get; set; }
    }

    /// <summary>Where a condition can be added for one table reference: after its WHERE, or as a new WHERE after its FROM. Original offsets.</summary>
    internal sealed class SqlFixSite
    {
        public SqlFixSite(int whereStart, int whereEnd, bool wrapWhere, int fromEnd, string? qualifier)
        {
            WhereStart = whereStart;
            WhereEnd = whereEnd;
            WrapWhere = wrapWhere;
            FromEnd = fromEnd;
            Qualifier = qualifier;
        }

        /// <summary>-1 when the query block has no WHERE.</summary>
        public int WhereStart { get; }

        public int WhereEnd { get; }

        /// <summary>The WHERE's top level is an OR: it needs parentheses before AND is added.</summary>
        public bool WrapWhere { get; }

        public int FromEnd { get; }

        /// <summary>The alias or table name to qualify columns with, when the block reads more than one table.</summary>
        public string? Qualifier { get; }
    }

    internal sealed class SqlCheck
    {
        public static readonly SqlCheck Nothing = new SqlCheck(ImmutableArray<SqlTableRead>.Empty, null, 0);

        public SqlCheck(ImmutableArray<SqlTableRead> reads, string? error, int errorOffset)
        {
            Reads = reads;
            Error = error;
            ErrorOffset = errorOffset;
        }

        public ImmutableArray<SqlTableRead> Reads { get; }

        /// <summary>Why the text could not be checked (a parse error, a size limit), or null.</summary>
        public string? Error { get; }

        /// <summary>Where the error is in the original text; -1 for the text as a whole.</summary>
        public int ErrorOffset { get; }
    }

    /// <summary>
    /// Parses SQL text with ScriptDom (after dialect normalization) and lowers every reference to a guarded table,
    /// with the WHERE and join conditions of its own query block, into the predicate model. Roslyn-free.
    /// </summary>
    internal static class SqlChecker
    {
        public const int MaxLength = 256 * 1024;
        public const int MaxNesting = 100;
        public const int MaxOperators = 4000;
        private const int MaxPredicateDepth = 200;

        public static SqlCheck Check(string sql, PolicyModel policy, Func<string, Operand?> bind, bool efPlaceholders, CancellationToken cancellationToken)
        {
            if (!MentionsGuardedTable(sql, policy))
            {
                return SqlCheck.Nothing;
            }

            if (sql.Length > MaxLength)
            {
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, Descriptors.Phrase("SqlTooLong", MaxLength / 1024), -1);
            }

            var limit = Complexity(sql);
            if (limit != null)
            {
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, limit, -1);
            }

            var normalized = NormalizedSql.Normalize(sql, policy.Document.SqlDialect, efPlaceholders);
            cancellationToken.ThrowIfCancellationRequested();
            TSqlFragment fragment;
            IList<ParseError> errors;
            try
            {
                fragment = new TSql160Parser(true).Parse(new StringReader(normalized.Text), out errors);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, Descriptors.Phrase("SqlParserFailed", ex.Message), -1);
            }

            if (errors.Count > 0 || fragment == null)
            {
                var first = errors.Count > 0 ? errors[0] : null;
                string dialect = policy.Document.SqlDialect == "tsql" ? "T-SQL" : policy.Document.SqlDialect;
                return new SqlCheck(
                    ImmutableArray<SqlTableRead>.Empty,
                    Descriptors.Phrase("SqlDoesNotParse", dialect, (first?.Message ?? "?").TrimEnd('.', ' ')),
                    normalized.ToOriginal(first?.Offset ?? 0));
            }

            var collector = new Collector();
            fragment.Accept(collector);
            cancellationToken.ThrowIfCancellationRequested();
            if (collector.DynamicSql != null)
            {
                // EXEC('…') and sp_executesql run SQL text RetailGuard does not see as SQL.
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, Descriptors.Phrase("SqlDynamic"), normalized.ToOriginal(collector.DynamicSql.StartOffset));
            }
            var reads = ImmutableArray.CreateBuilder<SqlTableRead>();
            var lowering = new Lowering(policy, bind);

            foreach (var query in collector.Queries)
            {
                var where = query.WhereClause?.SearchCondition;
                var sources = Sources(query.FromClause);
                foreach (var source in sources)
                {
                    var read = AddRead(source, where, policy, lowering, collector, normalized, reads);
                    if (read != null && collector.BulkTargets.TryGetValue(query, out var bulk))
                    {
                        read.BulkTarget = bulk;
                    }

                    if (read != null && query.FromClause != null)
                    {
                        read.FixSite = new SqlFixSite(
                            where == null ? -1 : normalized.ToOriginal(where.StartOffset),
                            where == null ? -1 : normalized.ToOriginal(where.StartOffset + where.FragmentLength),
                            where is BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.Or },
                            normalized.ToOriginal(query.FromClause.StartOffset + query.FromClause.FragmentLength),
                            sources.Count > 1 || source.Reference.Alias != null ? source.ExposedName : null);
                    }
                }
            }

            foreach (var update in collector.Updates)
            {
                AddTarget(update.Target, update.FromClause, update.WhereClause?.SearchCondition, policy, lowering, collector, normalized, reads);
            }

            foreach (var delete in collector.Deletes)
            {
                AddTarget(delete.Target, delete.FromClause, delete.WhereClause?.SearchCondition, policy, lowering, collector, normalized, reads);
            }

            foreach (var merge in collector.Merges)
            {
                // The rows of the USING source are all read: the ON condition matches them, it does not filter them.
                foreach (var source in Sources(merge.TableReference))
                {
                    var read = AddRead(new TableSource(source.Reference, new List<BooleanExpression>()), null, policy, lowering, collector, normalized, reads);
                    if (read != null)
                    {
                        read.BulkTarget = "MERGE INTO " + TargetName(merge.Target);
                    }
                }
            }

            return new SqlCheck(reads.ToImmutable(), null, 0);
        }

        /// <summary>The fast path: text that names no guarded table needs no parsing.</summary>
        private static bool MentionsGuardedTable(string sql, PolicyModel policy)
        {
            foreach (var t in policy.ProtectedTables)
            {
                if (!t.Spec.Table.IsEmpty && sql.IndexOf(LastPart(t.Spec.Table.Value), StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            foreach (var t in policy.RestrictedTables)
            {
                if (!t.Spec.Table.IsEmpty && sql.IndexOf(LastPart(t.Spec.Table.Value), StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Bounds what the parser is given: deep nesting or huge expressions are reported, not parsed.</summary>
        private static string? Complexity(string sql)
        {
            int depth = 0, maxDepth = 0, operators = 0;
            for (int i = 0; i < sql.Length;)
            {
                int skip = NormalizedSql.SkipOpaque(sql, i);
                if (skip > i)
                {
                    i = skip;
                    continue;
                }

                char c = sql[i];
                if (c == '(')
                {
                    depth++;
                    maxDepth = Math.Max(maxDepth, depth);
                }
                else if (c == ')')
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (c == '+' || c == '-' || c == '*' || c == '/' || c == '|' || c == '=' || c == '<' || c == '>' || c == ',')
                {
                    operators++;
                }

                i++;
            }

            if (maxDepth > MaxNesting)
            {
                return Descriptors.Phrase("SqlTooDeep", maxDepth, MaxNesting);
            }

            return operators > MaxOperators ? Descriptors.Phrase("SqlTooManyOperators", MaxOperators) : null;
        }

        private static void AddTarget(TableReference? target, FromClause? from, BooleanExpression? where, PolicyModel policy, Lowering lowering, Collector collector, NormalizedSql normalized, ImmutableArray<SqlTableRead>.Builder reads)
        {
            var fromSources = Sources(from);
            if (target is NamedTableReference named)
            {
                // UPDATE c SET … FROM customers c: the target names a FROM source, judged with it.
                bool isAlias = named.SchemaObject.SchemaIdentifier == null &&
                               fromSources.Exists(s => string.Equals(s.ExposedName, named.SchemaObject.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase));
                if (!isAlias)
                {
                    AddRead(new TableSource(named, new List<BooleanExpression>()), where, policy, lowering, collector, normalized, reads);
                }
            }

            foreach (var source in fromSources)
            {
                AddRead(source, where, policy, lowering, collector, normalized, reads);
            }
        }

        private static SqlTableRead? AddRead(TableSource source, BooleanExpression? where, PolicyModel policy, Lowering lowering, Collector collector, NormalizedSql normalized, ImmutableArray<SqlTableRead>.Builder reads)
        {
            var name = source.Reference.SchemaObject;
            string table = name.BaseIdentifier?.Value ?? string.Empty;
            string? schema = name.SchemaIdentifier?.Value;
            if (schema == null && collector.CteNames.Contains(table))
            {
                return null;
            }

            // The squiggle sits on the table name itself, not on its schema.
            TSqlFragment located = (TSqlFragment?)name.BaseIdentifier ?? name;
            int start = normalized.ToOriginal(located.StartOffset);
            int length = normalized.ToOriginal(located.StartOffset + located.FragmentLength) - start;
            string display = schema == null ? table : schema + "." + table;

            foreach (var restricted in policy.RestrictedTables)
            {
                if (!restricted.Spec.Table.IsEmpty && Matches(restricted.Spec.Table.Value, schema, table))
                {
                    reads.Add(new SqlTableRead(display, start, length, null, restricted, Predicate.Opaque));
                    return null;
                }
            }

            foreach (var protectedTable in policy.ProtectedTables)
            {
                foreach (var view in protectedTable.Spec.SanctionedViews)
                {
                    if (Matches(view, schema, table))
                    {
                        return null;
                    }
                }

                if (protectedTable.Spec.Table.IsEmpty || !Matches(protectedTable.Spec.Table.Value, schema, table))
                {
                    continue;
                }

                var conditions = new List<Predicate>();
                if (where != null)
                {
                    conditions.Add(lowering.Lower(where, source.ExposedName, 0));
                }

                foreach (var on in source.JoinConditions)
                {
                    conditions.Add(lowering.Lower(on, source.ExposedName, 0));
                }

                var read = new SqlTableRead(display, start, length, protectedTable, null, Predicate.AndOf(conditions.ToImmutableArray()));
                reads.Add(read);
                return read;
            }

            return null;
        }

        private static string TargetName(TableReference? target) =>
            target is NamedTableReference named ? named.SchemaObject.BaseIdentifier?.Value ?? "a table" : "a table";

        internal static string LastPart(string name)
        {
            int dot = name.LastIndexOf('.');
            return (dot < 0 ? name : name.Substring(dot + 1)).Trim('[', ']', '"', '`');
        }

        /// <summary>A policy name ("customers" or "dbo.customers") against a reference; a reference without a schema matches any schema.</summary>
        internal static bool Matches(string policyName, string? schema, string table)
        {
            if (!string.Equals(LastPart(policyName), table, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            int dot = policyName.LastIndexOf('.');
            if (dot < 0 || schema == null)
            {
                return true;
            }

            return string.Equals(LastPart(policyName.Substring(0, dot)), schema, StringComparison.OrdinalIgnoreCase);
        }

        private sealed class TableSource
        {
            public TableSource(NamedTableReference reference, List<BooleanExpression> joinConditions)
            {
                Reference = reference;
                JoinConditions = joinConditions;
            }

            public NamedTableReference Reference { get; }

            /// <summary>ON conditions that restrict this table's rows: inner joins, and the nullable side of outer joins.</summary>
            public List<BooleanExpression> JoinConditions { get; }

            public string ExposedName => Reference.Alias?.Value ?? Reference.SchemaObject.BaseIdentifier?.Value ?? string.Empty;
        }

        private static List<TableSource> Sources(FromClause? from)
        {
            var list = new List<TableSource>();
            if (from != null)
            {
                foreach (var reference in from.TableReferences)
                {
                    Collect(reference, new List<BooleanExpression>(), list, 0);
                }
            }

            return list;
        }

        private static List<TableSource> Sources(TableReference? reference)
        {
            var list = new List<TableSource>();
            if (reference != null)
            {
                Collect(reference, new List<BooleanExpression>(), list, 0);
            }

            return list;
        }

        private static void Collect(TableReference reference, List<BooleanExpression> inherited, List<TableSource> into, int depth)
        {
            if (depth > MaxNesting)
            {
                return;
            }

            switch (reference)
            {
                case NamedTableReference named:
                    into.Add(new TableSource(named, inherited));
                    break;
                case QualifiedJoin join:
                    {
                        var withOn = new List<BooleanExpression>(inherited);
                        if (join.SearchCondition != null)
                        {
                            withOn.Add(join.SearchCondition);
                        }

                        var type = join.QualifiedJoinType;
                        Collect(join.FirstTableReference, type == QualifiedJoinType.Inner || type == QualifiedJoinType.RightOuter ? withOn : inherited, into, depth + 1);
                        Collect(join.SecondTableReference, type == QualifiedJoinType.Inner || type == QualifiedJoinType.LeftOuter ? withOn : inherited, into, depth + 1);
                        break;
                    }

                case UnqualifiedJoin cross:
                    Collect(cross.FirstTableReference, inherited, into, depth + 1);
                    Collect(cross.SecondTableReference, inherited, into, depth + 1);
                    break;
                case JoinParenthesisTableReference parenthesis:
                    Collect(parenthesis.Join, inherited, into, depth + 1);
                    break;
            }
        }

        private sealed class Collector : TSqlFragmentVisitor
        {
            public List<QuerySpecification> Queries { get; } = new List<QuerySpecification>();

            public List<UpdateSpecification> Updates { get; } = new List<UpdateSpecification>();

            public List<DeleteSpecification> Deletes { get; } = new List<DeleteSpecification>();

            public List<MergeSpecification> Merges { get; } = new List<MergeSpecification>();

            public HashSet<string> CteNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            /// <summary>Query blocks whose rows are copied in bulk, with the statement that copies them.</summary>
            public Dictionary<QuerySpecification, string> BulkTargets { get; } = new Dictionary<QuerySpecification, string>();

            private string? _bulk;

            public override void ExplicitVisit(InsertSpecification node)
            {
                var previous = _bulk;
                _bulk = node.InsertSource is SelectInsertSource ? "INSERT INTO " + TargetName(node.Target) : null;
                base.ExplicitVisit(node);
                _bulk = previous;
            }

            public override void ExplicitVisit(SelectStatement node)
            {
                var previous = _bulk;
                if (node.Into != null)
                {
                    _bulk = "SELECT INTO " + (node.Into.BaseIdentifier?.Value ?? string.Empty);
                }

                base.ExplicitVisit(node);
                _bulk = previous;
            }

            public override void Visit(QuerySpecification node)
            {
                Queries.Add(node);
                if (_bulk != null)
                {
                    BulkTargets[node] = _bulk;
                }
            }

            /// <summary>The first EXEC of a string or of sp_executesql, if any.</summary>
            public TSqlFragment? DynamicSql { get; private set; }

            public override void Visit(ExecuteSpecification node)
            {
                if (node.ExecutableEntity is ExecutableStringList ||
                    (node.ExecutableEntity is ExecutableProcedureReference procedure &&
                     procedure.ProcedureReference?.ProcedureReference?.Name?.BaseIdentifier?.Value is { } name &&
                     name.Equals("sp_executesql", StringComparison.OrdinalIgnoreCase)))
                {
                    DynamicSql ??= node;
                }
            }

            public override void Visit(UpdateSpecification node) => Updates.Add(node);

            public override void Visit(DeleteSpecification node) => Deletes.Add(node);

            public override void Visit(MergeSpecification node) => Merges.Add(node);

            public override void Visit(CommonTableExpression node)
            {
                if (node.ExpressionName?.Value is { } name)
                {
                    CteNames.Add(name);
                }
            }
        }

        /// <summary>SQL search conditions into the predicate model, seen from one table reference.</summary>
        private sealed class Lowering
        {
            private readonly PolicyModel _policy;
            private readonly Func<string, Operand?> _bind;

            public Lowering(PolicyModel policy, Func<string, Operand?> bind)
            {
                _policy = policy;
                _bind = bind;
            }

            public Predicate Lower(BooleanExpression expression, string exposedName, int depth)
            {
                if (depth > MaxPredicateDepth)
                {
                    return Predicate.Opaque;
                }

                switch (expression)
                {
                    case BooleanBinaryExpression binary:
                        var items = ImmutableArray.Create(Lower(binary.FirstExpression, exposedName, depth + 1), Lower(binary.SecondExpression, exposedName, depth + 1));
                        return binary.BinaryExpressionType == BooleanBinaryExpressionType.And ? new AndPredicate(items) : new OrPredicate(items);
                    case BooleanNotExpression not:
                        return new NotPredicate(Lower(not.Expression, exposedName, depth + 1));
                    case BooleanParenthesisExpression parenthesis:
                        return Lower(parenthesis.Expression, exposedName, depth + 1);
                    case BooleanComparisonExpression comparison:
                        {
                            bool equal = comparison.ComparisonType == BooleanComparisonType.Equals;
                            bool notEqual = comparison.ComparisonType == BooleanComparisonType.NotEqualToBrackets ||
                                            comparison.ComparisonType == BooleanComparisonType.NotEqualToExclamation;
                            if (!equal && !notEqual)
                            {
                                return Predicate.Opaque;
                            }

                            if (Column(comparison.FirstExpression, exposedName) is { } left)
                            {
                                return new ComparePredicate(left, equal, Value(comparison.SecondExpression, exposedName));
                            }

                            if (Column(comparison.SecondExpression, exposedName) is { } right)
                            {
                                return new ComparePredicate(right, equal, Value(comparison.FirstExpression, exposedName));
                            }

                            return Predicate.Opaque;
                        }

                    case InPredicate inPredicate when inPredicate.Subquery == null && Column(inPredicate.Expression, exposedName) is { } column:
                        {
                            var values = ImmutableArray.CreateBuilder<Operand>(inPredicate.Values.Count);
                            foreach (var v in inPredicate.Values)
                            {
                                values.Add(Value(v, exposedName));
                            }

                            return new InSetPredicate(column, inPredicate.NotDefined, values.MoveToImmutable());
                        }

                    default:
                        return Predicate.Opaque;
                }
            }

            /// <summary>A parameter the policy lists in trustedParameters is always bound to the own code.</summary>
            private bool IsTrusted(string name)
            {
                foreach (var trusted in _policy.Document.TrustedParameters)
                {
                    if (string.Equals(trusted.TrimStart('@', ':', '$'), name.TrimStart('@', ':', '$'), StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string? Column(ScalarExpression expression, string exposedName)
            {
                while (expression is ParenthesisExpression p)
                {
                    expression = p.Expression;
                }

                if (!(expression is ColumnReferenceExpression { MultiPartIdentifier: { } id }) || id.Identifiers.Count == 0)
                {
                    return null;
                }

                var parts = id.Identifiers;
                if (parts.Count == 1)
                {
                    // Unqualified: SQL requires it to be unambiguous, so it belongs to the table that has it.
                    return parts[0].Value;
                }

                return string.Equals(parts[parts.Count - 2].Value, exposedName, StringComparison.OrdinalIgnoreCase) ? parts[parts.Count - 1].Value : null;
            }

            private Operand Value(ScalarExpression expression, string exposedName)
            {
                while (expression is ParenthesisExpression p)
                {
                    expression = p.Expression;
                }

                switch (expression)
                {
                    case StringLiteral s:
                        return _policy.OwnCodes.Contains(s.Value) ? Operand.OwnFrom(s.Value, null) : Operand.Literal(s.Value);
                    case IntegerLiteral i:
                        return _policy.OwnCodes.Contains(i.Value) ? Operand.OwnFrom(i.Value, null) : Operand.Literal(i.Value);
                    case NumericLiteral n:
                        return Operand.Literal(n.Value);
                    case NullLiteral _:
                        return Operand.Null;
                    case VariableReference variable:
                        return _bind(variable.Name) ?? (IsTrusted(variable.Name) ? Operand.OwnFrom(variable.Name, null) : Operand.Parameter(variable.Name));
                    default:
                        return Operand.Unknown;
                }
            }
        }
    }
}
