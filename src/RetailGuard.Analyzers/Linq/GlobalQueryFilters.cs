using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;
using RetailGuard.Predicates;

namespace RetailGuard.Linq
{
    internal sealed class GlobalFilter
    {
        public GlobalFilter(string? name, Predicate predicate)
        {
            Name = name;
            Predicate = predicate;
        }

        /// <summary>The EF Core 10 filter name, or null for the unnamed filter.</summary>
        public string? Name { get; }

        public Predicate Predicate { get; }
    }

    /// <summary>
    /// The HasQueryFilter predicates a DbContext type declares, from OnModelCreating, the helpers it calls, and the
    /// IEntityTypeConfiguration classes it applies. Computed once per context type and compilation.
    /// </summary>
    internal sealed class GlobalQueryFilters
    {
        private const int MaxHelperDepth = 4;
        private readonly AnalysisContext _context;
        private readonly ConcurrentDictionary<ITypeSymbol, Dictionary<ITypeSymbol, List<GlobalFilter>>> _byContext =
            new ConcurrentDictionary<ITypeSymbol, Dictionary<ITypeSymbol, List<GlobalFilter>>>(SymbolEqualityComparer.Default);

        private INamedTypeSymbol[]? _configurations;

        public GlobalQueryFilters(AnalysisContext context) => _context = context;

        public ImmutableArray<GlobalFilter> For(ITypeSymbol? contextType, ITypeSymbol entity, CancellationToken cancellationToken)
        {
            if (contextType == null)
            {
                return ImmutableArray<GlobalFilter>.Empty;
            }

            var all = _byContext.GetOrAdd(contextType, t => Compute(t, cancellationToken));
            return all.TryGetValue(entity, out var list) ? list.ToImmutableArray() : ImmutableArray<GlobalFilter>.Empty;
        }

        private Dictionary<ITypeSymbol, List<GlobalFilter>> Compute(ITypeSymbol contextType, CancellationToken cancellationToken)
        {
            var result = new Dictionary<ITypeSymbol, List<GlobalFilter>>(SymbolEqualityComparer.Default);
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (var t = contextType as INamedTypeSymbol; t != null && _context.IsInSource(t); t = t.BaseType)
            {
                foreach (var member in t.GetMembers("OnModelCreating"))
                {
                    if (member is IMethodSymbol method)
                    {
                        Scan(method, 0, visited, result, cancellationToken, null);
                    }
                }
            }

            return result;
        }

        /// <param name="bindings">The arguments the method is called with (a helper's, a configuration's constructor's), or null.</param>
        private void Scan(IMethodSymbol method, int depth, HashSet<IMethodSymbol> visited, Dictionary<ITypeSymbol, List<GlobalFilter>> result, CancellationToken cancellationToken, ArgumentBindings? bindings)
        {
            if (depth > MaxHelperDepth || !visited.Add(method.OriginalDefinition))
            {
                return;
            }

            var body = _context.BodyOf(method, cancellationToken);
            if (body == null)
            {
                return;
            }

            foreach (var op in body.Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!(op is IInvocationOperation call))
                {
                    continue;
                }

                var target = call.TargetMethod;
                switch (target.Name)
                {
                    case "HasQueryFilter":
                        AddFilter(call, result, bindings);
                        break;
                    case "ApplyConfiguration":
                        if (call.Arguments.Length > 0 && OperationTree.Unwrap(call.Arguments[call.Arguments.Length - 1].Value) is { Type: INamedTypeSymbol configuration } instance)
                        {
                            // new ScopeConfiguration(RetailerCodes.Own): the configuration is judged with its constructor's arguments.
                            ScanConfiguration(configuration, depth, visited, result, cancellationToken, instance is IObjectCreationOperation ? ArgumentBindings.For(instance, bindings) : null);
                        }

                        break;
                    case "ApplyConfigurationsFromAssembly":
                        foreach (var applied in Configurations(cancellationToken))
                        {
                            ScanConfiguration(applied, depth, visited, result, cancellationToken, null);
                        }

                        break;
                    default:
                        if (_context.IsInSource(target))
                        {
                            Scan(target, depth + 1, visited, result, cancellationToken, ArgumentBindings.For(call, bindings));
                        }

                        break;
                }
            }
        }

        private void ScanConfiguration(INamedTypeSymbol configuration, int depth, HashSet<IMethodSymbol> visited, Dictionary<ITypeSymbol, List<GlobalFilter>> result, CancellationToken cancellationToken, ArgumentBindings? bindings)
        {
            foreach (var member in configuration.GetMembers("Configure"))
            {
                if (member is IMethodSymbol configure)
                {
                    Scan(configure, depth + 1, visited, result, cancellationToken, bindings);
                }
            }
        }

        private void AddFilter(IInvocationOperation call, Dictionary<ITypeSymbol, List<GlobalFilter>> result, ArgumentBindings? bindings)
        {
            var builderType = (call.Instance?.Type ?? call.TargetMethod.ContainingType) as INamedTypeSymbol;
            if (builderType == null || builderType.TypeArguments.Length != 1 || _context.Ef.EntityTypeBuilder == null ||
                !SymbolEqualityComparer.Default.Equals(builderType.OriginalDefinition, _context.Ef.EntityTypeBuilder))
            {
                return;
            }

            var entity = builderType.TypeArguments[0];
            string? name = null;
            IOperation? lambda = null;
            foreach (var arg in call.Arguments)
            {
                if (arg.Value.Type?.SpecialType == SpecialType.System_String && arg.Value.ConstantValue.HasValue)
                {
                    name = arg.Value.ConstantValue.Value as string;
                }
                else if (Flow.OperationTree.AsLambda(arg.Value) != null)
                {
                    lambda = arg.Value;
                }
            }

            var predicate = new LinqLowering(_context, bindings).LowerLambda(lambda, 0, Shape.Identity);
            if (!result.TryGetValue(entity, out var list))
            {
                list = new List<GlobalFilter>();
                result.Add(entity, list);
            }

            // Without a name, a later HasQueryFilter replaces the earlier one; keep the last.
            if (name == null)
            {
                list.RemoveAll(f => f.Name == null);
            }

            list.Add(new GlobalFilter(name, predicate));
        }

        private ImmutableArray<INamedTypeSymbol> Configurations(CancellationToken cancellationToken)
        {
            if (System.Threading.Volatile.Read(ref _configurations) is { } cached)
            {
                return cached.ToImmutableArray();
            }

            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var definition = _context.Ef.EntityTypeConfiguration;
            if (definition != null)
            {
                var stack = new Stack<INamespaceOrTypeSymbol>();
                stack.Push(_context.Compilation.Assembly.GlobalNamespace);
                while (stack.Count > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var member in stack.Pop().GetMembers())
                    {
                        if (member is INamespaceSymbol ns)
                        {
                            stack.Push(ns);
                        }
                        else if (member is INamedTypeSymbol type)
                        {
                            stack.Push(type);
                            foreach (var i in type.AllInterfaces)
                            {
                                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, definition))
                                {
                                    builder.Add(type);
                                    break;
                                }
                            }
                        }
                    }
                }
            }

            var result = builder.ToImmutable();
            System.Threading.Volatile.Write(ref _configurations, System.Linq.Enumerable.ToArray(result));
            return result;
        }
    }
}
