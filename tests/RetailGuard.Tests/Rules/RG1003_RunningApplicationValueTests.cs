using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// Own values that come from the running application: configuration and the signed-in context, named in
    /// <c>ownRetailer.symbols</c> as instance properties, fields and methods of injected services, and followed through
    /// member chains, <c>?.</c>, <c>??</c>, <c>?? throw</c>, <c>.Value</c>, <c>GetValueOrDefault()</c> and locals.
    /// </summary>
    public class RG1003_RunningApplicationValueTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        private const string Services = @"
namespace Sales.Services
{
    public interface ICurrentRetailer
    {
        string Code { get; }
        string Name { get; }
        int? Number { get; }
    }

    public sealed class CurrentRetailer : ICurrentRetailer
    {
        public string Code => System.Environment.GetEnvironmentVariable(""RETAILER"") ?? """";
        public string Name => """";
        public int? Number => null;
    }

    public class RetailerOptions
    {
        public string OwnCode { get; set; } = """";
    }

    public interface IOptionsOf<T>
    {
        T Value { get; }
    }

    public interface IIdentity
    {
        string GetRetailerCode();
    }

    public class WorkContext
    {
        public string RetailerField = """";
    }
}
";

        private static readonly string Policy = TestDomain.Policy.Replace(
            @"""symbols"": [""Sales.Domain.RetailerCodes.Own"", ""Sales.Domain.RetailerCodes.OwnReadonly""]",
            @"""symbols"": [""Sales.Domain.RetailerCodes.Own"", ""Sales.Services.ICurrentRetailer.Code"", ""Sales.Services.ICurrentRetailer.Number"", " +
            @"""Sales.Services.RetailerOptions.OwnCode"", ""Sales.Services.IIdentity.GetRetailerCode"", ""Sales.Services.WorkContext.RetailerField""]");

        [Fact]
        public Task InjectedServices_AreOwnThroughEveryForm() => V.Analyzer(Usings + @"
using Sales.Services;
" + Services + @"

class Ledger
{
    private readonly ICurrentRetailer _current;
    private readonly IOptionsOf<RetailerOptions> _options;
    private readonly IIdentity _identity;
    private readonly WorkContext _work;
    private readonly CurrentRetailer _concrete;

    public Ledger(ICurrentRetailer current, IOptionsOf<RetailerOptions> options, IIdentity identity, WorkContext work, CurrentRetailer concrete)
    {
        _current = current;
        _options = options;
        _identity = identity;
        _work = work;
        _concrete = concrete;
    }

    List<Customer> Property(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _current.Code" + Excl + @").ToList();
    List<Customer> Options(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _options.Value.OwnCode" + Excl + @").ToList();
    List<Customer> Method(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _identity.GetRetailerCode()" + Excl + @").ToList();
    List<Customer> Field(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _work.RetailerField" + Excl + @").ToList();
    List<Customer> Implementation(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _concrete.Code" + Excl + @").ToList();
    List<Customer> Conditional(SalesContext db)
    {
        var code = _current?.Code;
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    List<Customer> Throw(SalesContext db)
    {
        var code = _current.Code ?? throw new System.InvalidOperationException();
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    List<Customer> Fallback(SalesContext db)
    {
        var code = _current.Code ?? RetailerCodes.Own;
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

}", Policy);

        private const string Contracts = @"
namespace Sales.Contracts
{
    public class Contract
    {
        public int Id { get; set; }
        public int RetailerId { get; set; }
    }

    public class ContractContext : DbContext
    {
        public DbSet<Contract> Contracts => Set<Contract>();
    }
}
";

        private static readonly string ContractPolicy = @"{
  ""ownRetailer"": { ""codes"": [""1""], ""symbols"": [""Sales.Services.ICurrentRetailer.Number""] },
  ""protectedTables"": [ { ""table"": ""contracts"", ""entity"": ""Sales.Contracts.Contract"", ""retailerColumn"": ""retailer_id"", ""retailerProperty"": ""RetailerId"" } ]
}";

        [Fact]
        public Task NullableOwnValues_ThroughValueAndGetValueOrDefault() => V.Analyzer(Usings + @"
using Sales.Services;
using Sales.Contracts;
" + Services + Contracts + @"
class Ledger
{
    private readonly ICurrentRetailer _current;

    public Ledger(ICurrentRetailer current) => _current = current;

    List<Contract> Value(ContractContext db)
    {
        int id = _current.Number.Value;
        return db.Contracts.Where(c => c.RetailerId == id).ToList();
    }

    List<Contract> OrDefault(ContractContext db)
    {
        int id = _current.Number.GetValueOrDefault();
        return db.Contracts.Where(c => c.RetailerId == id).ToList();
    }

    List<Contract> Literal(ContractContext db) => db.Contracts.Where(c => c.RetailerId == 1).ToList();

    List<Contract> Other(ContractContext db)
    {
        int id = _current.Number ?? 2;
        return {|RG1003:db.Contracts|}.Where(c => c.RetailerId == id).ToList();
    }
}", ContractPolicy);

        [Fact]
        public Task OtherMembersOfTheServices_Fire() => V.Analyzer(Usings + @"
using Sales.Services;
" + Services + @"

class Ledger
{
    private readonly ICurrentRetailer _current;

    public Ledger(ICurrentRetailer current) => _current = current;

    List<Customer> Name(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _current.Name" + Excl + @").ToList();

    List<Customer> RivalFallback(SalesContext db)
    {
        var code = _current.Code ?? RetailerCodes.Rival;
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}", Policy);

        [Fact]
        public Task InterfaceMemberNotInThePolicy_SuggestsListingIt() => V.Analyzer(Usings + @"
using Sales.Services;
" + Services + @"

class Ledger
{
    private readonly ICurrentRetailer _current;

    public Ledger(ICurrentRetailer current) => _current = current;

    List<Customer> Name(SalesContext db) => {|#0:db.Customers|}.Where(c => c.RetailerCode == _current.Name" + Excl + @").ToList();
}", Policy, new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("customers",
            "it compares with property 'Name', a member of the interface 'ICurrentRetailer', whose implementations RetailGuard does not prove " +
            "(if it holds the own retailer's code, list 'Sales.Services.ICurrentRetailer.Name' under 'ownRetailer.symbols')",
            "'RetailerCode'"));
    }
}
