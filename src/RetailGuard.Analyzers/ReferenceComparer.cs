using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace RetailGuard
{
    /// <summary>
    /// Keys compared by reference: for per-compilation caches of facts about symbols. A symbol's facts depend on what it
    /// is, so two instances of one symbol (a constructed type built twice) may only cost a second entry, never a wrong one;
    /// definitions of one compilation are single instances anyway. Hashing by reference keeps look-ups off the symbol
    /// comparer, which hashes constructed types through all their type arguments.
    /// </summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new ReferenceComparer<T>();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
