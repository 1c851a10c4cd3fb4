using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Flow;

namespace RetailGuard.Rules
{
    /// <summary>RG2001: rows or values from a read that is not proven filtered reach an export sink.</summary>
    internal static class RG2001UnfilteredExport
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG2001;

        /// <summary>Reported at the sink (or the call that reaches it), with the read (first) and the inner sink as additional locations.</summary>
        public static Diagnostic Create(Location at, Origin origin, string sink, IEnumerable<Location> additional) =>
            Diagnostic.Create(Descriptor, at, additional, TableProperty.Of(origin.Table), origin.Table, origin.Reason, sink);
    }
}
