using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Diagnostics;
using RetailGuard.Flow;
using RetailGuard.Linq;

namespace RetailGuard.Sql
{
    /// <summary>Every SQL text a call can execute, or why it cannot be known.</summary>
    internal sealed class SqlResolution
    {
        private SqlResolution(ImmutableArray<ImmutableArray<SqlFragment>> variants, string? failure, SyntaxNode? failureNode)
        {
            Variants = variants;
            Failure = failure;
            FailureNode = failureNode;
        }

        public ImmutableArray<ImmutableArray<SqlFragment>> Variants { get; }

        /// <summary>Why the text cannot be resolved statically, or null.</summary>
        public string? Failure { get; }

        public SyntaxNode? FailureNode { get; }

        public bool Failed => Failure != null;

        public static SqlResolution Of(SqlFragment fragment) => new SqlResolution(ImmutableArray.Create(ImmutableArray.Create(fragment)), null, null);

        public static SqlResolution Of(ImmutableArray<ImmutableArray<SqlFragment>> variants) => new SqlResolution(variants, null, null);

        public static SqlResolution Fail(string reason, SyntaxNode? node) => new SqlResolution(ImmutableArray<ImmutableArray<SqlFragment>>.Empty, reason, node);
    }

    /// <summary>
    /// Resolves the SQL text of a C# expression statically, inside the method: literals, constants, concatenation,
    /// interpolation, string.Format/Concat, StringBuilder and string locals built on every path, and ternaries.
    /// Each possible text is a variant; every variant must comply.
    /// </summary>
    internal sealed class SqlTextResolver
    {
        public const int MaxVariants = 16;
        private const int MaxDepth = 12;
        private readonly AnalysisContext _context;
        private readonly bool _holesAsParameters;
        private readonly bool _objectName;
        private readonly CancellationToken _cancellationToken;
        private int _holes;

        /// <param name="objectName">The text is the name of a stored procedure: an interpolated piece is part of the name, not a value.</param>
        public SqlTextResolver(AnalysisContext context, bool holesAsParameters, CancellationToken cancellationToken, bool objectName = false)
        {
            _context = context;
            _holesAsParameters = holesAsParameters;
            _objectName = objectName;
            _cancellationToken = cancellationToken;
        }

        public SqlResolution Resolve(IOperation operation) => Resolve(operation, 0);

        private SqlResolution Resolve(IOperation operation, int depth)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (depth > MaxDepth)
            {
                return SqlResolution.Fail(Descriptors.Phrase("TextTooManySteps"), operation.Syntax);
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return Resolve(conversion.Operand, depth + 1);

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                    return Concat(Resolve(add.LeftOperand, depth + 1), Resolve(add.RightOperand, depth + 1));

                case IInterpolatedStringOperation interpolated:
                    return Interpolated(interpolated, depth);

                case IConditionalOperation conditional when conditional.WhenFalse != null:
                    return Union(Resolve(conditional.WhenTrue, depth + 1), Resolve(conditional.WhenFalse, depth + 1));

                case ICoalesceOperation coalesce:
                    return Union(Resolve(coalesce.Value, depth + 1), Resolve(coalesce.WhenNull, depth + 1));
            }

            if (operation.ConstantValue.HasValue)
            {
                var value = operation.ConstantValue.Value;
                return value == null
                    ? SqlResolution.Fail(Descriptors.Phrase("TextNull"), operation.Syntax)
                    : SqlResolution.Of(new SqlFragment(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, operation.Syntax));
            }

            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return Accumulated(local.Local, operation, depth);

                case IParameterReferenceOperation parameter:
                    return SqlResolution.Fail(Descriptors.Phrase("TextParameter", parameter.Parameter.Name), operation.Syntax);

                case IFieldReferenceOperation field when field.Field.IsReadOnly:
                    return Member(field.Field, operation, depth);

                case IPropertyReferenceOperation property when property.Property.Parameters.IsEmpty:
                    return Member(property.Property, operation, depth);

                case IInvocationOperation call:
                    return Invocation(call, depth);

