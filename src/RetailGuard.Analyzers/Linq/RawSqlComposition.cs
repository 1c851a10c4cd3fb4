using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RetailGuard.Policy;

namespace RetailGuard.Linq
{
    /// <summary>
    /// <c>FromSql</c>, <c>FromSqlRaw</c> and <c>FromSqlInterpolated</c> on a <c>DbSet</c> of a protected entity: EF Core uses the
    /// SQL as a subquery and composes the entity's query filters and every LINQ operator after it on top
    /// (<c>SELECT … FROM (raw SQL) AS c WHERE …</c>; EF Core docs "SQL Queries: Composing with LINQ", FromSqlQueryTestBase).
    /// A filter finding of the SQL text on the entity's own table therefore stands only when what EF Core composes over it does
    /// not meet the policy either; every other table the text reads, and text RetailGuard cannot read (RG1007), is judged as usual.
    /// </summary>
    internal static class RawSqlComposition
    {
        /// <summary>True for EF Core's raw-SQL query roots.</summary>
        public static bool IsFromSql(IMethodSymbol method) => method.Name is "FromSql" or "FromSqlRaw" or "FromSqlInterpolated";

        /// <summary>
        /// The protected table whose entity a raw-SQL query root on a DbSet reads, or null when <paramref name="call"/> is not one
        /// (then the SQL analysis judges every table of the text).
        /// </summary>
        public static ProtectedTable? ComposedTable(AnalysisContext context, IInvocationOperation call)
        {
            if (!IsFromSql(call.TargetMethod) || call.Arguments.Length == 0)
            {
                return null;
            }

            var receiver = call.Instance ?? call.Arguments[0].Value;
            return context.Ef.IsDbSet(Flow.OperationTree.Unwrap(receiver).Type, out var entity) && context.Policy.TryGetProtected(entity, out var table)
                ? table
                : null;
        }

        /// <summary>
        /// True when, on every path on which the query built over <paramref name="call"/> runs, what EF Core composes over the SQL
        /// (the entity's query filters in force and the LINQ operators after it) meets the policy for <paramref name="table"/>.
        /// </summary>
        public static bool CompositionMeetsPolicy(AnalysisContext context, IInvocationOperation call, ProtectedTable table, System.Threading.CancellationToken cancellationToken)
        {
            var receiver = Flow.OperationTree.Unwrap(call.Instance ?? call.Arguments[0].Value);
            var source = QuerySource.TryCreate(context, receiver, 0, cancellationToken);
            if (source == null)
            {
                return false;
            }

            var walker = new QueryWalker(context, cancellationToken);
            bool anyRun = false;
            foreach (var outcome in walker.Walk(call, ChainState.Initial, 0))
            {
                if (outcome.Kind == OutcomeKind.NotRead)
                {
                    continue;
                }

                // A query returned to callers is judged there by the SQL it holds: not proven here.
                if (outcome.Kind == OutcomeKind.Returned || Rules.ReadJudge.Judge(context, table, source, outcome.State, cancellationToken) != null)
                {
                    return false;
                }

                anyRun = true;
            }

            return anyRun;
        }

        /// <summary>A filter finding (RG1001–RG1003) of the SQL analysis on the composed table.</summary>
        public static bool IsOnComposedTable(ProtectedTable? composed, string findingTable, string id) =>
            composed != null && findingTable == composed.DisplayName && id is "RG1001" or "RG1002" or "RG1003";
    }
}
