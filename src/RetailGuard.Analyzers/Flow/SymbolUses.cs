using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RetailGuard.Flow
{
    /// <summary>
    /// Where each local and parameter is named inside one operation tree: its declarators
    /// (<see cref="IVariableDeclaratorOperation"/>), declaration patterns (<see cref="IDeclarationPatternOperation"/>) and
    /// references (<see cref="ILocalReferenceOperation"/>, <see cref="IParameterReferenceOperation"/>), in the order of
    /// <see cref="OperationExtensions.Descendants(IOperation)"/> (the tree's own root is not included).
    /// </summary>
    /// <remarks>
    /// Built with one walk of the tree the first time any variable of it is asked about, and kept while the tree lives.
    /// Following a query variable or the writes of a local used to walk the whole body once per variable and per store;
    /// a body that reassigns one query many times (<c>q = q.Where(…)</c>) walked it once per reassignment.
    /// Symbols are matched with <see cref="SymbolEqualityComparer.Default"/>.
    /// </remarks>
    internal sealed class SymbolUses
    {
        private static readonly ConditionalWeakTable<IOperation, SymbolUses> PerTree = new ConditionalWeakTable<IOperation, SymbolUses>();
        private static readonly ConditionalWeakTable<IOperation, SymbolUses>.CreateValueCallback Create = tree => new SymbolUses(tree);
        private static readonly IOperation[] None = new IOperation[0];

        private readonly Dictionary<ISymbol, List<IOperation>> _uses = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        private SymbolUses(IOperation tree)
        {
            foreach (var op in tree.Descendants())
            {
                ISymbol? named = op switch
                {
                    ILocalReferenceOperation l => l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    IVariableDeclaratorOperation d => d.Symbol,
                    IDeclarationPatternOperation d => d.DeclaredSymbol,
                    _ => null,
                };

                if (named == null)
                {
                    continue;
                }

                if (!_uses.TryGetValue(named, out var list))
                {
                    list = new List<IOperation>(4);
                    _uses.Add(named, list);
                }

                list.Add(op);
            }
        }

        /// <summary>The operations under <paramref name="tree"/> that declare or reference <paramref name="variable"/>, in tree order; empty when none.</summary>
        public static IReadOnlyList<IOperation> Of(IOperation tree, ISymbol variable) =>
            PerTree.GetValue(tree, Create)._uses.TryGetValue(variable, out var list) ? list : (IReadOnlyList<IOperation>)None;
    }
}
