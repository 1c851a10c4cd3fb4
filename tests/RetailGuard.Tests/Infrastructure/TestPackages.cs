using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>
    /// The real packages test compilations reference, resolved by the test framework from the NuGet package cache
    /// (the test project's PackageDownload items put every one of them there). All sets are resolved once, one after
    /// the other, the first time any is used.
    /// </summary>
    public static class TestPackages
    {
        public const string EfCoreVersion = "8.0.30";
        public const string DapperVersion = "2.1.66";
        public const string SqliteVersion = "8.0.30";
        public const string CsvHelperVersion = "33.1.0";

        static TestPackages()
        {
            Build();
            foreach (var set in new[] { Net80WithDataPackages, Net100WithEfCore10, WithExportLibraries, WithMappers })
            {
                set.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        private static void Build()
        {
            // Every package of the graph is named: the resolver otherwise takes a newer EF Core it finds in the machine's
            // package cache (the samples use EF Core 10), whose assemblies do not target .NET 8.
            Net80WithDataPackages = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
                new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", EfCoreVersion),
                new PackageIdentity("Microsoft.EntityFrameworkCore", EfCoreVersion),
                new PackageIdentity("Microsoft.EntityFrameworkCore.Abstractions", EfCoreVersion),
                new PackageIdentity("Microsoft.EntityFrameworkCore.Analyzers", EfCoreVersion),
                new PackageIdentity("Microsoft.Extensions.Caching.Abstractions", "8.0.0"),
                new PackageIdentity("Microsoft.Extensions.Caching.Memory", "8.0.1"),
                new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "8.0.0"),
                new PackageIdentity("Microsoft.Extensions.DependencyInjection", "8.0.1"),
                new PackageIdentity("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.2"),
                new PackageIdentity("Microsoft.Extensions.Logging", "8.0.1"),
                new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "8.0.2"),
                new PackageIdentity("Microsoft.Extensions.Options", "8.0.2"),
                new PackageIdentity("Microsoft.Extensions.Primitives", "8.0.0"),
                new PackageIdentity("Microsoft.Data.Sqlite.Core", SqliteVersion),
                new PackageIdentity("Dapper", DapperVersion),
                new PackageIdentity("CsvHelper", CsvHelperVersion)));

            WithMappers = Net80WithDataPackages.AddPackages(ImmutableArray.Create(new PackageIdentity("AutoMapper", "14.0.0")));

            Net100WithEfCore10 = new ReferenceAssemblies(
                    "net10.0",
                    new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.15"),
                    Path.Combine("ref", "net10.0"))
                .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "10.0.15")));

            // ClosedXML's oldest dependencies are not all served: the versions that are, named explicitly.
            WithExportLibraries = Net80WithDataPackages.AddPackages(ImmutableArray.Create(
                new PackageIdentity("ClosedXML", "0.95.4"),
                new PackageIdentity("DocumentFormat.OpenXml", "2.20.0"),
                new PackageIdentity("ExcelNumberFormat", "1.2.0"),
                new PackageIdentity("System.IO.Packaging", "8.0.1"),
                new PackageIdentity("System.Drawing.Common", "6.0.0"),
                new PackageIdentity("Microsoft.Win32.SystemEvents", "6.0.0"),
                new PackageIdentity("Microsoft.CSharp", "4.7.0"),
                new PackageIdentity("System.Data.SqlClient", "4.9.1")));
        }

        public static ReferenceAssemblies Net80WithDataPackages { get; private set; } = null!;

        /// <summary>With AutoMapper, for the export analysis of object mappers.</summary>
        public static ReferenceAssemblies WithMappers { get; private set; } = null!;

        /// <summary>.NET 10 with EF Core 10, for the EF Core 10 named query filters.</summary>
        public static ReferenceAssemblies Net100WithEfCore10 { get; private set; } = null!;

        /// <summary>The other export and bulk-copy libraries, only for the tests of those sinks.</summary>
        public static ReferenceAssemblies WithExportLibraries { get; private set; } = null!;
    }
}