                default:
                    return SqlResolution.Fail(Descriptors.Phrase("TextRunTime"), operation.Syntax);
            }
        }

        private SqlResolution Interpolated(IInterpolatedStringOperation interpolated, int depth)
        {
            var result = SqlResolution.Of(ImmutableArray.Create(ImmutableArray<SqlFragment>.Empty));
            foreach (var part in interpolated.Parts)
            {
                SqlResolution piece;
                switch (part)
                {
                    case IInterpolatedStringTextOperation text:
                        piece = SqlResolution.Of(new SqlFragment(text.Text.ConstantValue.Value as string ?? string.Empty, text.Syntax));
                        break;
                    case IInterpolationOperation hole when _holesAsParameters:
                        string name = "@__rg" + (_holes++).ToString(CultureInfo.InvariantCulture);
                        piece = SqlResolution.Of(new SqlFragment(name, hole.Syntax, name, ValueResolver.Resolve(hole.Expression, _context, null, _cancellationToken)));
                        break;
                    case IInterpolationOperation hole when hole.Alignment == null && hole.FormatString == null:
                        piece = Resolve(hole.Expression, depth + 1);
                        if (piece.Failed)
                        {
                            return SqlResolution.Fail(_objectName ? piece.Failure! : Descriptors.Phrase("TextInterpolates", piece.Failure!), hole.Syntax);
                        }

                        break;
                    default:
                        return SqlResolution.Fail(Descriptors.Phrase("TextFormats"), part.Syntax);
                }

                result = Concat(result, piece);
            }

            return result;
        }

        private SqlResolution Invocation(IInvocationOperation call, int depth)
        {
            var method = call.TargetMethod;
            if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic)
            {
                if (method.Name == "Concat")
                {
                    var result = SqlResolution.Of(ImmutableArray.Create(ImmutableArray<SqlFragment>.Empty));
                    foreach (var value in ArgumentValues(call))
                    {
                        result = Concat(result, Resolve(value, depth + 1));
                    }

                    return result;
                }

                if (method.Name == "Format" && call.Arguments.Length >= 1)
                {
                    return Format(call, depth);
                }
            }

            if (method.Name == "ToString" && call.Instance is ILocalReferenceOperation builder && IsStringBuilder(builder.Type))
            {
                return Accumulated(builder.Local, call, depth);
            }

            // A method of this compilation that returns a constant-built string.
            if (_context.IsInSource(method) && method.ReturnType.SpecialType == SpecialType.System_String && call.Arguments.Length == 0)
            {
                var body = _context.BodyOf(method, _cancellationToken);
                if (body != null)
                {
                    var returns = new List<SqlResolution>();
                    foreach (var op in body.DescendantsAndSelf())
                    {
                        if (op is IReturnOperation { ReturnedValue: { } returned } && OperationTree.EnclosingFunction(op) == null)
                        {
                            returns.Add(Resolve(returned, depth + 1));
                        }
                    }

                    if (returns.Count > 0)
                    {
                        var all = returns[0];
                        for (int i = 1; i < returns.Count; i++)
                        {
                            all = Union(all, returns[i]);
                        }

                        return all;
                    }
                }
            }

            return SqlResolution.Fail(!_context.IsInSource(method)
                ? Descriptors.Phrase("TextOtherAssembly", $"{method.ContainingType?.Name}.{method.Name}")
                : Descriptors.Phrase("TextMethodArguments", method.Name), call.Syntax);
        }

        private SqlResolution Format(IInvocationOperation call, int depth)
        {
            var values = ArgumentValues(call);
            int first = values.Count > 0 && values[0].Type?.SpecialType != SpecialType.System_String ? 1 : 0;  // IFormatProvider overloads
            if (values.Count <= first || !(values[first].ConstantValue.Value is string format))
            {
                return SqlResolution.Fail(Descriptors.Phrase("TextFormatNotConstant"), call.Syntax);
            }

            var args = new List<SqlResolution>();
            for (int i = first + 1; i < values.Count; i++)
            {
                args.Add(Resolve(values[i], depth + 1));
            }

            var result = SqlResolution.Of(ImmutableArray.Create(ImmutableArray<SqlFragment>.Empty));
            var literal = new StringBuilder();
            for (int i = 0; i < format.Length; i++)
            {
                char c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                if (c == '{')
                {
                    int close = format.IndexOf('}', i);
                    string inner = close < 0 ? string.Empty : format.Substring(i + 1, close - i - 1);
                    if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= args.Count)
                    {
                        return SqlResolution.Fail(Descriptors.Phrase("TextFormatUnfollowable"), call.Syntax);
                    }

                    result = Concat(result, SqlResolution.Of(new SqlFragment(literal.ToString(), values[first].Syntax)));
                    literal.Clear();
                    result = Concat(result, args[index]);
                    i = close;
                    continue;
                }

                literal.Append(c);
            }

            return Concat(result, SqlResolution.Of(new SqlFragment(literal.ToString(), values[first].Syntax)));
        }

        private static List<IOperation> ArgumentValues(IInvocationOperation call)
        {
            var values = new List<IOperation>();
            foreach (var arg in call.Arguments)
            {
                if (arg.ArgumentKind == ArgumentKind.ParamArray && arg.Value is IArrayCreationOperation { Initializer: { } init })
                {
                    values.AddRange(init.ElementValues);
                }
                else
                {
                    values.Add(arg.Value);
                }
            }

            return values;
        }

        /// <summary>
        /// The value of a member whose every value RetailGuard can see: a readonly field (static or not), a get-only or
        /// privately set auto-property, or a property whose getter returns constants. Its initializer and every write to it
        /// (in the constructors, or anywhere in its type for a private setter) are the variants; a member that can be
        /// overridden, or set by code outside its type, or to a value RetailGuard cannot resolve, fails.
        /// </summary>
        private SqlResolution Member(ISymbol member, IOperation reference, int depth)
        {
            var type = member.ContainingType;
            if (!_context.IsInSource(member) || type == null || type.TypeKind == TypeKind.Interface)
            {
                return SqlResolution.Fail(Descriptors.Phrase("TextField", member.Name), reference.Syntax);
            }

            if ((member.IsVirtual || member.IsAbstract || member.IsOverride) && !member.IsSealed && !type.IsSealed)
            {
                return SqlResolution.Fail(Descriptors.Phrase("TextMemberOverridable", member.Name), reference.Syntax);
            }

            bool anywhereInType = false;
            SqlResolution? values = null;
            if (member is IPropertySymbol property)
            {
                var declaration = Declaration<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>(property);
                if (declaration == null)
                {
                    return SqlResolution.Fail(Descriptors.Phrase("TextField", member.Name), reference.Syntax);
                }

                var getter = GetterBody(declaration);
                if (getter != null)
                {
                    // A computed property: what its getter returns.
                    return Returns(getter, reference, depth) ?? SqlResolution.Fail(Descriptors.Phrase("TextField", member.Name), reference.Syntax);
                }

                if (property.SetMethod is { } setter)
                {
                    if (setter.DeclaredAccessibility != Accessibility.Private || setter.IsInitOnly)
                    {
                        return SqlResolution.Fail(Descriptors.Phrase("TextMemberSettable", member.Name), reference.Syntax);
                    }

                    anywhereInType = true;
                }

                if (declaration.Initializer?.Value is { } initializer && Operation(initializer) is { } init)
                {
                    values = Resolve(init, depth + 1);
                }
            }
            else if (member is IFieldSymbol field)
            {
                var declarator = Declaration<Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax>(field);
                if (declarator?.Initializer?.Value is { } initializer && Operation(initializer) is { } init)
                {
                    values = Resolve(init, depth + 1);
                }
            }

            if (values != null && values.Failed)
            {
                return values;
            }

            foreach (var write in Writes(member, type, anywhereInType))
            {
                var written = Resolve(write, depth + 1);
                if (written.Failed)
                {
                    return SqlResolution.Fail(Descriptors.Phrase("TextMemberWritten", member.Name, written.Failure!), write.Syntax);
                }

                values = values == null ? written : Union(values, written);
                if (values.Failed)
                {
                    return values;
                }
            }

            return values ?? SqlResolution.Fail(Descriptors.Phrase("TextNoValue", member.Name), reference.Syntax);
        }

        private T? Declaration<T>(ISymbol symbol)
            where T : SyntaxNode
        {
            foreach (var syntaxRef in symbol.DeclaringSyntaxReferences)
            {
                if (syntaxRef.GetSyntax(_cancellationToken) is T found)
                {
                    return found;
                }
            }

            return null;
        }

        private IOperation? Operation(SyntaxNode node) => _context.ModelFor(node.SyntaxTree).GetOperation(node, _cancellationToken);

        /// <summary>The body of a property's getter (expression or block), or null for an auto-property.</summary>
        private static SyntaxNode? GetterBody(Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration)
        {
            if (declaration.ExpressionBody != null)
            {
                return declaration.ExpressionBody.Expression;
            }

            foreach (var accessor in declaration.AccessorList?.Accessors ?? default)
            {
                if (accessor.Keyword.ValueText == "get")
                {
                    return (SyntaxNode?)accessor.ExpressionBody?.Expression ?? accessor.Body;
                }
            }

            return null;
        }

        /// <summary>Every value a getter body returns; null when it returns nothing RetailGuard can see.</summary>
        private SqlResolution? Returns(SyntaxNode body, IOperation reference, int depth)
        {
            var operation = Operation(body);
            if (operation == null)
            {
                return null;
            }

            if (!(operation is IBlockOperation))
            {
                return Resolve(operation, depth + 1);
            }

            SqlResolution? all = null;
            foreach (var op in operation.DescendantsAndSelf())
            {
                if (op is IReturnOperation { ReturnedValue: { } returned } && OperationTree.EnclosingFunction(op) == null)
                {
                    var value = Resolve(returned, depth + 1);
                    all = all == null ? value : Union(all, value);
                    if (all.Failed)
                    {
                        return all;
                    }
                }
            }

            return all;
        }

        /// <summary>
        /// The values written to a member outside its initializer: in the constructors of its type (readonly fields,
        /// get-only auto-properties), or anywhere in its type (a private setter). Writes through ref are values too.
        /// </summary>
        private IEnumerable<IOperation> Writes(ISymbol member, INamedTypeSymbol type, bool anywhereInType)
        {
            var types = new List<INamedTypeSymbol> { type };
            if (anywhereInType)
            {
                for (int i = 0; i < types.Count && i < 32; i++)
                {
                    types.AddRange(types[i].GetTypeMembers());
                }
            }

            foreach (var t in types)
            {
                foreach (var candidate in t.GetMembers())
                {
                    if (!(candidate is IMethodSymbol method) ||
                        (!anywhereInType && method.MethodKind != MethodKind.Constructor && method.MethodKind != MethodKind.StaticConstructor))
                    {
                        continue;
                    }

                    var body = _context.BodyOf(method, _cancellationToken);
                    if (body == null)
                    {
                        continue;
                    }

                    foreach (var op in body.DescendantsAndSelf())
                    {
                        switch (op)
                        {
                            case IAssignmentOperation assignment when Refers(assignment.Target, member):
                                yield return assignment is ISimpleAssignmentOperation ? assignment.Value : assignment;
                                break;
                            case IArgumentOperation { Parameter: { RefKind: RefKind.Ref or RefKind.Out } } argument when Refers(argument.Value, member):
                                yield return argument;
                                break;
                            case IIncrementOrDecrementOperation increment when Refers(increment.Target, member):
                                yield return increment;
                                break;
                        }
                    }
                }
            }
        }

        private static bool Refers(IOperation target, ISymbol member) => target switch
        {
            IFieldReferenceOperation f => SymbolEqualityComparer.Default.Equals(f.Field.OriginalDefinition, member.OriginalDefinition),
            IPropertyReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Property.OriginalDefinition, member.OriginalDefinition),
            _ => false,
        };

        /// <summary>
        /// The value of a string local or StringBuilder at a read: its writes before the read, in order.
        /// A write on one branch only forks the text (with and without it); a write in a loop cannot be followed.
        /// </summary>
        private SqlResolution Accumulated(ILocalSymbol local, IOperation read, int depth)
        {
            var root = OperationTree.Root(read);
            bool builder = IsStringBuilder(local.Type);
            SqlResolution? current = null;
            foreach (var op in root.Descendants())
            {
                if (op.Syntax.SpanStart >= read.Syntax.SpanStart)
                {
                    break;
                }

                SqlResolution? assigned = null;
                SqlResolution? appended = null;
                switch (op)
                {
                    case IVariableDeclaratorOperation d when SymbolEqualityComparer.Default.Equals(d.Symbol, local) && d.GetVariableInitializer() is { } init:
                        assigned = builder ? BuilderInitial(init.Value, depth) : Resolve(init.Value, depth + 1);
                        break;
                    case ISimpleAssignmentOperation a when IsLocal(a.Target, local):
                        assigned = builder ? BuilderInitial(a.Value, depth) : Resolve(a.Value, depth + 1);
                        break;
                    case ICompoundAssignmentOperation c when IsLocal(c.Target, local) && c.OperatorKind == BinaryOperatorKind.Add:
                        appended = Resolve(c.Value, depth + 1);
                        break;
                    case IInvocationOperation call when builder && call.Instance is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        appended = BuilderCalls(call, depth);
                        break;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && Escapes(other):
                        return SqlResolution.Fail(Descriptors.Phrase("TextLocalChanged", local.Name), other.Syntax);
                    default:
                        continue;
                }

                if (op.Syntax.Span.Contains(read.Syntax.Span))
                {
                    // The write that contains the read (sql = sql + "…"): the read sees the value before it.
                    continue;
                }

                if (InLoopOrLambda(op, read))
                {
                    return SqlResolution.Fail(Descriptors.Phrase("TextLoop", local.Name), op.Syntax);
                }

                var next = assigned ?? (current == null || appended == null ? null : Concat(current, appended));
                if (next == null)
                {
                    continue;
                }

                current = current == null || Unconditional(op, read) ? next : Union(current, next);
                if (current.Failed)
                {
                    return current;
                }
            }

            return current ?? SqlResolution.Fail(Descriptors.Phrase("TextNoValue", local.Name), read.Syntax);
        }

        private SqlResolution BuilderInitial(IOperation value, int depth)
        {
            if (OperationTree.Unwrap(value) is IObjectCreationOperation creation && IsStringBuilder(creation.Type))
            {
                foreach (var arg in creation.Arguments)
                {
                    if (arg.Value.Type?.SpecialType == SpecialType.System_String)
                    {
                        return Resolve(arg.Value, depth + 1);
                    }
                }

                return SqlResolution.Of(new SqlFragment(string.Empty, value.Syntax));
            }

            return SqlResolution.Fail(Descriptors.Phrase("TextBuilderElsewhere"), value.Syntax);
        }

        /// <summary>sb.Append(a).AppendLine(b)…: the appends of one call chain, in order.</summary>
        private SqlResolution BuilderCalls(IInvocationOperation first, int depth)
        {
            var result = SqlResolution.Of(ImmutableArray.Create(ImmutableArray<SqlFragment>.Empty));
            IOperation? current = first;
            while (current is IInvocationOperation call)
            {
                switch (call.TargetMethod.Name)
                {
                    case "Append":
                    case "AppendLine":
                        if (call.Arguments.Length > 0)
                        {
                            result = Concat(result, Resolve(call.Arguments[0].Value, depth + 1));
                        }

                        if (call.TargetMethod.Name == "AppendLine")
                        {
                            result = Concat(result, SqlResolution.Of(new SqlFragment("\n", null)));
                        }

                        break;
                    case "AppendFormat":
                        result = Concat(result, Format(call, depth));
                        break;
                    default:
                        return SqlResolution.Fail(Descriptors.Phrase("TextBuilderChanged", call.TargetMethod.Name), call.Syntax);
                }

                current = call.Parent;
                if (!(current is IInvocationOperation parent && ReferenceEquals(parent.Instance, call)))
                {
                    break;
                }
            }

            return result;
        }

        /// <summary>A local passed by reference, or a StringBuilder handed to other code, can change where RetailGuard does not look.</summary>
        private bool Escapes(ILocalReferenceOperation reference) =>
            reference.Parent is IArgumentOperation arg && (arg.Parameter?.RefKind is RefKind.Ref or RefKind.Out || IsStringBuilder(reference.Type));

        private static bool IsLocal(IOperation target, ILocalSymbol local) =>
            target is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local);

        private bool IsStringBuilder(ITypeSymbol? type) => KnownTypes.Is(type, _context.Known.StringBuilder);

        /// <summary>True when the write runs whenever the read runs: its statement sits in a block that also holds the read.</summary>
        private static bool Unconditional(IOperation write, IOperation read)
        {
            var statement = write;
            while (statement.Parent != null && !(statement.Parent is IBlockOperation))
            {
                statement = statement.Parent;
            }

            return statement.Parent is IBlockOperation block && block.Syntax.Span.Contains(read.Syntax.Span);
        }

        private static bool InLoopOrLambda(IOperation write, IOperation read)
        {
            for (var p = write.Parent; p != null; p = p.Parent)
            {
                if ((p is ILoopOperation || p is IAnonymousFunctionOperation || p is ILocalFunctionOperation) && !p.Syntax.Span.Contains(read.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private static SqlResolution Concat(SqlResolution left, SqlResolution right)
        {
            if (left.Failed)
            {
                return left;
            }

            if (right.Failed)
            {
                return right;
            }

            var variants = ImmutableArray.CreateBuilder<ImmutableArray<SqlFragment>>();
            foreach (var a in left.Variants)
            {
                foreach (var b in right.Variants)
                {
                    if (variants.Count >= MaxVariants)
                    {
                        return SqlResolution.Fail(Descriptors.Phrase("TextTooManyWays"), b.IsEmpty ? null : b[0].Node);
                    }

                    variants.Add(a.AddRange(b));
                }
            }

            return SqlResolution.Of(variants.ToImmutable());
        }

        private static SqlResolution Union(SqlResolution a, SqlResolution b)
        {
            if (a.Failed)
            {
                return a;
            }

            if (b.Failed)
            {
                return b;
            }

            if (a.Variants.Length + b.Variants.Length > MaxVariants)
            {
                return SqlResolution.Fail(Descriptors.Phrase("TextTooManyWays"), null);
            }

            return SqlResolution.Of(a.Variants.AddRange(b.Variants));
        }
    }
}
