using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1001_UnfilteredReadTests
    {
        [Fact]
        public Task DbSetToList_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}");

        [Fact]
        public Task FullFilter_IsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task SetOfT_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Set<Customer>()|}.OrderBy(c => c.Name).ToList();
}");

        [Fact]
        public Task Find_Fires() => V.Analyzer(Usings + @"
class Detail
{
    Customer? Get(SalesContext db, int id) => {|RG1001:db.Customers|}.Find(id);
}");

        [Fact]
        public Task LookupBySupplyPointWithoutFilter_Fires() => V.Analyzer(Usings + @"
class Detail
{
    Customer? Get(SalesContext db, string supplyPoint) => {|RG1001:db.Customers|}.FirstOrDefault(c => c.SupplyPointId == supplyPoint);
}");

        [Fact]
        public Task LookupWithFilterInTerminalPredicate_IsQuiet() => V.Analyzer(Usings + @"
class Detail
{
    Customer? Get(SalesContext db, string supplyPoint) =>
        db.Customers.FirstOrDefault(c => c.SupplyPointId == supplyPoint && " + Full + @");
}");

        [Fact]
        public Task Aggregates_Fire() => V.Analyzer(Usings + @"
class Stats
{
    int Count(SalesContext db) => {|RG1001:db.Customers|}.Count();
    bool Any(SalesContext db) => {|RG1001:db.Customers|}.Any(c => c.Arrears > 0);
    decimal Sum(SalesContext db) => {|RG1001:db.Customers|}.Sum(c => c.Arrears);
}");

        [Fact]
        public Task WritePath_Fires() => V.Analyzer(Usings + @"
class Batch
{
    int Reset(SalesContext db) => {|RG1001:db.Customers|}.Where(c => c.Arrears > 0).ExecuteDelete();
    int Touch(SalesContext db) => {|RG1001:db.Customers|}.ExecuteUpdate(s => s.SetProperty(c => c.Arrears, 0m));
}");

        [Fact]
        public Task AddAndRemove_AreNotReads() => V.Analyzer(Usings + @"
class Writer
{
    void Add(SalesContext db, Customer c) { db.Customers.Add(c); db.Customers.Remove(c); }
}");

        [Fact]
        public Task ForEach_Fires() => V.Analyzer(Usings + @"
class Printer
{
    void Print(SalesContext db) { foreach (var c in {|RG1001:db.Customers|}) { System.Console.WriteLine(c.Name); } }
}");

        [Fact]
        public Task Async_FiresAndFilteredIsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    Task<List<Customer>> All(SalesContext db) => {|RG1001:db.Customers|}.ToListAsync();
    Task<List<Customer>> Own(SalesContext db) => db.Customers.Where(c => " + Full + @").ToListAsync();
}");

        [Fact]
        public Task UnprotectedTable_IsQuiet() => V.Analyzer(Usings + @"
class Billing
{
    List<Invoice> All(SalesContext db) => db.Invoices.Where(i => i.Amount > 0).ToList();
}");

        [Fact]
        public Task GeneratorsWithoutPurchaserFilter_Fire() => V.Analyzer(Usings + @"
class PowerPurchase
{
    List<Generator> All(SalesContext db) => {|RG1001:db.Generators|}.ToList();
    List<Generator> Own(SalesContext db) => db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task JoinInQuerySyntax_EachSourceNeedsItsFilter() => V.Analyzer(Usings + @"
class Arrears
{
    object Unfiltered(SalesContext db) =>
        (from i in db.Invoices
         join c in {|RG1001:db.Customers|} on i.CustomerId equals c.Id
         where i.Amount > 0
         select new { c.Name, i.Amount }).ToList();

    object Filtered(SalesContext db) =>
        (from i in db.Invoices
         join c in db.Customers on i.CustomerId equals c.Id
         where c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && i.Amount > 0
         select new { c.Name, i.Amount }).ToList();
}");

        [Fact]
        public Task JoinInMethodSyntax_FilterAfterJoinThroughTransparentMember() => V.Analyzer(Usings + @"
class Arrears
{
    object Filtered(SalesContext db) =>
        db.Customers.Join(db.Invoices, c => c.Id, i => i.CustomerId, (c, i) => new { Cust = c, i.Amount })
          .Where(x => x.Cust.RetailerCode == RetailerCodes.Own && x.Cust.ContractKind != ContractKinds.LastResort)
          .ToList();

    object Unfiltered(SalesContext db) =>
        {|RG1001:db.Customers|}.Join(db.Invoices, c => c.Id, i => i.CustomerId, (c, i) => new { Cust = c, i.Amount })
          .Where(x => x.Amount > 0)
          .ToList();
}");

        [Fact]
        public Task TwoProtectedSources_OnlyTheUnfilteredOneFires() => V.Analyzer(Usings + @"
class Matching
{
    object Pairs(SalesContext db) =>
        (from c in db.Customers
         from g in {|RG1001:db.Generators|}
         where c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && g.Name == c.Name
         select new { c.Name, g.Id }).ToList();
}");

        [Fact]
        public Task ProjectionKeepsColumns_FilterAfterSelectCounts() => V.Analyzer(Usings + @"
class Ledger
{
    object Names(SalesContext db) =>
        db.Customers.Select(c => new { c.Name, Code = c.RetailerCode, c.ContractKind })
          .Where(x => x.Code == RetailerCodes.Own && x.ContractKind != ContractKinds.LastResort)
          .ToList();
}");

        [Fact]
        public Task ComposedLocal_UnconditionalFiltersCount() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, string? name)
    {
        IQueryable<Customer> q = db.Customers;
        q = q.Where(c => c.RetailerCode == RetailerCodes.Own);
        if (name != null)
        {
            q = q.Where(c => c.Name.Contains(name));
        }

        q = q.Where(c => c.ContractKind != ContractKinds.LastResort);
        return q.OrderBy(c => c.Name).ToList();
    }
}");

        [Fact]
        public Task ComposedLocal_FilterOnOneBranchOnly_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, bool ownOnly)
    {
        var q = {|RG1001:db.Customers|}.AsQueryable();
        if (ownOnly)
        {
            q = q.Where(c => " + Full + @");
        }

        return q.ToList();
    }
}");

        [Fact]
        public Task Ternary_EveryArmIsJudged() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db, bool all)
    {
        var q = all ? {|RG1001:db.Customers|} : db.Customers.Where(c => " + Full + @");
        return q.ToList();
    }
}");

        [Fact]
        public Task AcrossMethods_ReturnedQueryJudgedAtTheCaller() => V.Analyzer(Usings + @"
class Repository
{
    private readonly SalesContext _db = new SalesContext();
    public IQueryable<Customer> All() => _db.Customers;
    public IQueryable<Customer> Own() => _db.Customers.Where(c => " + Full + @");
}

class Screen
{
    List<Customer> Leaky(Repository repo) => {|RG1001:repo.All()|}.ToList();
    List<Customer> FilteredByCaller(Repository repo) => repo.All().Where(c => " + Full + @").ToList();
    List<Customer> Safe(Repository repo) => repo.Own().OrderBy(c => c.Name).ToList();
}");

        [Fact]
        public Task PublicApi_ReturnedQueryIsJudgedWhereItIsBuilt() => V.Analyzer(Usings + @"
public class CustomerQueries
{
    private readonly SalesContext _db = new SalesContext();
    public IQueryable<Customer> All() => {|RG1001:_db.Customers|};
    public IQueryable<Customer> Own() => _db.Customers.Where(c => " + Full + @");
    public DbSet<Customer> Set => _db.Customers;
    internal IQueryable<Customer> ForThisAssembly() => _db.Customers;
}");

        [Fact]
        public Task AcrossMethods_HelperThatFiltersItsArgument() => V.Analyzer(Usings + @"
static class Scopes
{
    public static IQueryable<Customer> OwnOnly(this IQueryable<Customer> q) => q.Where(c => " + Full + @");
    public static IQueryable<Customer> ByName(this IQueryable<Customer> q, string n) => q.Where(c => c.Name == n);
}

class Screen
{
    List<Customer> Safe(SalesContext db) => db.Customers.OwnOnly().ToList();
    List<Customer> Leaky(SalesContext db) => {|RG1001:db.Customers|}.ByName(""x"").ToList();
}");

        [Fact]
        public Task GlobalQueryFilter_CoversEveryQuery() => V.Analyzer(Usings + @"
class Screen
{
    List<Customer> All(FilteredContext db) => db.Customers.ToList();
    int Count(FilteredContext db) => db.Customers.Count();
}");

        [Fact]
        public Task GlobalQueryFilter_FromEntityTypeConfiguration() => V.Analyzer(Usings + @"
using Microsoft.EntityFrameworkCore.Metadata.Builders;

class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder) =>
        builder.HasQueryFilter(c => " + Full + @");
}

class ConfiguredContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new CustomerConfiguration());
}

class OtherContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
}

class Screen
{
    List<Customer> Covered(ConfiguredContext db) => db.Customers.ToList();
    List<Customer> NotCovered(OtherContext db) => {|RG1001:db.Customers|}.ToList();
}");

        [Fact]
        public Task SanctionedFilter_IsQuiet() => V.Analyzer(Usings + @"
class Screen
{
    List<Customer> Own(SalesContext db) => db.Customers.OwnContractsOnly().ToList();
}", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task OwnValueThroughLocalLiteralAndReadonly_IsQuiet() => V.Analyzer(Usings + @"
class Screen
{
    List<Customer> ViaLocal(SalesContext db)
    {
        var own = RetailerCodes.Own;
        return db.Customers.Where(c => c.RetailerCode == own && c.ContractKind != ContractKinds.LastResort).ToList();
    }

    List<Customer> ViaLiteral(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode == ""R0001"" && c.ContractKind != ""LAST_RESORT"").ToList();

    List<Customer> ViaReadonly(SalesContext db) =>
        db.Customers.Where(c => RetailerCodes.OwnReadonly == c.RetailerCode).Where(c => c.ContractKind != ContractKinds.LastResort).ToList();

    List<Customer> ViaEquals(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode.Equals(RetailerCodes.Own) && !c.ContractKind.Equals(ContractKinds.LastResort)).ToList();

    List<Customer> ViaPositiveKind(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind == ContractKinds.LowVoltage).ToList();
}");

        [Fact]
        public Task IncludeOfProtectedNavigation_Fires() => V.Analyzer(Usings + @"
class Billing
{
    List<Invoice> WithCustomer(SalesContext db) => db.Invoices.Include(i => {|RG1001:i.Customer|}).ToList();
    List<Invoice> WithOwnCustomer(SalesContext db) =>
        db.Invoices.Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort).Include(i => i.Customer).ToList();
    List<Customer> WithFilteredInclude(SalesContext db) =>
        db.Customers.OwnContractsOnly().Include(c => c.Invoices.Where(i => i.Amount > 0)).ToList();
}");

        [Fact]
        public Task NavigationToAProtectedEntity_IsARead() => V.Analyzer(Usings + @"
class Billing
{
    object Names(SalesContext db) => db.Invoices.Select(i => new { {|RG1001:i.Customer|}.Name, i.Customer.Address, i.Amount }).ToList();
    int Rivals(SalesContext db) => db.Invoices.Count(i => {|RG1003:i.Customer|}.RetailerCode != RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort);
    object Filtered(SalesContext db) =>
        db.Invoices.Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort)
          .OrderBy(i => i.Customer.Name).Select(i => new { i.Customer.Name, i.Amount }).ToList();
    object FilteredAfter(SalesContext db) =>
        db.Invoices.OrderBy(i => i.Customer.Name).Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort).ToList();
    object InMemory(List<Invoice> invoices) => invoices.Select(i => i.Customer.Name).ToList();
}");

        [Fact]
        public Task NavigationUnderAGlobalFilter_IsCovered() => V.Analyzer(Usings + @"
class OwnInvoice { public int Id { get; set; } public Customer Customer { get; set; } = null!; }

class BillingContext : DbContext
{
    public DbSet<OwnInvoice> Invoices => Set<OwnInvoice>();
    protected override void OnModelCreating(ModelBuilder b) =>
        b.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
}

class Billing
{
    object Names(BillingContext db) => db.Invoices.Select(i => i.Customer.Name).ToList();
}");

        [Fact]
        public Task UnusedQuery_IsQuiet() => V.Analyzer(Usings + @"
class Screen
{
    void Build(SalesContext db)
    {
        var q = db.Customers.AsQueryable();
    }
}");

        [Fact]
        public Task NoPolicy_NothingReported() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => db.Customers.ToList();
}", policy: null);
    }
}
