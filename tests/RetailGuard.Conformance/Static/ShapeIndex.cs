using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Conformance.Static
{
    /// <summary>
    /// Where shapes sit in the sources, and which shapes a finding belongs to:
    /// <list type="number">
    /// <item>the shape method that contains it;</item>
    /// <item>outside any shape method, the only shape declared in the innermost enclosing type that declares shapes
    /// (a shape's own class holds its contexts, configurations and helpers);</item>
    /// <item>otherwise (code that several shapes share: a context, a constant class) every shape whose method uses
    /// the enclosing member or type, or a type derived from it, since each of them runs that code.</item>
    /// </list>
    /// A finding no shape uses belongs to none.
    /// </summary>
    internal sealed class ShapeIndex
    {
        private readonly Compilation _compilation;
        private readonly List<(string Name, HashSet<ISymbol> Uses)> _uses = new List<(string, HashSet<ISymbol>)>();

        private ShapeIndex(Compilation compilation) => _compilation = compilation;

        /// <summary>Each shape's name and the comments on the lines above it.</summary>
        public List<(string Name, string Comment)> Comments { get; } = new List<(string, string)>();

        public static ShapeIndex Build(Compilation compilation)
        {
            var index = new ShapeIndex(compilation);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsShape))
                {
                    string comment = string.Concat(method.GetLeadingTrivia()
                        .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
                        .Select(t => t.ToString() + "\n"));
                    index.Comments.Add((NameOf(method), comment));
                    index._uses.Add((NameOf(method), UsedSymbols(model, method)));
                }
            }

            return index;
        }

        public IReadOnlyList<string> ShapesAt(SyntaxTree tree, TextSpan span)
        {
            var node = tree.GetRoot().FindNode(span, getInnermostNodeForTie: true);
            var method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault(IsShape);
            if (method != null)
            {
                return new[] { NameOf(method) };
            }

            foreach (var type in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
            {
                var shapes = type.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsShape).Take(2).ToList();
                if (shapes.Count == 1)
                {
                    return new[] { NameOf(shapes[0]) };
                }

                if (shapes.Count > 1)
                {
                    break;
                }
            }

            var model = _compilation.GetSemanticModel(tree);
            var enclosing = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var declaration in node.AncestorsAndSelf().Where(n => n is MemberDeclarationSyntax || n is VariableDeclaratorSyntax))
            {
                if (declaration is TypeDeclarationSyntax holder && holder.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsShape))
                {
                    continue; // a class of several shapes: only the member itself says which of them run it
                }

                if (model.GetDeclaredSymbol(declaration) is { } symbol)
                {
                    enclosing.Add(symbol.OriginalDefinition);
                }
            }

            return _uses.Where(u => u.Uses.Overlaps(enclosing)).Select(u => u.Name).ToList();
        }

        /// <summary>Every symbol the shape method names, with the types containing them and the base types of each type.</summary>
        private static HashSet<ISymbol> UsedSymbols(SemanticModel model, MethodDeclarationSyntax method)
        {
            var used = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var node in method.DescendantNodesAndSelf())
            {
                var symbol = node is MethodDeclarationSyntax ? null : model.GetSymbolInfo(node).Symbol;
                switch (symbol ?? (node is ParameterSyntax p ? model.GetDeclaredSymbol(p) : null))
                {
                    case IParameterSymbol parameter:
                        Add(used, parameter.Type);
                        continue;
                    case ILocalSymbol local:
                        Add(used, local.Type);
                        continue;
                    case IRangeVariableSymbol:
                        continue;
                }

                for (var s = symbol?.OriginalDefinition; s != null; s = s.ContainingType)
                {
                    Add(used, s);
                    Add(used, (s as IMethodSymbol)?.ReturnType ?? (s as IPropertySymbol)?.Type ?? (s as IFieldSymbol)?.Type);
                }
            }

            return used;
        }

        private static void Add(HashSet<ISymbol> used, ISymbol? symbol)
        {
            if (symbol is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    Add(used, argument);
                }

                for (var t = named.OriginalDefinition; t != null && t.SpecialType != SpecialType.System_Object; t = t.BaseType?.OriginalDefinition)
                {
                    used.Add(t);
                }
            }
            else if (symbol != null)
            {
                used.Add(symbol);
            }
        }

        private static bool IsShape(MethodDeclarationSyntax method) => method.AttributeLists
            .SelectMany(l => l.Attributes)
            .Any(a => a.Name.ToString() is "Shape" or "ShapeAttribute" or "Sales.Conformance.Shape" or "Sales.Conformance.ShapeAttribute");

        private static string NameOf(MethodDeclarationSyntax method) =>
            ((TypeDeclarationSyntax)method.Parent!).Identifier.ValueText + "." + method.Identifier.ValueText;
    }
}
