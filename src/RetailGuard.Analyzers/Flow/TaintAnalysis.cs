using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Linq;
using RetailGuard.Rules;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Where rows go: which values carry rows of guarded tables that are not proven filtered, and which of them reach an
    /// export or a bulk copy. One instance per compilation; every per-method result is computed once and shared.
    /// </summary>
    internal sealed class TaintAnalysis
    {
        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), ImmutableArray<Origin>> _readOrigins =
            new ConcurrentDictionary<(SyntaxTree, TextSpan), ImmutableArray<Origin>>();

        private long _work;

        public TaintAnalysis(AnalysisContext context)
        {
            _context = context;
            Sinks = new ExportSinks(context.Compilation, context.Policy, context.Known, context.Ef);
            Graph = new CallGraph(this);
        }

        public AnalysisContext Context => _context;

        public ExportSinks Sinks { get; }

        public CallGraph Graph { get; }

        /// <summary>Operations evaluated by the dataflow so far in this compilation: the measure of the analysis' cost.</summary>
        public long Work => Interlocked.Read(ref _work);

        internal void CountWork(int work) => Interlocked.Add(ref _work, work);

        /// <summary>The origins a LINQ source contributes: none when every path it runs on is proven filtered.</summary>
        public ImmutableArray<Origin> ReadOrigins(QuerySource source, CancellationToken cancellationToken) =>
            _readOrigins.TryGetValue((source.Operation.Syntax.SyntaxTree, source.Operation.Syntax.Span), out var known) ? known : ComputeReadOrigins(source, cancellationToken);

        private ImmutableArray<Origin> ComputeReadOrigins(QuerySource source, CancellationToken cancellationToken) =>
            _readOrigins.GetOrAdd((source.Operation.Syntax.SyntaxTree, source.Operation.Syntax.Span), _ =>
            {
                var findings = _context.ReadVerdict(source, cancellationToken).Findings;
                if (findings.Count == 0)
                {
                    return ImmutableArray<Origin>.Empty;
                }

                string table = TableName(source.Entity);
                return ImmutableArray.Create(new Origin(table, source.Operation.Syntax.GetLocation(), Reason(findings[0].Id)));
            });

        /// <summary>The origins the SQL a sink executes contributes: its findings, or RG1007 when it cannot be verified.</summary>
        public ImmutableArray<Origin> SqlOrigins(SqlSink sink, CancellationToken cancellationToken) =>
            _readOrigins.TryGetValue((sink.Sql.Syntax.SyntaxTree, sink.Sql.Syntax.Span), out var known) ? known : ComputeSqlOrigins(sink, cancellationToken);

        private ImmutableArray<Origin> ComputeSqlOrigins(SqlSink sink, CancellationToken cancellationToken) =>
            _readOrigins.GetOrAdd((sink.Sql.Syntax.SyntaxTree, sink.Sql.Syntax.Span), _ =>
            {
                var builder = ImmutableArray.CreateBuilder<Origin>();
                foreach (var finding in _context.SqlVerdict(sink, cancellationToken).Findings)
                {
                    builder.Add(new Origin(finding.Table, finding.Diagnostic.Location, Reason(finding.Diagnostic.Id)));
                }

                return builder.ToImmutable();
            });

        /// <summary>The origin of whatever a method returns when its analysis was cut short: not proven, so reported.</summary>
        public Origin CutShortOrigin(IMethodSymbol method)
        {
            var location = method.Locations.IsEmpty ? Location.None : method.Locations[0];
            return new Origin(Descriptors.Phrase("OriginLimitTable"), location, Descriptors.Phrase("OriginCutShort", method.Name));
        }

        public string TableName(ITypeSymbol entity)
        {
            if (_context.Policy.TryGetProtected(entity, out var table))
            {
                return table.DisplayName;
            }

            return _context.Policy.TryGetRestricted(entity, out var restricted) ? restricted.DisplayName : entity.Name;
        }

        /// <summary>True for a protected or restricted entity, a sequence of them, or a Task of either.</summary>
        public bool IsGuardedData(ITypeSymbol? type, out ITypeSymbol entity)
        {
            entity = null!;
            for (int i = 0; i < 3 && type != null; i++)
            {
                if (_context.Policy.TryGetProtected(type, out _) || _context.Policy.TryGetRestricted(type, out _))
                {
                    entity = type;
                    return true;
                }

                if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments: { Length: 1 } } task)
                {
                    type = task.TypeArguments[0];
                    continue;
                }

                if (type is IArrayTypeSymbol array)
                {
                    type = array.ElementType;
                    continue;
                }

                if (_context.Ef.IsSequence(type, out var element))
                {
                    type = element;
                    continue;
                }

                return false;
            }

            return false;
        }

        /// <summary>A type of the .NET libraries (System, Microsoft): they hold no rows of their own.</summary>
        public static bool IsFramework(ITypeSymbol type) =>
            KnownTypes.FromAssembly(type, "System") || KnownTypes.FromAssembly(type, "Microsoft") ||
            KnownTypes.FromAssembly(type, "netstandard") || KnownTypes.FromAssembly(type, "mscorlib");

        /// <summary>Methods of the framework, LINQ and Dapper: they hand out what they are given, never rows of their own.</summary>
        public static bool IsFrameworkOrLinq(IMethodSymbol method) =>
            KnownTypes.FromAssembly(method.ContainingType, "System") || KnownTypes.FromAssembly(method.ContainingType, "Microsoft") ||
            KnownTypes.FromAssembly(method.ContainingType, "Dapper") || KnownTypes.FromAssembly(method.ContainingType, "netstandard") ||
            KnownTypes.FromAssembly(method.ContainingType, "mscorlib");

        internal static string Reason(string id) => id switch
        {
            "RG1006" => Descriptors.Phrase("OriginRestricted"),
            "RG1007" => Descriptors.Phrase("OriginSql"),
            "RG1004" => Descriptors.Phrase("OriginAfterLoad"),
            "RG1005" => Descriptors.Phrase("OriginBypassed"),
            "RG1002" => Descriptors.Phrase("OriginMissingExclusion"),
            "RG1003" => Descriptors.Phrase("OriginNotOwn"),
            _ => Descriptors.Phrase("OriginUnfiltered"),
        };
    }
}
