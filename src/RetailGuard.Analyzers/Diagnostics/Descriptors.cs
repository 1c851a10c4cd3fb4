using System;
using System.Collections.Generic;
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
        public const string GovernanceCategory = "RetailGuard.Governance";
        public const string InventoryCategory = "RetailGuard.Inventory";

        internal static readonly ResourceManager Resources = new ResourceManager("RetailGuard.Resources", typeof(Descriptors).Assembly);

        // The inventory: hidden and off by default, so a normal build pays nothing for it (Rules/Inventory.cs).
        public static readonly DiagnosticDescriptor RG0001 = Create(
            RuleIds.CompliantSite, InventoryCategory, DiagnosticSeverity.Hidden, isEnabledByDefault: false);

        // Findings are warnings by default and errors through the package's build configuration
        // (build/RetailGuard.Analyzers.globalconfig): Roslyn lets a DiagnosticSuppressor suppress only diagnostics
        // whose default severity is not Error, and approvals and the baseline are suppressors.
        public static readonly DiagnosticDescriptor RG1001 = Create(RuleIds.UnfilteredRead, DataAccessCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG1002 = Create(RuleIds.MissingExclusion, DataAccessCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG1003 = Create(RuleIds.NotOwnRetailer, DataAccessCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG1004 = Create(RuleIds.FilteredAfterLoad, DataAccessCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG1005 = Create(RuleIds.QueryFilterBypassed, DataAccessCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG1006 = Create(RuleIds.RestrictedTableRead, DataAccessCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RG1007 = Create(RuleIds.SqlUnverifiable, DataAccessCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RG2001 = Create(RuleIds.UnfilteredExport, ExportCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG2002 = Create(RuleIds.UnfilteredBulkExtraction, ExportCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG2003 = Create(RuleIds.WholeEntityExport, ExportCategory, DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor RG9001 = Create(RuleIds.PolicyMissing, ConfigurationCategory, DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);
        public static readonly DiagnosticDescriptor RG9002 = Create(RuleIds.PolicyInvalid, ConfigurationCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG9003 = Create(RuleIds.PolicyStaleReference, ConfigurationCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG9004 = Create(RuleIds.ApprovalExpired, GovernanceCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG9005 = Create(RuleIds.ApprovalUnused, GovernanceCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);
        public static readonly DiagnosticDescriptor RG9006 = Create(RuleIds.BaselineEntryFixed, GovernanceCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.CompilationEnd);

        // The trace of local suppressions cannot itself be turned off locally: only the policy can (allowLocalSuppressions).
        public static readonly DiagnosticDescriptor RG9007 = Create(RuleIds.SuppressedInSource, GovernanceCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.NotConfigurable);
        public static readonly DiagnosticDescriptor RG9008 = Create(
            RuleIds.SeverityLowered, GovernanceCategory, DiagnosticSeverity.Warning, WellKnownDiagnosticTags.NotConfigurable, WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor RG9009 = Create(RuleIds.PolicyMissingType, ConfigurationCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG9010 = Create(RuleIds.PolicyCoverageGap, ConfigurationCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG9011 = Create(RuleIds.LookalikeTable, ConfigurationCategory, DiagnosticSeverity.Warning);
        public static readonly DiagnosticDescriptor RG9012 = Create(RuleIds.BaselineInvalid, GovernanceCategory, DiagnosticSeverity.Error);
        public static readonly DiagnosticDescriptor RG9013 = Create(RuleIds.UnknownApproval, GovernanceCategory, DiagnosticSeverity.Warning);

        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            RG0001, RG1001, RG1002, RG1003, RG1004, RG1005, RG1006, RG1007, RG2001, RG2002, RG2003,
            RG9001, RG9002, RG9003, RG9004, RG9005, RG9006, RG9007, RG9008, RG9009, RG9010, RG9011, RG9012, RG9013);

        /// <summary>
        /// The findings: rules about reads and exports of protected data. They carry their table (<see cref="DiagnosticProperties.Table"/>),
        /// and approvals and the baseline can suppress them.
        /// </summary>
        public static ImmutableArray<DiagnosticDescriptor> Findings { get; } = ImmutableArray.Create(
            RG1001, RG1002, RG1003, RG1004, RG1005, RG1006, RG1007, RG2001, RG2002, RG2003);

        /// <summary>
        /// The severity each rule that guards the data runs at once RetailGuard's build configuration is applied: the findings
        /// (errors through build/RetailGuard.Analyzers.globalconfig, RG1007 and RG2003 warnings) and the configuration errors
        /// that keep the guard on. Lowering any of them is reported (RG9008).
        /// </summary>
        public static ImmutableDictionary<string, DiagnosticSeverity> ShippedSeverities { get; } = new Dictionary<string, DiagnosticSeverity>
        {
            [RuleIds.UnfilteredRead] = DiagnosticSeverity.Error,
            [RuleIds.MissingExclusion] = DiagnosticSeverity.Error,
            [RuleIds.NotOwnRetailer] = DiagnosticSeverity.Error,
            [RuleIds.FilteredAfterLoad] = DiagnosticSeverity.Error,
            [RuleIds.QueryFilterBypassed] = DiagnosticSeverity.Error,
            [RuleIds.RestrictedTableRead] = DiagnosticSeverity.Error,
            [RuleIds.SqlUnverifiable] = DiagnosticSeverity.Warning,
            [RuleIds.UnfilteredExport] = DiagnosticSeverity.Error,
            [RuleIds.UnfilteredBulkExtraction] = DiagnosticSeverity.Error,
            [RuleIds.WholeEntityExport] = DiagnosticSeverity.Warning,
            [RuleIds.PolicyMissing] = DiagnosticSeverity.Error,
            [RuleIds.PolicyInvalid] = DiagnosticSeverity.Error,
            [RuleIds.ApprovalExpired] = DiagnosticSeverity.Error,
            [RuleIds.BaselineInvalid] = DiagnosticSeverity.Error,
        }.ToImmutableDictionary(StringComparer.Ordinal);

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        /// <summary>A localized phrase from the resources, formatted with the invariant culture.</summary>
        public static string Phrase(string name, params object[] args)
        {
            string format = Resources.GetString(name) ?? name;
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        }

        private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, params string[] extraTags) =>
            Create(id, category, severity, isEnabledByDefault: true, extraTags);

        private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, bool isEnabledByDefault, params string[] extraTags)
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
                isEnabledByDefault,
                description: new LocalizableResourceString(id + "Description", Resources, typeof(Descriptors)),
                helpLinkUri: HelpLink(id),
                customTags: tags.ToArray());
        }
    }
}
