using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// The own value a fix writes: a static own member as <c>Type.Member</c>; an instance own member of an injected service
    /// through the field, property, parameter or primary-constructor parameter that holds the service where the fix writes;
    /// else the own code as a literal of the column's type; never a value of another type.
    /// </summary>
    public class OwnValueCodeFixTests
    {
        public const string Services = @"
namespace Sales.Services
{
    public interface ICurrentRetailer
    {
        string Code { get; }
    }

    public sealed class RetailerOptions
    {
        public string OwnCode { get; set; } = """";
    }
}
";

        public const string ServiceUsings = Usings + @"using Microsoft.Extensions.Options;
using Sales.Services;
";

        /// <summary>The test policy with other own symbols (and codes) in place of RetailerCodes.Own and OwnReadonly.</summary>
        public static string PolicyWithOwn(string symbols, string codes = @"""R0001""") =>
            TestDomain.Policy.Replace(@"""codes"": [""R0001""], ""symbols"": [""Sales.Domain.RetailerCodes.Own"", ""Sales.Domain.RetailerCodes.OwnReadonly""]",
                                      @"""codes"": [" + codes + @"], ""symbols"": [" + symbols + "]");

        private const string Exclusion = " && c.ContractKind != ContractKinds.LastResort";

        /// <summary>A table whose retailer key is an int, and a service whose "own" member is an object.</summary>
        public const string BuyerModel = @"
    public class Buyer { public int Id { get; set; } public int BuyerId { get; set; } }
    public class BuyerContext : DbContext { public DbSet<Buyer> Buyers => Set<Buyer>(); }
    public interface IWorkContext { Buyer CurrentCustomer { get; } }
";

        public static string BuyerPolicy(string codes, string symbols = "") => @"{
  ""ownRetailer"": { ""codes"": [" + codes + @"]" + (symbols.Length == 0 ? string.Empty : @", ""symbols"": [" + symbols + "]") + @" },
  ""protectedTables"": [ { ""table"": ""buyers"", ""entity"": ""Sales.Other.Buyer"", ""retailerColumn"": ""buyer_id"", ""retailerProperty"": ""BuyerId"" } ]
}";

        [Fact]
        public Task StaticReadonly() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", Usings + @"
class Ledger
{
    List<Customer> All(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.OwnReadonly" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Domain.RetailerCodes.OwnReadonly"""));

        [Fact]
        public Task InstanceMemberOfAnInjectedService_ThroughItsField() => V.CodeFix<AddRetailerFilterCodeFix>(ServiceUsings + Services + @"
class Ledger
{
    private readonly ICurrentRetailer _current;
    public Ledger(ICurrentRetailer current) => _current = current;
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", ServiceUsings + Services + @"
class Ledger
{
    private readonly ICurrentRetailer _current;
    public Ledger(ICurrentRetailer current) => _current = current;
    List<Customer> All(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _current.Code" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Services.ICurrentRetailer.Code"""));

        [Fact]
        public Task InstanceMemberOfAnInjectedService_ThroughAPrimaryConstructorParameter() => V.CodeFix<AddRetailerFilterCodeFix>(ServiceUsings + Services + @"
class Ledger(ICurrentRetailer current)
{
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", ServiceUsings + Services + @"
class Ledger(ICurrentRetailer current)
{
    List<Customer> All(SalesContext db) => db.Customers.Where(c => c.RetailerCode == current.Code" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Services.ICurrentRetailer.Code"""));

        [Fact]
        public Task InstanceMemberOfAnInjectedService_ThroughAMethodParameter() => V.CodeFix<AddRetailerFilterCodeFix>(ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db, ICurrentRetailer retailer) => {|RG1001:db.Customers|}.ToList();
}", ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db, ICurrentRetailer retailer) => db.Customers.Where(c => c.RetailerCode == retailer.Code" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Services.ICurrentRetailer.Code"""));

        [Fact]
        public Task OptionsValue() => V.CodeFix<AddRetailerFilterCodeFix>(ServiceUsings + Services + @"
class Ledger
{
    private readonly IOptions<RetailerOptions> _options;
    public Ledger(IOptions<RetailerOptions> options) => _options = options;
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", ServiceUsings + Services + @"
class Ledger
{
    private readonly IOptions<RetailerOptions> _options;
    public Ledger(IOptions<RetailerOptions> options) => _options = options;
    List<Customer> All(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _options.Value.OwnCode" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Services.RetailerOptions.OwnCode"""));

        [Fact]
        public Task InstanceMemberNotReachable_UsesTheOwnCode() => V.CodeFix<AddRetailerFilterCodeFix>(ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db) => db.Customers.Where(c => c.RetailerCode == ""R0001""" + Exclusion + @").ToList();
}", PolicyWithOwn(@"""Sales.Services.ICurrentRetailer.Code"""));

        [Fact]
        public Task InstanceMemberNotReachableAndNoCode_HasNoFix()
        {
            const string source = ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}";
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source, PolicyWithOwn(@"""Sales.Services.ICurrentRetailer.Code""", codes: string.Empty));
        }

        [Fact]
        public Task OwnValueOfAnotherType_IsNeverWritten()
        {
            // The retailer key is an int; the only own member is an object and the code is not a number: no fix.
            string source = Usings + @"
namespace Sales.Other
{
" + BuyerModel + @"    class Screen
    {
        private readonly IWorkContext _work;
        public Screen(IWorkContext work) => _work = work;
        List<Buyer> All(BuyerContext db) => {|RG1001:db.Buyers|}.ToList();
    }
}";
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source, BuyerPolicy(@"""R0001""", @"""Sales.Other.IWorkContext.CurrentCustomer"""));
        }

        [Fact]
        public Task NumericKey_UsesANumericCode() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
namespace Sales.Other
{
" + BuyerModel + @"    class Screen
    {
        List<Buyer> All(BuyerContext db) => {|RG1001:db.Buyers|}.ToList();
    }
}", Usings + @"
namespace Sales.Other
{
" + BuyerModel + @"    class Screen
    {
        List<Buyer> All(BuyerContext db) => db.Buyers.Where(b => b.BuyerId == 17).ToList();
    }
}", BuyerPolicy(@"""17"""));
    }

    /// <summary>RG1003: the default adds the own-retailer filter (it only narrows); replacing the value is a choice fix-all does not make.</summary>
    public class NotOwnRetailerCodeFixTests
    {
        [Fact]
        public Task Default_AddsTheOwnFilter() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class PowerPurchase
{
    List<Customer> ByRetailer(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(x => x.RetailerCode == retailer && x.ContractKind != ContractKinds.LastResort).ToList();
}", Usings + @"
class PowerPurchase
{
    List<Customer> ByRetailer(SalesContext db, string retailer) =>
        db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Where(x => x.RetailerCode == retailer && x.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task Choice_ReplacesTheValue() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class PowerPurchase
{
    List<Customer> ByRetailer(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(x => x.RetailerCode == retailer && x.ContractKind != ContractKinds.LastResort).ToList();
}", Usings + @"
class PowerPurchase
{
    List<Customer> ByRetailer(SalesContext db, string retailer) =>
        db.Customers.Where(x => x.RetailerCode == RetailerCodes.Own && x.ContractKind != ContractKinds.LastResort).ToList();
}", codeActionIndex: 1);

        [Fact]
        public Task Choice_NotOfferedForAnOr()
        {
            // With '||' the value is not the weakness: only the default is offered (index 1 does not exist, so the default is checked).
            return V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class PowerPurchase
{
    List<Customer> Either(SalesContext db) =>
        {|RG1003:db.Customers|}.Where(x => (x.RetailerCode == RetailerCodes.Own || x.RetailerCode == RetailerCodes.Rival) && x.ContractKind != ContractKinds.LastResort).ToList();
}", Usings + @"
class PowerPurchase
{
    List<Customer> Either(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Where(x => (x.RetailerCode == RetailerCodes.Own || x.RetailerCode == RetailerCodes.Rival) && x.ContractKind != ContractKinds.LastResort).ToList();
}");
        }

        [Fact]
        public Task QuerySyntax_ExclusionJoinsTheWhereClause() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class LastResort
{
    List<string> Names(SalesContext db) => (from c in {|RG1002:db.Customers|} where c.RetailerCode == RetailerCodes.Own select c.Name).ToList();
}", Usings + @"
class LastResort
{
    List<string> Names(SalesContext db) => (from c in db.Customers where c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort select c.Name).ToList();
}");

        [Fact]
        public Task Exclusion_WrapsAnOr() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db, string name) =>
        {|RG1002:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own && c.Name == name || c.RetailerCode == RetailerCodes.Own && c.Name == """").ToList();
}", Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db, string name) =>
        db.Customers.Where(c => c.ContractKind != ContractKinds.LastResort).Where(c => c.RetailerCode == RetailerCodes.Own && c.Name == name || c.RetailerCode == RetailerCodes.Own && c.Name == """").ToList();
}");
    }
}
