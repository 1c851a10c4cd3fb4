using System;
using System.Collections.Concurrent;
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
    /// Approvals and the baseline: RG9004 (expired approval), RG9005 (approval that covers nothing), RG9006 (baseline entry whose
    /// finding is gone), RG9012 (baseline file invalid), RG9013 (a .sql file names an approval the policy does not grant).
    /// RG9005 and RG9006 are reported for every approval and entry of this compilation; <see cref="GovernanceSuppressor"/>, which
    /// sees the findings, suppresses those that still cover one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GovernanceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.RG9004, Descriptors.RG9005, Descriptors.RG9006, Descriptors.RG9012, Descriptors.RG9013);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policyFile = PolicyLoader.FindPolicyFile(start.Options);
                var baselineFile = BaselineFile.Find(start.Options.AdditionalFiles);
                var policy = policyFile == null ? null : PolicyLoader.Load(start.Compilation, start.Options, start.CancellationToken);
                var approvals = policy?.Approvals ?? BoundApprovals.None;
                if (baselineFile != null)
                {
                    start.RegisterCompilationEndAction(end => ReportBaseline(BaselineFile.Get(baselineFile, end.CancellationToken), end));
                }

                if (policyFile != null)
                {
                    var sqlFiles = new SqlFileApprovals(start.Options, start.CancellationToken);
                    start.RegisterAdditionalFileAction(file =>
                    {
                        if (SqlFileApprovals.IsSqlFile(file.AdditionalFile.Path))
                        {
                            CheckSqlFile(policy?.Document, approvals, sqlFiles, file);
                        }
                        else if (BaselineFile.IsBaselineFile(file.AdditionalFile.Path))
                        {
                            ReportBaselineErrors(BaselineFile.Get(file.AdditionalFile, file.CancellationToken), file);
                        }
                        else if (PolicyDocument.IsPolicyFile(file.AdditionalFile.Path))
                        {
                            ReportExpired(approvals, file);
                        }
                    });
                }
                else if (baselineFile != null)
                {
                    start.RegisterAdditionalFileAction(file =>
                    {
                        if (BaselineFile.IsBaselineFile(file.AdditionalFile.Path))
                        {
                            ReportBaselineErrors(BaselineFile.Get(file.AdditionalFile, file.CancellationToken), file);
                        }
                    });
                }

                if (approvals.All.IsEmpty)
                {
                    return;
                }

                // Attribute scopes are in this compilation when one of its own symbols carries the attribute.
                var carried = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
                bool anyAttribute = false;
                foreach (var a in approvals.All)
                {
                    anyAttribute |= a.Attribute != null;
                }

                if (anyAttribute)
                {
                    start.RegisterSymbolAction(
                        symbol =>
                        {
                            foreach (var a in approvals.All)
                            {
                                if (a.Attribute != null && !carried.ContainsKey(a.Id) && BoundApprovals.HasAttribute(symbol.Symbol, a.Attribute, a.Spec.AttributeArguments))
                                {
                                    carried.TryAdd(a.Id, true);
                                }
                            }
                        },
                        SymbolKind.NamedType,
                        SymbolKind.Method,
                        SymbolKind.Property,
                        SymbolKind.Field,
                        SymbolKind.Event);
                }

                start.RegisterCompilationEndAction(end => ReportUnused(approvals, carried, end));
            });
        }

        private static void ReportExpired(BoundApprovals approvals, AdditionalFileAnalysisContext file)
        {
            var document = approvals.Document;
            if (document == null)
            {
                return;
            }

            var today = DateTime.UtcNow.Date;
            foreach (var a in approvals.All)
            {
                var spec = a.Spec;
                if (spec.IsValid && spec.Expires != null && spec.IsExpired(today))
                {
                    file.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RG9004,
                        At(document.Path, document.Text, spec.ExpiresSpan),
                        a.Id,
                        spec.Expires.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                }
            }
        }

        private static void ReportUnused(BoundApprovals approvals, ConcurrentDictionary<string, bool> carried, CompilationAnalysisContext end)
        {
            var document = approvals.Document!;
            var today = DateTime.UtcNow.Date;
            var sqlFiles = new SqlFileApprovals(end.Options, end.CancellationToken);
            foreach (var a in approvals.All)
            {
                var spec = a.Spec;
                if (!spec.IsValid || spec.IsExpired(today) || !InThisCompilation(a, approvals, carried, sqlFiles, end))
                {
                    continue;
                }

                end.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RG9005,
                    At(document.Path, document.Text, spec.Id.Span),
                    ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ApprovalId, a.Id),
                    a.Id,
                    spec.Describe()));
            }
        }

        /// <summary>Whether the approval's scope is part of this compilation: else it belongs to another project that shares the policy.</summary>
        private static bool InThisCompilation(BoundApproval approval, BoundApprovals approvals, ConcurrentDictionary<string, bool> carried, SqlFileApprovals sqlFiles, CompilationAnalysisContext end)
        {
            switch (approval.Spec.ScopeKind)
            {
                case ApprovalScopeKind.Member:
                case ApprovalScopeKind.Type:
                case ApprovalScopeKind.Namespace:
                    return approval.DeclaredHere;
                case ApprovalScopeKind.Attribute:
                    return carried.ContainsKey(approval.Id);
                case ApprovalScopeKind.NamedBySqlFiles:
                    return sqlFiles.AnyNames(approval.Id);
                case ApprovalScopeKind.File:
                    string wanted = PathText.Normalize(approval.Spec.Scope.Value);
                    foreach (var tree in end.Compilation.SyntaxTrees)
                    {
                        if (string.Equals(approvals.RelativeToPolicy(tree.FilePath), wanted, StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }

                    foreach (var file in end.Options.AdditionalFiles)
                    {
                        if (string.Equals(approvals.RelativeToPolicy(file.Path), wanted, StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static void CheckSqlFile(PolicyDocument? document, BoundApprovals approvals, SqlFileApprovals sqlFiles, AdditionalFileAnalysisContext file)
        {
            var names = sqlFiles.In(file.AdditionalFile.Path);
            if (names.IsEmpty)
            {
                return;
            }

            var text = file.AdditionalFile.GetText(file.CancellationToken);
            if (text == null)
            {
                return;
            }

            var today = DateTime.UtcNow.Date;
            foreach (var name in names)
            {
                string? why = null;
                var spec = document?.FindApproval(name.Id);
                if (document == null)
                {
                    why = Descriptors.Phrase("UnknownApprovalNoPolicy");
                }
                else if (spec == null)
                {
                    why = Descriptors.Phrase("UnknownApprovalNotListed");
                }
                else if (!spec.IsValid)
                {
                    why = Descriptors.Phrase("UnknownApprovalInvalid");
                }
                else if (spec.IsExpired(today))
                {
                    why = Descriptors.Phrase("UnknownApprovalExpired", spec.Expires!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else if (spec.ScopeKind != ApprovalScopeKind.NamedBySqlFiles &&
                         !(spec.ScopeKind == ApprovalScopeKind.File &&
                           string.Equals(PathText.Normalize(spec.Scope.Value), RelativeTo(document!, file.AdditionalFile.Path), StringComparison.OrdinalIgnoreCase)))
                {
                    why = Descriptors.Phrase("UnknownApprovalOtherFile");
                }

                if (why != null)
                {
                    file.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RG9013, At(file.AdditionalFile.Path, text, name.Span), System.IO.Path.GetFileName(file.AdditionalFile.Path), name.Id, why));
                }
            }
        }

        private static void ReportBaselineErrors(BaselineFile baseline, AdditionalFileAnalysisContext file)
        {
            foreach (var error in baseline.Errors)
            {
                file.ReportDiagnostic(Diagnostic.Create(Descriptors.RG9012, At(baseline.Path, baseline.Text, error.Span), BaselineFile.FileName, error.Message));
            }
        }

        private static void ReportBaseline(BaselineFile baseline, CompilationAnalysisContext end)
        {
            for (int i = 0; i < baseline.Entries.Length; i++)
            {
                var e = baseline.Entries[i];
                end.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RG9006,
                    At(baseline.Path, baseline.Text, baseline.EntrySpans[i]),
                    ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.BaselineIndex, i.ToString(CultureInfo.InvariantCulture)),
                    e.Rule,
                    e.Table,
                    e.File,
                    e.Member.Length == 0 ? e.Hash : e.Member));
            }
        }

        private static string? RelativeTo(PolicyDocument document, string path)
        {
            string? folder = System.IO.Path.GetDirectoryName(document.Path);
            return folder == null ? null : PathText.Relative(folder, path);
        }

        internal static Location At(string path, SourceText text, TextSpan span)
        {
            if (span.End > text.Length)
            {
                span = new TextSpan(Math.Min(span.Start, text.Length), 0);
            }

            return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
        }
    }
}
