using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Sql;
using Xunit;

using RetailGuard.Tests.Infrastructure;

namespace RetailGuard.Tests.Sql
{
    /// <summary>
    /// The prescan that decides, without parsing, that SQL text cannot read a guarded table: it may skip only text in which
    /// the parser would find no protected, restricted, sanctioned or project-defined name. Each skip is checked against the
    /// full parse.
    /// </summary>
    public class SqlNameScanTests
    {
        private const string ViewFile = "CREATE VIEW dbo.all_customers AS SELECT * FROM customers;\nGO\nCREATE PROCEDURE dbo.list_clients AS SELECT * FROM customers;\n";

        private static PolicyModel Policy(string dialect = "tsql", string table = "customers")
        {
            string json = @"{ ""ownRetailer"": { ""codes"": [""R0001""] }, ""sqlDialect"": """ + dialect + @""",
                ""protectedTables"": [ { ""table"": """ + table + @""", ""retailerColumn"": ""retailer_code"",
                    ""excluded"": [ { ""column"": ""contract_kind"", ""values"": [""LAST_RESORT""] } ], ""sanctionedViews"": [""own_customers""] } ],
                ""restrictedTables"": [ { ""table"": ""nw_eforms"" } ] }";
            var doc = PolicyDocument.Parse("retailguard.json", SourceText.From(json));
            Assert.Empty(doc.Errors);
            return PolicyModel.Bind(doc, Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("x"));
        }

        private static SqlCatalog Catalog(PolicyModel policy) =>
            SqlCatalog.Build(policy, new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("/p/Sql/objects.sql", ViewFile))), CancellationToken.None);

        /// <summary>True when the prescan sends the text to the parser; asserts that a skipped text has no read when parsed.</summary>
        private static bool Parsed(string sql, PolicyModel? policy = null, SqlCatalog? catalog = null)
        {
            policy ??= Policy();
            catalog ??= Catalog(policy);
            bool needed = SqlChecker.NeedsChecking(sql, policy, catalog);
            if (!needed)
            {
                var full = SqlChecker.CheckParsed(sql, policy, catalog, _ => null, false, CancellationToken.None);
                Assert.True(full.Reads.IsEmpty, $"skipped, but the parser finds {full.Reads.Length} read(s) in: {sql}");
            }

            return needed;
        }

        [Theory]
        [InlineData("SELECT * FROM customers")]
        [InlineData("SELECT * FROM CUSTOMERS")]
        [InlineData("SELECT * FROM [customers]")]
        [InlineData("SELECT * FROM \"Customers\"")]
        [InlineData("SELECT * FROM dbo.customers")]
        [InlineData("SELECT * FROM [dbo].[customers] c")]
        [InlineData("SELECT * FROM sales.dbo.customers")]
        [InlineData("SELECT * FROM #customers")]
        [InlineData("SELECT c.id FROM x JOIN customers c ON c.id = x.id")]
        [InlineData("SELECT * FROM nw_eforms")]
        [InlineData("SELECT * FROM own_customers")]
        [InlineData("SELECT * FROM all_customers")]
        [InlineData("SELECT * FROM [all_customers]")]
        [InlineData("list_clients")]
        [InlineData("EXEC anything")]
        [InlineData("EXECUTE('SELECT 1')")]
        [InlineData("SELECT dbo.rate(1)")]
        [InlineData("SELECT * FROM x WHERE name = 'customers'")]
        public void NamesAndCallsAreParsed(string sql) => Assert.True(Parsed(sql));

        [Theory]
        [InlineData("SELECT * FROM products")]
        [InlineData("SELECT * FROM customers_archive")]
        [InlineData("SELECT * FROM old_customers")]
        [InlineData("SELECT * FROM [customers2]")]
        [InlineData("SELECT * FROM products -- customers")]
        [InlineData("SELECT * FROM products /* customers */")]
        [InlineData("SELECT * FROM products /* customers\n JOIN customers */ WHERE 1 = 1")]
        [InlineData("SELECT id FROM products WHERE code = @code")]
        [InlineData("")]
        public void TextNamingNothingGuardedIsNotParsed(string sql) => Assert.False(Parsed(sql));

        [Theory]
        [InlineData("SELECT '--' AS a, * FROM customers")]
        [InlineData("SELECT '/*' AS a, * FROM customers -- */")]
        [InlineData("SELECT [a--b], * FROM customers")]
        [InlineData("SELECT \"x/*\" , * FROM customers")]
        [InlineData("SELECT 'it''s -- not a comment', * FROM customers")]
        [InlineData("SELECT 1 /* unterminated\n SELECT * FROM customers")]
        [InlineData("SELECT 1 /* a /* nested */ SELECT * FROM customers */")]
        public void CommentMarkersInsideLiteralsAndIdentifiersDoNotHideNames(string sql) => Assert.True(Parsed(sql));

        [Theory]
        [InlineData("mysql", "SELECT 1 -- customers")]
        [InlineData("mysql", "SELECT 'a\\'', '--' FROM `customers`")]
        [InlineData("postgres", "SELECT * FROM \"public\".\"customers\"")]
        [InlineData("postgres", "SELECT 1 /* customers */")]
        [InlineData("postgres", "SELECT * FROM U&\"\\0063ustomers\"")]
        [InlineData("sqlite", "SELECT * FROM 'customers'")]
        public void OtherDialectsReadCommentsAsText(string dialect, string sql)
        {
            var policy = Policy(dialect);
            Assert.True(Parsed(sql, policy, Catalog(policy)));
        }

        [Fact]
        public void NamesWithOtherCharactersAreFoundAsText()
        {
            var policy = Policy(table: "dbo.[customer accounts]");
            Assert.True(Parsed("SELECT * FROM [customer accounts]", policy));
            Assert.True(Parsed("SELECT * FROM \"Customer Accounts\"", policy));
            Assert.False(Parsed("SELECT * FROM accounts", policy));
        }

        [Fact]
        public void NamesInOtherScripts()
        {
            var policy = Policy(table: "顧客");
            Assert.True(Parsed("SELECT * FROM 顧客 WHERE id = 1", policy));
            Assert.True(Parsed("SELECT * FROM [顧客]", policy));
            Assert.False(Parsed("SELECT * FROM 顧客履歴", policy));
        }

        [Fact]
        public void ProjectObjectsAreNamesOnlyWithTheirCatalog()
        {
            var policy = Policy();
            Assert.False(SqlChecker.NeedsChecking("SELECT * FROM all_customers", policy, SqlCatalog.Empty));
            Assert.True(SqlChecker.NeedsChecking("SELECT * FROM all_customers", policy, Catalog(policy)));
        }

        /// <summary>
        /// Seeded random SQL made of names (guarded, look-alike, defined in the project), quoting, schema prefixes, literals
        /// and comment markers: every text the prescan skips is parsed here and must have no read.
        /// </summary>
        [Theory]
        [InlineData("tsql")]
        [InlineData("postgres")]
        [InlineData("mysql")]
        [InlineData("sqlite")]
        public void EverySkippedTextHasNoReadWhenParsed(string dialect)
        {
            var policy = Policy(dialect);
            var catalog = Catalog(policy);
            string[] names = { "customers", "Customers", "CUSTOMERS", "customers_archive", "xcustomers", "nw_eforms", "own_customers", "all_customers", "products", "orders", "list_clients" };
            string[] forms = { "{0}", "[{0}]", "\"{0}\"", "dbo.{0}", "[dbo].[{0}]", "#{0}", "{0}2" };
            string[] literals = { "--", "/*", "*/", "it''s", "customers", "a -- b", "/* customers */", "[x", "\"q" };
            string[] comments = { "-- {0}\n", "/* {0} */ ", "/* -- {0} */ ", "--/* {0}\n", "" };
            var random = new Random(15);
            int skipped = 0, parsed = 0;
            for (int n = 0; n < 3000; n++)
            {
                var text = new StringBuilder("SELECT ");
                text.Append('\'').Append(literals[random.Next(literals.Length)]).Append("' AS a, ");
                text.Append(random.Next(2) == 0 ? "[c--1]" : "\"c/*1\"").Append(", t0.id ");
                text.AppendFormat(comments[random.Next(comments.Length)], names[random.Next(names.Length)]);
                text.Append("FROM ").AppendFormat(forms[random.Next(forms.Length)], names[random.Next(names.Length)]).Append(" t0 ");
                int joins = random.Next(0, 3);
                for (int j = 1; j <= joins; j++)
                {
                    text.AppendFormat(comments[random.Next(comments.Length)], names[random.Next(names.Length)]);
                    text.Append("JOIN ").AppendFormat(forms[random.Next(forms.Length)], names[random.Next(names.Length)]).Append($" t{j} ON t{j}.id = t0.id ");
                }

                text.AppendFormat(comments[random.Next(comments.Length)], names[random.Next(names.Length)]);
                if (Parsed(text.ToString(), policy, catalog))
                {
                    parsed++;
                }
                else
                {
                    skipped++;
                }
            }

            // The corpus has both kinds, so the property is exercised.
            Assert.True(skipped > 100, $"{skipped} skipped");
            Assert.True(parsed > 100, $"{parsed} parsed");
        }

        [Fact]
        public void EachDistinctTextIsParsedOncePerCatalog()
        {
            var policy = Policy();
            var catalog = Catalog(policy);
            var first = SqlChecker.Check("SELECT * FROM customers WHERE id = 1", policy, catalog, _ => null, false, CancellationToken.None);
            var second = SqlChecker.Check("SELECT * FROM customers WHERE id = 1", policy, catalog, _ => null, false, CancellationToken.None);
            SqlChecker.Check("SELECT * FROM customers WHERE id = 2", policy, catalog, _ => null, false, CancellationToken.None);
            SqlChecker.Check("SELECT * FROM products", policy, catalog, _ => null, false, CancellationToken.None);
            Assert.Equal(2, catalog.Parses!.Count);
            Assert.Equal(first.Reads.Length, second.Reads.Length);
            Assert.Single(first.Reads);
            Assert.Null(SqlCatalog.Empty.Parses);
        }
    }
}
