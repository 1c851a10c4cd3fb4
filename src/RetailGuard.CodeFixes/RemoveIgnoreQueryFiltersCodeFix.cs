using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Rules;
using RetailGuard.Diagnostics;

namespace RetailGuard.CodeFixes
{
    /// <summary>RG1005: removes <c>IgnoreQueryFilters()</c>, so the retailer query filter applies again.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveIgnoreQueryFiltersCodeFix)), Shared]
    public sealed class RemoveIgnoreQueryFiltersCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.QueryFilterBypassed);

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
                if (diagnostic.AdditionalLocations.Count == 0)
                {
                    continue;
                }

                var name = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
                if (!(name?.Parent is MemberAccessExpressionSyntax access) || access.Name != name ||
                    !(access.Parent is InvocationExpressionSyntax call))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove IgnoreQueryFilters()",
                        ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, access.Expression.WithTriviaFrom(call)))),
                        FixKeys.RemoveIgnoreQueryFilters),
                    diagnostic);

                // EF Core 10: ignore only the named filters that leave the retailer filter on.
                if (diagnostic.Properties.TryGetValue(ReadJudge.NarrowToProperty, out var narrow) && !string.IsNullOrEmpty(narrow))
                {
                    var names = narrow!.Split(';');
                    var array = SyntaxFactory.ParseExpression(
                        "new[] { " + string.Join(", ", System.Linq.Enumerable.Select(names, n => SymbolDisplay.FormatLiteral(n, quote: true))) + " }");
                    var narrowed = call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))));
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Ignore only the query filters " + string.Join(", ", names),
                            ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, narrowed))),
                            FixKeys.NarrowIgnoreQueryFilters),
                        diagnostic);
                }
            }
        }
    }
}
