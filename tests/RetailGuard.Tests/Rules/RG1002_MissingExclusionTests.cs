using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1002_MissingExclusionTests
    {
        [Fact]
        public Task OwnFilterWithoutLastResortExclusion_Fires() => V.Analyzer(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) => {|RG1002:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task ExclusionUnderOr_Fires() => V.Analyzer(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) =>
        {|RG1002:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own && (c.ContractKind != ContractKinds.LastResort || c.Arrears > 0)).ToList();
}");

        [Fact]
        public Task ExclusionOfAnotherValue_Fires() => V.Analyzer(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) =>
        {|RG1002:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LowVoltage).ToList();
}");

        [Fact]
        public Task ExclusionInSeparateWhere_IsQuiet() => V.Analyzer(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).Where(c => c.ContractKind != ""LAST_RESORT"").ToList();
}");

        [Fact]
        public Task ExclusionInEveryOrBranch_IsQuiet() => V.Analyzer(Usings + @"
class LastResort
{
    List<Customer> Own(SalesContext db, bool flag) =>
        db.Customers.Where(c => (c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.Arrears > 0)
                             || (c.RetailerCode == RetailerCodes.Own && c.ContractKind == ContractKinds.LowVoltage)).ToList();
}");

        [Fact]
        public Task TableWithoutExclusions_NeedsOnlyTheRetailerFilter() => V.Analyzer(Usings + @"
class PowerPurchase
{
    List<Generator> Own(SalesContext db) => db.Generators.Where(g => g.PurchaserCode == RetailerCodes.Own).ToList();
}");

        [Fact]
        public Task GlobalFilterWithoutExclusion_Fires() => V.Analyzer(Usings + @"
class RetailerOnlyContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder b) => b.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own);
}

class Screen
{
    List<Customer> All(RetailerOnlyContext db) => {|RG1002:db.Customers|}.ToList();
    List<Customer> Excluded(RetailerOnlyContext db) => db.Customers.Where(c => c.ContractKind != ContractKinds.LastResort).ToList();
}");
    }
}
