using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Governance
{
    /// <summary>A table name found in SQL text: its last part unquoted, its schema if written, and where the last part stands.</summary>
    internal readonly struct SqlName
    {
        public SqlName(string name, string? schema, int start, int length)
        {
            Name = name;
            Schema = schema;
            Start = start;
            Length = length;
        }

        public string Name { get; }

        public string? Schema { get; }

        public int Start { get; }

        public int Length { get; }

        public string Display => Schema == null ? Name : Schema + "." + Name;
    }

    /// <summary>A CREATE TABLE statement: the table and its column names.</summary>
    internal sealed class SqlCreatedTable
    {
        public SqlCreatedTable(SqlName table, List<SqlName> columns)
        {
            Table = table;
            Columns = columns;
        }

        public SqlName Table { get; }

        public List<SqlName> Columns { get; }
    }

    /// <summary>
    /// A lexical reader of table names in SQL text, for configuration checks only (look-alike names, DDL coverage): it does not
    /// judge reads, and a statement it does not understand yields nothing. Every dialect's quoting ([x], "x", `x`), comments
    /// and string literals are skipped; work is linear in the text and bounded by <see cref="MaxTokens"/>.
    /// </summary>
    internal static class SqlNames
    {
        public const int MaxTokens = 200000;

        private const int MaxColumnListTokens = 512;

        private static readonly HashSet<string> ReadKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "FROM", "JOIN", "UPDATE", "USING" };

        private static readonly HashSet<string> NotAliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER", "ON", "GROUP", "ORDER", "HAVING", "UNION", "EXCEPT",
            "INTERSECT", "SET", "WITH", "LIMIT", "OFFSET", "FETCH", "FOR", "WINDOW", "NATURAL", "APPLY", "PIVOT", "UNPIVOT", "USING",
            "WHEN", "OUTPUT", "RETURNING", "SELECT", "VALUES", "INTO", "AS",
        };

        private static readonly HashSet<string> ConstraintKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "INDEX", "KEY", "PERIOD", "EXCLUDE", "LIKE",
        };

        private enum Kind
        {
            Word,
            Quoted,
            Literal,
            Symbol,
        }

        private static readonly ConditionalWeakTable<SourceText, PerText> Found = new ConditionalWeakTable<SourceText, PerText>();

        /// <summary>
        /// <see cref="ReadTables(string)"/> of a whole file, found once per text: a <c>.sql</c> file that has not changed is
        /// not read again by the next compilation (in the IDE after an edit elsewhere, or in a build server). The list is
        /// shared: callers only read it.
        /// </summary>
        public static List<SqlName> ReadTables(SourceText file)
        {
            var found = Found.GetOrCreateValue(file);
            if (found.Reads == null)
            {
                string sql = file.ToString();
                found.Reads = MayReadTables(sql) ? ReadTables(sql) : new List<SqlName>(0);
            }

            return found.Reads;
        }

        /// <summary><see cref="CreatedTables(string)"/> of a whole file, found once per text; shared like <see cref="ReadTables(SourceText)"/>.</summary>
        public static List<SqlCreatedTable> CreatedTables(SourceText file)
        {
            var found = Found.GetOrCreateValue(file);
            if (found.Created == null)
            {
                string sql = file.ToString();
                found.Created = sql.IndexOf("create", StringComparison.OrdinalIgnoreCase) >= 0 ? CreatedTables(sql) : new List<SqlCreatedTable>(0);
            }

            return found.Created;
        }

        /// <summary>False when the text has none of the keywords <see cref="ReadTables(string)"/> starts from: it is not tokenized.</summary>
        public static bool MayReadTables(string sql) =>
            sql.IndexOf("from", StringComparison.OrdinalIgnoreCase) >= 0 || sql.IndexOf("join", StringComparison.OrdinalIgnoreCase) >= 0 ||
            sql.IndexOf("update", StringComparison.OrdinalIgnoreCase) >= 0 || sql.IndexOf("using", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>Tables read: the names after FROM (and its comma list), JOIN, UPDATE and USING, without common table expressions, variables and temporary tables.</summary>
        public static List<SqlName> ReadTables(string sql)
        {
            var tokens = Tokenize(sql);
            var ctes = CommonTableExpressions(tokens);
            var result = new List<SqlName>();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind != Kind.Word || !ReadKeywords.Contains(tokens[i].Text) ||
                    (i > 0 && (tokens[i - 1].IsWord("FOR") || tokens[i - 1].IsWord("KEY"))))
                {
                    // FOR UPDATE and ON DUPLICATE KEY UPDATE name no table.
                    continue;
                }

                bool list = string.Equals(tokens[i].Text, "FROM", StringComparison.OrdinalIgnoreCase);
                int j = i + 1;
                while (true)
                {
                    int next = ReadName(tokens, j, out var name);
                    if (next < 0)
                    {
                        break;
                    }

                    bool function = next < tokens.Count && tokens[next].Is("(");
                    if (!function && !ctes.Contains(name.Name) && name.Name.Length > 0 && name.Name[0] != '@' && name.Name[0] != '#')
                    {
                        result.Add(name);
                    }

                    j = SkipAlias(tokens, next);
                    if (!list || j >= tokens.Count || !tokens[j].Is(","))
                    {
                        break;
                    }

                    j++;
                }
            }

            return result;
        }

        /// <summary>Every CREATE TABLE with its columns (constraints left out).</summary>
        public static List<SqlCreatedTable> CreatedTables(string sql)
        {
            var tokens = Tokenize(sql);
            var result = new List<SqlCreatedTable>();
            for (int i = 0; i + 2 < tokens.Count; i++)
            {
                if (!tokens[i].IsWord("CREATE"))
                {
                    continue;
                }

                int j = i + 1;
                while (j < tokens.Count && (tokens[j].IsWord("GLOBAL") || tokens[j].IsWord("LOCAL") || tokens[j].IsWord("TEMPORARY") || tokens[j].IsWord("TEMP") || tokens[j].IsWord("UNLOGGED")))
                {
                    j++;
                }

                if (j >= tokens.Count || !tokens[j].IsWord("TABLE"))
                {
                    continue;
                }

                j++;
                if (j + 2 < tokens.Count && tokens[j].IsWord("IF") && tokens[j + 1].IsWord("NOT") && tokens[j + 2].IsWord("EXISTS"))
                {
                    j += 3;
                }

                int next = ReadName(tokens, j, out var table);
                if (next < 0 || next >= tokens.Count || !tokens[next].Is("("))
                {
                    continue;
                }

                var columns = new List<SqlName>();
                int depth = 0;
                bool atDefinitionStart = true;
                int k = next;
                for (; k < tokens.Count; k++)
                {
                    var t = tokens[k];
                    if (t.Is("("))
                    {
                        depth++;
                        continue;
                    }

                    if (t.Is(")"))
                    {
                        depth--;
                        if (depth == 0)
                        {
                            break;
                        }

                        continue;
                    }

                    if (depth == 1 && t.Is(","))
                    {
                        atDefinitionStart = true;
                        continue;
                    }

                    if (depth == 1 && atDefinitionStart)
                    {
                        atDefinitionStart = false;
                        if ((t.Kind == Kind.Word && !ConstraintKeywords.Contains(t.Text)) || t.Kind == Kind.Quoted)
                        {
                            columns.Add(new SqlName(t.Value, null, t.Start, t.Length));
                        }
                    }
                }

                // The next statement starts after this one, even when its parenthesis never closes: linear in the text.
                i = k;
                if (table.Name.Length > 0 && table.Name[0] != '#' && table.Name[0] != '@')
                {
                    result.Add(new SqlCreatedTable(table, columns));
                }
            }

            return result;
        }

        /// <summary>Reads "a.b.c" at <paramref name="i"/>; returns the index after it, or -1 when no name stands there.</summary>
        private static int ReadName(List<Token> tokens, int i, out SqlName name)
        {
            name = default;
            if (i >= tokens.Count || !IsIdentifier(tokens[i]))
            {
                return -1;
            }

            var parts = new List<Token> { tokens[i] };
            int j = i + 1;
            while (j + 1 < tokens.Count && tokens[j].Is(".") && IsIdentifier(tokens[j + 1]))
            {
                parts.Add(tokens[j + 1]);
                j += 2;
            }

            var last = parts[parts.Count - 1];
            name = new SqlName(last.Value, parts.Count > 1 ? parts[parts.Count - 2].Value : null, last.Start, last.Length);
            return j;
        }

        private static int SkipAlias(List<Token> tokens, int i)
        {
            if (i < tokens.Count && tokens[i].IsWord("AS"))
            {
                i++;
            }

            if (i < tokens.Count && (tokens[i].Kind == Kind.Quoted || (tokens[i].Kind == Kind.Word && !NotAliases.Contains(tokens[i].Text))))
            {
                i++;
            }

            return i;
        }

        private static bool IsIdentifier(Token t) => t.Kind == Kind.Quoted || (t.Kind == Kind.Word && !NotAliases.Contains(t.Text) && !char.IsDigit(t.Text[0]));

        /// <summary>Names defined by WITH name [(columns)] AS (…).</summary>
        private static HashSet<string> CommonTableExpressions(List<Token> tokens)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i + 2 < tokens.Count; i++)
            {
                if (!IsIdentifier(tokens[i]))
                {
                    continue;
                }

                int j = i + 1;
                if (tokens[j].Is("("))
                {
                    // A column list is short: looking further would make text full of parentheses quadratic.
                    int depth = 0;
                    for (int limit = Math.Min(tokens.Count, j + MaxColumnListTokens); j < limit; j++)
                    {
                        if (tokens[j].Is("("))
                        {
                            depth++;
                        }
                        else if (tokens[j].Is(")") && --depth == 0)
                        {
                            break;
                        }
                    }

                    j++;
                }

                if (j + 1 < tokens.Count && tokens[j].IsWord("AS") && tokens[j + 1].Is("("))
                {
                    names.Add(tokens[i].Value);
                }
            }

            return names;
        }

        /// <summary>Every ASCII character as a one-character string, so symbol tokens share them.</summary>
        private static readonly string[] Symbols = BuildSymbols();

        private static string[] BuildSymbols()
        {
            var symbols = new string[0x80];
            for (int c = 0; c < symbols.Length; c++)
            {
                symbols[c] = ((char)c).ToString();
            }

            return symbols;
        }

        private static List<Token> Tokenize(string sql)
        {
            var tokens = new List<Token>(Math.Min(MaxTokens, (sql.Length / 4) + 4));
            int i = 0;
            while (i < sql.Length && tokens.Count < MaxTokens)
            {
                char c = sql[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                {
                    while (i < sql.Length && sql[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                {
                    int close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? sql.Length : close + 2;
                }
                else if (c == '\'')
                {
                    int j = i + 1;
                    while (j < sql.Length && !(sql[j] == '\'' && (j + 1 >= sql.Length || sql[j + 1] != '\'')))
                    {
                        j += sql[j] == '\'' ? 2 : 1;
                    }

                    j = Math.Min(j + 1, sql.Length);
                    tokens.Add(new Token(Kind.Literal, sql.Substring(i, j - i), sql.Substring(i, j - i), i, j - i));
                    i = j;
                }
                else if (c == '[' || c == '"' || c == '`')
                {
                    char end = c == '[' ? ']' : c;
                    int close = sql.IndexOf(end, i + 1);
                    int j = close < 0 ? sql.Length : close + 1;
                    string inner = sql.Substring(i + 1, Math.Max(0, (close < 0 ? sql.Length : close) - i - 1));
                    tokens.Add(new Token(Kind.Quoted, sql.Substring(i, j - i), inner, i, j - i));
                    i = j;
                }
                else if (char.IsLetterOrDigit(c) || c == '_' || c == '@' || c == '#' || c == '$')
                {
                    int j = i + 1;
                    while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_' || sql[j] == '@' || sql[j] == '#' || sql[j] == '$'))
                    {
                        j++;
                    }

                    string word = sql.Substring(i, j - i);
                    tokens.Add(new Token(Kind.Word, word, word, i, j - i));
                    i = j;
                }
                else
                {
                    string symbol = c < Symbols.Length ? Symbols[c] : c.ToString();
                    tokens.Add(new Token(Kind.Symbol, symbol, symbol, i, 1));
                    i++;
                }
            }

            return tokens;
        }

        private readonly struct Token
        {
            public Token(Kind kind, string text, string value, int start, int length)
            {
                Kind = kind;
                Text = text;
                Value = value;
                Start = start;
                Length = length;
            }

            public Kind Kind { get; }

            /// <summary>As written, quotes included.</summary>
            public string Text { get; }

            /// <summary>Without quotes.</summary>
            public string Value { get; }

            public int Start { get; }

            public int Length { get; }

            public bool Is(string symbol) => Kind == Kind.Symbol && Text == symbol;

            public bool IsWord(string word) => Kind == Kind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
        }

        private sealed class PerText
        {
            public List<SqlName>? Reads;
            public List<SqlCreatedTable>? Created;
        }
    }
}
