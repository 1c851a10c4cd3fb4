using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    /// <summary>Lowers LINQ lambdas (Where predicates, query filters, projections) into the predicate model.</summary>
    internal sealed class LinqLowering
    {
        private const int MaxDepth = 100;
        private readonly PolicyModel _policy;

        public LinqLowering(PolicyModel policy) => _policy = policy;

        /// <summary>Lowers the predicate lambda, seen from the tracked entity at <paramref name="shape"/> behind parameter <paramref name="parameterIndex"/>.</summary>
        public Predicate LowerLambda(IOperation? argument, int parameterIndex, Shape? shape)
        {
            var lambda = OperationTree.AsLambda(argument);
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
                    return LowerPattern(column, isPattern.Pattern, depth + 1);

                case IInvocationOperation invocation:
                    return LowerInvocation(invocation, scope, depth);

                default:
                    return Predicate.Opaque;
            }
        }

        private Predicate LowerBinary(IBinaryOperation binary, Scope scope, int depth)
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.ConditionalAnd:
                case BinaryOperatorKind.And when IsBoolean(binary):
                    return new AndPredicate(ImmutableArray.Create(Lower(binary.LeftOperand, scope, depth + 1), Lower(binary.RightOperand, scope, depth + 1)));
                case BinaryOperatorKind.ConditionalOr:
                case BinaryOperatorKind.Or when IsBoolean(binary):
                    return new OrPredicate(ImmutableArray.Create(Lower(binary.LeftOperand, scope, depth + 1), Lower(binary.RightOperand, scope, depth + 1)));
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.NotEquals:
                    return Compare(binary.LeftOperand, binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals, scope);
                default:
                    return Predicate.Opaque;
            }
        }

        private static bool IsBoolean(IBinaryOperation binary) => binary.Type?.SpecialType == SpecialType.System_Boolean;

        private Predicate Compare(IOperation left, IOperation right, bool isEqual, Scope scope)
        {
            var leftColumn = Column(left, scope);
            if (leftColumn != null)
            {
                return new ComparePredicate(leftColumn, isEqual, Value(right, scope));
            }

            var rightColumn = Column(right, scope);
            if (rightColumn != null)
            {
                return new ComparePredicate(rightColumn, isEqual, Value(left, scope));
            }

            return Predicate.Opaque;
        }

        private Predicate LowerInvocation(IInvocationOperation invocation, Scope scope, int depth)
        {
            var method = invocation.TargetMethod;
            if (_policy.IsSanctionedFilter(method))
            {
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
                if (invocation.Instance != null && invocation.Arguments.Length >= 1)
                {
                    return Compare(invocation.Instance, invocation.Arguments[0].Value, true, scope);
                }

                if (invocation.Instance == null && invocation.Arguments.Length >= 2)
                {
                    return Compare(invocation.Arguments[0].Value, invocation.Arguments[1].Value, true, scope);
                }
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

                if (item != null && collection != null && Column(item, scope) is { } column && Elements(collection) is { } elements)
                {
                    var values = ImmutableArray.CreateBuilder<Operand>(elements.Length);
                    foreach (var e in elements)
                    {
                        values.Add(Value(e, scope));
                    }

                    return new InSetPredicate(column, false, values.MoveToImmutable());
                }
            }

            return Predicate.Opaque;
        }

        private static ImmutableArray<IOperation>? Elements(IOperation collection)
        {
            var op = OperationTree.Unwrap(collection);
            if (op is ILocalReferenceOperation local && SingleAssignment.ValueOf(local.Local, op) is { } value)
            {
                op = OperationTree.Unwrap(value);
            }

            if (op is IArrayCreationOperation { Initializer: { } init })
            {
                return init.ElementValues;
            }

            return null;
        }

        private Predicate LowerPattern(string column, IPatternOperation pattern, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return new ComparePredicate(column, true, ValueResolver.Resolve(constant.Value, _policy));
                case INegatedPatternOperation negated:
                    return new NotPredicate(LowerPattern(column, negated.Pattern, depth + 1));
                case IBinaryPatternOperation binary:
                    var items = ImmutableArray.Create(LowerPattern(column, binary.LeftPattern, depth + 1), LowerPattern(column, binary.RightPattern, depth + 1));
                    return binary.OperatorKind == BinaryOperatorKind.And ? new AndPredicate(items) : new OrPredicate(items);
                default:
                    return Predicate.Opaque;
            }
        }

        private static string? Column(IOperation operation, Scope scope)
        {
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

        private Operand Value(IOperation operation, Scope scope)
        {
            // A value taken from the lambda's own parameter is another column, not a value.
            if (Shape.PathFrom(operation, scope.Parameter) != null)
            {
                return Operand.Unknown;
            }

            return ValueResolver.Resolve(operation, _policy);
        }

        private readonly struct Scope
        {
            public Scope(IParameterSymbol parameter, Shape shape)
            {
                Parameter = parameter;
                Shape = shape;
            }

            public IParameterSymbol Parameter { get; }

            public Shape Shape { get; }
        }
    }
}
