using System;
using System.Collections.Generic;
using System.IO;

namespace RetailGuard.Conformance
{
    /// <summary>
    /// KnownGaps.txt: the shapes on which RetailGuard currently disagrees with the runtime, one a line:
    /// <c>ShapeName  reason</c>. Blank lines and lines starting with <c>#</c> are comments. The suite asserts that
    /// each listed disagreement still exists, so a fix must remove its line, and a new disagreement fails.
    /// </summary>
    internal static class KnownGaps
    {
        private static readonly Lazy<IReadOnlyList<(string Shape, string Reason, int Line)>> Entries = new Lazy<IReadOnlyList<(string, string, int)>>(Load);

        public static string FilePath => Path.Combine(ShapeCatalogue.RepositoryRoot(), "tests", "RetailGuard.Conformance", "KnownGaps.txt");

        public static IReadOnlyList<(string Shape, string Reason, int Line)> All => Entries.Value;

        public static string? ReasonFor(string shape)
        {
            foreach (var entry in All)
            {
                if (entry.Shape == shape)
                {
                    return entry.Reason;
                }
            }

            return null;
        }

        private static IReadOnlyList<(string, string, int)> Load()
        {
            var entries = new List<(string, string, int)>();
            string[] lines = File.ReadAllLines(FilePath);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                int space = line.IndexOfAny(new[] { ' ', '\t' });
                entries.Add(space < 0 ? (line, string.Empty, i + 1) : (line.Substring(0, space), line.Substring(space).Trim(), i + 1));
            }

            return entries;
        }
    }
}
