using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Sql;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG1001/RG1002 in SQL text: read the sanctioned view instead of the table, or add the missing condition to the
    /// query block with a parameter bound to the own constant in Dapper's param object. Values are never
    /// interpolated into the SQL text.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlConditionCodeFix)), Shared]
    public sealed class SqlConditionCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnfilteredRead, RuleIds.MissingExclusion);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                if (diagnostic.Properties.TryGetValue(SqlFixInfo.ViewProperty, out var view) && !string.IsNullOrEmpty(view) && span.End <= text.Length)
                {
                    string written = text.ToString(span);
                    if (written.Length > 0 && written.All(c => char.IsLetterOrDigit(c) || c == '_'))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                $"Read the sanctioned view '{view}' instead",
                                ct => Task.FromResult(context.Document.WithText(text.WithChanges(new TextChange(span, view!)))),
                                FixKeys.UseSanctionedView),
                            diagnostic);
                    }
                }

                if (diagnostic.Properties.TryGetValue(SqlFixInfo.EditsProperty, out var edits) && !string.IsNullOrEmpty(edits))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            diagnostic.Id == RuleIds.MissingExclusion ? "Add the exclusion to the SQL" : "Add the retailer-contract condition to the SQL",
                            ct => AddConditionAsync(context.Document, diagnostic, edits!, ct),
                            FixKeys.AddSqlCondition),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> AddConditionAsync(Document document, Diagnostic diagnostic, string edits, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = new List<TextChange>();
            foreach (var (position, insert) in SqlFixInfo.DecodeEdits(edits))
            {
                if (position < 0 || position > text.Length)
                {
                    return document;
                }

                changes.Add(new TextChange(new TextSpan(position, 0), insert));
            }

            if (diagnostic.Properties.TryGetValue(SqlFixInfo.BindNameProperty, out var name) && name != null)
            {
                TextChange? binding = null;
                if (diagnostic.Properties.TryGetValue(SqlFixInfo.BindArgumentProperty, out var argumentSpan) && argumentSpan != null)
                {
                    binding = await BindingChangeAsync(document, argumentSpan, name, cancellationToken).ConfigureAwait(false);
                }
                else if (diagnostic.Properties.TryGetValue(SqlFixInfo.BindStatementProperty, out var statementSpan) && statementSpan != null &&
                         diagnostic.Properties.TryGetValue(SqlFixInfo.BindCommandProperty, out var command) && command != null)
                {
                    binding = await AdoBindingChangeAsync(document, statementSpan, command, name, cancellationToken).ConfigureAwait(false);
                }

                if (binding == null)
                {
                    return document;
                }

                changes.Add(binding.Value);
            }

            return document.WithText(text.WithChanges(changes));
        }

        /// <summary>ADO.NET: adds <c>cmd.Parameters.AddWithValue("@name", Own);</c> after the statement that sets the command text.</summary>
        private static async Task<TextChange?> AdoBindingChangeAsync(Document document, string statementSpan, string command, string name, CancellationToken cancellationToken)
        {
            var span = ParseSpan(statementSpan);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var statement = span == null ? null : root?.FindNode(span.Value).FirstAncestorOrSelf<StatementSyntax>();
            var policy = model == null ? null : PolicyLoader.Load(model.Compilation, document.Project.AnalyzerOptions, cancellationToken);
            if (statement == null || model == null || policy?.PreferredOwnSymbol == null)
            {
                return null;
            }

            string own = policy.PreferredOwnSymbol.ContainingType.ToMinimalDisplayString(model, statement.SpanStart) + "." + policy.PreferredOwnSymbol.Name;
            string indentation = statement.GetLeadingTrivia().Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.WhitespaceTrivia)).Select(t => t.ToString()).LastOrDefault() ?? string.Empty;
            string newline = statement.GetTrailingTrivia().Any(t => t.ToString().Contains("\r\n")) ? "\r\n" : "\n";
            return new TextChange(new TextSpan(statement.Span.End, 0), $"{newline}{indentation}{command}.Parameters.AddWithValue(\"@{name}\", {own});");
        }

        private static TextSpan? ParseSpan(string encoded)
        {
            var parts = encoded.Split(',');
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int start) &&
                   int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int length)
                ? new TextSpan(start, length)
                : (TextSpan?)null;
        }

        /// <summary>Adds <c>name = Own</c> to Dapper's anonymous param object, or passes <c>new { name = Own }</c> when there is none.</summary>
        private static async Task<TextChange?> BindingChangeAsync(Document document, string argumentSpan, string name, CancellationToken cancellationToken)
        {
            var parts = argumentSpan.Split(',');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int start) ||
                !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int length))
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var sqlArgument = root?.FindNode(new TextSpan(start, length)).FirstAncestorOrSelf<ArgumentSyntax>();
            if (root == null || model == null || sqlArgument == null || !(sqlArgument.Parent?.Parent is InvocationExpressionSyntax invocation))
            {
                return null;
            }

            var policy = PolicyLoader.Load(model.Compilation, document.Project.AnalyzerOptions, cancellationToken);
            if (policy?.PreferredOwnSymbol == null || !(model.GetOperation(invocation, cancellationToken) is IInvocationOperation call))
            {
                return null;
            }

            string own = policy.PreferredOwnSymbol.ContainingType.ToMinimalDisplayString(model, invocation.SpanStart) + "." + policy.PreferredOwnSymbol.Name;
            var param = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "param");
            if (param == null || param.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return new TextChange(new TextSpan(sqlArgument.Span.End, 0), $", new {{ {name} = {own} }}");
            }

            var anonymous = param.Value.Syntax.DescendantNodesAndSelf().OfType<AnonymousObjectCreationExpressionSyntax>().FirstOrDefault();
            if (anonymous == null)
            {
                return null;
            }

            if (anonymous.Initializers.Any(i => string.Equals(i.NameEquals?.Name.Identifier.ValueText, name, StringComparison.Ordinal)))
            {
                return null;
            }

            return anonymous.Initializers.Count == 0
                ? new TextChange(new TextSpan(anonymous.CloseBraceToken.SpanStart, 0), $"{name} = {own} ")
                : new TextChange(new TextSpan(anonymous.Initializers.Last().Span.End, 0), $", {name} = {own}");
        }
    }
}
