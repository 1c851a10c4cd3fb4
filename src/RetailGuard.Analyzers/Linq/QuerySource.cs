using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>How rows of a guarded entity enter the code at a <see cref="QuerySource"/>.</summary>
    internal enum SourceKind
    {
        /// <summary>A <c>DbSet&lt;T&gt;</c>: a property, a field, <c>Set&lt;T&gt;()</c> or the shared-type <c>Set&lt;T&gt;(name)</c>.</summary>
        Set,

        /// <summary><c>DbContext.Find</c>/<c>FindAsync</c> (generic or with a <c>Type</c>): rows are loaded at the call.</summary>
        KeyLookup,

        /// <summary>
        /// Explicit loading through the change tracker: <c>Entry(e).Reference(…)</c>, <c>.Collection(…)</c> or
        /// <c>.Navigation(…)</c>; <c>Load</c>/<c>LoadAsync</c> read, <c>Query()</c> starts a query of the related entity.
        /// </summary>
        ExplicitLoading,

        /// <summary>A method or property of this compilation that returns a query of the entity (judged through its summary).</summary>
        Producer,

        /// <summary>
        /// A method RetailGuard cannot see into that returns a query of the entity (another assembly's method, a library
        /// repository): a source with no proven filter, judged by what the chain applies after it.
        /// </summary>
        Unseen,

        /// <summary>A navigation to the entity inside a query, or an Include of one.</summary>
        Navigation,
    }

    /// <summary>
    /// Where protected rows enter a query: a DbSet, Set&lt;T&gt;(), a key lookup, explicit loading, a method of this
    /// compilation that returns a query of them, or a method of another assembly that does.
    /// </summary>
    internal sealed class QuerySource
    {
        private QuerySource(IOperation operation, ITypeSymbol entity, ITypeSymbol? contextType, ImmutableArray<ChainState> initialStates, IMethodSymbol? via, SourceKind kind)
        {
            Operation = operation;
            Entity = entity;
            ContextType = contextType;
            InitialStates = initialStates;
            Via = via;
            Kind = kind;
            ReportAt = operation;
        }

        public IOperation Operation { get; }

        public ITypeSymbol Entity { get; }

        /// <summary>The DbContext type the rows come from, where known: its global query filters apply.</summary>
        public ITypeSymbol? ContextType { get; }

        /// <summary>What is already applied where the rows enter: nothing for a DbSet, a method's summary for a call.</summary>
        public ImmutableArray<ChainState> InitialStates { get; }

        /// <summary>The method the rows come through, for a call.</summary>
        public IMethodSymbol? Via { get; }

        public SourceKind Kind { get; }

        /// <summary>
        /// For <c>Set&lt;T&gt;(name)</c> of a shared-type entity type: the name, whose entity type has its own query filters;
        /// <see cref="UnknownSharedTypeName"/> when the name is not a constant. Null for every other source.
        /// </summary>
        public string? SharedTypeName { get; private set; }

        /// <summary>The <see cref="SharedTypeName"/> of a <c>Set&lt;T&gt;(name)</c> whose name is not a constant: no filter of the model is known to apply.</summary>
        public const string UnknownSharedTypeName = "\u0001unknown";

        /// <summary>
        /// Where findings on this source are reported: the source itself, or, for a source in the body of a generic method judged
        /// for one instantiation, the call that instantiates it.
        /// </summary>
        public IOperation ReportAt { get; private set; } = null!;

        /// <summary>
        /// True for a source inside a generic method (or a member of a generic type) judged for the type arguments of one call
        /// (<see cref="ReportAt"/>): only what runs inside the body is judged here; a query the body returns is judged where the
        /// call's result runs.
        /// </summary>
        public bool JudgedForInstantiation { get; private set; }

        /// <summary>This source judged for the instantiation made by <paramref name="call"/>, with the context type the call supplies.</summary>
        public QuerySource ForInstantiation(IOperation call, ITypeSymbol? contextType) =>
            new QuerySource(Operation, Entity, contextType ?? ContextType, InitialStates, Via, Kind)
            {
                SharedTypeName = SharedTypeName,
                ReportAt = call,
                JudgedForInstantiation = true,
            };

        /// <summary>True when the rows are loaded at the source itself (a key lookup), not where a query chain runs.</summary>
        public bool LoadsHere => Kind == SourceKind.KeyLookup;

        /// <summary>The source at <paramref name="operation"/>, or null when it is none.</summary>
        /// <param name="typeParameterEntity">
        /// When a generic method's body is judged for one type argument: the entity a DbSet of a type parameter stands for
        /// (<c>Set&lt;T&gt;()</c> in <c>Repository&lt;T&gt;</c> judged for <c>Repository&lt;Customer&gt;</c>); null otherwise.
        /// </param>
        public static QuerySource? TryCreate(AnalysisContext context, IOperation operation, int depth, CancellationToken cancellationToken, ITypeSymbol? typeParameterEntity = null)
        {
            var ef = context.Ef;
            var type = operation.Type;
            if (type == null || operation.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation))
            {
                return null;
            }

            if (ef.IsDbSet(type, out var element))
            {
                return SetSource(context, operation, Substitute(element, typeParameterEntity));
            }

            if (operation is IInvocationOperation call)
            {
                switch (call.TargetMethod.Name)
                {
                    case "Find":
                    case "FindAsync":
                        if (ef.IsDbContext(call.TargetMethod.ContainingType))
                        {
                            return KeyLookup(context, call, typeParameterEntity);
                        }

                        break;
                    case "Reference":
                    case "Collection":
                    case "Navigation":
                        if (ef.IsEntityEntry(call.TargetMethod.ContainingType) && ef.IsNavigationEntry(type))
                        {
                            return ExplicitLoading(context, call, typeParameterEntity);
                        }

                        break;
                }
            }

            return Producer(context, operation, type, depth, cancellationToken, typeParameterEntity);
        }

        public static QuerySource ForNavigation(IOperation navigation, ITypeSymbol entity, ITypeSymbol? contextType) =>
            new QuerySource(navigation, entity, contextType, ImmutableArray.Create(ChainState.Initial), null, SourceKind.Navigation);

        private static QuerySource? SetSource(AnalysisContext context, IOperation operation, ITypeSymbol element)
        {
            if (!IsGuarded(context, element) || operation is ILocalReferenceOperation || operation is IParameterReferenceOperation)
            {
                return null;
            }

            ITypeSymbol? contextType = operation switch
            {
                IPropertyReferenceOperation p => p.Instance?.Type ?? p.Property.ContainingType,
                IInvocationOperation i => i.Instance?.Type ?? i.TargetMethod.ContainingType,
                IFieldReferenceOperation f => f.Instance?.Type ?? f.Field.ContainingType,
                _ => null,
            };

            var source = new QuerySource(operation, element, contextType, ImmutableArray.Create(ChainState.Initial), null, SourceKind.Set);
            if (operation is IInvocationOperation { TargetMethod: { Name: "Set" } } set && set.Arguments.Length == 1 &&
                set.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
            {
                source.SharedTypeName = set.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name } ? name : UnknownSharedTypeName;
            }

            return source;
        }

        /// <summary><c>db.Find&lt;Customer&gt;(key)</c>, <c>db.FindAsync&lt;Customer&gt;(key)</c>, <c>db.Find(typeof(Customer), key)</c>.</summary>
        private static QuerySource? KeyLookup(AnalysisContext context, IInvocationOperation call, ITypeSymbol? typeParameterEntity)
        {
            ITypeSymbol? entity = null;
            var method = call.TargetMethod;
            if (method.TypeArguments.Length == 1)
            {
                entity = method.TypeArguments[0];
            }
            else if (call.Arguments.Length > 0 && Flow.OperationTree.Unwrap(call.Arguments[0].Value) is ITypeOfOperation typeOf)
            {
                entity = typeOf.TypeOperand;
            }

            if (entity == null)
            {
                return null;
            }

            entity = Substitute(entity, typeParameterEntity);
            return IsGuarded(context, entity)
                ? new QuerySource(call, entity, call.Instance?.Type, ImmutableArray.Create(ChainState.Initial), null, SourceKind.KeyLookup)
                : null;
        }

        /// <summary>
        /// <c>db.Entry(invoice).Reference(i =&gt; i.Customer)</c>, <c>.Collection(a =&gt; a.Customers)</c>, and the forms that name
        /// the navigation with a string (<c>.Reference("Customer")</c>, <c>.Navigation("Customer")</c>). The related entity is the
        /// entry's last type argument, or the type of the named member.
        /// </summary>
        private static QuerySource? ExplicitLoading(AnalysisContext context, IInvocationOperation call, ITypeSymbol? typeParameterEntity)
        {
            ITypeSymbol? related = null;
            var initial = ChainState.Initial;
            if (call.Type is INamedTypeSymbol { TypeArguments: { Length: 2 } } entry)
            {
                related = entry.TypeArguments[1];
            }
            else if (call.Arguments.Length > 0 && EntryEntity(context, call.Instance) is { } owner)
            {
                if (call.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    related = NavigationTarget(context, owner, name);
                }
                else
                {
                    // A name RetailGuard cannot read: any guarded navigation of the entity may be loaded.
                    related = AnyGuardedNavigation(context, owner);
                    initial = initial.AsUnverifiable();
                }
            }

            if (related == null)
            {
                return null;
            }

            related = Substitute(related, typeParameterEntity);
            if (!IsGuarded(context, related))
            {
                return null;
            }

            // The context whose Entry(...) the navigation entry comes from: its query filters apply to the load.
            var entrySource = call.Instance == null ? null : Flow.OperationTree.Unwrap(call.Instance);
            ITypeSymbol? contextType = entrySource is IInvocationOperation { TargetMethod: { Name: "Entry" } } entryCall && context.Ef.IsDbContext(entryCall.TargetMethod.ContainingType)
                ? entryCall.Instance?.Type
                : null;
            return new QuerySource(call, related, contextType, ImmutableArray.Create(initial), null, SourceKind.ExplicitLoading);
        }

        /// <summary>The entity type of the change-tracker entry <paramref name="entry"/>: <c>EntityEntry&lt;T&gt;</c>'s T, or the static type of the argument of <c>Entry(object)</c>.</summary>
        private static ITypeSymbol? EntryEntity(AnalysisContext context, IOperation? entry)
        {
            if (entry?.Type is INamedTypeSymbol { TypeArguments: { Length: 1 } } generic && context.Ef.IsEntityEntry(generic))
            {
                return generic.TypeArguments[0];
            }

            return entry != null && Flow.OperationTree.Unwrap(entry) is IInvocationOperation { Arguments: { Length: 1 } } untyped
                ? Flow.OperationTree.Unwrap(untyped.Arguments[0].Value).Type
                : null;
        }

        /// <summary>The guarded entity the member <paramref name="name"/> of <paramref name="owner"/> (or a base class) navigates to, or null.</summary>
        private static ITypeSymbol? NavigationTarget(AnalysisContext context, ITypeSymbol owner, string name)
        {
            for (var t = owner; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers(name))
                {
                    if (member is IPropertySymbol p)
                    {
                        return Navigated(context, p.Type);
                    }

                    if (member is IFieldSymbol f)
                    {
                        return Navigated(context, f.Type);
                    }
                }
            }

            return null;
        }

        private static ITypeSymbol? AnyGuardedNavigation(AnalysisContext context, ITypeSymbol owner)
        {
            for (var t = owner; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (member is IPropertySymbol p && Navigated(context, p.Type) is { } target && IsGuarded(context, target))
                    {
                        return target;
                    }
                }
            }

            return null;
        }

        private static ITypeSymbol? Navigated(AnalysisContext context, ITypeSymbol type) =>
            IsGuarded(context, type) ? type : context.Ef.IsSequence(type, out var element) ? element : null;

        /// <summary>A member that returns a query of guarded rows and takes none: of this compilation (its summary), sanctioned by the policy, or unseen.</summary>
        private static QuerySource? Producer(AnalysisContext context, IOperation operation, ITypeSymbol type, int depth, CancellationToken cancellationToken, ITypeSymbol? typeParameterEntity)
        {
            var ef = context.Ef;
            IMethodSymbol? method = operation switch
            {
                IInvocationOperation i => i.TargetMethod,
                IPropertyReferenceOperation p => p.Property.GetMethod,
                _ => null,
            };

            if (method == null || !ef.IsSequence(type, out var element) || context.Policy.IsSanctionedFilter(method))
            {
                return null;
            }

            element = Substitute(element, typeParameterEntity);
            if (!IsGuarded(context, element))
            {
                return null;
            }

            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                // A delegate that selects the query (_select(db)): judged over every lambda or method it can run.
                if (!(operation is IInvocationOperation { Instance: { } selector } invoke) || !ef.IsQueryable(type) || HasSequenceArgument(ef, invoke, element))
                {
                    return null;
                }

                return new QuerySource(operation, element, null, QueryWalker.DelegateProducer(context, selector, element, depth, cancellationToken), null, SourceKind.Producer);
            }

            if (operation is IInvocationOperation call)
            {
                if (call.Instance != null && ef.IsSequence(call.Instance.Type, out _))
                {
                    return null;
                }

                if (HasSequenceArgument(ef, call, element))
                {
                    return null;
                }
            }

            if (context.Policy.IsSanctionedSource(method))
            {
                return new QuerySource(operation, element, null, ImmutableArray.Create(ChainState.Initial.WithPredicate(Predicate.Sanctioned, operation)), method, SourceKind.Producer);
            }

            if (!context.IsInSource(method))
            {
                // A query from a method whose body RetailGuard cannot see carries no proven filter. EF Core's and the BCL's own
                // members are modelled where they matter (DbSet, Find, explicit loading, raw SQL) and are not sources here.
                return ef.IsQueryable(type) && !IsFrameworkMember(method)
                    ? new QuerySource(operation, element, null, ImmutableArray.Create(ChainState.Initial), method, SourceKind.Unseen)
                    : null;
            }

            var states = context.Summaries.Producer(method.OriginalDefinition, element, depth + 1, cancellationToken);
            if (operation is IInvocationOperation invocation && QueryWalker.DependsOnArguments(states, method) && Flow.ArgumentBindings.For(invocation, null) is { } bindings)
            {
                // A producer whose result depends on its arguments is judged with this call's.
                states = context.Summaries.Producer(method.OriginalDefinition, element, depth + 1, cancellationToken, bindings);
            }

            return states.IsEmpty ? null : new QuerySource(operation, element, null, states, method, SourceKind.Producer);
        }

        /// <summary>True when the call takes a sequence of the element: it transforms a query (judged where that query starts), it is no source.</summary>
        private static bool HasSequenceArgument(EfSymbols ef, IInvocationOperation call, ITypeSymbol element)
        {
            foreach (var arg in call.Arguments)
            {
                if (ef.IsSequence(arg.Value.Type, out var argElement) && SymbolEqualityComparer.Default.Equals(argElement, element))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for members of EF Core and of the .NET libraries, whose query-returning members RetailGuard models where they matter.</summary>
        private static bool IsFrameworkMember(IMethodSymbol method)
        {
            string? assembly = method.ContainingAssembly?.Name;
            return assembly == null || assembly.StartsWith("Microsoft.EntityFrameworkCore", System.StringComparison.Ordinal) ||
                   assembly.StartsWith("System.", System.StringComparison.Ordinal) || assembly is "System" or "mscorlib" or "netstandard";
        }

        /// <summary>
        /// True when the DbSet, Find or explicit-loading element at <paramref name="operation"/> is <paramref name="typeParameter"/>
        /// (any type parameter when it is null).
        /// </summary>
        public static bool ReadsTypeParameter(AnalysisContext context, IOperation operation, ITypeParameterSymbol? typeParameter)
        {
            bool Is(ITypeSymbol? type) => typeParameter == null ? type is ITypeParameterSymbol : SymbolEqualityComparer.Default.Equals(type, typeParameter);

            if (context.Ef.IsDbSet(operation.Type, out var element))
            {
                return Is(element);
            }

            if (operation is IInvocationOperation call)
            {
                foreach (var argument in call.TargetMethod.TypeArguments)
                {
                    if (Is(argument))
                    {
                        return true;
                    }
                }

                if (call.Type is INamedTypeSymbol { TypeArguments: { Length: 2 } } entry && Is(entry.TypeArguments[1]))
                {
                    return true;
                }

                if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke && context.Ef.IsQueryable(call.Type) && context.Ef.IsSequence(call.Type, out var selected) && Is(selected))
                {
                    return true;
                }
            }

            return false;
        }

        private static ITypeSymbol Substitute(ITypeSymbol type, ITypeSymbol? typeParameterEntity) =>
            type is ITypeParameterSymbol && typeParameterEntity != null ? typeParameterEntity : type;

        private static bool IsGuarded(AnalysisContext context, ITypeSymbol element) =>
            context.Policy.IsGuarded(element);
    }
}
