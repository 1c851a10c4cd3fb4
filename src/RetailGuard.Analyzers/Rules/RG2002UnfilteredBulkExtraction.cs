using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Flow;

namespace RetailGuard.Rules
{
    /// <summary>RG2002: bulk extraction into another table or store (INSERT … SELECT, SELECT … INTO, MERGE, SqlBulkCopy, EF bulk inserts) without the filter.</summary>
    internal static class RG2002UnfilteredBulkExtraction
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG2002;

        public static Diagnostic Create(Location at, Origin origin, string destination, IEnumerable<Location> additional) =>
            Diagnostic.Create(Descriptor, at, additional, TableProperty.Of(origin.Table), origin.Table, origin.Reason, destination);

        /// <summary>With the properties the SQL fix reads (<see cref="Sql.SqlFixInfo"/>), for a bulk statement whose SELECT can take the filter.</summary>
        public static Diagnostic Create(Location at, Origin origin, string destination, IEnumerable<Location> additional, System.Collections.Immutable.ImmutableDictionary<string, string?> properties) =>
            Diagnostic.Create(Descriptor, at, additional, properties.SetItem(Diagnostics.DiagnosticProperties.Table, origin.Table), origin.Table, origin.Reason, destination);
    }
}
