using System.Threading.Tasks;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.ExportAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG2001_UnfilteredExportTests
    {
        public const string Usings = @"
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Sales.Data;
using Sales.Domain;
";

        private const string Full = "c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort";

        private const string Repository = @"
class Repository
{
    private readonly SalesContext _db = new SalesContext();
    public List<Customer> AllCustomers() => _db.Customers.ToList();
    public List<Customer> OwnCustomers() => _db.Customers.Where(c => " + Full + @").ToList();
    public IQueryable<Customer> AllQuery() => _db.Customers;
}
";

        [Fact]
        public Task ExportOfAnUnfilteredReadInAnotherMethod_FiresAtTheSink() => V.Analyzer(Usings + Repository + @"
class Contractor
{
    void Deliver(Repository repo, CsvWriter csv) => {|RG2001:csv.WriteRecords({|RG2003:repo.AllCustomers()|})|};
    void DeliverQuery(Repository repo, CsvWriter csv) => {|RG2001:csv.WriteRecords({|RG2003:repo.AllQuery()|})|};
}");

        [Fact]
        public Task ExportOfAFilteredRead_IsQuiet() => V.Analyzer(Usings + Repository + @"
class Contractor
{
    void Deliver(Repository repo, CsvWriter csv) => csv.WriteRecords(repo.OwnCustomers().Select(c => new { c.Name, c.Address }));
}");

        [Fact]
        public Task WithinAMethod_LocalsForeachStringBuildingAndProjections() => V.Analyzer(Usings + @"
class Matching
{
    void Extract(SalesContext db, string path)
    {
        var rows = db.Customers.Where(c => c.Arrears > 0).ToList();
        var lines = new List<string>();
        foreach (var c in rows)
        {
            lines.Add($""{c.Name},{c.Address}"");
        }

        {|RG2001:File.WriteAllLines(path, lines)|};

        var sb = new StringBuilder();
        foreach (var dto in rows.Select(r => new { r.Name, r.SupplyPointId }))
        {
            sb.AppendLine(dto.Name + "","" + dto.SupplyPointId);
        }

        {|RG2001:File.WriteAllText(path, sb.ToString())|};

        using var writer = new StreamWriter(path);
        rows.ForEach(r => {|RG2001:writer.WriteLine(r.Name)|});
    }
}");

        [Fact]
        public Task AcrossMethods_ArgumentsAsyncAndYield() => V.Analyzer(Usings + @"
class Exporter
{
    public void Write(IEnumerable<string> names, string path) => File.WriteAllLines(path, names);

    public async Task<List<Customer>> LoadAsync(SalesContext db) => await db.Customers.ToListAsync();

    public IEnumerable<string> Lines(SalesContext db)
    {
        foreach (var c in db.Customers)
        {
            yield return c.Name;
        }
    }
}

class Job
{
    async Task Run(Exporter e, SalesContext db, string path)
    {
        var rows = await e.LoadAsync(db);
        {|RG2001:e.Write(rows.Select(r => r.Name), path)|};
        {|RG2001:File.WriteAllLines(path, e.Lines(db))|};
        e.Write(db.Customers.Where(c => " + Full + @").Select(c => c.Name).ToList(), path);
    }
}");

        /// <summary>
        /// Enough exporting methods that the export analysis analyses them side by side (a wave of at least
        /// <see cref="RetailGuard.Flow.CallGraph.SmallWave"/>), sharing repository methods, with a second wave (the callers
        /// of a writer whose parameter reaches a sink) and a third (the callers of a relay to that writer): every unfiltered
        /// export is reported once, every filtered one stays quiet.
        /// </summary>
        [Fact]
        public Task ManyExportingMethods_SharingCallees_AreEachJudged() => V.Analyzer(Usings + Repository + @"
class Writer
{
    public void Write(IEnumerable<string> names, string path) => File.WriteAllLines(path, names);
    public void Relay(IEnumerable<string> names, string path) => Write(names, path);
}

class Jobs
{
    void A(Repository r, string p) => {|RG2001:File.WriteAllLines(p, r.AllCustomers().Select(c => c.Name))|};
    void B(Repository r, string p) => File.WriteAllLines(p, r.OwnCustomers().Select(c => c.Name));
    void C(Repository r, CsvWriter csv) => {|RG2001:csv.WriteRecords(r.AllCustomers().Select(c => c.Name))|};
    void D(Repository r, CsvWriter csv) => csv.WriteRecords(r.OwnCustomers().Select(c => c.Name));
    void E(Repository r, string p) => {|RG2001:File.WriteAllLines(p, r.AllQuery().Select(c => c.Address))|};
    void F(Repository r, string p) => File.WriteAllLines(p, r.AllQuery().Where(c => " + Full + @").Select(c => c.Address));
    void G(Repository r, Writer w, string p) => {|RG2001:w.Write(r.AllCustomers().Select(c => c.Name), p)|};
    void H(Repository r, Writer w, string p) => w.Write(r.OwnCustomers().Select(c => c.Name), p);
    void K(Repository r, Writer w, string p) => {|RG2001:w.Write(r.AllQuery().Select(c => c.Address), p)|};
    void L(Repository r, Writer w, string p) => w.Write(r.AllQuery().Where(c => " + Full + @").Select(c => c.Address), p);
    void I(Repository r, Writer w, string p) => {|RG2001:w.Relay(r.AllCustomers().Select(c => c.Name), p)|};
    void J(Repository r, Writer w, string p) => w.Relay(r.OwnCustomers().Select(c => c.Name), p);
}");

        /// <summary>
        /// Exporting methods analysed side by side that all reach one call cycle: whichever analysis finishes the cycle
        /// first, the unfiltered rows it can return (from either member) are reported at every export.
        /// </summary>
        [Fact]
        public Task ManyExportingMethods_ReachingOneCallCycle_AreEachJudged() => V.Analyzer(Usings + @"
class Cycle
{
    private readonly SalesContext _db = new SalesContext();
    public List<Customer> Even(int n) => n == 0 ? _db.Customers.ToList() : Odd(n - 1);
    public List<Customer> Odd(int n) => n == 0 ? _db.Customers.Where(c => " + Full + @").ToList() : Even(n - 1);
}

class CycleJobs
{
    void A(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Even(2).Select(c => c.Name))|};
    void B(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Odd(2).Select(c => c.Name))|};
    void C(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Even(3).Select(c => c.Address))|};
    void D(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Odd(3).Select(c => c.Address))|};
    void E(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Even(4).Select(c => c.Name + c.Address))|};
    void F(Cycle k, string p) => {|RG2001:File.WriteAllLines(p, k.Odd(4).Select(c => c.Name + c.Address))|};
}");

        [Fact]
        public Task SinkFamilies_JsonHttpAndStreams() => V.Analyzer(Usings + @"
class Programme
{
    async Task Send(SalesContext db, HttpClient http, Stream stream)
    {
        var names = db.Customers.Select(c => new { c.Name, c.Address }).ToList();
        {|RG2001:JsonSerializer.Serialize(stream, names)|};
        await {|RG2001:http.PostAsJsonAsync(""https://operator.example/winter-programme"", names)|};
        var json = JsonSerializer.Serialize(names);
        await {|RG2001:http.PostAsync(""https://operator.example/heaters"", new StringContent(json))|};
        var bytes = Encoding.UTF8.GetBytes(json);
        {|RG2001:stream.Write(bytes, 0, bytes.Length)|};
    }
}");

        [Fact]
        public Task PolicyExportSinks_AreSinks() => V.Analyzer(Usings + @"
namespace Sales.Contractor
{
    public class FeedClient
    {
        public void Send(IEnumerable<string> rows) { }
    }
}

class Job
{
    void Run(SalesContext db, Sales.Contractor.FeedClient feed) => {|RG2001:feed.Send(db.Customers.Select(c => c.Name))|};
    void Own(SalesContext db, Sales.Contractor.FeedClient feed) => feed.Send(db.Customers.Where(c => " + Full + @").Select(c => c.Name));
}", Infrastructure.TestDomain.Policy.Replace("\"restrictedTables\"", "\"exportSinks\": [\"Sales.Contractor.FeedClient.Send\"], \"restrictedTables\""));

        [Fact]
        public Task QuietCases_UnprotectedAndFilteredMixedWithUnprotected() => V.Analyzer(Usings + @"
class Job
{
    void Run(SalesContext db, string path)
    {
        File.WriteAllLines(path, db.Invoices.Select(i => i.Id.ToString()));
        var mine = db.Customers.Where(c => " + Full + @").Select(c => c.Name).ToList();
        mine.AddRange(db.Invoices.Select(i => i.Amount.ToString(CultureInfo.InvariantCulture)));
        File.WriteAllLines(path, mine);
        File.WriteAllText(path, ""constant"");
    }
}");

        [Fact]
        public Task RawSqlReads_FlowToExports() => V.Analyzer(Usings + @"
using System.Data;
using Dapper;

class Dwh
{
    void Run(IDbConnection conn, string path)
    {
        var rows = conn.Query<Customer>(""SELECT * FROM customers"");
        {|RG2001:File.WriteAllLines(path, rows.Select(r => r.Name))|};
        var own = conn.Query<Customer>(""SELECT * FROM customers WHERE retailer_code = @o AND contract_kind <> 'LAST_RESORT'"", new { o = RetailerCodes.Own });
        File.WriteAllLines(path, own.Select(r => r.Name));
    }
}");
    }

    public class RG2002_UnfilteredBulkExtractionTests
    {
        [Fact]
        public Task EfBulkInsertFedFromAnUnfilteredRead_Fires() => V.Analyzer(RG2001_UnfilteredExportTests.Usings + @"
class Extract { public int Id { get; set; } public string Name { get; set; } = """"; }

class DwhContext : DbContext
{
    public DbSet<Extract> Extracts => Set<Extract>();
}

class Job
{
    void Run(SalesContext db, DwhContext dwh)
    {
        {|RG2002:dwh.Extracts.AddRange(db.Customers.Select(c => new Extract { Name = c.Name }))|};
        dwh.Extracts.AddRange(db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => new Extract { Name = c.Name }));
        dwh.SaveChanges();
    }
}");
    }

    public class RG2003_WholeEntityExportTests
    {
        [Fact]
        public Task WholeEntities_WarnEvenWhenFiltered() => V.Analyzer(RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(SalesContext db, CsvWriter csv)
    {
        var own = db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
        csv.WriteRecords({|RG2003:own|});
        csv.WriteRecord({|RG2003:own[0]|});
        csv.WriteRecords(own.Select(c => new { c.Name, c.Address }));
    }
}");
    }
}

namespace RetailGuard.Tests.Rules
{
    using Microsoft.CodeAnalysis.CSharp.Testing;
    using Microsoft.CodeAnalysis.Testing;
    using RetailGuard.Tests.Infrastructure;

    /// <summary>The read sits in another project: RetailGuard cannot see its filter, so the export is not proven filtered.</summary>
    public class RG2001_CrossAssemblyTests
    {
        [Fact]
        public async Task RowsFromAnotherAssembly_AreNotProvenFiltered()
        {
            var test = new CSharpAnalyzerTest<RetailGuard.Rules.ExportAnalyzer, DefaultVerifier>
            {
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
                TestCode = RG2001_UnfilteredExportTests.Usings + @"
class Job
{
    void Run(Sales.Repositories.CustomerRepository repo, SalesContext db, string path)
    {
        {|RG2001:File.WriteAllLines(path, repo.All(db).Select(c => c.Name))|};
        File.WriteAllLines(path, repo.InvoiceIds(db));
    }
}",
            };
            var repo = test.TestState.AdditionalProjects["SalesRepositories"];
            repo.Sources.Add(("Domain.cs", TestDomain.Source));
            repo.Sources.Add(("Repo.cs", @"
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
namespace Sales.Repositories
{
    public class CustomerRepository
    {
        public List<Sales.Domain.Customer> All(Sales.Data.SalesContext db) => db.Customers.OwnContractsOnly().ToList();
        public List<string> InvoiceIds(Sales.Data.SalesContext db) => db.Invoices.Select(i => i.Id.ToString()).ToList();
    }
}"));
            test.TestState.AdditionalProjectReferences.Add("SalesRepositories");
            test.TestState.AdditionalFiles.Add(("/0/retailguard.json", TestDomain.Policy));
            await test.RunAsync();
        }
    }
}
