using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Rules;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.CodeFixes.OwnValueCodeFixTests;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// The hint inside a message follows the rule fixes follow: code only with an own value of the right type that the code
    /// at the finding can reach; otherwise it says in words what to compare with. Never an empty literal.
    /// </summary>
    public class FixHintTests
    {
        private static DiagnosticResult Linq(string id) => CSharpAnalyzerVerifier<QueryReadAnalyzer, DefaultVerifier>.Diagnostic(id).WithLocation(0);

        private static DiagnosticResult Sql(string id) => CSharpAnalyzerVerifier<SqlReadAnalyzer, DefaultVerifier>.Diagnostic(id).WithLocation(0);

        private const string CurrentRetailer = @"""Sales.Services.ICurrentRetailer.Code""";

        [Fact]
        public Task Linq_InjectedServiceInScope_WrittenThroughItsField() => Verify<QueryReadAnalyzer>.Analyzer(ServiceUsings + Services + @"
class Ledger
{
    private readonly ICurrentRetailer _current;
    public Ledger(ICurrentRetailer current) => _current = current;
    List<Customer> All(SalesContext db) => {|#0:db.Customers|}.ToList();
}", PolicyWithOwn(CurrentRetailer), Linq("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add 'Where(c => c.RetailerCode == _current.Code && c.ContractKind != ContractKinds.LastResort)' before rows are loaded"));

        [Fact]
        public Task Linq_InjectedServiceOutOfScope_SaidInWords() => Verify<QueryReadAnalyzer>.Analyzer(ServiceUsings + Services + @"
static class Ledger
{
    public static List<Customer> All(SalesContext db) => {|#0:db.Customers|}.ToList();
}", PolicyWithOwn(CurrentRetailer, codes: string.Empty), Linq("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add a condition that compares 'RetailerCode' with the own-retailer value 'Code' of an injected 'ICurrentRetailer' and excludes ContractKind = LAST_RESORT before rows are loaded"));

        [Fact]
        public Task Linq_OwnValueOfAnotherType_SaidInWords() => Verify<QueryReadAnalyzer>.Analyzer(Snippets.Usings + @"
namespace Sales.Other
{
" + BuyerModel + @"    class Screen
    {
        private readonly IWorkContext _work;
        public Screen(IWorkContext work) => _work = work;
        List<Buyer> All(BuyerContext db) => {|#0:db.Buyers|}.ToList();
    }
}", BuyerPolicy(@"""R0001""", @"""Sales.Other.IWorkContext.CurrentCustomer"""), Linq("RG1001").WithMessage(
            "'buyers' is read without the retailer-contract filter; add a condition that compares 'BuyerId' with an own-retailer value of type 'int' before rows are loaded"));

        [Fact]
        public Task Sql_InjectedServiceInScope_BoundThroughItsField() => Verify<SqlReadAnalyzer>.Analyzer(SqlShapesCodeFixTests.Usings + "using Sales.Services;\n" + Services + @"
class Ledger
{
    private readonly ICurrentRetailer _current;
    public Ledger(ICurrentRetailer current) => _current = current;
    IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|#0:customers|}"");
}", SqlShapesCodeFixTests.NoViews(PolicyWithOwn(CurrentRetailer)), Sql("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add the condition 'retailer_code = @ownRetailer (bound to _current.Code) AND contract_kind <> 'LAST_RESORT'' before rows are loaded"));

        [Fact]
        public Task Sql_NoCodeAndNoReachableValue_NeverAnEmptyLiteral() => Verify<SqlReadAnalyzer>.Analyzer(SqlShapesCodeFixTests.Usings + Services + @"
static class Ledger
{
    public static IEnumerable<Customer> All(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|#0:customers|}"");
}", SqlShapesCodeFixTests.NoViews(PolicyWithOwn(CurrentRetailer, codes: string.Empty)), Sql("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add the condition 'retailer_code = @ownRetailer (bound to the own-retailer value 'Code' of an injected 'ICurrentRetailer') AND contract_kind <> 'LAST_RESORT'' before rows are loaded"));

        /// <summary>
        /// A type's name in a hint is the shortest that code at the finding can write. A local of the type's name in one method
        /// hides the type there and there only: the hint in that method qualifies it, the hint in the next method does not.
        /// </summary>
        [Fact]
        public Task Sql_LocalHidingTheOwnType_QualifiedOnlyWhereItHides() => Verify<SqlReadAnalyzer>.Analyzer(SqlShapesCodeFixTests.Usings + @"
class Ledger
{
    IEnumerable<Customer> Hidden(IDbConnection conn)
    {
        int RetailerCodes = 0;
        return conn.Query<Customer>(""SELECT * FROM {|#0:customers|}"").Skip(RetailerCodes);
    }

    IEnumerable<Customer> Plain(IDbConnection conn) => conn.Query<Customer>(""SELECT * FROM {|#1:customers|}"");
}", SqlShapesCodeFixTests.NoViews(TestDomain.Policy), Sql("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add the condition 'retailer_code = @ownRetailer (bound to Sales.Domain.RetailerCodes.Own) AND contract_kind <> 'LAST_RESORT'' before rows are loaded"),
            CSharpAnalyzerVerifier<SqlReadAnalyzer, DefaultVerifier>.Diagnostic("RG1001").WithLocation(1).WithMessage(
            "'customers' is read without the retailer-contract filter; add the condition 'retailer_code = @ownRetailer (bound to RetailerCodes.Own) AND contract_kind <> 'LAST_RESORT'' before rows are loaded"));

        /// <summary>The same for the exclusion's values in a LINQ hint: a parameter named like their type hides it in its method only.</summary>
        [Fact]
        public Task Linq_ParameterHidingTheExclusionType_QualifiedOnlyWhereItHides() => Verify<QueryReadAnalyzer>.Analyzer(ServiceUsings + Services + @"
class Ledger
{
    private readonly ICurrentRetailer _current;
    public Ledger(ICurrentRetailer current) => _current = current;
    List<Customer> Plain(SalesContext db) => {|#0:db.Customers|}.ToList();
    List<Customer> Hidden(SalesContext db, int ContractKinds) => {|#1:db.Customers|}.Skip(ContractKinds).ToList();
}", PolicyWithOwn(CurrentRetailer), Linq("RG1001").WithMessage(
            "'customers' is read without the retailer-contract filter; add 'Where(c => c.RetailerCode == _current.Code && c.ContractKind != ContractKinds.LastResort)' before rows are loaded"),
            CSharpAnalyzerVerifier<QueryReadAnalyzer, DefaultVerifier>.Diagnostic("RG1001").WithLocation(1).WithMessage(
            "'customers' is read without the retailer-contract filter; add 'Where(c => c.RetailerCode == _current.Code && c.ContractKind != Sales.Domain.ContractKinds.LastResort)' before rows are loaded"));

        /// <summary>
        /// Files that open with the same usings share a name; what differs around a finding changes it: a property of the
        /// enclosing type named like the own type, a file without the using, a file-local type of the same name.
        /// </summary>
        [Fact]
        public Task Sql_OwnTypeNamePerFile_FollowsWhatEachFileSees() => VerifyBound(
            new[]
            {
                ("A.cs", SqlShapesCodeFixTests.Usings + @"
class A { IEnumerable<Customer> All(IDbConnection conn) => " + Query(0) + @"; }"),
                ("B.cs", SqlShapesCodeFixTests.Usings + @"
class B
{
    public int RetailerCodes => 0;
    IEnumerable<Customer> All(IDbConnection conn) => " + Query(1) + @";
}"),
                ("C.cs", NoDomainUsing + @"
class C { IEnumerable<Sales.Domain.Customer> All(IDbConnection conn) => " + Query(2) + @"; }"),
                ("D.cs", SqlShapesCodeFixTests.Usings + @"
class D { IEnumerable<Customer> All(IDbConnection conn) => " + Query(3) + @"; }"),
                ("E.cs", SqlShapesCodeFixTests.Usings + @"
file class RetailerCodes { }
class E { IEnumerable<Customer> All(IDbConnection conn) => " + Query(4) + @"; }"),
            },
            "RetailerCodes.Own", "Sales.Domain.RetailerCodes.Own", "Sales.Domain.RetailerCodes.Own", "RetailerCodes.Own", "Sales.Domain.RetailerCodes.Own");

        /// <summary>
        /// An alias is written where it can be and the type's own name where a type parameter hides the alias; a qualified name
        /// is written per position, since a property can hide its namespace.
        /// </summary>
        [Fact]
        public Task Sql_AliasesAndQualifiedNames_FollowEachPosition() => VerifyBound(
            new[]
            {
                ("Aliased.cs", SqlShapesCodeFixTests.Usings + @"using RC = Sales.Domain.RetailerCodes;
class Aliased
{
    IEnumerable<Customer> Hidden<RC>(IDbConnection conn) => " + Query(0) + @";
    IEnumerable<Customer> Plain(IDbConnection conn) => " + Query(1) + @";
}"),
                ("Qualified.cs", NoDomainUsing + @"
namespace Sales.Web
{
    class Qualified { IEnumerable<Sales.Domain.Customer> All(IDbConnection conn) => " + Query(2) + @"; }
    class HidesNamespace
    {
        public int Domain => 0;
        IEnumerable<Sales.Domain.Customer> All(IDbConnection conn) => " + Query(3) + @";
    }
}"),
            },
            "RetailerCodes.Own", "RC.Own", "Domain.RetailerCodes.Own", "Sales.Domain.RetailerCodes.Own");

        private const string NoDomainUsing = @"
using System.Collections.Generic;
using System.Data;
using Dapper;
";

        /// <summary>A Dapper query of the protected table, its table marked as location <paramref name="n"/>.</summary>
        private static string Query(int n) => @"conn.Query<Sales.Domain.Customer>(""SELECT * FROM {|#" + n + @":customers|}"")";

        /// <summary>Runs the SQL analysis over the files; the finding at location n binds the own value written as <paramref name="bound"/>[n].</summary>
        private static Task VerifyBound((string Path, string Source)[] files, params string[] bound)
        {
            var test = new CSharpAnalyzerTest<SqlReadAnalyzer, DefaultVerifier>
            {
                ReferenceAssemblies = TestPackages.Net80WithDataPackages,
                CompilerDiagnostics = CompilerDiagnostics.Errors,
            };

            test.TestState.Sources.Add(("Domain.cs", TestDomain.Source));
            foreach (var file in files)
            {
                test.TestState.Sources.Add(file);
            }

            test.TestState.AdditionalFiles.Add((Verify<SqlReadAnalyzer>.PolicyPath, SqlShapesCodeFixTests.NoViews(TestDomain.Policy)));
            for (int n = 0; n < bound.Length; n++)
            {
                test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<SqlReadAnalyzer, DefaultVerifier>.Diagnostic("RG1001").WithLocation(n).WithMessage(
                    "'customers' is read without the retailer-contract filter; add the condition 'retailer_code = @ownRetailer (bound to " + bound[n] + ") AND contract_kind <> 'LAST_RESORT'' before rows are loaded"));
            }

            return test.RunAsync();
        }
    }
}
