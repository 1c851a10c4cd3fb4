using System.Threading.Tasks;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    public class AddRetailerFilterCodeFixTests
    {
        [Fact]
        public Task RG1001_InsertsTheFullFilter() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.OrderBy(x => x.Name).ToList();
}", Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).OrderBy(x => x.Name).ToList();
}");

        [Fact]
        public Task RG1001_AvoidsNamesInScope() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    int Count(SalesContext db, int c) => {|RG1001:db.Customers|}.Count();
}", Usings + @"
class Ledger
{
    int Count(SalesContext db, int c) => db.Customers.Where(c1 => c1.RetailerCode == RetailerCodes.Own && c1.ContractKind != ContractKinds.LastResort).Count();
}");

        [Fact]
        public Task RG1001_UsesTheSanctionedFilterWhenConfigured() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}", Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.OwnContractsOnly().ToList();
}", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task RG1001_Generators_UsesTheirRetailerProperty() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class PowerPurchase
{
    List<Generator> All(SalesContext db) => {|RG1001:db.Generators|}.ToList();
}", Usings + @"
class PowerPurchase
{
    List<Generator> All(SalesContext db) => db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task RG1002_AddsTheMissingExclusion() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) => {|RG1002:db.Customers|}.Where(x => x.RetailerCode == RetailerCodes.Own).ToList();
}", Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) => db.Customers.Where(x => x.RetailerCode == RetailerCodes.Own && x.ContractKind != ContractKinds.LastResort).ToList();
}");

        [Fact]
        public Task FixAll_FixesEveryReadInTheDocument() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> A(SalesContext db) => {|RG1001:db.Customers|}.ToList();
    int B(SalesContext db) => {|RG1001:db.Customers|}.Count();
}", Usings + @"
class Ledger
{
    List<Customer> A(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
    int B(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Count();
}");
    }

    public class MoveFilterBeforeLoadCodeFixTests
    {
        [Fact]
        public Task RG1004_MovesTheWhereBeforeToList() => V.CodeFix<MoveFilterBeforeLoadCodeFix>(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1004:db.Customers|}.ToList().Where(c => " + Full + @").ToList();
}", Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task RG1004_MovesTheWhereBeforeAsEnumerable() => V.CodeFix<MoveFilterBeforeLoadCodeFix>(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1004:db.Customers|}.AsEnumerable().Where(c => " + Full + @").ToList();
}", Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.Where(c => " + Full + @").ToList();
}");
    }

    public class RemoveIgnoreQueryFiltersCodeFixTests
    {
        [Fact]
        public Task RG1005_RemovesTheCall() => V.CodeFix<RemoveIgnoreQueryFiltersCodeFix>(Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().OrderBy(c => c.Name).ToList();
}", Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => db.Customers.OrderBy(c => c.Name).ToList();
}");
    }
}

namespace RetailGuard.Tests.CodeFixes
{
    using RetailGuard.Tests.Rules;

    public class NarrowIgnoreQueryFiltersCodeFixTests
    {
        [Fact]
        public Task RG1005_EfCore10_NarrowsToTheOtherNamedFilters() => V.CodeFix<RemoveIgnoreQueryFiltersCodeFix>(Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().ToList();
}", Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => db.Customers.IgnoreQueryFilters(new[] { ""Arrears"" }).ToList();
}", references: TestPackages.Net100WithEfCore10, codeActionIndex: 0);

        [Fact]
        public Task RG1005_EfCore10_RemoveStillOffered() => V.CodeFix<RemoveIgnoreQueryFiltersCodeFix>(Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().ToList();
}", Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => db.Customers.ToList();
}", references: TestPackages.Net100WithEfCore10, codeActionIndex: 1);
    }
}

namespace RetailGuard.Tests.CodeFixes
{
    using RetailGuard.Tests.Rules;

    public class MoveFilterBeforeLoadShapesTests
    {
        [Fact]
        public Task RG1004_AwaitedLoad() => V.CodeFix<MoveFilterBeforeLoadCodeFix>(Usings + @"
class Ledger
{
    async Task<List<Customer>> SearchAsync(SalesContext db) =>
        (await {|RG1004:db.Customers|}.ToListAsync()).Where(c => " + Full + @").ToList();
}", Usings + @"
class Ledger
{
    async Task<List<Customer>> SearchAsync(SalesContext db) =>
        (await db.Customers.Where(c => " + Full + @").ToListAsync()).ToList();
}");

        [Fact]
        public Task RG1004_ConditionsTheDatabaseCannotRunStayAfterTheLoad() => V.CodeFix<MoveFilterBeforeLoadCodeFix>(Usings + @"
class Ledger
{
    static bool Interesting(Customer c) => c.Name.Length > 3;
    List<Customer> Search(SalesContext db) => {|RG1004:db.Customers|}.ToList().Where(c => " + Full + @" && Interesting(c)).ToList();
}", Usings + @"
class Ledger
{
    static bool Interesting(Customer c) => c.Name.Length > 3;
    List<Customer> Search(SalesContext db) => db.Customers.Where(c => " + Full + @").ToList().Where(c => Interesting(c)).ToList();
}");
    }

    public class NarrowIgnoreQueryFiltersShapesTests
    {
        [Fact]
        public Task RG1005_KeepsOnlyTheOtherFiltersTheCallIgnored() => V.CodeFix<RemoveIgnoreQueryFiltersCodeFix>(Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters(new[] { ""Retailer"", ""Arrears"" }).ToList();
}", Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => db.Customers.IgnoreQueryFilters(new[] { ""Arrears"" }).ToList();
}", references: TestPackages.Net100WithEfCore10);

        [Fact]
        public Task RG1005_IgnoringOnlyTheRetailerFilter_RemovesTheCall() => V.CodeFix<RemoveIgnoreQueryFiltersCodeFix>(Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters(new[] { ""Retailer"" }).ToList();
}", Usings + RG1005_NamedQueryFilterTests.NamedContext + @"
class Admin
{
    List<Customer> All(NamedContext db) => db.Customers.ToList();
}", references: TestPackages.Net100WithEfCore10);
    }
}
