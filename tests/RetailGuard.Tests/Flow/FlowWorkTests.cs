using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Flow;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.ExportAnalyzer>;

namespace RetailGuard.Tests.Flow
{
    /// <summary>
    /// The cost of the analysis on query objects with many joins: the work (operations the export dataflow evaluates and
    /// steps the query walks take, not time) must stay small and grow at most linearly with the number of joins and of
    /// range-variable references. The shape is the one that once made the export analysis run away: a repository that
    /// calls a query object whose method is one query-syntax query with joins, left joins and a projection.
    /// </summary>
    public class FlowWorkTests
    {
        private const string Usings = Rules.RG2001_UnfilteredExportTests.Usings;

        /// <summary>Only generators protected: none of the tables the query object joins is.</summary>
        private static readonly string NothingJoinedIsProtected = TestDomain.Policy.Replace(
            @"    { ""table"": ""customers"", ""entity"": ""Sales.Domain.Customer"",
      ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"",
      ""excluded"": [ { ""column"": ""contract_kind"", ""property"": ""ContractKind"",
                      ""values"": [""LAST_RESORT""], ""symbols"": [""Sales.Domain.ContractKinds.LastResort""] } ],
      ""sanctionedViews"": [""own_customers""] },
", string.Empty);

        /// <summary>A query object with <paramref name="joins"/> joins (every other one a left join) and a projection that reads each range variable <paramref name="references"/> times.</summary>
        public static string QueryObject(int joins, int references)
        {
            var query = new StringBuilder("from c in _db.Customers\n");
            for (int j = 0; j < joins; j++)
            {
                query.Append(j % 2 == 0
                    ? $"            join i{j} in _db.Invoices on c.Id equals i{j}.CustomerId\n"
                    : $"            join g{j} in _db.Invoices on c.Id equals g{j}.CustomerId into left{j} from i{j} in left{j}.DefaultIfEmpty()\n");
            }

            query.Append("            where c.Arrears > 0\n            select new ArrearsRow { Name = c.Name");
            for (int j = 0; j < joins; j++)
            {
                var sum = string.Join(" + ", Enumerable.Repeat($"i{j}.Amount", references));
                query.Append($", A{j} = {sum}");
            }

            query.Append(" }");
            var row = new StringBuilder("public class ArrearsRow { public string Name { get; set; } = \"\";");
            for (int j = 0; j < joins; j++)
            {
                row.Append($" public decimal A{j} {{ get; set; }}");
            }

            row.Append(" }");
            return Usings + row + @"

public class ArrearsQuery
{
    private readonly SalesContext _db;

    public ArrearsQuery(SalesContext db) => _db = db;

    public List<ArrearsRow> Run() =>
        (" + query + @").ToList();
}

public class ArrearsRepository
{
    public void Export(SalesContext db, string path) => File.WriteAllLines(path, new ArrearsQuery(db).Run().Select(r => r.Name));
}
";
        }

        [Fact]
        public async Task TheShapeThatRanAway_IsAnalysedWithLittleWork()
        {
            var (flow, query, _) = await WorkAsync(QueryObject(6, 3), NothingJoinedIsProtected);
            Assert.InRange(flow + query, 0, 5000);
            var (flowProtected, queryProtected, operations) = await WorkAsync(QueryObject(6, 3), TestDomain.Policy);
            Assert.InRange(flowProtected + queryProtected, 1, 3 * operations);
        }

        [Fact]
        public Task TheShapeThatRanAway_AnalyzersFinishAndReport() => V.Analyzer(
            QueryObject(6, 3).Replace("File.WriteAllLines(path, new ArrearsQuery(db).Run().Select(r => r.Name))", "{|RG2001:File.WriteAllLines(path, new ArrearsQuery(db).Run().Select(r => r.Name))|}"));

        /// <summary>
        /// Query syntax builds a transparent identifier per clause, and every later use of a range variable goes through the
        /// chain of them: the operation tree of the code itself grows faster than the number of joins. The analysis must
        /// stay linear in the code it is given: a bounded amount of work per operation of the code, whatever the size.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Work_GrowsAtMostLinearly_WithJoinsAndReferences(bool customersProtected)
        {
            string policy = customersProtected ? TestDomain.Policy : NothingJoinedIsProtected;
            var sizes = new List<(string Shape, long Work, long Operations)>();
            foreach (int joins in new[] { 4, 8, 16, 32 })
            {
                var (flow, query, operations) = await WorkAsync(QueryObject(joins, 2), policy);
                sizes.Add(($"{joins} joins", flow + query, operations));
            }

            foreach (int references in new[] { 2, 4, 8, 16, 32 })
            {
                var (flow, query, operations) = await WorkAsync(QueryObject(6, references), policy);
                sizes.Add(($"{references} references", flow + query, operations));
            }

            string table = string.Join("; ", sizes.Select(s => $"{s.Shape}: work {s.Work} for {s.Operations} operations"));
            foreach (var (_, work, operations) in sizes)
            {
                // At most a few evaluations per operation of the code (fixed-point passes over loops, lambdas run where called).
                Assert.True(work <= 3 * operations, "work is not linear in the code: " + table);
            }

            // And the smallest shape does real work when something is protected, so the bound is not met by doing nothing.
            Assert.True(!customersProtected || sizes[0].Work > 0, table);
        }

