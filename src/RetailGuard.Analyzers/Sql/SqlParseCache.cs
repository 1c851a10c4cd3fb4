using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using RetailGuard.Governance;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RetailGuard.Sql
{
    /// <summary>
    /// What parsing one SQL text gives, before any policy or parameter binding is applied: the normalized text and its
    /// syntax tree, or the reason it was not parsed (too long, too deep, does not parse) with the offset in the original
    /// text (−1: the whole text). Never changed once made, so every sink running the same text shares it.
    /// </summary>
    internal sealed class ParsedSql
    {
        public ParsedSql(NormalizedSql? normalized, TSqlFragment? fragment, string? error, int errorOffset)
        {
            Normalized = normalized;
            Fragment = fragment;
            Error = error;
            ErrorOffset = errorOffset;
        }

        public NormalizedSql? Normalized { get; }

        /// <summary>The parsed text; null when <see cref="Error"/> says why not.</summary>
        public TSqlFragment? Fragment { get; }

        public string? Error { get; }

        public int ErrorOffset { get; }
    }

    /// <summary>
    /// Parses of SQL texts keyed by text, dialect and placeholder style (and the look-alike tables each text reads), for one compilation (a <see cref="SqlCatalog"/>
    /// holds it). Bounded: at most <see cref="MaxEntries"/> texts and <see cref="MaxCharacters"/> characters of text are
    /// kept; beyond that texts are parsed each time they are met, as they would be without the cache.
    /// </summary>
    internal sealed class SqlParseCache
    {
        public const int MaxEntries = 4096;
        public const int MaxCharacters = 4 * 1024 * 1024;

        private readonly ConcurrentDictionary<(string Text, string Dialect, bool EfPlaceholders), ParsedSql> _parses =
            new ConcurrentDictionary<(string, string, bool), ParsedSql>();

        private readonly ConcurrentDictionary<string, List<TableLookalike>> _lookalikes = new ConcurrentDictionary<string, List<TableLookalike>>();

        private int _characters;

        // Entries kept, counted as they are added: ConcurrentDictionary.Count takes every lock of the dictionary, and the
        // bound is checked at every new text while other threads add theirs.
        private int _parseCount;
        private int _lookalikeCount;

        /// <summary>Texts kept so far (for tests and measurements).</summary>
        public int Count => Volatile.Read(ref _parseCount);

        public ParsedSql? TryGet(string text, string dialect, bool efPlaceholders) =>
            _parses.TryGetValue((text, dialect, efPlaceholders), out var parsed) ? parsed : null;

        public List<TableLookalike>? TryGetLookalikes(string text) => _lookalikes.TryGetValue(text, out var found) ? found : null;

        /// <summary>Keeps the look-alikes of <paramref name="text"/> while the bounds allow; returns the list to use.</summary>
        public List<TableLookalike> AddLookalikes(string text, List<TableLookalike> found)
        {
            if (Volatile.Read(ref _lookalikeCount) >= MaxEntries || Volatile.Read(ref _characters) + text.Length > MaxCharacters)
            {
                return found;
            }

            var kept = _lookalikes.GetOrAdd(text, found);
            if (ReferenceEquals(kept, found))
            {
                Interlocked.Increment(ref _lookalikeCount);
                Interlocked.Add(ref _characters, text.Length);
            }

            return kept;
        }

        /// <summary>Keeps <paramref name="parsed"/> while the bounds allow; returns the parse to use (an earlier one for the same text wins).</summary>
        public ParsedSql Add(string text, string dialect, bool efPlaceholders, ParsedSql parsed)
        {
            if (Volatile.Read(ref _parseCount) >= MaxEntries || Volatile.Read(ref _characters) + text.Length > MaxCharacters)
            {
                return parsed;
            }

            var kept = _parses.GetOrAdd((text, dialect, efPlaceholders), parsed);
            if (ReferenceEquals(kept, parsed))
            {
                Interlocked.Increment(ref _parseCount);
                Interlocked.Add(ref _characters, text.Length);
            }

            return kept;
        }
    }
}
