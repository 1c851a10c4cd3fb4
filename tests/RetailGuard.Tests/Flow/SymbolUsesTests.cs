using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// The index of where each local and parameter is declared and referenced in one operation tree, behind following a
    /// query variable and the writes of a local: the same operations, in the same order, as a walk of the whole tree.
    /// </summary>
    public class SymbolUsesTests
    {
        private const string Source = @"
using System.Collections.Generic;
class C
{
    int M(int p, List<int> items, object o)
    {
        var q = p;
        q = q + 1;
        foreach (var item in items) { q += item; }
        if (o is int n) { q = n; }
        System.Func<int, int> f = x => x + q;
        return f(q);
    }
}";

        private static (IOperation Body, IMethodSymbol Method) Body()
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var compilation = CSharpCompilation.Create("U", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(System.Collections.Generic.List<>).Assembly.Location) });
            var model = compilation.GetSemanticModel(tree);
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
            return (model.GetOperation(declaration)!, model.GetDeclaredSymbol(declaration)!);
        }

        private static ISymbol Local(IOperation body, string name) =>
            body.Descendants().OfType<IVariableDeclaratorOperation>().Single(d => d.Symbol.Name == name).Symbol;

        [Fact]
        public void Uses_AreTheDeclaratorsPatternsAndReferences_OfTheWholeTree_InTreeOrder()
        {
            var (body, method) = Body();
            var q = Local(body, "q");

            var expected = body.Descendants().Where(op =>
                (op is IVariableDeclaratorOperation d && SymbolEqualityComparer.Default.Equals(d.Symbol, q)) ||
                (op is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, q))).ToArray();
            var uses = SymbolUses.Of(body, q);

            Assert.Equal(7, uses.Count);
            Assert.Equal(expected, uses);
            Assert.IsAssignableFrom<IVariableDeclaratorOperation>(uses[0]);

            var p = method.Parameters[0];
            Assert.IsAssignableFrom<IParameterReferenceOperation>(Assert.Single(SymbolUses.Of(body, p)));

            var n = body.Descendants().OfType<IDeclarationPatternOperation>().Single().DeclaredSymbol!;
            Assert.Equal(new[] { OperationKind.DeclarationPattern, OperationKind.LocalReference }, SymbolUses.Of(body, n).Select(u => u.Kind));

            var item = Local(body, "item");
            Assert.IsAssignableFrom<IForEachLoopOperation>(SymbolUses.Of(body, item)[0].Parent);
        }

        [Fact]
        public void UnknownSymbol_HasNoUses_AndATreeIsIndexedOnce()
        {
            var (body, method) = Body();

            Assert.Empty(SymbolUses.Of(body, method));
            var q = Local(body, "q");
            Assert.Same(SymbolUses.Of(body, q), SymbolUses.Of(body, q));
        }
    }
}
