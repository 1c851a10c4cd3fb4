using System.Linq;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;
using Xunit;

namespace RetailGuard.Tests.Sql
{
    /// <summary>The Roslyn-free SQL layer: dialect normalization, parsing and lowering, judged by the evaluator.</summary>
    public class SqlCheckerTests
    {
        private static PolicyModel Policy(string dialect = "tsql", string table = "customers", string trusted = "")
        {
            string json = @"{ ""ownRetailer"": { ""codes"": [""R0001""] }, ""sqlDialect"": """ + dialect + @""",
                ""trustedParameters"": [" + trusted + @"],
                ""protectedTables"": [ { ""table"": """ + table + @""", ""retailerColumn"": ""retailer_code"",
                    ""excluded"": [ { ""column"": ""contract_kind"", ""values"": [""LAST_RESORT""] } ], ""sanctionedViews"": [""own_customers""] } ],
                ""restrictedTables"": [ { ""table"": ""nw_eforms"" } ] }";
            var doc = PolicyDocument.Parse("retailguard.json", SourceText.From(json));
            Assert.Empty(doc.Errors);
            var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("x");
            return PolicyModel.Bind(doc, compilation);
        }

        private static string[] Verdicts(string sql, PolicyModel? policy = null)
        {
            policy ??= Policy();
            var check = SqlChecker.Check(sql, policy, name => null, false, default);
            Assert.Null(check.Error);
            return check.Reads.Select(r => r.Restricted != null ? "restricted"
                : RequirementEvaluator.Evaluate(Requirement.ForTable(r.Protected!), r.Predicate).Kind.ToString()).ToArray();
        }

        private const string Full = "retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'";

        [Theory]
        [InlineData("postgres", "SELECT * FROM customers WHERE " + Full + " LIMIT 10 OFFSET 20")]
        [InlineData("postgres", "SELECT * FROM \"customers\" WHERE retailer_code = 'R0001'::text AND contract_kind <> 'LAST_RESORT' RETURNING id")]
        [InlineData("postgres", "SELECT * FROM customers WHERE " + Full + " AND name ILIKE :pattern")]
        [InlineData("sqlite", "SELECT * FROM customers WHERE " + Full + " AND id = ? LIMIT 5")]
        [InlineData("mysql", "SELECT * FROM `customers` WHERE " + Full + " LIMIT 5, 10")]
        [InlineData("oracle", "SELECT * FROM customers WHERE " + Full + " AND id = :id FETCH FIRST 10 ROWS ONLY")]
        [InlineData("tsql", "SELECT TOP 10 * FROM customers WHERE " + Full + " ORDER BY id OFFSET 5 ROWS FETCH NEXT 5 ROWS ONLY")]
        public void OtherDialects_AreNormalizedAndFiltered(string dialect, string sql) =>
            Assert.Equal(new[] { "Satisfied" }, Verdicts(sql, Policy(dialect)));

        [Theory]
        [InlineData("postgres", "SELECT * FROM customers LIMIT 10")]
        [InlineData("sqlite", "SELECT * FROM customers WHERE id = ?")]
        [InlineData("postgres", "SELECT * FROM customers WHERE id = $1")]
        [InlineData("mysql", "SELECT * FROM `CUSTOMERS` LIMIT 1")]
        public void OtherDialects_UnfilteredFires(string dialect, string sql) =>
            Assert.Equal(new[] { "MissingFilter" }, Verdicts(sql, Policy(dialect)));

        [Fact]
        public void RomanisedUpperCaseSchemaQualifiedNames()
        {
            var policy = Policy(table: "HANBAI.KOKYAKU");
            Assert.Equal(new[] { "MissingFilter" }, Verdicts("SELECT * FROM hanbai.kokyaku", policy));
            Assert.Equal(new[] { "MissingFilter" }, Verdicts("SELECT * FROM [KOKYAKU]", policy));
            Assert.Empty(Verdicts("SELECT * FROM other.kokyaku", policy));
        }

        [Fact]
        public void TrustedParameters_CountAsOwn()
        {
            var policy = Policy(trusted: "\"@own_code\"");
            Assert.Equal(new[] { "Satisfied" }, Verdicts("SELECT * FROM customers WHERE retailer_code = @own_code AND contract_kind <> 'LAST_RESORT'", policy));
            Assert.Equal(new[] { "NotOwn" }, Verdicts("SELECT * FROM customers WHERE retailer_code = @other AND contract_kind <> 'LAST_RESORT'", policy));
        }

        [Fact]
        public void RestrictedAndViews()
        {
            Assert.Equal(new[] { "restricted" }, Verdicts("SELECT * FROM nw_eforms"));
            // A read through the sanctioned view meets the policy (and is recorded, for the inventory).
            Assert.Equal(new[] { "Satisfied" }, Verdicts("SELECT * FROM own_customers"));
        }

        [Fact]
        public void LocationsAreInTheOriginalText()
        {
            string sql = "SELECT * FROM `customers` LIMIT 1";
            var check = SqlChecker.Check(sql, Policy("mysql"), _ => null, false, default);
            var read = Assert.Single(check.Reads);
            Assert.Equal("`customers`", sql.Substring(read.Start, read.Length));
        }

        [Fact]
        public void EfPlaceholders_BecomeParameters()
        {
            var check = SqlChecker.Check("SELECT * FROM customers WHERE retailer_code = {0} AND contract_kind <> 'LAST_RESORT'", Policy(),
                name => name == "@p0" ? Operand.Own : null, true, default);
            var read = Assert.Single(check.Reads);
            Assert.Equal(VerdictKind.Satisfied, RequirementEvaluator.Evaluate(Requirement.ForTable(read.Protected!), read.Predicate).Kind);
        }

        [Fact]
        public void OneMegabyte_IsReportedInBoundedTime()
        {
            string sql = "SELECT * FROM customers WHERE " + string.Concat(Enumerable.Repeat("name <> 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' AND ", 25000)) + "1 = 1";
            Assert.True(sql.Length > 1_000_000);
            var check = SqlChecker.Check(sql, Policy(), _ => null, false, default);
            Assert.NotNull(check.Error);
        }

        [Theory]
        [InlineData("SELECT * FROM customers WHERE UPPER(retailer_code) = 'R0001' AND contract_kind <> 'LAST_RESORT'")]
        [InlineData("SELECT * FROM customers WHERE TRIM(retailer_code) = 'R0001' AND contract_kind <> 'LAST_RESORT'")]
        [InlineData("SELECT * FROM customers WHERE RTRIM(LTRIM(retailer_code)) = 'R0001' AND UPPER(contract_kind) <> 'LAST_RESORT'")]
        [InlineData("SELECT * FROM customers c WHERE 'R0001' = UPPER(c.retailer_code) AND UPPER(contract_kind) NOT IN ('LAST_RESORT', 'X')")]
        [InlineData("SELECT * FROM customers WHERE retailer_code IN ('R0001') AND contract_kind NOT IN ('LAST_RESORT')")]
        [InlineData("SELECT * FROM customers WHERE NOT (retailer_code <> 'R0001') AND NOT (contract_kind = 'LAST_RESORT')")]
        [InlineData("SELECT retailer_code, COUNT(*) FROM customers WHERE contract_kind <> 'LAST_RESORT' GROUP BY retailer_code HAVING retailer_code = 'R0001'")]
        [InlineData("SELECT c.retailer_code, c.contract_kind, COUNT(*) FROM customers c GROUP BY c.retailer_code, c.contract_kind HAVING c.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT'")]
        public void EquivalentForms_AreTheRetailerComparison(string sql) => Assert.Equal(new[] { "Satisfied" }, Verdicts(sql));

        [Theory]
        [InlineData("SELECT * FROM customers WHERE LOWER(retailer_code) = 'R0001' AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE TRIM(retailer_code) = 'R0001 ' AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE UPPER(retailer_code) = @code AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE retailer_code = 'R0001' AND LOWER(contract_kind) <> 'LAST_RESORT'", "MissingExclusion")]
        [InlineData("SELECT * FROM customers WHERE retailer_code = retailer_code AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE retailer_code LIKE 'R0001' AND contract_kind <> 'LAST_RESORT'", "MissingFilter")]
        [InlineData("SELECT * FROM customers WHERE (retailer_code = 'R0001' OR retailer_code = @other) AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE (retailer_code = 'R0001' OR id > 0) AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE NOT (retailer_code = 'R0001') AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT retailer_code, COUNT(*) FROM customers WHERE contract_kind <> 'LAST_RESORT' GROUP BY retailer_code HAVING COUNT(*) > 1", "MissingFilter")]
        [InlineData("SELECT name, COUNT(*) FROM customers WHERE contract_kind <> 'LAST_RESORT' GROUP BY name HAVING MAX(retailer_code) = 'R0001'", "MissingFilter")]
        public void FormsThatOnlyLookLikeTheFilter_StayFindings(string sql, string verdict) => Assert.Equal(new[] { verdict }, Verdicts(sql));

        [Fact]
        public void InWithOneValue_IsExplainedAsAComparison()
        {
            var check = SqlChecker.Check("SELECT * FROM customers WHERE retailer_code IN (@code) AND contract_kind <> 'LAST_RESORT'", Policy(), _ => null, false, default);
            var verdict = RequirementEvaluator.Evaluate(Requirement.ForTable(check.Reads[0].Protected!), check.Reads[0].Predicate);
            Assert.Equal(VerdictKind.NotOwn, verdict.Kind);
            Assert.Contains("'@code'", verdict.Reason);
        }

        [Theory]
        [InlineData("SELECT * FROM customers WHERE retailer_code = ANY(@own_codes) AND contract_kind <> ALL(@excluded)", "MissingExclusion")]
        [InlineData("SELECT * FROM customers WHERE retailer_code = ANY (:own_codes) AND contract_kind <> 'LAST_RESORT'", "Satisfied")]
        [InlineData("SELECT * FROM customers WHERE retailer_code = ANY($1) AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE retailer_code <> ALL(:own_codes) AND contract_kind <> 'LAST_RESORT'", "NotOwn")]
        [InlineData("SELECT * FROM customers WHERE retailer_code = ANY(SELECT code FROM own_codes) AND contract_kind <> 'LAST_RESORT'", "MissingFilter")]
        public void PostgresAnyOfAnArray_IsASetTest(string sql, string verdict) =>
            Assert.Equal(new[] { verdict }, Verdicts(sql, Policy("postgres", trusted: "\"own_codes\"")));

        [Fact]
        public void PostgresAnyOfAnArray_BindsTheArrayAsOneSet()
        {
            var policy = Policy("postgres");
            var check = SqlChecker.Check("SELECT * FROM customers WHERE retailer_code = ANY(@codes) AND contract_kind <> 'LAST_RESORT'", policy,
                name => name == "@codes" ? Operand.OwnFrom("R0001", null) : null, false, default);
            var read = Assert.Single(check.Reads);
            var set = Assert.IsType<InSetPredicate>(((AndPredicate)read.Predicate).Items[0]);
            Assert.Equal("retailer_code", set.Column);
            Assert.Equal(VerdictKind.Satisfied, RequirementEvaluator.Evaluate(Requirement.ForTable(read.Protected!), read.Predicate).Kind);
        }

        [Fact]
        public void ObjectPaths_AreSaidInEnglishAndJapanese()
        {
            var path = new SqlObjectPath("'dbo.usp_extract'", "dwh/usp_extract.sql", 12);
            var saved = System.Globalization.CultureInfo.CurrentUICulture;
            try
            {
                System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
                Assert.Equal("the condition 'x' in 'dbo.usp_extract' (dwh/usp_extract.sql line 12)", path.Hint("the condition 'x'"));
                Assert.Equal("it runs dynamic SQL, in 'dbo.usp_extract' (dwh/usp_extract.sql line 12)", path.Reason("it runs dynamic SQL"));
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ja-JP");
                Assert.Equal("'dbo.usp_extract'（dwh/usp_extract.sql の 12 行目）に条件 'x'", path.Hint("条件 'x'"));
                Assert.Equal("'dbo.usp_extract'（dwh/usp_extract.sql の 12 行目）で動的 SQL を実行しているため", path.Reason("動的 SQL を実行しているため"));
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = saved;
            }
        }

        [Fact]
        public void TextWithoutGuardedTables_IsNotParsed()
        {
            var check = SqlChecker.Check("this is not SQL at all (((", Policy(), _ => null, false, default);
            Assert.Null(check.Error);
            Assert.Empty(check.Reads);
        }
    }
}
