using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RetailGuard.Diagnostics;

namespace RetailGuard.Sql
{
    /// <summary>What a <c>CREATE</c> / <c>ALTER</c> statement defines.</summary>
    internal enum SqlObjectKind
    {
        Procedure,
        View,

        /// <summary><c>RETURNS TABLE AS RETURN SELECT …</c>: its rows are the rows of the query, like a view with parameters.</summary>
        InlineTableFunction,

        /// <summary><c>RETURNS @t TABLE (…)</c>: rows come out of a table variable the body fills.</summary>
        TableFunction,

        ScalarFunction,
    }

    /// <summary>
    /// An object name as SQL writes it (<c>[dbo].[usp_x]</c>, <c>dbo.usp_x</c>, <c>"dbo"."usp_x"</c>, <c>usp_x</c>), without
    /// server and database parts. Names compare case-insensitively; a name without a schema matches any schema, as for tables.
    /// </summary>
    internal readonly struct SqlObjectName
    {
        public SqlObjectName(string? schema, string name)
        {
            Schema = string.IsNullOrEmpty(schema) ? null : schema;
            Name = name;
        }

        public string? Schema { get; }

        public string Name { get; }

        /// <summary>"dbo.usp_x", or "usp_x" without a schema.</summary>
        public string Display => Schema == null ? Name : Schema + "." + Name;

        /// <summary>System objects (the <c>sys</c> schema, <c>sp_</c> and <c>xp_</c> procedures) that read no table of the application.</summary>
        public bool IsSystem =>
            string.Equals(Schema, "sys", StringComparison.OrdinalIgnoreCase) ||
            Name.StartsWith("sp_", StringComparison.OrdinalIgnoreCase) || Name.StartsWith("xp_", StringComparison.OrdinalIgnoreCase);

        /// <summary>System procedures that run SQL text given to them: dynamic SQL.</summary>
        public bool RunsDynamicSql =>
            Name.Equals("sp_executesql", StringComparison.OrdinalIgnoreCase) ||
            Name.StartsWith("sp_MSforeach", StringComparison.OrdinalIgnoreCase);

        public static SqlObjectName? From(SchemaObjectName? name)
        {
            string? baseName = name?.BaseIdentifier?.Value;
            return string.IsNullOrEmpty(baseName) ? (SqlObjectName?)null : new SqlObjectName(name!.SchemaIdentifier?.Value, baseName!);
        }

        /// <summary>True when a reference (this) names the definition <paramref name="defined"/>.</summary>
        public bool Matches(SqlObjectName defined) =>
            string.Equals(Name, defined.Name, StringComparison.OrdinalIgnoreCase) &&
            (Schema == null || defined.Schema == null || string.Equals(Schema, defined.Schema, StringComparison.OrdinalIgnoreCase));

        /// <summary>True when a policy entry ("usp_x" or "dbo.usp_x") names this reference.</summary>
        public bool IsNamedBy(string policyName) => SqlChecker.Matches(policyName, Schema, Name);

        /// <summary>
        /// Parses the text a C# call passes as the procedure name: up to four dot-separated parts, each bare, in brackets
        /// or in double quotes, with white space and a final ';' allowed around it. Null when it is not one name.
        /// </summary>
        public static SqlObjectName? Parse(string text)
        {
            var parts = new List<string>(4);
            int i = 0;
            SkipSpace(text, ref i);
            while (i < text.Length && parts.Count < 5)
            {
                char c = text[i];
                string part;
                if (c == '[' || c == '"')
                {
                    char close = c == '[' ? ']' : '"';
                    var sb = new System.Text.StringBuilder();
                    int k = i + 1;
                    bool closed = false;
                    while (k < text.Length)
                    {
                        if (text[k] == close)
                        {
                            if (k + 1 < text.Length && text[k + 1] == close)
                            {
                                sb.Append(close);
                                k += 2;
                                continue;
                            }

                            closed = true;
                            break;
                        }

                        sb.Append(text[k]);
                        k++;
                    }

                    if (!closed)
                    {
                        return null;
                    }

                    part = sb.ToString();
                    i = k + 1;
                }
                else
                {
                    int start = i;
                    while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '#' || text[i] == '@' || text[i] == '$'))
                    {
                        i++;
                    }

                    if (i == start)
                    {
                        return null;
                    }

                    part = text.Substring(start, i - start);
                }

                parts.Add(part);
                SkipSpace(text, ref i);
                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    SkipSpace(text, ref i);
                    continue;
                }

