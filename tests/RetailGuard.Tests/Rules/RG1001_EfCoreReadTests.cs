using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// Every public EF Core API that loads rows is a read: key lookups on the context, explicit loading, generic data access
    /// judged per instantiation, query sources that dispatch (virtual, abstract, interface), derived entity types, and the
    /// policy's sanctioned sources.
    /// </summary>
    public class RG1001_EfCoreReadTests
    {
        private static string PolicyWith(string key, string value) =>
            TestDomain.Policy.Substring(0, TestDomain.Policy.LastIndexOf('}')).TrimEnd() + ",\n  \"" + key + "\": " + value + "\n}";

        [Fact]
        public Task ContextFind_EveryForm_Fires() => V.Analyzer(Usings + @"
class Detail
{
    Customer? Get(SalesContext db, int id) => {|RG1001:db.Find<Customer>(id)|};
    async Task<Customer?> GetAsync(SalesContext db, int id) => await {|RG1001:db.FindAsync<Customer>(id)|};
    object? ByType(SalesContext db, int id) => {|RG1001:db.Find(typeof(Customer), id)|};
}");

        [Fact]
        public Task ContextFind_OfAFreeEntity_IsQuiet() => V.Analyzer(Usings + @"
class Detail
{
    Invoice? Get(SalesContext db, int id) => db.Find<Invoice>(id);
    object? ByType(SalesContext db, int id) => db.Find(typeof(Invoice), id);
}");

        [Fact]
        public Task ContextFind_UnderTheContextsQueryFilter_IsQuiet() => V.Analyzer(Usings + @"
class Detail
{
    Customer? Get(FilteredContext db, int id) => db.Find<Customer>(id);
}");

        [Fact]
        public Task ContextFind_OfARestrictedEntity_IsRG1006() => V.Analyzer(Usings + @"
class Detail
{
    NwEForm? Get(SalesContext db, int id) => {|RG1006:db.Find<NwEForm>(id)|};
}");

        [Fact]
        public Task ExplicitLoading_LoadAndLoadAsync_Fire() => V.Analyzer(Usings + @"
class Loader
{
    void Reference(SalesContext db, Invoice invoice) => {|RG1001:db.Entry(invoice).Reference(i => i.Customer)|}.Load();
    Task ReferenceAsync(SalesContext db, Invoice invoice) => {|RG1001:db.Entry(invoice).Reference(i => i.Customer)|}.LoadAsync();
    void ByName(SalesContext db, Invoice invoice) => {|RG1001:db.Entry(invoice).Navigation(""Customer"")|}.Load();
}");

        [Fact]
        public Task ExplicitLoading_QueryComposedWithTheFilter_IsQuiet() => V.Analyzer(Usings + @"
class Loader
{
    List<Customer> Own(SalesContext db, Invoice invoice) =>
        db.Entry(invoice).Reference(i => i.Customer).Query().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task ExplicitLoading_QueryWithoutFilter_Fires() => V.Analyzer(Usings + @"
class Loader
{
    string? Name(SalesContext db, Invoice invoice) =>
        {|RG1001:db.Entry(invoice).Reference(i => i.Customer)|}.Query().Select(c => c.Name).FirstOrDefault();
}");

        [Fact]
        public Task ExplicitLoading_StateOnly_IsQuiet() => V.Analyzer(Usings + @"
class Loader
{
    bool Loaded(SalesContext db, Invoice invoice) => db.Entry(invoice).Reference(i => i.Customer).IsLoaded;
    void Invoices(SalesContext db, Customer customer) => db.Entry(customer).Collection(c => c.Invoices).Load();
}");

        [Fact]
        public Task ExplicitLoading_UnderTheContextsQueryFilter_IsQuiet() => V.Analyzer(Usings + @"
class Loader
{
    void Reference(FilteredContext db, Invoice invoice) => db.Entry(invoice).Reference(i => i.Customer).Load();
}");

        [Fact]
        public Task GenericRepository_InstantiatedWithAProtectedEntity_FiresAtTheInstantiation() => V.Analyzer(Usings + @"
class Repository<T> where T : class
{
    private readonly DbContext _db;
    public Repository(DbContext db) => _db = db;
    public List<T> All() => _db.Set<T>().ToList();
}

class Screens
{
    List<Customer> Customers(SalesContext db) => {|RG1001:new Repository<Customer>(db).All()|};
    List<Invoice> Invoices(SalesContext db) => new Repository<Invoice>(db).All();
}");

        [Fact]
        public Task GenericHelper_InstantiatedWithARestrictedEntity_IsRG1006() => V.Analyzer(Usings + @"
static class Counts
{
    public static int Of<T>(DbContext db) where T : class => db.Set<T>().Count();
}

class Screens
{
    int Forms(SalesContext db) => {|RG1006:Counts.Of<NwEForm>(db)|} + Counts.Of<Invoice>(db);
}");

        [Fact]
        public Task GenericHelper_GivenAContextWithTheQueryFilter_IsQuiet() => V.Analyzer(Usings + @"
static class Counts
{
    public static int Of<T>(DbContext db) where T : class => db.Set<T>().Count();
}

class Screens
{
    int Customers(FilteredContext db) => Counts.Of<Customer>(db);
}");

        [Fact]
        public Task GenericHelper_CallingAnotherGenericHelper_FiresAtTheOuterCall() => V.Analyzer(Usings + @"
static class Data
{
    public static List<T> All<T>(DbContext db) where T : class => db.Set<T>().ToList();
    public static int CountAll<T>(DbContext db) where T : class => All<T>(db).Count;
}

class Screens
{
    int Customers(SalesContext db) => {|RG1001:Data.CountAll<Customer>(db)|};
}");

        [Fact]
        public Task GenericRepository_ReturningTheQuery_IsJudgedWhereTheCallerRunsIt() => V.Analyzer(Usings + @"
class Repository<T> where T : class
{
    private readonly DbContext _db;
    public Repository(DbContext db) => _db = db;
    public IQueryable<T> Query() => _db.Set<T>();
}

class Screens
{
    List<Customer> All(SalesContext db) => {|RG1001:new Repository<Customer>(db).Query()|}.ToList();
    List<Customer> Own(SalesContext db) => new Repository<Customer>(db).Query().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task InterfaceSource_OneImplementationUnfiltered_Fires() => V.Analyzer(Usings + @"
interface ICustomerSource { IQueryable<Customer> Customers(SalesContext db); }
class Own : ICustomerSource { public IQueryable<Customer> Customers(SalesContext db) => db.Customers.Where(c => " + Full + @"); }
class Every : ICustomerSource { public IQueryable<Customer> Customers(SalesContext db) => db.Customers; }

class Screens
{
    List<string> Names(ICustomerSource source, SalesContext db) => {|RG1001:source.Customers(db)|}.Select(c => c.Name).ToList();
}");

        [Fact]
        public Task InterfaceSource_EveryImplementationFiltered_IsQuiet() => V.Analyzer(Usings + @"
interface ICustomerSource { IQueryable<Customer> Customers(SalesContext db); }
class Own : ICustomerSource { public IQueryable<Customer> Customers(SalesContext db) => db.Customers.Where(c => " + Full + @"); }

class Screens
{
    List<string> Names(ICustomerSource source, SalesContext db) => source.Customers(db).Select(c => c.Name).ToList();
}");

        [Fact]
        public Task InterfaceSource_WithNoImplementation_IsNotProven() => V.Analyzer(Usings + @"
interface ICustomerSource { IQueryable<Customer> Customers(SalesContext db); }

class Screens
{
    List<string> Names(ICustomerSource source, SalesContext db) => {|RG1001:source.Customers(db)|}.Select(c => c.Name).ToList();
}");

        [Fact]
        public Task VirtualSource_OverrideDropsTheFilter_Fires() => V.Analyzer(Usings + @"
class Scoped
{
    public virtual IQueryable<Customer> Customers(SalesContext db) => db.Customers.Where(c => " + Full + @");
}

class Unscoped : Scoped
{
    public override IQueryable<Customer> Customers(SalesContext db) => db.Customers;
}

class Screens
{
    List<string> Names(Scoped scope, SalesContext db) => {|RG1001:scope.Customers(db)|}.Select(c => c.Name).ToList();
}");

        [Fact]
        public Task DerivedEntityType_IsProtectedAsItsRoot() => V.Analyzer(Usings + @"
class VipCustomer : Customer { public int Tier { get; set; } }

class Screens
{
    List<VipCustomer> All(SalesContext db) => {|RG1001:db.Set<VipCustomer>()|}.ToList();
    List<VipCustomer> Own(SalesContext db) => db.Set<VipCustomer>().Where(c => " + Full + @").ToList();
    List<VipCustomer> Rooted(FilteredContext db) => db.Set<VipCustomer>().ToList();
}");

        [Fact]
        public Task SanctionedSource_IsTrusted_AndWhatFollowsIsJudged() => V.Analyzer(Usings + @"
namespace Sales.Data.Scoped
{
    public static class Sources
    {
        public static IQueryable<Customer> OwnCustomers(SalesContext db) => db.Customers;
    }

    class Screens
    {
        List<string> Names(SalesContext db) => Sources.OwnCustomers(db).Select(c => c.Name).ToList();
        int Count(SalesContext db) => Sources.OwnCustomers(db).Count(c => c.Arrears > 0);
    }
}", PolicyWith("sanctionedSources", "[\"Sales.Data.Scoped.Sources.OwnCustomers\"]"));
    

        private const string SelectorRepository = @"
class SelectorRepository<T>
{
    private readonly System.Func<SalesContext, IQueryable<T>> _select;
    public SelectorRepository(System.Func<SalesContext, IQueryable<T>> select) => _select = select;
    public List<T> All(SalesContext db) => _select(db).ToList();
    public bool Configured => _select != null;
}
";

        [Fact]
        public Task SelectorLambda_IsReadWhereTheGenericCodeRunsIt() => V.Analyzer(Usings + SelectorRepository + @"
class Screens
{
    List<Customer> All(SalesContext db) => {|RG1001:new SelectorRepository<Customer>(d => d.Customers).All(db)|};
    List<Invoice> Invoices(SalesContext db) => new SelectorRepository<Invoice>(d => d.Invoices).All(db);
}");

        [Fact]
        public Task SelectorLambda_EverySelectorFiltered_IsQuiet() => V.Analyzer(Usings + SelectorRepository + @"
class Screens
{
    List<Customer> Own(SalesContext db) => new SelectorRepository<Customer>(d => d.Customers.Where(c => " + Full + @")).All(db);
    List<Customer> Scoped(SalesContext db) => new SelectorRepository<Customer>(d => d.Customers.OwnContractsOnly()).All(db);
}", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task SelectorLambda_OneUnfilteredSelectorInTheCompilation_MakesEveryRunUnproven() => V.Analyzer(Usings + SelectorRepository + @"
class Screens
{
    List<Customer> Own(SalesContext db) => {|RG1001:new SelectorRepository<Customer>(d => d.Customers.Where(c => " + Full + @")).All(db)|};
    List<Customer> All(SalesContext db) => {|RG1001:new SelectorRepository<Customer>(d => d.Customers).All(db)|};
}");

        [Fact]
        public Task SelectorLambda_NeverRun_IsQuiet() => V.Analyzer(Usings + SelectorRepository + @"
class Screens
{
    bool Ready() => new SelectorRepository<Customer>(d => d.Customers).Configured;
}");

        [Fact]
        public Task SelectorLambda_HandedToCodeRetailGuardCannotSee_IsARead() => V.Analyzer(Usings + @"
class Screens
{
    System.Lazy<IQueryable<Customer>> Later(SalesContext db) => new System.Lazy<IQueryable<Customer>>(() => {|RG1001:db.Customers|});
}");
    

        private const string ShadowDomain = @"
namespace Sales.Tenancy
{
    public class Meter
    {
        public int Id { get; set; }
        public string Serial { get; set; } = """";
    }

    public class MeterContext : DbContext
    {
        public DbSet<Meter> Meters => Set<Meter>();
        protected override void OnModelCreating(ModelBuilder b) => b.Entity<Meter>().Property<string>(""RetailerCode"");
    }
}
";

        private static string ShadowPolicy => TestDomain.Policy.Replace(@"    { ""table"": ""generators"",", @"    { ""table"": ""meters"", ""entity"": ""Sales.Tenancy.Meter"", ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"",
      ""shadowProperties"": [""RetailerCode""] },
    { ""table"": ""generators"",");

        [Fact]
        public Task ShadowRetailerProperty_ReadWithEfProperty_IsQuiet() => V.Analyzer(Usings + ShadowDomain + @"
class Screens
{
    List<Sales.Tenancy.Meter> Own(Sales.Tenancy.MeterContext db) =>
        db.Meters.Where(m => EF.Property<string>(m, ""RetailerCode"") == RetailerCodes.Own).ToList();
}", ShadowPolicy);

        [Fact]
        public Task ShadowRetailerProperty_NotCompared_Fires() => V.Analyzer(Usings + ShadowDomain + @"
class Screens
{
    List<Sales.Tenancy.Meter> All(Sales.Tenancy.MeterContext db) => {|RG1001:db.Meters|}.Where(m => m.Serial != """").ToList();
    List<Sales.Tenancy.Meter> Other(Sales.Tenancy.MeterContext db) =>
        {|RG1003:db.Meters|}.Where(m => EF.Property<string>(m, ""RetailerCode"") == RetailerCodes.Rival).ToList();
}", ShadowPolicy);
    

        [Fact]
        public Task CompiledQuery_IsJudgedByTheQueryItCompiles() => V.Analyzer(Usings + @"
class Queries
{
    static readonly System.Func<SalesContext, IEnumerable<Customer>> All =
        EF.CompileQuery((SalesContext db) => {|RG1001:db.Customers|}.Where(c => c.Arrears > 0));
    static readonly System.Func<SalesContext, IEnumerable<Customer>> Own =
        EF.CompileQuery((SalesContext db) => db.Customers.Where(c => " + Full + @"));
    static readonly System.Func<SalesContext, int, Task<Customer?>> OneAsync =
        EF.CompileAsyncQuery((SalesContext db, int id) => {|RG1001:db.Customers|}.FirstOrDefault(c => c.Id == id));
}");

        [Fact]
        public Task OfTypeOfADerivedEntity_IsARead() => V.Analyzer(Usings + @"
class VipCustomer : Customer { public int Tier { get; set; } }

class Screens
{
    List<VipCustomer> All(SalesContext db) => {|RG1001:db.Customers|}.OfType<VipCustomer>().ToList();
    List<VipCustomer> Own(SalesContext db) => db.Customers.OfType<VipCustomer>().Where(c => " + Full + @").ToList();
}");
    }
}
