using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Linq;
using RetailGuard.Rules;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Where rows go: which values carry rows of protected tables that are not proven filtered. Per-method
    /// summaries (what a method returns, which parameters reach a sink) are computed once per compilation.
    /// </summary>
    internal sealed class TaintAnalysis
    {
        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), ImmutableArray<Origin>> _readOrigins =
            new ConcurrentDictionary<(SyntaxTree, TextSpan), ImmutableArray<Origin>>();

        private readonly ConcurrentDictionary<IMethodSymbol, TaintSummary> _summaries =
            new ConcurrentDictionary<IMethodSymbol, TaintSummary>(SymbolEqualityComparer.Default);

        public TaintAnalysis(AnalysisContext context)
        {
            _context = context;
            Sinks = new ExportSinks(context.Compilation, context.Policy, context.Known, context.Ef);
        }

        public AnalysisContext Context => _context;

        public ExportSinks Sinks { get; }

        /// <summary>The origins a LINQ source contributes: none when every path it runs on is proven filtered.</summary>
        public ImmutableArray<Origin> ReadOrigins(QuerySource source, CancellationToken cancellationToken) =>
            _readOrigins.GetOrAdd((source.Operation.Syntax.SyntaxTree, source.Operation.Syntax.Span), _ =>
            {
                var findings = ReadJudge.JudgeSource(_context, source, cancellationToken);
                if (findings.Count == 0)
                {
                    return ImmutableArray<Origin>.Empty;
                }

                string table = TableName(source.Entity);
                return ImmutableArray.Create(new Origin(table, source.Operation.Syntax.GetLocation(), Reason(findings[0].Id)));
            });

        /// <summary>The origins the SQL a sink executes contributes: its findings, or RG1007 when it cannot be verified.</summary>
        public ImmutableArray<Origin> SqlOrigins(SqlSink sink, CancellationToken cancellationToken) =>
            _readOrigins.GetOrAdd((sink.Sql.Syntax.SyntaxTree, sink.Sql.Syntax.Span), _ =>
            {
                var builder = ImmutableArray.CreateBuilder<Origin>();
                foreach (var finding in SqlJudge.Check(_context, sink, cancellationToken))
                {
                    builder.Add(new Origin(finding.Table, finding.Diagnostic.Location, Reason(finding.Diagnostic.Id)));
                }

                return builder.ToImmutable();
            });

        /// <summary>
        /// The method's summary. <paramref name="active"/> holds the methods being summarized on this call path: a cycle
        /// is cut there, and only summaries computed without a cut are shared with other threads.
        /// </summary>
        public TaintSummary Summary(IMethodSymbol method, int depth, ImmutableHashSet<IMethodSymbol> active, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_summaries.TryGetValue(method, out var cached))
            {
                return cached;
            }

            if (depth > AnalysisContext.MaxCallDepth || active.Contains(method))
            {
                return TaintSummary.Empty;
            }

            var body = _context.BodyOf(method, cancellationToken);
            var taint = body == null ? null : new MethodTaint(this, body, method, depth, cancellationToken, active.Add(method));
            var summary = taint == null ? TaintSummary.Empty : taint.Summarize();
            if (taint == null || !taint.CutShort)
            {
                _summaries.TryAdd(method, summary);
            }

            return summary;
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

    /// <summary>The taint of values inside one method body (or a member's operation block).</summary>
    internal sealed class MethodTaint
    {
        private const int MaxDepth = 48;
        private readonly TaintAnalysis _analysis;
        private readonly IOperation _root;
        private readonly IMethodSymbol? _method;
        private readonly int _callDepth;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<ISymbol, Taint> _locals = new Dictionary<ISymbol, Taint>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _inProgress = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly ImmutableHashSet<IMethodSymbol> _active;

        public MethodTaint(TaintAnalysis analysis, IOperation root, IMethodSymbol? method, int callDepth, CancellationToken cancellationToken, ImmutableHashSet<IMethodSymbol>? active = null)
        {
            _active = active ?? ImmutableHashSet.Create<IMethodSymbol>(SymbolEqualityComparer.Default);
            _analysis = analysis;
            _root = root;
            _method = method;
            _callDepth = callDepth;
            _cancellationToken = cancellationToken;
        }

        private AnalysisContext Context => _analysis.Context;

        /// <summary>True when a call cycle or a depth limit cut this method's analysis short.</summary>
        public bool CutShort { get; private set; }

        private TaintSummary CalleeSummary(IMethodSymbol callee)
        {
            if (_callDepth + 1 > AnalysisContext.MaxCallDepth || _active.Contains(callee.OriginalDefinition))
            {
                CutShort = true;
            }

            return _analysis.Summary(callee, _callDepth + 1, _active, _cancellationToken);
        }

        public TaintSummary Summarize()
        {
            var returned = Taint.Clean;
            var sinks = ImmutableArray.CreateBuilder<ParameterSink>();
            foreach (var op in _root.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (op is IReturnOperation { ReturnedValue: { } value } && OperationTree.EnclosingFunction(op) == null)
                {
                    returned = returned.Union(Of(value));
                }

                foreach (var hit in SinkHits(op))
                {
                    foreach (int p in hit.Taint.Parameters)
                    {
                        sinks.Add(new ParameterSink(p, hit.SinkLocation, hit.SinkName, hit.Bulk));
                    }
                }
            }

            return new TaintSummary(returned, sinks.ToImmutable());
        }

        /// <summary>Data reaching a sink at this operation: a built-in or policy sink, or a call whose parameter reaches one.</summary>
        public IEnumerable<SinkHit> SinkHits(IOperation op)
        {
            var sink = _analysis.Sinks.Find(op);
            if (sink != null)
            {
                foreach (var data in sink.Data)
                {
                    var taint = Of(data);
                    if (!taint.IsClean)
                    {
                        yield return new SinkHit(sink.Operation, sink.Operation.Syntax.GetLocation(), sink.Name, sink.Bulk, taint, data);
                    }
                }

                yield break;
            }

            if (op is IInvocationOperation call && _analysis.Context.IsInSource(call.TargetMethod))
            {
                var summary = CalleeSummary(call.TargetMethod);
                foreach (var parameterSink in summary.ParameterSinks)
                {
                    var argument = OperationTree.ArgumentFor(call, parameterSink.Ordinal);
                    if (argument == null)
                    {
                        continue;
                    }

                    var taint = Of(argument);
                    if (!taint.IsClean)
                    {
                        yield return new SinkHit(call, parameterSink.Sink, parameterSink.SinkName, parameterSink.Bulk, taint, argument);
                    }
                }
            }
        }

        public Taint Of(IOperation? operation) => Of(operation, 0);

        private Taint Of(IOperation? operation, int depth)
        {
            if (operation == null)
            {
                return Taint.Clean;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            if (depth > MaxDepth)
            {
                return Taint.From(new Origin("a protected table", operation.Syntax.GetLocation(), Descriptors.Phrase("OriginLimit")));
            }

            if (operation.ConstantValue.HasValue)
            {
                return Taint.Clean;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Of(conversion.Operand, depth + 1);
                case ILocalReferenceOperation local:
                    return Local(local.Local);
                case IParameterReferenceOperation parameter:
                    return Parameter(parameter, depth);
                case IInstanceReferenceOperation _:
                case IAnonymousFunctionOperation _:
                case IDelegateCreationOperation _:
                case ITypeOfOperation _:
                case INameOfOperation _:
                case IDefaultValueOperation _:
                    return Taint.Clean;
                case IInvocationOperation call:
                    return Invocation(call, depth);
                case IPropertyReferenceOperation property:
                    {
                        var source = QuerySource.TryCreate(Context, property, 0, _cancellationToken);
                        if (source != null)
                        {
                            return new Taint(_analysis.ReadOrigins(source, _cancellationToken), ImmutableHashSet<int>.Empty);
                        }

                        var t = Of(property.Instance, depth + 1);
                        foreach (var a in property.Arguments)
                        {
                            t = t.Union(Of(a.Value, depth + 1));
                        }

                        return t;
                    }

                case IFieldReferenceOperation field:
                    return Of(field.Instance, depth + 1);
                case IObjectCreationOperation creation:
                    {
                        var t = Taint.Clean;
                        if (SqlSink.Find(creation, Context.Known) is { } sqlSink)
                        {
                            t = new Taint(_analysis.SqlOrigins(sqlSink, _cancellationToken), ImmutableHashSet<int>.Empty);
                        }

                        foreach (var a in creation.Arguments)
                        {
                            t = t.Union(Of(a.Value, depth + 1));
                        }

                        return creation.Initializer == null ? t : t.Union(Of(creation.Initializer, depth + 1));
                    }

                case IAwaitOperation awaited:
                    return Of(awaited.Operation, depth + 1);
                case IBinaryOperation binary:
                    return Of(binary.LeftOperand, depth + 1).Union(Of(binary.RightOperand, depth + 1));
                case IConditionalOperation conditional:
                    return Of(conditional.WhenTrue, depth + 1).Union(Of(conditional.WhenFalse, depth + 1));
                case ICoalesceOperation coalesce:
                    return Of(coalesce.Value, depth + 1).Union(Of(coalesce.WhenNull, depth + 1));
                default:
                    {
                        var t = Taint.Clean;
                        foreach (var child in operation.ChildOperations)
                        {
                            t = t.Union(Of(child, depth + 1));
                        }

                        return t;
                    }
            }
        }

        private Taint Invocation(IInvocationOperation call, int depth)
        {
            var method = call.TargetMethod;

            if (SqlSink.Find(call, Context.Known) is { } sqlSink)
            {
                var sql = new Taint(_analysis.SqlOrigins(sqlSink, _cancellationToken), ImmutableHashSet<int>.Empty);
                return method.Name.StartsWith("Execute", StringComparison.Ordinal) && !method.Name.StartsWith("ExecuteReader", StringComparison.Ordinal) &&
                       !method.Name.StartsWith("ExecuteScalar", StringComparison.Ordinal)
                    ? Taint.Clean
                    : sql;
            }

            var source = QuerySource.TryCreate(Context, call, 0, _cancellationToken);
            if (source != null)
            {
                return new Taint(_analysis.ReadOrigins(source, _cancellationToken), ImmutableHashSet<int>.Empty);
            }

            if (Context.IsInSource(method) && method.MethodKind != MethodKind.LocalFunction)
            {
                var summary = CalleeSummary(method);
                var t = summary.Returned.WithoutParameters();
                foreach (int p in summary.Returned.Parameters)
                {
                    t = t.Union(Of(OperationTree.ArgumentFor(call, p), depth + 1));
                }

                return t;
            }

            // A method of another assembly that hands out protected rows: RetailGuard cannot see its filter.
            if (!Context.IsInSource(method) && !IsFrameworkOrLinq(method) && _analysis.IsGuardedData(method.ReturnType, out var entity))
            {
                return Taint.From(new Origin(
                    _analysis.TableName(entity),
                    call.Syntax.GetLocation(),
                    Descriptors.Phrase("OriginOtherAssembly", $"{method.ContainingType?.Name}.{method.Name}")));
            }

            // Anything else passes on what goes into it: the receiver, the arguments, and what lambdas produce.
            var result = Of(call.Instance, depth + 1);
            foreach (var arg in call.Arguments)
            {
                var lambda = OperationTree.AsLambda(arg.Value);
                if (lambda != null)
                {
                    foreach (var op in lambda.Body.Descendants())
                    {
                        if (op is IReturnOperation { ReturnedValue: { } value })
                        {
                            result = result.Union(Of(value, depth + 1));
                        }
                    }
                }
                else
                {
                    result = result.Union(Of(arg.Value, depth + 1));
                }
            }

            return result;
        }

        private static bool IsFrameworkOrLinq(IMethodSymbol method) =>
            KnownTypes.FromAssembly(method.ContainingType, "System") || KnownTypes.FromAssembly(method.ContainingType, "Microsoft") ||
            KnownTypes.FromAssembly(method.ContainingType, "Dapper") || KnownTypes.FromAssembly(method.ContainingType, "netstandard") ||
            KnownTypes.FromAssembly(method.ContainingType, "mscorlib");

        private Taint Parameter(IParameterReferenceOperation reference, int depth)
        {
            var parameter = reference.Parameter;
            if (_method != null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method))
            {
                return Taint.FromParameter(parameter.Ordinal);
            }

            // A lambda's parameter carries what the call it is passed to works on: rows.ForEach(r => …), rows.Select(r => …).
            for (var p = reference.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    var use = lambda.Parent;
                    while (use is IConversionOperation || use is IDelegateCreationOperation)
                    {
                        use = use.Parent;
                    }

                    if (use is IArgumentOperation { Parent: IInvocationOperation call })
                    {
                        var t = Of(call.Instance, depth + 1);
                        foreach (var arg in call.Arguments)
                        {
                            if (OperationTree.AsLambda(arg.Value) == null)
                            {
                                t = t.Union(Of(arg.Value, depth + 1));
                            }
                        }

                        return t;
                    }

                    return Taint.Clean;
                }
            }

            return Taint.Clean;
        }

        /// <summary>Everything a local ever holds (flow-insensitive): assignments, items added to it, the collection a foreach walks.</summary>
        private Taint Local(ILocalSymbol local)
        {
            if (_locals.TryGetValue(local, out var known))
            {
                return known;
            }

            if (!_inProgress.Add(local))
            {
                return Taint.Clean;
            }

            var t = Taint.Clean;
            foreach (var op in _root.Descendants())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation d when SymbolEqualityComparer.Default.Equals(d.Symbol, local) && d.GetVariableInitializer() is { } init:
                        t = t.Union(Of(init.Value));
                        break;
                    case IAssignmentOperation a when IsLocal(a.Target, local):
                        t = t.Union(Of((a as ISimpleAssignmentOperation)?.Value ?? (a as ICompoundAssignmentOperation)?.Value));
                        break;
                    case ISimpleAssignmentOperation member when member.Target is IMemberReferenceOperation { Instance: { } instance } && IsRootedAt(instance, local):
                        t = t.Union(SqlSink.Find(member, Context.Known) is { } sqlSink
                            ? new Taint(_analysis.SqlOrigins(sqlSink, _cancellationToken), ImmutableHashSet<int>.Empty)
                            : Of(member.Value));
                        break;
                    case ISimpleAssignmentOperation element when element.Target is IArrayElementReferenceOperation { ArrayReference: { } array } && IsLocal(array, local):
                        t = t.Union(Of(element.Value));
                        break;
                    case IInvocationOperation call when call.Instance != null && IsRootedAt(call.Instance, local) && Adds(call.TargetMethod.Name):
                        foreach (var arg in call.Arguments)
                        {
                            t = t.Union(Of(arg.Value));
                        }

                        break;
                    case IForEachLoopOperation loop when Declares(loop, local):
                        t = t.Union(Of(loop.Collection));
                        break;
                }
            }

            _inProgress.Remove(local);
            _locals[local] = t;
            return t;
        }

        private static bool Adds(string name) =>
            name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("Append", StringComparison.Ordinal) ||
            name.StartsWith("Insert", StringComparison.Ordinal) || name.StartsWith("Write", StringComparison.Ordinal) ||
            name is "Enqueue" or "Push" or "TryAdd" or "Concat" or "Union" or "Set";

        private static bool Declares(IForEachLoopOperation loop, ILocalSymbol local)
        {
            foreach (var l in loop.Locals)
            {
                if (SymbolEqualityComparer.Default.Equals(l, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The local itself, or a member of it: list, table.Rows, dto.Lines.</summary>
        private static bool IsRootedAt(IOperation target, ILocalSymbol local)
        {
            var op = target;
            for (int i = 0; i < 8; i++)
            {
                op = OperationTree.Unwrap(op);
                if (IsLocal(op, local))
                {
                    return true;
                }

                if (op is IMemberReferenceOperation { Instance: { } instance })
                {
                    op = instance;
                }
                else
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsLocal(IOperation target, ILocalSymbol local) =>
            target is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local);
    }

    internal sealed class SinkHit
    {
        public SinkHit(IOperation at, Location sinkLocation, string sinkName, bool bulk, Taint taint, IOperation data)
        {
            At = at;
            SinkLocation = sinkLocation;
            SinkName = sinkName;
            Bulk = bulk;
            Taint = taint;
            Data = data;
        }

        /// <summary>Where to report: the sink, or the call through which the data reaches one.</summary>
        public IOperation At { get; }

        public Location SinkLocation { get; }

        public string SinkName { get; }

        public bool Bulk { get; }

        public Taint Taint { get; }

        public IOperation Data { get; }
    }
}
