using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Rules
{
    /// <summary>RG1002: the retailer filter is present, but a required exclusion (for example last-resort supply) is missing.</summary>
    internal static class RG1002MissingExclusion
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG1002;

        public static Diagnostic Create(ReadFinding finding)
        {
            var exclusion = finding.Verdict.Missing!.Exclusion;
            return Diagnostic.Create(
                Descriptor,
                finding.Location,
                finding.AdditionalLocations,
                finding.PropertiesWithTable,
                finding.TableName,
                FixHints.ExcludedValues(finding, exclusion),
                Sql.SqlPath.Hint(finding.Through, FixHints.ExclusionFilter(finding, exclusion)));
        }
    }
}
