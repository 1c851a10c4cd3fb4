using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace RetailGuard.CodeFixes
{
    /// <summary>Equivalence keys of every RetailGuard fix, so FixAll groups the same fix across a solution.</summary>
    internal static class FixKeys
    {
        public const string AddRetailerFilter = "RetailGuard.AddRetailerFilter";
        public const string AddExclusion = "RetailGuard.AddExclusion";
        public const string MoveFilterBeforeLoad = "RetailGuard.MoveFilterBeforeLoad";
        public const string RemoveIgnoreQueryFilters = "RetailGuard.RemoveIgnoreQueryFilters";
        public const string NarrowIgnoreQueryFilters = "RetailGuard.NarrowIgnoreQueryFilters";
        public const string UseSanctionedView = "RetailGuard.UseSanctionedView";
        public const string AddSqlCondition = "RetailGuard.AddSqlCondition";
        public const string ProjectExport = "RetailGuard.ProjectExport";
    }

    internal static class FixSupport
    {
        /// <summary>A fully qualified reference to a symbol, left for the simplifier to shorten.</summary>
        public static string Qualified(ISymbol symbol) =>
            symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + symbol.Name;

        /// <summary>Parses an expression and marks every fully qualified name in it for the simplifier.</summary>
        public static ExpressionSyntax ParseSimplifiable(string text)
        {
            var expression = SyntaxFactory.ParseExpression(text);
            var qualified = expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                .Where(m => m.Expression is AliasQualifiedNameSyntax || m.Expression is MemberAccessExpressionSyntax inner && inner.ToString().StartsWith("global::", System.StringComparison.Ordinal))
                .Where(m => !(m.Parent is MemberAccessExpressionSyntax parent && parent.Expression == m))
                .ToList();
            return expression.ReplaceNodes(qualified, (_, n) => n.WithAdditionalAnnotations(Simplifier.Annotation));
        }

        /// <summary>A lambda parameter name free at the position: the entity's initial, else with a number.</summary>
        public static string FreeName(SemanticModel model, int position, ITypeSymbol? entity)
        {
            string baseName = string.IsNullOrEmpty(entity?.Name) ? "x" : char.ToLowerInvariant(entity!.Name[0]).ToString();
            string name = baseName;
            for (int i = 1; i < 100 && (!model.LookupSymbols(position, name: name).IsEmpty || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

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
    }
}
