using System.Threading.Tasks;
using RetailGuard.CodeFixes;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// RG1001's LINQ fix on every read shape it meets. Each fixed source is compiled by the test (no error) and analyzed by
    /// every RetailGuard analyzer (no diagnostic), and fix-all must reach it in one pass.
    /// </summary>
    public class LinqShapesCodeFixTests
    {
        private const string Filter = "RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort";

        [Fact]
        public Task SetOfT() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<Customer> All(SalesContext db) => {|RG1001:db.Set<Customer>()|}.ToList();
}", Usings + @"
class Ledger
{
    List<Customer> All(SalesContext db) => db.Set<Customer>().Where(c => c.RetailerCode == " + Filter + @").ToList();
}");

        [Fact]
        public Task QuerySyntax() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    List<string> Names(SalesContext db) => (from c in {|RG1001:db.Customers|} where c.Name != """" orderby c.Name select c.Name).ToList();
}", Usings + @"
class Ledger
{
    List<string> Names(SalesContext db) => (from c in db.Customers.Where(c => c.RetailerCode == " + Filter + @") where c.Name != """" orderby c.Name select c.Name).ToList();
}");

        [Fact]
        public Task QuerySyntaxJoin() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Arrears
{
    List<string> Dunning(SalesContext db) =>
        (from i in db.Invoices
         join c in {|RG1001:db.Customers|} on i.CustomerId equals c.Id
         where i.Amount > 0
         select c.Name).ToList();
}", Usings + @"
class Arrears
{
    List<string> Dunning(SalesContext db) =>
        (from i in db.Invoices
         join c in db.Customers.Where(c => c.RetailerCode == " + Filter + @") on i.CustomerId equals c.Id
         where i.Amount > 0
         select c.Name).ToList();
}");

        [Fact]
        public Task MethodSyntaxJoin() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Arrears
{
    List<string> Dunning(SalesContext db) =>
        db.Invoices.Join({|RG1001:db.Customers|}, i => i.CustomerId, c => c.Id, (i, c) => c.Name).ToList();
}", Usings + @"
class Arrears
{
    List<string> Dunning(SalesContext db) =>
        db.Invoices.Join(db.Customers.Where(c => c.RetailerCode == " + Filter + @"), i => i.CustomerId, c => c.Id, (i, c) => c.Name).ToList();
}");

        [Fact]
        public Task AsyncChainInABlockBody() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Ledger
{
    async Task<List<Customer>> SearchAsync(SalesContext db, string name)
    {
        var query = {|RG1001:db.Customers|}.AsNoTracking().Where(x => x.Name.StartsWith(name));
        return await query.OrderBy(x => x.Name).ToListAsync();
    }
}", Usings + @"
class Ledger
{
    async Task<List<Customer>> SearchAsync(SalesContext db, string name)
    {
        var query = db.Customers.Where(c => c.RetailerCode == " + Filter + @").AsNoTracking().Where(x => x.Name.StartsWith(name));
        return await query.OrderBy(x => x.Name).ToListAsync();
    }
}");

        [Fact]
        public Task Find_BecomesTheFilterAndAKeyLookup() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Detail
{
    Customer? ByKey(SalesContext db, int id) => {|RG1001:db.Customers|}.Find(id);
}", Usings + @"
class Detail
{
    Customer? ByKey(SalesContext db, int id) => db.Customers.Where(c => c.RetailerCode == " + Filter + @").FirstOrDefault(c => c.Id == id);
}");

        [Fact]
        public Task FindAsync_Awaited() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Detail
{
    async Task<Customer?> ByKeyAsync(SalesContext db, int id) => await {|RG1001:db.Customers|}.FindAsync(id);
}", Usings + @"
class Detail
{
    async Task<Customer?> ByKeyAsync(SalesContext db, int id) => await db.Customers.Where(c => c.RetailerCode == " + Filter + @").FirstOrDefaultAsync(c => c.Id == id);
}");

        [Fact]
        public Task FindAsync_WithCancellationToken() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Detail
{
    async Task<Customer?> ByKeyAsync(SalesContext db, int id, System.Threading.CancellationToken ct) =>
        await {|RG1001:db.Customers|}.FindAsync(new object[] { id }, ct);
}", Usings + @"
class Detail
{
    async Task<Customer?> ByKeyAsync(SalesContext db, int id, System.Threading.CancellationToken ct) =>
        await db.Customers.Where(c => c.RetailerCode == " + Filter + @").FirstOrDefaultAsync(c => c.Id == id, ct);
}");

        [Fact]
        public Task Find_WithTheSanctionedFilter() => V.CodeFix<AddRetailerFilterCodeFix>(Usings + @"
class Detail
{
    Customer? ByKey(SalesContext db, int id) => {|RG1001:db.Customers|}.Find(id);
}", Usings + @"
class Detail
{
    Customer? ByKey(SalesContext db, int id) => db.Customers.OwnContractsOnly().FirstOrDefault(c => c.Id == id);
}", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task FindAsync_NotAwaited_HasNoFix()
        {
            // FirstOrDefaultAsync returns a Task, not the ValueTask the caller expects: no fix rather than a broken one.
            const string source = Usings + @"
class Detail
{
    ValueTask<Customer?> ByKeyAsync(SalesContext db, int id) => {|RG1001:db.Customers|}.FindAsync(id);
}";
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source);
        }

        [Fact]
        public Task Find_WithAKeyOfAnotherType_HasNoFix()
        {
            const string source = Usings + @"
class Detail
{
    Customer? ByKey(SalesContext db, object id) => {|RG1001:db.Customers|}.Find(id);
}";
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source);
        }

        [Fact]
        public Task DbSetKeptAsDbSet_HasNoFix()
        {
            // The filter would turn the DbSet into a query, and Add needs the DbSet: no fix rather than code that does not compile.
            const string source = Usings + @"
class Import
{
    int Run(SalesContext db)
    {
        DbSet<Customer> set = {|RG1001:db.Customers|};
        set.Add(new Customer());
        return set.Count();
    }
}";
            return V.CodeFix<AddRetailerFilterCodeFix>(source, source);
        }
    }
}
