using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>One expression a variable or member can get its value from, and how (for the message).</summary>
    internal readonly struct ValueSource
    {
        public ValueSource(IOperation value, ArgumentBindings? bindings, string link, SyntaxNode site, bool isElement = false)
        {
            Value = value;
            Bindings = bindings;
            Link = link;
            Site = site;
            IsElement = isElement;
        }

        /// <summary>The expression (an assigned value, an argument, a returned value; for <see cref="IsElement"/>, the collection).</summary>
        public IOperation Value { get; }

        /// <summary>The bindings in which <see cref="Value"/> is resolved.</summary>
        public ArgumentBindings? Bindings { get; }

        /// <summary>The phrase that says how the value gets there ("ProofAssigned", "ProofPassed", "ProofReturns").</summary>
        public string Link { get; }

        /// <summary>Where: the assignment, the call, the return.</summary>
        public SyntaxNode Site { get; }

        /// <summary>True for a <c>foreach</c> variable: the value is an element of <see cref="Value"/>.</summary>
        public bool IsElement { get; }
    }

    /// <summary>Every source of one variable or member, or why they cannot all be known.</summary>
    internal sealed class SourceList
    {
        private readonly IParameterSymbol? _parameter;
        private string? _subject;

        public SourceList(string subject, ISymbol? key)
        {
            _subject = subject;
            Key = key;
        }

        /// <summary>The sources of a parameter: its phrase for messages is built only when a message needs it.</summary>
        public SourceList(IParameterSymbol parameter) => _parameter = parameter;

        /// <summary>What the variable is, for messages ("field '_code'").</summary>
        public string Subject => _subject ??= ProofText.Parameter(_parameter!);

        /// <summary>The symbol whose proof holds for every use (no bindings involved): the proof is remembered under it.</summary>
        public ISymbol? Key { get; set; }

        public List<ValueSource> Items { get; } = new List<ValueSource>();

        /// <summary>The whole reason (subject included) when not every source can be known; null otherwise.</summary>
        public string? Failure { get; set; }

        /// <summary>The member to suggest listing under <c>ownRetailer.symbols</c> with <see cref="Failure"/>, where that makes sense.</summary>
        public ISymbol? Suggest { get; set; }
    }

    /// <summary>
    /// Where a value comes from, one step back: the writes of a local (assignments, its <c>foreach</c> collection), of a
    /// readonly or private field, of an auto-property; the expressions a property getter or a method of this compilation
    /// returns; and for a parameter, the argument each call passes (or the one call the bindings name) and any assignment in
    /// its method. The same sources serve own values, sets, predicates passed as parameters and delegates.
    /// Anything another assembly or an override can supply, and anything past the search bounds, is a failure with its reason.
    /// </summary>
    internal sealed class ValueSources
    {
        private readonly AnalysisContext _context;
        private readonly CallSites _calls;

        public ValueSources(AnalysisContext context, CallSites calls)
        {
            _context = context;
            _calls = calls;
        }

        /// <summary>The sources of a local, parameter, field, property or call; null for any other expression.</summary>
        public SourceList? Of(IOperation operation, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return Local(local);
                case IParameterReferenceOperation parameter:
                    return Parameter(parameter, bindings, cancellationToken);
                case IFieldReferenceOperation field:
                    return Field(field, IsOwnInstance(field.Instance) ? bindings : null, cancellationToken);
                case IPropertyReferenceOperation property:
                    return Property(property, IsOwnInstance(property.Instance) ? bindings : null, cancellationToken);
                case IInvocationOperation call:
                    return Returns(call, IsOwnInstance(call.Instance) ? bindings : null, cancellationToken);
                default:
                    return null;
            }
        }

        /// <summary>A member read on <c>this</c> (or a static one) sees the bindings of the instance being judged; others do not.</summary>
        private static bool IsOwnInstance(IOperation? instance) => instance == null || instance is IInstanceReferenceOperation;

        private SourceList Local(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            var list = new SourceList(ProofText.Local(local), null);
            if (local.IsRef)
            {
                list.Failure = ProofText.Leaf("ProofRefParameter", list.Subject);
                return list;
            }

            var root = OperationTree.Root(reference);
            foreach (var op in SymbolUses.Of(root, local))
            {
                if (op.Parent is IForEachLoopOperation loop && ReferenceEquals(loop.LoopControlVariable, op))
                {
                    list.Items.Add(new ValueSource(loop.Collection, null, "ProofElement", loop.Collection.Syntax, isElement: true));
                    continue;
                }

                switch (op)
                {
                    case IVariableDeclaratorOperation declarator:
                        if (declarator.GetVariableInitializer() is { } initializer)
                        {
                            list.Items.Add(new ValueSource(initializer.Value, null, "ProofAssigned", declarator.Syntax));
                        }

                        break;
                    case IDeclarationPatternOperation pattern when pattern.Parent is IIsPatternOperation isPattern:
                        list.Items.Add(new ValueSource(isPattern.Value, null, "ProofAssigned", pattern.Syntax));
                        break;
                    case ILocalReferenceOperation other:
                        if (Write(other) is { } write)
                        {
                            if (write.Value == null)
                            {
                                list.Failure = ProofText.Leaf("ProofWritten", list.Subject, ProofText.At(write.Site));
                                return list;
                            }

                            list.Items.Add(new ValueSource(write.Value, null, "ProofAssigned", write.Site));
                        }

                        break;
                }
            }

            if (list.Items.Count == 0 && list.Failure == null)
            {
                list.Failure = ProofText.Leaf("ProofNoValue", list.Subject);
            }

            return list;
        }

        /// <summary>What a reference that is written sets: the value of a plain assignment, or null (with the site) for any other write.</summary>
        public static (IOperation? Value, SyntaxNode Site)? Write(IOperation reference)
        {
            var parent = reference.Parent;
            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, reference):
                    return (assignment.IsRef ? null : assignment.Value, assignment.Syntax);
                case ICompoundAssignmentOperation compound when ReferenceEquals(compound.Target, reference):
                    return (null, compound.Syntax);
                case ICoalesceAssignmentOperation coalesce when ReferenceEquals(coalesce.Target, reference):
                    return (null, coalesce.Syntax);
                case IIncrementOrDecrementOperation increment when ReferenceEquals(increment.Target, reference):
                    return (null, increment.Syntax);
                case IArgumentOperation { Parameter: { RefKind: RefKind.Ref or RefKind.Out } } argument:
                    return (null, argument.Syntax);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } initializer:
                    return (null, initializer.Syntax);
                case IReturnOperation ret when OperationTree.EnclosingFunction(ret) == null && ret.SemanticModel?.GetEnclosingSymbol(ret.Syntax.SpanStart) is IMethodSymbol { ReturnsByRef: true }:
                    return (null, ret.Syntax);
            }

            // (a, b) = … and out-var deconstructions write through a tuple.
            for (var p = parent; p is ITupleOperation; p = p.Parent)
            {
                if (p.Parent is IDeconstructionAssignmentOperation deconstruction && ReferenceEquals(deconstruction.Target, p))
                {
                    return (null, deconstruction.Syntax);
                }
            }

            return null;
        }

        private SourceList Parameter(IParameterReferenceOperation reference, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var parameter = reference.Parameter;
            var list = new SourceList(parameter);
            var owner = parameter.ContainingSymbol as IMethodSymbol;
            if (bindings != null && bindings.TryGet(parameter, out var bound, out var outer))
            {
                list.Items.Add(new ValueSource(bound, outer, "ProofPassed", bindings.Call.Syntax));
                AddWrites(parameter, owner != null && IsPrimaryConstructor(owner) ? null : OperationTree.Root(reference), list, cancellationToken);
                return list;
            }

            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                list.Failure = ProofText.Leaf("ProofRefParameter", list.Subject);
                return list;
            }

            list.Key = parameter.OriginalDefinition;
            CallSiteSet calls;
            switch (owner?.MethodKind)
            {
                case MethodKind.LocalFunction:
                    calls = _calls.OfLocalFunction(owner, reference, cancellationToken);
                    break;
                case MethodKind.AnonymousFunction:
                    calls = LambdaCalls(owner, reference, cancellationToken);
                    break;
                case MethodKind.Constructor when IsPrimaryConstructor(owner) && owner.ContainingType.IsValueType:
                    list.Failure = ProofText.Leaf("ProofStruct", list.Subject);
                    return list;
                case MethodKind.Ordinary:
                case MethodKind.Constructor:
                    calls = _calls.OfMethod(owner, cancellationToken);
                    break;
                case MethodKind.PropertySet when owner.AssociatedSymbol is IPropertySymbol property:
                    return Settable(property, list, cancellationToken);
                default:
                    list.Failure = ProofText.RunTime(reference);
                    return list;
            }

            if (calls.Failure != null)
            {
                list.Failure = ProofText.Leaf(calls.Failure, list.Subject, calls.FailureArgument);
                return list;
            }

            foreach (var call in calls.Calls)
            {
                var argument = ArgumentBindings.ArgumentFor(ArgumentBindings.ArgumentsOf(call), parameter.Ordinal);
                if (argument == null || argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    list.Failure = ProofText.Leaf("ProofWritten", list.Subject, ProofText.At(call.Syntax));
                    return list;
                }

                list.Items.Add(new ValueSource(argument.Value, null, "ProofPassed", call.Syntax));
            }

            // Assignments to the parameter itself: in its method, or anywhere in the type for a captured primary-constructor parameter.
            AddWrites(parameter, IsPrimaryConstructor(owner!) ? null : OperationTree.Root(reference), list, cancellationToken);
            return list;
        }

        private static bool IsPrimaryConstructor(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Constructor && !method.DeclaringSyntaxReferences.IsEmpty &&
            method.DeclaringSyntaxReferences[0].GetSyntax() is TypeDeclarationSyntax;

        /// <summary>The invocations that run a lambda: through the local or field that holds it, or the compiled query made of it.</summary>
        private CallSiteSet LambdaCalls(IMethodSymbol lambdaSymbol, IOperation reference, CancellationToken cancellationToken)
        {
            IOperation? lambda = null;
            for (var p = reference.Parent; p != null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation f && SymbolEqualityComparer.Default.Equals(f.Symbol, lambdaSymbol))
                {
                    lambda = f;
                    break;
                }
            }

            if (lambda == null)
            {
                return CallSiteSet.Fail("ProofLambdaEscapes");
            }

            return Invocations(Holder(lambda), cancellationToken);
        }

        /// <summary>The delegate value that runs <paramref name="function"/>: the lambda converted, or the compiled query built from it.</summary>
        private IOperation Holder(IOperation function)
        {
            var op = function;
            for (int hops = 0; hops < 8; hops++)
            {
                while (op.Parent is IDelegateCreationOperation || op.Parent is IConversionOperation)
                {
                    op = op.Parent;
                }

                // EF.CompileQuery((db, code) => …) returns a delegate with the lambda's parameters.
                if (op.Parent is IArgumentOperation { Parent: IInvocationOperation call } &&
                    call.TargetMethod.Name is "CompileQuery" or "CompileAsyncQuery" && call.TargetMethod.ContainingType?.Name == "EF" &&
                    call.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore")
                {
                    op = call;
                    continue;
                }

                break;
            }

            return op;
        }

        /// <summary>The invocations of the delegate <paramref name="value"/>, where the local or readonly field it is stored in is only ever invoked.</summary>
        private CallSiteSet Invocations(IOperation value, CancellationToken cancellationToken)
        {
            ISymbol? holder = null;
            IOperation? scope = null;
            switch (value.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    holder = declarator.Symbol;
                    scope = OperationTree.Root(value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when ReferenceEquals(assignment.Value, value):
                    holder = target.Local;
                    scope = OperationTree.Root(value);
                    break;
                case IFieldInitializerOperation initializer when initializer.InitializedFields.Length == 1:
                    holder = initializer.InitializedFields[0];
                    break;
            }

            if (holder == null)
            {
                return CallSiteSet.Fail("ProofLambdaEscapes");
            }

            if (holder is IFieldSymbol field)
            {
                var reach = CallSites.ReachOf(field, out _);
                if (!field.IsReadOnly || reach == Reach.External)
                {
                    return CallSiteSet.Fail(field.IsReadOnly ? "ProofPublic" : "ProofMutable");
                }

                if (reach == Reach.Internal && _calls.HasFriends(out string friends))
                {
                    return CallSiteSet.Fail("ProofFriend", friends);
                }
            }

            IEnumerable<IOperation>? references = scope != null ? LocalReferences(scope, (ILocalSymbol)holder) : _calls.References(holder, cancellationToken);
            if (references == null)
            {
                return CallSiteSet.Fail("ProofTooManyCalls", CallSites.MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var calls = System.Collections.Immutable.ImmutableArray.CreateBuilder<IOperation>();
            foreach (var reference in references)
            {
                switch (reference.Parent)
                {
                    case IInvocationOperation call when ReferenceEquals(call.Instance, reference):
                        calls.Add(call);
                        break;
                    case IConditionalAccessOperation { WhenNotNull: IInvocationOperation call } access when ReferenceEquals(access.Operation, reference):
                        calls.Add(call);
                        break;
                    default:
                        return CallSiteSet.Fail("ProofLambdaEscapes");
                }

                if (calls.Count > CallSites.MaxSites)
                {
                    return CallSiteSet.Fail("ProofTooManyCalls", CallSites.MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return calls.Count == 0 ? CallSiteSet.Fail("ProofNoCalls") : CallSiteSet.Of(calls.ToImmutable());
        }

        private static IEnumerable<IOperation> LocalReferences(IOperation root, ILocalSymbol local)
        {
            foreach (var op in root.Descendants())
            {
                if (op is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    yield return op;
                }
            }
        }

        /// <summary>
        /// Adds the writes of <paramref name="symbol"/> found in <paramref name="root"/> (or, when null, in the code that can
        /// reach it); false, with the failure set, when one of them cannot be followed or there are too many.
        /// </summary>
        private bool AddWrites(ISymbol symbol, IOperation? root, SourceList list, CancellationToken cancellationToken)
        {
            IEnumerable<IOperation>? references;
            if (root != null)
            {
                var found = new List<IOperation>();
                foreach (var op in root.Descendants())
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
                references = _calls.References(symbol, cancellationToken);
            }

            if (references == null)
            {
                list.Failure = ProofText.Leaf("ProofTooManyCalls", list.Subject, CallSites.MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return false;
            }

            foreach (var reference in references)
            {
                if (!(Write(reference) is { } write))
                {
                    continue;
                }

                if (write.Value == null || list.Items.Count > CallSites.MaxSites)
                {
                    list.Failure = write.Value == null
                        ? ProofText.Leaf("ProofWritten", list.Subject, ProofText.At(write.Site))
                        : ProofText.Leaf("ProofTooManyCalls", list.Subject, CallSites.MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return false;
                }

                list.Items.Add(new ValueSource(write.Value, null, "ProofAssigned", write.Site));
            }

            return true;
        }

        private SourceList Field(IFieldReferenceOperation reference, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var field = reference.Field.OriginalDefinition;
            var list = new SourceList(ProofText.Field(field), bindings == null ? field : null);
            if (!_context.IsInSource(field))
            {
                list.Failure = ProofText.Leaf("ProofOtherAssembly", list.Subject, field.ContainingAssembly?.Name ?? "?");
                list.Suggest = field;
                return list;
            }

            if (field.IsReadOnly)
            {
                if (!field.IsStatic && field.ContainingType.IsValueType && !field.ContainingType.IsReadOnly)
                {
                    list.Failure = ProofText.Leaf("ProofStruct", list.Subject);
                    return list;
                }
            }
            else
            {
                var reach = CallSites.ReachOf(field, out _);
                if (reach == Reach.External || (reach == Reach.Internal && _calls.HasFriends(out _)))
                {
                    list.Failure = ProofText.Leaf("ProofMutable", list.Subject);
                    list.Suggest = field;
                    return list;
                }
            }

            if (Initializer(field, cancellationToken) is { } initializer)
            {
                list.Items.Add(new ValueSource(initializer, bindings, "ProofAssigned", initializer.Syntax));
            }

            // A readonly field is written only by its type's constructors (and init accessors); a private field only by its type.
            if (!AddWrites(field, field.IsReadOnly ? new TypeScope(field.ContainingType) : null, list, bindings, cancellationToken))
            {
                return list;
            }

            if (list.Items.Count == 0)
            {
                list.Failure = ProofText.Leaf("ProofNoValue", list.Subject);
            }

            return list;
        }

        private IOperation? Initializer(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                EqualsValueClauseSyntax? clause = syntax switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer,
                    PropertyDeclarationSyntax property => property.Initializer,
                    _ => null,
                };

                if (clause != null && _context.Compilation.ContainsSyntaxTree(syntax.SyntaxTree) &&
                    _context.ModelFor(syntax.SyntaxTree).GetOperation(clause.Value, cancellationToken) is { } value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>Searches the declarations of one type for writes (the constructors of a readonly field's type).</summary>
        private sealed class TypeScope
        {
            public TypeScope(INamedTypeSymbol type) => Type = type;

            public INamedTypeSymbol Type { get; }
        }

        private bool AddWrites(ISymbol member, TypeScope? scope, SourceList list, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var before = list.Items.Count;
            bool ok;
            if (scope == null)
            {
                ok = AddWrites(member, null, list, cancellationToken);
            }
            else
            {
                ok = true;
                foreach (var reference in scope.Type.DeclaringSyntaxReferences)
                {
                    if (!_context.Compilation.ContainsSyntaxTree(reference.SyntaxTree))
                    {
                        continue;
                    }

                    var model = _context.ModelFor(reference.SyntaxTree);
                    foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
                    {
                        if (token.ValueText != member.Name || !(token.Parent is SimpleNameSyntax name))
                        {
                            continue;
                        }

                        ExpressionSyntax expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                        var op = model.GetOperation(expression, cancellationToken);
                        if (op == null || !CallSites.Refers(op, member) || !(Write(op) is { } write))
                        {
                            continue;
                        }

                        if (write.Value == null || list.Items.Count > CallSites.MaxSites)
                        {
                            list.Failure = ProofText.Leaf("ProofWritten", list.Subject, ProofText.At(write.Site));
                            return false;
                        }

                        list.Items.Add(new ValueSource(write.Value, null, "ProofAssigned", write.Site));
                    }
                }
            }

            // Writes in a constructor see the bindings of the construction being judged.
            if (ok && bindings != null)
            {
                for (int i = before; i < list.Items.Count; i++)
                {
                    var item = list.Items[i];
                    list.Items[i] = new ValueSource(item.Value, bindings, item.Link, item.Site);
                }
            }

            return ok;
        }

        private SourceList Property(IPropertyReferenceOperation reference, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var property = reference.Property.OriginalDefinition;
            var list = new SourceList(ProofText.Property(property), bindings == null ? property : null);
            if (!_context.IsInSource(property))
            {
                list.Failure = ProofText.Leaf("ProofOtherAssembly", list.Subject, property.ContainingAssembly?.Name ?? "?");
                list.Suggest = property;
                return list;
            }

            if (property.ContainingType.TypeKind == TypeKind.Interface)
            {
                list.Failure = ProofText.Leaf("ProofInterface", list.Subject, property.ContainingType.Name);
                list.Suggest = property;
                return list;
            }

            if ((property.IsVirtual || property.IsAbstract || property.IsOverride) && !property.IsSealed && !property.ContainingType.IsSealed)
            {
                list.Failure = ProofText.Leaf("ProofOverridable", list.Subject);
                list.Suggest = property;
                return list;
            }

            PropertyDeclarationSyntax? declaration = null;
            foreach (var syntaxReference in property.DeclaringSyntaxReferences)
            {
                declaration ??= syntaxReference.GetSyntax(cancellationToken) as PropertyDeclarationSyntax;
            }

            if (declaration == null || !_context.Compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                // A record's positional property, or one RetailGuard cannot read.
                list.Failure = ProofText.Leaf("ProofSettable", list.Subject);
                list.Suggest = property;
                return list;
            }

            var getter = GetterBody(declaration);
            if (getter != null)
            {
                var body = _context.ModelFor(declaration.SyntaxTree).GetOperation(getter, cancellationToken);
                if (body == null)
                {
                    list.Failure = ProofText.RunTime(reference);
                    return list;
                }

                AddReturns(body, bindings, list);
                return list;
            }

            // Without a setter, only the constructors write it; with a private one, only its type.
            var scope = new TypeScope(property.ContainingType);
            if (property.SetMethod is { } setter)
            {
                var reach = CallSites.ReachOf(setter, out var domain);
                if (reach == Reach.External || (reach == Reach.Internal && _calls.HasFriends(out _)))
                {
                    list.Failure = ProofText.Leaf("ProofSettable", list.Subject);
                    list.Suggest = property;
                    return list;
                }

                scope = reach == Reach.Private && domain != null ? new TypeScope(domain) : null;
            }

            if (Initializer(property, cancellationToken) is { } initializer)
            {
                list.Items.Add(new ValueSource(initializer, bindings, "ProofAssigned", initializer.Syntax));
            }

            if (!AddWrites(property, scope, list, bindings, cancellationToken))
            {
                return list;
            }

            if (list.Items.Count == 0)
            {
                list.Failure = ProofText.Leaf("ProofNoValue", list.Subject);
            }

            return list;
        }

        /// <summary>The <c>value</c> of a setter: what every assignment of the property sets, where only this assembly can assign it.</summary>
        private SourceList Settable(IPropertySymbol property, SourceList list, CancellationToken cancellationToken)
        {
            var reach = CallSites.ReachOf(property.SetMethod!, out _);
            if (reach == Reach.External || (reach == Reach.Internal && _calls.HasFriends(out _)))
            {
                list.Failure = ProofText.Leaf("ProofSettable", ProofText.Property(property));
                return list;
            }

            AddWrites(property, null, list, cancellationToken);
            if (list.Items.Count == 0 && list.Failure == null)
            {
                list.Failure = ProofText.Leaf("ProofNoCalls", list.Subject);
            }

            return list;
        }

        private static SyntaxNode? GetterBody(PropertyDeclarationSyntax declaration)
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

        private SourceList Returns(IInvocationOperation call, ArgumentBindings? bindings, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            var list = new SourceList(ProofText.Method(definition), bindings == null && definition.Parameters.IsEmpty ? definition : null);
            if (!_context.IsInSource(definition))
            {
                list.Failure = ProofText.RunTime(call);
                if (definition.Parameters.IsEmpty && !definition.ReturnsVoid)
                {
                    list.Failure = ProofText.Leaf("ProofOtherAssembly", list.Subject, definition.ContainingAssembly?.Name ?? "?");
                    list.Suggest = definition;
                }

                return list;
            }

            if (Implementations.IsDispatched(definition))
            {
                bool isInterface = definition.ContainingType?.TypeKind == TypeKind.Interface;
                list.Failure = isInterface
                    ? ProofText.Leaf("ProofInterface", list.Subject, definition.ContainingType!.Name)
                    : ProofText.Leaf("ProofOverridable", list.Subject);
                list.Suggest = definition;
                return list;
            }

            if (definition.IsAsync || definition.ReturnsByRef || definition.ReturnsVoid)
            {
                list.Failure = ProofText.RunTime(call);
                return list;
            }

            var body = _context.BodyOf(definition, cancellationToken);
            if (body == null)
            {
                list.Failure = ProofText.RunTime(call);
                return list;
            }

            AddReturns(body, ArgumentBindings.For(call, bindings), list);
            return list;
        }

        /// <summary>Every value the body returns (not those of the lambdas and local functions inside it); a failure for an iterator or no return.</summary>
        private static void AddReturns(IOperation body, ArgumentBindings? bindings, SourceList list)
        {
            var owner = body is ILocalFunctionOperation ? body : null;
            if (!(body is IBlockOperation) && !(body is IMethodBodyOperation) && owner == null)
            {
                // An expression body of a property getter.
                list.Items.Add(new ValueSource(body, bindings, "ProofReturns", body.Syntax));
                return;
            }

            foreach (var op in body.DescendantsAndSelf())
            {
                if (op is IReturnOperation ret && ReferenceEquals(OperationTree.EnclosingFunction(ret), owner))
                {
                    if (ret.Kind == OperationKind.YieldReturn || ret.ReturnedValue == null)
                    {
                        list.Failure = ProofText.Leaf("ProofNoValue", list.Subject);
                        return;
                    }

                    list.Items.Add(new ValueSource(ret.ReturnedValue, bindings, "ProofReturns", ret.Syntax));
                    if (list.Items.Count > CallSites.MaxSites)
                    {
                        list.Failure = ProofText.Leaf("ProofTooManyCalls", list.Subject, CallSites.MaxSites.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        return;
                    }
                }
            }

            if (list.Items.Count == 0)
            {
                list.Failure = ProofText.Leaf("ProofNoValue", list.Subject);
            }
        }
    }
}
