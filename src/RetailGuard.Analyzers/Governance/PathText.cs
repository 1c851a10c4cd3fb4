using System;
using System.Collections.Generic;

namespace RetailGuard.Governance
{
    /// <summary>File paths as governance files write them: relative, with '/', the same on every operating system.</summary>
    internal static class PathText
    {
        /// <summary>'\' becomes '/', a leading "./" and doubled separators go.</summary>
        public static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            while (p.StartsWith("./", StringComparison.Ordinal))
            {
                p = p.Substring(2);
            }

            while (p.Contains("//"))
            {
                p = p.Replace("//", "/");
            }

            return p;
        }

        /// <summary>
        /// <paramref name="path"/> relative to <paramref name="folder"/>, with '/' ("Data/Repo.cs", "../Shared/Keys.cs"); segments compare
        /// ignoring case. Null when the two have no common root (another drive).
        /// </summary>
        public static string? Relative(string folder, string path)
        {
            var from = Segments(folder);
            var to = Segments(path);
            int common = 0;
            while (common < from.Count && common < to.Count && string.Equals(from[common], to[common], StringComparison.OrdinalIgnoreCase))
            {
                common++;
            }

            if (common == 0 && (HasDrive(folder) || HasDrive(path)))
            {
                return null;
            }

            var parts = new List<string>();
            for (int i = common; i < from.Count; i++)
            {
                parts.Add("..");
            }

            for (int i = common; i < to.Count; i++)
            {
                parts.Add(to[i]);
            }

            return string.Join("/", parts);
        }

        private static List<string> Segments(string path)
        {
            var result = new List<string>();
            foreach (var part in Normalize(path).Split('/'))
            {
                if (part.Length == 0 || part == ".")
                {
                    continue;
                }

                if (part == ".." && result.Count > 0 && result[result.Count - 1] != "..")
                {
                    result.RemoveAt(result.Count - 1);
                    continue;
                }

                result.Add(part);
            }

            return result;
        }

        private static bool HasDrive(string path) => path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]);
    }
}
