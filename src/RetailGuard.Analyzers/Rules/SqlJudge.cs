using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>A finding on SQL text, with the table it is about (the export analysis needs it as data, not as text).</summary>
    internal readonly struct SqlFinding
    {
        public SqlFinding(Diagnostic diagnostic, string table)
        {
            Diagnostic = diagnostic;
            Table = table;
        }

        public Diagnostic Diagnostic { get; }

        public string Table { get; }
    }

    /// <summary>Judges the SQL a sink executes: resolves every variant of the text, checks it, and builds the findings.</summary>
    internal static class SqlJudge
    {
        /// <param name="lookalikes">When given, receives an RG9011 for each table the SQL reads that only resembles a guarded one.</param>
        public static IEnumerable<SqlFinding> Check(RetailGuard.AnalysisContext analysis, SqlSink sink, CancellationToken cancellationToken, List<Diagnostic>? lookalikes = null)
        {
            var resolution = new SqlTextResolver(analysis, sink.HolesAsParameters, cancellationToken).Resolve(sink.Sql);
            var sinkLocation = sink.Sql.Syntax.GetLocation();
            if (resolution.Failed)
            {
                var node = resolution.FailureNode;
                var location = node != null && node.SyntaxTree == sink.Sql.Syntax.SyntaxTree ? node.GetLocation() : sinkLocation;
                yield return new SqlFinding(RG1007SqlUnverifiable.Create(location, sink.Name, resolution.Failure!), "SQL");
                yield break;
            }

            foreach (var variant in resolution.Variants)
            {
                var text = new SqlText(variant, sinkLocation);
                if (lookalikes != null)
                {
                    RG9011LookalikeTable.AddTo(lookalikes, analysis.Policy, text);
                }

                var bindings = SqlParameterBindings.For(sink, text, analysis);
                var check = SqlChecker.Check(text.Text, analysis.Policy, bindings.Lookup, sink.EfPlaceholders, cancellationToken);
                foreach (var finding in Report(analysis.Policy, check, text, sink.Name, sink, resolution.Variants.Length == 1))
                {
                    yield return finding;
                }
            }
        }

        public static IEnumerable<SqlFinding> Report(PolicyModel policy, SqlCheck check, SqlText text, string sinkName, SqlSink? sink, bool singleVariant)
        {
            if (check.Error != null)
            {
                var location = check.ErrorOffset < 0 ? text.Fallback ?? text.Map(0, 0) : text.Map(check.ErrorOffset, 1);
                yield return new SqlFinding(RG1007SqlUnverifiable.Create(location, sinkName, check.Error), "SQL");
                yield break;
            }

            foreach (var read in check.Reads)
            {
                var location = text.Map(read.Start, read.Length);
                if (read.Restricted != null)
                {
                    yield return new SqlFinding(RG1006RestrictedTableRead.Create(read.Restricted, location), read.Restricted.DisplayName);
                    continue;
                }

                var table = read.Protected!;
                var verdict = RequirementEvaluator.Evaluate(Requirement.ForTable(table), read.Predicate);
                if (verdict.Kind == VerdictKind.Satisfied)
                {
                    continue;
                }

                if (read.BulkTarget != null)
                {
                    var origin = new Flow.Origin(table.DisplayName, location, Flow.TaintAnalysis.Reason(verdict.Kind switch
                    {
                        VerdictKind.MissingExclusion => "RG1002",
                        VerdictKind.NotOwn => "RG1003",
                        _ => "RG1001",
                    }));
                    yield return new SqlFinding(RG2002UnfilteredBulkExtraction.Create(location, origin, read.BulkTarget, System.Array.Empty<Location>(), SqlFixInfo.Properties(policy, read, verdict, text, sink, singleVariant)), table.DisplayName);
                    continue;
                }

                var finding = new ReadFinding(policy, table, null, location, verdict)
                {
                    Language = FindingLanguage.Sql,
                    Properties = SqlFixInfo.Properties(policy, read, verdict, text, sink, singleVariant),
                };
                switch (verdict.Kind)
                {
                    case VerdictKind.MissingExclusion:
                        yield return new SqlFinding(RG1002MissingExclusion.Create(finding), table.DisplayName);
                        break;
                    case VerdictKind.NotOwn:
                        yield return new SqlFinding(RG1003NotOwnRetailer.Create(finding, table.RetailerColumnName), table.DisplayName);
                        break;
                    default:
                        yield return new SqlFinding(RG1001UnfilteredRead.Create(finding), table.DisplayName);
                        break;
                }
            }
        }
    }
}
