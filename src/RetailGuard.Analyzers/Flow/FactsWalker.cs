using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Sql;

namespace RetailGuard.Flow
{
    /// <summary>
    /// The quick walk of one method body the export analysis starts from: its sinks, whether it has a source of rows of
    /// its own, and the calls that hand over or take back data that can carry rows. It runs on every method of every
    /// compilation, so each operation is decided with as few symbol look-ups as possible: calls of other assemblies are
    /// told apart from calls of this one by their assembly alone, and only names a sink or a source can have are looked up.
    /// </summary>
    internal sealed class FactsWalker : IBlockVisitor
    {
        private readonly TaintAnalysis _analysis;
        private readonly CallGraph _graph;
        private List<IMethodSymbol>? _passesTo;
        private List<IMethodSymbol>? _takesFrom;

        public FactsWalker(TaintAnalysis analysis)
        {
            _analysis = analysis;
            _graph = analysis.Graph;
        }

        public bool HasSink { get; private set; }

        public bool HasSource { get; private set; }

        /// <summary>The export and bulk sinks met in the walk.</summary>
        public List<ExportSink>? Sinks { get; private set; }

        /// <summary>The facts, or null when the method has nothing the export analysis needs.</summary>
        public MethodFacts? Facts =>
            HasSink || HasSource || _passesTo != null || _takesFrom != null
                ? new MethodFacts(HasSink, HasSource, Distinct(_passesTo), Distinct(_takesFrom))
                : null;

        /// <summary>Each body once: a body that reads one property many times, or calls one method many times, has one edge to it.</summary>
        private static ImmutableArray<IMethodSymbol> Distinct(List<IMethodSymbol>? bodies)
        {
            if (bodies == null)
            {
                return ImmutableArray<IMethodSymbol>.Empty;
            }

            if (bodies.Count == 1)
            {
                return ImmutableArray.Create(bodies[0]);
            }

            if (bodies.Count <= SmallEdgeList)
            {
                // A few edges (most bodies): compared pairwise, without a set.
                var few = ImmutableArray.CreateBuilder<IMethodSymbol>(bodies.Count);
                for (int i = 0; i < bodies.Count; i++)
                {
                    if (IndexOf(bodies, bodies[i], i) < 0)
                    {
                        few.Add(bodies[i]);
                    }
                }

                return few.Count == few.Capacity ? few.MoveToImmutable() : few.ToImmutable();
            }

            var seen = new HashSet<IMethodSymbol>(ReferenceComparer<IMethodSymbol>.Instance);
            var distinct = ImmutableArray.CreateBuilder<IMethodSymbol>(bodies.Count);
            foreach (var body in bodies)
            {
                if (seen.Add(body))
                {
                    distinct.Add(body);
                }
            }

            return distinct.ToImmutable();
        }

        /// <summary>Edge lists up to this length are made distinct by pairwise comparison.</summary>
        private const int SmallEdgeList = 8;

        /// <summary>The index of <paramref name="body"/> among the first <paramref name="count"/> items, or -1.</summary>
        private static int IndexOf(List<IMethodSymbol> bodies, IMethodSymbol body, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (ReferenceEquals(bodies[i], body))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Visits every operation of <paramref name="blocks"/> (lambdas and local functions included).</summary>
        public void Walk(ImmutableArray<IOperation> blocks, System.Threading.CancellationToken cancellationToken) =>
            BlockWalk.Walk(blocks, this, cancellationToken);

        void IBlockVisitor.Visit(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                case OperationKind.PropertyReference:
                case OperationKind.FieldReference:
                case OperationKind.ObjectCreation:
                case OperationKind.SimpleAssignment:
                case OperationKind.MethodReference:
                    Visit(operation);
                    break;
            }
        }

        private void Visit(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    Invocation(call);
                    break;
                case IPropertyReferenceOperation property:
                    Property(property);
                    break;
                case IFieldReferenceOperation field:
                    HasSource = HasSource || (IsDbSetName(field.Type) && _graph.IsGuardedType(field.Type));
                    break;
                case IObjectCreationOperation creation:
                    Sink(_analysis.Sinks.Find(creation), creation);
                    HasSource = HasSource || SqlSink.Find(creation, _analysis.Context.Known) != null;
                    if (creation.Constructor is { } constructor && InSource(constructor))
                    {
                        var callee = _graph.Callee(constructor);
                        if (PassesData(constructor, null, creation.Arguments, callee?.CarryingParameters ?? CallGraph.UnknownParameters))
                        {
                            Add(ref _passesTo, callee?.Bodies ?? _graph.Bodies(constructor));
                        }
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    Sink(_analysis.Sinks.Find(assignment), assignment);
                    HasSource = HasSource || SqlSink.Find(assignment, _analysis.Context.Known) != null;
                    break;
                case IMethodReferenceOperation reference when InSource(reference.Method):
                    Add(ref _passesTo, _graph.Bodies(reference.Method));
                    break;
            }
        }

