using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>Judges the SQL a sink executes: resolves every variant of the text, checks it, and builds the findings.</summary>
    internal static class SqlJudge
    {
        public static IEnumerable<Diagnostic> Check(RetailGuard.AnalysisContext analysis, SqlSink sink, CancellationToken cancellationToken)
        {
            var resolution = new SqlTextResolver(analysis, sink.HolesAsParameters, cancellationToken).Resolve(sink.Sql);
            var sinkLocation = sink.Sql.Syntax.GetLocation();
            if (resolution.Failed)
            {
                var node = resolution.FailureNode;
                var location = node != null && node.SyntaxTree == sink.Sql.Syntax.SyntaxTree ? node.GetLocation() : sinkLocation;
                yield return RG1007SqlUnverifiable.Create(location, sink.Name, resolution.Failure!);
                yield break;
            }

            foreach (var variant in resolution.Variants)
            {
                var text = new SqlText(variant, sinkLocation);
                var bindings = SqlParameterBindings.For(sink, text, analysis);
                var check = SqlChecker.Check(text.Text, analysis.Policy, bindings.Lookup, sink.EfPlaceholders, cancellationToken);
                foreach (var diagnostic in Report(analysis.Policy, check, text, sink.Name, sink, resolution.Variants.Length == 1))
                {
                    yield return diagnostic;
                }
            }
        }

        public static IEnumerable<Diagnostic> Report(PolicyModel policy, SqlCheck check, SqlText text, string sinkName, SqlSink? sink, bool singleVariant)
        {
            if (check.Error != null)
            {
                var location = check.ErrorOffset < 0 ? text.Fallback ?? text.Map(0, 0) : text.Map(check.ErrorOffset, 1);
                yield return RG1007SqlUnverifiable.Create(location, sinkName, check.Error);
                yield break;
            }

            foreach (var read in check.Reads)
            {
                var location = text.Map(read.Start, read.Length);
                if (read.Restricted != null)
                {
                    yield return RG1006RestrictedTableRead.Create(read.Restricted, location);
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
                    yield return RG2002UnfilteredBulkExtraction.Create(location, origin, read.BulkTarget, System.Array.Empty<Location>());
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
                        yield return RG1002MissingExclusion.Create(finding);
                        break;
                    case VerdictKind.NotOwn:
                        yield return RG1003NotOwnRetailer.Create(finding, table.RetailerColumnName);
                        break;
                    default:
                        yield return RG1001UnfilteredRead.Create(finding);
                        break;
                }
            }
        }
    }
}
