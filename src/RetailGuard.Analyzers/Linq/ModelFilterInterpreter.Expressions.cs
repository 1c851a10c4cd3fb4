using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    internal sealed partial class ModelFilterInterpreter
    {
        private ModelValue Eval(IOperation? op, ModelFrame frame)
        {
            if (op == null || _state == null)
            {
                return ModelValue.Unknown;
            }

            Step();
            if (Exhausted != null)
            {
                return ModelValue.Unknown;
            }

            if (op.ConstantValue.HasValue && !(op is IAnonymousFunctionOperation))
            {
                return ModelValue.OfConstant(op.ConstantValue.Value);
            }

            switch (op)
            {
                case IConversionOperation conversion:
                    return Eval(conversion.Operand, frame);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand, frame);
                case IAnonymousFunctionOperation lambda:
                    return ModelValue.OfFunction(lambda, frame);
                case IDelegateCreationOperation creation:
                    return Eval(creation.Target, frame);
                case IMethodReferenceOperation reference:
                    return reference.Method.MethodKind == MethodKind.LocalFunction || reference.Instance == null || reference.Instance is IInstanceReferenceOperation
                        ? ModelValue.OfMethod(reference.Method, frame)
                        : ModelValue.Unknown;
                case ILocalReferenceOperation local:
                    return frame.TryGet(local.Local, out var localValue) ? localValue : FromType(local.Type, frame);
                case IParameterReferenceOperation parameter:
                    return frame.TryGet(parameter.Parameter, out var parameterValue) ? parameterValue : FromType(parameter.Type, frame);
                case IConditionalAccessInstanceOperation _:
                    return _conditionalReceivers.Count > 0 ? _conditionalReceivers.Peek() : ModelValue.Unknown;
                case ISimpleAssignmentOperation assignment:
                    {
                        var value = Eval(assignment.Value, frame);
                        switch (assignment.Target)
                        {
                            case ILocalReferenceOperation l:
                                frame.Set(l.Local, value);
                                break;
                            case IParameterReferenceOperation p:
                                frame.Set(p.Parameter, value);
                                break;
                            default:
                                Eval(assignment.Target, frame);
                                break;
                        }

                        return value;
                    }

                case ITypeOfOperation typeOf:
                    return ModelValue.OfType(frame.Substitute(typeOf.TypeOperand));
                case IFieldReferenceOperation field:
                    return EvalField(field, frame);
                case IPropertyReferenceOperation property:
                    return EvalProperty(property, frame);
                case IInvocationOperation invocation:
                    return EvalInvocation(invocation, frame);
                case IBinaryOperation binary:
                    return EvalBinary(binary, frame);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    {
                        var b = Eval(not.Operand, frame).AsBool;
                        return b.HasValue ? ModelValue.OfConstant(!b.Value) : ModelValue.Unknown;
                    }

                case IConditionalOperation conditional:
                    return EvalConditional(conditional, frame);
                case ICoalesceOperation coalesce:
                    {
                        var value = Eval(coalesce.Value, frame);
                        if (value.Kind == ModelValueKind.Null)
                        {
                            return Eval(coalesce.WhenNull, frame);
                        }

                        if (value.Kind != ModelValueKind.Unknown)
                        {
                            return value;
                        }

                        return EvalEither(frame, null, coalesce.WhenNull);
                    }

                case IConditionalAccessOperation access:
                    {
                        var receiver = Eval(access.Operation, frame);
                        if (receiver.Kind == ModelValueKind.Null)
                        {
                            return ModelValue.Null;
                        }

                        _conditionalReceivers.Push(receiver);
                        var result = Eval(access.WhenNotNull, frame);
                        _conditionalReceivers.Pop();
                        return result;
                    }

                case IThrowOperation thrown:
                    Eval(thrown.Exception, frame);
                    _state = null;
                    return ModelValue.Unknown;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        Eval(argument.Value, frame);
                    }

                    return ModelValue.Unknown;
                case ILocalFunctionOperation _:
                    return ModelValue.Unknown;
                default:
                    foreach (var child in op.ChildOperations)
                    {
                        Eval(child, frame);
                    }

                    return ModelValue.Unknown;
            }
        }

        /// <summary><c>c ? a : b</c> and <c>if</c>: a constant condition is decided; otherwise both paths run and are joined.</summary>
        private ModelValue EvalConditional(IConditionalOperation conditional, ModelFrame frame)
        {
            var condition = Eval(conditional.Condition, frame).AsBool;
            if (_state == null)
            {
                return ModelValue.Unknown;
            }

            if (condition == true)
            {
                return EvalOrExec(conditional.WhenTrue, frame);
            }

            if (condition == false)
            {
                return EvalOrExec(conditional.WhenFalse, frame);
            }

            return EvalEither(frame, conditional.WhenTrue, conditional.WhenFalse);
        }

        /// <summary>Runs either branch from the current state and joins them; a null branch runs nothing.</summary>
        private ModelValue EvalEither(ModelFrame frame, IOperation? first, IOperation? second)
        {
            var start = _state!.Clone();
            var a = first == null ? ModelValue.Unknown : EvalOrExec(first, frame);
            var afterFirst = _state;
            _state = start;
            var b = second == null ? ModelValue.Unknown : EvalOrExec(second, frame);
            var afterSecond = _state;
            _state = ModelFilterState.Join(afterFirst, afterSecond);
            if (afterFirst == null)
            {
                return b;
            }

            return afterSecond == null ? a : ModelValue.Either(first == null ? ModelValue.Unknown : a, second == null ? ModelValue.Unknown : b);
        }

        private ModelValue EvalOrExec(IOperation? op, ModelFrame frame)
        {
            if (op == null)
            {
                return ModelValue.Unknown;
            }

            if (op.Type == null && !(op is IInvocationOperation))
            {
                Exec(op, frame);
                return ModelValue.Unknown;
            }

            return Eval(op, frame);
        }

        private ModelValue EvalBinary(IBinaryOperation binary, ModelFrame frame)
        {
            var kind = binary.OperatorKind;
            var left = Eval(binary.LeftOperand, frame);
            if (kind == BinaryOperatorKind.ConditionalAnd || kind == BinaryOperatorKind.ConditionalOr)
            {
                bool isAnd = kind == BinaryOperatorKind.ConditionalAnd;
                var l = left.AsBool;
                if (l == !isAnd)
                {
                    return ModelValue.OfConstant(l.Value);
                }

                var r = Eval(binary.RightOperand, frame).AsBool;
                if (l.HasValue && r.HasValue)
                {
                    return ModelValue.OfConstant(r.Value);
                }

                if (r == !isAnd)
                {
                    return ModelValue.OfConstant(r.Value);
                }

                return ModelValue.Unknown;
            }

            var right = Eval(binary.RightOperand, frame);
            if (kind != BinaryOperatorKind.Equals && kind != BinaryOperatorKind.NotEquals)
            {
                return ModelValue.Unknown;
            }

            bool? equal = SameValue(left, right);
            return equal.HasValue ? ModelValue.OfConstant(equal.Value == (kind == BinaryOperatorKind.Equals)) : ModelValue.Unknown;
        }

        private static bool? SameValue(ModelValue a, ModelValue b)
        {
            if (a.Kind == ModelValueKind.Constant && b.Kind == ModelValueKind.Constant)
            {
                return Equals(a.Constant, b.Constant);
            }

            if (a.Kind == ModelValueKind.Null || b.Kind == ModelValueKind.Null)
            {
                var other = a.Kind == ModelValueKind.Null ? b : a;
                switch (other.Kind)
                {
                    case ModelValueKind.Null:
                        return true;
                    case ModelValueKind.Constant:
                    case ModelValueKind.Type:
                    case ModelValueKind.EntityType:
                    case ModelValueKind.EntityTypeBuilder:
                        return false;
                    default:
                        return null;
                }
            }

            if (a.Kind == ModelValueKind.Type && b.Kind == ModelValueKind.Type)
            {
                return SymbolEqualityComparer.Default.Equals(a.Type, b.Type);
            }

            return null;
        }

        private ModelValue EvalField(IFieldReferenceOperation reference, ModelFrame frame)
        {
            Eval(reference.Instance, frame);
            var field = reference.Field;
            if (!field.IsStatic || !field.IsReadOnly || !_context.IsInSource(field))
            {
                return ModelValue.Unknown;
            }

            // static readonly string Key = "Retailer"; static readonly Expression<Func<T, bool>> Filter = c => …;
            foreach (var syntaxReference in field.DeclaringSyntaxReferences)
            {
                if (syntaxReference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer })
                {
                    var model = _context.ModelFor(initializer.SyntaxTree);
                    var constant = model.GetConstantValue(initializer.Value, _cancellationToken);
                    if (constant.HasValue)
                    {
                        return ModelValue.OfConstant(constant.Value);
                    }

                    var value = model.GetOperation(initializer.Value, _cancellationToken);
                    var lambda = OperationTree.AsLambda(value);
                    if (lambda != null)
                    {
                        return ModelValue.OfFunction(lambda, new ModelFrame(null, null, null, frame.Depth));
                    }
                }
            }

            return ModelValue.Unknown;
        }

        private ModelValue EvalProperty(IPropertyReferenceOperation reference, ModelFrame frame)
        {
            var receiver = Eval(reference.Instance, frame);
            foreach (var argument in reference.Arguments)
            {
                Eval(argument.Value, frame);
            }

            var name = reference.Property.Name;
            switch (receiver.Kind)
            {
                case ModelValueKind.ModelBuilder when name == "Model":
                    return ModelValue.Model;
                case ModelValueKind.EntityTypeBuilder when name == "Metadata":
                    return ModelValue.EntityTypeOf(receiver.Entity);
                case ModelValueKind.EntityType when name == "ClrType":
                    return ModelValue.OfType(receiver.Type!);
                case ModelValueKind.EntityType when name == "BaseType":
                    return IsCandidate(receiver.Type!.BaseType) ? ModelValue.Unknown
                        : receiver.Type!.BaseType == null || receiver.Type.BaseType.SpecialType == SpecialType.System_Object ? ModelValue.Null : ModelValue.Unknown;
                case ModelValueKind.Type:
                    return TypeProperty(receiver.Type!, name);
            }

            return FromType(reference.Type, frame);
        }

        private bool IsCandidate(ITypeSymbol? type)
        {
            foreach (var c in _candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(c.Type, type))
                {
                    return true;
                }
            }

            return false;
        }

        private ModelValue TypeProperty(ITypeSymbol type, string name)
        {
            switch (name)
            {
                case "Namespace":
                    return ModelValue.OfConstant(NamespaceOf(type));
                case "Name":
                    return ModelValue.OfConstant(type.MetadataName);
                case "FullName":
                    return ModelValue.OfConstant(FullNameOf(type));
                case "Assembly":
                    return type.ContainingAssembly == null ? ModelValue.Unknown : ModelValue.OfAssembly(type.ContainingAssembly);
                case "IsAbstract":
                    return ModelValue.OfConstant(type.IsAbstract);
                default:
                    return ModelValue.Unknown;
            }
        }

        internal static string? NamespaceOf(ITypeSymbol type) =>
            type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();

        /// <summary>The CLR's <c>Type.FullName</c> of a non-generic type: namespace, then nested types joined with '+'.</summary>
        internal static string FullNameOf(ITypeSymbol type)
        {
            var name = type.MetadataName;
            for (var t = type.ContainingType; t != null; t = t.ContainingType)
            {
                name = t.MetadataName + "+" + name;
            }

            var ns = NamespaceOf(type);
            return ns == null ? name : ns + "." + name;
        }

        /// <summary>The value a parameter or member of a known type stands for when nothing better is known.</summary>
        private ModelValue FromType(ITypeSymbol? type, ModelFrame frame)
        {
            if (type == null)
            {
                return ModelValue.Unknown;
            }

            type = frame.Substitute(type);
            if (SymbolEqualityComparer.Default.Equals(type, _symbols.ModelBuilder))
            {
                return ModelValue.ModelBuilder;
            }

            if (type is INamedTypeSymbol named && named.TypeArguments.Length == 1 &&
                SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _context.Ef.EntityTypeBuilder) &&
                !(named.TypeArguments[0] is ITypeParameterSymbol))
            {
                return ModelValue.Builder(new EntityKey(named.TypeArguments[0], null));
            }

            if (SymbolEqualityComparer.Default.Equals(type, _symbols.MutableModel))
            {
                return ModelValue.Model;
            }

            return ModelValue.Unknown;
        }
    }
}
