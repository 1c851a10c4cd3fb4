namespace RetailGuard.Diagnostics
{
    /// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that other tools read (SARIF <c>customProperties</c>).</summary>
    internal static class DiagnosticProperties
    {
        /// <summary>
        /// Every finding (RG1001–RG1007, RG2001–RG2003): the table as the policy names it (<c>protectedTables[].table</c>, else the
        /// entity's name). Empty for RG1007, whose SQL could read any table. For RG2001/RG2002 it is the table of the origin read,
        /// which is the first additional location.
        /// </summary>
        public const string Table = "Table";

        /// <summary>
        /// RG0001, and findings in SQL: how the site reaches the data, one of <see cref="Rules.InventoryTechnology"/>'s values
        /// ("EfCore", "Dapper", "AdoNet", "EfRawSql", "SqlFile"). Findings without it are LINQ (EF Core) reads or exports.
        /// </summary>
        public const string Technology = "Technology";

        /// <summary>RG0001, and SQL findings that write: what the site does with the table, one of <see cref="Rules.InventoryAccess"/>'s values ("Read", "Write", "BulkCopy", "Export").</summary>
        public const string Access = "Access";

        /// <summary>RG0001: how the site meets the policy, one of <see cref="Rules.InventoryCompliance"/>'s values.</summary>
        public const string Compliance = "Compliance";

        /// <summary>RG0001: what the compliance rests on, where there is a name to give: the view, the SQL objects, the export sink. May be empty.</summary>
        public const string Detail = "Detail";

        /// <summary>RG9005: the id of the approval that matches nothing.</summary>
        public const string ApprovalId = "ApprovalId";

        /// <summary>RG9006: the index of the baseline entry, in file order.</summary>
        public const string BaselineIndex = "BaselineIndex";
    }
}
