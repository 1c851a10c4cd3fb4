using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>What a quick walk of one method body's operations finds, before any dataflow.</summary>
    internal sealed class MethodFacts
    {
        public MethodFacts(bool hasSink, bool hasSource, ImmutableArray<IMethodSymbol> passesTo, ImmutableArray<IMethodSymbol> takesFrom)
        {
            HasSink = hasSink;
            HasSource = hasSource;
            PassesTo = passesTo;
            TakesFrom = takesFrom;
        }

        /// <summary>An export or bulk sink is called in the body (lambdas and local functions included).</summary>
        public bool HasSink { get; }

        /// <summary>Something in the body can hand out rows of a guarded table: a query source, raw SQL, a call into code RetailGuard cannot see.</summary>
        public bool HasSource { get; }

        /// <summary>Method bodies of this compilation the body calls (or hands as a delegate) with a value that can carry rows.</summary>
        public ImmutableArray<IMethodSymbol> PassesTo { get; }

        /// <summary>Method bodies of this compilation the body calls for a value that can carry rows.</summary>
        public ImmutableArray<IMethodSymbol> TakesFrom { get; }
    }

    /// <summary>What reading a property means to the facts walk (<see cref="CallGraph.Read"/>).</summary>
    internal sealed class PropertyRead
    {
        /// <summary>A property that is neither a source nor backed by a getter body that can hand out rows.</summary>
        public static readonly PropertyRead Nothing = new PropertyRead(false, ImmutableArray<IMethodSymbol>.Empty);

        public PropertyRead(bool isSource, ImmutableArray<IMethodSymbol> takesFrom)
        {
            IsSource = isSource;
            TakesFrom = takesFrom;
        }

        /// <summary>The property hands out a DbSet of a guarded entity.</summary>
        public bool IsSource { get; }

        /// <summary>Getter bodies of this compilation that hand out data that can carry rows.</summary>
        public ImmutableArray<IMethodSymbol> TakesFrom { get; }
    }

    /// <summary>What a call of one method of this compilation can hand over and take back (<see cref="CallGraph.Callee"/>).</summary>
    internal sealed class CalleeFacts
    {
        private readonly CallGraph _graph;
        private readonly IMethodSymbol _method;
        private ImmutableArray<IMethodSymbol> _bodies;

        public CalleeFacts(CallGraph graph, IMethodSymbol method, ulong carryingParameters, bool returnsCarrying)
        {
            _graph = graph;
            _method = method;
            CarryingParameters = carryingParameters;
            ReturnsCarrying = returnsCarrying;
        }

        /// <summary>
        /// A mask of the parameters whose type can carry rows (<see cref="CallGraph.IsCarrying"/>; bit i for parameter i), or
        /// <see cref="CallGraph.UnknownParameters"/> for a method with 64 parameters or more.
        /// </summary>
        public ulong CarryingParameters { get; }

        /// <summary>True when the result can carry rows: the return type of a method definition is the type of its result at every call (up to its nullable annotation, which <see cref="CallGraph.IsCarrying"/> ignores).</summary>
        public bool ReturnsCarrying { get; }

        /// <summary>The method bodies of this compilation the call can run (<see cref="CallGraph.Bodies"/>), looked up on first need.</summary>
        public ImmutableArray<IMethodSymbol> Bodies
        {
            get
            {
                // A benign race: two threads that both look the bodies up store the same array.
                var bodies = _bodies;
                if (bodies.IsDefault)
                {
                    bodies = _graph.Bodies(_method);
                    _bodies = bodies;
                }

                return bodies;
            }
        }
    }

    /// <summary>
    /// The per-method results of the export analysis, computed once per compilation and on demand. Methods are always
    /// original definitions of this compilation's source, one instance each, so the graph compares them by reference.
    /// <para>
    /// A method is analysed when something needs it: as the root of its own findings, or because a call passes it data
    /// that can carry rows (or takes such data from it). Callees are analysed before the method that needs them, with an
    /// explicit stack, never with recursion whose depth the input decides: a run that meets a callee without a result
    /// pushes the callee and runs again once it is done. A call cycle is iterated until the summaries it used settle
    /// (bounded; what does not settle is cut short and fails closed).
    /// </para>
    /// <para>
    /// Early exit by type: only values whose type can carry rows or columns of a guarded table cross method boundaries
    /// (<see cref="IsCarrying"/>). A call that passes no such value and returns none needs no callee analysis at all.
    /// </para>
    /// </summary>
    internal sealed class CallGraph
    {
        /// <summary>Runs one method may get while it waits for callees or for a call cycle to settle.</summary>
        public const int MaxRuns = 8;

        /// <summary>Methods waiting on the stack at once; deeper call chains are cut short.</summary>
        public const int MaxStack = 2048;

        private readonly TaintAnalysis _analysis;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodFlowResult> _results = new ConcurrentDictionary<IMethodSymbol, MethodFlowResult>(ReferenceComparer<IMethodSymbol>.Instance);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _guardedTypes = new ConcurrentDictionary<ITypeSymbol, bool>(ReferenceComparer<ITypeSymbol>.Instance);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _carrying = new ConcurrentDictionary<ITypeSymbol, bool>(ReferenceComparer<ITypeSymbol>.Instance);

        // Behind the caches by reference (fast, but one entry per instance): caches by symbol identity, so that a type met
        // as several instances is decided once.
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _carryingByIdentity = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _guardedByIdentity = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _bodies = new ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>(ReferenceComparer<IMethodSymbol>.Instance);
        private readonly ConcurrentDictionary<IPropertySymbol, PropertyRead> _reads = new ConcurrentDictionary<IPropertySymbol, PropertyRead>(ReferenceComparer<IPropertySymbol>.Instance);
        private HashSet<IMethodSymbol>? _relevant;
        private IReadOnlyDictionary<IMethodSymbol, MethodFacts>? _facts;
        private int _runs;
        private int _graphs;

        private readonly Func<ITypeSymbol, bool> _computeGuarded;
        private readonly Func<ITypeSymbol, bool> _computeCarrying;
        private readonly Func<IPropertySymbol, PropertyRead> _computeRead;
        private readonly Func<IMethodSymbol, ImmutableArray<IMethodSymbol>> _computeBodies;

        /// <summary>The compilation's own assembly: symbols of its source share this instance.</summary>
        private readonly IAssemblySymbol _assembly;

        public CallGraph(TaintAnalysis analysis)
        {
            _analysis = analysis;
            _computeGuarded = t => _analysis.IsGuardedData(t, out _);
            _computeCarrying = t => ComputeCarrying(t, 0);
            _computeRead = ComputeRead;
            _computeBodies = ComputeBodies;
            _computeCallee = ComputeCallee;
            _assembly = analysis.Context.Compilation.Assembly;
        }

        private AnalysisContext Context => _analysis.Context;

        /// <summary>The method bodies of this compilation a call to <paramref name="target"/> can run.</summary>
        public ImmutableArray<IMethodSymbol> Bodies(IMethodSymbol target)
        {
            if (target.MethodKind == MethodKind.LocalFunction || !Context.IsInSource(target))
            {
                // The common case: a method of another assembly. (A library's virtual method that this compilation
                // overrides is not followed: what the override receives comes from the library.)
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            var definition = target.OriginalDefinition;
            return _bodies.TryGetValue(definition, out var known) ? known : _bodies.GetOrAdd(definition, _computeBodies);
        }

        private ImmutableArray<IMethodSymbol> ComputeBodies(IMethodSymbol target)
        {
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            if (Context.IsInSource(target) && !target.IsAbstract && !target.IsExtern)
            {
                builder.Add(target);
            }

            if (Implementations.IsDispatched(target))
            {
                foreach (var impl in Context.Implementations.Of(target))
                {
                    if (!SymbolEqualityComparer.Default.Equals(impl, target) && Context.IsInSource(impl))
                    {
                        builder.Add(impl);
                    }
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// What reading <paramref name="property"/> means to the facts walk, decided once per property: whether it hands out
        /// a DbSet of a guarded entity (a source), and the getter bodies of this compilation that hand out data that can
        /// carry rows. A property of a constructed generic type (a new instance where it is read) is decided at each read.
        /// </summary>
        public PropertyRead Read(IPropertySymbol property)
        {
            // Another assembly's property hands out no getter body of this compilation: only a DbSet can make it a source.
            // Most properties read are of that kind (string.Length, DateTime.Now), and need no look-up.
            var type = property.Type;
            if (!ReferenceEquals(property.ContainingAssembly, _assembly) && type.Name != "DbSet")
            {
                return PropertyRead.Nothing;
            }

            // A property of this compilation of a built-in type other than string and object (an entity's numbers, flags
            // and dates) is neither a DbSet nor carrying (see IsCarrying): decided by kind, without a look-up.
            if (type.SpecialType != SpecialType.None && !IsCarrying(type))
            {
                return PropertyRead.Nothing;
            }

            if (!ReferenceEquals(property, property.OriginalDefinition))
            {
                return ComputeRead(property);
            }

            return _reads.TryGetValue(property, out var known) ? known : _reads.GetOrAdd(property, _computeRead);
        }

        private PropertyRead ComputeRead(IPropertySymbol property)
        {
            var type = property.Type;
            bool source = type.Name == "DbSet" && IsGuardedType(type);
            var takes = ImmutableArray<IMethodSymbol>.Empty;
            if (property.GetMethod is { } getter && Context.IsInSource(getter) &&
                IsCarrying(type))
            {
                takes = Bodies(getter);
            }

            return source || !takes.IsEmpty ? new PropertyRead(source, takes) : PropertyRead.Nothing;
        }

        /// <summary>True for a type that can carry rows of a guarded table: an entity, a sequence of them, a Task of either.</summary>
        public bool IsGuardedType(ITypeSymbol? type) =>
            type != null && !KnownTypes.IsBuiltIn(type.SpecialType) && Decide(_guardedTypes, _guardedByIdentity, type, _computeGuarded);

        /// <summary>
        /// True for a type whose values can carry rows or columns of a guarded table from one method to another: the
        /// entities and their subtypes, sequences, tasks and tuples of carrying types, types with a member of a carrying
        /// type (DTOs), type parameters, <c>object</c>, strings, streams, byte arrays and string builders. Numbers, flags,
        /// dates, enums, services and contexts do not carry rows across calls.
        /// </summary>
        public bool IsCarrying(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            // Special types are decided by kind alone, as ComputeCarrying decides them: no cache look-up.
            switch (type.SpecialType)
            {
                case SpecialType.None:
                    return Decide(_carrying, _carryingByIdentity, type, _computeCarrying);
                case SpecialType.System_String:
                case SpecialType.System_Object:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>What <see cref="CalleeFacts.CarryingParameters"/> holds when it does not decide: each argument is decided by its type.</summary>
        public const ulong UnknownParameters = ulong.MaxValue;

        private readonly ConcurrentDictionary<IMethodSymbol, CalleeFacts> _callees =
            new ConcurrentDictionary<IMethodSymbol, CalleeFacts>(ReferenceComparer<IMethodSymbol>.Instance);

        private readonly Func<IMethodSymbol, CalleeFacts> _computeCallee;

        /// <summary>
        /// What a call of <paramref name="method"/> can hand over and take back, decided once per method definition with one
        /// look-up at each call: which parameters can carry rows, whether the result can, and (on first need) the bodies
        /// the call can run. Null for a constructed generic method or a member of a constructed generic type (a new
        /// instance at each call): its arguments and result are decided by the types at the call.
        /// </summary>
        /// <param name="method">A method of this compilation's source (<see cref="AnalysisContext.IsInSource"/>), not a local function.</param>
        public CalleeFacts? Callee(IMethodSymbol method)
        {
            if (!ReferenceEquals(method, method.OriginalDefinition))
            {
                return null;
            }

            return _callees.TryGetValue(method, out var known) ? known : _callees.GetOrAdd(method, _computeCallee);
        }

        private CalleeFacts ComputeCallee(IMethodSymbol method)
        {
            var parameters = method.Parameters;
            ulong mask = 0;
            if (parameters.Length >= 64)
            {
                mask = UnknownParameters;
            }
            else
            {
                for (int i = 0; i < parameters.Length; i++)
                {
                    if (IsCarrying(parameters[i].Type))
                    {
                        mask |= 1UL << i;
                    }
                }
            }

            return new CalleeFacts(this, method, mask, IsCarrying(method.ReturnType));
        }

        /// <summary>Entries of the cache by reference behind <see cref="IsCarrying"/>: one per type instance Roslyn keeps.</summary>
        internal int CarryingEntries => _carrying.Count;

        /// <summary>Entries of the caches behind <see cref="IsGuardedType"/> and <see cref="Read"/>: by reference, by identity, and per property.</summary>
        internal int GuardedAndReadEntries => _guardedTypes.Count + _guardedByIdentity.Count + _reads.Count;

        /// <summary>
        /// A fact about a type, from the cache by reference (types Roslyn keeps one instance of), else by identity, else
        /// computed; with no allocation once known.
        /// </summary>
        private static bool Decide(ConcurrentDictionary<ITypeSymbol, bool> byReference, ConcurrentDictionary<ITypeSymbol, bool> byIdentity, ITypeSymbol type,
            Func<ITypeSymbol, bool> compute)
        {
            type = SymbolKeys.Canonical(type);
            bool constructed = SymbolKeys.IsConstructed(type);
            if (!constructed && byReference.TryGetValue(type, out bool known))
            {
                return known;
            }

            if (!byIdentity.TryGetValue(type, out known))
            {
                known = compute(type);
                byIdentity.TryAdd(type, known);
            }

            // A constructed type (List<Order>, Order[]) read where a generic method's result or an array is typed is a new
            // instance there: on smartstore two of every three look-ups of such a type were of an instance not met before.
            // Each would be one more entry; the cache by identity decides them.
            if (!constructed)
            {
                byReference.TryAdd(type, known);
            }

            return known;
        }

        /// <summary>
        /// Types met below the top level (depths 1 to 3), decided once per depth: what a type carries within the depth
        /// bound depends on the depth left. The top level is <see cref="IsCarrying"/>'s own cache.
        /// </summary>
        private readonly ConcurrentDictionary<ITypeSymbol, bool>[] _carryingAt =
        {
            new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default),
            new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default),
            new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default),
        };

        private bool CarryingAt(ITypeSymbol type, int depth)
        {
            if (depth > _carryingAt.Length)
            {
                return false;
            }

            var cache = _carryingAt[depth - 1];
            if (!cache.TryGetValue(type, out bool known))
            {
                known = ComputeCarrying(type, depth);
                cache.TryAdd(type, known);
            }

            return known;
        }

        private bool ComputeCarrying(ITypeSymbol type, int depth)
        {
            if (depth > 3)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Object:
                    return true;
                case SpecialType.None:
                    break;
                default:
                    return false;
            }

            if (type.TypeKind is TypeKind.TypeParameter or TypeKind.Dynamic)
            {
                return true;
            }

            if (type.TypeKind is TypeKind.Enum or TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Error)
            {
                return type.TypeKind == TypeKind.Error;
            }

            if (IsGuardedType(type))
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType.SpecialType == SpecialType.System_Byte || CarryingAt(array.ElementType, depth + 1);
            }

            if (KnownTypes.DerivesFrom(type, Context.Known.Stream) || KnownTypes.Is(type, Context.Known.StringBuilder) ||
                KnownTypes.DerivesFrom(type, Context.Known.TextWriter))
            {
                return true;
            }

            if (KnownTypes.DerivesFrom(type, Context.Ef.DbContext))
            {
                return false;
            }

            if (type is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (CarryingAt(argument, depth + 1))
                    {
                        return true;
                    }
                }

                if (named.IsTupleType || named.IsAnonymousType || !TaintAnalysis.IsFramework(named))
                {
                    // A DTO or projection: it carries rows when one of its members can.
                    foreach (var member in named.GetMembers())
                    {
                        var memberType = member switch
                        {
                            IPropertySymbol p when !p.IsStatic => p.Type,
                            IFieldSymbol f when !f.IsStatic && !f.IsImplicitlyDeclared => f.Type,
                            _ => null,
                        };

                        if (memberType != null && !SymbolEqualityComparer.Default.Equals(memberType, type) && CarryingAt(memberType, depth + 1))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The methods that can send data to a sink, found from the sinks up: every method with a sink of its own, then
        /// every caller that passes a value that can carry rows to a method found so far whose parameters reach a sink.
        /// Each is analysed once; their findings are all the export findings of the compilation.
        /// </summary>
        /// <param name="facts">Per method body (original definition): what a quick walk of its operations found.</param>
        public List<MethodFlowResult> SinkCone(IReadOnlyDictionary<IMethodSymbol, MethodFacts> facts, CancellationToken cancellationToken)
        {
            // Which methods can matter at all, from the facts alone. Unproven rows appear only in methods that read them or
            // take them from a call (up from the sources along calls whose result can carry rows: "sourceward"); a finding
            // sits in one of those. From there rows only travel into the methods they are passed to ("downstream"), and
            // only those of them that can pass data on towards a sink ("sinkward") need their own dataflow. Every other
            // method is a pass-through for the others.
            var callers = Reverse(facts, f => f.PassesTo);
            var sourceward = Closure(facts, f => f.HasSource, Reverse(facts, f => f.TakesFrom));
            var downstream = Forward(facts, sourceward, f => f.PassesTo);
            var sinkward = Closure(facts, f => f.HasSink, callers);
            sinkward.IntersectWith(downstream);
            _facts = facts;
            _relevant = new HashSet<IMethodSymbol>(sinkward, ReferenceComparer<IMethodSymbol>.Instance);
            _relevant.UnionWith(sourceward);

            // Breadth first, in waves: the roots (methods with a sink of their own), then the callers of the wave's methods
            // whose parameters reach a sink. The methods of one wave are analysed side by side (RunWave); results are kept
            // in the order a one-by-one queue would produce, so that which finding is reported first at a shared location
            // does not depend on timing.
            var results = new List<MethodFlowResult>();
            var visited = new HashSet<IMethodSymbol>(ReferenceComparer<IMethodSymbol>.Instance);
            var wave = new List<IMethodSymbol>();
            foreach (var kv in facts)
            {
                if (kv.Value.HasSink && downstream.Contains(kv.Key) && visited.Add(kv.Key))
                {
                    wave.Add(kv.Key);
                }
            }

            while (wave.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = RunWave(wave, cancellationToken);
                var next = new List<IMethodSymbol>();
                for (int i = 0; i < found.Length; i++)
                {
                    if (found[i] is not { } result)
                    {
                        continue;
                    }

                    results.Add(result);
                    if (!result.Summary.ParameterSinks.IsEmpty && callers.TryGetValue(wave[i], out var up))
                    {
                        foreach (var caller in up)
                        {
                            if (downstream.Contains(caller) && visited.Add(caller))
                            {
                                next.Add(caller);
                            }
                        }
                    }
                }

                wave = next;
            }

            return results;
        }

        /// <summary>Waves smaller than this are analysed on the calling thread: handing them out costs more than it saves.</summary>
        internal const int SmallWave = 4;

        /// <summary>
        /// The root results of one wave of <see cref="SinkCone"/>, index for index. The methods are analysed in parallel on
        /// the thread pool: this runs in a compilation end action, when the rest of the analysis is done and the other
        /// processors are idle. Each method's callees are analysed through the shared, thread-safe results
        /// (<see cref="Ensure"/>); two threads that need the same callee at the same moment may both analyse it, and the
        /// first result is kept. The two agree except in a call cycle or where a bound cuts an analysis short: there a
        /// result can depend on where the analysis entered the cycle, as it depended on the order of the roots before.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        private MethodFlowResult?[] RunWave(List<IMethodSymbol> wave, CancellationToken cancellationToken)
        {
            var found = new MethodFlowResult?[wave.Count];
            if (wave.Count < SmallWave)
            {
                for (int i = 0; i < found.Length; i++)
                {
                    found[i] = RootResult(wave[i], cancellationToken);
                }

                return found;
            }

            var options = new System.Threading.Tasks.ParallelOptions { CancellationToken = cancellationToken };

            try
            {
                System.Threading.Tasks.Parallel.For(0, found.Length, options, i => found[i] = RootResult(wave[i], cancellationToken));
            }
            catch (AggregateException failed) when (failed.InnerExceptions.Count > 0)
            {
                // The first failure as it was thrown (an analyzer exception, or a cancellation seen inside an analysis).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed.InnerExceptions[0]).Throw();
            }

            return found;
        }

        /// <summary>
        /// For each method, the methods whose <paramref name="edges"/> lead to it. Two passes over the edges, so that each
        /// list is one array of its final length: on a large code base a list grown one caller at a time reallocates often,
        /// and the garbage collections that causes fall on the end of the compilation, when the heap is largest.
        /// </summary>
        private static Dictionary<IMethodSymbol, IMethodSymbol[]> Reverse(IReadOnlyDictionary<IMethodSymbol, MethodFacts> facts, Func<MethodFacts, ImmutableArray<IMethodSymbol>> edges)
        {
            var slots = new Dictionary<IMethodSymbol, Slot>(facts.Count, ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var kv in facts)
            {
                foreach (var callee in edges(kv.Value))
                {
                    if (!slots.TryGetValue(callee, out var slot))
                    {
                        slots[callee] = slot = new Slot();
                    }

                    slot.Count++;
                }
            }

            var reverse = new Dictionary<IMethodSymbol, IMethodSymbol[]>(slots.Count, ReferenceComparer<IMethodSymbol>.Instance);
            foreach (var kv in facts)
            {
                foreach (var callee in edges(kv.Value))
                {
                    var slot = slots[callee];
                    if (slot.Items == null)
                    {
                        reverse[callee] = slot.Items = new IMethodSymbol[slot.Count];
                    }

                    slot.Items[slot.Filled++] = kv.Key;
                }
            }

            return reverse;
        }

        /// <summary>One method's entry while <see cref="Reverse"/> counts, then fills, the methods that lead to it.</summary>
        private sealed class Slot
        {
            public int Count;
            public int Filled;
            public IMethodSymbol[]? Items;
        }

        /// <summary>The methods of <paramref name="seeds"/> and every method they reach along <paramref name="edges"/>.</summary>
        private static HashSet<IMethodSymbol> Forward(IReadOnlyDictionary<IMethodSymbol, MethodFacts> facts, HashSet<IMethodSymbol> seeds, Func<MethodFacts, ImmutableArray<IMethodSymbol>> edges)
        {
            var set = new HashSet<IMethodSymbol>(seeds, ReferenceComparer<IMethodSymbol>.Instance);
            var work = new Queue<IMethodSymbol>(seeds);
            while (work.Count > 0)
            {
                if (facts.TryGetValue(work.Dequeue(), out var f))
                {
                    foreach (var callee in edges(f))
                    {
                        if (set.Add(callee))
                        {
                            work.Enqueue(callee);
                        }
                    }
                }
            }

            return set;
        }

        /// <summary>The methods that satisfy <paramref name="seed"/>, and every caller of one of them along <paramref name="callers"/>.</summary>
        private static HashSet<IMethodSymbol> Closure(IReadOnlyDictionary<IMethodSymbol, MethodFacts> facts, Func<MethodFacts, bool> seed, Dictionary<IMethodSymbol, IMethodSymbol[]> callers)
        {
            var set = new HashSet<IMethodSymbol>(ReferenceComparer<IMethodSymbol>.Instance);
            var work = new Queue<IMethodSymbol>();
            foreach (var kv in facts)
            {
                if (seed(kv.Value) && set.Add(kv.Key))
                {
                    work.Enqueue(kv.Key);
                }
            }

            while (work.Count > 0)
            {
                if (callers.TryGetValue(work.Dequeue(), out var up))
                {
                    foreach (var caller in up)
                    {
                        if (set.Add(caller))
                        {
                            work.Enqueue(caller);
                        }
                    }
                }
            }

            return set;
        }

        /// <summary>
        /// True when a callee needs its own dataflow: it can pass data to a sink or return unproven rows. Any other
        /// method can only hand back what it was given, and is summarised as a pass-through without being analysed.
        /// Before the whole compilation's facts are known, every method counts.
        /// </summary>
        private bool IsRelevant(IMethodSymbol method) => _relevant == null || _relevant.Contains(method);

        /// <summary>The analysis of a method body as the root of its own export findings.</summary>
        public MethodFlowResult? RootResult(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            Ensure(method, cancellationToken);
            return _results.TryGetValue(method, out var result) ? result : null;
        }

        /// <summary>The finished summary of one method body, or null when it has not been analysed yet.</summary>
        public TaintSummary? Finished(IMethodSymbol method) => _results.TryGetValue(method.OriginalDefinition, out var r) ? r.Summary : null;

        /// <summary>Analyses <paramref name="root"/> and every callee its analysis asks for, callees first, cycles to a fixed point.</summary>
        private void Ensure(IMethodSymbol root, CancellationToken cancellationToken)
        {
            if (_results.ContainsKey(root))
            {
                return;
            }

            var stack = new List<Frame>();
            var index = new Dictionary<IMethodSymbol, int>(ReferenceComparer<IMethodSymbol>.Instance);
            var pending = new Dictionary<IMethodSymbol, (MethodFlowResult Result, int DependsOn)>(ReferenceComparer<IMethodSymbol>.Instance);
            Push(root, stack, index);

            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int at = stack.Count - 1;
                var frame = stack[at];
                if (_results.ContainsKey(frame.Method))
                {
                    // Finished elsewhere (another thread of the same wave analysed it). Results waiting here on what this
                    // stack assumed of it are stale: dropped, so that whoever needs them analyses them again against the
                    // final result.
                    Discard(pending, at);
                    Pop(stack, index);
                    continue;
                }

                if (!frame.Prepared)
                {
                    // The callees the facts walk saw are analysed first: a run that meets a callee without a result has
                    // to be repeated once the callee is done, and a repeated run redoes the whole method.
                    frame.Prepared = true;
                    if (PushKnownCallees(frame.Method, stack, index, pending))
                    {
                        continue;
                    }
                }

                frame.Runs++;
                var missing = new List<IMethodSymbol>();
                int dependsOn = int.MaxValue;
                TaintSummary? Resolve(IMethodSymbol body)
                {
                    if (_results.TryGetValue(body, out var done))
                    {
                        return done.Summary;
                    }

                    if (!IsRelevant(body))
                    {
                        return TaintSummary.PassThrough(body);
                    }

                    if (pending.TryGetValue(body, out var p))
                    {
                        dependsOn = Math.Min(dependsOn, p.DependsOn);
                        return p.Result.Summary;
                    }

                    if (index.TryGetValue(body, out int onStack))
                    {
                        // A call cycle: use what the caller on the stack has so far.
                        dependsOn = Math.Min(dependsOn, onStack);
                        stack[onStack].UsedProvisional = true;
                        return stack[onStack].Provisional;
                    }

                    if (!missing.Contains(body))
                    {
                        missing.Add(body);
                    }

                    return null;
                }

                var result = Analyze(frame, Resolve, cancellationToken);
                if (missing.Count > 0)
                {
                    if (frame.Runs < MaxRuns && stack.Count + missing.Count <= MaxStack)
                    {
                        foreach (var m in missing)
                        {
                            Push(m, stack, index);
                        }

                        continue;
                    }

                    // Out of runs or stack: what the missing callees do is not known.
                    result = result.AsCutShort(frame.Method, _analysis);
                }

                // Someone used this method's provisional summary (a cycle through it) and it has changed since: run again.
                if (frame.UsedProvisional && !result.Summary.SameAs(frame.Provisional))
                {
                    frame.Provisional = result.Summary;
                    frame.UsedProvisional = false;
                    Discard(pending, at);
                    if (frame.Runs < MaxRuns)
                    {
                        continue;
                    }

                    result = result.AsCutShort(frame.Method, _analysis);
                }

                Pop(stack, index);
                if (dependsOn < at)
                {
                    // Part of a cycle whose head is further down the stack: final once the head settles.
                    pending[frame.Method] = (result, dependsOn);
                    continue;
                }

                _results.TryAdd(frame.Method, result);
                Finish(pending, at);
            }
        }

        /// <summary>
        /// Pushes the callees of <paramref name="method"/> that the facts walk found and that need their own dataflow but
        /// have no result yet (the ones its run would ask for). True when one was pushed.
        /// </summary>
        private bool PushKnownCallees(IMethodSymbol method, List<Frame> stack, Dictionary<IMethodSymbol, int> index,
            Dictionary<IMethodSymbol, (MethodFlowResult Result, int DependsOn)> pending)
        {
            if (_facts == null || !_facts.TryGetValue(method, out var facts))
            {
                return false;
            }

            bool pushed = false;
            foreach (var edges in new[] { facts.PassesTo, facts.TakesFrom })
            {
                foreach (var callee in edges)
                {
                    if (stack.Count >= MaxStack)
                    {
                        return pushed;
                    }

                    if (!index.ContainsKey(callee) && !pending.ContainsKey(callee) && _relevant != null && _relevant.Contains(callee) &&
                        !_results.ContainsKey(callee))
                    {
                        Push(callee, stack, index);
                        pushed = true;
                    }
                }
            }

            return pushed;
        }

        private static void Push(IMethodSymbol method, List<Frame> stack, Dictionary<IMethodSymbol, int> index)
        {
            if (index.ContainsKey(method))
            {
                return;
            }

            index[method] = stack.Count;
            stack.Add(new Frame(method));
        }

        private static void Pop(List<Frame> stack, Dictionary<IMethodSymbol, int> index)
        {
            var frame = stack[stack.Count - 1];
            stack.RemoveAt(stack.Count - 1);
            index.Remove(frame.Method);
        }

        /// <summary>Results that used a provisional summary at or above <paramref name="at"/> are stale.</summary>
        private static void Discard(Dictionary<IMethodSymbol, (MethodFlowResult Result, int DependsOn)> pending, int at)
        {
            var stale = new List<IMethodSymbol>();
            foreach (var kv in pending)
            {
                if (kv.Value.DependsOn >= at)
                {
                    stale.Add(kv.Key);
                }
            }

            foreach (var m in stale)
            {
                pending.Remove(m);
            }
        }

        /// <summary>The head of a cycle settled: every result that waited on it is final.</summary>
        private void Finish(Dictionary<IMethodSymbol, (MethodFlowResult Result, int DependsOn)> pending, int at)
        {
            var done = new List<IMethodSymbol>();
            foreach (var kv in pending)
            {
                if (kv.Value.DependsOn >= at)
                {
                    done.Add(kv.Key);
                    _results.TryAdd(kv.Key, kv.Value.Result);
                }
            }

            foreach (var m in done)
            {
                pending.Remove(m);
            }
        }

        /// <summary>Dataflow runs so far (a method run again after its callees or its call cycle counts each time; for tests).</summary>
        internal int Runs => _runs;

        /// <summary>Control-flow graphs built so far: one per method on the stack, however often it runs (for tests).</summary>
        internal int Graphs => _graphs;

        /// <summary>Methods with a final result so far (for tests).</summary>
        internal int Analysed => _results.Count;

        private MethodFlowResult Analyze(Frame frame, Func<IMethodSymbol, TaintSummary?> resolve, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            var method = frame.Method;
            if (!frame.Built)
            {
                // A method run again (after its callees, or until its call cycle settles) reuses its body and its graph.
                frame.Built = true;
                Interlocked.Increment(ref _graphs);
                var root = Context.BodyOf(method, cancellationToken);
                frame.Graph = root == null ? null : MethodFlow.CreateGraph(root, cancellationToken);
            }

            if (frame.Graph == null)
            {
                return new MethodFlowResult(TaintSummary.PassThrough(method), ImmutableArray<SinkHit>.Empty, 0);
            }

            return MethodFlow.Analyze(_analysis, method, frame.Graph, resolve, cancellationToken);
        }

        private sealed class Frame
        {
            public Frame(IMethodSymbol method) => Method = method;

            public IMethodSymbol Method { get; }

            public int Runs { get; set; }

            /// <summary>What callers in a cycle see of this method while it is being analysed.</summary>
            public TaintSummary Provisional { get; set; } = TaintSummary.Empty;

            public bool UsedProvisional { get; set; }

            /// <summary>The callees the facts walk found were pushed before the first run.</summary>
            public bool Prepared { get; set; }

            /// <summary>The body's control-flow graph was built (<see cref="Graph"/>; null when the body has none).</summary>
            public bool Built { get; set; }

            /// <summary>The body's control-flow graph, built for the first run and kept while the method is on the stack.</summary>
            public Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph? Graph { get; set; }
        }
    }
}
