using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Flow;
using RetailGuard.Linq;
using RetailGuard.Policy;

namespace RetailGuard
{
    /// <summary>Everything RetailGuard resolves once per compilation: the bound policy, known symbols and the caches of cross-method facts.</summary>
    internal sealed class AnalysisContext
    {
        /// <summary>How many method calls deep the analysis follows a query before it reports it as unverifiable.</summary>
        public const int MaxCallDepth = 6;

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, AnalysisContext> PerCompilation =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, AnalysisContext>();

        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        /// <summary>Makes the model of a tree not met before: one delegate for the compilation, not one per look-up.</summary>
        private System.Func<SyntaxTree, SemanticModel>? _createModel;
        private Flow.TaintAnalysis? _taint;
        private Implementations? _implementations;
        private readonly ConcurrentDictionary<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan), Rules.ReadVerdict> _readVerdicts =
            new ConcurrentDictionary<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan), Rules.ReadVerdict>();

        private bool? _inventory;
        private long _queryWork;

        private readonly ConcurrentDictionary<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan), Rules.SqlVerdict> _sqlVerdicts =
            new ConcurrentDictionary<(SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan), Rules.SqlVerdict>();

        /// <summary>The compilation's own assembly symbol: symbols of its source share this instance.</summary>
        private readonly IAssemblySymbol _assembly;
        private Sql.SqlCatalog? _sqlObjects;
        private OwnValueProof? _values;
        private GeneratedCode? _generatedCode;

        private AnalysisContext(Compilation compilation, PolicyModel policy, AnalyzerOptions? options)
        {
            Compilation = compilation;
            _assembly = compilation.Assembly;
            Policy = policy;
            Options = options;
            Ef = EfSymbols.Create(compilation);
            Known = new KnownTypes(compilation);
            Summaries = new MethodSummaries(this);
            QueryFilters = new GlobalQueryFilters(this);
        }

        public Compilation Compilation { get; }

        /// <summary>Export flow facts, computed on first use.</summary>
        public Flow.TaintAnalysis Taint => _taint ?? System.Threading.LazyInitializer.EnsureInitialized(ref _taint, () => new Flow.TaintAnalysis(this))!;

        /// <summary>The proof of own values (members, call sites, sets), with what it has proven so far; created on first use.</summary>
        public OwnValueProof Values => _values ?? System.Threading.LazyInitializer.EnsureInitialized(ref _values, () => new OwnValueProof(this))!;

        /// <summary>Where the read, SQL and export analyses do not report: generated code, decided once per tree.</summary>
        public GeneratedCode GeneratedCode => _generatedCode ?? System.Threading.LazyInitializer.EnsureInitialized(ref _generatedCode, () => new GeneratedCode(Compilation, Options))!;

        /// <summary>The overrides and interface implementations of this compilation, built on first use.</summary>
        public Implementations Implementations => _implementations ?? System.Threading.LazyInitializer.EnsureInitialized(
            ref _implementations, () => RetailGuard.Implementations.Build(Compilation, ModelFor, System.Threading.CancellationToken.None))!;
        /// <summary>The project's options: its AdditionalFiles (the .sql files among them) and .editorconfig values.</summary>
        public AnalyzerOptions? Options { get; }

        /// <summary>The procedures, views and functions the project's .sql files define, read when first needed.</summary>
        public Sql.SqlCatalog SqlObjects(System.Threading.CancellationToken cancellationToken) => _sqlObjects ?? BuildSqlObjects(cancellationToken);

        private Sql.SqlCatalog BuildSqlObjects(System.Threading.CancellationToken cancellationToken) =>
            System.Threading.LazyInitializer.EnsureInitialized(ref _sqlObjects, () => Sql.SqlCatalog.Build(Policy, Options, cancellationToken))!;

        /// <summary>
        /// The findings on one LINQ source (<see cref="Rules.ReadJudge.JudgeSource"/>), judged once per compilation and shared
        /// by the read analysis and the export analysis.
        /// </summary>
        public Rules.ReadVerdict ReadVerdict(QuerySource source, System.Threading.CancellationToken cancellationToken) =>
            _readVerdicts.TryGetValue((source.Operation.Syntax.SyntaxTree, source.Operation.Syntax.Span), out var known) ? known : JudgeRead(source, cancellationToken);

        private Rules.ReadVerdict JudgeRead(QuerySource source, System.Threading.CancellationToken cancellationToken) =>
            _readVerdicts.GetOrAdd((source.Operation.Syntax.SyntaxTree, source.Operation.Syntax.Span), _ =>
            {
                var compliant = InventoryEnabled ? new System.Collections.Generic.List<Diagnostic>() : null;
                var findings = Rules.ReadJudge.JudgeSource(this, source, cancellationToken, compliant);
                return new Rules.ReadVerdict(findings, compliant);
            });

        /// <summary>
        /// What each constructed generic callee of this compilation reads, by callee and depth (<see cref="GenericReads"/>):
        /// found once, shared by every call that supplies the same entity.
        /// </summary>
        internal ConcurrentDictionary<GenericReads.CalleeKey, ImmutableArray<GenericReads.Hit>> GenericReadHits { get; } =
            new ConcurrentDictionary<GenericReads.CalleeKey, ImmutableArray<GenericReads.Hit>>();

        /// <summary>True when the compilation asks for the inventory of compliant sites (RG0001 enabled): decided once.</summary>
        public bool InventoryEnabled => _inventory ??= Rules.Inventory.IsEnabled(Compilation);

        /// <summary>The findings on the SQL a sink runs (<see cref="Rules.SqlJudge.Check"/>), judged once per compilation and shared.</summary>
        public Rules.SqlVerdict SqlVerdict(Sql.SqlSink sink, System.Threading.CancellationToken cancellationToken) =>
            _sqlVerdicts.TryGetValue((sink.Sql.Syntax.SyntaxTree, sink.Sql.Syntax.Span), out var known) ? known : JudgeSql(sink, cancellationToken);

        private Rules.SqlVerdict JudgeSql(Sql.SqlSink sink, System.Threading.CancellationToken cancellationToken) =>
            _sqlVerdicts.GetOrAdd((sink.Sql.Syntax.SyntaxTree, sink.Sql.Syntax.Span), _ =>
            {
                var lookalikes = new System.Collections.Generic.List<Diagnostic>();
                var compliant = InventoryEnabled ? new System.Collections.Generic.List<Diagnostic>() : null;
                var findings = System.Collections.Immutable.ImmutableArray.CreateRange(Rules.SqlJudge.Check(this, sink, cancellationToken, lookalikes, compliant));
                return new Rules.SqlVerdict(findings, lookalikes.ToImmutableArray(), compliant);
            });

        /// <summary>Steps the query walks took so far in this compilation: the measure of the LINQ analysis' cost.</summary>
        public long QueryWork => System.Threading.Interlocked.Read(ref _queryWork);

        internal void CountQueryWork(int steps) => System.Threading.Interlocked.Add(ref _queryWork, steps);

        /// <summary>One context per compilation, shared by every RetailGuard analyzer so summaries and verdicts are computed once.</summary>
        public static AnalysisContext For(Compilation compilation, PolicyModel policy, AnalyzerOptions? options = null)
        {
            var context = PerCompilation.GetValue(compilation, c => new AnalysisContext(c, policy, options));
            return ReferenceEquals(context.Policy, policy) ? context : new AnalysisContext(compilation, policy, options);
        }

        public PolicyModel Policy { get; }

        public EfSymbols Ef { get; }

        public KnownTypes Known { get; }

        public MethodSummaries Summaries { get; }

        public GlobalQueryFilters QueryFilters { get; }

        /// <summary>
        /// True for a symbol declared in this compilation's own source. A project reference in the IDE is a compilation
        /// reference whose symbols have syntax too, but in trees this compilation does not own.
        /// </summary>
        /// <remarks>
        /// A method, property, field or local of this compilation's assembly that is not implicitly declared was declared in
        /// its source: decided without <see cref="ISymbol.DeclaringSyntaxReferences"/>, which builds a new array at each call.
        /// The implicitly declared ones (default constructors, record members, the entry point of top-level statements) and
        /// other kinds are looked up: the parameters of synthesized members, for one, are not implicitly declared yet have
        /// no syntax.
        /// </remarks>
        public bool IsInSource(ISymbol? symbol) =>
            symbol != null && ReferenceEquals(symbol.ContainingAssembly, _assembly) &&
            ((!symbol.IsImplicitlyDeclared && symbol.Kind is SymbolKind.Method or SymbolKind.Property or SymbolKind.Field or SymbolKind.Local) ||
             !symbol.DeclaringSyntaxReferences.IsEmpty);

        /// <summary>The operation tree of a member declared in this compilation, or null.</summary>
        public IOperation? BodyOf(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            if (!IsInSource(method))
            {
                return null;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (!Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                var syntax = reference.GetSyntax(cancellationToken);
                var model = ModelFor(syntax.SyntaxTree);
                var op = model.GetOperation(syntax, cancellationToken);
                if (op != null)
                {
                    return op;
                }

                foreach (var child in syntax.ChildNodes())
                {
                    op = model.GetOperation(child, cancellationToken);
                    if (op is Microsoft.CodeAnalysis.Operations.IBlockOperation)
                    {
                        return op;
                    }
                }
            }

            return null;
        }

        public SemanticModel ModelFor(SyntaxTree tree)
        {
#pragma warning disable RS1030 // Cross-method summaries need the bodies of other members; models are cached per tree for the compilation.
            return _models.TryGetValue(tree, out var model) ? model : _models.GetOrAdd(tree, _createModel ??= t => Compilation.GetSemanticModel(t));
#pragma warning restore RS1030
        }
    }
}
