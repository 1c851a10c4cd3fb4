using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// <see cref="MinimalNames.Of"/> against Roslyn's own <c>ToMinimalDisplayString</c>, at every token and at positions in
    /// trivia, over files that hide the type's name or its namespace in every way the lookup can see: locals, parameters,
    /// properties, nested types, type parameters, aliases (hidden or not), file-local types, crefs and a model that ignores
    /// accessibility. Files are visited in order, so each later position meets what the earlier ones stored.
    /// </summary>
    public class MinimalNamesTests
    {
        private const string Library = @"
namespace N.Data { public class Sql { public static int Own; } public class Holder { private class Sql { } } }
namespace N.Other { public class Sql { } }";

        /// <summary>
        /// Members mostly do not spell the type's name, so that their positions share what earlier ones stored unless the
        /// lookup's scope says otherwise.
        /// </summary>
        private static readonly string[] Files =
        {
            @"using N.Data;
namespace N.Web { class A { int F() => 0; int G() { int x = 1; return x; } } }",
            @"using N.Data;
namespace N.Web { class B { public int Sql => 0; int F() => 1; } }",
            @"using N.Data;
using Db = N.Data.Sql;
namespace N.Web { class E { int F() => 0; int G<Db>() => 0; } }",
            @"namespace N.Web { class F { public int Data => 0; int G() => 0; } class G2 { int H() => 0; } }",
            @"using N.Data;
file class Sql { }
namespace N.Web { class H { int F() => 0; } }",
            @"using N.Data;
namespace N.Web { class I {
    /// <see cref=""M{Sql}""/>
    public int Fill() => 0;
    void M<T>() { } } }",
            @"using N.Data;
using static N.Data.Holder;
namespace N.Web { class J { int F() => 0; } }",
            @"using N.Data;
namespace N.Web { class C<Sql> { int F() => 0; } class L { int F() { int Sql = 1; return Sql; } } record K(int Sql) { int F() => 0; } }",
        };

        [Fact]
        public void EveryPosition_GetsRoslynsName()
        {
            var trees = new[] { CSharpSyntaxTree.ParseText(Library, path: "lib.cs") }
                .Concat(Files.Select((text, i) => CSharpSyntaxTree.ParseText(text, path: "f" + i + ".cs"))).ToArray();
            var compilation = CSharpCompilation.Create("T", trees, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var type = compilation.GetTypeByMetadataName("N.Data.Sql")!;
            var differences = new List<string>();
            foreach (bool ignoreAccessibility in new[] { false, true })
            {
                foreach (var tree in trees.Skip(1))
                {
                    var model = compilation.GetSemanticModel(tree, ignoreAccessibility);
                    foreach (int position in Positions(tree))
                    {
                        string expected = type.ToMinimalDisplayString(model, position);
                        string actual = MinimalNames.Of(type, model, position);
                        if (expected != actual)
                        {
                            differences.Add($"{tree.FilePath}@{position} (ignore accessibility: {ignoreAccessibility}): Roslyn '{expected}', RetailGuard '{actual}'");
                        }
                    }
                }
            }

            Assert.Empty(differences);
        }

        /// <summary>The start of every token and every position inside trivia (comments, doc comments).</summary>
        private static IEnumerable<int> Positions(SyntaxTree tree)
        {
            var root = tree.GetRoot();
            foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
            {
                yield return token.SpanStart;
            }

            foreach (var trivia in root.DescendantTrivia())
            {
                for (int p = trivia.SpanStart; p < trivia.Span.End; p += 3)
                {
                    yield return p;
                }
            }
        }
    }
}
