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

        /// <summary>RG9005: the id of the approval that matches nothing.</summary>
        public const string ApprovalId = "ApprovalId";

        /// <summary>RG9006: the index of the baseline entry, in file order.</summary>
        public const string BaselineIndex = "BaselineIndex";
    }
}
