using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    /// <summary>One object a read goes through, as messages and additional locations show it.</summary>
    internal sealed class SqlPathStep
    {
        public SqlPathStep(string objectName, string file, int line, Location location)
        {
            ObjectName = objectName;
            File = file;
            Line = line;
            Location = location;
        }

        /// <summary>The object, as "dbo.usp_extract".</summary>
        public string ObjectName { get; }

        /// <summary>Its file, relative to the project folder when it is inside it.</summary>
        public string File { get; }

        /// <summary>The 1-based line, in that file, of what the object does next: the table it reads, the object it calls.</summary>
        public int Line { get; }

        public Location Location { get; }
    }

    /// <summary>
    /// One reference to a guarded table in SQL text, with what is applied to it, or one step RetailGuard cannot follow
    /// (<see cref="Unverifiable"/>). Offsets are in the original text. A read through SQL objects sits on the reference to
    /// the first object, with the objects it goes through in <see cref="Via"/>.
    /// </summary>
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

        /// <summary>The target of an UPDATE or DELETE: the rows are written (the inventory's access), judged like a read.</summary>
        public bool Write { get; set; }

        /// <summary>Where the fix can add the missing condition; null when there is no simple place.</summary>
        public SqlFixSite? FixSite { get; set; }

        /// <summary>Why this step cannot be verified (RG1007): dynamic SQL, an object without a definition, a cut; null for a read.</summary>
        public string? Unverifiable { get; private set; }

        /// <summary>The SQL objects between this reference and the table, outermost first; empty for a direct read.</summary>
        public ImmutableArray<SqlPathStep> Via { get; set; } = ImmutableArray<SqlPathStep>.Empty;

        /// <summary>Inside a view or inline table function: how the object's rows reach this table's columns; null when they do not.</summary>
        public ColumnMap? Exposed { get; set; }

        /// <summary>A call back into an object whose summary is being computed on this path.</summary>
        public SqlObjectDefinition? CycleAt { get; set; }

        /// <summary>The result depends on the path it was computed on (a depth cut, a cycle through a caller): never shared.</summary>
        public bool CutShort { get; set; }

        public static SqlTableRead Unverified(int start, int length, string reason) =>
            new SqlTableRead("SQL", start, length, null, null, Predicate.Opaque) { Unverifiable = reason };
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
    /// Parses SQL text with ScriptDom (after dialect normalization) and lowers every reference to a guarded table, with the
    /// WHERE, HAVING and join conditions of its own query block, into the predicate model. References to views, table
    /// functions and procedures the project defines are judged by their summaries (<see cref="SqlCatalog"/>), with the
    /// call's arguments bound; the same analysis summarizes the definitions themselves. Roslyn-free.
    /// </summary>
    internal static class SqlChecker
    {
        public const int MaxLength = 256 * 1024;
        public const int MaxNesting = 100;
        public const int MaxOperators = 4000;
        private const int MaxPredicateDepth = 200;
        private const int MaxVariableChain = 8;

        private static readonly HashSet<string> StatementWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "DECLARE", "SET", "IF", "WHILE", "BEGIN", "END", "CREATE", "ALTER",
            "DROP", "TRUNCATE", "USE", "PRINT", "RETURN", "GRANT", "REVOKE", "DENY", "BULK", "COMMIT", "ROLLBACK", "SAVE", "VALUES",
            "RAISERROR", "THROW", "WAITFOR", "GOTO", "BREAK", "CONTINUE", "OPEN", "CLOSE", "FETCH", "DEALLOCATE", "CHECKPOINT", "DBCC",
            "KILL", "BACKUP", "RESTORE", "ENABLE", "DISABLE", "PRAGMA", "REPLACE", "EXPLAIN", "COPY", "LOCK", "SHOW", "ANALYZE", "VACUUM",
            "ATTACH", "DETACH", "REINDEX", "COMMENT", "TABLE", "GO", "READTEXT", "WRITETEXT", "UPDATETEXT", "RECONFIGURE", "SHUTDOWN",
        };

        /// <summary>SQL text a C# call executes, or any other text that is not a whole .sql file.</summary>
        public static SqlCheck Check(string sql, PolicyModel policy, Func<string, Operand?> bind, bool efPlaceholders, CancellationToken cancellationToken) =>
            Check(sql, policy, SqlCatalog.Empty, bind, efPlaceholders, cancellationToken);

        public static SqlCheck Check(string sql, PolicyModel policy, SqlCatalog catalog, Func<string, Operand?> bind, bool efPlaceholders, CancellationToken cancellationToken) =>
            NeedsChecking(sql, policy, catalog) ? CheckParsed(sql, policy, catalog, bind, efPlaceholders, cancellationToken) : SqlCheck.Nothing;

        /// <summary><see cref="Check(string, PolicyModel, SqlCatalog, Func{string, Operand?}, bool, CancellationToken)"/> without the prescan: every text is parsed.</summary>
        internal static SqlCheck CheckParsed(string sql, PolicyModel policy, SqlCatalog catalog, Func<string, Operand?> bind, bool efPlaceholders, CancellationToken cancellationToken)
        {
            string dialect = policy.Document.SqlDialect;
            var cache = catalog.Parses;
            var parsed = cache?.TryGet(sql, dialect, efPlaceholders);
            if (parsed == null)
            {
                parsed = Parse(sql, dialect, efPlaceholders, cancellationToken);
                if (cache != null)
                {
                    parsed = cache.Add(sql, dialect, efPlaceholders, parsed);
                }
            }

            if (parsed.Fragment == null || parsed.Normalized == null)
            {
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, parsed.Error, parsed.ErrorOffset);
            }

            var normalized = parsed.Normalized;
            var fragment = parsed.Fragment;
            var analysis = new Analysis(policy, catalog, normalized, bind, null, ImmutableArray<SqlObjectDefinition>.Empty, cancellationToken);
            analysis.Run(fragment);
            if (analysis.DynamicSql != null)
            {
                // EXEC('…') and sp_executesql run SQL text RetailGuard does not see as SQL.
                return new SqlCheck(ImmutableArray<SqlTableRead>.Empty, Descriptors.Phrase("SqlDynamic"), normalized.ToOriginal(analysis.DynamicSql.StartOffset));
            }

            return new SqlCheck(analysis.Reads.ToImmutable(), null, 0);
        }

        /// <summary>
        /// Normalizes and parses <paramref name="sql"/>, or says why not (too long, too deep or wide for the bounds, does not
        /// parse); depends on nothing but its arguments, so its result is shared through <see cref="SqlParseCache"/>.
        /// </summary>
        internal static ParsedSql Parse(string sql, string dialect, bool efPlaceholders, CancellationToken cancellationToken)
        {
            if (sql.Length > MaxLength)
            {
                return new ParsedSql(null, null, Descriptors.Phrase("SqlTooLong", MaxLength / 1024), -1);
            }

            var limit = Complexity(sql);
            if (limit != null)
            {
                return new ParsedSql(null, null, limit, -1);
            }

            var normalized = NormalizedSql.Normalize(sql, dialect, efPlaceholders);
            cancellationToken.ThrowIfCancellationRequested();
            TSqlFragment fragment;
            IList<ParseError> errors;
            try
            {
                fragment = new TSql160Parser(true).Parse(new StringReader(normalized.Text), out errors);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                return new ParsedSql(null, null, Descriptors.Phrase("SqlParserFailed", ex.Message), -1);
            }

            if (errors.Count > 0 || fragment == null)
            {
                var first = errors.Count > 0 ? errors[0] : null;
                return new ParsedSql(
                    null,
                    null,
                    Descriptors.Phrase("SqlDoesNotParse", DialectName(dialect), (first?.Message ?? "?").TrimEnd('.', ' ')),
                    normalized.ToOriginal(first?.Offset ?? 0));
            }

            return new ParsedSql(normalized, fragment, null, 0);
        }

        /// <summary>
        /// A .sql file as a script: its statements outside definitions (a CREATE PROCEDURE, VIEW or FUNCTION is not a read;
        /// it is judged where it is used). A parse error is reported, and the batches that parse are still checked.
        /// </summary>
        public static SqlCheck CheckScript(SqlSourceFile file, PolicyModel policy, SqlCatalog catalog, CancellationToken cancellationToken)
        {
            if (!NeedsChecking(file.Content, policy, catalog))
            {
                return SqlCheck.Nothing;
            }

            var reads = ImmutableArray.CreateBuilder<SqlTableRead>();
            string? error = file.Error;
            int errorOffset = file.ErrorOffset;
            if (file.Script != null)
            {
                foreach (var batch in file.Script.Batches)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var analysis = new Analysis(policy, catalog, file.Normalized, _ => null, null, ImmutableArray<SqlObjectDefinition>.Empty, cancellationToken);
                    analysis.Run(batch);
                    if (analysis.DynamicSql != null)
                    {
                        reads.Add(SqlTableRead.Unverified(file.Normalized.ToOriginal(analysis.DynamicSql.StartOffset), 1, Descriptors.Phrase("SqlDynamic")));
                        continue;
                    }

                    reads.AddRange(analysis.Reads);
                }
            }

            return new SqlCheck(reads.ToImmutable(), error, errorOffset);
        }

        /// <summary>
        /// A call of a stored procedure by name (<c>CommandType.StoredProcedure</c>), judged by its definition with the
        /// parameters the call binds. Every finding sits on the name, [<paramref name="start"/>, +<paramref name="length"/>).
        /// </summary>
        public static SqlCheck CheckProcedureCall(SqlObjectName name, int start, int length, PolicyModel policy, SqlCatalog catalog, Func<string, Operand?> bind,
            CancellationToken cancellationToken)
        {
            var analysis = new Analysis(policy, catalog, null, bind, null, ImmutableArray<SqlObjectDefinition>.Empty, cancellationToken);
            analysis.AddCall(name, start, length, (parameter, _) => bind(parameter), null);
            return new SqlCheck(analysis.Reads.ToImmutable(), null, 0);
        }

        /// <summary>
        /// The summary of one definition: the same analysis over its body, with its parameters as placeholders. Called by
        /// <see cref="SqlCatalog.Summary"/>, which bounds depth and cycles and keeps complete summaries.
        /// </summary>
        internal static SqlObjectSummary Summarize(SqlObjectDefinition definition, PolicyModel policy, SqlCatalog catalog,
            ImmutableArray<SqlObjectDefinition> active, CancellationToken cancellationToken)
        {
            var parameters = new Dictionary<string, Operand>(StringComparer.OrdinalIgnoreCase);
            var defaults = new Dictionary<string, Operand>(StringComparer.OrdinalIgnoreCase);
            var constants = new Lowering(policy, _ => null);
            foreach (var parameter in definition.Parameters)
            {
                string? name = parameter.VariableName?.Value;
                if (name == null || parameters.ContainsKey(name))
                {
                    continue;
                }

                parameters[name] = new Operand(OperandKind.Parameter, name, null);
                if (parameter.Value != null)
                {
                    defaults[name] = constants.Value(parameter.Value, string.Empty);
                }
            }

            var reads = new List<SqlTableRead>();
            if (definition.Body != null)
            {
                var analysis = new Analysis(policy, catalog, definition.File.Normalized, name => parameters.TryGetValue(name, out var p) ? p : null,
                    definition, active, cancellationToken);
                analysis.Run(definition.Body);
                reads.AddRange(analysis.Reads);
            }

            // A call back into this object runs the same reads with arguments RetailGuard cannot follow: harmless when every
            // read of a protected table meets the policy whatever the parameters are, unverifiable otherwise.
            bool guarded = false;
            if (reads.Exists(r => r.CycleAt == definition))
            {
                var unknown = new Dictionary<Operand, Operand>(OperandIdentity.Instance);
                foreach (var placeholder in parameters.Values)
                {
                    unknown[placeholder] = Operand.Unknown;
                }

                foreach (var read in reads)
                {
                    guarded |= read.CycleAt == null && read.Protected != null &&
                                RequirementEvaluator.Evaluate(Requirement.ForTable(read.Protected), SqlPredicateRewrite.Substitute(read.Predicate, unknown)).Kind != VerdictKind.Satisfied;
                }
            }

            bool complete = true;
            var kept = ImmutableArray.CreateBuilder<SqlTableRead>(reads.Count);
            var seen = new HashSet<SqlTableRead>(SameRead.Instance);
            foreach (var read in reads)
            {
                if (!seen.Add(read))
                {
                    // The same table under the same conditions through another path says nothing new: one path is kept.
                    continue;
                }

                if (kept.Count >= MaxReadsPerObject)
                {
                    var tooMany = SqlTableRead.Unverified(definition.NameStart, definition.NameLength, Descriptors.Phrase("SqlObjectTooComplex"));
                    kept.Clear();
                    kept.Add(tooMany);
                    break;
                }

                if (read.CycleAt == definition)
                {
                    if (guarded)
                    {
                        var cycle = SqlTableRead.Unverified(read.Start, read.Length, read.Unverifiable!);
                        cycle.Via = read.Via;
                        kept.Add(cycle);
                    }

                    continue;
                }

                complete &= !read.CutShort;
                kept.Add(read);
            }

            return new SqlObjectSummary(definition, kept.ToImmutable(), parameters, defaults, complete);
        }

        /// <summary>Reads kept in one summary (after merging equal ones) before it fails closed as too complex.</summary>
        public const int MaxReadsPerObject = 512;

        /// <summary>Two reads in a summary that judge the same: same table, conditions, copy target, reason and view mapping.</summary>
        private sealed class SameRead : IEqualityComparer<SqlTableRead>
        {
            public static readonly SameRead Instance = new SameRead();

            public bool Equals(SqlTableRead? x, SqlTableRead? y) =>
                ReferenceEquals(x, y) ||
                (x != null && y != null && x.Protected == y.Protected && x.Restricted == y.Restricted && x.Exposed == y.Exposed && x.CycleAt == y.CycleAt &&
                 x.CutShort == y.CutShort && string.Equals(x.BulkTarget, y.BulkTarget, StringComparison.Ordinal) &&
                 string.Equals(x.Unverifiable, y.Unverifiable, StringComparison.Ordinal) &&
                 (x.Unverifiable != null || x.Restricted != null || SqlPredicateRewrite.Same(x.Predicate, y.Predicate)));

            public int GetHashCode(SqlTableRead obj) =>
                (obj.Protected?.GetHashCode() ?? 0) ^ (obj.Restricted?.GetHashCode() ?? 0) ^ (obj.Unverifiable?.GetHashCode() ?? 0) ^
                (obj.Protected != null ? SqlPredicateRewrite.Hash(obj.Predicate) : 0);
        }

        internal static string DialectName(PolicyModel policy) => DialectName(policy.Document.SqlDialect);

        private static string DialectName(string dialect) => dialect == "tsql" ? "T-SQL" : dialect;

        /// <summary>
        /// The fast path: text that names no guarded table, no sanctioned view, no object the project defines and calls no
        /// procedure or function needs no parsing. Names are found by <see cref="SqlNameScan"/> (whole words, comments passed
        /// over; its remarks say why that is sound); EXEC, CALL, a bare procedure call and <c>schema.function(</c> outside
        /// literals and comments always need the parser.
        /// </summary>
        internal static bool NeedsChecking(string sql, PolicyModel policy, SqlCatalog catalog)
        {
            if (catalog.NameScan(policy).MayName(sql))
            {
                return true;
            }

            bool first = true;
            bool afterDot = false;
            for (int i = 0; i < sql.Length;)
            {
                char c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                bool word = false;
                int end;
                if (c == '[' || c == '"' || c == '`')
                {
                    char close = c == '[' ? ']' : c;
                    int k = sql.IndexOf(close, i + 1);
                    end = k < 0 ? sql.Length : k + 1;
                    word = true;
                }
                else if (char.IsLetter(c) || c == '_' || c == '#')
                {
                    end = i + 1;
                    while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_' || sql[end] == '#' || sql[end] == '$'))
                    {
                        end++;
                    }

                    word = true;
                    if (IsWord(sql, i, end, "EXEC") || IsWord(sql, i, end, "EXECUTE") || IsWord(sql, i, end, "CALL"))
                    {
                        return true;
                    }

                    if (first && IsBareCall(sql, end) && !StatementWords.Contains(sql.Substring(i, end - i)))
                    {
                        // "dbo.usp_x @a = 1": the first statement of a batch may call a procedure without EXEC.
                        return true;
                    }
                }
                else
                {
                    int skip = NormalizedSql.SkipOpaque(sql, i);
                    end = skip > i ? skip : i + 1;
                }

                if (word && afterDot && NextIs(sql, end, '('))
                {
                    // schema.function(…): a user-defined function, defined in the project or not.
                    return true;
                }

                afterDot = c == '.';
                first = false;
                i = end;
            }

            return false;
        }

        private static bool IsWord(string sql, int start, int end, string word) =>
            end - start == word.Length && string.Compare(sql, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool NextIs(string sql, int i, char c)
        {
            while (i < sql.Length && char.IsWhiteSpace(sql[i]))
            {
                i++;
            }

            return i < sql.Length && sql[i] == c;
        }

        /// <summary>After a first word: more name parts, then the end, ';' or an argument (a variable or a literal).</summary>
        private static bool IsBareCall(string sql, int i)
        {
            while (true)
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                if (i >= sql.Length || sql[i] == ';')
                {
                    return true;
                }

                if (sql[i] != '.')
                {
                    break;
                }

                i++;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '[' || sql[i] == ']' || sql[i] == '"'))
                {
                    i++;
                }
            }

            char c = sql[i];
            return c == '@' || c == '\'' || char.IsDigit(c) || (c == 'N' && i + 1 < sql.Length && sql[i + 1] == '\'');
        }

        /// <summary>Bounds what the parser is given: deep nesting or huge expressions are reported, not parsed.</summary>
        internal static string? Complexity(string sql)
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

        /// <summary><c>string.Equals(LastPart(name), part, OrdinalIgnoreCase)</c> without building the last part.</summary>
        private static bool LastPartIs(string name, string part)
        {
            int start = name.LastIndexOf('.') + 1;
            int end = name.Length;
            while (start < end && IsQuote(name[start]))
            {
                start++;
            }

            while (end > start && IsQuote(name[end - 1]))
            {
                end--;
            }

            return end - start == part.Length && string.Compare(name, start, part, 0, part.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        private static bool IsQuote(char c) => c == '[' || c == ']' || c == '"' || c == '`';

        internal static string LastPart(string name)
        {
            int dot = name.LastIndexOf('.');
            return (dot < 0 ? name : name.Substring(dot + 1)).Trim('[', ']', '"', '`');
        }

        /// <summary>A policy name ("customers" or "dbo.customers") against a reference; a reference without a schema matches any schema.</summary>
        internal static bool Matches(string policyName, string? schema, string table)
        {
            if (!LastPartIs(policyName, table))
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

        private static string TargetName(TableReference? target) => target switch
        {
            NamedTableReference named => named.SchemaObject.BaseIdentifier?.Value ?? "a table",
            VariableTableReference variable => variable.Variable?.Name ?? "a table",
            _ => "a table",
        };

        /// <summary>Temp tables (#t) and table variables (@t) live only as long as the batch or procedure: copying into them is not an extraction.</summary>
        private static bool IsLocalTable(TableReference? target) =>
            target is VariableTableReference ||
            (target is NamedTableReference named && IsLocalTableName(named.SchemaObject?.BaseIdentifier?.Value));

        private static bool IsLocalTableName(string? name) => name != null && name.StartsWith("#", StringComparison.Ordinal) && !name.StartsWith("##", StringComparison.Ordinal);

        private static void Leaves(QueryExpression? expression, List<QuerySpecification> into, int depth)
        {
            if (expression == null || depth > MaxNesting)
            {
                return;
            }

            switch (expression)
            {
                case QuerySpecification spec:
                    into.Add(spec);
                    break;
                case QueryParenthesisExpression parenthesis:
                    Leaves(parenthesis.QueryExpression, into, depth + 1);
                    break;
                case BinaryQueryExpression binary:
                    Leaves(binary.FirstQueryExpression, into, depth + 1);
                    if (binary.BinaryQueryExpressionType == BinaryQueryExpressionType.Union)
                    {
                        // EXCEPT and INTERSECT return rows of their first query only.
                        Leaves(binary.SecondQueryExpression, into, depth + 1);
                    }

                    break;
            }
        }

        /// <summary>A table source of a query block: a named table or view, or a table-valued function.</summary>
        private sealed class TableSource
        {
            public TableSource(TableReferenceWithAlias reference, List<BooleanExpression> joinConditions)
            {
                Reference = reference;
                JoinConditions = joinConditions;
            }

            public TableReferenceWithAlias Reference { get; }

            /// <summary>ON conditions that restrict this table's rows: inner joins, and the nullable side of outer joins.</summary>
            public List<BooleanExpression> JoinConditions { get; }

            public SchemaObjectName? Name => Reference switch
            {
                NamedTableReference named => named.SchemaObject,
                SchemaObjectFunctionTableReference function => function.SchemaObject,
                _ => null,
            };

            public string ExposedName => Reference.Alias?.Value ?? Name?.BaseIdentifier?.Value ?? string.Empty;
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
                case SchemaObjectFunctionTableReference function:
                    into.Add(new TableSource(function, inherited));
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

        /// <summary>
        /// One analysis of a batch, a statement list or a definition body. For C# text and scripts, reads are reported; for a
        /// definition (<see cref="_definition"/>), they become its summary, in terms of its parameters.
        /// </summary>
        private sealed class Analysis
        {
            private readonly PolicyModel _policy;
            private readonly SqlCatalog _catalog;
            private readonly NormalizedSql? _normalized;
            private readonly Func<string, Operand?> _bind;
            private readonly SqlObjectDefinition? _definition;
            private readonly ImmutableArray<SqlObjectDefinition> _active;
            private readonly CancellationToken _cancellationToken;
            private readonly Lowering _lowering;
            private readonly HashSet<string> _resolving = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private Dictionary<string, List<ScalarExpression?>> _variables = new Dictionary<string, List<ScalarExpression?>>(StringComparer.OrdinalIgnoreCase);
            private HashSet<string> _cteNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private Dictionary<QuerySpecification, Leaf>? _leaves;

            public Analysis(PolicyModel policy, SqlCatalog catalog, NormalizedSql? normalized, Func<string, Operand?> bind, SqlObjectDefinition? definition,
                ImmutableArray<SqlObjectDefinition> active, CancellationToken cancellationToken)
            {
                _policy = policy;
                _catalog = catalog;
                _normalized = normalized;
                _bind = bind;
                _definition = definition;
                _active = active;
                _cancellationToken = cancellationToken;
                _lowering = new Lowering(policy, ResolveVariable) { Normalized = normalized };
            }

            public ImmutableArray<SqlTableRead>.Builder Reads { get; } = ImmutableArray.CreateBuilder<SqlTableRead>();

            /// <summary>The first EXEC of a string, of a procedure variable or of sp_executesql, if any.</summary>
            public TSqlFragment? DynamicSql { get; private set; }

            public void Run(TSqlFragment root)
            {
                var collector = new Collector(skipDefinitions: _definition == null);
                root.Accept(collector);
                _cancellationToken.ThrowIfCancellationRequested();
                _variables = collector.Variables;
                _cteNames = collector.CteNames;
                if (_definition?.Output != null)
                {
                    _leaves = OutputLeaves(_definition);
                }

                foreach (var query in collector.Queries)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    var where = query.WhereClause?.SearchCondition;
                    var sources = Sources(query.FromClause);
                    collector.BulkTargets.TryGetValue(query, out var bulk);
                    Leaf? leaf = null;
                    _leaves?.TryGetValue(query, out leaf);
                    foreach (var source in sources)
                    {
                        var read = AddSource(source, where, query, bulk, leaf);
                        if (read != null && query.FromClause != null && _normalized != null)
                        {
                            read.FixSite = new SqlFixSite(
                                where == null ? -1 : _normalized.ToOriginal(where.StartOffset),
                                where == null ? -1 : _normalized.ToOriginal(where.StartOffset + where.FragmentLength),
                                where is BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.Or },
                                _normalized.ToOriginal(query.FromClause.StartOffset + query.FromClause.FragmentLength),
                                sources.Count > 1 || source.Reference.Alias != null ? source.ExposedName : null);
                        }
                    }
                }

                foreach (var update in collector.Updates)
                {
                    AddTarget(update.Target, update.FromClause, update.WhereClause?.SearchCondition);
                }

                foreach (var delete in collector.Deletes)
                {
                    AddTarget(delete.Target, delete.FromClause, delete.WhereClause?.SearchCondition);
                }

                foreach (var merge in collector.Merges)
                {
                    // The rows of the USING source are all read: the ON condition matches them, it does not filter them.
                    foreach (var source in Sources(merge.TableReference))
                    {
                        AddSource(new TableSource(source.Reference, new List<BooleanExpression>()), null, null, "MERGE INTO " + TargetName(merge.Target), null);
                    }
                }

                foreach (var execute in collector.Executes)
                {
                    collector.BulkTargets.TryGetValue(execute, out var bulk);
                    AddExecute(execute, bulk);
                }

                foreach (var call in collector.FunctionCalls)
                {
                    AddFunctionCall(call);
                }

                if (collector.DynamicSql != null)
                {
                    if (_definition != null)
                    {
                        Reads.Add(SqlTableRead.Unverified(Start(collector.DynamicSql), Math.Max(1, Length(collector.DynamicSql)), Descriptors.Phrase("SqlDynamic")));
                    }
                    else
                    {
                        DynamicSql = collector.DynamicSql;
                    }
                }
            }

            /// <summary>A call of a procedure (EXEC, or a C# call by name): judged by its definition, or reported when it has none.</summary>
            public void AddCall(SqlObjectName name, int start, int length, Func<string, int, Operand?> argument, string? bulk)
            {
                if (Restricted(name) is { } restricted)
                {
                    Reads.Add(new SqlTableRead(name.Display, start, length, null, restricted, Predicate.Opaque));
                    return;
                }

                if (IsSanctioned(name))
                {
                    return;
                }

                if (name.RunsDynamicSql)
                {
                    Reads.Add(SqlTableRead.Unverified(start, length, Descriptors.Phrase("SqlDynamic")));
                    return;
                }

                var definitions = _catalog.Find(name, procedures: true, views: false, tableFunctions: false, scalarFunctions: false);
                if (definitions.Count == 0)
                {
                    if (!name.IsSystem)
                    {
                        Reads.Add(SqlTableRead.Unverified(start, length, Missing(name)));
                    }

                    return;
                }

                Expand(definitions, start, length, argument, null, null, bulk);
            }

            private SqlTableRead? AddSource(TableSource source, BooleanExpression? where, QuerySpecification? query, string? bulk, Leaf? leaf)
            {
                var nameFragment = source.Name;
                if (nameFragment == null || !(SqlObjectName.From(nameFragment) is { } name))
                {
                    return null;
                }

                // The squiggle sits on the object name itself, not on its schema.
                TSqlFragment located = (TSqlFragment?)nameFragment.BaseIdentifier ?? nameFragment;
                int start = Start(located);
                int length = Length(located);

                if (source.Reference is SchemaObjectFunctionTableReference function)
                {
                    if (Restricted(name) is { } restrictedFunction)
                    {
                        Reads.Add(new SqlTableRead(name.Display, start, length, null, restrictedFunction, Predicate.Opaque));
                        return null;
                    }

                    if (IsSanctioned(name))
                    {
                        return null;
                    }

                    var functions = _catalog.Find(name, procedures: false, views: false, tableFunctions: true, scalarFunctions: false);
                    if (functions.Count == 0)
                    {
                        if (!name.IsSystem)
                        {
                            Reads.Add(SqlTableRead.Unverified(start, length, Missing(name)));
                        }

                        return null;
                    }

                    var arguments = function.Parameters;
                    Expand(functions, start, length, (_, index) => index < arguments.Count ? Argument(arguments[index]) : null,
                        Conditions(source, where, query), leaf?.MapFor(source.ExposedName), bulk);
                    return null;
                }

                if (name.Schema == null && (_cteNames.Contains(name.Name) || IsLocalTableName(name.Name)))
                {
                    return null;
                }

                foreach (var restricted in _policy.RestrictedTables)
                {
                    if (!restricted.Spec.Table.IsEmpty && Matches(restricted.Spec.Table.Value, name.Schema, name.Name))
                    {
                        Reads.Add(new SqlTableRead(name.Display, start, length, null, restricted, Predicate.Opaque) { BulkTarget = bulk });
                        return null;
                    }
                }

                foreach (var protectedTable in _policy.ProtectedTables)
                {
                    foreach (var view in protectedTable.Spec.SanctionedViews)
                    {
                        if (Matches(view, name.Schema, name.Name))
                        {
                            // A read through a sanctioned view meets the policy: recorded as such, so every read of the table is known.
                            var sanctioned = new SqlTableRead(name.Display, start, length, protectedTable, null, Predicate.Sanctioned)
                            {
                                BulkTarget = bulk,
                                Exposed = leaf?.MapFor(source.ExposedName),
                            };
                            Reads.Add(sanctioned);
                            return sanctioned;
                        }
                    }
                }

                foreach (var protectedTable in _policy.ProtectedTables)
                {
                    if (protectedTable.Spec.Table.IsEmpty || !Matches(protectedTable.Spec.Table.Value, name.Schema, name.Name))
                    {
                        continue;
                    }

                    var read = new SqlTableRead(name.Display, start, length, protectedTable, null, Conditions(source, where, query))
                    {
                        BulkTarget = bulk,
                        Exposed = leaf?.MapFor(source.ExposedName),
                    };
                    Reads.Add(read);
                    return read;
                }

                var views = _catalog.Find(name, procedures: false, views: true, tableFunctions: false, scalarFunctions: false);
                if (views.Count > 0)
                {
                    Expand(views, start, length, (_, _) => null, Conditions(source, where, query), leaf?.MapFor(source.ExposedName), bulk);
                }

                return null;
            }

            private void AddTarget(TableReference? target, FromClause? from, BooleanExpression? where)
            {
                var fromSources = Sources(from);
                if (target is NamedTableReference named)
                {
                    // UPDATE c SET … FROM customers c: the target names a FROM source, judged with it.
                    bool isAlias = named.SchemaObject.SchemaIdentifier == null &&
                                   fromSources.Exists(s => string.Equals(s.ExposedName, named.SchemaObject.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase));
                    if (!isAlias && AddSource(new TableSource(named, new List<BooleanExpression>()), where, null, null, null) is { } written)
                    {
                        written.Write = true;
                    }
                }

                foreach (var source in fromSources)
                {
                    if (AddSource(source, where, null, null, null) is { } read && target is NamedTableReference alias &&
                        string.Equals(source.ExposedName, alias.SchemaObject.BaseIdentifier.Value, StringComparison.OrdinalIgnoreCase))
                    {
                        read.Write = true;
                    }
                }
            }

            private void AddExecute(ExecuteSpecification execute, string? bulk)
            {
                if (!(execute.ExecutableEntity is ExecutableProcedureReference procedure) ||
                    !(procedure.ProcedureReference?.ProcedureReference?.Name is { } nameFragment) ||
                    !(SqlObjectName.From(nameFragment) is { } name) || name.RunsDynamicSql)
                {
                    return;
                }

                TSqlFragment located = (TSqlFragment?)nameFragment.BaseIdentifier ?? nameFragment;
                var parameters = procedure.Parameters;
                AddCall(name, Start(located), Length(located), (parameter, index) =>
                {
                    for (int i = 0; i < parameters.Count; i++)
                    {
                        var p = parameters[i];
                        bool named = p.Variable != null;
                        if ((named && string.Equals(p.Variable!.Name, parameter, StringComparison.OrdinalIgnoreCase)) || (!named && i == index))
                        {
                            return Argument(p.ParameterValue);
                        }
                    }

                    return null;
                }, bulk);
            }

            private void AddFunctionCall(FunctionCall call)
            {
                if (!(call.CallTarget is MultiPartIdentifierCallTarget { MultiPartIdentifier: { Identifiers: { Count: 1 } identifiers } }) || call.FunctionName == null)
                {
                    return;
                }

                var name = new SqlObjectName(identifiers[0].Value, call.FunctionName.Value);
                var functions = _catalog.Find(name, procedures: false, views: false, tableFunctions: false, scalarFunctions: true);
                if (functions.Count == 0)
                {
                    return;
                }

                var arguments = call.Parameters;
                Expand(functions, Start(call.FunctionName), Length(call.FunctionName), (_, index) => index < arguments.Count ? Argument(arguments[index]) : null, null, null, null);
            }

            /// <summary>
            /// Reads through objects: each definition's summary with the call's arguments bound and, for views and inline
            /// functions, the conditions of the referencing query pushed through the columns that reach each table.
            /// </summary>
            private void Expand(List<SqlObjectDefinition> definitions, int start, int length, Func<string, int, Operand?> argument, Predicate? outer,
                ColumnMap? exposure, string? bulk)
            {
                foreach (var definition in definitions)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (_catalog.Depth(definition, _cancellationToken) > SqlCatalog.MaxObjectDepth)
                    {
                        // Judged by how deep the object's calls go, not by the path it is reached on: the same verdict in every order.
                        var cut = SqlTableRead.Unverified(start, length, Descriptors.Phrase("SqlObjectTooDeep", SqlCatalog.MaxObjectDepth));
                        cut.Via = ImmutableArray.Create(new SqlPathStep(definition.Name.Display, _catalog.DisplayPath(definition.File),
                            definition.File.LineOf(definition.NameStart), definition.NameLocation));
                        Reads.Add(cut);
                        continue;
                    }

                    var summary = _catalog.Summary(definition, _active, _cancellationToken);
                    var values = new Dictionary<Operand, Operand>(OperandIdentity.Instance);
                    for (int i = 0; i < definition.Parameters.Count; i++)
                    {
                        string? parameter = definition.Parameters[i].VariableName?.Value;
                        if (parameter == null || !summary.Parameters.TryGetValue(parameter, out var placeholder))
                        {
                            continue;
                        }

                        var value = argument(parameter, i) ??
                                    (summary.Defaults.TryGetValue(parameter, out var byDefault) ? byDefault : null) ??
                                    (_lowering.IsTrusted(parameter) ? Operand.OwnFrom(parameter, null) : null);
                        if (value != null)
                        {
                            values[placeholder] = value;
                        }
                    }

                    string file = _catalog.DisplayPath(definition.File);
                    foreach (var inner in summary.Reads)
                    {
                        var predicate = inner.Protected == null ? inner.Predicate : SqlPredicateRewrite.Substitute(inner.Predicate, values);
                        if (inner.Protected != null && outer != null && inner.Exposed != null)
                        {
                            predicate = new AndPredicate(ImmutableArray.Create(predicate, SqlPredicateRewrite.Rename(outer, inner.Exposed)));
                        }

                        var read = inner.Unverifiable != null
                            ? SqlTableRead.Unverified(start, length, inner.Unverifiable)
                            : new SqlTableRead(inner.Name, start, length, inner.Protected, inner.Restricted, predicate);
                        read.BulkTarget = inner.BulkTarget ?? bulk;
                        read.Exposed = exposure != null && inner.Exposed != null ? exposure.Then(inner.Exposed) : null;
                        read.CycleAt = inner.CycleAt;
                        read.CutShort = inner.CutShort;
                        read.Via = inner.Via.Insert(0, new SqlPathStep(definition.Name.Display, file, definition.File.LineOf(inner.Start),
                            definition.File.LocationOf(inner.Start, inner.Length)));
                        Reads.Add(read);
                    }
                }
            }

            /// <summary>The conditions every row of one source meets in its query block: WHERE, ON, and HAVING on grouping columns.</summary>
            private Predicate Conditions(TableSource source, BooleanExpression? where, QuerySpecification? query)
            {
                var conditions = ImmutableArray.CreateBuilder<Predicate>();
                string exposed = source.ExposedName;
                if (where != null)
                {
                    conditions.Add(_lowering.Lower(where, exposed, null, 0));
                }

                foreach (var on in source.JoinConditions)
                {
                    conditions.Add(_lowering.Lower(on, exposed, null, 0));
                }

                if (query?.HavingClause?.SearchCondition is { } having && query.GroupByClause != null)
                {
                    var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var grouping in query.GroupByClause.GroupingSpecifications)
                    {
                        if (grouping is ExpressionGroupingSpecification { Expression: { } expression } && Lowering.Column(expression, exposed, null) is { } key)
                        {
                            keys.Add(key);
                        }
                    }

                    if (keys.Count > 0)
                    {
                        // HAVING on a grouping column keeps only the groups, and so the rows, whose column meets it.
                        conditions.Add(_lowering.Lower(having, exposed, keys, 0));
                    }
                }

                return Predicate.AndOf(conditions.ToImmutable());
            }

            private Operand? Argument(ScalarExpression? value) =>
                value == null || value is DefaultLiteral ? null : _lowering.Value(value, string.Empty);

            /// <summary>
            /// A variable's value: a parameter of the definition (its placeholder), a local assigned once from something known,
            /// or what the caller binds. A variable assigned more than once, or from a query, is not known.
            /// </summary>
            private Operand? ResolveVariable(string name)
            {
                if (!_variables.TryGetValue(name, out var assignments))
                {
                    return _bind(name);
                }

                bool isParameter = _bind(name) != null && _definition != null;
                if (isParameter || assignments.Count != 1 || assignments[0] == null || _resolving.Count >= MaxVariableChain || !_resolving.Add(name))
                {
                    return assignments.Count == 0 ? Operand.Null : new Operand(OperandKind.Parameter, name, null);
                }

                try
                {
                    return _lowering.Value(assignments[0]!, string.Empty);
                }
                finally
                {
                    _resolving.Remove(name);
                }
            }

            private RestrictedTable? Restricted(SqlObjectName name)
            {
                foreach (var restricted in _policy.RestrictedTables)
                {
                    if (!restricted.Spec.Table.IsEmpty && name.IsNamedBy(restricted.Spec.Table.Value))
                    {
                        return restricted;
                    }
                }

                return null;
            }

            private bool IsSanctioned(SqlObjectName name)
            {
                foreach (var sanctioned in _policy.Document.SanctionedProcedures)
                {
                    if (name.IsNamedBy(sanctioned.Name.Value))
                    {
                        return true;
                    }
                }

                return false;
            }

            private string Missing(SqlObjectName name) => _catalog.UnreadableFiles == 0
                ? Descriptors.Phrase("SqlObjectMissing", name.Display)
                : Descriptors.Phrase("SqlObjectMissingUnreadable", name.Display, _catalog.UnreadableFiles);

            private int Start(TSqlFragment fragment) => _normalized == null ? fragment.StartOffset : _normalized.ToOriginal(fragment.StartOffset);

            private int Length(TSqlFragment fragment) =>
                _normalized == null ? fragment.FragmentLength : _normalized.ToOriginal(fragment.StartOffset + fragment.FragmentLength) - Start(fragment);

            /// <summary>The query blocks whose rows are a view's (or inline function's) rows, with the names of their columns.</summary>
            private static Dictionary<QuerySpecification, Leaf> OutputLeaves(SqlObjectDefinition definition)
            {
                var leaves = new List<QuerySpecification>();
                Leaves(definition.Output, leaves, 0);
                var result = new Dictionary<QuerySpecification, Leaf>();
                List<string?>? names = null;
                if (definition.OutputColumns != null && definition.OutputColumns.Count > 0)
                {
                    names = new List<string?>();
                    foreach (var column in definition.OutputColumns)
                    {
                        names.Add(column.Value);
                    }
                }

                for (int i = 0; i < leaves.Count; i++)
                {
                    if (names == null && i > 0)
                    {
                        // Later UNION branches take their column names from the first one, by position.
                        names = Leaf.NamesOf(leaves[0]);
                        if (names == null)
                        {
                            break;
                        }
                    }

                    result[leaves[i]] = new Leaf(leaves[i], names);
                }

                return result;
            }
        }

        /// <summary>A query block whose rows are an object's rows, and the names its columns have outside.</summary>
        private sealed class Leaf
        {
            private readonly QuerySpecification _query;

            /// <summary>The object's column names by position, or null when they are this block's own names.</summary>
            private readonly List<string?>? _positional;

            public Leaf(QuerySpecification query, List<string?>? positional)
            {
                _query = query;
                _positional = positional;
            }

            /// <summary>The output names of a block by position; null when it selects '*' (their number is not known).</summary>
            public static List<string?>? NamesOf(QuerySpecification query)
            {
                var names = new List<string?>();
                foreach (var element in query.SelectElements)
                {
                    if (element is SelectStarExpression)
                    {
                        return null;
                    }

                    names.Add(element is SelectScalarExpression scalar ? OutputName(scalar) : null);
                }

                return names;
            }

            /// <summary>How the object's columns reach the columns of the source <paramref name="exposedName"/>, or null.</summary>
            public ColumnMap? MapFor(string exposedName)
            {
                var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var blocked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                bool star = false;
                for (int i = 0; i < _query.SelectElements.Count; i++)
                {
                    switch (_query.SelectElements[i])
                    {
                        case SelectStarExpression all:
                            if (_positional != null)
                            {
                                return null;
                            }

                            var qualifier = all.Qualifier?.Identifiers;
                            star |= qualifier == null || qualifier.Count == 0 ||
                                    string.Equals(qualifier[qualifier.Count - 1].Value, exposedName, StringComparison.OrdinalIgnoreCase);
                            break;
                        case SelectScalarExpression scalar:
                            string? name = _positional != null ? (i < _positional.Count ? _positional[i] : null) : OutputName(scalar);
                            if (name == null)
                            {
                                continue;
                            }

                            if (Lowering.Column(scalar.Expression, exposedName, null) is { } column)
                            {
                                if (!columns.ContainsKey(name))
                                {
                                    columns[name] = column;
                                }
                            }
                            else
                            {
                                blocked.Add(name);
                            }

                            break;
                    }
                }

                return columns.Count == 0 && !star ? null : new ColumnMap(columns, star, blocked);
            }

            private static string? OutputName(SelectScalarExpression scalar)
            {
                if (scalar.ColumnName?.Value is { } alias)
                {
                    return alias;
                }

                var expression = scalar.Expression;
                while (expression is ParenthesisExpression p)
                {
                    expression = p.Expression;
                }

                return expression is ColumnReferenceExpression { MultiPartIdentifier: { Identifiers: { Count: > 0 } parts } } ? parts[parts.Count - 1].Value : null;
            }
        }

        private sealed class Collector : TSqlFragmentVisitor
        {
            private readonly bool _skipDefinitions;
            private string? _bulk;

            public Collector(bool skipDefinitions) => _skipDefinitions = skipDefinitions;

            public List<QuerySpecification> Queries { get; } = new List<QuerySpecification>();

            public List<UpdateSpecification> Updates { get; } = new List<UpdateSpecification>();

            public List<DeleteSpecification> Deletes { get; } = new List<DeleteSpecification>();

            public List<MergeSpecification> Merges { get; } = new List<MergeSpecification>();

            public List<ExecuteSpecification> Executes { get; } = new List<ExecuteSpecification>();

            /// <summary>Calls of a schema-qualified function (<c>dbo.fn(x)</c>): user-defined scalar functions.</summary>
            public List<FunctionCall> FunctionCalls { get; } = new List<FunctionCall>();

            public HashSet<string> CteNames { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            /// <summary>Every variable declared or assigned, with each value assigned to it (null: from a query, OUTPUT, FETCH).</summary>
            public Dictionary<string, List<ScalarExpression?>> Variables { get; } = new Dictionary<string, List<ScalarExpression?>>(StringComparer.OrdinalIgnoreCase);

            /// <summary>Query blocks and EXECs whose rows are copied in bulk, with the statement that copies them.</summary>
            public Dictionary<TSqlFragment, string> BulkTargets { get; } = new Dictionary<TSqlFragment, string>();

            /// <summary>The first EXEC of a string, of a procedure variable or of sp_executesql, if any.</summary>
            public TSqlFragment? DynamicSql { get; private set; }

            public override void ExplicitVisit(InsertSpecification node)
            {
                var previous = _bulk;
                _bulk = (node.InsertSource is SelectInsertSource || node.InsertSource is ExecuteInsertSource) && !IsLocalTable(node.Target)
                    ? "INSERT INTO " + TargetName(node.Target)
                    : null;
                base.ExplicitVisit(node);
                _bulk = previous;
            }

            public override void ExplicitVisit(SelectStatement node)
            {
                var previous = _bulk;
                if (node.Into != null && !IsLocalTableName(node.Into.BaseIdentifier?.Value))
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

            public override void Visit(ExecuteSpecification node)
            {
                switch (node.ExecutableEntity)
                {
                    case ExecutableStringList _:
                        DynamicSql ??= node;
                        break;
                    case ExecutableProcedureReference procedure:
                        if (procedure.ProcedureReference?.ProcedureVariable != null ||
                            (SqlObjectName.From(procedure.ProcedureReference?.ProcedureReference?.Name) is { } name && name.RunsDynamicSql))
                        {
                            DynamicSql ??= node;
                            break;
                        }

                        Executes.Add(node);
                        if (_bulk != null)
                        {
                            BulkTargets[node] = _bulk;
                        }

                        foreach (var parameter in procedure.Parameters)
                        {
                            if (parameter.IsOutput && parameter.ParameterValue is VariableReference output)
                            {
                                Assign(output.Name, null);
                            }
                        }

                        break;
                }
            }

            public override void Visit(FunctionCall node)
            {
                if (node.CallTarget is MultiPartIdentifierCallTarget)
                {
                    FunctionCalls.Add(node);
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

            public override void Visit(DeclareVariableElement node)
            {
                if (node is ProcedureParameter || node.VariableName?.Value is not { } name)
                {
                    return;
                }

                if (!Variables.ContainsKey(name))
                {
                    Variables[name] = new List<ScalarExpression?>();
                }

                if (node.Value != null)
                {
                    Assign(name, node.Value);
                }
            }

            public override void Visit(SetVariableStatement node)
            {
                if (node.Variable?.Name is { } name)
                {
                    Assign(name, node.AssignmentKind == AssignmentKind.Equals ? node.Expression : null);
                }
            }

            public override void Visit(SelectSetVariable node)
            {
                if (node.Variable?.Name is { } name)
                {
                    Assign(name, null);
                }
            }

            public override void Visit(FetchCursorStatement node)
            {
                foreach (var variable in node.IntoVariables)
                {
                    Assign(variable.Name, null);
                }
            }

            // Definitions are not reads: in a script or C# text they are skipped, and judged where they are used.
            public override void ExplicitVisit(CreateProcedureStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(AlterProcedureStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateOrAlterProcedureStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateViewStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(AlterViewStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateOrAlterViewStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateFunctionStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(AlterFunctionStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateOrAlterFunctionStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateTriggerStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(AlterTriggerStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            public override void ExplicitVisit(CreateOrAlterTriggerStatement node) => VisitDefinition(node, () => base.ExplicitVisit(node));

            private void VisitDefinition(TSqlFragment node, Action visit)
            {
                if (!_skipDefinitions)
                {
                    visit();
                }
            }

            private void Assign(string name, ScalarExpression? value)
            {
                if (!Variables.TryGetValue(name, out var list))
                {
                    Variables[name] = list = new List<ScalarExpression?>();
                }

                list.Add(value);
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

            /// <summary>The normalized text, to recognize <c>IN (…)</c> lists that were <c>= ANY(array)</c>.</summary>
            public NormalizedSql? Normalized { get; set; }

            /// <summary>
            /// Lowers a condition relative to the source <paramref name="exposedName"/>. With <paramref name="onlyColumns"/>
            /// (HAVING), only those columns (the grouping columns) are columns of the source.
            /// </summary>
            public Predicate Lower(BooleanExpression expression, string exposedName, HashSet<string>? onlyColumns, int depth)
            {
                if (depth > MaxPredicateDepth)
                {
                    return Predicate.Opaque;
                }

                switch (expression)
                {
                    case BooleanBinaryExpression binary:
                        var items = ImmutableArray.Create(Lower(binary.FirstExpression, exposedName, onlyColumns, depth + 1), Lower(binary.SecondExpression, exposedName, onlyColumns, depth + 1));
                        return binary.BinaryExpressionType == BooleanBinaryExpressionType.And ? new AndPredicate(items) : new OrPredicate(items);
                    case BooleanNotExpression not:
                        return new NotPredicate(Lower(not.Expression, exposedName, onlyColumns, depth + 1));
                    case BooleanParenthesisExpression parenthesis:
                        return Lower(parenthesis.Expression, exposedName, onlyColumns, depth + 1);
                    case BooleanComparisonExpression comparison:
                        {
                            bool equal = comparison.ComparisonType == BooleanComparisonType.Equals;
                            bool notEqual = comparison.ComparisonType == BooleanComparisonType.NotEqualToBrackets ||
                                            comparison.ComparisonType == BooleanComparisonType.NotEqualToExclamation;
                            if (!equal && !notEqual)
                            {
                                return Predicate.Opaque;
                            }

                            if (TransformedColumn(comparison.FirstExpression, exposedName, onlyColumns, out var leftTransforms) is { } left)
                            {
                                return new ComparePredicate(left, equal, Transformed(Value(comparison.SecondExpression, exposedName), leftTransforms));
                            }

                            if (TransformedColumn(comparison.SecondExpression, exposedName, onlyColumns, out var rightTransforms) is { } right)
                            {
                                return new ComparePredicate(right, equal, Transformed(Value(comparison.FirstExpression, exposedName), rightTransforms));
                            }

                            return Predicate.Opaque;
                        }

                    case InPredicate inPredicate when inPredicate.Subquery == null && inPredicate.Values.Count > 0 &&
                                                      TransformedColumn(inPredicate.Expression, exposedName, onlyColumns, out var transforms) is { } column:
                        {
                            var values = ImmutableArray.CreateBuilder<Operand>(inPredicate.Values.Count);
                            foreach (var v in inPredicate.Values)
                            {
                                values.Add(Transformed(Value(v, exposedName), transforms));
                            }

                            if (values.Count == 1 && !(Normalized?.IsArrayList(inPredicate.Values[0].StartOffset) ?? false))
                            {
                                // IN with one value is '='.
                                return new ComparePredicate(column, !inPredicate.NotDefined, values[0]);
                            }

                            return new InSetPredicate(column, inPredicate.NotDefined, values.MoveToImmutable());
                        }

                    default:
                        return Predicate.Opaque;
                }
            }

            /// <summary>A parameter the policy lists in trustedParameters is always bound to the own code.</summary>
            public bool IsTrusted(string name)
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

            /// <summary>A column of the source <paramref name="exposedName"/>, or null.</summary>
            public static string? Column(ScalarExpression expression, string exposedName, HashSet<string>? onlyColumns)
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
                string? column;
                if (parts.Count == 1)
                {
                    // Unqualified: SQL requires it to be unambiguous, so it belongs to the table that has it.
                    column = parts[0].Value;
                }
                else
                {
                    column = string.Equals(parts[parts.Count - 2].Value, exposedName, StringComparison.OrdinalIgnoreCase) ? parts[parts.Count - 1].Value : null;
                }

                return column != null && onlyColumns != null && !onlyColumns.Contains(column) ? null : column;
            }

            /// <summary>
            /// A column, possibly inside UPPER, LOWER, TRIM, LTRIM or RTRIM (listed outermost first in <paramref name="transforms"/>):
            /// compared with a value those functions leave unchanged, it is the same comparison.
            /// </summary>
            private static string? TransformedColumn(ScalarExpression expression, string exposedName, HashSet<string>? onlyColumns, out List<string>? transforms)
            {
                transforms = null;
                for (int i = 0; i < 8; i++)
                {
                    while (expression is ParenthesisExpression p)
                    {
                        expression = p.Expression;
                    }

                    if (!(expression is FunctionCall { CallTarget: null, TrimOptions: null, OverClause: null, Parameters: { Count: 1 } parameters } call) ||
                        !IsCaseOrTrim(call.FunctionName?.Value))
                    {
                        break;
                    }

                    transforms ??= new List<string>();
                    transforms.Add(call.FunctionName!.Value.ToUpperInvariant());
                    expression = parameters[0];
                }

                return Column(expression, exposedName, onlyColumns);
            }

            private static bool IsCaseOrTrim(string? name) =>
                name != null && (name.Equals("UPPER", StringComparison.OrdinalIgnoreCase) || name.Equals("LOWER", StringComparison.OrdinalIgnoreCase) ||
                                 name.Equals("TRIM", StringComparison.OrdinalIgnoreCase) || name.Equals("LTRIM", StringComparison.OrdinalIgnoreCase) ||
                                 name.Equals("RTRIM", StringComparison.OrdinalIgnoreCase));

            /// <summary>
            /// The value a transformed column is compared with: itself when the functions leave its text unchanged (the own
            /// code in the same case), else a value that is not known to be own. A value whose text is not known yet (a
            /// parameter) cannot be checked and is not known either.
            /// </summary>
            private static Operand Transformed(Operand value, List<string>? transforms)
            {
                if (transforms == null || value.Kind == OperandKind.Null)
                {
                    return value;
                }

                if ((value.Kind != OperandKind.Own && value.Kind != OperandKind.Literal) || value.Text == null)
                {
                    return Operand.Unknown;
                }

                string text = value.Text;
                for (int i = transforms.Count - 1; i >= 0; i--)
                {
                    text = transforms[i] switch
                    {
                        "UPPER" => text.ToUpperInvariant(),
                        "LOWER" => text.ToLowerInvariant(),
                        "TRIM" => text.Trim(' '),
                        "LTRIM" => text.TrimStart(' '),
                        _ => text.TrimEnd(' '),
                    };
                }

                return string.Equals(text, value.Text, StringComparison.Ordinal) ? value : Operand.Unknown;
            }

            public Operand Value(ScalarExpression expression, string exposedName)
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
