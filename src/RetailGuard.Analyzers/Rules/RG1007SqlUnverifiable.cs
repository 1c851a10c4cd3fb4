using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1007: SQL text that cannot be resolved statically, or does not parse, cannot be verified (fail closed).</summary>
    internal static class RG1007SqlUnverifiable
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1007;

        /// <summary>The table is unknown: the SQL could read any (<see cref="DiagnosticProperties.Table"/> is empty).</summary>
        public static Diagnostic Create(Location location, string sink, string reason) => Diagnostic.Create(Descriptor, location, TableProperty.Of(string.Empty), sink, reason);

        /// <summary>A step inside SQL objects: their files are additional locations.</summary>
        public static Diagnostic Create(Location location, string sink, string reason, IEnumerable<Location> additional) =>
            Diagnostic.Create(Descriptor, location, additional, TableProperty.Of(string.Empty), sink, reason);
    }
}
