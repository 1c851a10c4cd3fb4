using System.Linq;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;

namespace RetailGuard.Tests.Policy
{
    public class PolicyDocumentTests
    {
        private static PolicyDocument Parse(string json) => PolicyDocument.Parse("retailguard.json", SourceText.From(json));

        [Fact]
        public void TestPolicy_ReadsEverySection()
        {
            var doc = Parse(TestDomain.PolicyWithSanctionedFilter);
            Assert.Empty(doc.Errors);
            Assert.Equal(new[] { "R0001" }, doc.OwnCodes);
            Assert.Equal(2, doc.OwnSymbols.Length);
            Assert.Equal(2, doc.ProtectedTables.Length);
            var customers = doc.ProtectedTables[0];
            Assert.Equal("customers", customers.Table.Value);
            Assert.Equal("RetailerCode", customers.RetailerProperty.Value);
            Assert.Equal("LAST_RESORT", Assert.Single(Assert.Single(customers.Excluded).Values));
            Assert.Equal("own_customers", Assert.Single(customers.SanctionedViews));
            Assert.Equal("nw_eforms", Assert.Single(doc.RestrictedTables).Table.Value);
            Assert.Single(doc.SanctionedFilters);
            Assert.Equal("tsql", doc.SqlDialect);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("\u0000\u0001garbage")]
        [InlineData("[1, 2")]
        [InlineData("{\"a\": tru}")]
        [InlineData("{\"a\": \"\\x\"}")]
        [InlineData("{\"a\": 1} trailing")]
        public void Garbage_IsUnreadableWithOneError(string json)
        {
            var doc = Parse(json);
            Assert.True(doc.IsUnreadable);
            Assert.Single(doc.Errors);
        }

        [Fact]
        public void SanctionedProcedures_NeedANameAndAReason()
        {
            var doc = Parse(@"{ ""ownRetailer"": { ""codes"": [""R0001""] }, ""sanctionedProcedures"": [
                { ""name"": ""dbo.usp_vendor"", ""reason"": ""vendor procedure, filters by session"" },
                { ""name"": ""dbo.usp_unexplained"" },
                { ""reason"": ""no name"" },
                { ""name"": ""x"", ""reason"": ""r"", ""schema"": ""dbo"" } ] }");
            Assert.Equal(new[] { "dbo.usp_vendor", "dbo.usp_unexplained", "x" }, doc.SanctionedProcedures.Select(p => p.Name.Value));
            Assert.Equal("vendor procedure, filters by session", doc.SanctionedProcedures[0].Reason);
            Assert.Equal(3, doc.Errors.Length);
            Assert.Contains(doc.Errors, e => e.Message.Contains("needs a 'reason'"));
            Assert.Contains(doc.Errors, e => e.Message.Contains("needs 'name'"));
            Assert.Contains(doc.Errors, e => e.Message.Contains("unknown property 'schema'"));
        }

        [Fact]
        public void DeepNesting_IsAnErrorNotACrash()
        {
            var doc = Parse(new string('[', 100_000));
            Assert.True(doc.IsUnreadable);
            Assert.Contains("nested too deeply", doc.Errors.Single().Message);
        }

        [Fact]
        public void CommentsAndBom_AreAccepted()
        {
            var doc = Parse("\uFEFF// policy\n{ \"ownRetailer\": { \"codes\": [\"R0001\"] } // own\n}");
            Assert.Empty(doc.Errors);
        }

        [Fact]
        public void SameText_IsParsedOnce()
        {
            var text = SourceText.From(TestDomain.Policy);
            var file = new InMemoryAdditionalText("/x/retailguard.json", text);
            Assert.Same(PolicyDocument.Get(file, default), PolicyDocument.Get(file, default));
        }

        private sealed class InMemoryAdditionalText : Microsoft.CodeAnalysis.AdditionalText
        {
            private readonly SourceText _text;

            public InMemoryAdditionalText(string path, SourceText text)
            {
                Path = path;
                _text = text;
            }

            public override string Path { get; }

            public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
        }
    }
}

namespace RetailGuard.Tests.Policy
{
    using Microsoft.CodeAnalysis.Text;
    using RetailGuard.Policy;
    using Xunit;

    public class PolicyCacheTests
    {
        private sealed class Text : Microsoft.CodeAnalysis.AdditionalText
        {
            private readonly SourceText _text;

            public Text(string content) => _text = SourceText.From(content);

            public override string Path => "/p/retailguard.json";

            public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
        }

        [Fact]
        public void SameContentInANewSourceText_IsParsedOnce()
        {
            string content = RetailGuard.Tests.Infrastructure.TestDomain.Policy + " ";
            Assert.Same(PolicyDocument.Get(new Text(content), default), PolicyDocument.Get(new Text(content), default));
        }
    }
}
