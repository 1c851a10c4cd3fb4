using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;
using Xunit;

using RetailGuard.Tests.Infrastructure;

namespace RetailGuard.Tests.Sql
{
    /// <summary>The catalog of SQL objects: parsed once per content, each summary computed once, depth and cycles bounded on worst-case call graphs.</summary>
    public class SqlCatalogTests
    {
        private const string Filter = "retailer_code = @r AND contract_kind <> 'LAST_RESORT'";

        private static PolicyModel Policy()
        {
            string json = @"{ ""ownRetailer"": { ""codes"": [""R0001""] },
                ""protectedTables"": [ { ""table"": ""customers"", ""retailerColumn"": ""retailer_code"",
                    ""excluded"": [ { ""column"": ""contract_kind"", ""values"": [""LAST_RESORT""] } ] } ] }";
            return PolicyModel.Bind(PolicyDocument.Parse("retailguard.json", SourceText.From(json)), Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("x"));
        }

        private static SqlCatalog Catalog(PolicyModel policy, params (string Path, string Text)[] files) =>
            SqlCatalog.Build(policy, new AnalyzerOptions(files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray()), CancellationToken.None);

        private static string[] Verdicts(SqlCatalog catalog, PolicyModel policy, string procedure, Operand? own = null)
        {
            var check = SqlChecker.CheckProcedureCall(SqlObjectName.Parse(procedure)!.Value, 0, procedure.Length, policy, catalog,
                name => name.TrimStart('@') == "r" ? own ?? Operand.OwnFrom("R0001", null) : null, CancellationToken.None);
            return check.Reads.Select(r => r.Unverifiable != null ? "unverifiable"
                : RequirementEvaluator.Evaluate(Requirement.ForTable(r.Protected!), r.Predicate).Kind.ToString()).ToArray();
        }

        [Fact]
        public void WideSharedCallGraph_EachSummaryIsComputedOnce()
        {
            // 15 levels of 20 procedures, each calling every procedure of the next level: 20^14 paths, 300 objects.
            const int levels = 15, width = 20;
            var files = new (string, string)[levels * width];
            for (int level = 0; level < levels; level++)
            {
                for (int i = 0; i < width; i++)
                {
                    var body = new StringBuilder($"CREATE PROCEDURE dbo.p{level}_{i} @r CHAR(5) AS\nBEGIN\n");
                    if (level == levels - 1)
                    {
                        body.Append("  SELECT * FROM customers WHERE ").Append(Filter).Append(";\n");
                    }
                    else
                    {
                        for (int j = 0; j < width; j++)
                        {
                            body.Append($"  EXEC dbo.p{level + 1}_{j} @r = @r;\n");
                        }
                    }

                    files[(level * width) + i] = ($"/sql/p{level}_{i}.sql", body.Append("END").ToString());
                }
            }

            var policy = Policy();
            var catalog = Catalog(policy, files);
            Assert.Equal(new[] { "Satisfied" }, Verdicts(catalog, policy, "dbo.p0_0"));
            Assert.Equal(new[] { "NotOwn" }, Verdicts(catalog, policy, "dbo.p0_1", Operand.Parameter("code")));
            Assert.Equal(((levels - 1) * width) + 2, catalog.SummaryCount);
        }

        [Fact]
        public void LongCallChain_IsCutAtTheDepthLimit_WithoutRecursion()
        {
            const int length = 2000;
            var files = Enumerable.Range(0, length).Select(i => ($"/sql/c{i}.sql", i < length - 1
                ? $"CREATE PROCEDURE dbo.c{i} @r CHAR(5) AS EXEC dbo.c{i + 1} @r"
                : $"CREATE PROCEDURE dbo.c{i} @r CHAR(5) AS SELECT * FROM customers WHERE {Filter}")).ToArray();
            var policy = Policy();
            var catalog = Catalog(policy, files);
            Assert.Equal(new[] { "unverifiable" }, Verdicts(catalog, policy, "dbo.c0"));
            Assert.Equal(new[] { "unverifiable" }, Verdicts(catalog, policy, "dbo.c1983"));
            Assert.Equal(new[] { "Satisfied" }, Verdicts(catalog, policy, "dbo.c1984"));
            Assert.Equal(16, catalog.SummaryCount);
        }

        [Fact]
        public void CallCycles_ShareOneDepth_AndAreBounded()
        {
            var policy = Policy();
            var catalog = Catalog(policy,
                ("/sql/a.sql", "CREATE PROCEDURE dbo.a @r CHAR(5) AS BEGIN SELECT * FROM customers WHERE " + Filter + "; EXEC dbo.b @r; END"),
                ("/sql/b.sql", "CREATE PROCEDURE dbo.b @r CHAR(5) AS BEGIN EXEC dbo.c @r; EXEC dbo.a 'R0002'; END"),
                ("/sql/c.sql", "CREATE PROCEDURE dbo.c @r CHAR(5) AS EXEC dbo.a @r"));
            foreach (var name in new[] { "a", "b", "c" })
            {
                var definition = catalog.Find(new SqlObjectName("dbo", name), true, false, false, false).Single();
                Assert.Equal(3, catalog.Depth(definition, CancellationToken.None));
            }

            Assert.Contains("unverifiable", Verdicts(catalog, policy, "dbo.b"));
        }

        [Fact]
        public void FilesAreParsedOncePerContent()
        {
            var text = SourceText.From("CREATE VIEW v AS SELECT * FROM customers");
            var first = SqlSourceFile.Get("/sql/v.sql", text, "tsql", CancellationToken.None);
            Assert.Same(first, SqlSourceFile.Get("/sql/v.sql", text, "tsql", CancellationToken.None));
            Assert.Single(first.Definitions);
            Assert.Equal(SqlObjectKind.View, first.Definitions[0].Kind);
        }

        [Theory]
        [InlineData("dbo.usp_x", "dbo", "usp_x")]
        [InlineData(" [dbo].[usp x] ; ", "dbo", "usp x")]
        [InlineData("\"sales\".\"usp\"", "sales", "usp")]
        [InlineData("server.db.dbo.usp", "dbo", "usp")]
        [InlineData("usp_x", null, "usp_x")]
        public void ProcedureNames_Parse(string text, string? schema, string name)
        {
            var parsed = SqlObjectName.Parse(text);
            Assert.NotNull(parsed);
            Assert.Equal(schema, parsed!.Value.Schema);
            Assert.Equal(name, parsed.Value.Name);
        }

        [Theory]
        [InlineData("SELECT * FROM customers")]
        [InlineData("dbo.usp; DROP TABLE x")]
        [InlineData("[unclosed")]
        [InlineData("a.b.c.d.e")]
        [InlineData("")]
        public void NotProcedureNames(string text) => Assert.Null(SqlObjectName.Parse(text));
    }
}
