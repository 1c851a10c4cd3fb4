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
    }
}
