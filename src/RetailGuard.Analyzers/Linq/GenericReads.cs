using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Linq
{
    /// <summary>
    /// Generic data access judged per instantiation: <c>Set&lt;T&gt;()</c>, <c>Find&lt;T&gt;</c> or explicit loading of a type
    /// parameter inside a generic method or a member of a generic type (<c>Repository&lt;T&gt;.All()</c>,
    /// <c>CountOf&lt;T&gt;(db)</c>) reads the rows of whichever entity a call supplies. Each call of this compilation that
    /// supplies a protected or restricted entity is judged with the callee's body, and what runs there is reported at the call.
    /// Calls the body makes to other generic members with the same type parameter are followed, up to
    /// <see cref="AnalysisContext.MaxCallDepth"/> deep.
    /// </summary>
    internal static class GenericReads
    {
        /// <summary>The sources the body of <paramref name="call"/>'s target reads for the entities among its type arguments; empty for most calls.</summary>
        public static List<QuerySource>? At(AnalysisContext context, IInvocationOperation call, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            if (!method.IsGenericMethod && method.ContainingType?.IsGenericType != true)
            {
                return null;
            }

            var hits = Hits(context, method, call, 0, cancellationToken);
            if (hits.IsEmpty)
            {
                return null;
            }

            var found = new List<QuerySource>(hits.Length);
            foreach (var hit in hits)
            {
                found.Add(hit.Source.ForInstantiation(call, ContextFromCall(hit.Source, hit.Body, hit.Call ?? call)));
            }

            return found;
        }

        /// <summary>
        /// What the bodies <paramref name="method"/> can run read for the entities among its type arguments, with the calls
        /// they make to other generic members followed. It does not depend on the call site: it is found once per constructed
        /// callee and depth, and every call that supplies the same entity shares it. The one exception is a call inside the
        /// callee's own bodies (recursion), which the walk must not follow into itself: found for that call alone.
        /// </summary>
        /// <param name="call">The call that reaches <paramref name="method"/> at this depth.</param>
        private static ImmutableArray<Hit> Hits(AnalysisContext context, IMethodSymbol method, IInvocationOperation call, int depth, CancellationToken cancellationToken)
        {
            if (depth > AnalysisContext.MaxCallDepth || !context.IsInSource(method))
            {
                return ImmutableArray<Hit>.Empty;
            }

            if (!HasGuardedTypeArgument(context, method))
            {
                return ImmutableArray<Hit>.Empty;
            }

            if (IsInside(context, call, method, cancellationToken))
            {
                return Collect(context, method, call, depth, cancellationToken);
            }

            var key = new CalleeKey(method, depth);
            return context.GenericReadHits.TryGetValue(key, out var known)
                ? known
                : context.GenericReadHits.GetOrAdd(key, Collect(context, method, null, depth, cancellationToken));
        }

        private static ImmutableArray<Hit> Collect(AnalysisContext context, IMethodSymbol method, IInvocationOperation? call, int depth, CancellationToken cancellationToken)
        {
            ImmutableArray<Hit>.Builder? found = null;
            foreach (var (parameter, entity) in GuardedTypeArguments(context, method))
            {
                foreach (var body in Bodies(context, method, cancellationToken))
                {
                    // In a body reached through an interface or an override, the implementation's own type parameter stands for the entity.
                    var typeParameter = SymbolEqualityComparer.Default.Equals(body, method.OriginalDefinition) ? parameter : null;
                    var operation = context.BodyOf(body, cancellationToken);
                    if (operation == null)
                    {
                        continue;
                    }

                    foreach (var op in operation.DescendantsAndSelf())
                    {
                        if (!(op is IPropertyReferenceOperation || op is IInvocationOperation || op is IFieldReferenceOperation))
                        {
                            continue;
                        }

                        if (op is IInvocationOperation inner && !ReferenceEquals(inner, call) && Mentions(inner.TargetMethod, typeParameter) &&
                            (inner.TargetMethod.IsGenericMethod || inner.TargetMethod.ContainingType?.IsGenericType == true) &&
                            context.IsInSource(inner.TargetMethod) && SubstituteCall(inner.TargetMethod, entity) is { } constructed)
                        {
                            foreach (var hit in Hits(context, constructed, inner, depth + 1, cancellationToken))
                            {
                                (found ??= ImmutableArray.CreateBuilder<Hit>()).Add(hit.Call == null ? new Hit(hit.Source, hit.Body, inner) : hit);
                            }
                        }

                        if (!QuerySource.ReadsTypeParameter(context, op, typeParameter))
                        {
                            continue;
                        }

                        var source = QuerySource.TryCreate(context, op, depth, cancellationToken, entity);
                        if (source == null || source.Kind == SourceKind.Producer && source.Via != null || source.Kind == SourceKind.Unseen)
                        {
                            continue;
                        }

                        (found ??= ImmutableArray.CreateBuilder<Hit>()).Add(new Hit(source, body, null));
                    }
                }
            }

            return found?.ToImmutable() ?? ImmutableArray<Hit>.Empty;
        }

        /// <summary>True when <paramref name="call"/> is written inside one of the bodies a call to <paramref name="method"/> can run.</summary>
        private static bool IsInside(AnalysisContext context, IInvocationOperation call, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var tree = call.Syntax.SyntaxTree;
            var span = call.Syntax.Span;
            foreach (var body in Bodies(context, method, cancellationToken))
            {
                foreach (var reference in body.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == tree && reference.Span.Contains(span))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="method"/> or its containing types bind a protected or restricted entity to a type parameter.</summary>
        private static bool HasGuardedTypeArgument(AnalysisContext context, IMethodSymbol method)
        {
            foreach (var _ in GuardedTypeArguments(context, method))
            {
                return true;
            }

            return false;
        }

        /// <summary>A source a callee's body reads, the body, and the call inside the bodies that led to it (null: the call at the depth that found it).</summary>
        internal readonly struct Hit
        {
            public Hit(QuerySource source, IMethodSymbol body, IInvocationOperation? call)
            {
                Source = source;
                Body = body;
                Call = call;
            }

            public QuerySource Source { get; }

            public IMethodSymbol Body { get; }

            public IInvocationOperation? Call { get; }
        }

        /// <summary>A constructed callee (by symbol identity: each call constructs its own instance) and the depth it is reached at.</summary>
        internal readonly struct CalleeKey : System.IEquatable<CalleeKey>
        {
            public CalleeKey(IMethodSymbol method, int depth)
            {
                Method = method;
                Depth = depth;
            }

            public IMethodSymbol Method { get; }

            public int Depth { get; }

            public bool Equals(CalleeKey other) => Depth == other.Depth && SymbolEqualityComparer.Default.Equals(Method, other.Method);

            public override bool Equals(object? obj) => obj is CalleeKey other && Equals(other);

            public override int GetHashCode() => unchecked(SymbolEqualityComparer.Default.GetHashCode(Method) * 31 + Depth);
        }

        /// <summary>Pairs of (type parameter, protected or restricted entity) the constructed <paramref name="method"/> binds.</summary>
        private static IEnumerable<(ITypeParameterSymbol, ITypeSymbol)> GuardedTypeArguments(AnalysisContext context, IMethodSymbol method)
        {
            for (int i = 0; i < method.TypeArguments.Length; i++)
            {
                if (IsGuarded(context, method.TypeArguments[i]))
                {
                    yield return (method.OriginalDefinition.TypeParameters[i], method.TypeArguments[i]);
                }
            }

            for (var type = method.ContainingType; type != null; type = type.ContainingType)
            {
                for (int i = 0; i < type.TypeArguments.Length; i++)
                {
                    if (IsGuarded(context, type.TypeArguments[i]))
                    {
                        yield return (type.OriginalDefinition.TypeParameters[i], type.TypeArguments[i]);
                    }
                }
            }
        }

        /// <summary>The bodies a call to <paramref name="method"/> can run: its own, and every implementation when it is dispatched.</summary>
        private static IEnumerable<IMethodSymbol> Bodies(AnalysisContext context, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var definition = method.OriginalDefinition;
            if (!definition.IsAbstract)
            {
                yield return definition;
            }

            if (Implementations.IsDispatched(definition))
            {
                foreach (var implementation in context.Implementations.Of(definition))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!SymbolEqualityComparer.Default.Equals(implementation, definition) && !implementation.IsAbstract)
                    {
                        yield return implementation;
                    }
                }
            }
        }

        /// <summary>
        /// The DbContext type the call supplies when the source's context is a parameter of the callee (<c>CountOf&lt;T&gt;(DbContext db)</c>
        /// called with a <c>FilteredContext</c>): its query filters are the ones in force.
        /// </summary>
        private static ITypeSymbol? ContextFromCall(QuerySource source, IMethodSymbol body, IInvocationOperation call)
        {
            var instance = source.Operation switch
            {
                IInvocationOperation i => i.Instance,
                IPropertyReferenceOperation p => p.Instance,
                IFieldReferenceOperation f => f.Instance,
                _ => null,
            };

            if (instance != null && Flow.OperationTree.Unwrap(instance) is IParameterReferenceOperation parameter &&
                SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, body) &&
                SymbolEqualityComparer.Default.Equals(body, call.TargetMethod.OriginalDefinition))
            {
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.Ordinal == parameter.Parameter.Ordinal)
                    {
                        return Flow.OperationTree.Unwrap(argument.Value).Type;
                    }
                }
            }

            return null;
        }

        private static bool Mentions(IMethodSymbol method, ITypeParameterSymbol? typeParameter)
        {
            foreach (var argument in method.TypeArguments)
            {
                if (typeParameter == null ? argument is ITypeParameterSymbol : SymbolEqualityComparer.Default.Equals(argument, typeParameter))
                {
                    return true;
                }
            }

            for (var type = method.ContainingType; type != null; type = type.ContainingType)
            {
                foreach (var argument in type.TypeArguments)
                {
                    if (typeParameter == null ? argument is ITypeParameterSymbol : SymbolEqualityComparer.Default.Equals(argument, typeParameter))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><paramref name="method"/> with each of its (and its type's) type-parameter arguments replaced by <paramref name="entity"/>; null when that cannot be built.</summary>
        private static IMethodSymbol? SubstituteCall(IMethodSymbol method, ITypeSymbol entity)
        {
            try
            {
                var type = method.ContainingType;
                if (type != null && type.IsGenericType)
                {
                    var arguments = new ITypeSymbol[type.TypeArguments.Length];
                    for (int i = 0; i < arguments.Length; i++)
                    {
                        arguments[i] = type.TypeArguments[i] is ITypeParameterSymbol ? entity : type.TypeArguments[i];
                    }

                    var constructedType = type.OriginalDefinition.Construct(arguments);
                    IMethodSymbol? match = null;
                    foreach (var member in constructedType.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol m && SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method.OriginalDefinition))
                        {
                            match = m;
                            break;
                        }
                    }

                    if (match == null)
                    {
                        return null;
                    }

                    method = match;
                }

                if (method.IsGenericMethod)
                {
                    var arguments = new ITypeSymbol[method.TypeArguments.Length];
                    for (int i = 0; i < arguments.Length; i++)
                    {
                        arguments[i] = method.TypeArguments[i] is ITypeParameterSymbol ? entity : method.TypeArguments[i];
                    }

                    method = method.ConstructedFrom.Construct(arguments);
                }

                return method;
            }
            catch (System.ArgumentException)
            {
                return null;
            }
        }

        private static bool IsGuarded(AnalysisContext context, ITypeSymbol type) =>
            !(type is ITypeParameterSymbol) && context.Policy.IsGuarded(type);
    }
}
