using System.Collections.Generic;

namespace RetailGuard.Cli.Analysis
{
    /// <summary>The verdict of one site: compliant, or the finding and what became of it.</summary>
    internal enum Verdict
    {
        /// <summary>Meets the policy (RG0001); <see cref="Site.How"/> says how.</summary>
        Compliant,

        /// <summary>A finding nothing accepts: it fails the build.</summary>
        Finding,

        /// <summary>A finding an approval of the policy covers; <see cref="Site.How"/> is the approval's id.</summary>
        Approved,

        /// <summary>A finding retailguard.baseline.json accepts.</summary>
        Baseline,

        /// <summary>A finding suppressed in source (<c>#pragma</c>, <c>[SuppressMessage]</c>): RG9007 traces it.</summary>
        SuppressedInSource,
    }

    /// <summary>
    /// One place that reads, writes, bulk-copies or exports a protected or restricted table, with its verdict; or one
    /// RetailGuard configuration diagnostic (RG9xxx, <see cref="IsConfiguration"/>).
    /// </summary>
    internal sealed class Site
    {
        public string Project { get; init; } = string.Empty;

        /// <summary>The rule: RG0001 for a compliant site, the finding's rule otherwise.</summary>
        public string Rule { get; init; } = string.Empty;

        /// <summary>"error", "warning", "info" or "hidden": the severity the build gives it.</summary>
        public string Severity { get; init; } = string.Empty;

        /// <summary>The policy's table name (or entity name); empty for RG1007 and configuration diagnostics.</summary>
        public string Table { get; init; } = string.Empty;

        /// <summary>A <c>RetailGuard.Rules.InventoryTechnology</c> value; empty for exports whose source is not known.</summary>
        public string Technology { get; init; } = string.Empty;

        /// <summary>A <c>RetailGuard.Rules.InventoryAccess</c> value.</summary>
        public string Access { get; init; } = string.Empty;

        /// <summary>The containing member as docs/baseline.md writes it ("Sales.Jobs.LeakyJobs.LedgerSearch(JobContext)"); empty in .sql files.</summary>
        public string Member { get; init; } = string.Empty;

        /// <summary>The file relative to the report's root folder, with '/'.</summary>
        public string File { get; init; } = string.Empty;

        public string FullPath { get; init; } = string.Empty;

        /// <summary>1-based.</summary>
        public int Line { get; init; }

        /// <summary>1-based, in UTF-16 code units.</summary>
        public int Column { get; init; }

        public int EndLine { get; init; }

        public int EndColumn { get; init; }

        public Verdict Verdict { get; init; }

        /// <summary>For a compliant site, a <c>RetailGuard.Rules.InventoryCompliance</c> value; for an approved finding, the approval's id.</summary>
        public string How { get; init; } = string.Empty;

        /// <summary>What the compliance rests on (a view, a procedure path, an export sink); may be empty.</summary>
        public string Detail { get; init; } = string.Empty;

        /// <summary>
        /// For an approved finding: the approval as the policy records it ("APR-2026-014: reason (approved by compliance,
        /// expires 2027-03-31)"), the justification of the SARIF suppression; empty otherwise.
        /// </summary>
        public string Justification { get; set; } = string.Empty;

        public string Message { get; init; } = string.Empty;

        public string HelpUri { get; init; } = string.Empty;

        /// <summary>The baseline fingerprint of a finding (its <c>hash</c>), for SARIF's partialFingerprints; empty otherwise.</summary>
        public string Fingerprint { get; init; } = string.Empty;

        /// <summary>Additional locations (the read an export comes from, the SQL objects a read goes through), as "file:line".</summary>
        public IReadOnlyList<SiteLocation> Related { get; init; } = System.Array.Empty<SiteLocation>();

        public bool IsConfiguration { get; init; }

        public bool IsFinding => !IsConfiguration && Rule != RetailGuard.Diagnostics.RuleIds.CompliantSite;
    }

    internal sealed class SiteLocation
    {
        public string File { get; init; } = string.Empty;

        public int Line { get; init; }

        public int Column { get; init; }
    }
}
