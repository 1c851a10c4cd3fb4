using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using VL = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;
using VS = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Deliberate attempts to slip past RetailGuard, and legitimate styles it must still understand.</summary>
    public class EvasionTests
    {
        [Fact]
        public Task Linq_TautologiesAndDisguisedValues_AreNotOwn() => VL.Analyzer(Usings + @"
class Sneaky
{
    List<Customer> A(SalesContext db) => {|RG1003:db.Customers|}.Where(c => (c.RetailerCode == RetailerCodes.Own || 1 == 1) && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> B(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own.ToLower() && c.ContractKind != ContractKinds.LastResort).ToList();
    List<Customer> C(SalesContext db) => {|RG1001:db.Customers|}.Where(c => c.RetailerCode.StartsWith(""R"")).ToList();
    List<Customer> D(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == ""R0001 "" && c.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task Linq_AliasesAndHelpersAreFollowed() => VL.Analyzer(Usings + @"
using System;
using System.Linq.Expressions;

class Styles
{
    List<Customer> StoredFilter(SalesContext db)
    {
        Expression<Func<Customer, bool>> own = c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort;
        return db.Customers.Where(own).ToList();
    }

    List<Customer> StringProperty(SalesContext db) =>
        db.Customers.Where(c => EF.Property<string>(c, ""RetailerCode"") == RetailerCodes.Own && EF.Property<string>(c, ""ContractKind"") != ContractKinds.LastResort).ToList();

    List<Customer> AliasedSet(SalesContext db)
    {
        DbSet<Customer> set = {|RG1001:db.Customers|};
        var copy = set;
        return copy.ToList();
    }

    List<Customer> StringComparison(SalesContext db) =>
        db.Customers.Where(c => string.Equals(c.RetailerCode, RetailerCodes.Own) && c.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task Sql_DynamicSqlInsideSql_IsUnverifiable() => VS.Analyzer(RG1001_SqlUnfilteredReadTests.Usings + @"
class Sneaky
{
    void Run(IDbConnection conn)
    {
        conn.Execute(""{|RG1007:E|}XEC('SELECT * FROM customers')"");
        conn.Execute(""{|RG1007:E|}XEC sp_executesql N'SELECT * FROM customers'"");
    }
}");

        [Fact]
        public Task Sql_CommentsSplittingAndTautologies() => VS.Analyzer(RG1001_SqlUnfilteredReadTests.Usings + @"
class Sneaky
{
    void Run(IDbConnection conn)
    {
        conn.Query(""SELECT * FROM /* own only */ {|RG1001:customers|} -- WHERE retailer_code = 'R0001'"");
        conn.Query(""SELECT * FROM cust"" + ""omers WHERE retailer_code = 'R0001' AND contract_kind <> 'LAST_RESORT'"");
        conn.Query(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = 'R0001' OR 1 = 1"");
        conn.Query(""SELECT * FROM {|RG1001:customers|} WHERE retailer_code LIKE 'R0001%'"");
        conn.Query(""SELECT * FROM customers WHERE 'R0001' = retailer_code AND contract_kind <> N'LAST_RESORT'"");
    }
}");
    }
}
