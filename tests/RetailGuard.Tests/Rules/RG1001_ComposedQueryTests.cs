using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;
using VSql = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// What EF Core composes: LINQ and query filters over FromSql, foreign keys read through a navigation without a join,
    /// and one finding for one navigation read in one query.
    /// </summary>
    public class RG1001_ComposedQueryTests
    {
        [Fact]
        public Task FromSql_WithTheFilterComposedInLinq_IsQuiet() => VSql.Analyzer(Usings + @"
class Raw
{
    List<Customer> Hinted(SalesContext db) =>
        db.Customers.FromSqlRaw(""SELECT * FROM customers WITH (NOLOCK)"").Where(c => " + Full + @").ToList();
    List<Customer> Filtered(FilteredContext db) => db.Customers.FromSqlRaw(""SELECT * FROM customers"").ToList();
}");

        [Fact]
        public Task FromSql_WithoutTheWholeFilterComposed_FiresOnTheText() => VSql.Analyzer(Usings + @"
class Raw
{
    List<Customer> Plain(SalesContext db) => db.Customers.FromSqlRaw(""SELECT * FROM {|RG1001:customers|}"").ToList();
    List<Customer> Lifted(FilteredContext db) => db.Customers.FromSqlRaw(""SELECT * FROM {|RG1001:customers|}"").IgnoreQueryFilters().ToList();
    List<Customer> Partial(SalesContext db) =>
        db.Customers.FromSqlRaw(""SELECT * FROM {|RG1001:customers|}"").Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task FromSql_ComposedOverAnotherProtectedTable_StillJudgesThatTable() => VSql.Analyzer(Usings + @"
class Raw
{
    List<Customer> Joined(SalesContext db) =>
        db.Customers.FromSqlRaw(""SELECT c.* FROM customers c JOIN {|RG1001:generators|} g ON g.id = c.id"").Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task NavigationUsedForItsKey_IsNoRead() => V.Analyzer(Usings + @"
class Screens
{
    List<int> Keys(SalesContext db) => db.Invoices.Where(i => i.Customer.Id > 10).OrderBy(i => i.Customer.Id).Select(i => i.Customer.Id).ToList();
}");

        [Fact]
        public Task NavigationUsedForAColumn_IsARead() => V.Analyzer(Usings + @"
class Screens
{
    List<string> Names(SalesContext db) => db.Invoices.Where(i => i.Customer.Id > 10).Select(i => {|RG1001:i.Customer|}.Name).ToList();
}");

        [Fact]
        public Task NavigationReadInSeveralOperators_IsOneFinding() => V.Analyzer(Usings + @"
class Screens
{
    List<string> Names(SalesContext db) =>
        db.Invoices.Where(i => {|RG1001:i.Customer|}.Arrears > 0).OrderBy(i => i.Customer.Name).Select(i => i.Customer.Name).ToList();
}");
    

        private const string Areas = @"
class Area
{
    public int Id { get; set; }
    public List<Customer> Customers { get; set; } = new List<Customer>();
}

class AreaContext : DbContext
{
    public DbSet<Area> Areas => Set<Area>();
}
";

        [Fact]
        public Task CollectionNavigation_FilteredInsideTheLambda_IsQuiet() => V.Analyzer(Usings + Areas + @"
class Screens
{
    List<string> Names(AreaContext db) => db.Areas.SelectMany(a => a.Customers.Where(c => " + Full + @")).Select(c => c.Name).ToList();
    List<int> Counts(AreaContext db) => db.Areas.Select(a => a.Customers.Count(c => " + Full + @")).ToList();
}");

        [Fact]
        public Task CollectionNavigation_Unfiltered_Fires() => V.Analyzer(Usings + Areas + @"
class Screens
{
    List<string> Names(AreaContext db) => db.Areas.SelectMany(a => {|RG1001:a.Customers|}).Select(c => c.Name).ToList();
    List<int> Counts(AreaContext db) => db.Areas.Select(a => {|RG1001:a.Customers|}.Count(c => c.Arrears > 0)).ToList();
}");

        [Fact]
        public Task NavigationInAGroupAggregate_Fires() => V.Analyzer(Usings + @"
class Screens
{
    object Large(SalesContext db) => db.Invoices.GroupBy(i => i.Amount > 100).Select(g => new { g.Key, N = g.Count(i => {|RG1001:i.Customer|}.Arrears > 0) }).ToList();
}");

        [Fact]
        public Task NavigationInAGroupAggregate_AfterTheOuterFilter_IsQuiet() => V.Analyzer(Usings + @"
class Screens
{
    object Large(SalesContext db) =>
        db.Invoices.Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort)
            .GroupBy(i => i.Amount > 100).Select(g => new { g.Key, N = g.Count(i => i.Customer.Arrears > 0) }).ToList();
}");

        [Fact]
        public Task Include_FilteredAboveThroughTheNavigation_IsQuiet() => V.Analyzer(Usings + @"
class Screens
{
    List<Invoice> Own(SalesContext db) =>
        db.Invoices.Include(i => i.Customer)
            .Where(i => i.Customer.RetailerCode == RetailerCodes.Own && i.Customer.ContractKind != ContractKinds.LastResort).ToList();
    List<Invoice> All(SalesContext db) => db.Invoices.Include(i => {|RG1001:i.Customer|}).Where(i => i.Amount > 0).ToList();
}");
    

        private const string Areas2 = @"
class Region
{
    public int Id { get; set; }
    public string Name { get; set; } = """";
}

class RegionContext : SalesContext
{
    public DbSet<Region> Regions => Set<Region>();
}
";

        [Fact]
        public Task GroupJoin_FilteredGroup_IsQuiet() => V.Analyzer(Usings + Areas2 + @"
class Screens
{
    List<string> Left(RegionContext db) =>
        (from r in db.Regions
         join c in db.Customers on r.Id equals c.Id into customers
         from c in customers.Where(c => " + Full + @").DefaultIfEmpty()
         select r.Name + "":"" + (c == null ? ""-"" : c.Name)).ToList();
}");

        [Fact]
        public Task GroupJoin_UnfilteredOrPartlyFilteredGroup_Fires() => V.Analyzer(Usings + Areas2 + @"
class Screens
{
    List<string> Left(RegionContext db) =>
        (from r in db.Regions
         join c in {|RG1001:db.Customers|} on r.Id equals c.Id into customers
         from c in customers.DefaultIfEmpty()
         select r.Name + "":"" + (c == null ? ""-"" : c.Name)).ToList();

    List<string> Partly(RegionContext db) =>
        (from r in db.Regions
         join c in {|RG1002:db.Customers|} on r.Id equals c.Id into customers
         from c in customers.Where(c => c.RetailerCode == RetailerCodes.Own)
         select c.Name).ToList();
}");
    }
}
