using System;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Rules
{
    /// <summary>What every data-access analyzer does at compilation start: load the policy once, and bail out when it guards nothing.</summary>
    internal static class AnalyzerStart
    {
        public static void Register(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context, Action<CompilationStartAnalysisContext, RetailGuard.AnalysisContext> onStart)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var policy = PolicyLoader.Load(start.Compilation, start.Options, start.CancellationToken);
                if (policy == null || (policy.ProtectedTables.IsEmpty && policy.RestrictedTables.IsEmpty))
                {
                    return;
                }

                onStart(start, RetailGuard.AnalysisContext.For(start.Compilation, policy, start.Options));
            });
        }
    }
}
