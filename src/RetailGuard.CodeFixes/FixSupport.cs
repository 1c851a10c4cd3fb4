using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// Equivalence keys of every RetailGuard fix, so fix-all groups the same fix across a solution. A fix whose key is
    /// in <see cref="IsChoice"/> is offered, never applied by a fix-all that did not ask for it by name.
    /// </summary>
    internal static class FixKeys
    {
        public const string AddRetailerFilter = "RetailGuard.AddRetailerFilter";
        public const string AddExclusion = "RetailGuard.AddExclusion";
        public const string UseOwnValue = "RetailGuard.UseOwnValue";
        public const string MoveFilterBeforeLoad = "RetailGuard.MoveFilterBeforeLoad";
        public const string RemoveIgnoreQueryFilters = "RetailGuard.RemoveIgnoreQueryFilters";
        public const string NarrowIgnoreQueryFilters = "RetailGuard.NarrowIgnoreQueryFilters";
        public const string UseSanctionedView = "RetailGuard.UseSanctionedView";
        public const string AddSqlCondition = "RetailGuard.AddSqlCondition";
        public const string ProjectExport = "RetailGuard.ProjectExport";

        /// <summary>Fixes that change what the code means beyond adding the filter: the user picks them, fix-all does not.</summary>
        public static bool IsChoice(string? key) => key == UseOwnValue;
    }

    /// <summary>
    /// Fix-all for every RetailGuard fix provider, one document at a time: each diagnostic gets the fix the context asked
    /// for by equivalence key where it offers that fix, else its own default (the first fix it offers that is not a choice).
    /// Fixes whose edits touch each other are not merged blindly: the rest are applied, the document is analyzed again and
    /// what remains is fixed in another round, so one fix-all (one <c>dotnet format</c> run) fixes every finding it can.
    /// </summary>
    internal static class RetailGuardFixAll
    {
        /// <summary>Rounds per document; each round applies at least one fix or stops.</summary>
        private const int MaxRounds = 8;

        public static FixAllProvider Instance { get; } = FixAllProvider.Create(
            FixDocumentAsync,
            ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var cancellationToken = context.CancellationToken;
            var ids = context.DiagnosticIds.ToImmutableHashSet();
            var current = document;
            var pending = diagnostics.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceSpan.Start).ToList();
            for (int round = 0; round < MaxRounds && pending.Count > 0; round++)
            {
                var text = await current.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var accepted = new List<TextChange>();
                var applied = new List<(Diagnostic Diagnostic, List<TextChange> Changes)>();
                var deferred = new List<Diagnostic>();
                foreach (var diagnostic in pending)
                {
                    var action = await ChooseAsync(context.CodeFixProvider, current, diagnostic, context.CodeActionEquivalenceKey, cancellationToken).ConfigureAwait(false);
                    var changed = action == null ? null : await ChangedDocumentAsync(action, current, cancellationToken).ConfigureAwait(false);
                    var changes = changed == null ? null : (await changed.GetTextChangesAsync(current, cancellationToken).ConfigureAwait(false)).ToList();
                    if (changes == null || changes.Count == 0)
                    {
                        continue;
                    }

                    if (changes.Any(c => accepted.Any(a => Conflict(a, c))))
                    {
                        deferred.Add(diagnostic);
                        continue;
                    }

                    applied.Add((diagnostic, changes));
                    accepted.AddRange(changes.Where(c => !accepted.Any(a => Same(a, c))));
                }

                if (applied.Count == 0)
                {
                    break;
                }

                var merged = current.WithText(text.WithChanges(accepted.OrderBy(c => c.Span.Start)));
                if (applied.Count > 1 && await CompileCheck.IntroducesErrorsAsync(current, merged, cancellationToken).ConfigureAwait(false))
                {
                    // Fixes that are right one by one but not together: one now, the rest after analysis.
                    deferred.AddRange(applied.Skip(1).Select(a => a.Diagnostic));
                    accepted = applied[0].Changes;
                    merged = current.WithText(text.WithChanges(accepted.OrderBy(c => c.Span.Start)));
                }

                current = merged;
                if (deferred.Count == 0)
                {
                    break;
                }

                // Only what was put off is fixed again: a finding a fix was applied to is not fixed twice.
                var sorted = accepted.OrderBy(c => c.Span.Start).ToList();
                var expected = deferred.Select(d => (d.Id, Start: Map(d.Location.SourceSpan.Start, sorted))).ToList();
                pending = (await AnalyzeAsync(current, ids, cancellationToken).ConfigureAwait(false))
                    .Where(d => expected.Any(e => e.Id == d.Id && (e.Start < 0 || e.Start == d.Location.SourceSpan.Start)))
                    .ToList();
            }

            return current;
        }

        /// <summary>A position after the changes, or -1 when a change replaced it.</summary>
        private static int Map(int position, List<TextChange> sortedChanges)
        {
            int delta = 0;
            foreach (var change in sortedChanges)
            {
                if (change.Span.End <= position)
                {
                    delta += (change.NewText?.Length ?? 0) - change.Span.Length;
                }
                else if (change.Span.Start < position)
                {
                    return -1;
                }
                else
                {
                    break;
                }
            }

            return position + delta;
        }

        /// <summary>The fix a diagnostic gets: the one the context names, else its default unless the context names a choice.</summary>
        public static async Task<CodeAction?> ChooseAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic, string? key, CancellationToken cancellationToken)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            if (key != null)
            {
                var named = actions.FirstOrDefault(a => a.EquivalenceKey == key);
                if (named != null || FixKeys.IsChoice(key))
                {
                    return named;
                }
            }

            return actions.FirstOrDefault(a => !FixKeys.IsChoice(a.EquivalenceKey));
        }

        private static async Task<Document?> ChangedDocumentAsync(CodeAction action, Document document, CancellationToken cancellationToken)
        {
            foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    return apply.ChangedSolution.GetDocument(document.Id);
                }
            }

            return null;
        }

        private static bool Same(TextChange a, TextChange b) => a.Span == b.Span && a.NewText == b.NewText;

        /// <summary>Two edits conflict when they overlap or touch, unless they are the same edit (the same using directive, the same binding).</summary>
        private static bool Conflict(TextChange a, TextChange b) =>
            !Same(a, b) && a.Span.Start <= b.Span.End && b.Span.Start <= a.Span.End;

        /// <summary>RetailGuard's findings in the document as it is now, for the ids being fixed.</summary>
        private static async Task<List<Diagnostic>> AnalyzeAsync(Document document, ImmutableHashSet<string> ids, CancellationToken cancellationToken)
        {
            var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null || tree == null)
            {
                return new List<Diagnostic>();
            }

            var analyzers = ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(
                    new Rules.QueryReadAnalyzer(), new Rules.SqlReadAnalyzer(), new Rules.ExportAnalyzer())
                .Where(a => a.SupportedDiagnostics.Any(d => ids.Contains(d.Id)))
                .ToImmutableArray();
            if (analyzers.IsEmpty)
            {
                return new List<Diagnostic>();
            }

            var withAnalyzers = compilation.WithAnalyzers(analyzers, new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                document.Project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
            var found = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, cancellationToken).ConfigureAwait(false);
            return found.Where(d => ids.Contains(d.Id) && d.Location.SourceTree == tree && !d.IsSuppressed)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToList();
        }
    }

    /// <summary>
    /// The guard every fix passes before it is offered: the fixed document has no compiler error the original did not have.
    /// Only the members the fix touched are bound again (the whole document when it touched anything outside a member,
    /// such as a using directive).
    /// </summary>
    internal static class CompileCheck
    {
        public static async Task<bool> IntroducesErrorsAsync(Document before, Document after, CancellationToken cancellationToken)
        {
            var changes = (await after.GetTextChangesAsync(before, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Span.Start).ToList();
            if (changes.Count == 0)
            {
                return false;
            }

            var oldRoot = await before.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = await after.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var oldModel = await before.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var newModel = await after.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (oldRoot == null || newRoot == null || oldModel == null || newModel == null)
            {
                return true;
            }

            var oldSpans = new List<TextSpan>();
            var newSpans = new List<TextSpan>();
            int delta = 0;
            foreach (var change in changes)
            {
                var oldMember = Member(oldRoot, change.Span);
                var newSpan = new TextSpan(change.Span.Start + delta, change.NewText?.Length ?? 0);
                delta += (change.NewText?.Length ?? 0) - change.Span.Length;
                var newMember = Member(newRoot, newSpan);
                if (oldMember == null || newMember == null)
                {
                    return !Errors(newModel.GetDiagnostics(null, cancellationToken)).IsSubsetOfMultiset(Errors(oldModel.GetDiagnostics(null, cancellationToken)));
                }

                oldSpans.Add(oldMember.FullSpan);
                newSpans.Add(newMember.FullSpan);
            }

            var oldErrors = new List<string>();
            foreach (var span in oldSpans.Distinct())
            {
                oldErrors.AddRange(Errors(oldModel.GetDiagnostics(span, cancellationToken)));
            }

            var newErrors = new List<string>();
            foreach (var span in newSpans.Distinct())
            {
                newErrors.AddRange(Errors(newModel.GetDiagnostics(span, cancellationToken)));
            }

            newErrors.AddRange(Errors(newRoot.GetDiagnostics()));
            oldErrors.AddRange(Errors(oldRoot.GetDiagnostics()));
            return !newErrors.IsSubsetOfMultiset(oldErrors);
        }

        /// <summary>The member (or top-level statement) around a span, or null when the span is outside every member.</summary>
        private static SyntaxNode? Member(SyntaxNode root, TextSpan span)
        {
            if (span.End > root.FullSpan.End)
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode? member = null;
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                if (ancestor is MemberDeclarationSyntax && !(ancestor is BaseTypeDeclarationSyntax) && !(ancestor is BaseNamespaceDeclarationSyntax))
                {
                    member = ancestor;
                }
            }

            return member;
        }

        private static List<string> Errors(IEnumerable<Diagnostic> diagnostics) =>
            diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToList();

        private static bool IsSubsetOfMultiset(this List<string> items, List<string> of)
        {
            var counts = new Dictionary<string, int>();
            foreach (var o in of)
            {
                counts[o] = counts.TryGetValue(o, out int n) ? n + 1 : 1;
            }

            foreach (var item in items)
            {
                if (!counts.TryGetValue(item, out int n) || n == 0)
                {
                    return false;
                }

                counts[item] = n - 1;
            }

            return true;
        }
    }

    internal static class FixSupport
    {
        /// <summary>A fully qualified reference to a symbol's containing type and the symbol, left for the simplifier to shorten.</summary>
        public static string Qualified(ISymbol symbol) =>
            symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + symbol.Name;

        /// <summary>A code action whose changed document was computed (and checked) up front.</summary>
        public static CodeAction Action(string title, Document changed, string key) =>
            CodeAction.Create(title, _ => Task.FromResult(changed), key);

        /// <summary>Lambda parameter names to try at a position, in order: the entity's initial, then numbered, skipping names in scope.</summary>
        public static IEnumerable<string> FreeNames(SemanticModel model, int position, ITypeSymbol? entity)
        {
            string baseName = string.IsNullOrEmpty(entity?.Name) ? "x" : char.ToLowerInvariant(entity!.Name[0]).ToString();
            if (!SyntaxFacts.IsValidIdentifier(baseName))
            {
                baseName = "x";
            }

            int offered = 0;
            for (int i = 0; i < 100 && offered < 3; i++)
            {
                string name = i == 0 ? baseName : baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (model.LookupSymbols(position, name: name).IsEmpty && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None)
                {
                    offered++;
                    yield return name;
                }
            }
        }

        /// <summary>A lambda parameter name free at the position: the entity's initial, else with a number.</summary>
        public static string FreeName(SemanticModel model, int position, ITypeSymbol? entity) => FreeNames(model, position, entity).FirstOrDefault() ?? "x";

        /// <summary>Adds <c>using N;</c> when the file does not have it (a global using counts: nothing is added then).</summary>
        public static SyntaxNode AddUsingIfMissing(SyntaxNode root, string namespaceName)
        {
            if (!(root is CompilationUnitSyntax unit) || string.IsNullOrEmpty(namespaceName))
            {
                return root;
            }

            bool present = unit.Usings.Any(u => u.Name?.ToString() == namespaceName) ||
                           unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Usings.Any(u => u.Name?.ToString() == namespaceName));
            if (present)
            {
                return root;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
            return unit.AddUsings(directive);
        }

        /// <summary>True when an extension method of this name can be called on a value of the type at the position (its namespace is imported).</summary>
        public static bool ExtensionInScope(SemanticModel model, int position, ITypeSymbol receiver, string name) =>
            !model.LookupSymbols(position, receiver, name, includeReducedExtensionMethods: true).IsEmpty;

        /// <summary>The element type of the query expression the diagnostic sits on.</summary>
        public static ITypeSymbol? ElementType(SemanticModel model, ExpressionSyntax expression)
        {
            var type = model.GetTypeInfo(expression).Type as INamedTypeSymbol;
            if (type == null)
            {
                return null;
            }

            if (type.TypeArguments.Length == 1)
            {
                return type.TypeArguments[0];
            }

            foreach (var i in type.AllInterfaces)
            {
                if (i.Name == "IQueryable" && i.TypeArguments.Length == 1)
                {
                    return i.TypeArguments[0];
                }
            }

            return null;
        }

        /// <summary>An expression as a receiver of <c>.M()</c>: parenthesized unless it is a primary expression.</summary>
        public static ExpressionSyntax AsReceiver(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax || expression is MemberAccessExpressionSyntax || expression is InvocationExpressionSyntax ||
            expression is ElementAccessExpressionSyntax || expression is ParenthesizedExpressionSyntax || expression is GenericNameSyntax ||
            expression is ThisExpressionSyntax || expression is BaseExpressionSyntax || expression is LiteralExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        /// <summary>
        /// True when an expression can move into a LINQ expression tree unchanged: nothing expression trees forbid
        /// (assignments, ++/--, ?., await, throw, switch and pattern expressions, tuples, nested lambdas, collection expressions).
        /// </summary>
        public static bool FitsExpressionTree(ExpressionSyntax expression)
        {
            foreach (var node in expression.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax _:
                    case ConditionalAccessExpressionSyntax _:
                    case AwaitExpressionSyntax _:
                    case ThrowExpressionSyntax _:
                    case SwitchExpressionSyntax _:
                    case IsPatternExpressionSyntax _:
                    case TupleExpressionSyntax _:
                    case AnonymousFunctionExpressionSyntax _:
                    case StackAllocArrayCreationExpressionSyntax _:
                    case WithExpressionSyntax _:
                    case RangeExpressionSyntax _:
                    case RefExpressionSyntax _:
                    case DeclarationExpressionSyntax _:
                    case CollectionExpressionSyntax _:
                        return false;
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) || prefix.IsKind(SyntaxKind.IndexExpression):
                        return false;
                    case PostfixUnaryExpressionSyntax postfix when !postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        return false;
                }
            }

            return true;
        }

        /// <summary>The top-level conjuncts of a condition: <c>a &amp;&amp; (b &amp;&amp; c)</c> gives a, b, c.</summary>
        public static IEnumerable<ExpressionSyntax> Conjuncts(ExpressionSyntax condition)
        {
            var stack = new Stack<ExpressionSyntax>();
            stack.Push(condition);
            while (stack.Count > 0)
            {
                var e = stack.Pop();
                if (e is ParenthesizedExpressionSyntax p)
                {
                    stack.Push(p.Expression);
                }
                else if (e is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.LogicalAndExpression))
                {
                    stack.Push(b.Right);
                    stack.Push(b.Left);
                }
                else
                {
                    yield return e;
                }
            }
        }

        public static ExpressionSyntax WithoutParentheses(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax p)
            {
                expression = p.Expression;
            }

            return expression;
        }

        /// <summary>The document with the node replaced, using directives added where the new code needs them.</summary>
        public static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, IEnumerable<string> usings, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var newRoot = root!.ReplaceNode(node, replacement);
            foreach (var name in usings)
            {
                newRoot = AddUsingIfMissing(newRoot, name);
            }

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>The changed document if it compiles as well as the original, else null.</summary>
        public static async Task<Document?> CheckedAsync(Document original, Document changed, CancellationToken cancellationToken) =>
            await CompileCheck.IntroducesErrorsAsync(original, changed, cancellationToken).ConfigureAwait(false) ? null : changed;
    }
}
