using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1001: a protected table is read with no retailer-contract filter.</summary>
    internal static class RG1001UnfilteredRead
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1001;

        public static Diagnostic Create(ReadFinding finding) =>
            Diagnostic.Create(Descriptor, finding.Location, finding.AdditionalLocations, finding.PropertiesWithTable, finding.TableName,
                Sql.SqlPath.Hint(finding.Through, FixHints.RetailerFilter(finding)));
    }
}
