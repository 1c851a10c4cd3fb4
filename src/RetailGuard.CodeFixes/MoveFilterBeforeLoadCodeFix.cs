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
using RetailGuard.Policy;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG1004: moves the in-memory filter in front of the call that loaded the rows, so the database applies it:
    /// <c>q.ToList().Where(f)</c> becomes <c>q.Where(f).ToList()</c>, and <c>(await q.ToListAsync()).Where(f)</c> becomes
    /// <c>(await q.Where(f).ToListAsync())</c>. Only the conditions the database can run move (comparisons of the entity's
    /// properties with values): the rest stay after the load. A loader left doing nothing (<c>AsEnumerable().ToList()</c>) goes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveFilterBeforeLoadCodeFix)), Shared]
    public sealed class MoveFilterBeforeLoadCodeFix : CodeFixProvider
    {
        private static readonly ImmutableHashSet<string> Loaders = ImmutableHashSet.Create("ToList", "ToArray", "AsEnumerable", "ToListAsync", "ToArrayAsync");

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FilteredAfterLoad);

        public override FixAllProvider GetFixAllProvider() => RetailGuardFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            var policy = PolicyLoader.Load(model.Compilation, context.Document.Project.AnalyzerOptions, context.CancellationToken);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count < 2 || policy == null)
                {
                    continue;
                }

                var loader = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
                var filter = root.FindNode(diagnostic.AdditionalLocations[1].SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
                if (loader?.Expression is MemberAccessExpressionSyntax loaderAccess && filter?.Expression is MemberAccessExpressionSyntax filterAccess &&
                    Loaders.Contains(loaderAccess.Name.Identifier.ValueText) && filter.ArgumentList.Arguments.Count == 1 &&
                    await MoveAsync(context.Document, model, policy, diagnostic, loader, loaderAccess, filter, filterAccess, context.CancellationToken).ConfigureAwait(false) is { } fixedDocument)
                {
                    context.RegisterCodeFix(
                        FixSupport.Action("Move the filter before '" + loaderAccess.Name.Identifier.ValueText + "'", fixedDocument, FixKeys.MoveFilterBeforeLoad),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> MoveAsync(
            Document document, SemanticModel model, PolicyModel policy, Diagnostic diagnostic, InvocationExpressionSyntax loader, MemberAccessExpressionSyntax loaderAccess,
            InvocationExpressionSyntax filter, MemberAccessExpressionSyntax filterAccess, CancellationToken cancellationToken)
        {
            // q.ToList().Where(f)  or  (await q.ToListAsync()).Where(f)
            var receiver = filterAccess.Expression;
            bool awaited = false;
            if (receiver is ParenthesizedExpressionSyntax { Expression: AwaitExpressionSyntax { Expression: var awaitedLoader } } && awaitedLoader == loader)
            {
                awaited = true;
            }
            else if (receiver != loader)
            {
                return null;
            }

            if (!(filter.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax lambda) || !(lambda.Body is ExpressionSyntax body) ||
                !(Parameter(lambda) is { } parameter))
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var guarded = GuardedProperties(policy, model, lambda, cancellationToken);
            var moved = new List<ExpressionSyntax>();
            var kept = new List<ExpressionSyntax>();
            foreach (var conjunct in FixSupport.Conjuncts(body))
            {
                if (Translatable(conjunct, parameter))
                {
                    moved.Add(conjunct);
                }
                else if (Mentions(conjunct, parameter, guarded))
                {
                    // A retailer or exclusion condition the database could not run: no fix.
                    return null;
                }
                else
                {
                    kept.Add(conjunct);
                }
            }

            if (moved.Count == 0)
            {
                return null;
            }

            string lambdaHead = lambda is SimpleLambdaExpressionSyntax ? parameter + " => " : "(" + parameter + ") => ";
            string Join(List<ExpressionSyntax> parts) => string.Join(" && ", parts.Select(p => Operand(p)));
            string loaded = $"{FixSupport.AsReceiver(loaderAccess.Expression.WithoutTrivia()).ToFullString()}.Where({lambdaHead}{Join(moved)}){loaderAccess.OperatorToken}{loaderAccess.Name}{loader.ArgumentList}";
            if (awaited)
            {
                loaded = "(await " + loaded + ")";
            }

            string result = loaded;
            SyntaxNode replaced = filter;
            if (kept.Count > 0)
            {
                result = $"{loaded}.Where({lambdaHead}{Join(kept)})";
            }
            else if (!awaited && filter.Parent is MemberAccessExpressionSyntax next && next.Expression == filter && next.Parent is InvocationExpressionSyntax nextCall &&
                     next.Name.Identifier.ValueText is "ToList" or "ToArray" && nextCall.ArgumentList.Arguments.Count == 0 &&
                     loaderAccess.Name.Identifier.ValueText is "ToList" or "ToArray" or "AsEnumerable")
            {
                // q.ToList().Where(f).ToList(): the first load has nothing left to do.
                result = $"{FixSupport.AsReceiver(loaderAccess.Expression.WithoutTrivia()).ToFullString()}.Where({lambdaHead}{Join(moved)}){next.OperatorToken}{next.Name}()";
                replaced = nextCall;
            }

            var replacement = SyntaxFactory.ParseExpression(result).WithTriviaFrom(replaced);
            var changed = document.WithSyntaxRoot(root!.ReplaceNode(replaced, replacement));
            return await FixSupport.CheckedAsync(document, changed, cancellationToken).ConfigureAwait(false);
        }

        private static string Operand(ExpressionSyntax conjunct)
        {
            string text = conjunct.WithoutTrivia().ToFullString();
            return conjunct is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or ConditionalExpressionSyntax or
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }
                ? "(" + text + ")"
                : text;
        }

        private static string? Parameter(LambdaExpressionSyntax lambda) => lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.Text,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized when parenthesized.ParameterList.Parameters[0].Type == null =>
                parenthesized.ParameterList.Parameters[0].Identifier.Text,
            _ => null,
        };

        /// <summary>The retailer and exclusion properties of the protected entity the lambda filters.</summary>
        private static HashSet<string> GuardedProperties(PolicyModel policy, SemanticModel model, LambdaExpressionSyntax lambda, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            if (model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol method && method.Parameters.Length == 1 &&
                policy.TryGetProtected(method.Parameters[0].Type, out var table))
            {
                names.Add(table.RetailerPropertyName);
                foreach (var exclusion in table.Exclusions)
                {
                    names.Add(exclusion.PropertyName);
                }
            }

            return names;
        }

        /// <summary>
        /// True for conditions the database can run: comparisons, negations, ands and ors of the parameter's properties
        /// (<c>c.RetailerCode</c>) and values that do not depend on the row, which EF Core evaluates once as parameters.
        /// </summary>
        private static bool Translatable(ExpressionSyntax condition, string parameter)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax p:
                    return Translatable(p.Expression, parameter);
                case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                    return Translatable(not.Operand, parameter);
                case BinaryExpressionSyntax logical when logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression):
                    return Translatable(logical.Left, parameter) && Translatable(logical.Right, parameter);
                case BinaryExpressionSyntax comparison when comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression):
                    return Side(comparison.Left, parameter) && Side(comparison.Right, parameter) &&
                           (Property(comparison.Left, parameter) || Property(comparison.Right, parameter));
                default:
                    return Property(condition, parameter);
            }
        }

        private static bool Side(ExpressionSyntax side, string parameter) => Property(side, parameter) || (!Mentions(side, parameter, null) && FixSupport.FitsExpressionTree(side));

        private static bool Property(ExpressionSyntax expression, string parameter) =>
            FixSupport.WithoutParentheses(expression) is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: IdentifierNameSyntax } && target.Identifier.Text == parameter;

        private static bool Mentions(ExpressionSyntax expression, string parameter, HashSet<string>? properties) =>
            expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.Text == parameter &&
                (properties == null || (i.Parent is MemberAccessExpressionSyntax access && access.Expression == i && properties.Contains(access.Name.Identifier.ValueText))));
    }
}
