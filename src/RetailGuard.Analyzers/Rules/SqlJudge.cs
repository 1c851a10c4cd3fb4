using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>What one SQL sink's text gives: its findings, and the RG9011 look-alike notices.</summary>
    internal sealed class SqlVerdict
    {
        public SqlVerdict(System.Collections.Immutable.ImmutableArray<SqlFinding> findings, System.Collections.Immutable.ImmutableArray<Diagnostic> lookalikes, List<Diagnostic>? compliant)
        {
            Findings = findings;
            Lookalikes = lookalikes;
            Compliant = compliant;
        }

        /// <summary>RG0001 sites (only when the inventory is on).</summary>
        public List<Diagnostic>? Compliant { get; }

        public System.Collections.Immutable.ImmutableArray<SqlFinding> Findings { get; }

        public System.Collections.Immutable.ImmutableArray<Diagnostic> Lookalikes { get; }
    }

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

    /// <summary>
    /// Judges the SQL a sink executes: resolves every variant of the text (or of the procedure name), checks it, and builds
    /// the findings. Reads through SQL objects are reported at the use, with the objects' files as additional locations.
    /// </summary>
    internal static class SqlJudge
    {
        /// <param name="lookalikes">When given, receives an RG9011 for each table the SQL reads that only resembles a guarded one.</param>
        /// <param name="compliant">When the inventory is on: receives an RG0001 for each read that meets the policy.</param>
        public static IEnumerable<SqlFinding> Check(RetailGuard.AnalysisContext analysis, SqlSink sink, CancellationToken cancellationToken, List<Diagnostic>? lookalikes = null,
            List<Diagnostic>? compliant = null)
        {
            var sinkLocation = sink.Sql.Syntax.GetLocation();
            if (sink.Command == SqlCommandKind.Unknown)
            {
                yield return new SqlFinding(RG1007SqlUnverifiable.Create(sinkLocation, sink.Name, Descriptors.Phrase("SqlCommandTypeUnknown")), "SQL");
                yield break;
            }

            bool procedure = sink.Command == SqlCommandKind.StoredProcedure;
            var resolution = new SqlTextResolver(analysis, sink.HolesAsParameters && !procedure, cancellationToken, objectName: procedure).Resolve(sink.Sql);
            if (resolution.Failed)
            {
                var node = resolution.FailureNode;
                var location = node != null && node.SyntaxTree == sink.Sql.Syntax.SyntaxTree ? node.GetLocation() : sinkLocation;
                string reason = procedure ? Descriptors.Phrase("SqlProcedureNameUnknown", resolution.Failure!) : resolution.Failure!;
                yield return new SqlFinding(RG1007SqlUnverifiable.Create(location, sink.Name, reason), "SQL");
                yield break;
            }

            var catalog = analysis.SqlObjects(cancellationToken);
            foreach (var variant in resolution.Variants)
            {
                // A procedure name built from several pieces is reported on the whole expression.
                var text = procedure && variant.Length > 1
                    ? new SqlText(System.Collections.Immutable.ImmutableArray.Create(new SqlFragment(Concatenated(variant), sink.Sql.Syntax)), sinkLocation)
                    : new SqlText(variant, sinkLocation);
                if (lookalikes != null)
                {
                    RG9011LookalikeTable.AddTo(lookalikes, catalog.Lookalikes(analysis.Policy, text.Text), text);
                }

                var bindings = SqlParameterBindings.For(sink, text, analysis, cancellationToken);
                SqlCheck check;
                if (procedure)
                {
                    if (!(SqlObjectName.Parse(text.Text) is { } name))
                    {
                        yield return new SqlFinding(RG1007SqlUnverifiable.Create(text.Map(0, text.Text.Length), sink.Name, Descriptors.Phrase("SqlNotAProcedureName", text.Text.Trim())), "SQL");
                        continue;
                    }

                    check = SqlChecker.CheckProcedureCall(name, 0, text.Text.Length, analysis.Policy, catalog, bindings.Lookup, cancellationToken);
                }
                else
                {
                    check = SqlChecker.Check(text.Text, analysis.Policy, catalog, bindings.Lookup, sink.EfPlaceholders, cancellationToken);
                }

                foreach (var finding in Report(analysis.Policy, check, text, sink.Name, sink, resolution.Variants.Length == 1, compliant))
                {
                    yield return finding;
                }
            }
        }

        private static string Concatenated(System.Collections.Immutable.ImmutableArray<SqlFragment> fragments)
        {
            var text = new System.Text.StringBuilder();
            foreach (var fragment in fragments)
            {
                text.Append(fragment.Text);
            }

            return text.ToString();
        }

        public static IEnumerable<SqlFinding> Report(PolicyModel policy, SqlCheck check, SqlText text, string sinkName, SqlSink? sink, bool singleVariant,
            List<Diagnostic>? compliant = null)
        {
            if (check.Error != null)
            {
                var location = check.ErrorOffset < 0 ? text.Fallback ?? text.Map(0, 0) : text.Map(check.ErrorOffset, 1);
                yield return new SqlFinding(RG1007SqlUnverifiable.Create(location, sinkName, check.Error), "SQL");
            }

            foreach (var read in check.Reads)
            {
                var location = text.Map(read.Start, read.Length);
                var additional = new List<Location>(read.Via.Length);
                foreach (var step in read.Via)
                {
                    additional.Add(step.Location);
                }

                if (read.Unverifiable != null)
                {
                    yield return new SqlFinding(RG1007SqlUnverifiable.Create(location, sinkName, SqlPath.Reason(read, read.Unverifiable), additional), "SQL");
                    continue;
                }

                if (read.Restricted != null)
                {
                    yield return new SqlFinding(
                        RG1006RestrictedTableRead.Create(read.Restricted, location, SqlPath.Reason(read, read.Restricted.Reason), additional), read.Restricted.DisplayName);
                    continue;
                }

                var table = read.Protected!;
                var verdict = RequirementEvaluator.Evaluate(Requirement.ForTable(table), read.Predicate);
                if (verdict.Kind == VerdictKind.Satisfied)
                {
                    compliant?.Add(Inventory.SqlRead(policy, table, read, location, additional, sink));
                    continue;
                }

                if (read.BulkTarget != null)
                {
                    var origin = new Flow.Origin(table.DisplayName, location, SqlPath.Reason(read, Flow.TaintAnalysis.Reason(verdict.Kind switch
                    {
                        VerdictKind.MissingExclusion => "RG1002",
                        VerdictKind.NotOwn => "RG1003",
                        _ => "RG1001",
                    })));
                    yield return new SqlFinding(RG2002UnfilteredBulkExtraction.Create(location, origin, read.BulkTarget, additional, SqlFixInfo.Properties(policy, read, verdict, text, sink, singleVariant)), table.DisplayName);
                    continue;
                }

                var finding = new ReadFinding(policy, table, null, location, verdict)
                {
                    Language = FindingLanguage.Sql,
                    Properties = read.Via.IsEmpty ? SqlFixInfo.Properties(policy, read, verdict, text, sink, singleVariant) : System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty,
                    Through = SqlPath.Of(read),
                };
                finding.AdditionalLocations.AddRange(additional);
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
