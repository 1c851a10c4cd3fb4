using System;

namespace RetailGuard.Policy
{
    /// <summary>How close two names are: the typo measure behind "did you mean" and the look-alike table check.</summary>
    internal static class NearNames
    {
        /// <summary>Names longer than this are compared only by their length difference (the distance needs length² work).</summary>
        private const int MaxCompared = 128;

        /// <summary>
        /// The optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), ignoring case:
        /// insertions, deletions, substitutions and swaps of two neighbouring letters each count 1.
        /// </summary>
        public static int Distance(string a, string b)
        {
            if (a.Length > MaxCompared || b.Length > MaxCompared)
            {
                return Math.Max(a.Length, b.Length);
            }

            var previous2 = new int[b.Length + 1];
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                char ca = char.ToLowerInvariant(a[i - 1]);
                for (int j = 1; j <= b.Length; j++)
                {
                    char cb = char.ToLowerInvariant(b[j - 1]);
                    int cost = ca == cb ? 0 : 1;
                    int best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && ca == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == cb)
                    {
                        best = Math.Min(best, previous2[j - 2] + 1);
                    }

                    current[j] = best;
                }

                var t = previous2;
                previous2 = previous;
                previous = current;
                current = t;
            }

            return previous[b.Length];
        }

        /// <summary>
        /// True when <paramref name="candidate"/> could be a typo of <paramref name="name"/> (or the other way round): equal but
        /// for case, or at most one edit for names up to 7 letters, two up to 12, three beyond. Names under 3 letters must be equal but for case.
        /// </summary>
        public static bool AreClose(string name, string candidate)
        {
            int length = Math.Min(name.Length, candidate.Length);
            if (length < 3)
            {
                return string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase);
            }

            int allowed = length <= 7 ? 1 : length <= 12 ? 2 : 3;
            return Math.Abs(name.Length - candidate.Length) <= allowed && Distance(name, candidate) <= allowed;
        }

        /// <summary>
        /// Whether <paramref name="candidate"/> is worth suggesting for the missing <paramref name="name"/>: close (<see cref="AreClose"/>),
        /// or one starts with the other (a name cut short or lengthened: "OwnContracts" for "OwnContractsOnly").
        /// </summary>
        public static bool IsSuggestion(string name, string candidate)
        {
            if (AreClose(name, candidate))
            {
                return true;
            }

            var (shorter, longer) = name.Length <= candidate.Length ? (name, candidate) : (candidate, name);
            return shorter.Length >= 4 && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase);
        }
    }
}
