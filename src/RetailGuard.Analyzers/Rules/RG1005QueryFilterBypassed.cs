using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1005: IgnoreQueryFilters() turns off the global query filter that keeps a protected entity to the own retailer.</summary>
    internal static class RG1005QueryFilterBypassed
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1005;

        public static Diagnostic Create(ReadFinding finding) =>
            Diagnostic.Create(Descriptor, finding.Location, finding.AdditionalLocations, finding.PropertiesWithTable, finding.TableName);
    }
}
