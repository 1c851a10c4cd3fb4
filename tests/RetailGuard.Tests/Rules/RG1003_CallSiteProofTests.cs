using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Parameters proven by every call site; guards that restrict a value where it is read; helpers judged per call.</summary>
    public class RG1003_CallSiteProofTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        private static DiagnosticResult NotOwn(int location, string because) =>
            new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(location).WithArguments("customers", because, "'RetailerCode'");

        [Fact]
        public Task PrivateAndInternalHelpers_EveryCallOwn_AreQuiet() => V.Analyzer(Usings + @"
static class Codes
{
    public const string Mine = RetailerCodes.Own;
}

public class Ledger
{
    private static List<Customer> Private(SalesContext db, string retailer) =>
        db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    internal static List<Customer> Internal(SalesContext db, string retailer = RetailerCodes.Own) =>
        db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    private static int Recursive(SalesContext db, string retailer, int depth) =>
        depth == 0 ? db.Customers.Count(c => c.RetailerCode == retailer" + Excl + @") : Recursive(db, retailer, depth - 1);

    public List<Customer> Run(SalesContext db) =>
        Private(db, RetailerCodes.Own).Concat(Private(db, Codes.Mine)).Concat(Internal(db)).Concat(Internal(db, ""R0001""))
            .Take(Recursive(db, RetailerCodes.Own, 3)).ToList();
}

class Other
{
    List<Customer> Run(SalesContext db) => Ledger.Internal(db, retailer: RetailerCodes.Own);
}");

        [Fact]
        public Task OneCallWithAnotherValue_SaysWhere() => V.Analyzer(Usings + @"
class Ledger
{
    private static List<Customer> Names(SalesContext db, string retailer) =>
        {|#0:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    List<Customer> Run(SalesContext db) => Names(db, RetailerCodes.Own).Concat(Names(db, RetailerCodes.Rival)).ToList();
}", TestDomain.Policy, NotOwn(0,
            "it compares with parameter 'retailer' of 'Names', which the call on line 14 of Test0.cs gives 'R0002' (not an own-retailer code)"));

        [Fact]
        public Task PublicMethodParameter_SaysWhy() => V.Analyzer(Usings + @"
public class Ledger
{
    public List<Customer> Names(SalesContext db, string retailer) =>
        {|#0:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    public List<Customer> Run(SalesContext db) => Names(db, RetailerCodes.Own);
}", TestDomain.Policy, NotOwn(0, "it compares with parameter 'retailer' of 'Names', which other assemblies can call with any value"));

        [Fact]
        public Task CallersThatCannotAllBeKnown_Fire() => V.Analyzer(Usings + @"
interface INames
{
    List<Customer> Names(SalesContext db, string retailer);
}

class Ledger : INames
{
    public List<Customer> Names(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    private List<Customer> AsDelegate(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    private List<Customer> NeverCalled(SalesContext db, string retailer) =>
        {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    List<Customer> Run(SalesContext db)
    {
        System.Func<SalesContext, string, List<Customer>> names = AsDelegate;
        return Names(db, RetailerCodes.Own).Concat(AsDelegate(db, RetailerCodes.Own)).ToList();
    }
}");

        [Fact]
        public Task InternalsVisibleTo_MakesInternalHelpersCallableFromElsewhere() => V.Analyzer(Usings + @"
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(""Sales.Tests"")]

class Ledger
{
    internal static List<Customer> Names(SalesContext db, string retailer) =>
        {|#0:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();

    List<Customer> Run(SalesContext db) => Names(db, RetailerCodes.Own);
}", TestDomain.Policy, NotOwn(0, "it compares with parameter 'retailer' of 'Names', which the assemblies InternalsVisibleTo names (Sales.Tests) can call with any value"));

        [Fact]
        public Task LocalFunctionsAndLambdas_ProvenByTheirCalls() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Local(SalesContext db)
    {
        return Names(RetailerCodes.Own);

        List<Customer> Names(string retailer) => db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    List<Customer> LocalRival(SalesContext db)
    {
        return Names(RetailerCodes.Own).Concat(Names(""R0003"")).ToList();

        List<Customer> Names(string retailer) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    List<Customer> Lambda(SalesContext db)
    {
        System.Func<string, List<Customer>> names = retailer => db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
        return names(RetailerCodes.Own).Concat(names.Invoke(""R0001"")).ToList();
    }

    List<Customer> LambdaEscapes(SalesContext db)
    {
        System.Func<string, List<Customer>> names = retailer => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
        Keep(names);
        return names(RetailerCodes.Own);
    }

    static void Keep(System.Func<string, List<Customer>> f) { }
}");

        [Fact]
        public Task CompiledQueryParameter_ProvenByItsInvocations() => V.Analyzer(Usings + @"
class Ledger
{
    private static readonly System.Func<SalesContext, string, IEnumerable<Customer>> Own = EF.CompileQuery((SalesContext db, string code) =>
        db.Customers.Where(c => c.RetailerCode == code" + Excl + @"));

    private static readonly System.Func<SalesContext, string, IEnumerable<Customer>> Mixed = EF.CompileQuery((SalesContext db, string code) =>
        {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @"));

    List<Customer> Run(SalesContext db) => Own(db, RetailerCodes.Own).Concat(Mixed(db, RetailerCodes.Own)).Concat(Mixed(db, ""R0002"")).ToList();
}");

        [Fact]
        public Task PrimaryConstructorParameters_ProvenByEveryConstruction() => V.Analyzer(Usings + @"
class Outer
{
    private sealed class Finder(SalesContext db, string retailer)
    {
        public List<Customer> Names() => db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    private sealed class RivalFinder(SalesContext db, string retailer)
    {
        public List<Customer> Names() => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    private sealed class Reassigned(SalesContext db, string retailer)
    {
        public void Change(string other) => retailer = other;
        public List<Customer> Names() => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    List<Customer> Run(SalesContext db)
    {
        RivalFinder rival = new(db, ""R0003"");
        return new Finder(db, RetailerCodes.Own).Names().Concat(rival.Names()).Concat(new Reassigned(db, RetailerCodes.Own).Names()).ToList();
    }
}");

        [Fact]
        public Task Guards_RestrictTheValueWhereItIsRead() => V.Analyzer(Usings + @"
public class Ledger
{
    public List<Customer> IsNot(SalesContext db, string retailer)
    {
        if (retailer is not RetailerCodes.Own)
        {
            return new List<Customer>();
        }

        return db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    public List<Customer> Throws(SalesContext db, string retailer)
    {
        if (!string.Equals(retailer, RetailerCodes.Own, System.StringComparison.Ordinal))
            throw new System.ArgumentException(nameof(retailer));
        return db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    public List<Customer> Inside(SalesContext db, string retailer)
    {
        if (retailer == RetailerCodes.Own || retailer == ""R0001"")
        {
            return db.Customers.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
        }

        return new List<Customer>();
    }

    public List<Customer> Loop(SalesContext db, string[] codes)
    {
        var all = new List<Customer>();
        foreach (var code in codes)
        {
            if (code != RetailerCodes.Own) continue;
            all.AddRange(db.Customers.Where(c => c.RetailerCode == code" + Excl + @"));
        }

        return all;
    }
}");

        [Fact]
        public Task GuardsThatDoNotRestrict_Fire() => V.Analyzer(Usings + @"
public class Ledger
{
    public List<Customer> Inverted(SalesContext db, string retailer)
    {
        if (retailer is RetailerCodes.Own)
        {
            return new List<Customer>();
        }

        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    public List<Customer> CultureSensitive(SalesContext db, string retailer)
    {
        if (!string.Equals(retailer, RetailerCodes.Own, System.StringComparison.CurrentCultureIgnoreCase)) return new List<Customer>();
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    public List<Customer> ChangedAfterTheGuard(SalesContext db, string retailer, string other)
    {
        if (retailer != RetailerCodes.Own) return new List<Customer>();
        retailer = other;
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    public List<Customer> GuardWithoutExit(SalesContext db, string retailer)
    {
        if (retailer != RetailerCodes.Own)
        {
            System.Console.WriteLine(retailer);
        }

        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }
}");

        [Fact]
        public Task FilterHelperDependingOnItsArguments_IsJudgedPerCall() => V.Analyzer(Usings + @"
class Ledger
{
    private static IQueryable<Customer> ApplyStandardFilter(IQueryable<Customer> query, string? retailer)
    {
        if (retailer != null)
        {
            query = query.Where(c => c.RetailerCode == retailer" + Excl + @");
        }

        return query;
    }

    private static IQueryable<Customer> Early(IQueryable<Customer> query, string? retailer)
    {
        if (string.IsNullOrEmpty(retailer))
        {
            return query;
        }

        return query.Where(c => c.RetailerCode == retailer" + Excl + @");
    }

    List<Customer> Own(SalesContext db) => ApplyStandardFilter(db.Customers, RetailerCodes.Own).ToList();
    List<Customer> Without(SalesContext db) => ApplyStandardFilter({|RG1001:db.Customers|}, null).ToList();
    List<Customer> Rival(SalesContext db) => ApplyStandardFilter({|RG1003:db.Customers|}, RetailerCodes.Rival).ToList();
    List<Customer> EarlyOwn(SalesContext db) => Early(db.Customers, RetailerCodes.Own).ToList();
    List<Customer> EarlyEmpty(SalesContext db) => Early({|RG1001:db.Customers|}, """").ToList();
}");

        [Fact]
        public Task MutualRecursion_IsOwnWhenEveryValueEnteringItIs() => V.Analyzer(Usings + @"
class Ledger
{
    private static int A(SalesContext db, string retailer, int n) => n == 0 ? db.Customers.Count(c => c.RetailerCode == retailer" + Excl + @") : B(db, retailer, n - 1);
    private static int B(SalesContext db, string retailer, int n) => A(db, retailer, n);
    private static int C(SalesContext db, string retailer, int n) => n == 0 ? {|RG1003:db.Customers|}.Count(c => c.RetailerCode == retailer" + Excl + @") : D(db, retailer, n - 1);
    private static int D(SalesContext db, string retailer, int n) => C(db, n > 5 ? retailer : RetailerCodes.Rival, n);

    int Run(SalesContext db) => A(db, RetailerCodes.Own, 3) + B(db, ""R0001"", 2) + C(db, RetailerCodes.Own, 1);
}");

        [Fact]
        public Task TooManyCalls_FailsClosed_AndSaysSo()
        {
            var calls = new System.Text.StringBuilder();
            for (int i = 0; i < 33; i++)
            {
                calls.Append("        total += Names(db, RetailerCodes.Own);\n");
            }

            return V.Analyzer(Usings + @"
class Ledger
{
    private static int Names(SalesContext db, string retailer) => {|#0:db.Customers|}.Count(c => c.RetailerCode == retailer" + Excl + @");

    int Run(SalesContext db)
    {
        int total = 0;
" + calls + @"        return total;
    }
}", TestDomain.Policy, NotOwn(0, "it compares with parameter 'retailer' of 'Names', which has more than 32 calls or writes to check"));
        }

        [Fact]
        public Task LongChainOfHelpers_FailsClosed()
        {
            var helpers = new System.Text.StringBuilder();
            for (int i = 0; i < 40; i++)
            {
                helpers.Append("    private static int H" + i + "(SalesContext db, string r) => H" + (i + 1) + "(db, r);\n");
            }

            return V.Analyzer(Usings + @"
class Ledger
{
" + helpers + @"    private static int H40(SalesContext db, string r) => {|RG1003:db.Customers|}.Count(c => c.RetailerCode == r" + Excl + @");

    int Run(SalesContext db) => H0(db, RetailerCodes.Own);
}");
        }

        [Fact]
        public Task LargeSet_FailsClosed()
        {
            var elements = new System.Text.StringBuilder();
            for (int i = 0; i < 300; i++)
            {
                elements.Append("RetailerCodes.Own, ");
            }

            return V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Run(SalesContext db)
    {
        var codes = new[] { " + elements + @"};
        return {|RG1003:db.Customers|}.Where(c => codes.Contains(c.RetailerCode)" + Excl + @").ToList();
    }
}");
        }

        [Fact]
        public Task PrimaryConstructorBaseCall_IsACallOfTheBaseConstructor() => V.Analyzer(Usings + @"
class Outer
{
    private class Base(string retailer)
    {
        public List<Customer> Run(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == retailer" + Excl + @").ToList();
    }

    private sealed class Rival() : Base(""R0002"");

    private sealed class Own() : Base(RetailerCodes.Own);

    List<Customer> Use(SalesContext db) => new Rival().Run(db).Concat(new Own().Run(db)).ToList();
}");

        [Fact]
        public Task HelperThatRunsTheQuery_IsJudgedWithWhatItApplies() => V.Analyzer(Usings + @"
class Ledger
{
    private static List<Customer> Own(IQueryable<Customer> query) => query.Where(c => " + Full + @").ToList();
    private static int Count(IQueryable<Customer> query) => query.Count(c => c.Name != """");

    List<Customer> A(SalesContext db) => Own(db.Customers);
    int B(SalesContext db) => Count({|RG1001:db.Customers|});
}");
    }
}
