using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Rules;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG2003: exports a projection instead of whole entities. The columns are those of the entity the method uses
    /// elsewhere; when it uses none, every scalar column except the retailer and exclusion columns, for the user to trim.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProjectExportCodeFix)), Shared]
    public sealed class ProjectExportCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.WholeEntityExport);

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
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax data) ||
                    !diagnostic.Properties.TryGetValue(RG2003WholeEntityExport.EntityProperty, out var entityName) || entityName == null ||
                    !(model.Compilation.GetTypeByMetadataName(entityName) is INamedTypeSymbol entity))
                {
                    continue;
                }

                var columns = Columns(model, data, entity, context.Document, context.CancellationToken);
                if (columns.Count == 0)
                {
                    continue;
                }

                bool single = SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(data, context.CancellationToken).Type, entity);
                if (single && !(data is IdentifierNameSyntax || data is MemberAccessExpressionSyntax || data is ElementAccessExpressionSyntax))
                {
                    continue;
                }

                var changed = context.Document.WithSyntaxRoot(root.ReplaceNode(data, Projection(model, data, columns, single, entity).WithTriviaFrom(data)));
                if (await FixSupport.CheckedAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false) is { } fixedDocument)
                {
                    context.RegisterCodeFix(FixSupport.Action("Export only " + string.Join(", ", columns), fixedDocument, FixKeys.ProjectExport), diagnostic);
                }
            }
        }

        private static ExpressionSyntax Projection(SemanticModel model, ExpressionSyntax data, List<string> columns, bool single, ITypeSymbol entity)
        {
            if (single)
            {
                return SyntaxFactory.ParseExpression("new { " + string.Join(", ", columns.Select(c => data.WithoutTrivia() + "." + c)) + " }");
            }

            string p = FixSupport.FreeName(model, data.SpanStart, entity);
            var receiver = data is IdentifierNameSyntax || data is MemberAccessExpressionSyntax || data is InvocationExpressionSyntax || data is ElementAccessExpressionSyntax
                ? data.WithoutTrivia().ToString()
                : "(" + data.WithoutTrivia() + ")";
            return SyntaxFactory.ParseExpression($"{receiver}.Select({p} => new {{ {string.Join(", ", columns.Select(c => p + "." + c))} }})");
        }

        private static List<string> Columns(SemanticModel model, ExpressionSyntax data, INamedTypeSymbol entity, Document document, CancellationToken cancellationToken)
        {
            var used = new List<string>();
            var member = data.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member != null && model.GetOperation(member, cancellationToken) is { } body)
            {
                foreach (var op in body.Descendants().OfType<IPropertyReferenceOperation>())
                {
                    if (SymbolEqualityComparer.Default.Equals(op.Property.ContainingType, entity) && !used.Contains(op.Property.Name) && IsScalar(op.Property.Type))
                    {
                        used.Add(op.Property.Name);
                    }
                }
            }

            var policy = PolicyLoader.Load(model.Compilation, document.Project.AnalyzerOptions, cancellationToken);
            var internalColumns = new HashSet<string>();
            if (policy != null && policy.TryGetProtected(entity, out var table))
            {
                internalColumns.Add(table.RetailerPropertyName);
                foreach (var exclusion in table.Exclusions)
                {
                    internalColumns.Add(exclusion.PropertyName);
                }
            }

            used.RemoveAll(internalColumns.Contains);
            if (used.Count > 0)
            {
                return used;
            }

            return entity.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && p.GetMethod != null && IsScalar(p.Type) && !internalColumns.Contains(p.Name))
                .Select(p => p.Name)
                .ToList();
        }

        private static bool IsScalar(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, Name: "Nullable" } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum ||
                   type.Name is "DateTime" or "DateTimeOffset" or "DateOnly" or "TimeOnly" or "Guid" or "TimeSpan";
        }
    }
}
