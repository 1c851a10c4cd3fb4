using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RetailGuard.CompileCost.Measurement
{
    /// <summary>The assemblies a measured compilation references.</summary>
    internal static class References
    {
        /// <summary>Packages the generated system uses (by assembly name prefix); everything else of this tool stays out.</summary>
        private static readonly string[] DataAccessPackages =
        {
            "Microsoft.EntityFrameworkCore", "Microsoft.Extensions.", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient", "SQLitePCLRaw",
            "Dapper", "CsvHelper",
        };

        private static List<MetadataReference>? _generated;

        /// <summary>
        /// The .NET runtime's assemblies and the real EF Core, Dapper, Microsoft.Data.Sqlite, Microsoft.Data.SqlClient and
        /// CsvHelper assemblies this tool was restored with, read once (the metadata is shared by every compilation, as in
        /// the compiler server).
        /// </summary>
        public static List<MetadataReference> ForGeneratedSystem()
        {
            if (_generated != null)
            {
                return _generated;
            }

            var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(p => string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal) ||
                            DataAccessPackages.Any(prefix => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal)))
                .OrderBy(p => p, StringComparer.Ordinal);
            _generated = paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            return _generated;
        }

        /// <summary>Every .dll of a folder, or every path listed (one a line) in a text file.</summary>
        public static List<MetadataReference> From(string folderOrList)
        {
            IEnumerable<string> paths = Directory.Exists(folderOrList)
                ? Directory.EnumerateFiles(folderOrList, "*.dll", SearchOption.AllDirectories)
                : File.ReadAllLines(folderOrList).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
            return paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        }
    }
}
