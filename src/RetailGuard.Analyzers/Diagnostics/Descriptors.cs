using System.Collections.Immutable;
using System.Resources;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Diagnostics
{
    /// <summary>The catalog of every RetailGuard descriptor. One factory sets the help link, category and severity.</summary>
    internal static class Descriptors
    {
        public const string HelpLinkBase = "https://github.com/retailguard/retailguard/blob/main/docs/rules/";
        public const string DataAccessCategory = "RetailGuard.DataAccess";
        public const string ExportCategory = "RetailGuard.Export";
        public const string ConfigurationCategory = "RetailGuard.Configuration";

        internal static readonly ResourceManager Resources = new ResourceManager("RetailGuard.Resources", typeof(Descriptors).Assembly);

        public static readonly DiagnosticDescriptor RG1001 = Create(RuleIds.UnfilteredRead, DataAccessCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG1002 = Create(RuleIds.MissingExclusion, DataAccessCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG1003 = Create(RuleIds.NotOwnRetailer, DataAccessCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG1004 = Create(RuleIds.FilteredAfterLoad, DataAccessCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG1005 = Create(RuleIds.QueryFilterBypassed, DataAccessCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG1006 = Create(RuleIds.RestrictedTableRead, DataAccessCategory, DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor RG1007 = Create(RuleIds.SqlUnverifiable, DataAccessCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RG2001 = Create(RuleIds.UnfilteredExport, ExportCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG2002 = Create(RuleIds.UnfilteredBulkExtraction, ExportCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG2003 = Create(RuleIds.WholeEntityExport, ExportCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RG9001 = Create(RuleIds.PolicyMissing, ConfigurationCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);
        public static readonly DiagnosticDescriptor RG9002 = Create(RuleIds.PolicyInvalid, ConfigurationCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG9003 = Create(RuleIds.PolicyStaleReference, ConfigurationCategory, DiagnosticSeverity.Warning);

        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            RG1001, RG1002, RG1003, RG1004, RG1005, RG1006, RG1007, RG2001, RG2002, RG2003, RG9001, RG9002, RG9003);

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        /// <summary>A localized phrase from the resources, formatted with the invariant culture.</summary>
        public static string Phrase(string name, params object[] args)
        {
            string format = Resources.GetString(name) ?? name;
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        }

        private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, params string[] extraTags)
        {
            var tags = ImmutableArray.CreateBuilder<string>();
            tags.Add("RetailGuard");
            tags.AddRange(extraTags);
            return new DiagnosticDescriptor(
                id,
                new LocalizableResourceString(id + "Title", Resources, typeof(Descriptors)),
                new LocalizableResourceString(id + "Message", Resources, typeof(Descriptors)),
                category,
                severity,
                isEnabledByDefault: true,
                description: new LocalizableResourceString(id + "Description", Resources, typeof(Descriptors)),
                helpLinkUri: HelpLink(id),
                customTags: tags.ToArray());
        }
    }
}
