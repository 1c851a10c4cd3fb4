using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Which trees of a compilation may contain a name: one pass over the source text of every tree (no syntax walk) records
    /// each word in a small Bloom filter per tree (1 KB), so looking for a name costs one bit test per tree; a tree may be
    /// reported that does not contain it, never the other way round. A tree that spells a word with a Unicode escape
    /// (<c>\u0041</c>) is a candidate for every name. Built once per compilation, on the first search that needs it; the
    /// filter of one text is kept as long as that text lives, so a compilation that shares a tree's text with an earlier one
    /// (an edit elsewhere in the IDE, a rebuild in the same compiler server) does not scan it again.
    /// </summary>
    internal sealed class NameFilter
    {
        private const int Bits = 8192;
        private const int FilterWords = Bits / 64;

        private static readonly ConditionalWeakTable<SourceText, Words> PerText = new ConditionalWeakTable<SourceText, Words>();

        private readonly ImmutableArray<SyntaxTree> _trees;
        private readonly ulong[][] _filters;
        private readonly bool[] _escapes;
        private readonly bool[] _implicitNew;

        private NameFilter(ImmutableArray<SyntaxTree> trees, ulong[][] filters, bool[] escapes, bool[] implicitNew)
        {
            _trees = trees;
            _filters = filters;
            _escapes = escapes;
            _implicitNew = implicitNew;
        }

        public static NameFilter Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var trees = compilation.SyntaxTrees.ToImmutableArray();
            var filters = new ulong[trees.Length][];
            var escapes = new bool[trees.Length];
            var implicitNew = new bool[trees.Length];
            var buffer = new char[8192];
            for (int i = 0; i < trees.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = trees[i].GetText(cancellationToken);
                if (!PerText.TryGetValue(text, out var words))
                {
                    var filter = new ulong[FilterWords];
                    Scan(text, buffer, filter, out bool escape, out bool implicitNewHere);
                    var scanned = new Words(filter, escape, implicitNewHere);
                    words = PerText.GetValue(text, _ => scanned);
                }

                filters[i] = words.Filter;
                escapes[i] = words.Escapes;
                implicitNew[i] = words.ImplicitNew;
            }

            return new NameFilter(trees, filters, escapes, implicitNew);
        }

        /// <summary>The trees that may contain <paramref name="word"/>.</summary>
        public ImmutableArray<SyntaxTree> TreesWith(string word)
        {
            uint hash = Hash(word, 0, word.Length);
            var builder = ImmutableArray.CreateBuilder<SyntaxTree>();
            for (int i = 0; i < _trees.Length; i++)
            {
                if (_escapes[i] || MayContain(_filters[i], hash))
                {
                    builder.Add(_trees[i]);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>The filter of the tree at <paramref name="index"/> (for tests: one text, one filter, whatever the compilation).</summary>
        internal ulong[] FilterOf(int index) => _filters[index];

        /// <summary>The trees that may hold a target-typed <c>new(…)</c>.</summary>
        public ImmutableArray<SyntaxTree> TreesWithImplicitNew()
        {
            var builder = ImmutableArray.CreateBuilder<SyntaxTree>();
            for (int i = 0; i < _trees.Length; i++)
            {
                if (_implicitNew[i] || _escapes[i])
                {
                    builder.Add(_trees[i]);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>What the scan of one text found.</summary>
        private sealed class Words
        {
            public Words(ulong[] filter, bool escapes, bool implicitNew)
            {
                Filter = filter;
                Escapes = escapes;
                ImplicitNew = implicitNew;
            }

            public ulong[] Filter { get; }

            public bool Escapes { get; }

            public bool ImplicitNew { get; }
        }

        private static bool MayContain(ulong[] filter, uint hash)
        {
            uint a = hash % Bits;
            uint b = (hash >> 13 | hash << 19) % Bits;
            return (filter[a >> 6] & (1UL << (int)(a & 63))) != 0 && (filter[b >> 6] & (1UL << (int)(b & 63))) != 0;
        }

        private static void Add(ulong[] filter, uint hash)
        {
            uint a = hash % Bits;
            uint b = (hash >> 13 | hash << 19) % Bits;
            filter[a >> 6] |= 1UL << (int)(a & 63);
            filter[b >> 6] |= 1UL << (int)(b & 63);
        }

        /// <summary>FNV-1a over the characters of a word.</summary>
        private static uint Hash(string text, int start, int length)
        {
            uint hash = 2166136261;
            for (int i = start; i < start + length; i++)
            {
                hash = (hash ^ text[i]) * 16777619;
            }

            return hash;
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>For each ASCII character: true for a letter, a digit or '_'.</summary>
        private static readonly bool[] AsciiWord = BuildAsciiWord();

        private static bool[] BuildAsciiWord()
        {
            var table = new bool[0x80];
            for (int c = 0; c < table.Length; c++)
            {
                table[c] = IsWordChar((char)c);
            }

            return table;
        }

        /// <summary>Keeps the first three characters of a word (to spot the keyword <c>new</c>).</summary>
        private static void Remember(char c, int length, ref char w1, ref char w2, ref char w3)
        {
            if (length == 0)
            {
                w1 = c;
            }
            else if (length == 1)
            {
                w2 = c;
            }
            else if (length == 2)
            {
                w3 = c;
            }
        }

        private static void Scan(SourceText text, char[] buffer, ulong[] filter, out bool escapes, out bool implicitNew)
        {
            escapes = false;
            implicitNew = false;
            uint hash = 2166136261;
            int length = 0;
            bool afterNew = false;
            bool previousBackslash = false;
            char w1 = '\0', w2 = '\0', w3 = '\0';
            int total = text.Length;
            for (int start = 0; start < total; start += buffer.Length)
            {
                int count = Math.Min(buffer.Length, total - start);
                text.CopyTo(start, buffer, 0, count);
                for (int i = 0; i < count; i++)
                {
                    char c = buffer[i];
                    if (previousBackslash && (c == 'u' || c == 'U'))
                    {
                        escapes = true;
                    }

                    previousBackslash = c == '\\';
                    if (c < 0x80)
                    {
                        // ASCII, most of any source text: no formatting characters, and a table decides word characters.
                        if (AsciiWord[c])
                        {
                            hash = (hash ^ c) * 16777619;
                            Remember(c, length, ref w1, ref w2, ref w3);
                            length++;
                            afterNew = false;
                            continue;
                        }
                    }
                    else if (length > 0 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                    {
                        // Formatting characters inside an identifier are not part of its name.
                        continue;
                    }
                    else if (IsWordChar(c))
                    {
                        hash = (hash ^ c) * 16777619;
                        Remember(c, length, ref w1, ref w2, ref w3);
                        length++;
                        afterNew = false;
                        continue;
                    }

                    if (length > 0)
                    {
                        Add(filter, hash);
                        afterNew = length == 3 && w1 == 'n' && w2 == 'e' && w3 == 'w';
                        hash = 2166136261;
                        length = 0;
                    }

                    if (afterNew)
                    {
                        if (c == '(')
                        {
                            implicitNew = true;
                            afterNew = false;
                        }
                        else if (!char.IsWhiteSpace(c))
                        {
                            afterNew = false;
                        }
                    }
                }
            }

            if (length > 0)
            {
                Add(filter, hash);
            }
        }
    }
}
