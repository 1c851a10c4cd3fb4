using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RetailGuard.Sql
{
    /// <summary>
    /// Rewrites the constructs of other SQL dialects that the T-SQL parser does not know into T-SQL equivalents,
    /// remembering for every character where it came from so locations stay exact:
    /// <c>:name</c>, <c>$1</c> and <c>?</c> parameters, EF Core <c>{0}</c> placeholders, LIMIT/OFFSET, FETCH FIRST,
    /// RETURNING, <c>::type</c> casts, ILIKE, backtick identifiers, and PostgreSQL's <c>= ANY(array)</c> / <c>&lt;&gt; ALL(array)</c>
    /// as <c>IN (array)</c> / <c>NOT IN (array)</c>.
    /// </summary>
    internal sealed class NormalizedSql
    {
        private readonly int[] _map;
        private readonly HashSet<int>? _arrayLists;

        private NormalizedSql(string text, int[] map, HashSet<int>? arrayLists)
        {
            Text = text;
            _map = map;
            _arrayLists = arrayLists;
        }

        public string Text { get; }

        /// <summary>The offset in the original text of an offset in the normalized text.</summary>
        public int ToOriginal(int offset) => _map[Math.Max(0, Math.Min(offset, _map.Length - 1))];

        /// <summary>
        /// True when the IN list whose first value starts at <paramref name="valueOffset"/> (normalized) was written as
        /// <c>= ANY(array)</c>: its one value is a set of values, not one value.
        /// </summary>
        public bool IsArrayList(int valueOffset)
        {
            if (_arrayLists == null)
            {
                return false;
            }

            int k = Math.Min(valueOffset, Text.Length) - 1;
            while (k >= 0 && char.IsWhiteSpace(Text[k]))
            {
                k--;
            }

            return k >= 0 && Text[k] == '(' && _arrayLists.Contains(k);
        }

        public static NormalizedSql Normalize(string sql, string dialect, bool efPlaceholders)
        {
            var output = new StringBuilder(sql.Length + 16);
            var map = new List<int>(sql.Length + 16);
            bool tsql = dialect == "tsql";
            HashSet<int>? arrayLists = null;
            int positional = 0;
            int i = 0;

            void Emit(string text, int origin)
            {
                foreach (char ch in text)
                {
                    output.Append(ch);
                    map.Add(origin);
                }
            }

            void Blank(int from, int to)
            {
                for (int k = from; k < to; k++)
                {
                    output.Append(sql[k] == '\n' ? '\n' : ' ');
                    map.Add(k);
                }
            }

            while (i < sql.Length)
            {
                char c = sql[i];

                // Strings, quoted identifiers and comments are copied untouched.
                int skip = SkipOpaque(sql, i);
                if (skip > i)
                {
                    for (int k = i; k < skip; k++)
                    {
                        output.Append(sql[k]);
                        map.Add(k);
                    }

                    i = skip;
                    continue;
                }

                if (efPlaceholders && c == '{')
                {
                    int close = sql.IndexOf('}', i);
                    if (close > i && int.TryParse(sql.Substring(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                    {
                        Emit("@p" + n.ToString(CultureInfo.InvariantCulture), i);
                        i = close + 1;
                        continue;
                    }
                }

                if (!tsql)
                {
                    if ((c == '=' || c == '<' || c == '!') && ArrayComparison(sql, i, out int keyword, out int open, out bool negated))
                    {
                        // col = ANY(@codes) is col IN (@codes); col <> ALL(@codes) is col NOT IN (@codes).
                        Emit(negated ? " NOT IN " : " IN ", i);
                        Blank(keyword, open);
                        (arrayLists ??= new HashSet<int>()).Add(output.Length);
                        i = open;
                        continue;
                    }

                    if (c == '?')
                    {
                        Emit("@p" + (positional++).ToString(CultureInfo.InvariantCulture), i);
                        i++;
                        continue;
                    }

                    if (c == '$' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
                    {
                        // SQLite's $name parameters.
                        Emit("@", i);
                        i++;
                        continue;
                    }

                    if (c == ';')
                    {
                        // Other dialects have no batches: every statement stands alone, as T-SQL's GO makes it.
                        Emit(";", i);
                        Emit("\nGO\n", i);
                        i++;
                        continue;
                    }

                    if (c == '$' && i + 1 < sql.Length && char.IsDigit(sql[i + 1]))
                    {
                        int end = i + 1;
                        while (end < sql.Length && char.IsDigit(sql[end]))
                        {
                            end++;
                        }

                        Emit("@p", i);
                        for (int k = i + 1; k < end; k++)
                        {
                            output.Append(sql[k]);
                            map.Add(k);
                        }

                        i = end;
                        continue;
                    }

                    if (c == ':' && i + 1 < sql.Length && sql[i + 1] == ':')
                    {
                        // A PostgreSQL cast: blank it with its type name.
                        int end = i + 2;
                        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
                        {
                            end++;
                        }

                        Blank(i, end);
                        i = end;
                        continue;
                    }

                    if (c == ':' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_') && (i == 0 || !char.IsLetterOrDigit(sql[i - 1])))
                    {
                        Emit("@", i);
                        i++;
                        continue;
                    }

                    if (c == '`')
                    {
                        int close = sql.IndexOf('`', i + 1);
                        if (close > i)
                        {
                            Emit("[", i);
                            for (int k = i + 1; k < close; k++)
                            {
                                output.Append(sql[k]);
                                map.Add(k);
                            }

                            Emit("]", close);
                            i = close + 1;
                            continue;
                        }
                    }

                    if (IsWordAt(sql, i, "ILIKE"))
                    {
                        Emit(" LIKE", i);
                        i += 5;
                        continue;
                    }

                    if (IsWordAt(sql, i, "LIMIT") || (IsWordAt(sql, i, "OFFSET") && !FollowedByRows(sql, i + 6)))
                    {
                        int end = EndOfPagingClause(sql, i);
                        Blank(i, end);
                        i = end;
                        continue;
                    }

                    if (IsWordAt(sql, i, "FETCH") && NextWordIs(sql, i + 5, "FIRST"))
                    {
                        int only = IndexOfWord(sql, i, "ONLY");
                        int end = only < 0 ? i + 5 : only + 4;
                        Blank(i, end);
                        i = end;
                        continue;
                    }

                    if (IsWordAt(sql, i, "RETURNING"))
                    {
                        int end = sql.IndexOf(';', i);
                        end = end < 0 ? sql.Length : end;
                        Blank(i, end);
                        i = end;
                        continue;
                    }
                }

                output.Append(c);
                map.Add(i);
                i++;
            }

            map.Add(sql.Length);
            return new NormalizedSql(output.ToString(), map.ToArray(), arrayLists);
        }

        /// <summary>
        /// At '=', '&lt;&gt;' or '!=': the operator is followed by ANY / SOME (for '=') or ALL (for the others) and a
        /// parenthesized list that is not a subquery. <paramref name="keyword"/> is where the operator ends, <paramref name="open"/> the '('.
        /// </summary>
        private static bool ArrayComparison(string sql, int i, out int keyword, out int open, out bool negated)
        {
            open = -1;
            negated = sql[i] != '=';
            keyword = i + 1;
            if (negated)
            {
                if (i + 1 >= sql.Length || !((sql[i] == '<' && sql[i + 1] == '>') || (sql[i] == '!' && sql[i + 1] == '=')))
                {
                    return false;
                }

                keyword = i + 2;
            }
            else if (i > 0 && (sql[i - 1] == '<' || sql[i - 1] == '>' || sql[i - 1] == '!'))
            {
                return false;
            }

            int k = keyword;
            while (k < sql.Length && char.IsWhiteSpace(sql[k]))
            {
                k++;
            }

            bool word = negated ? IsWordAt(sql, k, "ALL") : (IsWordAt(sql, k, "ANY") || IsWordAt(sql, k, "SOME"));
            if (!word)
            {
                return false;
            }

            while (k < sql.Length && char.IsLetter(sql[k]))
            {
                k++;
            }

            while (k < sql.Length && char.IsWhiteSpace(sql[k]))
            {
                k++;
            }

            if (k >= sql.Length || sql[k] != '(')
            {
                return false;
            }

            int inside = k + 1;
            while (inside < sql.Length && char.IsWhiteSpace(sql[inside]))
            {
                inside++;
            }

            if (IsWordAt(sql, inside, "SELECT") || IsWordAt(sql, inside, "WITH") || IsWordAt(sql, inside, "VALUES"))
            {
                return false;
            }

            open = k;
            return true;
        }

        /// <summary>The end of a string literal, quoted identifier or comment starting at <paramref name="i"/>, or <paramref name="i"/>.</summary>
        internal static int SkipOpaque(string sql, int i)
        {
            char c = sql[i];
            if (c == '\'' || c == '"' || c == '[')
            {
                char close = c == '[' ? ']' : c;
                int k = i + 1;
                while (k < sql.Length)
                {
                    if (sql[k] == close)
                    {
                        if (k + 1 < sql.Length && sql[k + 1] == close)
                        {
                            k += 2;
                            continue;
                        }

                        return k + 1;
                    }

                    k++;
                }

                return sql.Length;
            }

            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                int end = sql.IndexOf('\n', i);
                return end < 0 ? sql.Length : end;
            }

            if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return end < 0 ? sql.Length : end + 2;
            }

            return i;
        }

        private static bool IsWordAt(string sql, int i, string word)
        {
            if (i + word.Length > sql.Length || string.Compare(sql, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return false;
            }

            bool before = i == 0 || !(char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] == '_' || sql[i - 1] == '@');
            bool after = i + word.Length == sql.Length || !(char.IsLetterOrDigit(sql[i + word.Length]) || sql[i + word.Length] == '_');
            return before && after;
        }

        private static bool NextWordIs(string sql, int i, string word)
        {
            while (i < sql.Length && char.IsWhiteSpace(sql[i]))
            {
                i++;
            }

            return IsWordAt(sql, i, word);
        }

        /// <summary>OFFSET n ROWS is T-SQL already: leave it.</summary>
        private static bool FollowedByRows(string sql, int afterKeyword)
        {
            int k = SkipValue(sql, afterKeyword);
            return k > afterKeyword && (NextWordIs(sql, k, "ROWS") || NextWordIs(sql, k, "ROW"));
        }

        private static int IndexOfWord(string sql, int from, string word)
        {
            for (int k = from; k < sql.Length; k++)
            {
                if (IsWordAt(sql, k, word))
                {
                    return k;
                }
            }

            return -1;
        }

        /// <summary>LIMIT n [, m] [OFFSET k], or OFFSET k: the keyword and its operands.</summary>
        private static int EndOfPagingClause(string sql, int i)
        {
            int k = i;
            while (k < sql.Length && char.IsLetter(sql[k]))
            {
                k++;
            }

            while (true)
            {
                int value = SkipValue(sql, k);
                if (value == k)
                {
                    return k;
                }

                k = value;
                int next = k;
                while (next < sql.Length && char.IsWhiteSpace(sql[next]))
                {
                    next++;
                }

                if (next < sql.Length && sql[next] == ',')
                {
                    k = next + 1;
                }
                else if (IsWordAt(sql, next, "OFFSET"))
                {
                    k = next + 6;
                }
                else
                {
                    return k;
                }
            }
        }

        /// <summary>Skips white space and one paging operand (a number, a parameter or ALL); returns the start when there is none.</summary>
        private static int SkipValue(string sql, int start)
        {
            int k = start;
            while (k < sql.Length && char.IsWhiteSpace(sql[k]))
            {
                k++;
            }

            int begin = k;
            while (k < sql.Length && (char.IsLetterOrDigit(sql[k]) || sql[k] == '@' || sql[k] == ':' || sql[k] == '?' || sql[k] == '$' || sql[k] == '_'))
            {
                k++;
            }

            if (k == begin)
            {
                return start;
            }

            string token = sql.Substring(begin, k - begin);
            bool isValue = char.IsDigit(token[0]) || token[0] == '@' || token[0] == ':' || token[0] == '?' || token[0] == '$' ||
                           string.Equals(token, "ALL", StringComparison.OrdinalIgnoreCase);
            return isValue ? k : start;
        }
    }
}
