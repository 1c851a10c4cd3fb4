using System.Threading.Tasks;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// The SQL fixes on schema-qualified, bracketed, quoted and aliased table names in each dialect, in regular, verbatim,
    /// raw and interpolated literals, with the parameter bound in the style the call uses. Every fixed source compiles and
    /// leaves no RetailGuard diagnostic.
    /// </summary>
    public class SqlShapesCodeFixTests
    {
        public const string Usings = RetailGuard.Tests.Rules.RG1001_SqlUnfilteredReadTests.Usings;

        private const string Condition = "retailer_code = @ownRetailer AND contract_kind <> 'LAST_RESORT'";

        public static string NoViews(string policy) => policy.Replace(@"""sanctionedViews"": [""own_customers""]", @"""sanctionedViews"": []");

        /// <summary>The test policy in a dialect, with the given sanctioned views.</summary>
        public static string Policy(string dialect = "tsql", string views = "") =>
            TestDomain.Policy.Replace(@"""sanctionedViews"": [""own_customers""]", @"""sanctionedViews"": [" + views + "]")
                .Replace(@"""restrictedTables""", @"""sqlDialect"": """ + dialect + @""",
  ""restrictedTables""");

        private static Task Check(string member, string fixedMember, string policy, int codeActionIndex = 0) =>
            V.CodeFix<AddRetailerFilterCodeFix>(Usings + Wrap(member), Usings + Wrap(fixedMember), policy, codeActionIndex: codeActionIndex);

        private static string Wrap(string member) => @"
class Ledger
{
    " + member + @"
}";

        [Fact]
        public Task SchemaQualifiedName_QualifiedView_ReplacesTheWholeName() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.{|RG1001:customers|} ORDER BY name"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.own_customers ORDER BY name"");",
            Policy(views: @"""dbo.own_customers"""));

        [Fact]
        public Task BracketedName_QualifiedView() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT c.* FROM [dbo].{|RG1001:[customers]|} c WHERE c.name <> ''"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT c.* FROM dbo.own_customers c WHERE c.name <> ''"");",
            Policy(views: @"""dbo.own_customers"""));

        [Fact]
        public Task SchemaQualifiedName_UnqualifiedView_KeepsTheSchema() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.{|RG1001:customers|}"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM dbo.own_customers"");",
            Policy(views: @"""own_customers"""));

        [Fact]
        public Task TableNameUsedAsQualifier_TheViewTakesItAsAlias() => Check(
            @"IEnumerable<string> Names(IDbConnection conn) => conn.Query<string>(""SELECT customers.name FROM {|RG1001:customers|} ORDER BY customers.name"");",
            @"IEnumerable<string> Names(IDbConnection conn) => conn.Query<string>(""SELECT customers.name FROM own_customers customers ORDER BY customers.name"");",
            Policy(views: @"""own_customers"""));

        [Fact]
        public Task ConditionChosenOverTheView() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|}"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM customers WHERE " + Condition + @""", new { ownRetailer = RetailerCodes.Own });",
            Policy(views: @"""own_customers"""),
            codeActionIndex: 1);

        [Fact]
        public Task AliasedJoin_QualifiesTheCondition() => Check(
            @"IEnumerable<Customer> Arrears(IDbConnection conn) => conn.Query<Customer>(""SELECT c.* FROM {|RG1001:customers|} AS c JOIN invoices i ON i.customer_id = c.id"");",
            @"IEnumerable<Customer> Arrears(IDbConnection conn) => conn.Query<Customer>(""SELECT c.* FROM customers AS c JOIN invoices i ON i.customer_id = c.id WHERE c.retailer_code = @ownRetailer AND c.contract_kind <> 'LAST_RESORT'"", new { ownRetailer = RetailerCodes.Own });",
            Policy());

        [Fact]
        public Task Postgres_QuotedNames() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM sales.{|RG1001:\""customers\""|} WHERE \""name\"" <> '' LIMIT 10"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM sales.\""customers\"" WHERE \""name\"" <> '' AND " + Condition + @" LIMIT 10"", new { ownRetailer = RetailerCodes.Own });",
            Policy("postgres"));

        [Fact]
        public Task Oracle_ColonParameter() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn, string name) => conn.Query<Customer>(""SELECT * FROM sales.{|RG1001:customers|} WHERE name = :name"", new { name });",
            @"IEnumerable<Customer> All(IDbConnection conn, string name) => conn.Query<Customer>(""SELECT * FROM sales.customers WHERE name = :name AND retailer_code = :ownRetailer AND contract_kind <> 'LAST_RESORT'"", new { name, ownRetailer = RetailerCodes.Own });",
            Policy("oracle"));

        [Fact]
        public Task MySql_Backticks() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM `sales`.{|RG1001:`customers`|} ORDER BY `name`"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM `sales`.`customers` WHERE " + Condition + @" ORDER BY `name`"", new { ownRetailer = RetailerCodes.Own });",
            Policy("mysql"));

        [Fact]
        public Task Sqlite_VerbatimMultiLine() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(@""
        SELECT *
        FROM {|RG1001:customers|}
        ORDER BY name"");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(@""
        SELECT *
        FROM customers WHERE " + Condition + @"
        ORDER BY name"", new { ownRetailer = RetailerCodes.Own });",
            Policy("sqlite"));

        [Fact]
        public Task RawStringLiteral_SingleLine() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""""""SELECT * FROM {|RG1001:customers|} WHERE name <> ''"""""");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""""""SELECT * FROM customers WHERE name <> '' AND " + Condition + @""""""", new { ownRetailer = RetailerCodes.Own });",
            Policy());

        [Fact]
        public Task RawStringLiteral_MultiLine() => Check(
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""""""
        SELECT *
        FROM {|RG1001:customers|}
        ORDER BY name
        """""");",
            @"IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""""""
        SELECT *
        FROM customers WHERE " + Condition + @"
        ORDER BY name
        """""", new { ownRetailer = RetailerCodes.Own });",
            Policy());

        [Fact]
        public Task EfInterpolated_TheOwnValueBecomesAHole() => Check(
            @"List<Customer> Named(SalesContext db, string name) => db.Customers.FromSql($""SELECT * FROM {|RG1001:customers|} WHERE name = {name}"").ToList();",
            @"List<Customer> Named(SalesContext db, string name) => db.Customers.FromSql($""SELECT * FROM customers WHERE name = {name} AND retailer_code = {RetailerCodes.Own} AND contract_kind <> 'LAST_RESORT'"").ToList();",
            Policy());

        [Fact]
        public Task EfRaw_TheOwnValueBecomesTheNextPlaceholder() => Check(
            @"List<Customer> Named(SalesContext db, string name) => db.Customers.FromSqlRaw(""SELECT * FROM {|RG1001:customers|} WHERE name = {0}"", name).ToList();",
            @"List<Customer> Named(SalesContext db, string name) => db.Customers.FromSqlRaw(""SELECT * FROM customers WHERE name = {0} AND retailer_code = {1} AND contract_kind <> 'LAST_RESORT'"", name, RetailerCodes.Own).ToList();",
            Policy());

        [Fact]
        public Task DapperDynamicParameters() => Check(
            @"IEnumerable<Customer> Named(IDbConnection conn, string name)
    {
        var p = new DynamicParameters();
        p.Add(""name"", name);
        return conn.Query<Customer>(""SELECT * FROM {|RG1001:customers|} WHERE name = @name"", p);
    }",
            @"IEnumerable<Customer> Named(IDbConnection conn, string name)
    {
        var p = new DynamicParameters();
        p.Add(""name"", name);
        p.Add(""ownRetailer"", RetailerCodes.Own);
        return conn.Query<Customer>(""SELECT * FROM customers WHERE name = @name AND " + Condition + @""", p);
    }",
            Policy());

        [Fact]
        public Task AdoNet_CommandTextInAnObjectInitializer() => Check(
            @"void Run(SqliteConnection conn)
    {
        using var cmd = new SqliteCommand { CommandText = ""SELECT name FROM {|RG1001:customers|}"", Connection = conn };
        cmd.ExecuteReader();
    }",
            @"void Run(SqliteConnection conn)
    {
        using var cmd = new SqliteCommand { CommandText = ""SELECT name FROM customers WHERE " + Condition + @""", Connection = conn };
        cmd.Parameters.AddWithValue(""@ownRetailer"", RetailerCodes.Own);
        cmd.ExecuteReader();
    }",
            Policy());

        [Fact]
        public Task AdoNet_UsingStatementBlock() => Check(
            @"void Run(SqliteConnection conn)
    {
        using (var cmd = new SqliteCommand(""SELECT name FROM {|RG1001:customers|}"", conn))
        {
            cmd.ExecuteReader();
        }
    }",
            @"void Run(SqliteConnection conn)
    {
        using (var cmd = new SqliteCommand(""SELECT name FROM customers WHERE " + Condition + @""", conn))
        {
            cmd.Parameters.AddWithValue(""@ownRetailer"", RetailerCodes.Own);
            cmd.ExecuteReader();
        }
    }",
            Policy());

        [Fact]
        public Task NotOwn_AddsTheOwnCondition() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + Wrap(
            @"IEnumerable<Customer> ByCode(IDbConnection conn, string code) => conn.Query<Customer>(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = @code"", new { code });"), Usings + Wrap(
            @"IEnumerable<Customer> ByCode(IDbConnection conn, string code) => conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code = @code AND " + Condition + @""", new { code, ownRetailer = RetailerCodes.Own });"),
            Policy());

        [Fact]
        public Task SqlTextSharedByTwoCalls_HasNoFix()
        {
            // Adding the parameter to one call would leave the other without it.
            string source = Usings + Wrap(@"void Run(IDbConnection conn)
    {
        var sql = ""SELECT name FROM {|RG1001:customers|}"";
        conn.Query<string>(sql);
        conn.Query<string>(sql);
    }");
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source, Policy());
        }
    }

    /// <summary>RG2002: the filter goes into the SELECT whose rows the bulk statement copies.</summary>
    public class BulkExtractionCodeFixTests
    {
        private static readonly string Usings = SqlShapesCodeFixTests.Usings;

        [Fact]
        public Task InsertSelect_AddsTheConditionToTheSelect() => V.CodeFix<BulkExtractionCodeFix>(Usings + @"
class Dwh
{
    int Extract(IDbConnection conn) => conn.Execute(""INSERT INTO dwh_match_input (name) SELECT name FROM {|RG2002:customers|}"");
}", Usings + @"
class Dwh
{
    int Extract(IDbConnection conn) => conn.Execute(""INSERT INTO dwh_match_input (name) SELECT name FROM customers WHERE retailer_code = @ownRetailer AND contract_kind <> 'LAST_RESORT'"", new { ownRetailer = RetailerCodes.Own });
}", SqlShapesCodeFixTests.Policy());

        [Fact]
        public Task SelectInto_ReadsTheSanctionedView() => V.CodeFix<BulkExtractionCodeFix>(Usings + @"
class Dwh
{
    int Extract(IDbConnection conn) => conn.Execute(""SELECT name INTO dwh_copy FROM dbo.{|RG2002:customers|} WHERE name <> ''"");
}", Usings + @"
class Dwh
{
    int Extract(IDbConnection conn) => conn.Execute(""SELECT name INTO dwh_copy FROM dbo.own_customers WHERE name <> ''"");
}", SqlShapesCodeFixTests.Policy(views: @"""own_customers"""));
    }
}

namespace RetailGuard.Tests.CodeFixes
{
    using RetailGuard.CodeFixes;
    using Xunit;
    using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

    /// <summary>An ADO.NET provider whose parameter collection has no AddWithValue (as ODP.NET's): the fix adds a provider parameter.</summary>
    public class AdoNetProviderParameterCodeFixTests
    {
        private const string Provider = @"
namespace Provider
{
    using System.Data;
    using System.Data.Common;

    public sealed class OraParameter : DbParameter
    {
        public OraParameter(string name, object value) { ParameterName = name; Value = value; }
        public override DbType DbType { get; set; }
        public override ParameterDirection Direction { get; set; }
        public override bool IsNullable { get; set; }
        public override string ParameterName { get; set; } = """";
        public override int Size { get; set; }
        public override string SourceColumn { get; set; } = """";
        public override bool SourceColumnNullMapping { get; set; }
        public override object? Value { get; set; }
        public override void ResetDbType() { }
    }

    public sealed class OraParameters : DbParameterCollection
    {
        private readonly System.Collections.Generic.List<object> _items = new System.Collections.Generic.List<object>();
        public override int Count => _items.Count;
        public override object SyncRoot => _items;
        public override int Add(object value) { _items.Add(value); return _items.Count - 1; }
        public override void AddRange(System.Array values) { }
        public override void Clear() => _items.Clear();
        public override bool Contains(object value) => _items.Contains(value);
        public override bool Contains(string value) => false;
        public override void CopyTo(System.Array array, int index) { }
        public override System.Collections.IEnumerator GetEnumerator() => _items.GetEnumerator();
        protected override DbParameter GetParameter(int index) => (DbParameter)_items[index];
        protected override DbParameter GetParameter(string parameterName) => throw new System.NotSupportedException();
        public override int IndexOf(object value) => _items.IndexOf(value);
        public override int IndexOf(string parameterName) => -1;
        public override void Insert(int index, object value) => _items.Insert(index, value);
        public override void Remove(object value) => _items.Remove(value);
        public override void RemoveAt(int index) => _items.RemoveAt(index);
        public override void RemoveAt(string parameterName) { }
        protected override void SetParameter(int index, DbParameter value) => _items[index] = value;
        protected override void SetParameter(string parameterName, DbParameter value) { }
    }

    public sealed class OraCommand : DbCommand
    {
        public override string CommandText { get; set; } = """";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection { get; } = new OraParameters();
        protected override DbTransaction? DbTransaction { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override void Cancel() { }
        public new OraParameter CreateParameter() => new OraParameter("""", """");
        protected override DbParameter CreateDbParameter() => CreateParameter();
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new System.NotSupportedException();
        public override int ExecuteNonQuery() => 0;
        public override object? ExecuteScalar() => null;
        public override void Prepare() { }
    }
}
";

        [Fact]
        public Task ParametersAddOfAProviderParameter() => V.CodeFix<AddRetailerFilterCodeFix>(SqlShapesCodeFixTests.Usings + "using Provider;\n" + Provider + @"
class Ledger
{
    void Run()
    {
        var cmd = new OraCommand { CommandText = ""SELECT name FROM {|RG1001:customers|}"" };
        cmd.ExecuteNonQuery();
    }
}", SqlShapesCodeFixTests.Usings + "using Provider;\n" + Provider + @"
class Ledger
{
    void Run()
    {
        var cmd = new OraCommand { CommandText = ""SELECT name FROM customers WHERE retailer_code = :ownRetailer AND contract_kind <> 'LAST_RESORT'"" };
        cmd.Parameters.Add(new OraParameter(""ownRetailer"", RetailerCodes.Own));
        cmd.ExecuteNonQuery();
    }
}", SqlShapesCodeFixTests.Policy("oracle"));
    }
}
