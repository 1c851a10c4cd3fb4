using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Diagnostics;

namespace RetailGuard.CodeFixes
{
    /// <summary>RG1004: moves the in-memory Where in front of the call that loaded the rows: <c>q.ToList().Where(f)</c> becomes <c>q.Where(f).ToList()</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveFilterBeforeLoadCodeFix)), Shared]
    public sealed class MoveFilterBeforeLoadCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FilteredAfterLoad);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count < 2)
                {
                    continue;
                }

                var loader = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
                var filter = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
                if (loader == null || filter == null ||
                    !(loader.Expression is MemberAccessExpressionSyntax loaderAccess) ||
                    !(filter.Expression is MemberAccessExpressionSyntax filterAccess) ||
                    filterAccess.Expression != loader || filter.ArgumentList.Arguments.Count != 1)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Move the filter before '" + loaderAccess.Name.Identifier.ValueText + "'",
                        ct =>
                        {
                            var movedWhere = SyntaxFactory.InvocationExpression(
                                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, loaderAccess.Expression, filterAccess.Name),
                                filter.ArgumentList);
                            var newLoader = loader.WithExpression(loaderAccess.WithExpression(movedWhere));
                            var newRoot = root.ReplaceNode(filter, newLoader.WithTriviaFrom(filter));
                            return Task.FromResult(context.Document.WithSyntaxRoot(newRoot));
                        },
                        FixKeys.MoveFilterBeforeLoad),
                    diagnostic);
            }
        }
    }
}