                break;
            }

            if (i < text.Length && text[i] == ';')
            {
                i++;
                SkipSpace(text, ref i);
            }

            if (i != text.Length || parts.Count == 0 || parts.Count > 4 || parts[parts.Count - 1].Length == 0)
            {
                return null;
            }

            return new SqlObjectName(parts.Count >= 2 ? parts[parts.Count - 2] : null, parts[parts.Count - 1]);
        }

        private static void SkipSpace(string text, ref int i)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        public override string ToString() => Display;
    }

    /// <summary>One <c>CREATE</c> / <c>CREATE OR ALTER</c> / <c>ALTER</c> of a procedure, view or function in a .sql file.</summary>
    internal sealed class SqlObjectDefinition
    {
        public SqlObjectDefinition(SqlObjectKind kind, SqlObjectName name, SqlSourceFile file, TSqlFragment statement, TSqlFragment? body,
            IList<ProcedureParameter> parameters, QueryExpression? output, IList<Identifier>? outputColumns, SchemaObjectName nameFragment)
        {
            Kind = kind;
            Name = name;
            File = file;
            Statement = statement;
            Body = body;
            Parameters = parameters;
            Output = output;
            OutputColumns = outputColumns;
            TSqlFragment located = (TSqlFragment?)nameFragment.BaseIdentifier ?? nameFragment;
            NameStart = file.Normalized.ToOriginal(located.StartOffset);
            NameLength = file.Normalized.ToOriginal(located.StartOffset + located.FragmentLength) - NameStart;
        }

        public SqlObjectKind Kind { get; }

        public SqlObjectName Name { get; }

        public SqlSourceFile File { get; }

        /// <summary>The CREATE / ALTER statement.</summary>
        public TSqlFragment Statement { get; }

        /// <summary>What runs: the statement list of a procedure or function, the SELECT of a view or inline function.</summary>
        public TSqlFragment? Body { get; }

        public IList<ProcedureParameter> Parameters { get; }

        /// <summary>For views and inline table functions: the query whose rows are the object's rows.</summary>
        public QueryExpression? Output { get; }

        /// <summary>A view's explicit column list, <c>CREATE VIEW v (a, b) AS …</c>, or null.</summary>
        public IList<Identifier>? OutputColumns { get; }

        /// <summary>Where the object's name is written in its file (original offsets).</summary>
        public int NameStart { get; }

        public int NameLength { get; }

        public Location NameLocation => File.LocationOf(NameStart, NameLength);

        /// <summary>The object's rows can be filtered further by the query that reads it (views, inline table functions).</summary>
        public bool PassesFiltersThrough => Kind == SqlObjectKind.View || Kind == SqlObjectKind.InlineTableFunction;

        public override string ToString() => Name.Display;
    }

    /// <summary>
    /// A .sql file: its text, parsed once per content and dialect (ScriptDom, after dialect normalization), and the objects it
    /// defines. Parse problems and size limits are kept, not thrown: definitions in the batches that parse are still used.
    /// </summary>
    internal sealed class SqlSourceFile
    {
        private static readonly ConditionalWeakTable<SourceText, SqlSourceFile> Cache = new ConditionalWeakTable<SourceText, SqlSourceFile>();

        private SqlSourceFile(string path, SourceText text, string dialect)
        {
            Path = path;
            Text = text;
            Dialect = dialect;
            Content = text.ToString();
            Normalized = NormalizedSql.Normalize(Content, dialect, false);
        }

        public string Path { get; }

        public SourceText Text { get; }

        public string Content { get; }

        public string Dialect { get; }

        public NormalizedSql Normalized { get; }

        /// <summary>The parsed script (partial when some batches do not parse), or null when it was not parsed.</summary>
        public TSqlScript? Script { get; private set; }

        /// <summary>Why the file could not be parsed at all or in part, or null.</summary>
        public string? Error { get; private set; }

        /// <summary>Where <see cref="Error"/> is (original offset), -1 for the file as a whole.</summary>
        public int ErrorOffset { get; private set; } = -1;

        public ImmutableArray<SqlObjectDefinition> Definitions { get; private set; } = ImmutableArray<SqlObjectDefinition>.Empty;

        /// <summary>The file as parsed for <paramref name="dialect"/>; the same content is parsed once.</summary>
        public static SqlSourceFile Get(string path, SourceText text, string dialect, CancellationToken cancellationToken)
        {
            if (Cache.TryGetValue(text, out var cached))
            {
                if (cached.Dialect == dialect && cached.Path == path)
                {
                    return cached;
                }

                // The same text under another path or dialect (rare): parsed again, not cached.
                var other = new SqlSourceFile(path, text, dialect);
                other.Parse(cancellationToken);
                return other;
            }

            return Cache.GetValue(text, t =>
            {
                var file = new SqlSourceFile(path, t, dialect);
                file.Parse(cancellationToken);
                return file;
            });
        }

        /// <summary>True when this content was parsed already (by an earlier compilation, say).</summary>
        public static bool IsParsed(SourceText text) => Cache.TryGetValue(text, out _);

        public Location LocationOf(int start, int length)
        {
            int s = Math.Max(0, Math.Min(start, Text.Length));
            int l = Math.Max(0, Math.Min(length, Text.Length - s));
            var span = new TextSpan(s, l);
            return Location.Create(Path, span, Text.Lines.GetLinePositionSpan(span));
        }

        /// <summary>The 1-based line of an original offset.</summary>
        public int LineOf(int offset) => Text.Lines.GetLineFromPosition(Math.Max(0, Math.Min(offset, Text.Length))).LineNumber + 1;

        private void Parse(CancellationToken cancellationToken)
        {
            if (Content.Length > SqlChecker.MaxLength)
            {
                Error = Descriptors.Phrase("SqlTooLong", SqlChecker.MaxLength / 1024);
                return;
            }

            var limit = SqlChecker.Complexity(Content);
            if (limit != null)
            {
                Error = limit;
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            IList<ParseError> errors;
            TSqlFragment fragment;
            try
            {
                fragment = new TSql160Parser(true).Parse(new StringReader(Normalized.Text), out errors);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                Error = Descriptors.Phrase("SqlParserFailed", ex.Message);
                return;
            }

            if (errors.Count > 0)
            {
                string dialect = Dialect == "tsql" ? "T-SQL" : Dialect;
                Error = Descriptors.Phrase("SqlDoesNotParse", dialect, errors[0].Message.TrimEnd('.', ' '));
                ErrorOffset = Normalized.ToOriginal(errors[0].Offset);
            }

            Script = fragment as TSqlScript;
            if (Script == null)
            {
                return;
            }

            var definitions = ImmutableArray.CreateBuilder<SqlObjectDefinition>();
            foreach (var batch in Script.Batches)
            {
                foreach (var statement in batch.Statements)
                {
                    var definition = Define(statement);
                    if (definition != null)
                    {
                        definitions.Add(definition);
                    }
                }
            }

            Definitions = definitions.ToImmutable();
        }

        /// <summary>The definition a statement makes, or null for anything else.</summary>
        private SqlObjectDefinition? Define(TSqlStatement statement)
        {
            switch (statement)
            {
                case ProcedureStatementBody procedure when procedure.ProcedureReference?.Name is { } name && SqlObjectName.From(name) is { } procedureName:
                    return new SqlObjectDefinition(SqlObjectKind.Procedure, procedureName, this, statement, procedure.StatementList,
                        procedure.Parameters, null, null, name);

                case ViewStatementBody view when SqlObjectName.From(view.SchemaObjectName) is { } viewName:
                    return new SqlObjectDefinition(SqlObjectKind.View, viewName, this, statement, view.SelectStatement,
                        Array.Empty<ProcedureParameter>(), view.SelectStatement?.QueryExpression, view.Columns, view.SchemaObjectName);

                case FunctionStatementBody function when SqlObjectName.From(function.Name) is { } functionName:
                    switch (function.ReturnType)
                    {
                        case SelectFunctionReturnType select:
                            return new SqlObjectDefinition(SqlObjectKind.InlineTableFunction, functionName, this, statement, select.SelectStatement,
                                function.Parameters, select.SelectStatement?.QueryExpression, null, function.Name);
                        case TableValuedFunctionReturnType _:
                            return new SqlObjectDefinition(SqlObjectKind.TableFunction, functionName, this, statement, function.StatementList,
                                function.Parameters, null, null, function.Name);
                        default:
                            return new SqlObjectDefinition(SqlObjectKind.ScalarFunction, functionName, this, statement, function.StatementList,
                                function.Parameters, null, null, function.Name);
                    }

                default:
                    return null;
            }
        }
    }
}
