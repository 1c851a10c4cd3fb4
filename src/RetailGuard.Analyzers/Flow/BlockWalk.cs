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
    /// per-block registrations of an operation block start action. The one difference: the driver also hands operation
    /// actions the root of a method's tree (<c>IMethodBodyOperation</c>, <c>IConstructorBodyOperation</c>), whose children
    /// are the operation blocks; no visitor of RetailGuard looks at those kinds. BlockWalkTests holds this to the driver.
    /// </summary>
    internal static class BlockWalk
    {
        /// <summary>A stack kept per thread for the next walk; a walk started inside another one (from a visitor) makes its own.</summary>
        [System.ThreadStatic]
        private static Entry[]? _spare;

        /// <summary>The stack's initial length; it doubles when a walk needs more.</summary>
        private const int InitialDepth = 64;

        /// <summary>
        /// One slot of the stack. A struct, so that a push writes a field and not an element of an interface-typed array: the
        /// runtime checks the type of every object stored in an <c>IOperation[]</c> (array covariance), and that check showed
        /// among the walk's own costs.
        /// </summary>
        private struct Entry
        {
            public IOperation Operation;
        }

        /// <summary>Visits every operation of <paramref name="blocks"/> with an explicit stack (no recursion whose depth the code decides).</summary>
        /// <exception cref="System.OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked at each block statement).</exception>
        public static void Walk<T>(ImmutableArray<IOperation> blocks, T visitor, CancellationToken cancellationToken)
            where T : class, IBlockVisitor
        {
            var stack = _spare ?? new Entry[InitialDepth];
            _spare = null;
            int count = 0;
            try
            {
                for (int i = blocks.Length - 1; i >= 0; i--)
                {
                    Push(ref stack, ref count, blocks[i]);
                }

                while (count > 0)
                {
                    var operation = stack[--count].Operation;
                    stack[count].Operation = null!;
                    if (operation.Kind == OperationKind.Block)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    visitor.Visit(operation);
                    foreach (var child in operation.ChildOperations.Reverse())
                    {
                        Push(ref stack, ref count, child);
                    }
                }
            }
            finally
            {
                // A popped slot is cleared as it is popped; what a cancelled walk left is cleared here, so that the spare
                // stack keeps no operation tree alive.
                System.Array.Clear(stack, 0, count);
                _spare = stack;
            }
        }

        private static void Push(ref Entry[] stack, ref int count, IOperation operation)
        {
            if (count == stack.Length)
            {
                System.Array.Resize(ref stack, stack.Length * 2);
            }

            stack[count++].Operation = operation;
        }
    }
}
