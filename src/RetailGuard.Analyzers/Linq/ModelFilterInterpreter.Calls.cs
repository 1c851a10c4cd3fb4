using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    internal sealed partial class ModelFilterInterpreter
    {
        private const string NotALambda =
            "the query filter is not a lambda RetailGuard can read (built with Expression factories, or passed from elsewhere)";

        private ModelValue EvalInvocation(IInvocationOperation call, ModelFrame frame)
        {
            var target = call.TargetMethod;
            var receiver = call.Instance == null ? ModelValue.Unknown : Eval(call.Instance, frame);
            var args = new ModelValue[target.Parameters.Length];
            var given = new IOperation?[target.Parameters.Length];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = ModelValue.Unknown;
            }

            foreach (var argument in call.Arguments)
            {
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                var value = argument.ArgumentKind == ArgumentKind.DefaultValue ? ModelValue.OfConstant(argument.Value.ConstantValue.HasValue ? argument.Value.ConstantValue.Value : null)
                    : Eval(argument.Value, frame);
                if (ordinal >= 0 && ordinal < args.Length)
                {
                    args[ordinal] = value;
                    given[ordinal] = argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
                }
            }

            if (_state == null || Exhausted != null)
            {
                return ModelValue.Unknown;
            }

            if (_symbols.IsQueryFilterMethod(target, out var filterKey))
            {
                return InstallSanctioned(target, filterKey, receiver, args, frame);
            }

            if (IsEf(target))
            {
                return EvalEfCall(call, target, receiver, args, given, frame);
            }

            if (target.MethodKind == MethodKind.DelegateInvoke)
            {
                if (receiver.Kind == ModelValueKind.Function)
                {
                    return RunFunction(receiver, args, call, frame);
                }

                ObscureWhatIsPassed(receiver, args, "a delegate RetailGuard cannot resolve is run with the model builder");
                return ModelValue.Unknown;
            }

            if (_context.IsInSource(target))
            {
                return RunMethod(target, receiver, args, frame, ArgumentBindings.For(call, frame.Bindings));
            }

            var known = EvalLibraryCall(target, call.Instance, receiver, args, frame);
            if (known != null)
            {
                return known;
            }

            ObscureWhatIsPassed(receiver, args, "'" + target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) +
                "' may change the query filters, and RetailGuard cannot see its body", target.ContainingAssembly);
            return FromType(target.ReturnType, frame);
        }

        /// <summary>
        /// EF Core and its database providers: their model-building methods other than the query-filter ones leave query
        /// filters alone (they configure tables, keys, columns, conventions).
        /// </summary>
        private static readonly string[] EfAssemblyPrefixes =
        {
            "Microsoft.EntityFrameworkCore", "Npgsql.EntityFrameworkCore", "Pomelo.EntityFrameworkCore", "Oracle.EntityFrameworkCore",
            "MySql.EntityFrameworkCore", "FirebirdSql.EntityFrameworkCore", "IBM.EntityFrameworkCore", "EFCore.NamingConventions",
        };

        private static bool IsEf(IMethodSymbol method)
        {
            if (!(method.ContainingAssembly?.Name is { } name))
            {
                return false;
            }

            foreach (var prefix in EfAssemblyPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A method RetailGuard cannot see is given a builder or metadata: the filters it reaches may be replaced. Given an
        /// entity type's builder, that entity type's filters; given the model builder or model, the filters of every entity
        /// type the method's <paramref name="library"/> can name (it references the entity's assembly) or that names the
        /// library (the entity type, its base types, interfaces or attributes come from it), or of every entity type when the
        /// library is not known.
        /// </summary>
        private void ObscureWhatIsPassed(ModelValue receiver, ModelValue[] args, string why, IAssemblySymbol? library = null)
        {
            if (_state == null)
            {
                return;
            }

            foreach (var value in Prepend(receiver, args))
            {
                switch (value.Kind)
                {
                    case ModelValueKind.ModelBuilder:
                    case ModelValueKind.Model:
                    case ModelValueKind.EntityTypes:
                        if (library == null)
                        {
                            _state.ObscureAll(why);
                        }
                        else
                        {
                            foreach (var pair in _state.Entities)
                            {
                                if (CanReach(library, pair.Key.Type))
                                {
                                    pair.Value.Obscure(why);
                                }
                            }
                        }

                        return;
                    case ModelValueKind.EntityTypeBuilder:
                    case ModelValueKind.EntityType:
                        _state.Of(value.Entity).Obscure(why);
                        break;
                }
            }
        }

        private static bool CanReach(IAssemblySymbol library, ITypeSymbol entity)
        {
            var home = entity.ContainingAssembly;
            if (home == null || SymbolEqualityComparer.Default.Equals(home, library))
            {
                return true;
            }

            foreach (var module in library.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (SymbolEqualityComparer.Default.Equals(referenced, home))
                    {
                        return true;
                    }
                }
            }

            for (var t = entity; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, library) || NamesLibrary(t.GetAttributes(), library))
                {
                    return true;
                }
            }

            foreach (var i in entity.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.ContainingAssembly, library))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesLibrary(ImmutableArray<AttributeData> attributes, IAssemblySymbol library)
        {
            foreach (var attribute in attributes)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass?.ContainingAssembly, library))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<ModelValue> Prepend(ModelValue first, ModelValue[] rest)
        {
            yield return first;
            foreach (var v in rest)
            {
                yield return v;
            }
        }

        /// <summary>Reflection and LINQ calls that model building uses to pick entity types and configurations.</summary>
        private ModelValue? EvalLibraryCall(IMethodSymbol target, IOperation? instance, ModelValue receiver, ModelValue[] args, ModelFrame frame)
        {
            var type = target.ContainingType;
            var container = type == null ? null : (type.ContainingNamespace == null || type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName
                : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName);
            var name = target.Name;
            var first = target.IsStatic && args.Length > 0 ? args[0] : receiver;
            switch (container)
            {
                case "System.Linq.Enumerable" when first.Kind == ModelValueKind.EntityTypes:
                    if (name == "Where" && args.Length == 2 && args[1].Kind == ModelValueKind.Function)
                    {
                        var kept = ImmutableArray.CreateBuilder<(EntityKey, bool)>();
                        foreach (var (entity, maybe) in first.Entities)
                        {
                            var decided = Decide(args[1], ModelValue.EntityTypeOf(entity), frame);
                            if (decided != false)
                            {
                                kept.Add((entity, maybe || decided == null));
                            }
                        }

                        return ModelValue.Sequence(kept.ToImmutable());
                    }

                    return name is "ToList" or "ToArray" or "AsEnumerable" or "OfType" or "Cast" or "ToHashSet" ? first : null;
                case "System.Reflection.Assembly" when name == "GetExecutingAssembly" || name == "GetCallingAssembly":
                    return ModelValue.OfAssembly(_context.Compilation.Assembly);
                case "System.Reflection.Assembly" when name == "GetAssembly" && args.Length == 1 && args[0].Kind == ModelValueKind.Type:
                    return TypeProperty(args[0].Type!, "Assembly");
                case "System.Reflection.IntrospectionExtensions" when name == "GetTypeInfo":
                    return first;
                case "System.Object" when name == "GetType" && (instance == null || instance is IInstanceReferenceOperation):
                    // GetType() of the context itself: its assembly is the assembly of the context.
                    return ModelValue.OfType(_contextType);
                case "System.Reflection.MethodBase" when name == "Invoke":
                case "System.Reflection.MethodInfo" when name == "Invoke":
                    _state?.ObscureAll("model building runs a method through reflection, which RetailGuard does not follow");
                    return ModelValue.Unknown;
                case "System.Type" when receiver.Kind == ModelValueKind.Type:
                    return TypeCall(receiver.Type!, name, args);
                case "System.String" when first.AsString != null && args.Length >= 1:
                    {
                        var text = first.AsString!;
                        var other = (target.IsStatic ? (args.Length > 1 ? args[1] : ModelValue.Unknown) : args[0]).AsString;
                        if (other == null)
                        {
                            return ModelValue.Unknown;
                        }

                        return name switch
                        {
                            "StartsWith" => ModelValue.OfConstant(text.StartsWith(other, StringComparison.Ordinal)),
                            "EndsWith" => ModelValue.OfConstant(text.EndsWith(other, StringComparison.Ordinal)),
                            "Contains" => ModelValue.OfConstant(text.IndexOf(other, StringComparison.Ordinal) >= 0),
                            "Equals" => ModelValue.OfConstant(string.Equals(text, other, StringComparison.Ordinal)),
                            _ => ModelValue.Unknown,
                        };
                    }
            }

            if (target.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
            {
                return FromType(target.ReturnType, frame);
            }

            return null;
        }

        private ModelValue TypeCall(ITypeSymbol type, string name, ModelValue[] args)
        {
            var other = args.Length == 1 && args[0].Kind == ModelValueKind.Type ? args[0].Type : null;
            switch (name)
            {
                case "IsAssignableFrom" when other != null:
                    return ModelValue.OfConstant(IsAssignable(type, other));
                case "IsSubclassOf" when other != null:
                    return ModelValue.OfConstant(!SymbolEqualityComparer.Default.Equals(type, other) && IsAssignable(other, type) && other.TypeKind != TypeKind.Interface);
                case "IsAssignableTo" when other != null:
                    return ModelValue.OfConstant(IsAssignable(other, type));
                case "GetProperty" when args.Length >= 1 && args[0].AsString is { } property:
                    return HasProperty(type, property) ? ModelValue.OfType(type) : ModelValue.Null;
                default:
                    return ModelValue.Unknown;
            }
        }

        private static bool IsAssignable(ITypeSymbol to, ITypeSymbol from)
        {
            for (var t = from; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, to) || SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, to))
                {
                    return true;
                }
            }

            foreach (var i in from.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i, to) || SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, to))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasProperty(ITypeSymbol type, string name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var member in t.GetMembers(name))
                {
                    if (member is IPropertySymbol)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A predicate lambda run on one value: its result when the lambda is one expression RetailGuard can decide.</summary>
        private bool? Decide(ModelValue predicate, ModelValue argument, ModelFrame frame)
        {
            if (!(predicate.Function is IAnonymousFunctionOperation lambda) || lambda.Symbol.Parameters.Length != 1 ||
                OperationTree.LambdaResult(lambda) is not { } result)
            {
                return null;
            }

            var inner = new ModelFrame(predicate.Frame ?? frame, null, frame.Bindings, frame.Depth);
            inner.Declare(lambda.Symbol.Parameters[0], argument);
            var saved = _state;
            _state = saved?.Clone();
            var decided = Eval(result, inner).AsBool;
            _state = saved;
            return decided;
        }

        private ModelValue EvalEfCall(IInvocationOperation call, IMethodSymbol target, ModelValue receiver, ModelValue[] args, IOperation?[] given, ModelFrame frame)
        {
            var self = target.IsStatic && args.Length > 0 ? args[0] : receiver;
            switch (target.Name)
            {
                case "HasQueryFilter" when self.Kind == ModelValueKind.EntityTypeBuilder || IsEntityTypeBuilder(target.ContainingType):
                case "SetQueryFilter":
                    SetFilter(target, self, args, frame);
                    return target.ReturnsVoid ? ModelValue.Unknown : (self.Kind == ModelValueKind.EntityTypeBuilder ? self : FromType(target.ReturnType, frame));
                case "Entity" when self.Kind == ModelValueKind.ModelBuilder:
                case "SharedTypeEntity" when self.Kind == ModelValueKind.ModelBuilder:
                    return EvalEntity(target, args, frame);
                case "ApplyConfiguration" when self.Kind == ModelValueKind.ModelBuilder:
                    ApplyConfiguration(target, given, frame);
                    return ModelValue.ModelBuilder;
                case "ApplyConfigurationsFromAssembly" when self.Kind == ModelValueKind.ModelBuilder:
                    ApplyConfigurationsFromAssembly(args, frame);
                    return ModelValue.ModelBuilder;
                case "GetEntityTypes" when self.Kind == ModelValueKind.Model:
                    {
                        var all = ImmutableArray.CreateBuilder<(EntityKey, bool)>();
                        foreach (var c in _candidates)
                        {
                            all.Add((c, false));
                        }

                        return ModelValue.Sequence(all.ToImmutable());
                    }

                case "FindEntityType" when self.Kind == ModelValueKind.Model:
                    return args.Length == 1 && args[0].Kind == ModelValueKind.Type ? ModelValue.EntityTypeOf(new EntityKey(args[0].Type!, null)) : ModelValue.Unknown;
                case "FindProperty" when self.Kind == ModelValueKind.EntityType && args.Length == 1 && args[0].AsString is { } property:
                    return HasProperty(self.Type!, property) ? ModelValue.OfType(self.Type!) : ModelValue.Unknown;
                case "OnModelCreating":
                    // DbContext.OnModelCreating, reached through base.OnModelCreating: it configures nothing.
                    return ModelValue.Unknown;
                case "HasAnnotation" or "SetAnnotation" or "AddAnnotation" or "SetOrRemoveAnnotation" or "RemoveAnnotation"
                    when self.Kind == ModelValueKind.EntityTypeBuilder || self.Kind == ModelValueKind.EntityType:
                    {
                        // The query filter annotation set directly ("QueryFilter", or a name RetailGuard cannot read).
                        var annotation = args.Length > (target.IsStatic ? 1 : 0) ? args[target.IsStatic ? 1 : 0].AsString : null;
                        if (annotation == null || annotation.IndexOf("QueryFilter", StringComparison.Ordinal) >= 0)
                        {
                            _state?.Of(self.Entity).Obscure("the query filter annotation is set directly, which RetailGuard does not read");
                        }

                        return self.Kind == ModelValueKind.EntityTypeBuilder ? self : FromType(target.ReturnType, frame);
                    }

            }

            var result = FromType(target.ReturnType, frame);
            if (result.Kind == ModelValueKind.Unknown && self.Kind == ModelValueKind.EntityTypeBuilder && IsEntityTypeBuilder(target.ReturnType as INamedTypeSymbol))
            {
                return self;
            }

            if (result.Kind == ModelValueKind.EntityTypeBuilder && self.Kind == ModelValueKind.EntityTypeBuilder)
            {
                return self;
            }

            return result;
        }

        private bool IsEntityTypeBuilder(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, _context.Ef.EntityTypeBuilder) ||
                    SymbolEqualityComparer.Default.Equals(t, _symbols.EntityTypeBuilder))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Entity&lt;T&gt;()</c>, <c>Entity&lt;T&gt;(b =&gt; …)</c>, <c>Entity(typeof(T))</c>, <c>SharedTypeEntity&lt;T&gt;(name, …)</c>.</summary>
        private ModelValue EvalEntity(IMethodSymbol target, ModelValue[] args, ModelFrame frame)
        {
            ITypeSymbol? type = target.TypeArguments.Length == 1 ? frame.Substitute(target.TypeArguments[0]) : null;
            string? shared = null;
            ModelValue? action = null;
            bool known = type != null && !(type is ITypeParameterSymbol);
            for (int i = 0; i < args.Length; i++)
            {
                var p = target.Parameters[i];
                if (p.Type.SpecialType == SpecialType.System_String)
                {
                    shared = args[i].AsString;
                    known &= shared != null || target.Name != "SharedTypeEntity";
                    if (target.Name == "Entity")
                    {
                        // Entity("name"): an entity type by name, which RetailGuard does not map to a CLR type.
                        known = false;
                    }
                }
                else if (p.Type is INamedTypeSymbol { Name: "Type" } && args[i].Kind == ModelValueKind.Type)
                {
                    type = args[i].Type;
                    known = true;
                }
                else if (p.Type.TypeKind == TypeKind.Delegate)
                {
                    action = args[i];
                }
                else if (p.Type is INamedTypeSymbol { Name: "Type" })
                {
                    known = false;
                }
            }

            ModelValue builder = known && type != null ? ModelValue.Builder(new EntityKey(type, target.Name == "SharedTypeEntity" ? shared : null)) : ModelValue.Unknown;
            if (builder.Kind == ModelValueKind.EntityTypeBuilder)
            {
                AddCandidate(builder.Entity);
            }

            if (action != null)
            {
                if (action.Kind == ModelValueKind.Function && builder.Kind == ModelValueKind.EntityTypeBuilder)
                {
                    RunFunction(action, new[] { builder }, null, frame);
                }
                else if (builder.Kind == ModelValueKind.EntityTypeBuilder)
                {
                    _state?.Of(builder.Entity).Obscure("the build action of the entity type is not one RetailGuard can follow");
                }
                else if (action.Kind != ModelValueKind.Null)
                {
                    _state?.ObscureAll("a build action runs on an entity type RetailGuard cannot name");
                }

                return ModelValue.ModelBuilder;
            }

            return builder;
        }

        /// <summary><c>HasQueryFilter([key,] filter)</c> on a builder, <c>SetQueryFilter([key,] filter)</c> on an entity type.</summary>
        private void SetFilter(IMethodSymbol target, ModelValue self, ModelValue[] args, ModelFrame frame)
        {
            if (_state == null)
            {
                return;
            }

            string? key = null;
            bool keyKnown = true;
            ModelValue filter = ModelValue.Unknown;
            for (int i = 0; i < args.Length; i++)
            {
                var p = target.Parameters[i];
                if (target.IsStatic && i == 0)
                {
                    continue;
                }

                if (p.Type.SpecialType == SpecialType.System_String)
                {
                    key = args[i].AsString;
                    keyKnown = key != null;
                }
                else if (p.Type.SpecialType != SpecialType.System_Boolean)
                {
                    filter = args[i];
                }
            }

            if (self.Kind != ModelValueKind.EntityTypeBuilder && self.Kind != ModelValueKind.EntityType)
            {
                // A builder kept where RetailGuard does not follow it: EntityTypeBuilder<T> still names its entity type.
                self = FromType(frame.Substitute(target.ContainingType), frame);
            }

            if (self.Kind != ModelValueKind.EntityTypeBuilder && self.Kind != ModelValueKind.EntityType)
            {
                _state.ObscureAll("a query filter is set on an entity type RetailGuard cannot name");
                return;
            }

            var filters = _state.Of(self.Entity);
            AddCandidate(self.Entity);
            if (!keyKnown)
            {
                filters.Obscure("a query filter is set under a key that is not a constant, so which filter it replaces is not known");
                filters.Named.Add(GlobalFilter.Unproven("?", "a query filter is set under a key that is not a constant"));
                return;
            }

            filters.Set(key, ToFilter(key, filter, frame));
        }

        private GlobalFilter? ToFilter(string? key, ModelValue filter, ModelFrame frame)
        {
            switch (filter.Kind)
            {
                case ModelValueKind.Null:
                    return null;
                case ModelValueKind.Function when filter.Function is IAnonymousFunctionOperation lambda:
                    return new GlobalFilter(key, new LinqLowering(_context, filter.Frame?.Bindings ?? frame.Bindings, _cancellationToken).LowerLambda(lambda, 0, Shape.Identity), lambda);
                case ModelValueKind.Alternatives:
                    {
                        var items = ImmutableArray.CreateBuilder<Predicate>();
                        foreach (var item in filter.Items)
                        {
                            var alternative = ToFilter(key, item, frame);
                            if (alternative == null || alternative.Why != null)
                            {
                                return GlobalFilter.Unproven(key, alternative?.Why ?? "the query filter is removed on some paths of model building");
                            }

                            items.Add(alternative.Predicate);
                        }

                        return new GlobalFilter(key, new OrPredicate(items.ToImmutable()));
                    }

                default:
                    return GlobalFilter.Unproven(key, NotALambda);
            }
        }

        /// <summary>A <c>queryFilterMethods</c> method of the policy: it installs a filter that meets the policy, in its slot.</summary>
        private ModelValue InstallSanctioned(IMethodSymbol target, string? filterKey, ModelValue receiver, ModelValue[] args, ModelFrame frame)
        {
            var self = target.IsStatic && args.Length > 0 ? args[0] : receiver;
            if (_state != null && (self.Kind == ModelValueKind.EntityTypeBuilder || self.Kind == ModelValueKind.EntityType))
            {
                AddCandidate(self.Entity);
                _state.Of(self.Entity).Set(filterKey, new GlobalFilter(filterKey, Predicate.Sanctioned));
                return self.Kind == ModelValueKind.EntityTypeBuilder ? self : FromType(target.ReturnType, frame);
            }

            ObscureWhatIsPassed(receiver, args, "a query filter method of the policy is applied to an entity type RetailGuard cannot name");
            return FromType(target.ReturnType, frame);
        }

        // ---- calls into the compilation ---------------------------------------------------------------------------

        private ModelValue RunFunction(ModelValue function, ModelValue[] args, IOperation? call, ModelFrame frame)
        {
            if (function.Method != null)
            {
                return RunMethod(function.Method, ModelValue.Unknown, args, function.Frame ?? frame, call == null ? null : ArgumentBindings.ForTarget(function.Method, call, frame.Bindings));
            }

            if (!(function.Function is IAnonymousFunctionOperation lambda) || frame.Depth >= MaxDepth)
            {
                ObscureWhatIsPassed(ModelValue.Unknown, args, "a build action RetailGuard cannot follow");
                return ModelValue.Unknown;
            }

            var outer = function.Frame ?? frame;
            var inner = new ModelFrame(outer, null, outer.Bindings, frame.Depth + 1);
            var parameters = lambda.Symbol.Parameters;
            for (int i = 0; i < parameters.Length && i < args.Length; i++)
            {
                inner.Declare(parameters[i], args[i]);
            }

            Exec(lambda.Body, inner);
            _state = ModelFilterState.Join(_state, inner.Returned);
            return ModelValue.Unknown;
        }

        private ModelValue RunMethod(IMethodSymbol target, ModelValue receiver, ModelValue[] args, ModelFrame caller, ArgumentBindings? bindings)
        {
            var definition = target.OriginalDefinition;
            if (caller.Depth >= MaxDepth || !_running.Add(definition))
            {
                ObscureWhatIsPassed(receiver, args, caller.Depth >= MaxDepth
                    ? "model building calls helpers nested deeper than " + MaxDepth + " levels"
                    : "model building calls '" + target.Name + "' recursively");
                return ModelValue.Unknown;
            }

            try
            {
                var frame = new ModelFrame(target.MethodKind == MethodKind.LocalFunction ? caller : null, TypeMap(target, caller), bindings, caller.Depth + 1);
                var parameters = definition.Parameters;
                for (int i = 0; i < parameters.Length && i < args.Length; i++)
                {
                    frame.Declare(parameters[i], args[i]);
                }

                RunBody(target, frame);
                if (frame.ReturnValue is { Kind: ModelValueKind.Function or ModelValueKind.Alternatives or ModelValueKind.Null } returned)
                {
                    // A filter factory: Expression<Func<T, bool>> OwnOnly<T>() => c => …;
                    return returned;
                }

                var result = FromType(definition.ReturnType, frame);
                if (result.Kind == ModelValueKind.Unknown && IsEntityTypeBuilder(definition.ReturnType as INamedTypeSymbol))
                {
                    foreach (var value in Prepend(receiver, args))
                    {
                        if (value.Kind == ModelValueKind.EntityTypeBuilder)
                        {
                            return value;
                        }
                    }
                }

                return result;
            }
            finally
            {
                _running.Remove(definition);
            }
        }

        /// <summary>The type parameters of a method and its containing types, bound to the type arguments it is called with.</summary>
        private static Dictionary<ITypeParameterSymbol, ITypeSymbol>? TypeMap(IMethodSymbol target, ModelFrame? caller)
        {
            Dictionary<ITypeParameterSymbol, ITypeSymbol>? map = null;
            void Add(ImmutableArray<ITypeParameterSymbol> parameters, ImmutableArray<ITypeSymbol> arguments)
            {
                for (int i = 0; i < parameters.Length && i < arguments.Length; i++)
                {
                    if (!SymbolEqualityComparer.Default.Equals(parameters[i], arguments[i]))
                    {
                        map ??= new Dictionary<ITypeParameterSymbol, ITypeSymbol>(SymbolEqualityComparer.Default);
                        map[parameters[i]] = caller == null ? arguments[i] : caller.Substitute(arguments[i]);
                    }
                }
            }

            Add(target.OriginalDefinition.TypeParameters, target.TypeArguments);
            for (var t = target.ContainingType; t != null; t = t.ContainingType)
            {
                Add(t.OriginalDefinition.TypeParameters, t.TypeArguments);
            }

            if (caller?.Types != null && target.MethodKind == MethodKind.LocalFunction)
            {
                foreach (var pair in caller.Types)
                {
                    map ??= new Dictionary<ITypeParameterSymbol, ITypeSymbol>(SymbolEqualityComparer.Default);
                    if (!map.ContainsKey(pair.Key))
                    {
                        map[pair.Key] = pair.Value;
                    }
                }
            }

            return map;
        }
    }
}
