using Microsoft.CodeAnalysis;

namespace RetailGuard.Linq
{
    /// <summary>The LINQ and EF Core types RetailGuard recognises, resolved once per compilation.</summary>
    internal sealed class EfSymbols
    {
        private EfSymbols(Compilation c)
        {
            DbSet = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            DbContext = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            EfQueryableExtensions = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
            RelationalQueryableExtensions = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
            EntityTypeBuilder = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1");
            EntityTypeConfiguration = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
            Queryable = c.GetTypeByMetadataName("System.Linq.Queryable");
            Enumerable = c.GetTypeByMetadataName("System.Linq.Enumerable");
            AsyncEnumerable = c.GetTypeByMetadataName("System.Linq.AsyncEnumerable");
            IQueryable = c.GetTypeByMetadataName("System.Linq.IQueryable`1");
            IOrderedQueryable = c.GetTypeByMetadataName("System.Linq.IOrderedQueryable`1");
            IEnumerable = c.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
            IAsyncEnumerable = c.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
            IIncludableQueryable = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Query.IIncludableQueryable`2");
            NavigationEntry = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
            EntityEntry = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry");
            Ef = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EF");
        }

        /// <summary>
        /// EF Core's base of <c>ReferenceEntry</c>, <c>CollectionEntry</c> and their generic forms: explicit loading of one
        /// navigation through the change tracker (<c>Load</c>, <c>LoadAsync</c>, <c>Query</c>).
        /// </summary>
        public INamedTypeSymbol? NavigationEntry { get; }

        /// <summary>EF Core's change-tracker entry of one entity (<c>DbContext.Entry(e)</c>), the base of <c>EntityEntry&lt;T&gt;</c>.</summary>
        public INamedTypeSymbol? EntityEntry { get; }

        /// <summary>EF Core's static <c>EF</c> class (<c>EF.Property</c>, <c>EF.CompileQuery</c>).</summary>
        public INamedTypeSymbol? Ef { get; }

        public INamedTypeSymbol? DbSet { get; }

        public INamedTypeSymbol? DbContext { get; }

        public INamedTypeSymbol? EfQueryableExtensions { get; }

        public INamedTypeSymbol? RelationalQueryableExtensions { get; }

        public INamedTypeSymbol? EntityTypeBuilder { get; }

        public INamedTypeSymbol? EntityTypeConfiguration { get; }

        public INamedTypeSymbol? Queryable { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? AsyncEnumerable { get; }

        public INamedTypeSymbol? IQueryable { get; }

        public INamedTypeSymbol? IOrderedQueryable { get; }

        public INamedTypeSymbol IEnumerable { get; }

        public INamedTypeSymbol? IAsyncEnumerable { get; }

        public INamedTypeSymbol? IIncludableQueryable { get; }

        public static EfSymbols Create(Compilation compilation) => new EfSymbols(compilation);

        public bool IsDbSet(ITypeSymbol? type, out ITypeSymbol element)
        {
            element = null!;
            if (DbSet != null && type is INamedTypeSymbol named && named.Arity == 1 &&
                SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, DbSet))
            {
                element = named.TypeArguments[0];
                return true;
            }

            return false;
        }

        /// <summary>True for the types a deferred query travels in: IQueryable, IEnumerable, IAsyncEnumerable and what implements them.</summary>
        public bool IsSequence(ITypeSymbol? type, out ITypeSymbol element)
        {
            element = null!;
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Enum ||
                (named.SpecialType != SpecialType.None && named.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T))
            {
                // Strings and primitives are never query results; this keeps the common case off AllInterfaces.
                return false;
            }

            if (IsSequenceDefinition(named))
            {
                element = named.TypeArguments[0];
                return true;
            }

            // Listing a type's interfaces allocates: decided once per type.
            var key = (INamedTypeSymbol)SymbolKeys.Canonical(named);
            bool constructed = SymbolKeys.IsConstructed(key);
            if (constructed && ElementOfConstructed(key, out var substituted))
            {
                // Decided from the generic definition (one instance, kept by reference): most constructed types met (Task<T>,
                // Func<T>, List<T>, Dictionary<K, V>) are settled there, without hashing their type arguments.
                element = substituted!;
                return substituted != null;
            }

            if (constructed || !_sequenceElements.TryGetValue(key, out var found))
            {
                // A constructed type (List<Order>) is a new instance wherever it is written: it is found by identity, before
                // its interfaces are listed again, and not kept by reference.
                if (!_sequenceElementsByIdentity.TryGetValue(key, out found))
                {
                    found = SequenceElement(key);
                    _sequenceElementsByIdentity.TryAdd(key, found);
                }

                if (!constructed)
                {
                    _sequenceElements.TryAdd(key, found);
                }
            }

            element = found!;
            return found != null;
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, ITypeSymbol?> _sequenceElements =
            new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, ITypeSymbol?>(ReferenceComparer<INamedTypeSymbol>.Instance);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, ITypeSymbol?> _sequenceElementsByIdentity =
            new System.Collections.Concurrent.ConcurrentDictionary<INamedTypeSymbol, ITypeSymbol?>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The sequence element of a constructed type, found from its generic definition: a constructed type's interfaces are
        /// its definition's, with the type arguments substituted, in the same order. True when that settles it: the definition
        /// is no sequence (no construction of it is), or its element is one of its own type parameters (<c>List&lt;T&gt;</c>:
        /// <c>T</c>), which the type argument replaces. False leaves the type to be decided by identity (an element such as
        /// <c>KeyValuePair&lt;K, V&gt;</c>, or a type parameter of a containing type).
        /// </summary>
        private bool ElementOfConstructed(INamedTypeSymbol constructed, out ITypeSymbol? element)
        {
            element = null;
            var definition = constructed.OriginalDefinition;
            if (!_sequenceElements.TryGetValue(definition, out var ofDefinition))
            {
                ofDefinition = IsSequenceDefinition(definition) ? definition.TypeParameters[0] : SequenceElement(definition);
                _sequenceElements.TryAdd(definition, ofDefinition);
            }

            if (ofDefinition == null)
            {
                return true;
            }

            if (ofDefinition is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type } parameter &&
                ReferenceEquals(parameter.ContainingSymbol, definition) && parameter.Ordinal < constructed.TypeArguments.Length)
            {
                element = constructed.TypeArguments[parameter.Ordinal];
                return true;
            }

            return false;
        }

        private ITypeSymbol? SequenceElement(INamedTypeSymbol named)
        {
            foreach (var i in named.AllInterfaces)
            {
                if (i.Arity == 1 && (Is(i, IQueryable) || Is(i, IAsyncEnumerable)))
                {
                    return i.TypeArguments[0];
                }
            }

            foreach (var i in named.AllInterfaces)
            {
                if (Is(i, IEnumerable))
                {
                    return i.TypeArguments[0];
                }
            }

            return null;
        }

        /// <summary>True for IQueryable/IOrderedQueryable/IIncludableQueryable/DbSet: a query not yet executed.</summary>
        public bool IsQueryable(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return false;
            }

            if (Is(named, IQueryable) || Is(named, IOrderedQueryable) || Is(named, DbSet) || Is(named, IIncludableQueryable))
            {
                return true;
            }

            foreach (var i in named.AllInterfaces)
            {
                if (Is(i, IQueryable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for a navigation entry of the change tracker (<see cref="NavigationEntry"/> or a type derived from it).</summary>
        public bool IsNavigationEntry(ITypeSymbol? type) => DerivesFrom(type, NavigationEntry);

        /// <summary>True for an entity entry of the change tracker (<see cref="EntityEntry"/> or <c>EntityEntry&lt;T&gt;</c>).</summary>
        public bool IsEntityEntry(ITypeSymbol? type) => DerivesFrom(type, EntityEntry);

        /// <summary>True for <see cref="DbContext"/> or a type derived from it.</summary>
        public bool IsDbContext(ITypeSymbol? type) => DerivesFrom(type, DbContext);

        private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? root)
        {
            if (root == null)
            {
                return false;
            }

            for (int depth = 0; type != null && depth < 16; depth++, type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, root))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsLinqOperatorType(INamedTypeSymbol? type) =>
            type != null && (Is(type, Queryable) || Is(type, Enumerable) || Is(type, EfQueryableExtensions) ||
                             Is(type, RelationalQueryableExtensions) || Is(type, AsyncEnumerable));

        public bool IsEnumerableOperatorType(INamedTypeSymbol? type) => type != null && (Is(type, Enumerable) || Is(type, AsyncEnumerable));

        private bool IsSequenceDefinition(INamedTypeSymbol named) =>
            named.Arity == 1 &&
            (Is(named, IQueryable) || Is(named, IOrderedQueryable) || Is(named, IEnumerable) || Is(named, IAsyncEnumerable) || Is(named, DbSet));

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? definition) => Flow.KnownTypes.Is(type, definition);
    }
}
