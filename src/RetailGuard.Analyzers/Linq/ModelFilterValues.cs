using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Flow;

namespace RetailGuard.Linq
{
    internal enum ModelValueKind
    {
        Unknown,
        Null,
        Constant,
        Type,
        Assembly,
        ModelBuilder,
        Model,
        EntityTypeBuilder,
        EntityType,
        EntityTypes,
        Function,
        Alternatives,
    }

    /// <summary>
    /// What an expression of OnModelCreating evaluates to, as far as query filters care: a builder or metadata object of a
    /// known entity type, a constant, a type, an assembly, a lambda or method (with the frame it closes over).
    /// </summary>
    internal sealed class ModelValue
    {
        public static readonly ModelValue Unknown = new ModelValue(ModelValueKind.Unknown);
        public static readonly ModelValue Null = new ModelValue(ModelValueKind.Null);
        public static readonly ModelValue ModelBuilder = new ModelValue(ModelValueKind.ModelBuilder);
        public static readonly ModelValue Model = new ModelValue(ModelValueKind.Model);

        private ModelValue(ModelValueKind kind) => Kind = kind;

        public ModelValueKind Kind { get; private set; }

        /// <summary>A string, bool or number (<see cref="ModelValueKind.Constant"/>).</summary>
        public object? Constant { get; private set; }

        /// <summary>The CLR type (<see cref="ModelValueKind.Type"/>) or entity type (builders, metadata).</summary>
        public ITypeSymbol? Type { get; private set; }

        public string? SharedName { get; private set; }

        public IAssemblySymbol? Assembly { get; private set; }

        /// <summary>A lambda or local function, or a method group (<see cref="Method"/>).</summary>
        public IOperation? Function { get; private set; }

        public IMethodSymbol? Method { get; private set; }

        /// <summary>The frame a lambda closes over.</summary>
        public ModelFrame? Frame { get; private set; }

        /// <summary>Entity types of a <c>GetEntityTypes()</c> sequence, each with whether it is only perhaps in it.</summary>
        public ImmutableArray<(EntityKey Entity, bool Maybe)> Entities { get; private set; }

        /// <summary>The values a conditional expression may have.</summary>
        public ImmutableArray<ModelValue> Items { get; private set; }

        public EntityKey Entity => new EntityKey(Type!, SharedName);

        public static ModelValue OfConstant(object? value) =>
            value == null ? Null : new ModelValue(ModelValueKind.Constant) { Constant = value };

        public static ModelValue OfType(ITypeSymbol type) => new ModelValue(ModelValueKind.Type) { Type = type };

        public static ModelValue OfAssembly(IAssemblySymbol assembly) => new ModelValue(ModelValueKind.Assembly) { Assembly = assembly };

        public static ModelValue Builder(EntityKey entity) =>
            new ModelValue(ModelValueKind.EntityTypeBuilder) { Type = entity.Type, SharedName = entity.SharedName };

        public static ModelValue EntityTypeOf(EntityKey entity) =>
            new ModelValue(ModelValueKind.EntityType) { Type = entity.Type, SharedName = entity.SharedName };

        public static ModelValue Sequence(ImmutableArray<(EntityKey, bool)> entities) =>
            new ModelValue(ModelValueKind.EntityTypes) { Entities = entities };

        public static ModelValue OfFunction(IOperation function, ModelFrame frame) =>
            new ModelValue(ModelValueKind.Function) { Function = function, Frame = frame };

        public static ModelValue OfMethod(IMethodSymbol method, ModelFrame frame) =>
            new ModelValue(ModelValueKind.Function) { Method = method, Frame = frame };

        public static ModelValue Either(ModelValue a, ModelValue b)
        {
            if (ReferenceEquals(a, b))
            {
                return a;
            }

            var items = ImmutableArray.CreateBuilder<ModelValue>();
            foreach (var v in new[] { a, b })
            {
                if (v.Kind == ModelValueKind.Alternatives)
                {
                    items.AddRange(v.Items);
                }
                else
                {
                    items.Add(v);
                }
            }

            return items.Count > 8 ? Unknown : new ModelValue(ModelValueKind.Alternatives) { Items = items.ToImmutable() };
        }

        public bool? AsBool => Kind == ModelValueKind.Constant && Constant is bool b ? b : (bool?)null;

        public string? AsString => Kind == ModelValueKind.Constant ? Constant as string : null;
    }

    /// <summary>The locals, parameters and type arguments of one method, lambda or local function being run.</summary>
    internal sealed class ModelFrame
    {
        private readonly Dictionary<ISymbol, ModelValue> _values = new Dictionary<ISymbol, ModelValue>(SymbolEqualityComparer.Default);

        public ModelFrame(ModelFrame? parent, Dictionary<ITypeParameterSymbol, ITypeSymbol>? types, ArgumentBindings? bindings, int depth)
        {
            Parent = parent;
            Types = types ?? parent?.Types;
            Bindings = bindings;
            Depth = depth;
        }

        public ModelFrame? Parent { get; }

        /// <summary>Type parameters of the running method and its containing types, bound to their type arguments.</summary>
        public Dictionary<ITypeParameterSymbol, ITypeSymbol>? Types { get; }

        /// <summary>The arguments the method was called with, for lowering filters that use its parameters.</summary>
        public ArgumentBindings? Bindings { get; }

        public int Depth { get; }

        /// <summary>The state at the returns met so far (null: none).</summary>
        public ModelFilterState? Returned { get; set; }

        /// <summary>The values returned so far (null: none), the lambda a filter factory returns.</summary>
        public ModelValue? ReturnValue { get; set; }

        public void Set(ISymbol symbol, ModelValue value)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f._values.ContainsKey(symbol))
                {
                    f._values[symbol] = value;
                    return;
                }
            }

            _values[symbol] = value;
        }

        public void Declare(ISymbol symbol, ModelValue value) => _values[symbol] = value;

        public bool TryGet(ISymbol symbol, out ModelValue value)
        {
            for (var f = this; f != null; f = f.Parent)
            {
                if (f._values.TryGetValue(symbol, out value!))
                {
                    return true;
                }
            }

            value = ModelValue.Unknown;
            return false;
        }

        public ITypeSymbol Substitute(ITypeSymbol type, int depth = 0)
        {
            if (Types == null || depth > 4)
            {
                return type;
            }

            if (type is ITypeParameterSymbol parameter)
            {
                return Types.TryGetValue(parameter, out var bound) ? bound : type;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && !named.IsUnboundGenericType)
            {
                var args = named.TypeArguments;
                var changed = false;
                var replaced = new ITypeSymbol[args.Length];
                for (int i = 0; i < args.Length; i++)
                {
                    replaced[i] = Substitute(args[i], depth + 1);
                    changed |= !SymbolEqualityComparer.Default.Equals(replaced[i], args[i]);
                }

                if (changed && named.ContainingType == null)
                {
                    return named.ConstructedFrom.Construct(replaced);
                }
            }

            return type;
        }
    }
}
