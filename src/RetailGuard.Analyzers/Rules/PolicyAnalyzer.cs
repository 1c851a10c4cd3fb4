using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Rules
{
    /// <summary>RG9001–RG9003, RG9009: the policy file is missing, invalid, or names members or types that do not exist.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PolicyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.RG9001, Descriptors.RG9002, Descriptors.RG9003, Descriptors.RG9009);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (PolicyLoader.FindPolicyFile(start.Options) == null)
                {
                    start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(Descriptors.RG9001, Location.None)));
                    return;
                }

                start.RegisterAdditionalFileAction(file =>
                {
                    if (!PolicyDocument.IsPolicyFile(file.AdditionalFile.Path))
                    {
                        return;
                    }

                    var document = PolicyDocument.Get(file.AdditionalFile, file.CancellationToken);
                    foreach (var error in document.Errors)
                    {
                        file.ReportDiagnostic(Diagnostic.Create(Descriptors.RG9002, At(document, error.Span), System.IO.Path.GetFileName(document.Path), error.Message));
                    }

                    if (document.IsUnreadable)
                    {
                        return;
                    }

                    var model = PolicyLoader.Load(file.Compilation, file.Options, file.CancellationToken);
                    if (model == null)
                    {
                        return;
                    }

                    foreach (var stale in model.StaleReferences)
                    {
                        string suggestion = stale.Detail ?? Suggestion(stale.Candidates);
                        file.ReportDiagnostic(stale.Problem == PolicyReferenceProblem.MissingType
                            ? Diagnostic.Create(Descriptors.RG9009, At(document, stale.Span), stale.Type, suggestion)
                            : Diagnostic.Create(Descriptors.RG9003, At(document, stale.Span), stale.Member, stale.Type, suggestion));
                    }
                });
            });
        }

        /// <summary>"; did you mean 'A' or 'B'?" for names that resolve, or nothing.</summary>
        private static string Suggestion(ImmutableArray<string> candidates)
        {
            if (candidates.IsEmpty)
            {
                return string.Empty;
            }

            var quoted = new string[candidates.Length];
            for (int i = 0; i < candidates.Length; i++)
            {
                quoted[i] = "'" + candidates[i] + "'";
            }

            return Descriptors.Phrase("SuggestDidYouMean", string.Join(", ", quoted));
        }

        private static Location At(PolicyDocument document, TextSpan span) => Governance.GovernanceAnalyzer.At(document.Path, document.Text, span);
    }
}
