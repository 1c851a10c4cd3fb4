using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Governance
{
    /// <summary>
    /// Suppresses the findings that an approval in retailguard.json covers (suppression ID RG9014) or that
    /// retailguard.baseline.json accepts (RG9015). Being a <see cref="DiagnosticSuppressor"/>, every suppression stays in the
    /// build's SARIF log with its justification. It also suppresses the RG9005 of each approval and the RG9006 of each baseline
    /// entry that did cover a finding: what remains of those are the stale approvals and the fixed entries.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GovernanceSuppressor : DiagnosticSuppressor
    {
        private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByApproval = Descriptors.Findings.ToImmutableDictionary(
            d => d.Id, d => new SuppressionDescriptor(RuleIds.ApprovalSuppression, d.Id, Justification("ApprovalJustification")), StringComparer.Ordinal);

        private static readonly ImmutableDictionary<string, SuppressionDescriptor> ByBaseline = Descriptors.Findings.ToImmutableDictionary(
            d => d.Id, d => new SuppressionDescriptor(RuleIds.BaselineSuppression, d.Id, Justification("BaselineJustification")), StringComparer.Ordinal);

        private static readonly SuppressionDescriptor ApprovalInUse =
            new SuppressionDescriptor(RuleIds.ApprovalSuppression, RuleIds.ApprovalUnused, Justification("ApprovalInUseJustification"));

        private static readonly SuppressionDescriptor EntryInUse =
            new SuppressionDescriptor(RuleIds.BaselineSuppression, RuleIds.BaselineEntryFixed, Justification("BaselineInUseJustification"));

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = All();

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            var cancellationToken = context.CancellationToken;
            var findings = new List<Diagnostic>();
            var unused = new List<Diagnostic>();
            var fixedEntries = new List<Diagnostic>();
            foreach (var d in context.ReportedDiagnostics)
            {
                if (ByApproval.ContainsKey(d.Id))
                {
                    findings.Add(d);
                }
                else if (d.Id == RuleIds.ApprovalUnused)
                {
                    unused.Add(d);
                }
                else if (d.Id == RuleIds.BaselineEntryFixed)
                {
                    fixedEntries.Add(d);
                }
            }

            if (findings.Count == 0 && unused.Count == 0 && fixedEntries.Count == 0)
            {
                return;
            }

            var policy = PolicyLoader.Load(context.Compilation, context.Options, cancellationToken);
            var approvals = policy?.Approvals ?? BoundApprovals.None;
            var baselineText = BaselineFile.Find(context.Options.AdditionalFiles);
            var baseline = baselineText == null ? null : BaselineFile.Get(baselineText, cancellationToken);
            var remaining = Index(baseline);
            var sqlFiles = new SqlFileApprovals(context.Options, cancellationToken);
            var today = DateTime.UtcNow.Date;

            // One finding takes one entry: visit them in a fixed order so which of two identical findings is new does not vary.
            findings.Sort(CompareLocations);
            var used = new HashSet<string>(StringComparer.Ordinal);
            var matched = new HashSet<int>();
            foreach (var finding in findings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var approval = approvals.Covering(finding, context.Compilation, sqlFiles, context.GetSemanticModel, today, cancellationToken);
                if (approval != null)
                {
                    used.Add(approval.Id);
                    context.ReportSuppression(Suppression.Create(ByApproval[finding.Id], finding));
                    continue;
                }

                if (remaining.Count == 0)
                {
                    continue;
                }

                var entry = BaselineEntry.For(finding, baseline!.Folder, SqlText(context, finding.Location), cancellationToken);
                if (entry != null && remaining.TryGetValue(entry, out var indices) && indices.Count > 0)
                {
                    matched.Add(indices.Dequeue());
                    context.ReportSuppression(Suppression.Create(ByBaseline[finding.Id], finding));
                }
            }

            foreach (var d in unused)
            {
                if (d.Properties.TryGetValue(DiagnosticProperties.ApprovalId, out var id) && id != null && used.Contains(id))
                {
                    context.ReportSuppression(Suppression.Create(ApprovalInUse, d));
                }
            }

            foreach (var d in fixedEntries)
            {
                if (d.Properties.TryGetValue(DiagnosticProperties.BaselineIndex, out var text) &&
                    int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && matched.Contains(index))
                {
                    context.ReportSuppression(Suppression.Create(EntryInUse, d));
                }
            }
        }

        private static Dictionary<BaselineEntry, Queue<int>> Index(BaselineFile? baseline)
        {
            var index = new Dictionary<BaselineEntry, Queue<int>>();
            if (baseline == null)
            {
                return index;
            }

            for (int i = 0; i < baseline.Entries.Length; i++)
            {
                if (!index.TryGetValue(baseline.Entries[i], out var queue))
                {
                    index[baseline.Entries[i]] = queue = new Queue<int>();
                }

                queue.Enqueue(i);
            }

            return index;
        }

        private static SourceText? SqlText(SuppressionAnalysisContext context, Location location)
        {
            if (location.Kind != LocationKind.ExternalFile)
            {
                return null;
            }

            string path = location.GetLineSpan().Path;
            foreach (var file in context.Options.AdditionalFiles)
            {
                if (string.Equals(file.Path, path, StringComparison.Ordinal))
                {
                    return file.GetText(context.CancellationToken);
                }
            }

            return null;
        }

        private static int CompareLocations(Diagnostic a, Diagnostic b)
        {
            var x = a.Location.GetLineSpan();
            var y = b.Location.GetLineSpan();
            int c = string.CompareOrdinal(x.Path, y.Path);
            if (c == 0)
            {
                c = a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start);
            }

            if (c == 0)
            {
                c = a.Location.SourceSpan.Length.CompareTo(b.Location.SourceSpan.Length);
            }

            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        }

        private static LocalizableResourceString Justification(string name) => new LocalizableResourceString(name, Descriptors.Resources, typeof(Descriptors));

        private static ImmutableArray<SuppressionDescriptor> All()
        {
            var builder = ImmutableArray.CreateBuilder<SuppressionDescriptor>();
            foreach (var d in Descriptors.Findings)
            {
                builder.Add(ByApproval[d.Id]);
                builder.Add(ByBaseline[d.Id]);
            }

            builder.Add(ApprovalInUse);
            builder.Add(EntryInUse);
            return builder.ToImmutable();
        }
    }
}
