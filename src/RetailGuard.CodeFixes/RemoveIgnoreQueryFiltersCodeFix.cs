using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Diagnostics;
using RetailGuard.Rules;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG1005: turns the retailer query filter back on. With EF Core 10 named filters the default keeps ignoring the other
    /// filters the call ignored (<c>IgnoreQueryFilters(["SoftDelete"])</c>); otherwise, and as the other choice, the call goes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveIgnoreQueryFiltersCodeFix)), Shared]
    public sealed class RemoveIgnoreQueryFiltersCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.QueryFilterBypassed);

        public override FixAllProvider GetFixAllProvider() => RetailGuardFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
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

                // EF Core 10: ignore only the named filters the call ignored that leave the retailer filter on.
                if (diagnostic.Properties.TryGetValue(ReadJudge.NarrowToProperty, out var narrow) && !string.IsNullOrEmpty(narrow) &&
                    Ignored(call, model, context.CancellationToken) is { } ignored)
                {
                    var names = narrow!.Split(';').Where(n => ignored.Count == 0 || ignored.Contains(n)).ToList();
                    if (names.Count > 0)
                    {
                        var array = SyntaxFactory.ParseExpression("new[] { " + string.Join(", ", names.Select(n => SymbolDisplay.FormatLiteral(n, quote: true))) + " }");
                        var narrowed = call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(array))));
                        if (await FixSupport.CheckedAsync(context.Document, context.Document.WithSyntaxRoot(root.ReplaceNode(call, narrowed)), context.CancellationToken).ConfigureAwait(false) is { } narrowFix)
                        {
                            context.RegisterCodeFix(FixSupport.Action("Ignore only the query filters " + string.Join(", ", names), narrowFix, FixKeys.NarrowIgnoreQueryFilters), diagnostic);
                        }
                    }
                }

                var removed = context.Document.WithSyntaxRoot(root.ReplaceNode(call, access.Expression.WithTriviaFrom(call)));
                if (await FixSupport.CheckedAsync(context.Document, removed, context.CancellationToken).ConfigureAwait(false) is { } removeFix)
                {
                    context.RegisterCodeFix(FixSupport.Action("Remove IgnoreQueryFilters()", removeFix, FixKeys.RemoveIgnoreQueryFilters), diagnostic);
                }
            }
        }

        /// <summary>The filter names the call ignores: empty for all of them, null when they cannot be read.</summary>
        private static HashSet<string>? Ignored(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var arguments = call.ArgumentList.Arguments;
            if (arguments.Count == 0)
            {
                return names;
            }

            if (arguments.Count != 1)
            {
                return null;
            }

            IEnumerable<ExpressionSyntax>? elements = arguments[0].Expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.Select(e => (e as ExpressionElementSyntax)?.Expression!),
                _ => null,
            };
            if (elements == null)
            {
                return null;
            }

            foreach (var element in elements)
            {
                if (element == null || !(model.GetConstantValue(element, cancellationToken).Value is string value))
                {
                    return null;
                }

                names.Add(value);
            }

            return names.Count == 0 ? null : names;
        }
    }
}
