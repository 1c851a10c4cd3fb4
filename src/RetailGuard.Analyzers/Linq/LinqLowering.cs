using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Flow;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>Lowers LINQ lambdas (Where predicates, query filters, projections) into the predicate model.</summary>
    internal sealed class LinqLowering
    {
        private const int MaxDepth = 100;

        /// <summary>How many predicate parameters deep a predicate is looked for through callers.</summary>
        private const int MaxPredicateHops = 6;

        private readonly AnalysisContext _context;
        private readonly ArgumentBindings? _bindings;
        private readonly CancellationToken _cancellationToken;
        private readonly int _hops;

        /// <param name="bindings">The arguments of the call the lowered code is judged for (values of its parameters), or null.</param>
        public LinqLowering(AnalysisContext context, ArgumentBindings? bindings = null, CancellationToken cancellationToken = default)
            : this(context, bindings, cancellationToken, 0)
        {
        }

        private LinqLowering(AnalysisContext context, ArgumentBindings? bindings, CancellationToken cancellationToken, int hops)
        {
            _context = context;
            _bindings = bindings;
            _cancellationToken = cancellationToken;
            _hops = hops;
        }

        private PolicyModel Policy => _context.Policy;

        /// <summary>Lowers the predicate lambda, seen from the tracked entity at <paramref name="shape"/> behind parameter <paramref name="parameterIndex"/>.</summary>
        public Predicate LowerLambda(IOperation? argument, int parameterIndex, Shape? shape)
        {
            var lambda = OperationTree.AsLambda(argument);
            if (lambda == null && argument != null && shape != null)
            {
                return PredicateFromSources(argument, parameterIndex, shape);
            }

            if (lambda == null || shape == null || parameterIndex >= lambda.Symbol.Parameters.Length)
            {
                return Predicate.Opaque;
            }

            var body = OperationTree.LambdaResult(lambda);
            if (body == null)
            {
                return Predicate.Opaque;
            }

            return Lower(body, new Scope(lambda.Symbol.Parameters[parameterIndex], shape), 0);
        }

        /// <summary>The shape of the element a projection lambda produces, or null when the tracked entity does not survive it.</summary>
        public Shape? Project(IOperation? argument, int parameterIndex, Shape? shape)
        {
            var lambda = OperationTree.AsLambda(argument);
            if (lambda == null || shape == null || parameterIndex >= lambda.Symbol.Parameters.Length)
            {
                return null;
            }

            var body = OperationTree.LambdaResult(lambda);
            if (body == null)
            {
                return null;
            }

            var parameter = lambda.Symbol.Parameters[parameterIndex];
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            AddProjection(OperationTree.Unwrap(body), string.Empty, parameter, shape, builder, 0);
            return Shape.From(builder.ToImmutable());
        }

        private static void AddProjection(IOperation value, string prefix, IParameterSymbol parameter, Shape shape, ImmutableDictionary<string, string?>.Builder into, int depth)
        {
            if (depth > 8)
            {
                return;
            }

            string? path = Shape.PathFrom(value, parameter);
            if (path != null)
            {
                shape.CopySubShape(path, prefix, into);
                return;
            }

            switch (value)
            {
                case IAnonymousObjectCreationOperation anon:
                    foreach (var init in anon.Initializers)
                    {
                        if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                        {
                            AddProjection(OperationTree.Unwrap(assignment.Value), Join(prefix, target.Property.Name), parameter, shape, into, depth + 1);
                        }
                    }

                    break;
                case IObjectCreationOperation created when created.Initializer != null:
                    foreach (var init in created.Initializer.Initializers)
                    {
                        if (init is ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment)
                        {
                            AddProjection(OperationTree.Unwrap(assignment.Value), Join(prefix, member.Member.Name), parameter, shape, into, depth + 1);
                        }
                    }

                    break;
                case ITupleOperation tuple when tuple.Type is INamedTypeSymbol tupleType && tupleType.IsTupleType:
                    for (int i = 0; i < tuple.Elements.Length && i < tupleType.TupleElements.Length; i++)
                    {
                        var element = tupleType.TupleElements[i];
                        AddProjection(OperationTree.Unwrap(tuple.Elements[i]), Join(prefix, element.Name), parameter, shape, into, depth + 1);
                        if (element.CorrespondingTupleField != null && element.CorrespondingTupleField.Name != element.Name)
                        {
                            AddProjection(OperationTree.Unwrap(tuple.Elements[i]), Join(prefix, element.CorrespondingTupleField.Name), parameter, shape, into, depth + 1);
                        }
                    }

                    break;
            }
        }

        private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

        /// <summary>
        /// A C# condition about one variable (a guard such as <c>code is not RetailerCodes.Own</c>), lowered with the variable as
        /// the column <see cref="Requirement.ValueColumn"/>: the evaluator then decides what it guarantees about the variable.
        /// </summary>
        public Predicate LowerCondition(IOperation condition, ISymbol variable) => Lower(condition, new Scope(variable), 0);

        /// <summary>
        /// A predicate that is not written here: a parameter, a field or a local that holds one. It is what every caller (or
        /// write) gives it: one of them applies, so the read is restricted by what all of them guarantee.
        /// </summary>
        private Predicate PredicateFromSources(IOperation argument, int parameterIndex, Shape shape)
        {
            var value = OperationTree.Unwrap(argument);
            if (value is IDelegateCreationOperation { Target: IMethodReferenceOperation group })
            {
                // A method group: a sanctioned filter's predicate form.
                return Policy.IsSanctionedFilter(group.Method) && shape.IsEntityAt(string.Empty) ? Predicate.Sanctioned : Predicate.Opaque;
            }

            if (_hops >= MaxPredicateHops)
            {
                return Predicate.Opaque;
            }

            var sources = _context.Values.Sources.Of(value, _bindings, _cancellationToken);
            if (sources == null)
            {
                return Predicate.Opaque;
            }

            if (sources.Failure != null)
            {
                return new OpaquePredicate(Descriptors.Phrase("ProofPredicateFrom", sources.Failure));
            }

            var items = ImmutableArray.CreateBuilder<Predicate>(sources.Items.Count);
            var sites = ImmutableArray.CreateBuilder<string>(sources.Items.Count);
            foreach (var source in sources.Items)
            {
                if (source.IsElement)
                {
                    return Predicate.Opaque;
                }

                var inner = new LinqLowering(_context, source.Bindings, _cancellationToken, _hops + 1);
                items.Add(inner.LowerLambda(source.Value, parameterIndex, shape));
                sites.Add(ProofText.At(source.Site));
            }

            return items.Count == 0 ? Predicate.Opaque : new CallersPredicate(sources.Subject, items.ToImmutable(), sites.ToImmutable());
        }

        private Predicate Lower(IOperation operation, Scope scope, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            var op = OperationTree.Unwrap(operation);
            switch (op)
            {
                case IBinaryOperation binary:
                    return LowerBinary(binary, scope, depth);

                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return new NotPredicate(Lower(not.Operand, scope, depth + 1));

                case IIsPatternOperation isPattern when Column(isPattern.Value, scope) is { } column:
                    return LowerPattern(column, isPattern.Pattern, depth + 1) ?? Predicate.Opaque;

                case IInvocationOperation invocation:
                    return LowerInvocation(invocation, scope, depth);

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when IsBoolean(conditional.Type):
                    return LowerConditional(conditional.Condition, conditional.WhenTrue, whenFalse, scope, depth);

                case ISwitchExpressionOperation switchExpression when IsBoolean(switchExpression.Type):
                    return LowerSwitch(switchExpression, scope, depth);

                default:
                    return Predicate.Opaque;
            }
        }

        private Predicate LowerBinary(IBinaryOperation binary, Scope scope, int depth)
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.ConditionalAnd:
                case BinaryOperatorKind.And when IsBoolean(binary.Type):
                    return new AndPredicate(ImmutableArray.Create(Lower(binary.LeftOperand, scope, depth + 1), Lower(binary.RightOperand, scope, depth + 1)));
                case BinaryOperatorKind.ConditionalOr:
                case BinaryOperatorKind.Or when IsBoolean(binary.Type):
                    return new OrPredicate(ImmutableArray.Create(Lower(binary.LeftOperand, scope, depth + 1), Lower(binary.RightOperand, scope, depth + 1)));
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.NotEquals:
                    {
                        // (a != b) == false, (a == b) != false, … : a comparison of a condition with a boolean constant.
                        bool isEqual = binary.OperatorKind == BinaryOperatorKind.Equals;
                        if (BooleanConstant(binary.RightOperand) is { } right && IsBoolean(binary.LeftOperand.Type))
                        {
                            var inner = Lower(binary.LeftOperand, scope, depth + 1);
                            return right == isEqual ? inner : new NotPredicate(inner);
                        }

                        if (BooleanConstant(binary.LeftOperand) is { } left && IsBoolean(binary.RightOperand.Type))
                        {
                            var inner = Lower(binary.RightOperand, scope, depth + 1);
                            return left == isEqual ? inner : new NotPredicate(inner);
                        }

                        return Compare(binary.LeftOperand, binary.RightOperand, isEqual, scope);
                    }

                default:
                    return Predicate.Opaque;
            }
        }

        private static bool IsBoolean(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Boolean;

        private static bool? BooleanConstant(IOperation operation)
        {
            var op = OperationTree.Unwrap(operation);
            return op.Type?.SpecialType == SpecialType.System_Boolean && op.ConstantValue.HasValue && op.ConstantValue.Value is bool b ? b : (bool?)null;
        }

        /// <summary><c>c ? x : y</c> of booleans: (c and x) or (not c and y), with constant branches folded.</summary>
        private Predicate LowerConditional(IOperation condition, IOperation whenTrue, IOperation whenFalse, Scope scope, int depth)
        {
            var c = Lower(condition, scope, depth + 1);
            var t = BooleanConstant(whenTrue);
            var f = BooleanConstant(whenFalse);
            if (t == true && f == false)
            {
                return c;
            }

            if (t == false && f == true)
            {
                return new NotPredicate(c);
            }

            if (t != null && f != null)
            {
                return Predicate.Opaque;
            }

            var whenTruePredicate = t == null ? Lower(whenTrue, scope, depth + 1) : null;
            var whenFalsePredicate = f == null ? Lower(whenFalse, scope, depth + 1) : null;
            if (t == true)
            {
                return new OrPredicate(ImmutableArray.Create(c, whenFalsePredicate!));
            }

            if (t == false)
            {
                return new AndPredicate(ImmutableArray.Create<Predicate>(new NotPredicate(c), whenFalsePredicate!));
            }

            if (f == false)
            {
                return new AndPredicate(ImmutableArray.Create(c, whenTruePredicate!));
            }

            if (f == true)
            {
                return new OrPredicate(ImmutableArray.Create<Predicate>(new NotPredicate(c), whenTruePredicate!));
            }

            return new OrPredicate(ImmutableArray.Create<Predicate>(
                new AndPredicate(ImmutableArray.Create(c, whenTruePredicate!)),
                new AndPredicate(ImmutableArray.Create<Predicate>(new NotPredicate(c), whenFalsePredicate!))));
        }

        /// <summary>
        /// <c>x switch { p1 =&gt; b1, p2 =&gt; b2, _ =&gt; b3 }</c> of booleans: an arm applies when its pattern matches and no earlier
        /// one did; the predicate is the OR of the arms that can yield true.
        /// </summary>
        private Predicate LowerSwitch(ISwitchExpressionOperation switchExpression, Scope scope, int depth)
        {
            var column = Column(switchExpression.Value, scope);
            if (column == null || switchExpression.Arms.Length > 32)
            {
                return Predicate.Opaque;
            }

            var earlier = ImmutableArray.CreateBuilder<Predicate>();
            var arms = ImmutableArray.CreateBuilder<Predicate>();
            foreach (var arm in switchExpression.Arms)
            {
                var match = LowerPattern(column, arm.Pattern, depth + 1);
                if (arm.Guard != null)
                {
                    // A guarded arm may not apply even when its pattern matches: it excludes nothing for the later arms.
                    var guarded = match == null ? Lower(arm.Guard, scope, depth + 1) : new AndPredicate(ImmutableArray.Create(match, Lower(arm.Guard, scope, depth + 1)));
                    AddArm(arms, earlier, guarded, arm.Value, scope, depth);
                    continue;
                }

                AddArm(arms, earlier, match, arm.Value, scope, depth);
                if (match == null)
                {
                    break;
                }

                earlier.Add(new NotPredicate(match));
            }

            return arms.Count == 0 ? Predicate.Opaque : (arms.Count == 1 ? arms[0] : new OrPredicate(arms.ToImmutable()));
        }

        private void AddArm(ImmutableArray<Predicate>.Builder arms, ImmutableArray<Predicate>.Builder earlier, Predicate? match, IOperation value, Scope scope, int depth)
        {
            var constant = BooleanConstant(value);
            if (constant == false)
            {
                return;
            }

            var parts = ImmutableArray.CreateBuilder<Predicate>();
            parts.AddRange(earlier);
            if (match != null)
            {
                parts.Add(match);
            }

            if (constant == null)
            {
                parts.Add(Lower(value, scope, depth + 1));
            }

            arms.Add(parts.Count == 0 ? Predicate.Opaque : Predicate.AndOf(parts.ToImmutable()));
        }

        private Predicate Compare(IOperation left, IOperation right, bool isEqual, Scope scope)
        {
            var leftColumn = Column(left, scope);
            if (leftColumn != null)
            {
                return new ComparePredicate(leftColumn, isEqual, Value(right, leftColumn, scope));
            }

            var rightColumn = Column(right, scope);
            if (rightColumn != null)
            {
                return new ComparePredicate(rightColumn, isEqual, Value(left, rightColumn, scope));
            }

            return Predicate.Opaque;
        }

        private Predicate LowerInvocation(IInvocationOperation invocation, Scope scope, int depth)
        {
            var method = invocation.TargetMethod;
            if (Policy.IsSanctionedFilter(method))
            {
                if (scope.Parameter == null || scope.Shape == null)
                {
                    return Predicate.Opaque;
                }

                foreach (var arg in invocation.Arguments)
                {
                    if (Shape.PathFrom(arg.Value, scope.Parameter) is { } path && scope.Shape.IsEntityAt(path))
                    {
                        return Predicate.Sanctioned;
                    }
                }

                return Predicate.Opaque;
            }

            if (method.Name == "Equals" && method.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                return LowerEquals(invocation, scope);
            }

            if (method.Name == "Contains" && method.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                IOperation? collection = invocation.Instance;
                IOperation? item = null;
                if (collection != null && invocation.Arguments.Length == 1)
                {
                    item = invocation.Arguments[0].Value;
                }
                else if (collection == null && invocation.Arguments.Length == 2)
                {
                    collection = invocation.Arguments[0].Value;
                    item = invocation.Arguments[1].Value;
                }

                if (item != null && collection != null && collection.Type?.SpecialType != SpecialType.System_String &&
                    Column(item, scope) is { } column && !IsFromScope(collection, scope))
                {
                    var elements = _context.Values.IsJudgedColumn(column)
                        ? _context.Values.Elements(collection, _bindings, _cancellationToken)
                        : ImmutableArray.Create(Operand.Unknown);
                    return new InSetPredicate(column, false, elements);
                }
            }

            return Predicate.Opaque;
        }

        /// <summary>
        /// <c>a.Equals(b)</c>, <c>string.Equals(a, b)</c>, <c>object.Equals(a, b)</c>, their <c>StringComparison.Ordinal</c> and
        /// <c>OrdinalIgnoreCase</c> forms and <c>StringComparer.Ordinal.Equals(a, b)</c> are one comparison; other comparisons
        /// (culture-sensitive ones, custom comparers) are not.
        /// </summary>
        private Predicate LowerEquals(IInvocationOperation invocation, Scope scope)
        {
            var arguments = invocation.Arguments;
            int values = arguments.Length;
            if (values > 0 && arguments[values - 1].Value.Type is { TypeKind: TypeKind.Enum, Name: "StringComparison" } comparisonType)
            {
                if (!(arguments[values - 1].Value.ConstantValue.Value is int comparison) || !(comparison == 4 || comparison == 5))
                {
                    // Only StringComparison.Ordinal (4) and OrdinalIgnoreCase (5) compare code by code.
                    return Predicate.Opaque;
                }

                values--;
            }

            if (invocation.Instance != null && values == 1)
            {
                return Compare(invocation.Instance, arguments[0].Value, true, scope);
            }

            if (values == 2 && (invocation.Instance == null || IsOrdinalComparer(invocation.Instance)))
            {
                return Compare(arguments[0].Value, arguments[1].Value, true, scope);
            }

            return Predicate.Opaque;
        }

        private static bool IsOrdinalComparer(IOperation instance) =>
            OperationTree.Unwrap(instance) is IPropertyReferenceOperation { Property: { IsStatic: true } property } &&
            ((property.ContainingType?.Name == "StringComparer" && property.Name is "Ordinal" or "OrdinalIgnoreCase") ||
             (property.ContainingType?.Name == "EqualityComparer" && property.Name == "Default"));

        private bool IsFromScope(IOperation operation, Scope scope) =>
            (scope.Parameter != null && Shape.PathFrom(operation, scope.Parameter) != null) || IsSubject(operation, scope);

        /// <summary>The predicate a pattern tests on <paramref name="column"/>; null for a pattern every value matches (<c>_</c>, <c>var x</c>).</summary>
        private Predicate? LowerPattern(string column, IPatternOperation pattern, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return new ComparePredicate(column, true, _context.Values.IsJudgedColumn(column)
                        ? _context.Values.Resolve(constant.Value, _bindings, _cancellationToken)
                        : Operand.Unknown);
                case INegatedPatternOperation negated:
                    return LowerPattern(column, negated.Pattern, depth + 1) is { } inner ? new NotPredicate(inner) : Predicate.Opaque;
                case IBinaryPatternOperation binary:
                    {
                        var left = LowerPattern(column, binary.LeftPattern, depth + 1);
                        var right = LowerPattern(column, binary.RightPattern, depth + 1);
                        if (binary.OperatorKind == BinaryOperatorKind.And)
                        {
                            return left == null ? right : (right == null ? left : new AndPredicate(ImmutableArray.Create(left, right)));
                        }

                        return left == null || right == null ? null : new OrPredicate(ImmutableArray.Create(left, right));
                    }

                case IDiscardPatternOperation _:
                    return null;
                case IDeclarationPatternOperation { MatchesNull: true }:
                    return null;
                default:
                    return Predicate.Opaque;
            }
        }

        private static string? Column(IOperation operation, Scope scope)
        {
            if (IsSubject(operation, scope))
            {
                return Requirement.ValueColumn;
            }

            if (scope.Parameter == null || scope.Shape == null)
            {
                return null;
            }

            // EF.Property<string>(c, "RetailerCode") names a column by string.
            if (OperationTree.Unwrap(operation) is IInvocationOperation { TargetMethod: { Name: "Property", ContainingType: { Name: "EF" } } } property &&
                property.Arguments.Length == 2 && property.Arguments[1].Value.ConstantValue.Value is string named &&
                Shape.PathFrom(property.Arguments[0].Value, scope.Parameter) is { } entityPath && scope.Shape.IsEntityAt(entityPath))
            {
                return named;
            }

            string? path = Shape.PathFrom(operation, scope.Parameter);
            return path == null ? null : scope.Shape.ColumnAt(path);
        }

        private static bool IsSubject(IOperation operation, Scope scope)
        {
            if (scope.Subject == null)
            {
                return false;
            }

            var op = OperationTree.Unwrap(operation);
            return (op is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, scope.Subject)) ||
                   (op is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, scope.Subject));
        }

        /// <summary>The value compared with <paramref name="column"/>: proven only for a column the policy judges.</summary>
        private Operand Value(IOperation operation, string column, Scope scope)
        {
            // A value taken from the lambda's own parameter is another column, not a value; the guarded variable is not one either.
            if (IsFromScope(operation, scope) || !_context.Values.IsJudgedColumn(column))
            {
                return Operand.Unknown;
            }

            return _context.Values.Resolve(operation, _bindings, _cancellationToken);
        }

        private readonly struct Scope
        {
            public Scope(IParameterSymbol parameter, Shape shape)
            {
                Parameter = parameter;
                Shape = shape;
                Subject = null;
            }

            /// <summary>A scope for a condition about one variable (a guard), which stands for <see cref="Requirement.ValueColumn"/>.</summary>
            public Scope(ISymbol subject)
            {
                Parameter = null;
                Shape = null;
                Subject = subject;
            }

            public IParameterSymbol? Parameter { get; }

            public Shape? Shape { get; }

            public ISymbol? Subject { get; }
        }
    }
}
