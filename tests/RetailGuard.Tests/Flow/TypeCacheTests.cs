using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// The per-compilation caches of facts about types are keyed by reference. Roslyn gives each symbol its own instance of a
    /// type read with a nullable annotation other than the type's default (every reference type in a nullable-enabled
    /// file); the caches must still hold one entry per type, or they miss and grow with every parameter and property.
    /// </summary>
    public class TypeCacheTests
    {
        [Fact]
        public async Task CarryingCache_HoldsOneEntryPerType_WhateverTheNullableAnnotation()
        {
            string source = "#nullable enable\npublic class Dto { public string Name { get; set; } = \"\"; }\npublic class Row { public Dto Item { get; set; } = new Dto(); }\npublic class C {\n" +
                string.Concat(Enumerable.Range(0, 30).Select(i => $"public void M{i}(Row s, Row? t, Dto d, Dto? e, string u, string? v) {{ }}\n")) + "}";
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Cache",
                new[] { CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(TestDomain.Source) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            var graph = AnalysisContext.For(compilation, policy).Taint.Graph;
            var methods = compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name.StartsWith("M")).ToList();

            // Parameters of the same type are read as different instances here.
            Assert.NotSame(methods[0].Parameters[0].Type, methods[1].Parameters[0].Type);
            foreach (var method in methods)
            {
                foreach (var parameter in method.Parameters)
                {
                    Assert.True(graph.IsCarrying(parameter.Type));
                }
            }

            // Row and Dto; string is decided by its special type, without the cache.
            Assert.Equal(2, graph.CarryingEntries);
        }

        [Fact]
        public async Task CarryingCache_DecidesConstructedTypesByIdentity_WithoutAnEntryPerInstance()
        {
            string source = "using System.Collections.Generic;\npublic class Row { public string Name { get; set; } = \"\"; }\npublic class C {\n" +
                "public static List<T> Of<T>(T item) => new List<T> { item };\n" +
                string.Concat(Enumerable.Range(0, 30).Select(i => $"public object M{i}(Row r) => Of(r);\n")) + "}";
            var (compilation, tree, graph) = await CompileAsync(source);
            var model = compilation.GetSemanticModel(tree);
            var results = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
                .Select(call => model.GetTypeInfo(call).Type!).ToList();

            // Each call's result is its own instance of List<Row>.
            Assert.Equal(30, results.Count);
            Assert.NotSame(results[0], results[1]);
            Assert.All(results, type => Assert.True(graph.IsCarrying(type)));

            // Decided once, by identity: none of the thirty instances is kept by reference.
            Assert.Equal(0, graph.CarryingEntries);
        }

        [Fact]
        public async Task BuiltInTypesAndOtherAssemblysProperties_AreDecidedWithoutACacheEntry()
        {
            string source = "public class C { public int M(string s, System.Collections.Generic.List<int> l) => s.Length + l.Count + System.DateTime.Now.Day; }";
            var (compilation, tree, graph) = await CompileAsync(source);
            var reads = PropertiesRead(compilation, tree);

            // string.Length, List<int>.Count, DateTime.Now, DateTime.Day.
            Assert.Equal(4, reads.Count);
            foreach (var property in reads)
            {
                var read = graph.Read(property);
                Assert.False(read.IsSource);
                Assert.True(read.TakesFrom.IsEmpty);
                Assert.False(graph.IsGuardedType(property.Type));
            }

            Assert.False(graph.IsGuardedType(compilation.GetSpecialType(SpecialType.System_Object)));
            Assert.False(graph.IsGuardedType(compilation.GetSpecialType(SpecialType.System_Void)));

            // The last one, DateTime (a struct of another assembly), needs the cache: everything else is decided by kind or assembly.
            Assert.Equal(2, graph.GuardedAndReadEntries);
        }

        [Fact]
        public async Task OwnPropertiesOfBuiltInTypes_AreDecidedWithoutACacheEntry()
        {
            string source = @"public class Row { public int Id { get; set; } public decimal Total { get; set; } public bool Active { get; set; } public string Name { get; set; } }
public class C { public object M(Row r) => r.Id + r.Total + (r.Active ? 1 : 0) + r.Name; }";
            var (compilation, tree, graph) = await CompileAsync(source);
            var reads = PropertiesRead(compilation, tree);

            Assert.Equal(4, reads.Count);
            foreach (var property in reads)
            {
                var read = graph.Read(property);
                Assert.False(read.IsSource);

                // Only the string can carry a column across a call: its getter is a body the facts walk takes data from.
                Assert.Equal(property.Type.SpecialType == SpecialType.System_String, !read.TakesFrom.IsEmpty);
            }

            // Row.Name's read is the only entry: int, decimal and bool are decided by kind.
            Assert.Equal(1, graph.GuardedAndReadEntries);
        }

        [Fact]
        public async Task IsInSource_AgreesWithTheDeclaringSyntax_ForEverySymbolTheCodeUses()
        {
            // Declared, implicitly declared and constructed members: records, primary constructors, default constructors,
            // anonymous types and their getters, tuples, lambdas, local functions, reduced extensions, operators, events.
            string source = @"using System; using System.Collections.Generic; using System.Linq;
public record Point(int X, int Y);
public class Plain { public event EventHandler? Changed; public static Plain operator +(Plain a, Plain b) => a; public int this[int i] => i; }
public class Box<T> { public T? Value { get; set; } public U Map<U>(Func<T?, U> f) => f(Value); }
public static class Ext { public static int Twice(this int x) => x * 2; }
public class Service(string name)
{
    public object Use(List<int> items)
    {
        var p = new Point(1, 2) with { X = 3 };
        var plain = new Plain() + new Plain();
        var box = new Box<string> { Value = name };
        var anon = new { A = 1, B = ""b"" };
        (int First, string Second) tuple = (anon.A, anon.B);
        int Local(int v) => v.Twice();
        Func<int, int> lambda = v => Local(v) + plain[v];
        plain.Changed += (s, e) => { };
        return (p.X, p.Equals(p), p.ToString(), box.Map(v => v!.Length), tuple.First, lambda(items.Count), items.Select(i => i.Twice()).Sum(), anon.GetHashCode());
    }
}";
            var (compilation, tree, _) = await CompileAsync(source);
            var context = AnalysisContext.For(compilation, PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation));
            var model = compilation.GetSemanticModel(tree);
            var symbols = tree.GetRoot().DescendantNodes()
                .SelectMany(node => new[] { model.GetSymbolInfo(node).Symbol, model.GetDeclaredSymbol(node), model.GetTypeInfo(node).Type })
                .Where(symbol => symbol != null).Distinct(SymbolEqualityComparer.IncludeNullability).ToList();
            var members = symbols.OfType<INamedTypeSymbol>().SelectMany(type => type.GetMembers()).ToList();

            // The parameters of synthesized members (the record's Equals(Point? other), Deconstruct's out parameters) are not
            // implicitly declared, yet have no syntax.
            members.AddRange(members.OfType<IMethodSymbol>().SelectMany(method => method.Parameters).ToList());

            Assert.Contains(members, m => m.IsImplicitlyDeclared && SymbolEqualityComparer.Default.Equals(m.ContainingAssembly, compilation.Assembly));
            foreach (var symbol in symbols.Concat(members))
            {
                bool declared = SymbolEqualityComparer.Default.Equals(symbol!.ContainingAssembly, compilation.Assembly) && !symbol.DeclaringSyntaxReferences.IsEmpty;
                Assert.True(declared == context.IsInSource(symbol), symbol.ToDisplayString() + " (" + symbol.Kind + ")");
            }
        }

        /// <summary>The properties the tree's member accesses read, in source order.</summary>
        private static System.Collections.Generic.List<IPropertySymbol> PropertiesRead(CSharpCompilation compilation, SyntaxTree tree)
        {
            var model = compilation.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax>()
                .Select(access => model.GetSymbolInfo(access).Symbol).OfType<IPropertySymbol>().ToList();
        }

        /// <summary>The source compiled with the test domain against the real packages, and the call graph of its analysis.</summary>
        [Fact]
        public async Task SequenceElementOfAConstructedType_IsTheOneItsInterfacesName()
        {
            // Constructed types decided from their generic definition must agree with what their own interfaces say: the
            // element is a type argument (List<T>), another type (KeyValuePair<K, V>), a type parameter of a containing type,
            // a later type argument, or there is none (Task<T>, Func<T>).
            string source = @"using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
public class Row { }
public class Rows<T> : IEnumerable<T> { public IEnumerator<T> GetEnumerator() => null!; IEnumerator IEnumerable.GetEnumerator() => null!; }
public class Two<A, B> : IEnumerable<B> { public IEnumerator<B> GetEnumerator() => null!; IEnumerator IEnumerable.GetEnumerator() => null!; }
public class Pairs<T> : IEnumerable<KeyValuePair<T, T>> { public IEnumerator<KeyValuePair<T, T>> GetEnumerator() => null!; IEnumerator IEnumerable.GetEnumerator() => null!; }
public class Outer<T> { public class Inner<U> : IEnumerable<T> { public IEnumerator<T> GetEnumerator() => null!; IEnumerator IEnumerable.GetEnumerator() => null!; } }
public abstract class Mixed<T> : IEnumerable<string>, IQueryable<T> { public abstract IEnumerator<string> GetEnumerator(); IEnumerator<T> IEnumerable<T>.GetEnumerator() => null!; IEnumerator IEnumerable.GetEnumerator() => null!; public System.Type ElementType => null!; public System.Linq.Expressions.Expression Expression => null!; public IQueryProvider Provider => null!; }
public class C {
    public void M(List<Row> a, Dictionary<int, Row> b, HashSet<Row> c, Task<Row> d, System.Func<Row> e, IQueryable<Row> f, Rows<Row> g,
        Two<int, Row> h, Pairs<Row> i, Outer<Row>.Inner<int> j, Mixed<Row> k, List<Row> a2, Task<List<Row>> l, System.Lazy<Row> m, Mixed<int> n) { }
}";
            var (compilation, _, _) = await CompileAsync(source);
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            var ef = AnalysisContext.For(compilation, policy).Ef;
            var method = compilation.GetTypeByMetadataName("C")!.GetMembers("M").OfType<IMethodSymbol>().Single();
            var enumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1")!;
            var queryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable`1")!;
            int sequences = 0;
            foreach (var parameter in method.Parameters)
            {
                var type = (INamedTypeSymbol)parameter.Type;
                var all = type.AllInterfaces;
                var expected = all.FirstOrDefault(x => SymbolEqualityComparer.Default.Equals(x.OriginalDefinition, queryable))?.TypeArguments[0] ??
                               all.FirstOrDefault(x => SymbolEqualityComparer.Default.Equals(x.OriginalDefinition, enumerable))?.TypeArguments[0];
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, queryable))
                {
                    expected = type.TypeArguments[0];
                }

                for (int round = 0; round < 2; round++)
                {
                    bool found = ef.IsSequence(type, out var element);
                    Assert.True(found == (expected != null), parameter.Name);
                    if (expected != null)
                    {
                        Assert.True(SymbolEqualityComparer.Default.Equals(expected, element), $"{parameter.Name}: {element} instead of {expected}");
                    }
                }

                sequences += expected != null ? 1 : 0;
            }

            // a, b, c, f, g, h, i, j, k, a2, n.
            Assert.Equal(11, sequences);
        }

        private static async Task<(CSharpCompilation Compilation, SyntaxTree Tree, RetailGuard.Flow.CallGraph Graph)> CompileAsync(string source)
        {
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("Types", new[] { tree, CSharpSyntaxTree.ParseText(TestDomain.Source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            return (compilation, tree, AnalysisContext.For(compilation, policy).Taint.Graph);
        }
    }
}
