using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1005_QueryFilterBypassedTests
    {
        [Fact]
        public Task IgnoreQueryFilters_OnFilteredEntity_Fires() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => {|RG1005:db.Customers|}.IgnoreQueryFilters().ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_WithExplicitFilter_IsQuiet() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(FilteredContext db) => db.Customers.IgnoreQueryFilters().Where(c => " + Full + @").ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_WithoutGlobalFilter_IsAnUnfilteredRead() => V.Analyzer(Usings + @"
class Admin
{
    List<Customer> All(SalesContext db) => {|RG1001:db.Customers|}.IgnoreQueryFilters().ToList();
}");

        [Fact]
        public Task IgnoreQueryFilters_OnUnprotectedEntity_IsQuiet() => V.Analyzer(Usings + @"
class Admin
{
    List<Invoice> All(SalesContext db) => db.Invoices.IgnoreQueryFilters().ToList();
}");
    }
}
