using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1006_RestrictedTableReadTests
    {
        [Fact]
        public Task AnyRead_Fires() => V.Analyzer(Usings + @"
class EForms
{
    List<NwEForm> All(SalesContext db) => {|RG1006:db.NwEForms|}.ToList();
    int Count(SalesContext db) => {|RG1006:db.NwEForms|}.Count(f => f.Title != """");
    NwEForm? One(SalesContext db, int id) => {|RG1006:db.Set<NwEForm>()|}.Find(id);
}");

        [Fact]
        public Task ReadThroughRepository_FiresAtTheCaller() => V.Analyzer(Usings + @"
class Repo
{
    public IQueryable<NwEForm> Forms(SalesContext db) => db.NwEForms;
}

class Screen
{
    List<NwEForm> Show(Repo r, SalesContext db) => {|RG1006:r.Forms(db)|}.ToList();
}");

        [Fact]
        public Task NoRead_IsQuiet() => V.Analyzer(Usings + @"
class EForms
{
    void Add(SalesContext db) => db.NwEForms.Add(new NwEForm());
    List<Invoice> Other(SalesContext db) => db.Invoices.ToList();
}");
    }
}
