using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>RG1001–RG1003 and RG1006 on SQL text, for every sink family, with the squiggle inside the string.</summary>
    public class RG1001_SqlUnfilteredReadTests
    {
        public const string Usings = @"
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sales.Data;
using Sales.Domain;
";

        public const string Filter = "retailer_code = @own AND contract_kind <> 'LAST_RESORT'";

        [Fact]
        public Task Dapper_Unfiltered_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|}"");
}");

        [Fact]
        public Task Dapper_FilteredWithOwnParameter_IsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    IEnumerable<Customer> Own(IDbConnection conn) =>
        conn.Query<Customer>(""SELECT * FROM customers WHERE " + Filter + @""", new { own = RetailerCodes.Own });
}");

        [Fact]
        public Task Dapper_ParameterBoundToInput_IsNotOwn() => V.Analyzer(Usings + @"
class Ledger
{
    IEnumerable<Customer> ByCode(IDbConnection conn, string code) =>
        conn.Query<Customer>(""SELECT * FROM {|RG1003:customers|} WHERE " + Filter + @""", new { own = code });
    IEnumerable<Customer> Unbound(IDbConnection conn) =>
        conn.Query<Customer>(""SELECT * FROM {|RG1003:customers|} WHERE " + Filter + @""");
}");

        [Fact]
        public Task Dapper_OwnLiteral_MissingExclusion() => V.Analyzer(Usings + @"
class Ledger
{
    Task<IEnumerable<Customer>> Own(DbConnection conn) =>
        conn.QueryAsync<Customer>(""SELECT id, name FROM dbo.{|RG1002:customers|} WHERE retailer_code = 'R0001'"");
}");

        [Fact]
        public Task Dapper_DynamicParametersAndCommandDefinition() => V.Analyzer(Usings + @"
class Ledger
{
    IEnumerable<Customer> Dynamic(IDbConnection conn)
    {
        var p = new DynamicParameters();
        p.Add(""own"", RetailerCodes.Own);
        return conn.Query<Customer>(""SELECT * FROM customers WHERE " + Filter + @""", p);
    }

    IEnumerable<Customer> Command(IDbConnection conn) =>
        conn.Query<Customer>(new CommandDefinition(""SELECT * FROM {|RG1001:customers|}""));

    IEnumerable<Customer> CommandFiltered(IDbConnection conn) =>
        conn.Query<Customer>(new CommandDefinition(""SELECT * FROM customers WHERE " + Filter + @""", new { own = RetailerCodes.Own }));
}");

        [Fact]
        public Task Dapper_OtherSinks() => V.Analyzer(Usings + @"
class Ledger
{
    int Count(IDbConnection conn) => conn.ExecuteScalar<int>(""SELECT COUNT(*) FROM {|RG1001:customers|}"");
    int Reset(IDbConnection conn) => conn.Execute(""UPDATE {|RG1001:customers|} SET name = ''"");
    Customer One(IDbConnection conn, string sp) => conn.QueryFirst<Customer>(""SELECT * FROM {|RG1001:customers|} WHERE supply_point_id = @sp"", new { sp });
    void Multi(IDbConnection conn) => conn.QueryMultiple(""SELECT * FROM invoices; SELECT * FROM {|RG1001:customers|}"");
}");

        [Fact]
        public Task AdoNet_CommandTextAndConstructor() => V.Analyzer(Usings + @"
class Ledger
{
    void Read(SqliteConnection conn)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = ""SELECT name FROM {|RG1001:customers|}"";
        cmd.ExecuteReader();
    }

    void ReadOwn(SqliteConnection conn)
    {
        using var cmd = new SqliteCommand(""SELECT name FROM customers WHERE " + Filter + @""", conn);
        cmd.Parameters.AddWithValue(""@own"", RetailerCodes.Own);
        cmd.ExecuteReader();
    }

    void ReadOwnAdd(DbConnection conn)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = ""SELECT name FROM customers WHERE " + Filter + @""";
        cmd.Parameters.Add(new SqliteParameter(""own"", RetailerCodes.Own));
        cmd.ExecuteReader();
    }

    void Initializer(SqliteConnection conn)
    {
        var cmd = new SqliteCommand { Connection = conn, CommandText = ""DELETE FROM {|RG1001:customers|}"" };
        cmd.ExecuteNonQuery();
    }
}");

        [Fact]
        public Task EfCore_RawSqlApis() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Raw(SalesContext db) => db.Customers.FromSqlRaw(""SELECT * FROM {|RG1001:customers|}"").ToList();
    List<Customer> RawParam(SalesContext db) => db.Customers.FromSqlRaw(""SELECT * FROM customers WHERE retailer_code = {0} AND contract_kind <> 'LAST_RESORT'"", RetailerCodes.Own).ToList();
    List<Customer> Interpolated(SalesContext db) => db.Customers.FromSqlInterpolated($""SELECT * FROM customers WHERE retailer_code = {RetailerCodes.Own} AND contract_kind <> {ContractKinds.LastResort}"").ToList();
    List<Customer> FromSql(SalesContext db, string code) => db.Customers.FromSql($""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = {code} AND contract_kind <> 'LAST_RESORT'"").ToList();
    int Exec(SalesContext db) => db.Database.ExecuteSqlRaw(""DELETE FROM {|RG1001:customers|}"");
    List<string> Names(SalesContext db) => db.Database.SqlQueryRaw<string>(""SELECT name FROM {|RG1001:customers|}"").ToList();
}");

        [Fact]
        public Task Shapes_SchemaQuotedAliasedAndCase() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM [dbo].{|RG1001:[customers]|} AS c"");
        conn.Query(""select * from sales.{|RG1001:\""CUSTOMERS\""|} c"");
        conn.Query(""SELECT c.name FROM customers c WHERE c.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT c.name FROM {|RG1001:customers|} c JOIN invoices x ON x.customer_id = c.id WHERE x.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT'"");
    }
}");

        [Fact]
        public Task Shapes_UnionBranchesAreJudgedOneByOne() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn) =>
        conn.Query(""SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT' UNION SELECT name FROM {|RG1001:customers|}"");
}");

        [Fact]
        public Task Shapes_SubqueriesCtesAndDerivedTables() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM invoices WHERE customer_id IN (SELECT id FROM {|RG1001:customers|})"");
        conn.Query(""SELECT * FROM (SELECT * FROM {|RG1001:customers|}) AS x WHERE x.retailer_code = 'R0001'"");
        conn.Query(""WITH own AS (SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT') SELECT * FROM own"");
        conn.Query(""WITH t AS (SELECT * FROM {|RG1001:customers|}) SELECT * FROM t WHERE retailer_code = 'R0001'"");
        conn.Query(""WITH customers AS (SELECT * FROM own_customers) SELECT * FROM customers"");
        conn.Query(""WITH r AS (SELECT id, parent_id FROM {|RG1001:customers|} UNION ALL SELECT c.id, c.parent_id FROM {|RG1001:customers|} c JOIN r ON c.parent_id = r.id) SELECT * FROM r"");
    }
}");

        [Fact]
        public Task Shapes_JoinConditions() => V.Analyzer(Usings + @"
class Arrears
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM invoices i INNER JOIN customers c ON c.id = i.customer_id AND c.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM invoices i LEFT JOIN customers c ON c.id = i.customer_id AND c.retailer_code = 'R0001' AND c.contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1001:customers|} c LEFT JOIN invoices i ON i.customer_id = c.id AND c.retailer_code = 'R0001'"");
        conn.Query(""SELECT * FROM invoices i JOIN {|RG1001:customers|} c ON c.id = i.customer_id WHERE i.amount > 0"");
    }
}");

        [Fact]
        public Task Shapes_OrAndNotAndIn() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE (retailer_code = 'R0001' OR name = 'x') AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE NOT retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code <> 'R0001' AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = 'R0002' AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM customers WHERE retailer_code IN ('R0001') AND contract_kind NOT IN ('LAST_RESORT', 'X')"");
        conn.Query(""SELECT * FROM customers WHERE retailer_code = 'R0001' AND NOT contract_kind = 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM customers WHERE retailer_code = 'R0001' AND contract_kind != 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1002:customers|} WHERE retailer_code = 'R0001' AND (contract_kind <> 'LAST_RESORT' OR name = 'x')"");
    }
}");

        [Fact]
        public Task Statements_InsertSelectSelectIntoUpdateDeleteMerge() => V.Analyzer(Usings + @"
class Dwh
{
    void Run(IDbConnection conn)
    {
        conn.Execute(""INSERT INTO dwh_extract (name) SELECT name FROM {|RG2002:customers|}"");
        conn.Execute(""SELECT name INTO dwh_copy FROM {|RG2002:customers|}"");
        conn.Execute(""SELECT name INTO ##shared FROM {|RG2002:customers|}"");
        conn.Execute(""SELECT name INTO #tmp FROM {|RG1001:customers|}"");
        conn.Execute(""DECLARE @t TABLE (name nvarchar(50)); INSERT INTO @t (name) SELECT name FROM {|RG1001:customers|}"");
        conn.Execute(""UPDATE {|RG1001:customers|} SET name = 'x' WHERE id = 1"");
        conn.Execute(""UPDATE customers SET name = 'x' WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
        conn.Execute(""DELETE FROM {|RG1001:customers|} WHERE id = 1"");
        conn.Execute(""MERGE INTO dwh_extract AS t USING {|RG2002:customers|} AS s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id);"");
        conn.Execute(""INSERT INTO dwh_extract (name) SELECT name FROM customers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
    }
}");

        [Fact]
        public Task EquivalentForms_OfTheRetailerComparison() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn, string code)
    {
        conn.Query(""SELECT * FROM customers WHERE UPPER(retailer_code) = @own AND contract_kind <> 'LAST_RESORT'"", new { own = RetailerCodes.Own });
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE LOWER(retailer_code) = @own AND contract_kind <> 'LAST_RESORT'"", new { own = RetailerCodes.Own });
        conn.Query(""SELECT * FROM customers WHERE retailer_code IN (@own) AND NOT (contract_kind = 'LAST_RESORT')"", new { own = RetailerCodes.Own });
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code IN (@code) AND contract_kind <> 'LAST_RESORT'"", new { code });
        conn.Query(""SELECT retailer_code, COUNT(*) FROM customers WHERE contract_kind <> 'LAST_RESORT' GROUP BY retailer_code HAVING retailer_code = 'R0001'"");
        conn.Query(""SELECT retailer_code, COUNT(*) FROM {|RG1001:customers|} WHERE contract_kind <> 'LAST_RESORT' GROUP BY retailer_code HAVING COUNT(*) > 2"");
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = retailer_code AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1001:customers|} WHERE retailer_code LIKE 'R0001%' AND contract_kind <> 'LAST_RESORT'"");
    }
}");

        [Fact]
        public Task SanctionedViewAndUnprotectedTables_AreQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM own_customers"");
        conn.Query(""SELECT * FROM invoices"");
        conn.Query(""SELECT * FROM customer_notes"");
    }
}");

        [Fact]
        public Task RestrictedTable_AnyReference() => V.Analyzer(Usings + @"
class EForms
{
    void Run(IDbConnection conn) => conn.Query(""SELECT * FROM {|RG1006:nw_eforms|} WHERE id = 1"");
}");

        [Fact]
        public Task TextResolution_ConstantsConcatenationBuildersAndBranches() => V.Analyzer(Usings + @"
static class Queries
{
    public const string Base = ""SELECT * FROM customers"";
    public static readonly string Own = Base + "" WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"";
}

class Ledger
{
    const string Table = ""customers"";

    void Run(IDbConnection conn, bool withNames)
    {
        conn.Query(Queries.Own);
        conn.Query(""SELECT * FROM "" + Table + "" WHERE retailer_code = 'R0001'"" + "" AND contract_kind <> 'LAST_RESORT'"");
        conn.Query($""SELECT * FROM {Table} WHERE retailer_code = '{RetailerCodes.Own}' AND contract_kind <> '{ContractKinds.LastResort}'"");
        conn.Query(string.Format(""SELECT * FROM {0} WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"", Table));
        conn.Query(string.Concat(""SELECT * FROM customers"", "" WHERE retailer_code = 'R0001'"", "" AND contract_kind <> 'LAST_RESORT'""));

        var sb = new StringBuilder(""SELECT * FROM customers"");
        sb.Append("" WHERE retailer_code = @own"");
        if (withNames)
        {
            sb.Append("" AND name IS NOT NULL"");
        }

        sb.Append("" AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(sb.ToString(), new { own = RetailerCodes.Own });

        var sql = ""SELECT * FROM {|RG1002:customers|} WHERE retailer_code = 'R0001'"";
        if (withNames)
        {
            sql += "" AND contract_kind <> 'LAST_RESORT'"";
        }

        conn.Query(sql);

        conn.Query(withNames ? ""SELECT * FROM own_customers"" : ""SELECT * FROM {|RG1001:customers|}"");
    }
}");
    }
}
