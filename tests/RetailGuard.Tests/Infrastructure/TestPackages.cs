using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis.Testing;

namespace RetailGuard.Tests.Infrastructure
{
    /// <summary>The real packages every test compilation references, resolved from NuGet by the test framework.</summary>
    public static class TestPackages
    {
        public const string EfCoreVersion = "8.0.30";
        public const string DapperVersion = "2.1.66";
        public const string SqliteVersion = "8.0.30";
        public const string CsvHelperVersion = "33.1.0";

        public static ReferenceAssemblies Net80WithDataPackages { get; } = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", EfCoreVersion),
            new PackageIdentity("Microsoft.Data.Sqlite.Core", SqliteVersion),
            new PackageIdentity("Dapper", DapperVersion),
            new PackageIdentity("CsvHelper", CsvHelperVersion)));

        /// <summary>.NET 10 with EF Core 10, for the EF Core 10 named query filters.</summary>
        public static ReferenceAssemblies Net100WithEfCore10 { get; } = new ReferenceAssemblies(
                "net10.0",
                new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.15"),
                Path.Combine("ref", "net10.0"))
            .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "10.0.15")));
    }
}

namespace RetailGuard.Tests.Infrastructure
{
    using System.Collections.Immutable;
    using Microsoft.CodeAnalysis.Testing;

    /// <summary>The other export and bulk-copy libraries, only for the tests of those sinks.</summary>
    public static class ExportPackages
    {
        public static ReferenceAssemblies WithExportLibraries { get; } = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", TestPackages.EfCoreVersion),
            new PackageIdentity("ClosedXML", "0.95.4"),
            new PackageIdentity("DocumentFormat.OpenXml", "2.20.0"),
            new PackageIdentity("ExcelNumberFormat", "1.2.0"),
            new PackageIdentity("System.IO.Packaging", "8.0.1"),
            new PackageIdentity("System.Drawing.Common", "6.0.0"),
            new PackageIdentity("Microsoft.Win32.SystemEvents", "6.0.0"),
            new PackageIdentity("Microsoft.CSharp", "4.7.0"),
            new PackageIdentity("System.Data.SqlClient", "4.9.1")));
    }
}