        /// <summary>
        /// A method whose analysis needs a callee's summary (rows it takes from a repository) is analysed after the callee,
        /// once: the callees the facts walk saw are done first, so no run has to be repeated for a missing one.
        /// </summary>
        [Fact]
        public async Task CalleesSeenByTheFactsWalk_AreAnalysedFirst_SoEachMethodRunsOnce()
        {
            string source = Usings + @"
public class CustomerRepository
{
    private readonly SalesContext _db;

    public CustomerRepository(SalesContext db) => _db = db;

    public List<Customer> Load() => _db.Customers.ToList();

    public List<Customer> LoadAgain() => Load();
}

public class CustomerJob
{
    public void Run(CustomerRepository repository, string path) => File.WriteAllLines(path, repository.LoadAgain().Select(c => c.Name));
}
";
            var (_, _, _, graph) = await AnalyseAsync(source, TestDomain.Policy);

            Assert.Equal(3, graph.Analysed);
            Assert.Equal(graph.Analysed, graph.Runs);
        }

        /// <summary>
        /// Methods of a call cycle run again until their summaries settle; each run reuses the control-flow graph its method
        /// got at its first run, instead of building it again.
        /// </summary>
        [Fact]
        public async Task MethodsRunAgainInACallCycle_BuildTheirGraphOnce()
        {
            string source = Usings + @"
public class Walker
{
    public List<Customer> Down(SalesContext db, List<Customer> found, int n) => n == 0 ? found : Up(db, found, n - 1);

    public List<Customer> Up(SalesContext db, List<Customer> found, int n) => Down(db, n == 1 ? db.Customers.ToList() : found, n);
}

public class CustomerJob
{
    public void Run(Walker walker, SalesContext db, string path) => File.WriteAllLines(path, walker.Down(db, new List<Customer>(), 3).Select(c => c.Name));
}
";
            var (_, _, _, graph) = await AnalyseAsync(source, TestDomain.Policy);

            // Down and Up run again while the cycle settles (and are pushed again when a run of the other discards them).
            Assert.Equal(3, graph.Analysed);
            Assert.True(graph.Runs > graph.Analysed, "runs " + graph.Runs);
            Assert.True(graph.Graphs < graph.Runs, $"graphs {graph.Graphs}, runs {graph.Runs}");
        }

        /// <summary>A body that calls one method and reads one property many times has one edge to each of them in the call graph.</summary>
        [Fact]
        public async Task RepeatedCallsAndReads_AreOneEdgeEach()
        {
            string source = Usings + @"
public class CustomerSource
{
    private readonly SalesContext _db;

    public CustomerSource(SalesContext db) => _db = db;

    public List<Customer> All => _db.Customers.ToList();

    public List<Customer> Load() => _db.Customers.ToList();
}

public class CustomerJob
{
    public void Run(CustomerSource source, string path)
    {
        File.WriteAllLines(path, source.Load().Select(c => c.Name));
        File.AppendAllLines(path, source.Load().Select(c => c.Name));
        File.AppendAllLines(path, source.All.Select(c => c.Name));
        File.AppendAllLines(path, source.All.Select(c => c.Name));
    }
}
";
            var (_, _, _, _, facts) = await AnalyseWithFactsAsync(source, TestDomain.Policy);
            var run = facts.Single(kv => kv.Key.Name == "Run").Value;

            // Load and the All getter twice each, Customer.Name's getter four times.
            Assert.Equal(new[] { "Load", "get_All", "get_Name" }, run.TakesFrom.Select(m => m.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
        }

        private static async Task<(long Flow, long Query, long Operations)> WorkAsync(string source, string policyText)
        {
            var (flow, query, operations, _) = await AnalyseAsync(source, policyText);
            return (flow, query, operations);
        }

        /// <summary>
        /// Runs what the analyzers run, on one compilation: the quick walk of every method, the read judgements and the
        /// export flow when the compilation is complete; returns the work the export dataflow and the query walks did.
        /// </summary>
        private static async Task<(long Flow, long Query, long Operations, CallGraph Graph)> AnalyseAsync(string source, string policyText)
        {
            var (flow, query, operations, graph, _) = await AnalyseWithFactsAsync(source, policyText);
            return (flow, query, operations, graph);
        }

        private static async Task<(long Flow, long Query, long Operations, CallGraph Graph, Dictionary<IMethodSymbol, MethodFacts> Facts)> AnalyseWithFactsAsync(
            string source, string policyText)
        {
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var trees = new[] { CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(TestDomain.Source) };
            var compilation = CSharpCompilation.Create("Work", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var policy = PolicyModel.Bind(PolicyDocument.Parse("/0/retailguard.json", SourceText.From(policyText)), compilation);
            var context = AnalysisContext.For(compilation, policy);
            var facts = new Dictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
            long operations = 0;
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in (await tree.GetRootAsync()).DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
                {
                    var body = model.GetOperation(declaration);
                    if (body == null || !(model.GetDeclaredSymbol(declaration) is IMethodSymbol method))
                    {
                        continue;
                    }

                    operations += body.DescendantsAndSelf().Count();
                    var walker = new FactsWalker(context.Taint);
                    walker.Walk(ImmutableArray.Create(body), CancellationToken.None);
                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        if (QuerySource.TryCreate(context, operation, 0, CancellationToken.None) is { } read)
                        {
                            context.ReadVerdict(read, CancellationToken.None);
                        }
                    }

                    if (walker.Facts is { } found)
                    {
                        facts[method.OriginalDefinition] = found;
                    }
                }
            }

            context.Taint.Graph.SinkCone(facts, CancellationToken.None);
            return (context.Taint.Work, context.QueryWork, operations, context.Taint.Graph, facts);
        }
    }
}
