using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary><c>ownCodes.Contains(c.RetailerCode)</c> and SQL sets: own when every element is own and nothing changes the set before the query runs.</summary>
    public class RG1003_OwnSetTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        private const string SqlUsings = @"
using System.Data;
using Dapper;
";

        private static readonly string GroupPolicy = TestDomain.Policy.Replace(@"""codes"": [""R0001""]", @"""codes"": [""R0001"", ""R0005""]");

        [Fact]
        public Task SetsOfOwnCodes_AreQuiet() => V.Analyzer(Usings + @"
using System.Collections.Immutable;

class Ledger
{
    private static readonly ImmutableArray<string> Group = ImmutableArray.Create(RetailerCodes.Own);
    private static readonly ImmutableHashSet<string> GroupSet = new[] { RetailerCodes.Own }.ToImmutableHashSet();
    private static readonly string[] PrivateArray = { RetailerCodes.Own };

    List<Customer> Array(SalesContext db)
    {
        var codes = new[] { RetailerCodes.Own };
        return db.Customers.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    List<Customer> List(SalesContext db)
    {
        var codes = new List<string> { RetailerCodes.Own, ""R0001"" };
        codes.Add(RetailerCodes.Own);
        codes.Remove(""R0002"");
        return db.Customers.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    List<Customer> HashSet(SalesContext db)
    {
        var codes = new HashSet<string>(new[] { RetailerCodes.Own }, System.StringComparer.Ordinal);
        int count = codes.Count + codes.Count();
        return db.Customers.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").Take(count).ToList();
    }

    List<Customer> CollectionExpression(SalesContext db)
    {
        string[] codes = [RetailerCodes.Own, .. Group];
        return db.Customers.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    List<Customer> Inline(SalesContext db) => db.Customers.Where(c => new[] { RetailerCodes.Own }.Contains(c.RetailerCode)" + Excl + @").ToList();
    List<Customer> Immutable(SalesContext db) => db.Customers.Where(c => Group.Contains(c.RetailerCode)" + Excl + @").ToList();
    List<Customer> ImmutableSet(SalesContext db) => db.Customers.Where(c => GroupSet.Contains(c.RetailerCode)" + Excl + @").ToList();
    List<Customer> PrivateField(SalesContext db) => db.Customers.Where(c => PrivateArray.Contains(c.RetailerCode)" + Excl + @").ToList();

    List<Customer> Each(SalesContext db)
    {
        var all = new List<Customer>();
        foreach (var code in Group)
        {
            all.AddRange(db.Customers.Where(c => c.RetailerCode == code" + Excl + @"));
        }

        return all;
    }
}");

        [Fact]
        public Task SetsThatMayHoldAnotherCode_Fire() => V.Analyzer(Usings + @"
public class Ledger
{
    public static readonly string[] PublicArray = { RetailerCodes.Own };

    public List<Customer> Rival(SalesContext db)
    {
        var codes = new[] { RetailerCodes.Own, ""R0003"" };
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> Added(SalesContext db)
    {
        var codes = new List<string> { RetailerCodes.Own };
        codes.Add(RetailerCodes.Rival);
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> ElementWritten(SalesContext db)
    {
        var codes = new[] { RetailerCodes.Own };
        codes[0] = ""R0003"";
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> Escapes(SalesContext db)
    {
        var codes = new HashSet<string> { RetailerCodes.Own };
        Fill(codes);
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> Aliased(SalesContext db)
    {
        var codes = new List<string> { RetailerCodes.Own };
        var alias = codes;
        alias.Add(""R0002"");
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> Public(SalesContext db) => {|RG1003:db.Customers|}.Where(c => PublicArray.Contains(c.RetailerCode)" + Excl + @").ToList();

    public List<Customer> Negated(SalesContext db)
    {
        var rivals = new[] { RetailerCodes.Rival };
        return {|RG1003:db.Customers|}.Where(c => !rivals.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    public List<Customer> FromCaller(SalesContext db, string[] codes) => {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();

    private static void Fill(ICollection<string> codes) => codes.Add(RetailerCodes.Rival);
}");

        [Fact]
        public Task SetEscaping_SaysWhere() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Escapes(SalesContext db)
    {
        var codes = new HashSet<string> { RetailerCodes.Own };
        Fill(codes);
        return {|#0:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    private static void Fill(ICollection<string> codes) { }
}", TestDomain.Policy, new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("customers",
            "the set holds local 'codes', which is passed to 'Fill' on line 14 of Test0.cs, which may change it", "'RetailerCode'"));

        [Fact]
        public Task GroupOfOwnCodes_IsOwn() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Group(SalesContext db)
    {
        var codes = new[] { ""R0001"", ""R0005"" };
        return db.Customers.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }

    List<Customer> Either(SalesContext db) => db.Customers.Where(c => (c.RetailerCode == ""R0005"" || c.RetailerCode == ""R0001"")" + Excl + @").ToList();
}", GroupPolicy);

        [Fact]
        public Task SqlSets_AreOwnWhenEveryElementIs() => Verify<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + SqlUsings + @"
class Ledger
{
    private static readonly string[] Codes = { RetailerCodes.Own };

    IEnumerable<Customer> Any(IDbConnection conn) =>
        conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code = ANY(@codes) AND contract_kind <> 'LAST_RESORT'"", new { codes = Codes });

    IEnumerable<Customer> In(IDbConnection conn)
    {
        var codes = new List<string> { RetailerCodes.Own };
        return conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code IN (@codes) AND contract_kind <> 'LAST_RESORT'"", new { codes });
    }

    IEnumerable<Customer> Rival(IDbConnection conn) =>
        conn.Query<Customer>(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code = ANY(@codes) AND contract_kind <> 'LAST_RESORT'"", new { codes = new[] { RetailerCodes.Own, RetailerCodes.Rival } });
}", TestDomain.Policy.Replace("\"restrictedTables\"", "\"sqlDialect\": \"postgres\", \"restrictedTables\""));

        [Fact]
        public Task EfCoreParameters_AsACollectionExpression_AreBound() => Verify<RetailGuard.Rules.SqlReadAnalyzer>.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Own(SalesContext db) =>
        db.Customers.FromSqlRaw(""SELECT * FROM customers WHERE retailer_code IN ({0}) AND contract_kind <> {1}"", [RetailerCodes.Own, ContractKinds.LastResort]).ToList();

    List<Customer> Rival(SalesContext db) =>
        db.Customers.FromSqlRaw(""SELECT * FROM {|RG1003:customers|} WHERE retailer_code IN ({0}, {1}) AND contract_kind <> {2}"", [RetailerCodes.Own, RetailerCodes.Rival, ContractKinds.LastResort]).ToList();
}");
    }
}
