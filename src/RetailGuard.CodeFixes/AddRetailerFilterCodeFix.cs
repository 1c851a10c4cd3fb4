using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// RG1001, RG1002 and RG1003, in LINQ and in SQL (one provider per rule ID, so fix-all and <c>dotnet format</c> see one
    /// fixer): the retailer-contract filter, the missing exclusion, or the own-retailer condition. See
    /// <see cref="LinqFilterFix"/> and <see cref="SqlFixes"/>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetailerFilterCodeFix)), Shared]
    public sealed class AddRetailerFilterCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIds.UnfilteredRead, RuleIds.MissingExclusion, RuleIds.NotOwnRetailer);

        public override FixAllProvider GetFixAllProvider() => RetailGuardFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            PolicyModel? policy = null;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (SqlFixes.Applies(diagnostic))
                {
                    await SqlFixes.RegisterAsync(context, diagnostic).ConfigureAwait(false);
                    continue;
                }

                if (policy == null)
                {
                    var compilation = await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
                    policy = compilation == null ? null : PolicyLoader.Load(compilation, context.Document.Project.AnalyzerOptions, context.CancellationToken);
                    if (policy == null)
                    {
                        return;
                    }
                }

                await LinqFilterFix.RegisterAsync(context, diagnostic, policy).ConfigureAwait(false);
            }
        }
    }

    /// <summary>RG2002 in SQL: the retailer-contract condition added to the SELECT whose rows the INSERT … SELECT or SELECT … INTO copies.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BulkExtractionCodeFix)), Shared]
    public sealed class BulkExtractionCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnfilteredBulkExtraction);

        public override FixAllProvider GetFixAllProvider() => RetailGuardFixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (SqlFixes.Applies(diagnostic))
                {
                    await SqlFixes.RegisterAsync(context, diagnostic).ConfigureAwait(false);
                }
            }
        }
    }
}
