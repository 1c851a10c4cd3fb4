using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1003: a retailer filter is present but does not restrict to the own retailer (non-own value, parameter, '!=', OR).</summary>
    internal static class RG1003NotOwnRetailer
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1003;

        public static Diagnostic Create(ReadFinding finding, string column) =>
            Diagnostic.Create(Descriptor, finding.Location, finding.AdditionalLocations, finding.PropertiesWithTable, finding.TableName,
                Sql.SqlPath.Reason(finding.Through, finding.Verdict.Reason ?? string.Empty), "'" + column + "'");
    }
}
