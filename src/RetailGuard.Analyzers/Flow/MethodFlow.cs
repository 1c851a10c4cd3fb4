using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Linq;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>The export analysis of one method body: its summary for callers, and the unproven data it sends to sinks.</summary>
    internal sealed class MethodFlowResult
    {
        public MethodFlowResult(TaintSummary summary, ImmutableArray<SinkHit> hits, int work)
        {
            Summary = summary;
            Hits = hits;
            Work = work;
        }

        public TaintSummary Summary { get; }

        /// <summary>Data that reaches a sink in the body (or through a call), with origins or parameters.</summary>
        public ImmutableArray<SinkHit> Hits { get; }

        /// <summary>Operations evaluated, every pass and inlined lambda included: the measure of the analysis' cost.</summary>
        public int Work { get; }

        /// <summary>This result for a call cycle that did not settle: what the method returns is not proven.</summary>
        public MethodFlowResult AsCutShort(IMethodSymbol method, TaintAnalysis analysis)
        {
            var returned = Summary.Returned;
            if (!method.ReturnsVoid)
            {
                returned = returned.Join(FlowValue.Of(Taint.From(analysis.CutShortOrigin(method))));
            }

            return new MethodFlowResult(new TaintSummary(returned, Summary.ParameterSinks, true), Hits, Work);
        }
    }

    /// <summary>
    /// A forward dataflow analysis over Roslyn's control-flow graph of one method: what every local, parameter and flow
    /// capture carries at each point (flow-sensitive: a local overwritten with proven rows is clean from then on), member
    /// by member for objects (field-sensitive, one level). Lambdas and local functions run inline where they are called,
    /// with their parameters bound once per call. Expressions are evaluated with an explicit stack, and the whole method
    /// (passes and inlined bodies together) has a budget of <see cref="MaxWork"/> operations; when it runs out, every
    /// sink of the method is reported as reached by data the analysis could not follow (fail closed).
    /// </summary>
    internal sealed class MethodFlow
    {
        /// <summary>Operations one method's analysis may evaluate, all passes and inlined bodies together.</summary>
        public const int MaxWork = 60000;

        /// <summary>Nested lambda and local-function bodies run inline; deeper ones pass their arguments through.</summary>
        public const int MaxInlineDepth = 6;

        /// <summary>The parameter path of the receiver: members of <c>this</c> are read from what the caller calls the method on.</summary>
        public const string ThisParameter = "this";

        private readonly TaintAnalysis _analysis;
        private readonly IMethodSymbol _method;
        private readonly Func<IMethodSymbol, TaintSummary?> _summaries;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<(SyntaxNode At, SyntaxNode Sink), SinkHit> _hits = new Dictionary<(SyntaxNode, SyntaxNode), SinkHit>();
        private readonly Dictionary<(string Path, SyntaxNode Sink), ParameterSink> _parameterSinks = new Dictionary<(string, SyntaxNode), ParameterSink>();
        private readonly List<object> _inlining = new List<object>();

        /// <summary>
        /// Evaluation buffers of this thread, shared by the analyses it runs one after another: each evaluation rents one
        /// (a delegate run inline evaluates inside an evaluation, so several can be out at once) and returns it cleared. A
        /// method's own buffers would start empty and grow in every analysis; on a generated data layer of 1,000 files
        /// their growth was an eighth of the dataflow's time.
        /// </summary>
        [ThreadStatic]
        private static Stack<Buffers>? t_buffers;

        /// <summary>Buffers a thread keeps, and the largest evaluation (operations) whose buffer it keeps: the pool stays small.</summary>
        private const int MaxPooledBuffers = 16;
        private const int MaxPooledOperations = 4096;
        private int _work;

        private MethodFlow(TaintAnalysis analysis, IMethodSymbol method, Func<IMethodSymbol, TaintSummary?> summaries, CancellationToken cancellationToken)
        {
            _analysis = analysis;
            _method = method;
            _summaries = summaries;
            _cancellationToken = cancellationToken;
        }

        private AnalysisContext Context => _analysis.Context;

        /// <param name="graph">The control-flow graph of the method's body (<see cref="CreateGraph"/>).</param>
        /// <param name="summaries">The summary of a callee body, or null when it has not been analysed yet (the call then passes its arguments through, and the caller is run again later).</param>
        public static MethodFlowResult Analyze(TaintAnalysis analysis, IMethodSymbol method, ControlFlowGraph graph, Func<IMethodSymbol, TaintSummary?> summaries, CancellationToken cancellationToken)
        {
            var flow = new MethodFlow(analysis, method, summaries, cancellationToken);
            var root = graph.OriginalOperation;
            var entry = new FlowState();
            foreach (var p in method.Parameters)
            {
                entry.Set(p, FlowValue.Of(Taint.FromParameter(TaintSummary.Ordinal(p))));
            }

            FlowValue returned;
            bool cutShort = false;
            try
            {
                returned = flow.Run(graph, entry, 0).Returned;
            }
            catch (BudgetExceeded)
            {
                cutShort = true;
                returned = method.ReturnsVoid ? FlowValue.Clean : FlowValue.Of(Taint.From(analysis.CutShortOrigin(method)));
                flow.ReportEverySink(root);
            }

            analysis.CountWork(flow._work);
            var sinkList = new List<ParameterSink>(flow._parameterSinks.Values);
            sinkList.Sort((a, b) =>
            {
                int c = string.CompareOrdinal(a.Path, b.Path);
                c = c != 0 ? c : string.CompareOrdinal(a.Sink.Operation.Syntax.SyntaxTree.FilePath, b.Sink.Operation.Syntax.SyntaxTree.FilePath);
                return c != 0 ? c : a.Sink.Operation.Syntax.SpanStart.CompareTo(b.Sink.Operation.Syntax.SpanStart);
            });
            var sinks = sinkList.ToImmutableArray();
            var hits = ImmutableArray.CreateRange(flow._hits.Values);
            return new MethodFlowResult(new TaintSummary(returned, sinks, cutShort), hits, flow._work);
        }

        /// <summary>The graph of a method body, or null when Roslyn builds none for it.</summary>
        public static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken)
        {
            try
            {
                switch (root)
                {
                    case IMethodBodyOperation body:
                        return ControlFlowGraph.Create(body, cancellationToken);
                    case IConstructorBodyOperation constructor:
                        return ControlFlowGraph.Create(constructor, cancellationToken);
                    case IBlockOperation block when block.Parent == null:
                        return ControlFlowGraph.Create(block, cancellationToken);
                    default:
                        return null;
                }
            }
            catch (ArgumentException)
            {
                // Roslyn builds no graph for an operation tree with errors it cannot lower; such a body has no findings to give.
                return null;
            }
        }

        /// <summary>Runs one graph to a fixed point from <paramref name="entry"/>; returns what it returns (or yields).</summary>
        private Frame Run(ControlFlowGraph graph, FlowState entry, int depth)
        {
            var frame = new Frame(graph, depth);
            var blocks = graph.Blocks;
            var outputs = new FlowState?[blocks.Length];
            var handlers = HandlerInputs(graph);
            var pending = new SortedSet<int> { 0 };
            int visits = 0, maxVisits = (blocks.Length * 24) + 64;
            while (pending.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                int index = pending.Min;
                pending.Remove(index);
                if (++visits > maxVisits)
                {
                    throw new BudgetExceeded();
                }

                var block = blocks[index];

                // A state of the block's own: the entry's copy, or the join of its inputs (JoinInputs builds a new one).
                var state = index == 0 ? entry.Copy() : JoinInputs(block, outputs, handlers);
                if (state == null)
                {
                    continue;
                }

                foreach (var op in block.Operations)
                {
                    Evaluate(op, state, frame);
                }

                if (block.BranchValue != null)
                {
                    var value = Evaluate(block.BranchValue, state, frame);
                    if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    {
                        frame.Returned = frame.Returned.Join(value);
                    }
                }

                if (outputs[index] != null && outputs[index]!.SameAs(state))
                {
                    continue;
                }

                outputs[index] = state;
                Enqueue(block.FallThroughSuccessor, pending);
                Enqueue(block.ConditionalSuccessor, pending);
                if (handlers.Dependents.TryGetValue(index, out var dependents))
                {
                    foreach (var d in dependents)
                    {
                        pending.Add(d);
                    }
                }
            }

            return frame;
        }

        private static void Enqueue(ControlFlowBranch? branch, SortedSet<int> pending)
        {
            if (branch?.Destination != null)
            {
                pending.Add(branch.Destination.Ordinal);
            }
        }

        /// <summary>A new state that joins the outputs of the block's predecessors (and, for a handler, of its try region); null when none has run yet.</summary>
        private static FlowState? JoinInputs(BasicBlock block, FlowState?[] outputs, Handlers handlers)
        {
            FlowState? joined = null;
            foreach (var p in block.Predecessors)
            {
                var s = outputs[p.Source.Ordinal];
                if (s != null)
                {
                    joined = joined == null ? s.Copy() : joined.JoinWith(s);
                }
            }

            // The first block of a catch, filter or finally region: whatever the try region ever held may be live here.
            if (handlers.Sources.TryGetValue(block.Ordinal, out var sources))
            {
                foreach (var i in sources)
                {
                    var s = outputs[i];
                    if (s != null)
                    {
                        joined = joined == null ? s.Copy() : joined.JoinWith(s);
                    }
                }
            }

            return joined;
        }

        /// <summary>For each first block of an exception-handling region, the blocks of its try region (and the reverse).</summary>
        private static Handlers HandlerInputs(ControlFlowGraph graph)
        {
            var handlers = new Handlers();
            foreach (var block in graph.Blocks)
            {
                if (block.Kind != BasicBlockKind.Block || !block.Predecessors.IsEmpty)
                {
                    continue;
                }

                var region = block.EnclosingRegion;
                while (region != null && !(region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally or ControlFlowRegionKind.FilterAndHandler))
                {
                    region = region.EnclosingRegion;
                }

                if (region == null || region.FirstBlockOrdinal != block.Ordinal || region.EnclosingRegion == null)
                {
                    continue;
                }

                var owner = region.EnclosingRegion.Kind == ControlFlowRegionKind.TryAndCatch || region.EnclosingRegion.Kind == ControlFlowRegionKind.TryAndFinally
                    ? region.EnclosingRegion
                    : region.EnclosingRegion.EnclosingRegion;
                if (owner == null || owner.NestedRegions.IsEmpty)
                {
                    continue;
                }

                var tryRegion = owner.NestedRegions[0];
                var sources = new List<int>();
                for (int i = tryRegion.FirstBlockOrdinal; i <= tryRegion.LastBlockOrdinal; i++)
                {
                    sources.Add(i);
                    if (!handlers.Dependents.TryGetValue(i, out var list))
                    {
                        handlers.Dependents[i] = list = new List<int>();
                    }

                    list.Add(block.Ordinal);
                }

                handlers.Sources[block.Ordinal] = sources;
            }

            return handlers;
        }

        /// <summary>Evaluates an operation tree in post-order with an explicit stack; applies its effects to <paramref name="state"/>.</summary>
        private FlowValue Evaluate(IOperation root, FlowState state, Frame frame)
        {
            var pool = t_buffers ??= new Stack<Buffers>();
            var buffers = pool.Count > 0 ? pool.Pop() : new Buffers();
            var values = buffers.Values;
            var stack = buffers.Stack;
            var children = buffers.Children;
            try
            {
                stack.Push((root, false));
                while (stack.Count > 0)
                {
                    var (op, ready) = stack.Pop();
                    if (!ready)
                    {
                        if (++_work > MaxWork)
                        {
                            throw new BudgetExceeded();
                        }

                        var leaf = Leaf(op, state, frame);
                        if (leaf != null)
                        {
                            values[op] = leaf;
                            continue;
                        }

                        stack.Push((op, true));
                        children.Clear();
                        foreach (var child in op.ChildOperations)
                        {
                            children.Add(child);
                        }

                        for (int i = children.Count - 1; i >= 0; i--)
                        {
                            stack.Push((children[i], false));
                        }

                        continue;
                    }

                    values[op] = Combine(op, values, state, frame);
                }

                return values.TryGetValue(root, out var result) ? result : FlowValue.Clean;
            }
            finally
            {
                bool keep = values.Count <= MaxPooledOperations && pool.Count < MaxPooledBuffers;
                values.Clear();
                stack.Clear();
                children.Clear();
                if (keep)
                {
                    pool.Push(buffers);
                }
            }
        }

        private sealed class Buffers
        {
            public Dictionary<IOperation, FlowValue> Values { get; } = new Dictionary<IOperation, FlowValue>(OperationComparer.Instance);

            public Stack<(IOperation Op, bool Ready)> Stack { get; } = new Stack<(IOperation, bool)>();

            public List<IOperation> Children { get; } = new List<IOperation>();
        }

        /// <summary>The value of an operation that needs no child values, or null.</summary>
        private FlowValue? Leaf(IOperation op, FlowState state, Frame frame)
        {
            switch (op)
            {
                case ILocalReferenceOperation local:
                    return state.Get(local.Local);
                case IParameterReferenceOperation parameter:
                    return state.Get(parameter.Parameter);
                case IFlowCaptureReferenceOperation capture:
                    return state.Get(capture.Id);
                case IFlowAnonymousFunctionOperation lambda:
                    return FlowValue.OfDelegate(new DelegateTarget(frame.Graph, lambda));
                case IMethodReferenceOperation reference:
                    return FlowValue.OfDelegate(new DelegateTarget(reference.Method));
                case IInstanceReferenceOperation instance:
                    // Members of the current object are the pseudo-parameter "this": callers substitute the receiver.
                    return instance.ReferenceKind == InstanceReferenceKind.ContainingTypeInstance && !_method.IsStatic && _analysis.Graph.IsCarrying(_method.ContainingType)
                        ? FlowValue.Of(Taint.FromParameter(ThisParameter))
                        : FlowValue.Clean;
                case IAnonymousFunctionOperation _:
                case ITypeOfOperation _:
                case INameOfOperation _:
                case IDefaultValueOperation _:
                case ISizeOfOperation _:
                case IIsNullOperation _:
                case ICaughtExceptionOperation _:
                case IStaticLocalInitializationSemaphoreOperation _:
                case ILiteralOperation _:
                    return FlowValue.Clean;
            }

            return op.ConstantValue.HasValue ? FlowValue.Clean : null;
        }

        private FlowValue Combine(IOperation op, Dictionary<IOperation, FlowValue> values, FlowState state, Frame frame)
        {
            FlowValue Of(IOperation? child) => child != null && values.TryGetValue(child, out var v) ? v : FlowValue.Clean;

            switch (op)
            {
                case IConversionOperation conversion:
                    return Of(conversion.Operand);
                case IAwaitOperation awaited:
                    return Of(awaited.Operation);
                case IDelegateCreationOperation creation:
                    return Of(creation.Target);
                case IArgumentOperation argument:
                    return Of(argument.Value);
                case IExpressionStatementOperation _:
                    return FlowValue.Clean;

                case IFlowCaptureOperation capture:
                    state.Set(capture.Id, Of(capture.Value));
                    state.Alias(capture.Id, RootSymbol(capture.Value, state));
                    return FlowValue.Clean;

                case IReturnOperation ret:
                    // yield return (a plain return is the branch value of its block).
                    frame.Returned = frame.Returned.Join(Of(ret.ReturnedValue));
                    return FlowValue.Clean;

                case ISimpleAssignmentOperation assignment:
                    return SimpleAssignment(assignment, Of(assignment.Value), state);

                case ICompoundAssignmentOperation compound:
                    {
                        var joined = Of(compound.Target).Join(Of(compound.Value));
                        Assign(compound.Target, joined, state);
                        return joined;
                    }

                case ICoalesceAssignmentOperation coalesce:
                    {
                        var joined = Of(coalesce.Target).Join(Of(coalesce.Value));
                        Assign(coalesce.Target, joined, state);
                        return joined;
                    }

                case IDeconstructionAssignmentOperation deconstruction:
                    {
                        var value = Of(deconstruction.Value);
                        Deconstruct(deconstruction.Target, value, state, 0);
                        return value;
                    }

                case IIsPatternOperation isPattern:
                    {
                        // Locals the pattern declares hold (parts of) the tested value.
                        var tested = Of(isPattern.Value);
                        foreach (var p in isPattern.Pattern.DescendantsAndSelf())
                        {
                            if (p is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol d })
                            {
                                state.Set(d, tested);
                            }
                            else if (p is IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol r })
                            {
                                state.Set(r, tested);
                            }
                        }

                        return FlowValue.Of(tested.Whole());
                    }

                case IFieldReferenceOperation field:
                    return MemberRead(field, field.Field.Name, field.Instance, values, null);

                case IPropertyReferenceOperation property:
                    return MemberRead(property, property.Property.Name, property.Instance, values, property.Arguments);

                case IAnonymousObjectCreationOperation anonymous:
                    {
                        var members = ImmutableDictionary.CreateBuilder<string, Taint>(StringComparer.Ordinal);
                        foreach (var init in anonymous.Initializers)
                        {
                            if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } a)
                            {
                                members[target.Property.Name] = Of(a.Value).Whole();
                            }
                        }

                        return FlowValue.WithMembers(Taint.Clean, members.ToImmutable());
                    }

                case ITupleOperation tuple:
                    {
                        var members = ImmutableDictionary.CreateBuilder<string, Taint>(StringComparer.Ordinal);
                        var tupleType = tuple.Type as INamedTypeSymbol;
                        for (int i = 0; i < tuple.Elements.Length; i++)
                        {
                            var t = Of(tuple.Elements[i]).Whole();
                            members["Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = t;
                            if (tupleType != null && tupleType.IsTupleType && i < tupleType.TupleElements.Length)
                            {
                                members[tupleType.TupleElements[i].Name] = t;
                            }
                        }

                        return FlowValue.WithMembers(Taint.Clean, members.ToImmutable());
                    }

                case IObjectCreationOperation creation:
                    return ObjectCreation(creation, values, state);

                case IInvocationOperation call:
                    return Invocation(call, values, state, frame);
            }

            // Anything else (arithmetic, string building, arrays, collection expressions…) carries what goes into it.
            var union = Taint.Clean;
            foreach (var child in op.ChildOperations)
            {
                union = union.Union(Of(child).Whole());
            }

            return FlowValue.Of(union);
        }

        private FlowValue SimpleAssignment(ISimpleAssignmentOperation assignment, FlowValue value, FlowState state)
        {
            if (_analysis.Sinks.Find(assignment) is { } sink)
            {
                Hit(assignment, sink, value.Whole());
            }

            // cmd.CommandText = "SELECT …": the command now carries what that SQL reads.
            if (SqlSink.Find(assignment, Context.Known) != null && Original(assignment) is { } original &&
                SqlSink.Find(original, Context.Known) is { } sqlSink)
            {
                value = value.Join(FlowValue.Of(Taint.From(_analysis.SqlOrigins(sqlSink, _cancellationToken))));
            }

            Assign(assignment.Target, value, state);
            return value;
        }

        private void Assign(IOperation target, FlowValue value, FlowState state)
        {
            target = OperationTree.Unwrap(target);
            switch (target)
            {
                case ILocalReferenceOperation local:
                    state.Set(local.Local, value);
                    return;
                case IParameterReferenceOperation parameter:
                    state.Set(parameter.Parameter, value);
                    return;
                case IFlowCaptureReferenceOperation capture:
                    state.Set(capture.Id, value);
                    if (state.AliasOf(capture.Id) is { } aliased)
                    {
                        state.Set(aliased, value);
                    }

                    return;
                case IDeclarationExpressionOperation declaration:
                    Assign(declaration.Expression, value, state);
                    return;
                case IMemberReferenceOperation member when member.Instance != null:
                    {
                        var instance = OperationTree.Unwrap(member.Instance);
                        if (Key(instance, state) is { } root)
                        {
                            // x.Member = value: that member now carries exactly this (strong update).
                            state.Set(root, state.Get(root).WithMember(member.Member.Name, value.Whole()));
                        }
                        else if (instance is IMemberReferenceOperation { Instance: { } inner } outer && Key(OperationTree.Unwrap(inner), state) is { } deeper)
                        {
                            // x.A.B = value: x.A now also carries it (weak update).
                            state.Set(deeper, state.Get(deeper).AddedToMember(outer.Member.Name, value.Whole()));
                        }

                        return;
                    }

                case IArrayElementReferenceOperation element when Key(OperationTree.Unwrap(element.ArrayReference), state) is { } array:
                    state.Set(array, state.Get(array).Added(value.Whole()));
                    return;
            }
        }

        private void Deconstruct(IOperation target, FlowValue value, FlowState state, int depth)
        {
            target = OperationTree.Unwrap(target);
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = OperationTree.Unwrap(declaration.Expression);
            }

            if (target is ITupleOperation tuple && depth < 4)
            {
                for (int i = 0; i < tuple.Elements.Length; i++)
                {
                    var part = value.Member("Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Deconstruct(tuple.Elements[i], part, state, depth + 1);
                }

                return;
            }

            Assign(target, FlowValue.Of(value.Whole()), state);
        }

        /// <summary>The state key of a local, parameter or flow capture (through the local a capture stands for).</summary>
        private static object? Key(IOperation op, FlowState state) => op switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFlowCaptureReferenceOperation c => (object?)state.AliasOf(c.Id) ?? c.Id,
            _ => null,
        };

        private static ISymbol? RootSymbol(IOperation value, FlowState state) => OperationTree.Unwrap(value) switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFlowCaptureReferenceOperation c => state.AliasOf(c.Id),
            _ => null,
        };

        private FlowValue MemberRead(IOperation op, string name, IOperation? instance, Dictionary<IOperation, FlowValue> values, ImmutableArray<IArgumentOperation>? arguments)
        {
            if (SourceOrigins(op) is { } origins)
            {
                return FlowValue.Of(origins).AsRows(true);
            }

            if (instance == null)
            {
                return FlowValue.Clean;
            }

            var result = values.TryGetValue(instance, out var v) ? v.Member(name) : FlowValue.Clean;
            if (arguments != null)
            {
                foreach (var a in arguments.Value)
                {
                    if (values.TryGetValue(a, out var av))
                    {
                        result = result.Join(FlowValue.Of(av.Whole()));
                    }
                }
            }

            return result;
        }

        /// <summary>The origins of a read of a guarded table at this operation (a DbSet, Set&lt;T&gt;(), a query-returning method), or null when it is none.</summary>
        private Taint? SourceOrigins(IOperation op)
        {
            var type = op.Type;
            if (type == null || !(Context.Ef.IsDbSet(type, out _) || _analysis.Graph.IsGuardedType(type)))
            {
                return null;
            }

            var original = Original(op);
            if (original == null)
            {
                return null;
            }

            var source = QuerySource.TryCreate(Context, original, 0, _cancellationToken);
            return source == null ? null : Taint.From(_analysis.ReadOrigins(source, _cancellationToken));
        }

        private FlowValue ObjectCreation(IObjectCreationOperation creation, Dictionary<IOperation, FlowValue> values, FlowState state)
        {
            var self = Taint.Clean;
            foreach (var a in creation.Arguments)
            {
                if (values.TryGetValue(a, out var v))
                {
                    self = self.Union(v.Whole());
                }
            }

            if (_analysis.Sinks.Find(creation) is { } sink)
            {
                RecordSink(creation, sink, values);
            }

            if (SqlSink.Find(creation, Context.Known) != null && Original(creation) is { } original && SqlSink.Find(original, Context.Known) is { } sqlSink)
            {
                self = self.Union(Taint.From(_analysis.SqlOrigins(sqlSink, _cancellationToken)));
            }

            if (creation.Initializer != null && values.TryGetValue(creation.Initializer, out var init))
            {
                self = self.Union(init.Whole());
            }

            return FlowValue.Of(self);
        }

        private FlowValue Invocation(IInvocationOperation call, Dictionary<IOperation, FlowValue> values, FlowState state, Frame frame)
        {
            var target = call.TargetMethod;
            var instance = call.Instance != null && values.TryGetValue(call.Instance, out var iv) ? iv : FlowValue.Clean;
            var args = new FlowValue[call.Arguments.Length];
            var data = Taint.Clean;
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = values.TryGetValue(call.Arguments[i], out var av) ? av : FlowValue.Clean;
                data = data.Union(args[i].Whole());
            }

            var sink = _analysis.Sinks.Find(call);
            if (sink != null)
            {
                RecordSink(call, sink, values);
                return FlowValue.Clean;
            }

            if (SqlSink.Find(call, Context.Known) != null && Original(call) is { } original && SqlSink.Find(original, Context.Known) is { } sqlSink)
            {
                // ExecuteNonQuery and friends return counts, not rows.
                string name = target.Name;
                bool rows = !(name.StartsWith("Execute", StringComparison.Ordinal) && !name.StartsWith("ExecuteReader", StringComparison.Ordinal) &&
                              !name.StartsWith("ExecuteScalar", StringComparison.Ordinal));
                return rows ? FlowValue.Of(Taint.From(_analysis.SqlOrigins(sqlSink, _cancellationToken))).AsRows(true) : FlowValue.Clean;
            }

            if (SourceOrigins(call) is { } origins)
            {
                return FlowValue.Of(origins).AsRows(true);
            }

            // Delegates passed in run with what the call works on: rows.Select(r => …), rows.ForEach(Export).
            var passedIn = instance.Whole();
            foreach (var a in args)
            {
                if (a.Delegates.IsEmpty)
                {
                    passedIn = passedIn.Union(a.Whole());
                }
            }

            FlowValue result;
            if (target.MethodKind == MethodKind.LocalFunction)
            {
                result = RunLocalFunction(target, ByOrdinal(call, args), state, frame);
            }
            else if (target.MethodKind == MethodKind.DelegateInvoke && !instance.Delegates.IsEmpty)
            {
                result = FlowValue.Clean;
                foreach (var d in instance.Delegates)
                {
                    result = result.Join(RunDelegate(d, call, args, null, state, frame));
                }
            }
            else
            {
                var bodies = _analysis.Graph.Bodies(target);
                if (!bodies.IsEmpty)
                {
                    // Early exit by type: a call that passes nothing that can carry rows and returns nothing that can
                    // needs no look at the callee.
                    result = FlowValue.Clean;
                    if (CarriesIn(call, instance, args) || _analysis.Graph.IsCarrying(call.Type))
                    {
                        foreach (var body in bodies)
                        {
                            var summary = _summaries(body);
                            result = result.Join(summary == null ? FlowValue.Of(passedIn) : ApplySummary(summary, call, instance, args));
                        }
                    }
                }
                else if (Context.IsInSource(target) || (!KnownTypes.IsMapper(target) && !TaintAnalysis.IsFrameworkOrLinq(target) && _analysis.Graph.IsGuardedType(call.Type)))
                {
                    // A method whose body RetailGuard cannot see (another assembly, or an abstract member with no
                    // implementation here) that hands out guarded data: its filter is not proven.
                    result = FlowValue.Of(data.Union(instance.Whole()));
                    if (_analysis.Graph.IsGuardedType(call.Type) && _analysis.IsGuardedData(call.Type, out var entity))
                    {
                        result = result.Join(FlowValue.Of(Taint.From(new Origin(
                            _analysis.TableName(entity),
                            call.Syntax.GetLocation(),
                            Descriptors.Phrase("OriginOtherAssembly", $"{target.ContainingType?.Name}.{target.Name}")))));
                    }
                }
                else
                {
                    // LINQ and other library calls: a sequence made from a sequence of rows is still rows.
                    result = FlowValue.Of(passedIn).AsRows(RowsIn(instance, args) && Context.Ef.IsSequence(call.Type, out _));
                }
            }

            foreach (var a in args)
            {
                foreach (var d in a.Delegates)
                {
                    result = result.Join(RunDelegate(d, call, null, passedIn, state, frame));
                }
            }

            // list.Add(x), builder.Append(x), dto.Lines.Add(x): the receiver now also holds the argument.
            if (call.Instance != null && Adds(target.Name))
            {
                AddTo(call.Instance, data, state);
            }

            // out and ref arguments receive what the call produces.
            for (int i = 0; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i].Parameter?.RefKind is RefKind.Out or RefKind.Ref)
                {
                    Assign(call.Arguments[i].Value, result.Join(FlowValue.Of(passedIn)), state);
                }
            }

            return result;
        }

        private static bool RowsIn(FlowValue instance, FlowValue[] args)
        {
            if (instance.Rows)
            {
                return true;
            }

            foreach (var a in args)
            {
                if (a.Rows)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the call hands the callee a value that carries something and whose parameter type can carry rows.</summary>
        private bool CarriesIn(IInvocationOperation call, FlowValue instance, FlowValue[] args)
        {
            if (!instance.IsClean && call.Instance != null && _analysis.Graph.IsCarrying(call.Instance.Type))
            {
                return true;
            }

            for (int i = 0; i < args.Length; i++)
            {
                if (!args[i].IsClean && args[i].Delegates.IsEmpty && _analysis.Graph.IsCarrying(call.Arguments[i].Parameter?.Type ?? call.Arguments[i].Value.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private void AddTo(IOperation receiver, Taint added, FlowState state)
        {
            receiver = OperationTree.Unwrap(receiver);
            for (int hops = 0; hops < 8; hops++)
            {
                // Fluent calls (sb.Append(a).Append(b)) add to the receiver of the first call.
                if (receiver is IInvocationOperation { Instance: { } inner } fluent && Adds(fluent.TargetMethod.Name))
                {
                    receiver = OperationTree.Unwrap(inner);
                    continue;
                }

                break;
            }

            if (Key(receiver, state) is { } root)
            {
                state.Set(root, state.Get(root).Added(added));
            }
            else if (receiver is IMemberReferenceOperation { Instance: { } instance } member && Key(OperationTree.Unwrap(instance), state) is { } owner)
            {
                state.Set(owner, state.Get(owner).AddedToMember(member.Member.Name, added));
            }
        }

        private static bool Adds(string name) =>
            name.StartsWith("Add", StringComparison.Ordinal) || name.StartsWith("Append", StringComparison.Ordinal) ||
            name.StartsWith("Insert", StringComparison.Ordinal) || name.StartsWith("Write", StringComparison.Ordinal) ||
            name is "Enqueue" or "Push" or "TryAdd" or "Set" or "SetValue" or "Concat" or "Union";

        /// <summary>What a call returns according to a callee's summary; the callee's parameter sinks become hits here.</summary>
        private FlowValue ApplySummary(TaintSummary summary, IInvocationOperation call, FlowValue instance, FlowValue[] args)
        {
            Taint Path(string path)
            {
                int dot = path.IndexOf('.');
                string head = dot < 0 ? path : path.Substring(0, dot);
                FlowValue value;
                if (head == ThisParameter)
                {
                    value = instance;
                }
                else
                {
                    value = FlowValue.Clean;
                    for (int i = 0; i < call.Arguments.Length; i++)
                    {
                        if (call.Arguments[i].Parameter != null && TaintSummary.Ordinal(call.Arguments[i].Parameter!) == head)
                        {
                            value = args[i];
                        }
                    }
                }

                return dot < 0 ? value.Whole() : value.Member(path.Substring(dot + 1)).Whole();
            }

            Taint Substitute(Taint t)
            {
                var result = t.WithoutParameters();
                foreach (var p in t.Parameters)
                {
                    result = result.Union(Path(p));
                }

                return result;
            }

            foreach (var ps in summary.ParameterSinks)
            {
                if (ps.RowsOnly && !RowsAt(ps.Path, call, instance, args))
                {
                    continue;
                }

                var reaching = Path(ps.Path);
                if (!reaching.IsClean)
                {
                    Hit(call, ps.Sink, reaching);
                }
            }

            var returned = summary.Returned;
            if (returned.Members == null)
            {
                return FlowValue.Of(Substitute(returned.Self)).AsRows(returned.Rows);
            }

            var members = ImmutableDictionary.CreateBuilder<string, Taint>(StringComparer.Ordinal);
            foreach (var kv in returned.Members)
            {
                members[kv.Key] = Substitute(kv.Value);
            }

            return FlowValue.WithMembers(Substitute(returned.Self), members.ToImmutable());
        }

        /// <summary>True when the argument a parameter path names is a sequence of rows.</summary>
        private static bool RowsAt(string path, IInvocationOperation call, FlowValue instance, FlowValue[] args)
        {
            if (path.IndexOf('.') >= 0)
            {
                return false;
            }

            if (path == ThisParameter)
            {
                return instance.Rows;
            }

            for (int i = 0; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i].Parameter != null && TaintSummary.Ordinal(call.Arguments[i].Parameter!) == path)
                {
                    return args[i].Rows;
                }
            }

            return false;
        }

        /// <summary>
        /// Runs a delegate where it is called: with <paramref name="args"/> bound by position (a delegate invocation),
        /// or every parameter bound to <paramref name="passedIn"/> (a delegate handed to a call, which runs it on what it
        /// works on).
        /// </summary>
        private FlowValue RunDelegate(DelegateTarget target, IInvocationOperation call, FlowValue[]? args, Taint? passedIn, FlowState state, Frame frame)
        {
            FlowValue Bound(int i) => args != null ? (i < args.Length ? args[i] : FlowValue.Clean) : FlowValue.Of(passedIn ?? Taint.Clean);

            if (target.Method != null && target.Method.MethodKind == MethodKind.LocalFunction)
            {
                var local = new FlowValue[target.Method.Parameters.Length];
                for (int i = 0; i < local.Length; i++)
                {
                    local[i] = Bound(i);
                }

                return RunLocalFunction(target.Method, local, state, frame);
            }

            if (target.Method != null)
            {
                var bodies = _analysis.Graph.Bodies(target.Method);
                if (bodies.IsEmpty)
                {
                    return FlowValue.Of(passedIn ?? Join(args));
                }

                var bound = new FlowValue[target.Method.Parameters.Length];
                for (int i = 0; i < bound.Length; i++)
                {
                    bound[i] = Bound(i);
                }

                var result = FlowValue.Clean;
                foreach (var body in bodies)
                {
                    var summary = _summaries(body);
                    result = result.Join(summary == null ? FlowValue.Of(passedIn ?? Join(args)) : ApplyByPosition(summary, call, bound));
                }

                return result;
            }

            if (target.Lambda == null || target.Owner == null || frame.Depth >= MaxInlineDepth || _inlining.Contains(target.Lambda))
            {
                return FlowValue.Of(passedIn ?? Join(args));
            }

            var graph = target.Owner.GetAnonymousFunctionControlFlowGraph(target.Lambda, _cancellationToken);
            var entry = state.Copy();
            var parameters = target.Lambda.Symbol.Parameters;
            for (int i = 0; i < parameters.Length; i++)
            {
                entry.Set(parameters[i], Bound(i));
            }

            _inlining.Add(target.Lambda);
            try
            {
                return Run(graph, entry, frame.Depth + 1).Returned;
            }
            finally
            {
                _inlining.RemoveAt(_inlining.Count - 1);
            }
        }

        /// <summary>A summary applied to values bound by parameter position (a method group invoked as a delegate).</summary>
        private FlowValue ApplyByPosition(TaintSummary summary, IInvocationOperation call, FlowValue[] bound)
        {
            Taint Path(string path)
            {
                int dot = path.IndexOf('.');
                string head = dot < 0 ? path : path.Substring(0, dot);
                if (!int.TryParse(head, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) || i >= bound.Length)
                {
                    return Taint.Clean;
                }

                return dot < 0 ? bound[i].Whole() : bound[i].Member(path.Substring(dot + 1)).Whole();
            }

            foreach (var ps in summary.ParameterSinks)
            {
                var reaching = Path(ps.Path);
                if (!reaching.IsClean)
                {
                    Hit(call, ps.Sink, reaching);
                }
            }

            var returned = summary.Returned.Whole();
            var result = returned.WithoutParameters();
            foreach (var p in returned.Parameters)
            {
                result = result.Union(Path(p));
            }

            return FlowValue.Of(result);
        }

        /// <summary>Runs a local function where it is called, with its parameters bound by position to <paramref name="bound"/>.</summary>
        private FlowValue RunLocalFunction(IMethodSymbol function, FlowValue[] bound, FlowState state, Frame frame)
        {
            var definition = function.OriginalDefinition;
            ControlFlowGraph? graph = null;
            for (var g = frame.Graph; g != null && graph == null; g = g.Parent)
            {
                foreach (var f in g.LocalFunctions)
                {
                    if (SymbolEqualityComparer.Default.Equals(f, definition))
                    {
                        graph = g.GetLocalFunctionControlFlowGraph(f, _cancellationToken);
                        break;
                    }
                }
            }

            if (graph == null || frame.Depth >= MaxInlineDepth || _inlining.Contains(definition))
            {
                return FlowValue.Of(Join(bound));
            }

            var entry = state.Copy();
            for (int i = 0; i < definition.Parameters.Length && i < bound.Length; i++)
            {
                entry.Set(definition.Parameters[i], bound[i]);
            }

            _inlining.Add(definition);
            try
            {
                return Run(graph, entry, frame.Depth + 1).Returned;
            }
            finally
            {
                _inlining.RemoveAt(_inlining.Count - 1);
            }
        }

        /// <summary>The argument values of a call, by the ordinal of the parameter they bind to.</summary>
        private static FlowValue[] ByOrdinal(IInvocationOperation call, FlowValue[] args)
        {
            var bound = new FlowValue[call.TargetMethod.Parameters.Length];
            for (int i = 0; i < bound.Length; i++)
            {
                bound[i] = FlowValue.Clean;
            }

            for (int i = 0; i < call.Arguments.Length; i++)
            {
                if (call.Arguments[i].Parameter is { } p && p.Ordinal < bound.Length)
                {
                    bound[p.Ordinal] = bound[p.Ordinal].Join(args[i]);
                }
            }

            return bound;
        }

        private static Taint Join(FlowValue[]? args)
        {
            var t = Taint.Clean;
            if (args != null)
            {
                foreach (var a in args)
                {
                    t = t.Union(a.Whole());
                }
            }

            return t;
        }

        private void RecordSink(IOperation at, ExportSink sink, Dictionary<IOperation, FlowValue> values)
        {
            var reaching = Taint.Clean;
            foreach (var d in sink.Data)
            {
                if (values.TryGetValue(d, out var v) && (sink.WriteTarget == null || sink.Single || v.Rows || !v.Self.Parameters.IsEmpty))
                {
                    // EF Core's AddRange copies in bulk only a sequence of rows (a query projected into new entities);
                    // entities built in code are written, not extracted.
                    reaching = reaching.Union(sink.WriteTarget == null || sink.Single || v.Rows ? v.Whole() : ParametersOf(v.Whole()));
                }
            }

            Hit(at, sink, reaching);
        }

        private void Hit(IOperation at, ExportSink sink, Taint reaching)
        {
            if (reaching.IsClean)
            {
                return;
            }

            if (sink.WriteTarget != null)
            {
                // EF Core writes: one new entity outside a loop is an ordinary write, and rows written back into
                // their own table are not copied anywhere.
                if (sink.Single && !InLoop(sink.Operation.Syntax))
                {
                    return;
                }

                string? written = _analysis.IsGuardedData(sink.WriteTarget, out var entity) ? _analysis.TableName(entity) : null;
                if (written != null)
                {
                    var kept = ImmutableArray.CreateBuilder<Origin>();
                    foreach (var o in reaching.Origins)
                    {
                        if (!string.Equals(o.Table, written, StringComparison.OrdinalIgnoreCase))
                        {
                            kept.Add(o);
                        }
                    }

                    reaching = Taint.From(kept.ToImmutable()).Union(ParametersOf(reaching));
                    if (reaching.IsClean)
                    {
                        return;
                    }
                }
            }

            var key = (at.Syntax, sink.Operation.Syntax);
            _hits[key] = _hits.TryGetValue(key, out var existing) ? new SinkHit(at, sink, existing.Taint.Union(reaching)) : new SinkHit(at, sink, reaching);
            foreach (var p in reaching.Parameters)
            {
                var pk = (p, sink.Operation.Syntax);
                if (!_parameterSinks.ContainsKey(pk))
                {
                    _parameterSinks[pk] = new ParameterSink(p, sink, sink.WriteTarget != null && !sink.Single);
                }
            }
        }

        private static Taint ParametersOf(Taint t)
        {
            var result = Taint.Clean;
            foreach (var p in t.Parameters)
            {
                result = result.Union(Taint.FromParameter(p));
            }

            return result;
        }

        /// <summary>True when the syntax runs once per row of a loop: inside a for/foreach/while/do, or a ForEach callback.</summary>
        public static bool InLoop(SyntaxNode node)
        {
            for (var n = node.Parent; n != null; n = n.Parent)
            {
                switch (n)
                {
                    case ForStatementSyntax _:
                    case CommonForEachStatementSyntax _:
                    case WhileStatementSyntax _:
                    case DoStatementSyntax _:
                        return true;
                    case AnonymousFunctionExpressionSyntax lambda:
                        if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } &&
                            invocation.Expression is MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ForEach" or "ForEachAsync" } } })
                        {
                            return true;
                        }

                        break;
                    case MemberDeclarationSyntax _:
                    case LocalFunctionStatementSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The analysis ran out of budget: every sink of the method is reported as reached by data it could not follow.</summary>
        private void ReportEverySink(IOperation root)
        {
            var origin = Taint.From(_analysis.CutShortOrigin(_method));
            foreach (var op in root.DescendantsAndSelf())
            {
                if (_analysis.Sinks.Find(op) is { } sink)
                {
                    var key = (op.Syntax, sink.Operation.Syntax);
                    _hits[key] = new SinkHit(op, sink, origin);
                }
            }
        }

        /// <summary>The operation of the member's own operation tree (not the lowered graph) with the same syntax and kind.</summary>
        private IOperation? Original(IOperation lowered)
        {
            var syntax = lowered.Syntax;
            var model = Context.ModelFor(syntax.SyntaxTree);
            var op = model.GetOperation(syntax, _cancellationToken);
            for (int hops = 0; op != null && hops < 4; hops++)
            {
                if (op.Kind == lowered.Kind && ReferenceEquals(op.Syntax, syntax))
                {
                    return op;
                }

                op = op is IConversionOperation c ? c.Operand : op.Parent is { } parent && ReferenceEquals(parent.Syntax, syntax) ? parent : null;
            }

            return null;
        }

        private sealed class Frame
        {
            public Frame(ControlFlowGraph graph, int depth)
            {
                Graph = graph;
                Depth = depth;
            }

            public ControlFlowGraph Graph { get; }

            public int Depth { get; }

            public FlowValue Returned { get; set; } = FlowValue.Clean;
        }

        private sealed class Handlers
        {
            public Dictionary<int, List<int>> Sources { get; } = new Dictionary<int, List<int>>();

            public Dictionary<int, List<int>> Dependents { get; } = new Dictionary<int, List<int>>();
        }

        private sealed class BudgetExceeded : Exception
        {
        }
    }

    /// <summary>
    /// What every local, parameter and flow capture carries at one point of a method. Only what carries something is stored,
    /// and a state with nothing stored holds no dictionary at all: most states of most methods are clean, and a copy of a
    /// clean state (at every block entry) is then one small object.
    /// </summary>
    internal sealed class FlowState
    {
        private static readonly KeyComparer Comparer = new KeyComparer();
        private Dictionary<object, FlowValue>? _values;
        private Dictionary<CaptureId, ISymbol>? _aliases;

        public FlowState()
        {
        }

        private FlowState(FlowState other)
        {
            _values = other._values is { Count: > 0 } values ? new Dictionary<object, FlowValue>(values, Comparer) : null;
            _aliases = other._aliases is { Count: > 0 } aliases ? new Dictionary<CaptureId, ISymbol>(aliases) : null;
        }

        public FlowState Copy() => new FlowState(this);

        public FlowValue Get(object key) => _values != null && _values.TryGetValue(key, out var v) ? v : FlowValue.Clean;

        /// <summary>Only what carries something is stored: most values in most methods are clean, and states stay small.</summary>
        public void Set(object key, FlowValue value)
        {
            if (value.IsClean)
            {
                _values?.Remove(key);
            }
            else
            {
                (_values ??= new Dictionary<object, FlowValue>(Comparer))[key] = value;
            }
        }

        public void Alias(CaptureId capture, ISymbol? symbol)
        {
            if (symbol != null)
            {
                (_aliases ??= new Dictionary<CaptureId, ISymbol>())[capture] = symbol;
            }
            else
            {
                _aliases?.Remove(capture);
            }
        }

        public ISymbol? AliasOf(CaptureId capture) => _aliases != null && _aliases.TryGetValue(capture, out var s) ? s : null;

        /// <summary>Joins <paramref name="other"/> into this state (a control-flow merge) and returns this.</summary>
        public FlowState JoinWith(FlowState other)
        {
            if (other._values is { Count: > 0 } theirValues)
            {
                var values = _values ??= new Dictionary<object, FlowValue>(theirValues.Count, Comparer);
                foreach (var kv in theirValues)
                {
                    values[kv.Key] = values.TryGetValue(kv.Key, out var mine) ? mine.Join(kv.Value) : kv.Value;
                }
            }

            if (other._aliases is { Count: > 0 } theirAliases)
            {
                var aliases = _aliases ??= new Dictionary<CaptureId, ISymbol>(theirAliases.Count);
                foreach (var kv in theirAliases)
                {
                    if (!aliases.ContainsKey(kv.Key))
                    {
                        aliases[kv.Key] = kv.Value;
                    }
                }
            }

            return this;
        }

        public bool SameAs(FlowState other)
        {
            int mine = _values?.Count ?? 0;
            if (mine != (other._values?.Count ?? 0))
            {
                return false;
            }

            if (mine == 0)
            {
                return true;
            }

            foreach (var kv in _values!)
            {
                if (!other._values!.TryGetValue(kv.Key, out var theirs) || !theirs.Equals(kv.Value))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

            public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
        }
    }
}
