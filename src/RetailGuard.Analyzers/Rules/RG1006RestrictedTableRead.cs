using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Rules
{
    /// <summary>RG1006: a restricted table (for example the transmission division's e-forms) is read at all.</summary>
    internal static class RG1006RestrictedTableRead
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1006;

        public static Diagnostic Create(RestrictedTable table, Location location) =>
            Diagnostic.Create(Descriptor, location, TableProperty.Of(table.DisplayName), table.DisplayName, table.Reason);

        /// <summary>A read through SQL objects: the reason says where, and their files are additional locations.</summary>
        public static Diagnostic Create(RestrictedTable table, Location location, string reason, IEnumerable<Location> additional) =>
            Diagnostic.Create(Descriptor, location, additional, TableProperty.Of(table.DisplayName), table.DisplayName, reason);
    }
}
