using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RetailGuard
{
    /// <summary>
    /// Keys compared by reference: for per-compilation caches of facts about symbols. A symbol's facts depend on what it
    /// is, so two instances of one symbol (a constructed type built twice) may only cost a second entry, never a wrong one;
    /// definitions of one compilation are single instances anyway. Hashing by reference keeps look-ups off the symbol
    /// comparer, which hashes constructed types through all their type arguments.
    /// <para>
    /// Also the comparer of the policy's sets of definitions (own-value symbols, sanctioned filters and sources, query filter
    /// methods, exclusion symbols), which are stored and looked up as <c>OriginalDefinition</c>: within one compilation a
    /// definition is one instance, so reference equality is symbol equality there. The symbol comparer would hash a property
    /// through its parameter count, and so bind the signature of every property looked up.
    /// </para>
    /// </summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new ReferenceComparer<T>();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>
    /// Operations compared by reference and hashed by their syntax's full span and their kind. An operation tree is built
    /// anew for every compilation, and the first identity hash of an object is slow (the runtime writes it into the
    /// object's header); an operation's span and kind are already there. Operations that share a span and a kind (an
    /// implicit conversion of a conversion) only share a bucket.
    /// </summary>
    internal sealed class OperationComparer : IEqualityComparer<IOperation>
    {
        public static readonly OperationComparer Instance = new OperationComparer();

        public bool Equals(IOperation? x, IOperation? y) => ReferenceEquals(x, y);

        public int GetHashCode(IOperation operation)
        {
            var span = operation.Syntax.FullSpan;
            return unchecked((span.Start * 397) ^ (span.Length * 31) ^ (int)operation.Kind);
        }
    }

    /// <summary>Keys for the caches by reference.</summary>
    internal static class SymbolKeys
    {
        /// <summary>
        /// The one instance Roslyn keeps for a type, whatever nullable annotation it was met with. A type read with an
        /// annotation other than the type's default (<c>string</c> in a nullable-enabled file, for example) is handed
        /// out as another instance (one per symbol that reads it); as a key by reference it would miss, and add an entry, for
        /// each of them.
        /// The annotation never changes what RetailGuard decides about a type.
        /// </summary>
        public static ITypeSymbol Canonical(ITypeSymbol type) =>
            type.WithNullableAnnotation(type.IsValueType ? NullableAnnotation.NotAnnotated : NullableAnnotation.None);

        /// <summary>
        /// True for a constructed type (<c>List&lt;Order&gt;</c>, <c>Order[]</c>): Roslyn builds a new instance of it wherever
        /// a generic method's result or an array is typed, so as a key by reference it mostly misses and adds an entry.
        /// Caches decide such types by identity alone.
        /// </summary>
        public static bool IsConstructed(ITypeSymbol type) =>
            type is IArrayTypeSymbol || type is INamedTypeSymbol { IsGenericType: true } named && !ReferenceEquals(named, named.OriginalDefinition);
    }
}