        private void Invocation(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (InSource(method))
            {
                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    return;
                }

                // The bodies a call can run are looked up only for a call that hands over or takes back data that
                // can carry rows (a guarded type always can): most calls of a code base do neither. A method definition
                // (most calls) is decided with one look-up of its record.
                var callee = _graph.Callee(method);
                bool passes = PassesData(method, call.Instance, call.Arguments, callee?.CarryingParameters ?? CallGraph.UnknownParameters);
                bool takes = callee?.ReturnsCarrying ?? _graph.IsCarrying(call.Type);
                if (passes || takes)
                {
                    var bodies = callee?.Bodies ?? _graph.Bodies(method);
                    if (bodies.IsEmpty)
                    {
                        // An abstract member with no implementation here that hands out guarded data: a source.
                        HasSource = HasSource || _graph.IsGuardedType(call.Type);
                        return;
                    }

                    if (passes)
                    {
                        Add(ref _passesTo, bodies);
                    }

                    if (takes)
                    {
                        Add(ref _takesFrom, bodies);
                    }
                }

                Sink(_analysis.Sinks.Find(call), call);
                return;
            }

            Sink(_analysis.Sinks.Find(call), call);
            if (!HasSource)
            {
                // Raw SQL, Set<T>() of a guarded entity, or another assembly's method that returns guarded data.
                HasSource = SqlSink.Find(call, _analysis.Context.Known) != null ||
                            (_graph.IsGuardedType(call.Type) &&
                             (_analysis.Context.Ef.IsDbSet(call.Type, out _) ||
                              (!KnownTypes.IsMapper(method) && !TaintAnalysis.IsFrameworkOrLinq(method))));
            }
        }

        private void Property(IPropertyReferenceOperation property)
        {
            var read = _graph.Read(property.Property);
            HasSource = HasSource || read.IsSource;
            Add(ref _takesFrom, read.TakesFrom);
        }

        /// <summary>Appends <paramref name="bodies"/> one by one: <c>List.AddRange</c> would box the array and copy it through an interface.</summary>
        private static void Add(ref List<IMethodSymbol>? edges, ImmutableArray<IMethodSymbol> bodies)
        {
            if (bodies.IsEmpty)
            {
                return;
            }

            edges ??= new List<IMethodSymbol>();
            for (int i = 0; i < bodies.Length; i++)
            {
                edges.Add(bodies[i]);
            }
        }

        private void Sink(ExportSink? sink, IOperation at)
        {
            if (sink == null)
            {
                return;
            }

            HasSink |= !sink.Single || MethodFlow.InLoop(at.Syntax);
            (Sinks ??= new List<ExportSink>()).Add(sink);
        }

        /// <summary>True for a symbol declared in this compilation (its assembly decides; most calls go elsewhere).</summary>
        private bool InSource(ISymbol symbol) => _analysis.Context.IsInSource(symbol);

        private static bool IsDbSetName(ITypeSymbol? type) => type != null && type.Name == "DbSet";

        /// <summary>True when a call hands over something that can carry rows: a receiver or an argument of such a type.</summary>
        /// <param name="carrying">The callee's carrying parameters (<see cref="CalleeFacts.CarryingParameters"/>), or <see cref="CallGraph.UnknownParameters"/>.</param>
        private bool PassesData(IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, ulong carrying)
        {
            if (instance != null && !(instance is IInstanceReferenceOperation) && _graph.IsCarrying(instance.Type))
            {
                return true;
            }

            if (arguments.IsEmpty)
            {
                return false;
            }

            // Which parameters can carry rows is decided once per method (not per argument at every call); a constructed
            // generic method, a new instance at each call, is decided argument by argument.
            foreach (var arg in arguments)
            {
                if (arg.Value.ConstantValue.HasValue)
                {
                    continue;
                }

                var parameter = arg.Parameter;
                bool carries = parameter != null && carrying != CallGraph.UnknownParameters && ReferenceEquals(parameter.ContainingSymbol, method)
                    ? (carrying & (1UL << parameter.Ordinal)) != 0
                    : _graph.IsCarrying(parameter?.Type ?? arg.Value.Type);
                if (carries)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
