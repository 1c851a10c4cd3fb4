using System.Threading.Tasks;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.ExportAnalyzer>;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// What an export and a bulk copy are, and how rows flow to them: flow-sensitive locals, field-sensitive objects,
    /// EF Core writes, delegates and calls. Each kind has a firing and a quiet form.
    /// </summary>
    public class ExportFlowPrecisionTests
    {
        private const string Usings = Rules.RG2001_UnfilteredExportTests.Usings;
        private const string Full = "c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort";

        private const string Dwh = @"
class Extract { public int Id { get; set; } public string Name { get; set; } = """"; }

class DwhContext : DbContext
{
    public DbSet<Extract> Extracts => Set<Extract>();
}
";

        private const string Report = @"
class Report
{
    public string Title { get; set; } = """";
    public List<Customer> Rows { get; set; } = new List<Customer>();
}
";

        [Fact]
        public Task AddingOneNewEntity_IsAnOrdinaryWrite() => V.Analyzer(Usings + @"
class Billing
{
    async Task Bill(SalesContext db, int id)
    {
        var customer = db.Customers.First(c => c.Id == id);
        db.Invoices.Add(new Invoice { CustomerId = customer.Id, Amount = customer.Arrears });
        await db.Invoices.AddAsync(new Invoice { CustomerId = customer.Id });
        db.Add(new Invoice { CustomerId = customer.Id });
        db.SaveChanges();
    }
}");

        [Fact]
        public Task WritingRowsBackIntoTheirOwnTable_IsNotAnExtraction() => V.Analyzer(Usings + @"
class Cleanup
{
    void Trim(SalesContext db)
    {
        var all = db.Customers.ToList();
        foreach (var c in all)
        {
            c.Name = c.Name.Trim();
            db.Customers.Update(c);
            db.Customers.Add(c);
        }

        db.Customers.AttachRange(all);
        db.Customers.AddRange(all);
        db.SaveChanges();
    }
}");

        [Fact]
        public Task CopyingRowsIntoAnotherTable_OneByOneInALoop_Fires() => V.Analyzer(Usings + Dwh + @"
class Job
{
    void Run(SalesContext db, DwhContext dwh)
    {
        foreach (var c in db.Customers.ToList())
        {
            {|RG2002:dwh.Extracts.Add(new Extract { Name = c.Name })|};
        }

        db.Customers.ToList().ForEach(c => {|RG2002:dwh.Add(new Extract { Name = c.Name })|});
        foreach (var c in db.Customers.Where(c => " + Full + @").ToList())
        {
            dwh.Extracts.Add(new Extract { Name = c.Name });
        }

        dwh.SaveChanges();
    }
}");

        [Fact]
        public Task AddRange_CopiesOnlySequencesOfRows() => V.Analyzer(Usings + Dwh + @"
class Job
{
    void Save(DwhContext dwh, IEnumerable<Extract> extracts) => dwh.Extracts.AddRange(extracts);

    void Run(SalesContext db, DwhContext dwh, int id)
    {
        var one = db.Customers.First(c => c.Id == id);
        dwh.Extracts.AddRange(new[] { new Extract { Name = one.Name }, new Extract { Name = one.Address } });
        Save(dwh, new List<Extract> { new Extract { Name = one.Name } });
        {|RG2002:Save(dwh, db.Customers.Select(c => new Extract { Name = c.Name }).ToList())|};
        Save(dwh, db.Customers.Where(c => " + Full + @").Select(c => new Extract { Name = c.Name }).ToList());
    }
}");

        [Fact]
        public Task LocalOverwrittenWithFilteredRows_IsFilteredFromThenOn() => V.Analyzer(Usings + @"
class Screen
{
    void Export(SalesContext db, string path)
    {
        var rows = db.Customers.ToList();
        int count = rows.Count;
        rows = db.Customers.Where(c => " + Full + @").ToList();
        File.WriteAllLines(path, rows.Select(r => r.Name));
    }
}");

        [Fact]
        public Task ExportBeforeTheOverwrite_AndOverwriteOnOneBranchOnly_Fire() => V.Analyzer(Usings + @"
class Screen
{
    void Before(SalesContext db, string path)
    {
        var rows = db.Customers.ToList();
        {|RG2001:File.WriteAllLines(path, rows.Select(r => r.Name))|};
        rows = db.Customers.Where(c => " + Full + @").ToList();
        File.WriteAllLines(path, rows.Select(r => r.Name));
    }

    void OneBranch(SalesContext db, string path, bool own)
    {
        var rows = db.Customers.ToList();
        if (own)
        {
            rows = db.Customers.Where(c => " + Full + @").ToList();
        }

        {|RG2001:File.WriteAllLines(path, rows.Select(r => r.Name))|};
    }
}");

        [Fact]
        public Task TaintCarriedRoundALoop_Fires() => V.Analyzer(Usings + @"
class Screen
{
    void Pages(SalesContext db, string path)
    {
        var last = new List<string>();
        for (int page = 0; page < 3; page++)
        {
            {|RG2001:File.AppendAllLines(path, last)|};
            last = db.Customers.Skip(page * 10).Take(10).Select(c => c.Name).ToList();
        }
    }
}");

        [Fact]
        public Task OneMemberOfAnObject_DoesNotTaintItsSiblings() => V.Analyzer(Usings + Report + @"
class Screen
{
    void Export(SalesContext db, string path, Stream stream)
    {
        var report = new Report { Title = ""Arrears"", Rows = db.Customers.ToList() };
        File.WriteAllText(path, report.Title);
        {|RG2001:File.WriteAllLines(path, report.Rows.Select(r => r.Name))|};
        {|RG2001:JsonSerializer.Serialize(stream, report)|};
    }

    void Later(SalesContext db, string path)
    {
        var report = new Report();
        report.Title = ""Arrears"";
        report.Rows = db.Customers.ToList();
        File.WriteAllText(path, report.Title);
        {|RG2001:File.WriteAllLines(path, report.Rows.Select(r => r.Name))|};
        report.Rows = db.Customers.Where(c => " + Full + @").ToList();
        File.WriteAllLines(path, report.Rows.Select(r => r.Name));
    }

    void Tuples(SalesContext db, string path)
    {
        var pair = (Title: ""Arrears"", Rows: db.Customers.ToList());
        File.WriteAllText(path, pair.Title);
        {|RG2001:File.WriteAllLines(path, pair.Rows.Select(r => r.Name))|};
        var anonymous = new { Title = ""Arrears"", Rows = db.Customers.ToList() };
        File.WriteAllText(path, anonymous.Title);
        {|RG2001:File.WriteAllLines(path, anonymous.Rows.Select(r => r.Name))|};
    }
}");

        [Fact]
        public Task MembersAcrossCalls_StaySeparate() => V.Analyzer(Usings + Report + @"
class Sender
{
    public void SendTitle(Report r, string path) => File.WriteAllText(path, r.Title);
    public void SendRows(Report r, string path) => File.WriteAllLines(path, r.Rows.Select(c => c.Name));
}

class Screen
{
    void Export(SalesContext db, Sender sender, string path)
    {
        var report = new Report { Title = ""Arrears"", Rows = db.Customers.ToList() };
        sender.SendTitle(report, path);
        {|RG2001:sender.SendRows(report, path)|};
    }
}");

        [Fact]
        public Task LocalFunctionsAndDelegates_RunWhereTheyAreCalled() => V.Analyzer(Usings + @"
class Screen
{
    void Local(SalesContext db, string path)
    {
        var rows = db.Customers.ToList();
        Write();
        void Write() => {|RG2001:File.WriteAllLines(path, rows.Select(r => r.Name))|};
    }

    void Stored(SalesContext db, StreamWriter writer)
    {
        System.Action<Customer> write = c => {|RG2001:writer.WriteLine(c.Name)|};
        foreach (var c in db.Customers.ToList())
        {
            write(c);
        }
    }

    void MethodGroup(SalesContext db, StreamWriter writer)
    {
        db.Customers.ToList().ForEach(WriteRow);
        void WriteRow(Customer c) => {|RG2001:writer.WriteLine(c.Name)|};
    }

    void FilteredMethodGroup(SalesContext db, StreamWriter writer)
    {
        db.Customers.Where(c => " + Full + @").ToList().ForEach(WriteRow);
        void WriteRow(Customer c) => writer.WriteLine(c.Name);
    }
}");

        [Fact]
        public Task CallThroughAnInterface_IsJudgedOverItsImplementations() => V.Analyzer(Usings + @"
interface ICustomerSource
{
    List<Customer> All();
}

interface IOwnSource
{
    List<Customer> Own();
}

class Repository : ICustomerSource, IOwnSource
{
    private readonly SalesContext _db = new SalesContext();
    public List<Customer> All() => _db.Customers.ToList();
    public List<Customer> Own() => _db.Customers.Where(c => " + Full + @").ToList();
}

class Screen
{
    void Export(ICustomerSource all, IOwnSource own, string path)
    {
        {|RG2001:File.WriteAllLines(path, all.All().Select(c => c.Name))|};
        File.WriteAllLines(path, own.Own().Select(c => c.Name));
    }
}");

        [Fact]
        public Task CallThroughAnInterfaceWithNoImplementationHere_IsNotProven() => V.Analyzer(Usings + @"
public interface IRemoteCustomers
{
    List<Customer> All();
}

class Screen
{
    void Export(IRemoteCustomers remote, string path) => {|RG2001:File.WriteAllLines(path, remote.All().Select(c => c.Name))|};
}");

        [Fact]
        public Task ObjectMappers_CarryWhatTheyAreGiven_AndAreNoSource() => V.Analyzer(Usings + @"
using AutoMapper;
using AutoMapper.QueryableExtensions;

public class CustomerDto
{
    public string Name { get; set; } = """";
}

class Screen
{
    void Export(SalesContext db, IMapper mapper, string path)
    {
        var all = mapper.Map<List<CustomerDto>>(db.Customers.ToList());
        {|RG2001:File.WriteAllLines(path, all.Select(d => d.Name))|};
        var own = mapper.Map<List<CustomerDto>>(db.Customers.Where(c => " + Full + @").ToList());
        File.WriteAllLines(path, own.Select(d => d.Name));
        var projected = db.Customers.ProjectTo<CustomerDto>(mapper.ConfigurationProvider).ToList();
        {|RG2001:File.WriteAllLines(path, projected.Select(d => d.Name))|};
    }

    void FromRequest(CustomerDto input, IMapper mapper, string path)
    {
        var customer = mapper.Map<Customer>(input);
        File.WriteAllText(path, customer.Name);
    }
}", Infrastructure.TestDomain.Policy, Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors, Infrastructure.TestPackages.WithMappers);

        [Fact]
        public Task RecursiveMethods_SettleAndStillFire() => V.Analyzer(Usings + @"
class Tree
{
    List<string> Collect(SalesContext db, int depth) =>
        depth == 0 ? db.Customers.Select(c => c.Name).ToList() : Collect(db, depth - 1).Concat(Other(db, depth)).ToList();

    List<string> Other(SalesContext db, int depth) => depth > 5 ? new List<string>() : Collect(db, depth - 2);

    List<string> OwnOnly(SalesContext db, int depth) =>
        depth == 0 ? db.Customers.Where(c => " + Full + @").Select(c => c.Name).ToList() : OwnOnly(db, depth - 1);

    void Export(SalesContext db, string path)
    {
        {|RG2001:File.WriteAllLines(path, Collect(db, 3))|};
        File.WriteAllLines(path, OwnOnly(db, 3));
    }
}");
    }
}
