using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Own values proven through members: const chains, readonly fields, get-only and computed properties, methods; and the members that cannot be.</summary>
    public class RG1003_OwnValueProofTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        private static DiagnosticResult NotOwn(int location, string because) =>
            new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(location).WithArguments("customers", because, "'RetailerCode'");

        [Fact]
        public Task ConstChains_AreQuiet() => V.Analyzer(Usings + @"
static class Codes
{
    public const string Mine = RetailerCodes.Own;
    public const string Current = Mine;
    public const string Literal = ""R0001"";
}

class Ledger
{
    List<Customer> Chain(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Codes.Current" + Excl + @").ToList();
    List<Customer> Literal(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Codes.Literal" + Excl + @").ToList();
    List<Customer> Local(SalesContext db)
    {
        const string code = Codes.Mine;
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");

        [Fact]
        public Task ConstLookAlikes_Fire() => V.Analyzer(Usings + @"
static class Codes
{
    public const string Partner = ""R0002"";
    public const string Named = nameof(R0001);
    public const int R0001 = 1;
}

static class Shadowing
{
    private static class RetailerCodes
    {
        public const string Own = ""R0003"";
    }

    static List<Customer> Run(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == RetailerCodes.Own" + Excl + @").ToList();
}

class Ledger
{
    List<Customer> Partner(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == Codes.Partner" + Excl + @").ToList();
    List<Customer> Nameof(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == nameof(Codes.R0001)" + Excl + @").ToList();
    List<Customer> NameofConst(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == Codes.Named" + Excl + @").ToList();
}");

        [Fact]
        public Task NameofThatSpellsTheOwnCode_SaysWhy() => V.Analyzer(Usings + @"
class Ledger
{
    const int R0001 = 1;
    List<Customer> Run(SalesContext db) => {|#0:db.Customers|}.Where(c => c.RetailerCode == nameof(R0001)" + Excl + @").ToList();
}", TestDomain.Policy, NotOwn(0, "it compares with nameof(R0001), the name of a member rather than a retailer code"));

        [Fact]
        public Task ReadonlyFields_OwnOnEveryWrite_AreQuiet() => V.Analyzer(Usings + @"
static class Copies
{
    public static readonly string Own = RetailerCodes.Own;
    public static readonly string LastResort = ContractKinds.LastResort;
}

class Queries
{
    private static readonly string StaticOwn = RetailerCodes.Own;
    private readonly string _initialised = RetailerCodes.Own;
    private readonly string _assigned;
    private readonly string _everyConstructor;

    public Queries()
        : this(1)
    {
        _assigned = RetailerCodes.Own;
        _everyConstructor = ""R0001"";
    }

    private Queries(int unused)
    {
        _assigned = Copies.Own;
        _everyConstructor = RetailerCodes.Own;
    }

    List<Customer> Static(SalesContext db) => db.Customers.Where(c => c.RetailerCode == StaticOwn" + Excl + @").ToList();
    List<Customer> Copy(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Copies.Own && c.ContractKind != Copies.LastResort).ToList();
    List<Customer> Initialised(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _initialised" + Excl + @").ToList();
    List<Customer> Assigned(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _assigned" + Excl + @").ToList();
    List<Customer> Both(SalesContext db) => db.Customers.Where(c => c.RetailerCode == this._everyConstructor" + Excl + @").ToList();
}");

        [Fact]
        public Task ReadonlyFieldFromPublicConstructorParameter_SaysWhy() => V.Analyzer(Usings + @"
public class Queries
{
    private readonly string _code;

    public Queries(string code) => _code = code;

    public List<Customer> Run(SalesContext db) => {|#0:db.Customers|}.Where(c => c.RetailerCode == _code" + Excl + @").ToList();
}", TestDomain.Policy, NotOwn(0,
            "it compares with field '_code', which line 13 of Test0.cs sets to parameter 'code' of the constructor of 'Queries', which other assemblies can call with any value"));

        [Fact]
        public Task ReadonlyFieldFromPrivateConstructions_FollowsEachConstruction() => V.Analyzer(Usings + @"
class Outer
{
    private sealed class OwnQueries
    {
        private readonly string _code;
        public OwnQueries(string code) => _code = code;
        public List<Customer> Run(SalesContext db) => db.Customers.Where(c => c.RetailerCode == _code" + Excl + @").ToList();
    }

    private sealed class MixedQueries
    {
        private readonly string _code;
        public MixedQueries(string code) => _code = code;
        public List<Customer> Run(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _code" + Excl + @").ToList();
    }

    private sealed class DerivedQueries : Base
    {
        public DerivedQueries() : base(""R0002"") { }
    }

    private class Base
    {
        private readonly string _code;
        public Base(string code) => _code = code;
        public List<Customer> Run(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _code" + Excl + @").ToList();
    }

    List<Customer> Use(SalesContext db)
    {
        OwnQueries targetTyped = new(RetailerCodes.Own);
        MixedQueries mixed = new(""R0002"");
        return new OwnQueries(RetailerCodes.Own).Run(db).Concat(targetTyped.Run(db)).Concat(new MixedQueries(RetailerCodes.Own).Run(db))
            .Concat(mixed.Run(db)).Concat(new DerivedQueries().Run(db)).ToList();
    }
}");

        [Fact]
        public Task MutableFields_Fire_UnlessOnlyOwnIsWritten() => V.Analyzer(Usings + @"
public class Queries
{
    public static string Shared = RetailerCodes.Own;
    private static string _changed = RetailerCodes.Own;
    private static string _onlyOwn = RetailerCodes.Own;

    public List<Customer> Public(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == Shared" + Excl + @").ToList();

    public List<Customer> Changed(SalesContext db)
    {
        _changed = ""R0002"";
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _changed" + Excl + @").ToList();
    }

    public List<Customer> OnlyOwn(SalesContext db)
    {
        _onlyOwn = RetailerCodes.Own;
        return db.Customers.Where(c => c.RetailerCode == _onlyOwn" + Excl + @").ToList();
    }

    public void Increment(ref string code) { }

    public List<Customer> ByRef(SalesContext db)
    {
        Increment(ref _onlyOwnByRef);
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _onlyOwnByRef" + Excl + @").ToList();
    }

    private static string _onlyOwnByRef = RetailerCodes.Own;
}");

        [Fact]
        public Task Properties_OwnOnEveryPath_AreQuiet() => V.Analyzer(Usings + @"
sealed class Settings
{
    public string Retailer => RetailerCodes.Own;
}

class Queries
{
    private static string GetOnly { get; } = RetailerCodes.Own;
    private static string Computed => RetailerCodes.Own;
    private string Block { get { return ""R0001""; } }
    private string PrivateSet { get; set; } = RetailerCodes.Own;
    private Settings Current { get; } = new Settings();

    void Reset() => PrivateSet = RetailerCodes.Own;

    List<Customer> A(SalesContext db) => db.Customers.Where(c => c.RetailerCode == GetOnly" + Excl + @").ToList();
    List<Customer> B(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Computed" + Excl + @").ToList();
    List<Customer> C(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Block" + Excl + @").ToList();
    List<Customer> D(SalesContext db) => db.Customers.Where(c => c.RetailerCode == PrivateSet" + Excl + @").ToList();
    List<Customer> E(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Current.Retailer" + Excl + @").ToList();
}");

        [Fact]
        public Task Properties_AnyCodeCanChange_Fire() => V.Analyzer(Usings + @"
public class Settings
{
    public string Retailer { get; set; } = RetailerCodes.Own;
    public virtual string Overridable => RetailerCodes.Own;
    public string Init { get; init; } = RetailerCodes.Own;
}

public class Queries
{
    private readonly Settings _settings = new Settings();

    public List<Customer> A(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _settings.Retailer" + Excl + @").ToList();
    public List<Customer> B(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _settings.Overridable" + Excl + @").ToList();
    public List<Customer> C(SalesContext db) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == _settings.Init" + Excl + @").ToList();
}");

        [Fact]
        public Task SettableProperty_SaysWhy_AndSuggestsTheOwnSymbols() => V.Analyzer(Usings + @"
namespace App
{
    public class Settings
    {
        public string Retailer { get; set; } = RetailerCodes.Own;
    }

    public class Queries
    {
        private readonly Settings _settings = new Settings();

        public List<Customer> A(SalesContext db) => {|#0:db.Customers|}.Where(c => c.RetailerCode == _settings.Retailer" + Excl + @").ToList();
    }
}", TestDomain.Policy, NotOwn(0,
            "it compares with property 'Retailer', which code outside its type can set (if it holds the own retailer's code, list 'App.Settings.Retailer' under 'ownRetailer.symbols')"));

        [Fact]
        public Task Methods_OwnOnEveryPath_AreQuiet() => V.Analyzer(Usings + @"
class Queries
{
    private static string Code() => RetailerCodes.Own;

    private static string Either(bool strict)
    {
        if (strict)
        {
            return RetailerCodes.Own;
        }

        return strict ? ""R0001"" : RetailerCodes.Own;
    }

    private string Through(string code) => code;

    List<Customer> A(SalesContext db) => db.Customers.Where(c => c.RetailerCode == Code()" + Excl + @").ToList();
    List<Customer> B(SalesContext db, bool strict)
    {
        var code = Either(strict);
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    List<Customer> C(SalesContext db)
    {
        var code = Through(RetailerCodes.Own);
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");

        [Fact]
        public Task Methods_WithAnotherValue_Fire() => V.Analyzer(Usings + @"
public class Queries
{
    private static string Rival(bool b) => b ? RetailerCodes.Own : ""R0002"";
    public virtual string Virtual() => RetailerCodes.Own;
    private string Through(string code) => code;

    public List<Customer> A(SalesContext db, bool b) => {|RG1003:db.Customers|}.Where(c => c.RetailerCode == Rival(b)" + Excl + @").ToList();

    public List<Customer> B(SalesContext db)
    {
        var code = Virtual();
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    public List<Customer> C(SalesContext db, string input)
    {
        var code = Through(input);
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");

        [Fact]
        public Task ConditionalsAndSwitches_AreOwnWhenEveryArmIs() => V.Analyzer(Usings + @"
public class Queries
{
    public List<Customer> A(SalesContext db, int n)
    {
        string code = n switch
        {
            1 => RetailerCodes.Own,
            2 => throw new System.ArgumentException(),
            _ => ""R0001"",
        };
        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    public List<Customer> B(SalesContext db, bool b)
    {
        string code = b ? RetailerCodes.Own : RetailerCodes.Rival;
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    public List<Customer> C(SalesContext db, int n)
    {
        string code = n switch { 0 => RetailerCodes.Own, _ => RetailerCodes.Rival };
        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");

        [Fact]
        public Task LocalWrittenTwice_IsOwnWhenEveryWriteIs() => V.Analyzer(Usings + @"
public class Queries
{
    public List<Customer> A(SalesContext db, bool b)
    {
        string code = RetailerCodes.Own;
        if (b)
        {
            code = ""R0001"";
        }

        return db.Customers.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }

    public List<Customer> B(SalesContext db, bool b)
    {
        string code = RetailerCodes.Own;
        if (b)
        {
            code += ""X"";
        }

        return {|RG1003:db.Customers|}.Where(c => c.RetailerCode == code" + Excl + @").ToList();
    }
}");
    }
}
