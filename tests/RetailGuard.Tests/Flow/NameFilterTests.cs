using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RetailGuard.Flow;
using Xunit;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// The name filter behind call-site searches: a tree that contains a word is always a candidate for it, and a tree's
    /// text is scanned once however many compilations share it (in the IDE every edit makes a new compilation with the
    /// other trees unchanged).
    /// </summary>
    public class NameFilterTests
    {
        private static readonly SyntaxTree Orders = CSharpSyntaxTree.ParseText("class OrderExport { void WriteOrders() { var customerId = 1; } }", path: "orders.cs");
        private static readonly SyntaxTree Escaped = CSharpSyntaxTree.ParseText("class E { void \\u0057riteOrders() { } }", path: "escaped.cs");
        private static readonly SyntaxTree Plain = CSharpSyntaxTree.ParseText("class Plain { int Count() => 0; object Make() => new(); }", path: "plain.cs");

        [Fact]
        public void TreeWithTheWord_IsACandidate_AndATreeWithoutItIsNot()
        {
            var filter = NameFilter.Build(CSharpCompilation.Create("A", new[] { Orders, Plain }), CancellationToken.None);

            Assert.Equal(new[] { "orders.cs" }, filter.TreesWith("WriteOrders").Select(t => t.FilePath).ToArray());
            Assert.Equal(new[] { "orders.cs" }, filter.TreesWith("customerId").Select(t => t.FilePath).ToArray());
            Assert.Equal(new[] { "plain.cs" }, filter.TreesWithImplicitNew().Select(t => t.FilePath).ToArray());
        }

        [Fact]
        public void TreeWithAUnicodeEscape_IsACandidateForEveryName()
        {
            var filter = NameFilter.Build(CSharpCompilation.Create("B", new[] { Escaped, Plain }), CancellationToken.None);

            Assert.Contains(filter.TreesWith("WriteOrders"), t => t.FilePath == "escaped.cs");
            Assert.Contains(filter.TreesWith("AnyOtherName"), t => t.FilePath == "escaped.cs");
        }

        [Fact]
        public void SameText_InAnotherCompilation_IsNotScannedAgain()
        {
            var first = NameFilter.Build(CSharpCompilation.Create("C1", new[] { Orders, Plain }), CancellationToken.None);
            var edited = Plain.WithChangedText(Plain.GetText().Replace(0, 0, "// edited\n"));
            var second = NameFilter.Build(CSharpCompilation.Create("C2", new[] { Orders, edited }), CancellationToken.None);

            Assert.Same(first.FilterOf(0), second.FilterOf(0));
            Assert.NotSame(first.FilterOf(1), second.FilterOf(1));
        }
    }
}
