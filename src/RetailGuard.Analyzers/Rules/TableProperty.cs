using System.Collections.Immutable;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>The properties every finding starts from: its table, for approvals, the baseline and inventories.</summary>
    internal static class TableProperty
    {
        public static ImmutableDictionary<string, string?> Of(string table) =>
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Table, table);
    }
}
