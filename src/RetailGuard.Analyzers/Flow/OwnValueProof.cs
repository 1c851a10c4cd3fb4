using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Predicates;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Proves that a C# value is an own-retailer value the way a reviewer does, once per compilation:
    /// <list type="bullet">
    /// <item>constants: a code the policy lists (through <c>const</c> chains; <c>nameof</c> and enum members never);</item>
    /// <item>the policy's own symbols (fields, properties, methods; static, or instance members of an injected service, also
    /// through overrides and interface implementations), followed through <c>?.</c>, <c>??</c>, <c>?? throw</c>, <c>.Value</c>,
    /// <c>GetValueOrDefault()</c>, conditionals and <c>switch</c> arms;</item>
    /// <item>locals, readonly and private fields, get-only, privately set and computed properties and non-virtual methods, whose
    /// every write or return is own (<see cref="ValueSources"/>);</item>
    /// <item>parameters of methods, constructors, local functions and lambdas nothing outside this assembly can call, when every
    /// call passes an own value, or the one call the <see cref="ArgumentBindings"/> name does;</item>
    /// <item>a parameter or local that a guard (<c>if (code != Own) return;</c>) restricts to own values where it is read.</item>
    /// </list>
    /// Everything else is not own, and says why (<see cref="Operand.Why"/>). Proofs that hold for every use are remembered per
    /// symbol; cycles (recursion, mutually assigned members) are own only when every value that enters them is. Each proof is
    /// bounded by <see cref="MaxDepth"/> steps and <see cref="MaxWork"/> expressions, and fails closed past them.
    /// </summary>
    internal sealed class OwnValueProof
    {
        /// <summary>Longest chain of steps (member, call, local) one proof follows.</summary>
        public const int MaxDepth = 24;

        /// <summary>Most expressions one proof looks at.</summary>
        public const int MaxWork = 4000;

        /// <summary>Most elements a set may have for its elements to be judged one by one.</summary>
        public const int MaxElements = 256;

        private readonly ConcurrentDictionary<ISymbol, Operand> _proven = new ConcurrentDictionary<ISymbol, Operand>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _ownSymbols = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        private readonly HashSet<string> _ownNames;
        private readonly HashSet<string> _judgedColumns;

        public OwnValueProof(AnalysisContext context)
        {
            Context = context;
            Calls = new CallSites(context);
            Sources = new ValueSources(context, Calls);
            _ownNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var own in context.Policy.OwnSymbols)
            {
                _ownNames.Add(own.Name);
            }

            _judgedColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Requirement.ValueColumn };
            foreach (var table in context.Policy.ProtectedTables)
            {
                _judgedColumns.Add(table.RetailerPropertyName);
                _judgedColumns.Add(table.RetailerColumnName);
                foreach (var exclusion in table.Exclusions)
                {
                    _judgedColumns.Add(exclusion.PropertyName);
                    _judgedColumns.Add(exclusion.ColumnName);
                }
            }
        }

        /// <summary>
        /// True for a column or property the policy judges (a retailer column, an excluded one): only values compared with those
        /// need a proof; a value compared with any other column restricts nothing the policy asks for.
        /// </summary>
        public bool IsJudgedColumn(string column) => _judgedColumns.Contains(column);

        public AnalysisContext Context { get; }

        public CallSites Calls { get; }

        public ValueSources Sources { get; }

        /// <summary>What <paramref name="value"/> is, as far as the policy is concerned; judged in <paramref name="bindings"/> when given.</summary>
        public Operand Resolve(IOperation value, ArgumentBindings? bindings, CancellationToken cancellationToken) =>
            new Run(this, cancellationToken).Value(value, bindings, 0);

        /// <summary>
        /// The elements of a collection a query tests with <c>Contains</c>, or of a set bound to a SQL parameter: each element
        /// judged, or one <see cref="Operand.Unproven"/> element saying why the elements cannot all be known.
        /// </summary>
        public ImmutableArray<Operand> Elements(IOperation collection, ArgumentBindings? bindings, CancellationToken cancellationToken) =>
            new Run(this, cancellationToken).Elements(collection, bindings, 0, "ProofElement");

        /// <summary>
        /// True for a member the policy names as own (<c>ownRetailer.symbols</c>), or one that overrides or implements such a member:
        /// a call through the concrete service returns what the interface member it implements does.
        /// </summary>
        public bool IsOwnSymbol(ISymbol? symbol)
        {
            var policy = Context.Policy;
            if (symbol == null || !_ownNames.Contains(symbol.Name))
            {
                return false;
            }

            if (policy.IsOwnSymbol(symbol))
            {
                return true;
            }

            var definition = symbol.OriginalDefinition;
            return _ownSymbols.TryGetValue(definition, out bool known) ? known : ImplementsOwnCached(definition, policy);
        }

        private bool ImplementsOwnCached(ISymbol definition, Policy.PolicyModel policy) => _ownSymbols.GetOrAdd(definition, s => ImplementsOwn(s, policy));

        private static bool ImplementsOwn(ISymbol symbol, Policy.PolicyModel policy)
        {
            int guard = 0;
            for (ISymbol? overridden = Overridden(symbol); overridden != null && guard < 32; overridden = Overridden(overridden), guard++)
            {
                if (policy.IsOwnSymbol(overridden))
                {
                    return true;
                }
            }

            var type = symbol.ContainingType;
            if (type == null || symbol.IsStatic)
            {
                return false;
            }

            foreach (var own in policy.OwnSymbolsInOrder)
            {
                if (own.ContainingType?.TypeKind == TypeKind.Interface && own.Name == symbol.Name &&
                    SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(own)?.OriginalDefinition, symbol.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? Overridden(ISymbol symbol) => symbol switch
        {
            IPropertySymbol p => p.OverriddenProperty,
            IMethodSymbol m => m.OverriddenMethod,
            _ => null,
        };

        /// <summary>One proof: its budget and the members it is in the middle of proving.</summary>
        private sealed class Run
        {
            private readonly OwnValueProof _proof;
            private readonly CancellationToken _cancellationToken;
            private readonly List<ISymbol> _stack = new List<ISymbol>();
            private int _work;

            /// <summary>The lowest stack position an assumption made below the current member refers to.</summary>
            private int _lowest = int.MaxValue;

            /// <summary>Counts the times a bound cut the proof short: such results are not remembered.</summary>
            private int _cuts;

            public Run(OwnValueProof proof, CancellationToken cancellationToken)
            {
                _proof = proof;
                _cancellationToken = cancellationToken;
            }

            private Policy.PolicyModel Policy => _proof.Context.Policy;

            public Operand Value(IOperation operation, ArgumentBindings? bindings, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var op = Unwrap(operation);
                if (depth > MaxDepth || ++_work > MaxWork)
                {
                    _cuts++;
                    return Operand.Unproven(Descriptors.Phrase("ProofTooDeep", Quote(op)));
                }

                var member = Member(op);
                if (member != null && _proof.IsOwnSymbol(member))
                {
                    return Operand.OwnFrom(ConstantText(op), member);
                }

                if (op is INameOfOperation nameOf)
                {
                    return Operand.Unproven(Descriptors.Phrase("ProofNameof", nameOf.Argument.Syntax.ToString()));
                }

                if (op.ConstantValue.HasValue)
                {
                    return Constant(op, member);
                }

                switch (op)
                {
                    case IConditionalAccessOperation access:
                        return Value(access.WhenNotNull, bindings, depth + 1);
                    case ICoalesceOperation coalesce:
                        return Either(coalesce.Value, coalesce.WhenNull, bindings, depth);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return Either(conditional.WhenTrue, whenFalse, bindings, depth);
                    case ISwitchExpressionOperation switchExpression:
                        return Arms(switchExpression, bindings, depth);
                    case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } when IsNullable(instance.Type):
                        return Value(instance, bindings, depth + 1);
                    case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Arguments.IsEmpty: true, Instance: { } instance } when IsNullable(instance.Type):
                        return Value(instance, bindings, depth + 1);
                    case IParameterReferenceOperation _:
                    case ILocalReferenceOperation _:
                        if (GuardedOwn(op))
                        {
                            return Operand.OwnFrom(null, null);
                        }

                        return FromSources(op, bindings, depth);
                    case IFieldReferenceOperation _:
                    case IPropertyReferenceOperation _:
                    case IInvocationOperation _:
                        return FromSources(op, bindings, depth);
                    default:
                        return Operand.Unproven(ProofText.RunTime(op));
                }
            }

            private static IOperation Unwrap(IOperation operation)
            {
                while (true)
                {
                    switch (operation)
                    {
                        case IConversionOperation conversion:
                            operation = conversion.Operand;
                            continue;
                        case IParenthesizedOperation parenthesized:
                            operation = parenthesized.Operand;
                            continue;
                        default:
                            return operation;
                    }
                }
            }

            private static ISymbol? Member(IOperation op) => op switch
            {
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation p => p.Property,
                IInvocationOperation i => i.TargetMethod.ReducedFrom ?? i.TargetMethod,
                _ => null,
            };

            private static bool IsNullable(ITypeSymbol? type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

            private Operand Constant(IOperation op, ISymbol? member)
            {
                var value = op.ConstantValue.Value;
                if (value == null)
                {
                    return Operand.Null;
                }

                string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                if (op.Type?.TypeKind == TypeKind.Enum)
                {
                    return Operand.Literal(text, member);
                }

                ISymbol? declared = member ?? (op as ILocalReferenceOperation)?.Local;
                if (declared != null && NameofAt(declared, 0) is { } nameOf)
                {
                    return Operand.Unproven(Descriptors.Phrase("ProofNameof", nameOf));
                }

                return Policy.OwnCodes.Contains(text) ? Operand.OwnFrom(text, member) : Operand.Literal(text, member);
            }

            /// <summary>The argument of the <c>nameof</c> a constant of this compilation is declared with (through other constants), or null.</summary>
            private string? NameofAt(ISymbol constant, int depth)
            {
                if (depth > 8 || !(constant is IFieldSymbol { IsConst: true } || constant is ILocalSymbol { IsConst: true }) || !_proof.Context.IsInSource(constant) && !(constant is ILocalSymbol))
                {
                    return null;
                }

                foreach (var reference in constant.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }) ||
                        !_proof.Context.Compilation.ContainsSyntaxTree(initializer.SyntaxTree))
                    {
                        continue;
                    }

                    var value = _proof.Context.ModelFor(initializer.SyntaxTree).GetOperation(initializer, _cancellationToken);
                    foreach (var op in value?.DescendantsAndSelf() ?? System.Linq.Enumerable.Empty<IOperation>())
                    {
                        if (op is INameOfOperation nameOf)
                        {
                            return nameOf.Argument.Syntax.ToString();
                        }

                        ISymbol? other = op switch
                        {
                            IFieldReferenceOperation f => f.Field,
                            ILocalReferenceOperation l => l.Local,
                            _ => null,
                        };

                        if (other != null && NameofAt(other, depth + 1) is { } inner)
                        {
                            return inner;
                        }
                    }
                }

                return null;
            }

            private Operand Either(IOperation first, IOperation second, ArgumentBindings? bindings, int depth)
            {
                bool firstThrows = Unwrap(first) is IThrowOperation;
                bool secondThrows = Unwrap(second) is IThrowOperation;
                if (firstThrows && secondThrows)
                {
                    return Operand.Unproven(ProofText.RunTime(first.Parent ?? first));
                }

                if (firstThrows)
                {
                    return Value(second, bindings, depth + 1);
                }

                var a = Value(first, bindings, depth + 1);
                return secondThrows ? a : Merge(a, Value(second, bindings, depth + 1));
            }

            private Operand Arms(ISwitchExpressionOperation switchExpression, ArgumentBindings? bindings, int depth)
            {
                Operand? result = null;
                foreach (var arm in switchExpression.Arms)
                {
                    if (Unwrap(arm.Value) is IThrowOperation)
                    {
                        continue;
                    }

                    var value = Value(arm.Value, bindings, depth + 1);
                    result = result == null ? value : Merge(result, value);
                    if (result.Kind != OperandKind.Own && result.Kind != OperandKind.Literal)
                    {
                        return result;
                    }
                }

                return result ?? Operand.Unproven(ProofText.RunTime(switchExpression));
            }

            /// <summary>Two values one expression can have: own when both are, one literal when both are the same.</summary>
            private static Operand Merge(Operand a, Operand b)
            {
                if (a.Kind == OperandKind.Own && b.Kind == OperandKind.Own)
                {
                    return string.Equals(a.Text, b.Text, StringComparison.Ordinal) ? a : Operand.OwnFrom(null, null);
                }

                if (a.Kind == b.Kind && (a.Kind == OperandKind.Literal || a.Kind == OperandKind.Null) && string.Equals(a.Text, b.Text, StringComparison.Ordinal))
                {
                    return SymbolEqualityComparer.Default.Equals(a.Symbol, b.Symbol) ? a : new Operand(a.Kind, a.Text, null, a.Why);
                }

                if (a.Kind != OperandKind.Own)
                {
                    return a.Kind == OperandKind.Unknown ? a : Operand.Unproven(ProofText.Describe(a));
                }

                return b.Kind == OperandKind.Unknown ? b : Operand.Unproven(ProofText.Describe(b));
            }

            /// <summary>The value of a variable or member: own when every source is, remembered per symbol where no bindings are involved.</summary>
            private Operand FromSources(IOperation op, ArgumentBindings? bindings, int depth)
            {
                var sources = _proof.Sources.Of(op, bindings, _cancellationToken);
                if (sources == null)
                {
                    return Operand.Unproven(ProofText.RunTime(op));
                }

                if (sources.Failure != null)
                {
                    return Operand.Unproven(sources.Suggest != null ? ProofText.SuggestSymbol(sources.Failure, sources.Suggest) : sources.Failure);
                }

                var key = sources.Key;
                if (key == null)
                {
                    return Judge(sources, depth);
                }

                if (_proof._proven.TryGetValue(key, out var known))
                {
                    return known;
                }

                for (int i = 0; i < _stack.Count; i++)
                {
                    if (SymbolEqualityComparer.Default.Equals(_stack[i], key))
                    {
                        // A cycle: own when every value that enters it from outside is; decided where the cycle started.
                        _lowest = Math.Min(_lowest, i);
                        return Operand.OwnFrom(null, null);
                    }
                }

                int saved = _lowest;
                int cuts = _cuts;
                _lowest = int.MaxValue;
                _stack.Add(key);
                Operand result;
                try
                {
                    result = Judge(sources, depth);
                }
                finally
                {
                    _stack.RemoveAt(_stack.Count - 1);
                }

                int at = _stack.Count;
                bool final = (_lowest >= at || result.Kind != OperandKind.Own) && cuts == _cuts;
                _lowest = _lowest >= at ? saved : Math.Min(saved, _lowest);
                if (final)
                {
                    _proof._proven.TryAdd(key, result);
                }

                return result;
            }

            private Operand Judge(SourceList sources, int depth)
            {
                Operand? result = null;
                foreach (var source in sources.Items)
                {
                    Operand value;
                    if (source.IsElement)
                    {
                        value = AllOwn(Elements(source.Value, source.Bindings, depth + 1, source.Link));
                    }
                    else
                    {
                        value = Value(source.Value, source.Bindings, depth + 1);
                    }

                    if (value.Kind != OperandKind.Own && !(value.Kind == OperandKind.Literal || value.Kind == OperandKind.Null))
                    {
                        return Operand.Unproven(ProofText.Link(source.Link, sources.Subject, ProofText.Describe(value), ProofText.At(source.Site)));
                    }

                    var merged = result == null ? value : Merge(result, value);
                    if (merged.Kind != OperandKind.Own && merged.Kind != OperandKind.Literal && merged.Kind != OperandKind.Null)
                    {
                        var culprit = value.Kind != OperandKind.Own ? value : result!;
                        return Operand.Unproven(ProofText.Link(source.Link, sources.Subject, ProofText.Describe(culprit), ProofText.At(source.Site)));
                    }

                    result = merged;
                }

                if (result == null)
                {
                    return Operand.Unproven(ProofText.Leaf("ProofNoValue", sources.Subject));
                }

                // A member that holds a rival code: say which member, for the message.
                if (result.Kind == OperandKind.Literal && result.Why == null && sources.Items.Count > 0 && !Policy.OwnCodes.Contains(result.Text ?? string.Empty))
                {
                    var first = sources.Items[0];
                    return new Operand(OperandKind.Literal, result.Text, result.Symbol, ProofText.Link(first.Link, sources.Subject, ProofText.Describe(result), ProofText.At(first.Site)));
                }

                return result;
            }

            private static Operand AllOwn(ImmutableArray<Operand> elements)
            {
                foreach (var element in elements)
                {
                    if (element.Kind != OperandKind.Own)
                    {
                        return element.Kind == OperandKind.Unknown ? element : Operand.Unproven(ProofText.Describe(element));
                    }
                }

                return elements.IsEmpty ? Operand.Unproven(Descriptors.Phrase("ProofEmptySet")) : Operand.OwnFrom(null, null);
            }

            private static string ConstantText(IOperation op) =>
                op.ConstantValue.HasValue && op.ConstantValue.Value != null ? Convert.ToString(op.ConstantValue.Value, CultureInfo.InvariantCulture) ?? string.Empty : null!;

            private static string Quote(IOperation op) => ProofText.Quoted(op);

            /// <summary>
            /// True when the parameter or local read here cannot be anything but own: it is never written after it gets its value,
            /// and the conditions that hold where it is read (guards that return or throw before, the branch it is read in)
            /// restrict it to own values, as the predicate evaluator decides.
            /// </summary>
            private bool GuardedOwn(IOperation reference)
            {
                ISymbol variable = reference is ILocalReferenceOperation l ? l.Local : ((IParameterReferenceOperation)reference).Parameter;
                var facts = Guards.FactsAt(reference, variable, _cancellationToken);
                if (facts.IsEmpty || !Guards.NeverRewritten(reference, variable))
                {
                    return false;
                }

                var lowering = new Linq.LinqLowering(_proof.Context, null, _cancellationToken);
                var conditions = ImmutableArray.CreateBuilder<Predicate>(facts.Length);
                foreach (var fact in facts)
                {
                    var condition = lowering.LowerCondition(fact.Condition, variable);
                    conditions.Add(fact.Holds ? condition : new NotPredicate(condition));
                }

                return RequirementEvaluator.Evaluate(Requirement.OwnValue, Predicate.AndOf(conditions.MoveToImmutable())).Kind == VerdictKind.Satisfied;
            }

            public ImmutableArray<Operand> Elements(IOperation collection, ArgumentBindings? bindings, int depth, string link)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var op = Unwrap(collection);
                if (depth > MaxDepth || ++_work > MaxWork)
                {
                    _cuts++;
                    return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofTooDeep", Quote(op))));
                }

                if (op.Syntax is CollectionExpressionSyntax collectionExpression)
                {
                    return CollectionExpression(collectionExpression, bindings, depth);
                }

                switch (op)
                {
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        return Each(initializer.ElementValues, bindings, depth);
                    case IArrayInitializerOperation initializer:
                        return Each(initializer.ElementValues, bindings, depth);
                    case IArrayCreationOperation { Initializer: null } empty when empty.DimensionSizes.Length == 1 && empty.DimensionSizes[0].ConstantValue.Value is 0:
                        return ImmutableArray<Operand>.Empty;
                    case IObjectCreationOperation creation:
                        return Created(creation, bindings, depth);
                    case IInvocationOperation call when Copies(call) is { } source:
                        return Elements(source, bindings, depth + 1, link);
                    case IInvocationOperation call when IsImmutableCreate(call):
                        return Arguments(call, bindings, depth);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return Elements(conditional.WhenTrue, bindings, depth + 1, link).AddRange(Elements(whenFalse, bindings, depth + 1, link));
                    case ICoalesceOperation coalesce:
                        return Elements(coalesce.Value, bindings, depth + 1, link).AddRange(Unwrap(coalesce.WhenNull) is IThrowOperation
                            ? ImmutableArray<Operand>.Empty
                            : Elements(coalesce.WhenNull, bindings, depth + 1, link));
                    case ILocalReferenceOperation _:
                    case IParameterReferenceOperation _:
                    case IFieldReferenceOperation _:
                    case IPropertyReferenceOperation _:
                    case IInvocationOperation _:
                        return Held(op, bindings, depth);
                    default:
                        return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", Quote(op))));
                }
            }

            private ImmutableArray<Operand> Each(ImmutableArray<IOperation> values, ArgumentBindings? bindings, int depth)
            {
                if (values.Length > MaxElements)
                {
                    return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetTooLarge", MaxElements.ToString(CultureInfo.InvariantCulture))));
                }

                var builder = ImmutableArray.CreateBuilder<Operand>(values.Length);
                foreach (var value in values)
                {
                    builder.Add(Value(value, bindings, depth + 1));
                }

                return builder.MoveToImmutable();
            }

            private ImmutableArray<Operand> CollectionExpression(CollectionExpressionSyntax syntax, ArgumentBindings? bindings, int depth)
            {
                var model = _proof.Context.ModelFor(syntax.SyntaxTree);
                var builder = ImmutableArray.CreateBuilder<Operand>();
                foreach (var element in syntax.Elements)
                {
                    if (builder.Count > MaxElements)
                    {
                        return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetTooLarge", MaxElements.ToString(CultureInfo.InvariantCulture))));
                    }

                    switch (element)
                    {
                        case ExpressionElementSyntax expression when model.GetOperation(expression.Expression, _cancellationToken) is { } value:
                            builder.Add(Value(value, bindings, depth + 1));
                            break;
                        case SpreadElementSyntax spread when model.GetOperation(spread.Expression, _cancellationToken) is { } spreadValue:
                            builder.AddRange(Elements(spreadValue, bindings, depth + 1, "ProofElement"));
                            break;
                        default:
                            builder.Add(Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", ProofText.Quoted(element))));
                            break;
                    }
                }

                return builder.ToImmutable();
            }

            /// <summary><c>new List&lt;string&gt; { a, b }</c>, <c>new HashSet&lt;string&gt;(other)</c>: the initializer's and the copied collection's elements.</summary>
            private ImmutableArray<Operand> Created(IObjectCreationOperation creation, ArgumentBindings? bindings, int depth)
            {
                if (!IsCollectionType(creation.Type))
                {
                    return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", Quote(creation))));
                }

                var builder = ImmutableArray.CreateBuilder<Operand>();
                foreach (var argument in creation.Arguments)
                {
                    var type = argument.Value.Type;
                    if (type == null || type.SpecialType == SpecialType.System_Int32 || IsComparer(type))
                    {
                        continue;
                    }

                    builder.AddRange(Elements(argument.Value, bindings, depth + 1, "ProofElement"));
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var item in initializer.Initializers)
                    {
                        if (item is IInvocationOperation { TargetMethod.Name: "Add" } add && add.Arguments.Length == 1)
                        {
                            builder.Add(Value(add.Arguments[0].Value, bindings, depth + 1));
                        }
                        else
                        {
                            builder.Add(Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", Quote(item))));
                        }
                    }
                }

                return builder.ToImmutable();
            }

            private static bool IsComparer(ITypeSymbol type)
            {
                foreach (var i in type.AllInterfaces)
                {
                    if (i.Name is "IEqualityComparer" or "IComparer")
                    {
                        return true;
                    }
                }

                return type.Name is "IEqualityComparer" or "IComparer" or "StringComparer";
            }

            private static bool IsCollectionType(ITypeSymbol? type)
            {
                if (type == null || type.SpecialType == SpecialType.System_String)
                {
                    return false;
                }

                foreach (var i in type.AllInterfaces)
                {
                    if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The collection a call copies or narrows: <c>ToList()</c>, <c>ToImmutableArray()</c>, <c>Distinct()</c>, <c>Where(…)</c> of a set.</summary>
            private static IOperation? Copies(IInvocationOperation call)
            {
                var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                string ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                if (!(ns == "System.Linq" || ns == "System.Collections.Immutable" || ns == "System.Collections.Frozen"))
                {
                    return null;
                }

                switch (method.Name)
                {
                    case "ToList":
                    case "ToArray":
                    case "ToHashSet":
                    case "ToImmutableArray":
                    case "ToImmutableList":
                    case "ToImmutableHashSet":
                    case "ToFrozenSet":
                    case "AsEnumerable":
                    case "Distinct":
                    case "Where":
                    case "OrderBy":
                    case "Take":
                    case "Skip":
                        return call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    default:
                        return null;
                }
            }

            private static bool IsImmutableCreate(IInvocationOperation call) =>
                call.TargetMethod.Name is "Create" or "CreateRange" && call.TargetMethod.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable" &&
                call.TargetMethod.ContainingType?.Name is "ImmutableArray" or "ImmutableList" or "ImmutableHashSet" or "ImmutableSortedSet";

            private ImmutableArray<Operand> Arguments(IInvocationOperation call, ArgumentBindings? bindings, int depth)
            {
                var builder = ImmutableArray.CreateBuilder<Operand>();
                foreach (var argument in call.Arguments)
                {
                    if (argument.Value.Type != null && IsComparer(argument.Value.Type))
                    {
                        continue;
                    }

                    if (argument.ArgumentKind == ArgumentKind.ParamArray || call.TargetMethod.Name == "CreateRange" || IsCollectionType(argument.Value.Type))
                    {
                        builder.AddRange(Elements(argument.Value, bindings, depth + 1, "ProofElement"));
                    }
                    else
                    {
                        builder.Add(Value(argument.Value, bindings, depth + 1));
                    }
                }

                return builder.ToImmutable();
            }

            /// <summary>
            /// A collection held in a local, parameter, field or property: the elements of every collection stored in it, and of
            /// every element added or written to it anywhere it can be reached; it fails when the collection is handed to code
            /// that may change it.
            /// </summary>
            private ImmutableArray<Operand> Held(IOperation holder, ArgumentBindings? bindings, int depth)
            {
                var sources = _proof.Sources.Of(holder, bindings, _cancellationToken);
                if (sources == null)
                {
                    return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", Quote(holder))));
                }

                if (sources.Failure != null)
                {
                    return ImmutableArray.Create(Operand.Unproven(sources.Failure));
                }

                var builder = ImmutableArray.CreateBuilder<Operand>();
                foreach (var source in sources.Items)
                {
                    foreach (var element in Elements(source.Value, source.Bindings, depth + 1, source.Link))
                    {
                        builder.Add(element.Kind == OperandKind.Own ? element : Operand.Unproven(ProofText.Link(source.Link, sources.Subject, ProofText.Describe(element), ProofText.At(source.Site))));
                    }
                }

                // What happens to the collection after it is stored: only reads, or adds and writes of judged values.
                if (!(holder is IInvocationOperation) && !IsImmutable(holder.Type))
                {
                    var changes = Changes(holder, sources.Subject, bindings, depth);
                    builder.AddRange(changes);
                }

                return builder.ToImmutable();
            }

            private static bool IsImmutable(ITypeSymbol? type) =>
                type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() is "System.Collections.Immutable" or "System.Collections.Frozen";

            private ImmutableArray<Operand> Changes(IOperation holder, string subject, ArgumentBindings? bindings, int depth)
            {
                ISymbol? symbol = holder switch
                {
                    ILocalReferenceOperation l => l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    IFieldReferenceOperation f => f.Field,
                    IPropertyReferenceOperation p => p.Property,
                    _ => null,
                };

                if (symbol == null)
                {
                    return ImmutableArray<Operand>.Empty;
                }

                IEnumerable<IOperation>? references;
                if (symbol is ILocalSymbol || symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.Constructor } })
                {
                    var found = new List<IOperation>();
                    foreach (var op in OperationTree.Root(holder).Descendants())
                    {
                        if (CallSites.Refers(op, symbol))
                        {
                            found.Add(op);
                        }
                    }

                    references = found;
                }
                else
                {
                    var reach = CallSites.ReachOf(symbol, out _);
                    if (reach == Reach.External)
                    {
                        return ImmutableArray.Create(Operand.Unproven(Descriptors.Phrase("ProofSetPublic", subject)));
                    }

                    references = _proof.Calls.References(symbol, _cancellationToken);
                }

                if (references == null)
                {
                    return ImmutableArray.Create(Operand.Unproven(ProofText.Leaf("ProofTooManyCalls", subject, CallSites.MaxSites.ToString(CultureInfo.InvariantCulture))));
                }

                var builder = ImmutableArray.CreateBuilder<Operand>();
                foreach (var reference in references)
                {
                    var parent = reference.Parent;
                    while (parent is IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    switch (parent)
                    {
                        case IInvocationOperation call when ReferenceEquals(Unwrap(call.Instance ?? reference), reference) && call.Instance != null:
                            {
                                string name = call.TargetMethod.Name;
                                if (name is "Add" or "Insert" or "Push" or "Enqueue" or "TryAdd" or "Prepend" or "Append")
                                {
                                    var added = call.Arguments.Length == 0 ? null : call.Arguments[call.Arguments.Length - 1].Value;
                                    builder.Add(added == null ? Operand.Unproven(Descriptors.Phrase("ProofSetUnknown", Quote(call))) : Added(Value(added, bindings, depth + 1), subject, call));
                                }
                                else if (name is "AddRange" or "UnionWith" or "InsertRange")
                                {
                                    foreach (var element in Elements(call.Arguments[call.Arguments.Length - 1].Value, bindings, depth + 1, "ProofElement"))
                                    {
                                        builder.Add(Added(element, subject, call));
                                    }
                                }
                                else if (!IsReading(name))
                                {
                                    builder.Add(Operand.Unproven(Descriptors.Phrase("ProofSetEscapes", subject, name, ProofText.At(call.Syntax))));
                                }

                                break;
                            }

                        case IArrayElementReferenceOperation element when ReferenceEquals(element.ArrayReference, reference):
                            if (ValueSources.Write(element) is { } arrayWrite)
                            {
                                builder.Add(arrayWrite.Value == null
                                    ? Operand.Unproven(ProofText.Leaf("ProofWritten", subject, ProofText.At(arrayWrite.Site)))
                                    : Added(Value(arrayWrite.Value, bindings, depth + 1), subject, element));
                            }

                            break;
                        case IPropertyReferenceOperation indexer when ReferenceEquals(indexer.Instance, reference):
                            if (!indexer.Arguments.IsEmpty && ValueSources.Write(indexer) is { } indexerWrite)
                            {
                                builder.Add(indexerWrite.Value == null
                                    ? Operand.Unproven(ProofText.Leaf("ProofWritten", subject, ProofText.At(indexerWrite.Site)))
                                    : Added(Value(indexerWrite.Value, bindings, depth + 1), subject, indexer));
                            }

                            break;
                        case IForEachLoopOperation loop when ReferenceEquals(Unwrap(loop.Collection), reference):
                            break;
                        case IArgumentOperation { Parent: IInvocationOperation call } when IsEnumerableMethod(call.TargetMethod):
                            break;
                        case IArgumentOperation { Parent: IObjectCreationOperation created } when IsCollectionType(created.Type):
                            break;
                        case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                            break;
                        case ISimpleAssignmentOperation { Parent: IAnonymousObjectCreationOperation }:
                            // new { codes }: a parameter object (Dapper's) that only reads it.
                            break;
                        case IArgumentOperation { Parent: IInvocationOperation call } argument:
                            builder.Add(Operand.Unproven(Descriptors.Phrase("ProofSetEscapes", subject, call.TargetMethod.Name, ProofText.At(argument.Syntax))));
                            break;
                        case null:
                            break;
                        default:
                            if (!IsRead(parent))
                            {
                                builder.Add(Operand.Unproven(Descriptors.Phrase("ProofSetEscapes", subject, "?", ProofText.At(parent.Syntax))));
                            }

                            break;
                    }
                }

                return builder.ToImmutable();
            }

            private static Operand Added(Operand value, string subject, IOperation site) =>
                value.Kind == OperandKind.Own ? value : Operand.Unproven(ProofText.Link("ProofElement", subject, ProofText.Describe(value), ProofText.At(site.Syntax)));

            private static bool IsReading(string name) => name is "Contains" or "ContainsKey" or "Count" or "IndexOf" or "Equals" or "GetHashCode" or "ToString" or
                "Remove" or "RemoveAt" or "RemoveAll" or "Clear" or "ExceptWith" or "IntersectWith" or "GetEnumerator" or "CopyTo" or "Exists" or "Find" or
                "FindIndex" or "TrueForAll" or "IsSubsetOf" or "IsSupersetOf" or "Overlaps" or "SetEquals" or "TryGetValue" or "AsReadOnly" or "ToArray" or "Any";

            private static bool IsEnumerableMethod(IMethodSymbol method)
            {
                var definition = method.ReducedFrom ?? method;
                if (definition.ContainingType?.Name == "MemoryExtensions")
                {
                    return definition.Name is "Contains" or "ContainsAny" or "IndexOf" or "IndexOfAny" or "LastIndexOf" or "SequenceEqual";
                }

                return definition.ContainingNamespace?.ToDisplayString() == "System.Linq" ||
                       (definition.ContainingType?.SpecialType == SpecialType.System_String && definition.Name is "Join" or "Concat");
            }

            /// <summary>Uses that only read: a member read (Count, Length), a comparison, a lambda capture read by Contains.</summary>
            private static bool IsRead(IOperation parent) => parent switch
            {
                IPropertyReferenceOperation _ => true,
                IBinaryOperation _ => true,
                IConditionalAccessOperation _ => true,
                IIsPatternOperation _ => true,
                IInterpolationOperation _ => true,
                _ => false,
            };
        }
    }
}
