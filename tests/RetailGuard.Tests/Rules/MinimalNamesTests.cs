using System.Collections.Generic;
using System.IO;
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

            // Usings at the top only: files in other namespaces share a name unless a namespace around them holds one.
            @"using N.Data;
namespace M.Web { class P { int F() => 0; } }",
            @"namespace N.Data.Inner { class Q { int F() => 0; } }",
            @"namespace M.Web { class Q2 { int F() => 0; } }",
            @"using N.Data;
namespace N.Other.Deep { class R { int F() => 0; } }",
            @"using N.Data;
namespace N.Api.Sql.X { class S { int F() => 0; } }",
            @"using N.Data;
namespace N.Api.Other { class T { int F() => 0; } }",
            @"using N.Data;
namespace M.Api { class Sql<T> { } class T2 { int F() => 0; } }",
            @"using N.Data;
namespace M.Hidden { class Sql { } class U { int F() => 0; } }",
            @"using N.Data;
class W { int F() => 0; }",
            @"using N.Data;
namespace M.Scoped;
class X { int F() => 0; }",
            @"namespace M.Inside { using N.Data; class Y { int F() => 0; } }",
            @"namespace M.Inside2 { using N.Other; class Z { int F() => 0; } }",
        };

        [Fact]
        public void EveryPosition_GetsRoslynsName()
        {
            Assert.Empty(Differences(Library, Files, "N.Data.Sql"));
        }

        /// <summary>
        /// Namespaces around a position hold what referenced assemblies put there too (the framework's <c>System</c>, a
        /// shared company assembly, a project reference), and the displayed type can itself come from an assembly.
        /// </summary>
        [Fact]
        public void EveryPosition_GetsRoslynsName_WhenReferencedAssembliesShareTheNamespaces()
        {
            var shared = Emit("Contoso.Shared", @"
namespace Contoso.Retail { public static class Retailers { public const string Old = """"; } }
namespace Contoso.Retailers.Legacy { public class X { } }
namespace M.Hidden { internal class Sql { } public class P { } }
namespace M.Gen { public class Sql<T> { } }");
            var common = Emit("Contoso.Common", "namespace Contoso.Common { public static class Retailers { public const string Acme = \"acme\"; } }");
            var project = CSharpCompilation.Create("Contoso.Project",
                new[] { CSharpSyntaxTree.ParseText("namespace Fabrikam.Retail { public static class Retailers { } }") },
                new[] { Corlib }, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
            var references = new[] { shared, common, project };

            var differences = new List<string>();
            differences.AddRange(Differences("namespace N.Data { public static class Math { public const int Own = 1; } }", new[]
            {
                "using N.Data;\nnamespace M.Web { class A { int F() => 0; } }",
                "using N.Data;\nnamespace System.Web { class B { int F() => 0; } }",
                "using N.Data;\nnamespace M.Web { class A2 { int F() => 0; } }",
            }, "N.Data.Math", references));
            differences.AddRange(Differences("namespace Contoso.Retail.Own { public static class Retailers { public const string Acme = \"acme\"; } }", new[]
            {
                "using Contoso.Retail.Own;\nnamespace Contoso.Orders { class A { string F() => \"\"; } }",
                "using Contoso.Retail.Own;\nnamespace Contoso.Retail.Web { class B { string F() => \"\"; } }",
                "using Contoso.Retail.Own;\nnamespace Fabrikam.Orders { class C { string F() => \"\"; } }",
                "using Contoso.Retail.Own;\nnamespace Fabrikam.Retail.Web { class D { string F() => \"\"; } }",
                "using Contoso.Retail.Own;\nnamespace Contoso.Web { class E { string F() => \"\"; } }",
            }, "Contoso.Retail.Own.Retailers", references));
            differences.AddRange(Differences("namespace Lib { }", new[]
            {
                "namespace Contoso.Common.Web { class A { string F() => \"\"; } }",
                "namespace Contoso.Orders { class B { string F() => \"\"; } }",
                "using Contoso.Common;\nnamespace Contoso.Orders { class C { string F() => \"\"; } }",
            }, "Contoso.Common.Retailers", references));
            differences.AddRange(Differences(Library, new[]
            {
                "using N.Data;\nnamespace Q.Web { class A { int F() => 0; } }",
                "using N.Data;\nnamespace M.Hidden.Web { class B { int F() => 0; } }",
                "using N.Data;\nnamespace M.Gen.Web { class C { int F() => 0; } }",
                "using N.Data;\nnamespace Q.Web { class D { int F() => 0; } }",
            }, "N.Data.Sql", references));
            Assert.Empty(differences);
        }

        private static MetadataReference Corlib { get; } = MetadataReference.CreateFromFile(typeof(object).Assembly.Location);

        /// <summary>An assembly built from <paramref name="source"/>, referenced as a file would be (from its image).</summary>
        private static MetadataReference Emit(string name, string source)
        {
            var compilation = CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, new[] { Corlib },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        }

        /// <summary>
        /// Every position of <paramref name="files"/> where <see cref="MinimalNames.Of"/> and Roslyn write
        /// <paramref name="typeName"/> differently, with and without a model that ignores accessibility; the files are
        /// compiled with <paramref name="library"/> and must compile.
        /// </summary>
        private static List<string> Differences(string library, string[] files, string typeName, MetadataReference[]? references = null)
        {
            var trees = new[] { CSharpSyntaxTree.ParseText(library, path: "lib.cs") }
                .Concat(files.Select((text, i) => CSharpSyntaxTree.ParseText(text, path: "f" + i + ".cs"))).ToArray();
            var compilation = CSharpCompilation.Create("T", trees, new[] { Corlib }.Concat(references ?? new MetadataReference[0]),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var differences = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            var type = compilation.GetTypeByMetadataName(typeName);
            Assert.NotNull(type);
            foreach (bool ignoreAccessibility in new[] { false, true })
            {
                foreach (var tree in trees.Skip(1))
                {
                    var model = compilation.GetSemanticModel(tree, ignoreAccessibility);
                    foreach (int position in Positions(tree))
                    {
                        string expected = type!.ToMinimalDisplayString(model, position);
                        string actual = MinimalNames.Of(type, model, position);
                        if (expected != actual)
                        {
                            differences.Add($"{tree.FilePath}@{position} (ignore accessibility: {ignoreAccessibility}): Roslyn '{expected}', RetailGuard '{actual}'");
                        }
                    }
                }
            }

            return differences;
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
