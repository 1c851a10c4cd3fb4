using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Diagnostics;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Meta
{
    /// <summary>One theory over every descriptor, analyzer and fixer, so a new rule cannot ship half done.</summary>
    public class RuleCatalogTests
    {
        public static IEnumerable<object[]> AllDescriptors => Descriptors.All.Select(d => new object[] { d.Id });

        private static readonly Assembly AnalyzerAssembly = typeof(Descriptors).Assembly;
        private static readonly Assembly FixAssembly = typeof(RetailGuard.CodeFixes.AddRetailerFilterCodeFix).Assembly;

        private static DiagnosticDescriptor Get(string id) => Descriptors.All.Single(d => d.Id == id);

        private static IEnumerable<DiagnosticAnalyzer> Analyzers() => AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

        [Fact]
        public void Ids_AreUnique() => Assert.Equal(Descriptors.All.Length, Descriptors.All.Select(d => d.Id).Distinct().Count());

        [Theory]
        [MemberData(nameof(AllDescriptors))]
        public void HelpLink_PointsToAnExistingDoc(string id)
        {
            var descriptor = Get(id);
            Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
            string doc = Path.Combine(AppContext.BaseDirectory, "docs", id + ".md");
            Assert.True(File.Exists(doc), "missing docs/rules/" + id + ".md");
            Assert.StartsWith("# " + id + ":", File.ReadAllText(doc));
        }

        [Theory]
        [MemberData(nameof(AllDescriptors))]
        public void IsTrackedInAnalyzerReleases(string id)
        {
            var descriptor = Get(id);
            string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "releases", "AnalyzerReleases.Unshipped.md")) +
                          File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "releases", "AnalyzerReleases.Shipped.md"));
            // Release tracking writes "Disabled" for a rule that is off by default (RG0001, the inventory).
            string severity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
            Assert.Contains($"{id} | {descriptor.Category} | {severity} |", text);
        }

        [Theory]
        [MemberData(nameof(AllDescriptors))]
        public void HasATestClass(string id) =>
            Assert.Contains(typeof(RuleCatalogTests).Assembly.GetTypes(), t => t.Name.StartsWith(id + "_", StringComparison.Ordinal));

        [Theory]
        [MemberData(nameof(AllDescriptors))]
        public void IsSupportedByAnAnalyzer(string id) =>
            Assert.Contains(Analyzers(), a => a.SupportedDiagnostics.Any(d => d.Id == id));

        [Fact]
        public void EverySupportedDescriptor_IsTheCatalogInstance() =>
            Assert.All(Analyzers().SelectMany(a => a.SupportedDiagnostics), d => Assert.Same(Get(d.Id), d));

        [Theory]
        [MemberData(nameof(AllDescriptors))]
        public void HasEnglishAndJapaneseTexts(string id)
        {
            var descriptor = Get(id);
            foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("ja-JP") })
            {
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(culture)));
                Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(culture)));
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(culture)));
            }

            Assert.NotEqual(descriptor.Title.ToString(CultureInfo.InvariantCulture), descriptor.Title.ToString(new CultureInfo("ja-JP")));
        }

        [Fact]
        public void EveryFixableId_IsAKnownId()
        {
            var fixers = FixAssembly.GetTypes().Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToList();
            Assert.NotEmpty(fixers);
            foreach (var fixer in fixers)
            {
                var instance = (CodeFixProvider)Activator.CreateInstance(fixer)!;
                Assert.All(instance.FixableDiagnosticIds, id => Assert.Contains(Descriptors.All, d => d.Id == id));
                Assert.NotNull(instance.GetFixAllProvider());
            }
        }

        [Fact]
        public async Task QueryAnalyzer_RunsOnEmptySource() => await Verify<RetailGuard.Rules.QueryReadAnalyzer>.Analyzer(string.Empty);

        [Fact]
        public async Task SqlAnalyzer_RunsOnEmptySource() => await Verify<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(string.Empty);

        [Fact]
        public async Task PolicyAnalyzer_RunsOnEmptySource() => await Verify<RetailGuard.Rules.PolicyAnalyzer>.Analyzer(string.Empty);
    }
}

namespace RetailGuard.Tests.Meta
{
    using System.Globalization;
    using RetailGuard.Diagnostics;
    using Xunit;

    public class LocalizationTests
    {
        [Fact]
        public void PhrasesInsideMessages_FollowTheUiCulture()
        {
            var saved = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
                Assert.Contains("パラメータ", Descriptors.Phrase("TextParameter", "sql"));
                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
                Assert.Equal("it comes from the parameter 'sql'", Descriptors.Phrase("TextParameter", "sql"));
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }
    }
}

namespace RetailGuard.Tests.Meta
{
    using System.Linq;
    using Xunit;

    /// <summary>The analyzer must load in every supported host: it may depend only on what hosts provide, and on what the package bundles.</summary>
    public class LoadabilityTests
    {
        [Fact]
        public void AnalyzerAssembly_ReferencesOnlyHostAssembliesAndTheBundledParser()
        {
            // Roslyn itself depends on System.Collections.Immutable and System.Memory, so every host has them.
            var allowed = new[]
            {
                "netstandard", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "System.Collections.Immutable", "System.Memory",
                "Microsoft.SqlServer.TransactSql.ScriptDom",
            };
            var references = typeof(RetailGuard.Diagnostics.RuleIds).Assembly.GetReferencedAssemblies();
            Assert.All(references, r => Assert.Contains(r.Name, allowed));
            var roslyn = references.Single(r => r.Name == "Microsoft.CodeAnalysis");
            Assert.True(roslyn.Version <= new System.Version(4, 8, 0, 0), "compiled against Roslyn " + roslyn.Version + "; hosts from VS 2022 17.8 need 4.8.0 or older");
        }

        [Fact]
        public void CodeFixAssembly_DoesNotBringItsOwnRoslyn()
        {
            var references = typeof(RetailGuard.CodeFixes.AddRetailerFilterCodeFix).Assembly.GetReferencedAssemblies();
            Assert.All(references.Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", System.StringComparison.Ordinal)),
                r => Assert.True(r.Version <= new System.Version(4, 8, 0, 0), r.FullName));
        }
    }
}

namespace RetailGuard.Tests.Meta
{
    using System;
    using System.IO;
    using System.Linq;
    using System.Xml.Linq;
    using RetailGuard.Tests.Infrastructure;
    using Xunit;

    public class TestPackageTests
    {
        /// <summary>Every package a test compilation names is restored up front (PackageDownload), so a cold machine passes too.</summary>
        [Fact]
        public void EveryTestPackage_IsRestoredByPackageDownload()
        {
            string project = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "RetailGuard.Tests.csproj");
            var downloads = XDocument.Load(project).Descendants("PackageDownload")
                .SelectMany(d => d.Attribute("Version")!.Value.Split(';').Select(v => (Id: d.Attribute("Include")!.Value, Version: v.Trim('[', ']'))))
                .ToHashSet();
            foreach (var set in new[] { TestPackages.Net80WithDataPackages, TestPackages.Net100WithEfCore10, TestPackages.WithExportLibraries })
            {
                var named = set.Packages.Select(p => (p.Id, p.Version)).Append((set.ReferenceAssemblyPackage!.Id, set.ReferenceAssemblyPackage.Version));
                Assert.All(named, p => Assert.Contains(p, downloads));
            }
        }
    }
}
