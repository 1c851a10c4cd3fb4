using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Rules;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG1001/RG1002 in LINQ: inserts the missing predicate right after the source — the sanctioned filter method
    /// when the policy names one, else <c>.Where(x =&gt; x.Retailer == Own &amp;&amp; x.Kind != Excluded)</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetailerFilterCodeFix)), Shared]
    public sealed class AddRetailerFilterCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnfilteredRead, RuleIds.MissingExclusion);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            var policy = PolicyLoader.Load(model.Compilation, context.Document.Project.AnalyzerOptions, context.CancellationToken);
            if (policy == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ReadJudge.CanInsertWhereProperty, out var canInsert) || canInsert != "true" ||
                    !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax source) ||
                    source.Span != diagnostic.Location.SourceSpan)
                {
                    continue;
                }

                var entity = FixSupport.ElementType(model, source);
                // A property the policy names but the entity lacks (RG9003) would make the fix not compile: no fix until it is corrected.
                if (entity == null || !policy.TryGetProtected(entity, out var table) || table.HasUnresolvedProperty)
                {
                    continue;
                }

                bool exclusionOnly = diagnostic.Id == RuleIds.MissingExclusion;
                string title;
                if (exclusionOnly)
                {
                    title = "Exclude " + ExclusionTitle(table, diagnostic);
                }
                else if (policy.SanctionedFilterFor(entity) is { } sanctioned)
                {
                    title = "Apply the sanctioned filter " + sanctioned.ContainingType.Name + "." + sanctioned.Name;
                }
                else
                {
                    title = "Restrict to the own retailer's contracts";
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => FixAsync(context.Document, source, entity, table, policy, diagnostic, ct),
                        exclusionOnly ? FixKeys.AddExclusion : FixKeys.AddRetailerFilter),
                    diagnostic);
            }
        }

        private static string ExclusionTitle(ProtectedTable table, Diagnostic diagnostic)
        {
            var exclusion = ExclusionFor(table, diagnostic);
            return exclusion == null ? "the excluded contracts" : exclusion.PropertyName + " = " + exclusion.DisplayValues;
        }

        private static ResolvedExclusion? ExclusionFor(ProtectedTable table, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(ReadJudge.ExclusionIndexProperty, out var text) &&
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= 0 && index < table.Exclusions.Length)
            {
                return table.Exclusions[index];
            }

            return null;
        }

        private static async Task<Document> FixAsync(Document document, ExpressionSyntax source, ITypeSymbol entity, ProtectedTable table, PolicyModel policy, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return document;
            }

            ExpressionSyntax replacement;
            string? importNamespace = "System.Linq";
            var sanctioned = diagnostic.Id == RuleIds.UnfilteredRead ? policy.SanctionedFilterFor(entity) : null;
            if (sanctioned != null)
            {
                var receiver = Parenthesize(source.WithoutTrivia());
                if (sanctioned.IsExtensionMethod)
                {
                    replacement = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(sanctioned.Name)));
                    importNamespace = sanctioned.ContainingNamespace.IsGlobalNamespace ? null : sanctioned.ContainingNamespace.ToDisplayString();
                }
                else
                {
                    replacement = SyntaxFactory.InvocationExpression(
                        FixSupport.ParseSimplifiable(FixSupport.Qualified(sanctioned)),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(source.WithoutTrivia()))));
                    importNamespace = null;
                }
            }
            else
            {
                string parameter = FixSupport.FreeName(model, source.SpanStart, entity);
                var conditions = new List<string>();
                if (diagnostic.Id == RuleIds.UnfilteredRead)
                {
                    conditions.Add($"{parameter}.{table.RetailerPropertyName} == {OwnValue(policy)}");
                    foreach (var exclusion in table.Exclusions)
                    {
                        conditions.Add(ExclusionCondition(parameter, exclusion));
                    }
                }
                else if (ExclusionFor(table, diagnostic) is { } missing)
                {
                    conditions.Add(ExclusionCondition(parameter, missing));
                }

                if (conditions.Count == 0)
                {
                    return document;
                }

                var lambda = FixSupport.ParseSimplifiable(parameter + " => " + string.Join(" && ", conditions));
                replacement = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(source.WithoutTrivia()), SyntaxFactory.IdentifierName("Where")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
            }

            var newRoot = root.ReplaceNode(source, replacement.WithTriviaFrom(source));
            if (importNamespace != null)
            {
                newRoot = FixSupport.AddUsingIfMissing(newRoot, importNamespace);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
            expression is ConditionalExpressionSyntax || expression is BinaryExpressionSyntax || expression is AssignmentExpressionSyntax ||
            expression is CastExpressionSyntax || expression is AwaitExpressionSyntax
                ? SyntaxFactory.ParenthesizedExpression(expression)
                : expression;

        private static string OwnValue(PolicyModel policy)
        {
            if (policy.PreferredOwnSymbol is { } own)
            {
                return FixSupport.Qualified(own);
            }

            return SymbolDisplay.FormatLiteral(policy.Document.OwnCodes.IsEmpty ? string.Empty : policy.Document.OwnCodes[0], quote: true);
        }

        private static string ExclusionCondition(string parameter, ResolvedExclusion exclusion)
        {
            var parts = new List<string>();
            foreach (var symbol in exclusion.Symbols)
            {
                parts.Add($"{parameter}.{exclusion.PropertyName} != {FixSupport.Qualified(symbol)}");
            }

            if (parts.Count == 0)
            {
                foreach (var value in exclusion.Spec.Values)
                {
                    parts.Add($"{parameter}.{exclusion.PropertyName} != {SymbolDisplay.FormatLiteral(value, quote: true)}");
                }
            }

            return string.Join(" && ", parts);
        }
    }
}
