using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;

namespace RetailGuard.Linq
{
    internal sealed partial class ModelFilterInterpreter
    {
        /// <summary><c>ApplyConfiguration(new X(…))</c>: X.Configure runs with the builder of the entity type and X's constructor arguments.</summary>
        private void ApplyConfiguration(IMethodSymbol target, IOperation?[] given, ModelFrame frame)
        {
            if (target.TypeArguments.Length != 1 || given.Length != 1 || given[0] == null)
            {
                _state?.ObscureAll("a configuration RetailGuard cannot follow is applied");
                return;
            }

            var entity = frame.Substitute(target.TypeArguments[0]);
            var argument = OperationTree.Unwrap(given[0]!);
            if (argument is ILocalReferenceOperation local && SingleAssignment.ValueOf(local.Local, local) is { } assigned)
            {
                // var configuration = new ScopeConfiguration(RetailerCodes.Own); modelBuilder.ApplyConfiguration(configuration);
                argument = OperationTree.Unwrap(assigned);
            }
            var creation = argument as IObjectCreationOperation;
            var configuration = creation?.Type as INamedTypeSymbol ?? argument.Type as INamedTypeSymbol;
            if (configuration != null)
            {
                configuration = frame.Substitute(configuration) as INamedTypeSymbol;
            }

            if (configuration == null || entity is ITypeParameterSymbol ||
                (creation == null && !(configuration.IsSealed || configuration.IsValueType)))
            {
                ObscureEntity(entity, "a configuration whose type RetailGuard cannot tell is applied to the entity type");
                return;
            }

            RunConfiguration(configuration, entity, creation == null ? null : ArgumentBindings.For(creation, frame.Bindings), frame);
        }

        private void ObscureEntity(ITypeSymbol entity, string why)
        {
            if (entity is ITypeParameterSymbol)
            {
                _state?.ObscureAll(why);
            }
            else
            {
                _state?.Of(new EntityKey(entity, null)).Obscure(why);
            }
        }

        private void RunConfiguration(INamedTypeSymbol configuration, ITypeSymbol entity, ArgumentBindings? bindings, ModelFrame frame)
        {
            var configure = _symbols.ConfigureOf(configuration, entity);
            if (configure == null || !_context.IsInSource(configure))
            {
                ObscureEntity(entity, "the configuration '" + configuration.Name + "' is compiled elsewhere; RetailGuard cannot see what it does to the query filters");
                return;
            }

            AddCandidate(new EntityKey(entity, null));
            RunMethod(configure, ModelValue.Unknown, new[] { ModelValue.Builder(new EntityKey(entity, null)) }, frame, bindings);
        }

        /// <summary>
        /// <c>ApplyConfigurationsFromAssembly(assembly[, predicate])</c> as EF Core's ModelBuilder runs it: the assembly's
        /// constructible types (not abstract, not open generic) ordered by <c>Type.FullName</c>; those with a parameterless
        /// constructor (of any accessibility) and accepted by the predicate apply every <c>IEntityTypeConfiguration&lt;T&gt;</c>
        /// they implement.
        /// </summary>
        private void ApplyConfigurationsFromAssembly(ModelValue[] args, ModelFrame frame)
        {
            if (_state == null)
            {
                return;
            }

            var assembly = args.Length > 0 ? args[0] : ModelValue.Unknown;
            var predicate = args.Length > 1 ? args[1] : ModelValue.Null;
            if (assembly.Kind != ModelValueKind.Assembly)
            {
                _state.ObscureAll("configurations are applied from an assembly RetailGuard cannot tell");
                return;
            }

            bool own = SymbolEqualityComparer.Default.Equals(assembly.Assembly, _context.Compilation.Assembly);
            foreach (var type in _symbols.ConfigurationsOf(assembly.Assembly!, _cancellationToken))
            {
                if (_state == null || Exhausted != null)
                {
                    return;
                }

                // A metadata type's private constructors are not visible: its configuration may apply.
                if (own && !HasParameterlessConstructor(type))
                {
                    continue;
                }

                bool? accepted = predicate.Kind == ModelValueKind.Null ? true
                    : predicate.Kind == ModelValueKind.Function ? Decide(predicate, ModelValue.OfType(type), frame)
                    : null;
                if (accepted == false)
                {
                    continue;
                }

                foreach (var entity in _symbols.ConfiguredEntities(type))
                {
                    var before = accepted == null ? _state?.Clone() : null;
                    if (own)
                    {
                        RunConfiguration(type, entity, null, frame);
                    }
                    else
                    {
                        ObscureEntity(entity, "the configuration '" + type.Name + "' of assembly '" + assembly.Assembly!.Name +
                            "' is compiled elsewhere; RetailGuard cannot see what it does to the query filters");
                    }

                    if (accepted == null)
                    {
                        _state = ModelFilterState.Join(before, _state);
                    }
                }
            }
        }

        private static bool HasParameterlessConstructor(INamedTypeSymbol type)
        {
            if (type.IsValueType)
            {
                return true;
            }

            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.Parameters.Length == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
