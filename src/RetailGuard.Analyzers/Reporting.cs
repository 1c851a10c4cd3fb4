using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RetailGuard
{
    /// <summary>
    /// Reports of the read, SQL and export analyses. They ask the driver to report in generated code (no per-diagnostic check of
    /// the driver's) and leave out here what is in generated code, as <see cref="GeneratedCode"/> decides it.
    /// </summary>
    internal static class Reporting
    {
        public static void Report(this AnalysisContext analysis, in OperationBlockAnalysisContext context, Diagnostic diagnostic)
        {
            if (!analysis.GeneratedCode.Contains(diagnostic.Location, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        public static void Report(this AnalysisContext analysis, in CompilationAnalysisContext context, Diagnostic diagnostic)
        {
            if (!analysis.GeneratedCode.Contains(diagnostic.Location, context.CancellationToken))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary><paramref name="report"/>, for the diagnostics that are not in generated code.</summary>
        public static Action<Diagnostic> Filtered(this AnalysisContext analysis, Action<Diagnostic> report, CancellationToken cancellationToken) =>
            diagnostic =>
            {
                if (!analysis.GeneratedCode.Contains(diagnostic.Location, cancellationToken))
                {
                    report(diagnostic);
                }
            };
    }
}
