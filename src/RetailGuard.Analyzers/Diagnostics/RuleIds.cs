namespace RetailGuard.Diagnostics
{
    /// <summary>
    /// Every RetailGuard rule ID. IDs name the mistake, whatever the technology that made it.
    /// RG0xxx: inventory. RG1xxx: reads of protected data. RG2xxx: exports. RG9xxx: configuration.
    /// </summary>
    public static class RuleIds
    {
        /// <summary>
        /// The inventory of compliant sites: a hidden diagnostic, off by default, that the command-line tool turns on
        /// (<c>retailguard inventory</c>) to list where protected tables are read correctly and how.
        /// </summary>
        public const string CompliantSite = "RG0001";

        public const string UnfilteredRead = "RG1001";
        public const string MissingExclusion = "RG1002";
        public const string NotOwnRetailer = "RG1003";
        public const string FilteredAfterLoad = "RG1004";
        public const string QueryFilterBypassed = "RG1005";
        public const string RestrictedTableRead = "RG1006";
        public const string SqlUnverifiable = "RG1007";

        public const string UnfilteredExport = "RG2001";
        public const string UnfilteredBulkExtraction = "RG2002";
        public const string WholeEntityExport = "RG2003";

        public const string PolicyMissing = "RG9001";
        public const string PolicyInvalid = "RG9002";
        public const string PolicyStaleReference = "RG9003";
        public const string ApprovalExpired = "RG9004";
        public const string ApprovalUnused = "RG9005";
        public const string BaselineEntryFixed = "RG9006";
        public const string SuppressedInSource = "RG9007";
        public const string SeverityLowered = "RG9008";
        public const string PolicyMissingType = "RG9009";
        public const string PolicyCoverageGap = "RG9010";
        public const string LookalikeTable = "RG9011";
        public const string BaselineInvalid = "RG9012";
        public const string UnknownApproval = "RG9013";

        /// <summary>The suppression ID (SARIF, <c>DiagnosticSuppressor</c>) of a finding covered by an approval in the policy.</summary>
        public const string ApprovalSuppression = "RG9014";

        /// <summary>The suppression ID (SARIF, <c>DiagnosticSuppressor</c>) of a finding accepted in <c>retailguard.baseline.json</c>.</summary>
        public const string BaselineSuppression = "RG9015";
    }
}
