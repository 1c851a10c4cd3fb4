using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>
    /// Runs a context's <c>OnModelCreating</c> abstractly, as EF Core runs it when it builds the model, and keeps the query
    /// filters of every entity type in the order they are set (EF Core's QueryFilterCollection: one unnamed slot, named slots,
    /// a null filter removes). Paths are followed through <c>if</c>/<c>switch</c>/<c>?:</c>, loops (which may run zero
    /// times), <c>try</c>, early returns, helpers, build actions and entity type configurations; where paths meet, a filter
    /// counts only if every path registers it. Conditions with a constant value are decided. Work, call depth and loop
    /// iterations are bounded; at a bound the filters of the model are not proven.
    /// </summary>
    internal sealed partial class ModelFilterInterpreter
    {
        private const int MaxDepth = 8;
        private const int MaxSteps = 20000;
        private const int MaxEntities = 64;

        private readonly AnalysisContext _context;
        private readonly ModelSymbols _symbols;
        private readonly INamedTypeSymbol _contextType;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<IMethodSymbol> _running = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        private readonly List<LoopTarget> _loops = new List<LoopTarget>();
        private readonly Stack<ModelValue> _conditionalReceivers = new Stack<ModelValue>();
        private readonly List<EntityKey> _candidates = new List<EntityKey>();
        private ModelFilterState? _state = new ModelFilterState();
        private int _steps;

        public ModelFilterInterpreter(AnalysisContext context, ModelSymbols symbols, INamedTypeSymbol contextType, CancellationToken cancellationToken)
        {
            _context = context;
            _symbols = symbols;
            _contextType = contextType;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Why the model could not be followed to its end (a bound was reached), or null.</summary>
        public string? Exhausted { get; private set; }

        /// <summary>The entity types the model may hold (DbSet properties, configured types, policy entities).</summary>
        public IReadOnlyList<EntityKey> Candidates => _candidates;

        /// <summary>The filters in force once <c>OnModelCreating</c> returns on any path.</summary>
        public ModelFilterState Run()
        {
            CollectCandidates();
            var onModelCreating = _symbols.MostDerivedOnModelCreating(_contextType);
            if (onModelCreating != null)
            {
                var frame = new ModelFrame(null, TypeMap(onModelCreating, null), null, 0);
                RunBody(onModelCreating, frame);
            }

            return _state ?? new ModelFilterState();
        }

        private sealed class LoopTarget
        {
            public ModelFilterState? Breaks;
            public ModelFilterState? Continues;
        }

        private void Step()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (++_steps > MaxSteps && Exhausted == null)
            {
                Exhausted = "model building is too large to follow (more than " + MaxSteps + " steps)";
            }
        }

        private void CollectCandidates()
        {
            for (var t = _contextType; t != null && _candidates.Count < MaxEntities; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    var type = member switch
                    {
                        IPropertySymbol p => p.Type,
                        IFieldSymbol f => f.Type,
                        _ => null,
                    };
                    if (type is INamedTypeSymbol named && _context.Ef.IsDbSet(named, out var element))
                    {
                        AddCandidate(new EntityKey(element, null));
                    }
                }
            }

            foreach (var table in _context.Policy.ProtectedTables)
            {
                if (table.Entity != null)
                {
                    AddCandidate(new EntityKey(table.Entity, null));
                }
            }

            foreach (var table in _context.Policy.RestrictedTables)
            {
                if (table.Entity != null)
                {
                    AddCandidate(new EntityKey(table.Entity, null));
                }
            }
        }

        private void AddCandidate(EntityKey key)
        {
            if (_candidates.Count < MaxEntities && !_candidates.Contains(key))
            {
                _candidates.Add(key);
            }
        }

        // ---- statements -------------------------------------------------------------------------------------------

        private void RunBody(IMethodSymbol method, ModelFrame frame)
        {
            var body = _context.BodyOf(method.OriginalDefinition, _cancellationToken);
            switch (body)
            {
                case null:
                    return;
                case IMethodBodyOperation m:
                    Exec(m.BlockBody ?? m.ExpressionBody, frame);
                    break;
                case ILocalFunctionOperation local:
                    Exec(local.Body ?? local.IgnoredBody, frame);
                    break;
                default:
                    Exec(body, frame);
                    break;
            }

            _state = ModelFilterState.Join(_state, frame.Returned);
        }

        private void Exec(IOperation? op, ModelFrame frame)
        {
            if (op == null || _state == null)
            {
                return;
            }

            Step();
            if (Exhausted != null)
            {
                return;
            }

            switch (op)
            {
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        Exec(statement, frame);
                    }

                    break;
                case IExpressionStatementOperation statement:
                    Eval(statement.Operation, frame);
                    break;
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            var init = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                            frame.Declare(declarator.Symbol, init == null ? ModelValue.Unknown : Eval(init, frame));
                        }
                    }

                    break;
                case IReturnOperation ret:
                    if (ret.ReturnedValue != null)
                    {
                        var value = Eval(ret.ReturnedValue, frame);
                        frame.ReturnValue = frame.ReturnValue == null ? value : ModelValue.Either(frame.ReturnValue, value);
                    }

                    frame.Returned = ModelFilterState.Join(frame.Returned, _state);
                    _state = null;
                    break;
                case IConditionalOperation conditional:
                    Eval(conditional, frame);
                    break;
                case ISwitchOperation @switch:
                    ExecSwitch(@switch, frame);
                    break;
                case IForEachLoopOperation forEach:
                    ExecForEach(forEach, frame);
                    break;
                case IForLoopOperation forLoop:
                    foreach (var before in forLoop.Before)
                    {
                        Exec(before, frame);
                    }

                    ExecLoop(forLoop.Condition, forLoop.Body, forLoop.AtLoopBottom, true, frame);
                    break;
                case IWhileLoopOperation whileLoop:
                    ExecLoop(whileLoop.Condition, whileLoop.Body, ImmutableArray<IOperation>.Empty, whileLoop.ConditionIsTop, frame);
                    break;
                case ITryOperation tryOp:
                    ExecTry(tryOp, frame);
                    break;
                case IBranchOperation branch:
                    ExecBranch(branch);
                    break;
                case IThrowOperation thrown:
                    Eval(thrown, frame);
                    break;
                case IUsingOperation usingOp:
                    Exec(usingOp.Resources, frame);
                    Exec(usingOp.Body, frame);
                    break;
                case ILockOperation lockOp:
                    Eval(lockOp.LockedValue, frame);
                    Exec(lockOp.Body, frame);
                    break;
                case ILabeledOperation labeled:
                    Exec(labeled.Operation, frame);
                    break;
                case ILocalFunctionOperation _:
                case IEmptyOperation _:
                    break;
                default:
                    Eval(op, frame);
                    break;
            }
        }

        private void ExecBranch(IBranchOperation branch)
        {
            var target = _loops.Count > 0 ? _loops[_loops.Count - 1] : null;
            if (branch.BranchKind == BranchKind.Break && target != null)
            {
                target.Breaks = ModelFilterState.Join(target.Breaks, _state);
                _state = null;
            }
            else if (branch.BranchKind == BranchKind.Continue && target != null)
            {
                target.Continues = ModelFilterState.Join(target.Continues, _state);
                _state = null;
            }
            else
            {
                // goto and the like: where it lands is not followed.
                _state?.ObscureAll("model building jumps with goto, which RetailGuard does not follow");
            }
        }

        private void ExecTry(ITryOperation tryOp, ModelFrame frame)
        {
            var before = _state?.Clone();
            Exec(tryOp.Body, frame);
            var ends = _state;
            foreach (var handler in tryOp.Catches)
            {
                // The exception may come from anywhere in the try block: before it, or after it, or between.
                _state = ModelFilterState.Join(before?.Clone(), ends?.Clone());
                Exec(handler.Handler, frame);
                ends = ModelFilterState.Join(ends, _state);
            }

            _state = ends;
            Exec(tryOp.Finally, frame);
        }

        private void ExecSwitch(ISwitchOperation @switch, ModelFrame frame)
        {
            var value = Eval(@switch.Value, frame);
            if (_state == null)
            {
                return;
            }

            var start = _state;
            var target = new LoopTarget();
            _loops.Add(target);
            ModelFilterState? ends = null;
            bool hasDefault = false;
            int chosen = -1;
            if (value.Kind == ModelValueKind.Constant || value.Kind == ModelValueKind.Null)
            {
                chosen = ChooseCase(@switch, value);
                if (chosen == int.MaxValue)
                {
                    // No case matches the constant and there is no default: nothing runs.
                    _loops.RemoveAt(_loops.Count - 1);
                    return;
                }
            }

            for (int i = 0; i < @switch.Cases.Length; i++)
            {
                var section = @switch.Cases[i];
                foreach (var clause in section.Clauses)
                {
                    hasDefault |= clause is IDefaultCaseClauseOperation;
                }

                if (chosen >= 0 && i != chosen)
                {
                    continue;
                }

                _state = start.Clone();
                foreach (var statement in section.Body)
                {
                    Exec(statement, frame);
                }

                ends = ModelFilterState.Join(ends, _state);
            }

            _loops.RemoveAt(_loops.Count - 1);
            if (chosen < 0 && !hasDefault)
            {
                ends = ModelFilterState.Join(ends, start);
            }

            _state = ModelFilterState.Join(ends, target.Breaks);
        }

        private static int ChooseCase(ISwitchOperation @switch, ModelValue value)
        {
            int fallback = -1;
            for (int i = 0; i < @switch.Cases.Length; i++)
            {
                foreach (var clause in @switch.Cases[i].Clauses)
                {
                    switch (clause)
                    {
                        case ISingleValueCaseClauseOperation single when single.Value.ConstantValue.HasValue:
                            if (Equals(single.Value.ConstantValue.Value, value.Constant))
                            {
                                return i;
                            }

                            break;
                        case IDefaultCaseClauseOperation _:
                            fallback = i;
                            break;
                        default:
                            return -1;
                    }
                }
            }

            return fallback >= 0 ? fallback : int.MaxValue;
        }

        private void ExecForEach(IForEachLoopOperation forEach, ModelFrame frame)
        {
            var collection = Eval(forEach.Collection, frame);
            if (_state == null)
            {
                return;
            }

            var variable = forEach.LoopControlVariable switch
            {
                IVariableDeclaratorOperation d => d.Symbol,
                ILocalReferenceOperation l => l.Local,
                _ => null,
            };
            if (collection.Kind != ModelValueKind.EntityTypes)
            {
                if (variable != null)
                {
                    frame.Declare(variable, ModelValue.Unknown);
                }

                ExecLoop(null, forEach.Body, ImmutableArray<IOperation>.Empty, true, frame);
                return;
            }

            // GetEntityTypes(): the body runs once for each entity type of the model.
            var target = new LoopTarget();
            _loops.Add(target);
            foreach (var (entity, maybe) in collection.Entities)
            {
                if (_state == null)
                {
                    break;
                }

                if (variable != null)
                {
                    frame.Declare(variable, ModelValue.EntityTypeOf(entity));
                }

                var before = maybe ? _state.Clone() : null;
                Exec(forEach.Body, frame);
                _state = ModelFilterState.Join(_state, target.Continues);
                target.Continues = null;
                if (maybe)
                {
                    _state = ModelFilterState.Join(before, _state);
                }
            }

            _loops.RemoveAt(_loops.Count - 1);
            _state = ModelFilterState.Join(_state, target.Breaks);
        }

        /// <summary>A loop whose body may run zero times (or, with the condition at the bottom, once) before it ends.</summary>
        private void ExecLoop(IOperation? condition, IOperation body, ImmutableArray<IOperation> bottom, bool conditionIsTop, ModelFrame frame)
        {
            var target = new LoopTarget();
            _loops.Add(target);
            if (conditionIsTop)
            {
                var decided = condition == null ? null : Eval(condition, frame).AsBool;
                if (decided == false || _state == null)
                {
                    _loops.RemoveAt(_loops.Count - 1);
                    return;
                }

                var before = _state.Clone();
                Exec(body, frame);
                _state = ModelFilterState.Join(_state, target.Continues);
                foreach (var op in bottom)
                {
                    Exec(op, frame);
                }

                if (decided != true)
                {
                    _state = ModelFilterState.Join(before, _state);
                }
            }
            else
            {
                Exec(body, frame);
                _state = ModelFilterState.Join(_state, target.Continues);
                if (condition != null)
                {
                    Eval(condition, frame);
                }
            }

            _loops.RemoveAt(_loops.Count - 1);
            _state = ModelFilterState.Join(_state, target.Breaks);
        }
    }
}
