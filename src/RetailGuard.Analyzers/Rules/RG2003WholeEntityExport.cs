using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG2003: whole protected entities are exported, every column, where a projection would do.</summary>
    internal static class RG2003WholeEntityExport
    {
        public const string EntityProperty = "Entity";

        public static DiagnosticDescriptor Descriptor => Descriptors.RG2003;

        public static Diagnostic Create(Location data, string sink, string table, string entityMetadataName) =>
            Diagnostic.Create(Descriptor, data, TableProperty.Of(table).Add(EntityProperty, entityMetadataName), sink, table);
    }
}
