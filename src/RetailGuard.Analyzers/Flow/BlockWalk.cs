using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Flow
{
    /// <summary>What <see cref="BlockWalk"/> hands each operation to.</summary>
    internal interface IBlockVisitor
    {
        /// <summary>Called once for every operation of the blocks, parents before their children.</summary>
        void Visit(IOperation operation);
    }

    /// <summary>
    /// One walk of a member's operation blocks inside a single operation block callback: what an operation action per kind
    /// would be handed, in the same order (each block's operations in pre-order, lambdas and local functions included, as
    /// Roslyn's driver hands them to operation actions), without the driver's bookkeeping for each operation or the
    /// per-block registrations of an operation block start action.
    /// </summary>
    internal static class BlockWalk
    {
        /// <summary>A stack kept per thread for the next walk; a walk started inside another one (from a visitor) makes its own.</summary>
        [System.ThreadStatic]
        private static Stack<IOperation>? _spare;

        /// <summary>Visits every operation of <paramref name="blocks"/> with an explicit stack (no recursion whose depth the code decides).</summary>
        /// <exception cref="System.OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked at each block statement).</exception>
        public static void Walk<T>(ImmutableArray<IOperation> blocks, T visitor, CancellationToken cancellationToken)
            where T : class, IBlockVisitor
        {
            var stack = _spare ?? new Stack<IOperation>();
            _spare = null;
            try
            {
                stack.Clear();
                for (int i = blocks.Length - 1; i >= 0; i--)
                {
                    stack.Push(blocks[i]);
                }

                while (stack.Count > 0)
                {
                    var operation = stack.Pop();
                    if (operation.Kind == OperationKind.Block)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    visitor.Visit(operation);
                    foreach (var child in operation.ChildOperations.Reverse())
                    {
                        stack.Push(child);
                    }
                }
            }
            finally
            {
                stack.Clear();
                _spare = stack;
            }
        }
    }
}
