using System;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard
{
    /// <summary>Searches of a whole source text without a syntax walk: chunks of the text are copied into one buffer and read once.</summary>
    internal static class TextScan
    {
        private const int Chunk = 4096;

        /// <summary>One buffer per thread, reused: a new one per text would allocate about as much as the texts searched.</summary>
        [ThreadStatic]
        private static char[]? _buffer;

        /// <summary>
        /// False only when no identifier of <paramref name="text"/> can hold <paramref name="word"/>: the text does not contain
        /// it (ordinal comparison), has no Unicode escape (<c>\u0041</c>, <c>\U00000041</c>), with which C# can spell any letter of
        /// an identifier, and no formatting character (Unicode category Cf, such as a soft hyphen), which C# drops from an
        /// identifier's name. True otherwise, including for a word met only in a comment or a string.
        /// </summary>
        /// <param name="word">An ASCII word, 1 to 4,096 characters long.</param>
        /// <remarks>Allocates nothing once the calling thread has searched a text. Source: C# specification, §6.4.3 Identifiers.</remarks>
        public static bool MayContainIdentifier(SourceText text, string word)
        {
            int total = text.Length;
            // At least one character is carried, for an escape whose backslash ends a chunk.
            int overlap = Math.Max(word.Length - 1, 1);
            var buffer = _buffer != null && _buffer.Length >= Chunk + overlap ? _buffer : _buffer = new char[Chunk + overlap];
            int carried = 0;
            for (int start = 0; start < total; start += Chunk)
            {
                int count = Math.Min(Chunk, total - start);
                text.CopyTo(start, buffer, carried, count);
                int length = carried + count;
                if (Contains(buffer, length, word))
                {
                    return true;
                }

                // The last characters go before the next chunk, so that a word (or an escape) split between two is found.
                carried = Math.Min(overlap, length);
                Array.Copy(buffer, length - carried, buffer, 0, carried);
            }

            return false;
        }

        private static bool HasFormattingCharacter(ReadOnlySpan<char> span)
        {
            // Four characters at a time: any of them at or above U+0080 sets a bit of the mask.
            var blocks = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(span);
            for (int i = 0; i < blocks.Length; i++)
            {
                if ((blocks[i] & 0xFF80_FF80_FF80_FF80UL) != 0 && HasFormattingCharacterIn(span.Slice(i * 4, 4)))
                {
                    return true;
                }
            }

            return HasFormattingCharacterIn(span.Slice(blocks.Length * 4));
        }

        private static bool HasFormattingCharacterIn(ReadOnlySpan<char> span)
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = span[i];
                if (c >= 0x80 && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Contains(char[] buffer, int length, string word)
        {
            // Vectorised searches: the word, then each backslash (rare in code) for an escape; formatting characters are
            // looked for among the characters outside ASCII only.
            var span = new ReadOnlySpan<char>(buffer, 0, length);
            if (span.IndexOf(word.AsSpan()) >= 0 || HasFormattingCharacter(span))
            {
                return true;
            }

            for (int at = 0; at < length;)
            {
                int backslash = span.Slice(at).IndexOf('\\');
                if (backslash < 0)
                {
                    return false;
                }

                at += backslash + 1;
                if (at < length && (span[at] == 'u' || span[at] == 'U'))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
