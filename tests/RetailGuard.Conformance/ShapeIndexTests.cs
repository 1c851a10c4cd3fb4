using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Conformance.Static;
using Xunit;

namespace RetailGuard.Conformance
{
    /// <summary>Which shapes a finding belongs to, by where it sits.</summary>
    public class ShapeIndexTests
    {
        private const string Source = @"
namespace Sample
{
    public sealed class Shape : System.Attribute { }

    public class Context { public int Read() => 1; }

    public class DerivedContext : Context { }

    public static class KindShapes
    {
        [Shape] public static int First(Context db) => db.Read();
        [Shape] public static int Second(DerivedContext db) => 2;
        [Shape] public static int Third() => Counted + 3;
        private static readonly int Counted = 7;
        private static int Shared() => 4;
    }

    public static class OwnShape
    {
        private sealed class Repository { public int Load() => 5; }
        [Shape] public static int Run() => new Repository().Load();
    }

    public static class Unused { public static int Nothing() => 6; }
}";

        [Theory]
        [InlineData("db.Read()", "KindShapes.First")]
        [InlineData("public int Read() => 1", "KindShapes.First,KindShapes.Second")]
        [InlineData("public int Load() => 5", "OwnShape.Run")]
        [InlineData("private static int Shared() => 4", "")]
        [InlineData("Counted = 7", "KindShapes.Third")]
        [InlineData("public static int Nothing() => 6", "")]
        public void FindingBelongsToTheShapesThatRunIt(string code, string expected)
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var compilation = CSharpCompilation.Create(
                "Sample",
                new[] { tree },
                new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var index = ShapeIndex.Build(compilation);

            var shapes = index.ShapesAt(tree, new TextSpan(Source.IndexOf(code, StringComparison.Ordinal), code.Length));

            Assert.Equal(expected, string.Join(",", shapes.OrderBy(s => s, StringComparer.Ordinal)));
            Assert.Equal(4, index.Comments.Count);
        }
    }
}
