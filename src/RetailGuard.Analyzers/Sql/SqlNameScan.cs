using System;
using System.Collections.Generic;
using RetailGuard.Policy;

namespace RetailGuard.Sql
{
    /// <summary>
    /// The names whose mention makes SQL text worth parsing, and the scan that looks for them without parsing: the last part
    /// of every protected and restricted table and sanctioned view of the policy, and every procedure, view and function the
    /// project's .sql files define. Built once per policy and catalog (that is, once per compilation).
    /// </summary>
    /// <remarks>
    /// Why skipping is sound: the checker matches a reference by its identifier's value (ScriptDom's <c>Identifier.Value</c>,
    /// quotes and escapes removed) against a name's last part, case-insensitively (<see cref="SqlChecker.Matches"/>). A
    /// name made only of letters, digits and underscores is written in the text as those same characters, bare or inside
    /// <c>[...]</c>, <c>"..."</c> or <c>`...`</c>, so it is a whole run of letters, digits and underscores there. The scan
    /// compares every such run with the names (the run is bounded by any other character, so <c>#customers</c> and
    /// <c>dbo.customers</c> give <c>customers</c>: more matches, never fewer). Names with any other character are looked for
    /// as plain substrings of the whole text. Only comments are passed over, and only where the text is T-SQL, whose lexer
    /// the checker uses: <c>--</c> to the end of the line and <c>/* … */</c> ending at the first <c>*/</c> (T-SQL nests
    /// block comments, so its comments are never shorter), outside string literals and quoted identifiers; an unterminated
    /// block comment is read as text. Words inside string literals are compared too (dynamic SQL; SQLite reads a quoted
    /// string as a table name). Other dialects are normalized before parsing, so their comments are read as text. PostgreSQL
    /// Unicode escapes (<c>U&amp;"..."</c>) can spell a name without its letters: text with one is always parsed.
    /// </remarks>
    internal sealed class SqlNameScan
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicyModel, SqlNameScan> WithoutCatalog =
            new System.Runtime.CompilerServices.ConditionalWeakTable<PolicyModel, SqlNameScan>();

        /// <summary>Upper-cased names made only of letters, digits and underscores, by hash.</summary>
        private readonly string[]?[] _buckets;

        /// <summary>Bit <c>n</c> set when some word name has <c>n</c> characters (bit 63: 63 or more).</summary>
        private readonly ulong _lengths;

        /// <summary>Names with other characters (a space, a dot inside brackets): looked for as substrings.</summary>
        private readonly List<string> _others = new List<string>();

        private readonly bool _tsql;

        private SqlNameScan(PolicyModel policy, IEnumerable<string> catalogNames)
        {
            Policy = policy;
            _tsql = policy.Document.SqlDialect == "tsql";
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in policy.ProtectedTables)
            {
                if (!t.Spec.Table.IsEmpty)
                {
                    Add(words, SqlChecker.LastPart(t.Spec.Table.Value));
                }

                foreach (var view in t.Spec.SanctionedViews)
                {
                    Add(words, SqlChecker.LastPart(view));
                }
            }

            foreach (var t in policy.RestrictedTables)
            {
                if (!t.Spec.Table.IsEmpty)
                {
                    Add(words, SqlChecker.LastPart(t.Spec.Table.Value));
                }
            }

            foreach (var name in catalogNames)
            {
                Add(words, name);
            }

            int size = 16;
            while (size < words.Count * 2)
            {
                size *= 2;
            }

