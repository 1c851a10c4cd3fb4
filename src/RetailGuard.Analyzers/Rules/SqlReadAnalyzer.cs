using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>
    /// Raw SQL: Dapper, ADO.NET, EF Core raw-SQL APIs, stored procedures called by name, and every .sql AdditionalFile.
    /// Resolves the SQL text, parses it, follows the procedures, views and functions the project's .sql files define, and
    /// reports RG1001–RG1003, RG1006 and RG2002 on the table or object reference inside the string, RG1007 when it cannot.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqlReadAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Inventory.Descriptor,
            RG1001UnfilteredRead.Descriptor,
            RG1002MissingExclusion.Descriptor,
            RG1003NotOwnRetailer.Descriptor,
            RG1006RestrictedTableRead.Descriptor,
            RG1007SqlUnverifiable.Descriptor,
            RG2002UnfilteredBulkExtraction.Descriptor,
            RG9011LookalikeTable.Descriptor);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            AnalyzerStart.Register(context, (start, analysis) =>
            {
                bool inventory = Inventory.IsEnabled(start.Compilation);
                start.RegisterAdditionalFileAction(file => AnalyzeSqlFile(analysis, file, inventory));
                var known = analysis.Known;
                if (known.SqlMapper == null && known.CommandDefinition == null && known.RelationalQueryableExtensions == null &&
                    known.RelationalDatabaseFacadeExtensions == null && known.DbCommand == null && known.IDbCommand == null)
                {
                    // No Dapper, no EF Core relational, no ADO.NET command type is referenced: no C# code can run SQL text.
                    return;
                }

                // One callback per member, with RetailGuard's own walk of its operations: an operation block start action
                // would register actions (and allocate them) for every member of the compilation, and the driver would keep
                // books for every operation it hands over.
                start.RegisterOperationBlockAction(block => new BlockSinks(analysis, inventory, block).Run());
            });
        }

        /// <summary>
        /// The SQL sinks of one operation block: each is judged once per compilation (<see cref="RetailGuard.AnalysisContext.SqlVerdict"/>);
        /// a finding two sinks share (one SQL string run twice) is reported once per block; the inventory's compliant sites
        /// are reported when the block is done.
        /// </summary>
        private sealed class BlockSinks : Flow.IBlockVisitor
        {
            private readonly RetailGuard.AnalysisContext _analysis;
            private readonly bool _inventory;
            private readonly OperationBlockAnalysisContext _context;
            private HashSet<(string, TextSpan)>? _reported;
            private List<Diagnostic>? _compliant;
            private List<Diagnostic>? _findings;

            public BlockSinks(RetailGuard.AnalysisContext analysis, bool inventory, OperationBlockAnalysisContext context)
            {
                _analysis = analysis;
                _inventory = inventory;
                _context = context;
            }

            public void Run()
            {
                Flow.BlockWalk.Walk(_context.OperationBlocks, this, _context.CancellationToken);
                if (_compliant != null)
                {
                    Inventory.ReportCompliant(_compliant, _findings!, _analysis.Filtered(_context.ReportDiagnostic, _context.CancellationToken));
                }
            }

            public void Visit(IOperation operation)
            {
                // The three kinds of operation a sink can be.
                if (operation.Kind is not (OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment) ||
                    SqlSink.Find(operation, _analysis.Known) is not { } sink)
                {
                    return;
                }

                var cancellationToken = _context.CancellationToken;
                var verdict = _analysis.SqlVerdict(sink, cancellationToken);
                var composed = operation is IInvocationOperation fromSql ? Linq.RawSqlComposition.ComposedTable(_analysis, fromSql) : null;
                bool? composedMeetsPolicy = null;
                _reported ??= new HashSet<(string, TextSpan)>();
                if (_inventory)
                {
                    _compliant ??= new List<Diagnostic>();
                    _findings ??= new List<Diagnostic>();
                    if (verdict.Compliant != null)
                    {
                        _compliant.AddRange(verdict.Compliant);
                    }
                }

                foreach (var finding in verdict.Findings)
                {
                    // EF Core composes the query filters and the LINQ after FromSql over the SQL: when they meet the policy,
                    // the text needs no filter of its own on the entity's table.
                    if (Linq.RawSqlComposition.IsOnComposedTable(composed, finding.Table, finding.Diagnostic.Id) &&
                        (composedMeetsPolicy ??= Linq.RawSqlComposition.CompositionMeetsPolicy(_analysis, (IInvocationOperation)operation, composed!, cancellationToken)) == true)
                    {
                        continue;
                    }

                    _findings?.Add(finding.Diagnostic);
                    if (_reported.Add((finding.Diagnostic.Id, finding.Diagnostic.Location.SourceSpan)))
                    {
                        _analysis.Report(_context, finding.Diagnostic);
                    }
                }

                foreach (var lookalike in verdict.Lookalikes)
                {
                    if (_reported.Add((lookalike.Id, lookalike.Location.SourceSpan)))
                    {
                        _analysis.Report(_context, lookalike);
                    }
                }
            }
        }

        /// <summary>A .sql file as a script: statements outside definitions, with .editorconfig severities for its path.</summary>
        private static void AnalyzeSqlFile(RetailGuard.AnalysisContext analysis, AdditionalFileAnalysisContext context, bool inventory)
        {
            var path = context.AdditionalFile.Path;
            if (!SqlCatalog.IsSqlFile(path))
            {
                return;
            }

            var source = context.AdditionalFile.GetText(context.CancellationToken);
            if (source == null)
            {
                return;
            }

            // Tables named almost like a guarded one are reported whatever else the script does.
            var lookalikes = new List<Diagnostic>();
            RG9011LookalikeTable.AddTo(lookalikes, Governance.TableLookalikes.Find(analysis.Policy, source), new SqlText(ImmutableArray.Create(new SqlFragment(source.ToString(), null)), null) { FilePath = path, FileText = source });
            foreach (var lookalike in lookalikes)
            {
                context.ReportDiagnostic(lookalike);
            }

            var catalog = analysis.SqlObjects(context.CancellationToken);
            if (!SqlChecker.NeedsChecking(source.ToString(), analysis.Policy, catalog))
            {
                return;
            }

            var file = catalog.FileFor(context.AdditionalFile, source, analysis.Policy.Document.SqlDialect, context.CancellationToken);
            var check = SqlChecker.CheckScript(file, analysis.Policy, catalog, context.CancellationToken);
            if (check.Error == null && check.Reads.IsEmpty)
            {
                return;
            }

            var text = new SqlText(ImmutableArray.Create(new SqlFragment(file.Content, null)), null) { FilePath = path, FileText = source };
            var compliant = inventory ? new List<Diagnostic>() : null;
            var findings = new List<Diagnostic>();
            foreach (var finding in SqlJudge.Report(analysis.Policy, check, text, System.IO.Path.GetFileName(path), null, false, compliant))
            {
                findings.Add(finding.Diagnostic);
                if (catalog.Severities.Apply(finding.Diagnostic, context.AdditionalFile, context.Options) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            Inventory.ReportCompliant(compliant, findings, context.ReportDiagnostic);
        }
    }
}
