using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Linq
{
    /// <summary>
    /// Generic data access judged per instantiation: what a constructed callee reads is found once and shared by every call
    /// that supplies the same entity, and still reported at each of those calls.
    /// </summary>
    public class GenericReadsTests
    {
        private const string Repository = @"
class Repository<T> where T : class
{
    private readonly DbContext _db;
    public Repository(DbContext db) => _db = db;
    public List<T> All() => _db.Set<T>().ToList();
}
";

        [Fact]
        public Task OneCallee_CalledFromManyPlaces_FiresAtEachCall() => V.Analyzer(Usings + Repository + @"
class Screens
{
    List<Customer> First(SalesContext db) => {|RG1001:new Repository<Customer>(db).All()|};
    List<Customer> Second(SalesContext db) => {|RG1001:new Repository<Customer>(db).All()|};
    List<Invoice> Invoices(SalesContext db) => new Repository<Invoice>(db).All();
}");

        [Fact]
        public Task CallInsideTheCalleesOwnBody_IsNotFollowedIntoItself() => V.Analyzer(Usings + @"
static class Counts
{
    public static int Of<T>(DbContext db) where T : class =>
        typeof(T) == typeof(Invoice) ? {|RG1001:Of<Customer>(db)|} : db.Set<T>().Count();
}

class Screens
{
    int Invoices(SalesContext db) => Counts.Of<Invoice>(db);
    int Customers(SalesContext db) => {|RG1001:Counts.Of<Customer>(db)|};
}");

        [Fact]
        public async Task CallsSupplyingOneEntity_ShareOneWalkOfTheCallee()
        {
            var source = Usings + Repository + @"
class Screens
{
    List<Customer> First(SalesContext db) => new Repository<Customer>(db).All();
    List<Customer> Second(SalesContext db) => new Repository<Customer>(db).All();
    List<Customer> Third(SalesContext db) => new Repository<Customer>(db).All();
    List<Invoice> Invoices(SalesContext db) => new Repository<Invoice>(db).All();
}";
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var trees = new[] { CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(TestDomain.Source) };
            var compilation = CSharpCompilation.Create("Generic", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(TestDomain.Policy)), compilation);
            var context = AnalysisContext.For(compilation, policy);
            var model = compilation.GetSemanticModel(trees[0]);
            var calls = trees[0].GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
                .Select(syntax => (IInvocationOperation)model.GetOperation(syntax)!)
                .Where(call => call.TargetMethod.Name == "All" && model.GetEnclosingSymbol(call.Syntax.SpanStart)!.ContainingType.Name == "Screens")
                .ToList();
            Assert.Equal(4, calls.Count);

            foreach (var call in calls)
            {
                var found = GenericReads.At(context, call, CancellationToken.None);
                if (call.Type!.ToDisplayString().Contains("Invoice"))
                {
                    Assert.Null(found);
                    continue;
                }

                // Reported at the call that supplies the entity, not at the first call that found it.
                var read = Assert.Single(found!);
                Assert.Same(call, read.ReportAt);
            }

            // Repository<Customer>.All at depth 0: one walk for the three calls; Invoice is not guarded and needs none.
            Assert.Single(context.GenericReadHits);
        }
    }
}