            _buckets = new string[size][];
            foreach (var word in words)
            {
                int slot = Hash(word, 0, word.Length) & (size - 1);
                var bucket = _buckets[slot];
                if (bucket == null)
                {
                    _buckets[slot] = new[] { word };
                }
                else
                {
                    var grown = new string[bucket.Length + 1];
                    Array.Copy(bucket, grown, bucket.Length);
                    grown[bucket.Length] = word;
                    _buckets[slot] = grown;
                }

                _lengths |= LengthBit(word.Length);
            }
        }

        /// <summary>The policy the names come from.</summary>
        public PolicyModel Policy { get; }

        /// <summary>The scan for <paramref name="policy"/> with no .sql files.</summary>
        public static SqlNameScan For(PolicyModel policy) => WithoutCatalog.GetValue(policy, p => new SqlNameScan(p, Array.Empty<string>()));

        /// <summary>The scan for <paramref name="policy"/> and the objects a catalog defines (<see cref="SqlCatalog.NameScan"/> keeps one).</summary>
        public static SqlNameScan Create(PolicyModel policy, IEnumerable<string> catalogNames) => new SqlNameScan(policy, catalogNames);

        /// <summary>
        /// True when <paramref name="sql"/> may name a protected, restricted or sanctioned table or an object the project
        /// defines (see the remarks for why false is sound). O(length), no allocation.
        /// </summary>
        public bool MayName(string sql)
        {
            foreach (var other in _others)
            {
                if (sql.IndexOf(other, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            int n = sql.Length;
            int i = 0;
            while (i < n)
            {
                char c = sql[i];
                if (IsWordChar(c))
                {
                    int end = i + 1;
                    while (end < n && IsWordChar(sql[end]))
                    {
                        end++;
                    }

                    if (Contains(sql, i, end - i))
                    {
                        return true;
                    }

                    if (end < n - 1 && sql[end] == '&' && (sql[end + 1] == '"' || sql[end + 1] == '\'') && end - i == 1 && (c == 'U' || c == 'u'))
                    {
                        // U&"\0063ustomers": a PostgreSQL name spelled with escapes.
                        return true;
                    }

                    i = end;
                    continue;
                }

                if (_tsql)
                {
                    if (c == '\'' || c == '"' || c == '[')
                    {
                        // Literal or quoted identifier: its words are compared, its "--" and "/*" are not comments.
                        int close = NormalizedSql.SkipOpaque(sql, i);
                        if (ContainsWordIn(sql, i + 1, close))
                        {
                            return true;
                        }

                        i = close;
                        continue;
                    }

                    if (c == '-' && i + 1 < n && sql[i + 1] == '-')
                    {
                        int line = sql.IndexOf('\n', i);
                        i = line < 0 ? n : line;
                        continue;
                    }

                    if (c == '/' && i + 1 < n && sql[i + 1] == '*')
                    {
                        int stop = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        if (stop >= 0)
                        {
                            i = stop + 2;
                            continue;
                        }
                    }
                }

                i++;
            }

            return false;
        }

        /// <summary>True when a name is the text's <c>[start, start + length)</c>, case-insensitively.</summary>
        internal bool Contains(string text, int start, int length)
        {
            if ((_lengths & LengthBit(length)) == 0)
            {
                return false;
            }

            var bucket = _buckets[Hash(text, start, length) & (_buckets.Length - 1)];
            if (bucket == null)
            {
                return false;
            }

            foreach (var name in bucket)
            {
                if (name.Length == length && string.Compare(text, start, name, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private bool ContainsWordIn(string sql, int from, int to)
        {
            int i = from;
            while (i < to)
            {
                if (!IsWordChar(sql[i]))
                {
                    i++;
                    continue;
                }

                int end = i + 1;
                while (end < to && IsWordChar(sql[end]))
                {
                    end++;
                }

                if (Contains(sql, i, end - i))
                {
                    return true;
                }

                i = end;
            }

            return false;
        }

        private void Add(HashSet<string> words, string name)
        {
            name = name.Trim();
            if (name.Length == 0)
            {
                return;
            }

            foreach (char c in name)
            {
                if (!IsWordChar(c))
                {
                    if (!_others.Contains(name))
                    {
                        _others.Add(name);
                    }

                    return;
                }
            }

            words.Add(name.ToUpperInvariant());
        }

        private static bool IsWordChar(char c) => c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' : char.IsLetterOrDigit(c);

        private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

        private static int Hash(string text, int start, int length)
        {
            uint hash = 2166136261;
            for (int k = 0; k < length; k++)
            {
                hash = (hash ^ char.ToUpperInvariant(text[start + k])) * 16777619;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
