using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Sql;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// The SQL fixes, from the edits the analyzer computed where it understood the SQL (<see cref="SqlFixInfo"/>): read the
    /// sanctioned view instead of the table (the default where the policy names one and the name can be replaced), or add the
    /// missing condition to the query block and bind its parameter. Each is compile-checked before it is offered.
    /// </summary>
    internal static class SqlFixes
    {
        /// <summary>True when the diagnostic carries SQL edits (it is about SQL text).</summary>
        public static bool Applies(Diagnostic diagnostic) =>
            diagnostic.Properties.ContainsKey(SqlFixInfo.EditsProperty) || diagnostic.Properties.ContainsKey(SqlFixInfo.ViewEditsProperty);

        public static async Task RegisterAsync(CodeFixContext context, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.TryGetValue(SqlFixInfo.ViewEditsProperty, out var viewEdits) &&
                diagnostic.Properties.TryGetValue(SqlFixInfo.ViewProperty, out var view) &&
                await ApplyAsync(context, SqlFixInfo.DecodeEdits(viewEdits)).ConfigureAwait(false) is { } viewFix)
            {
                context.RegisterCodeFix(FixSupport.Action($"Read the sanctioned view '{view}' instead", viewFix, FixKeys.UseSanctionedView), diagnostic);
            }

            if (diagnostic.Properties.TryGetValue(SqlFixInfo.EditsProperty, out var edits) &&
                await ApplyAsync(context, SqlFixInfo.DecodeEdits(edits)).ConfigureAwait(false) is { } conditionFix)
            {
                string title = diagnostic.Id switch
                {
                    RuleIds.MissingExclusion => "Add the exclusion to the SQL",
                    RuleIds.NotOwnRetailer => "Add the own-retailer condition to the SQL",
                    RuleIds.UnfilteredBulkExtraction => "Add the retailer-contract condition to the SELECT that feeds the copy",
                    _ => "Add the retailer-contract condition to the SQL",
                };
                context.RegisterCodeFix(FixSupport.Action(title, conditionFix, FixKeys.AddSqlCondition), diagnostic);
            }
        }

        private static async Task<Document?> ApplyAsync(CodeFixContext context, List<SourceEdit>? edits)
        {
            if (edits == null || edits.Count == 0)
            {
                return null;
            }

            var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            var changes = new List<TextChange>();
            int previousEnd = -1;
            foreach (var edit in edits.OrderBy(e => e.Start))
            {
                if (edit.Start + edit.Length > text.Length || edit.Start < previousEnd)
                {
                    return null;
                }

                previousEnd = edit.Start + edit.Length;
                changes.Add(new TextChange(new TextSpan(edit.Start, edit.Length), edit.Text));
            }

            var changed = context.Document.WithText(text.WithChanges(changes));
            return await FixSupport.CheckedAsync(context.Document, changed, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
