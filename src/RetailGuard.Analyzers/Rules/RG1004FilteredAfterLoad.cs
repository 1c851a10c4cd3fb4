using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1004: the retailer filter runs after rows were loaded (AsEnumerable, ToList, … before the Where).</summary>
    internal static class RG1004FilteredAfterLoad
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1004;

        public static Diagnostic Create(ReadFinding finding, string loader) =>
            Diagnostic.Create(Descriptor, finding.Location, finding.AdditionalLocations, finding.PropertiesWithTable, finding.TableName, loader);
    }
}
