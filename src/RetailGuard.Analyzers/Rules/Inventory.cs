using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>Values of <see cref="DiagnosticProperties.Technology"/>: how a site reaches the data.</summary>
    internal static class InventoryTechnology
    {
        /// <summary>LINQ over EF Core's <c>DbSet&lt;T&gt;</c>.</summary>
        public const string EfCore = "EfCore";

        /// <summary>Dapper's extension methods and <c>CommandDefinition</c>.</summary>
        public const string Dapper = "Dapper";

        /// <summary>ADO.NET commands (<c>CommandText</c>, command constructors).</summary>
        public const string AdoNet = "AdoNet";

        /// <summary>EF Core's raw-SQL APIs (<c>FromSql*</c>, <c>ExecuteSql*</c>, <c>SqlQuery*</c>).</summary>
        public const string EfRawSql = "EfRawSql";

        /// <summary>A statement of a <c>.sql</c> file of the project.</summary>
        public const string SqlFile = "SqlFile";

        /// <summary>The technology of the SQL a sink runs; <see cref="SqlFile"/> without a sink.</summary>
        public static string Of(SqlSink? sink) => sink == null ? SqlFile : sink.Kind switch
        {
            SqlSinkKind.Dapper => Dapper,
            SqlSinkKind.EfCore => EfRawSql,
            _ => AdoNet,
        };
    }

    /// <summary>Values of <see cref="DiagnosticProperties.Access"/>: what a site does with the table.</summary>
    internal static class InventoryAccess
    {
        public const string Read = "Read";
        public const string Write = "Write";
        public const string BulkCopy = "BulkCopy";
        public const string Export = "Export";
    }

    /// <summary>Values of <see cref="DiagnosticProperties.Compliance"/>: how a compliant site meets the policy.</summary>
    internal static class InventoryCompliance
    {
        /// <summary>A condition in the query itself (LINQ <c>Where</c>, SQL <c>WHERE</c>/<c>ON</c>, a parameter bound to an own value).</summary>
        public const string ExplicitFilter = "ExplicitFilter";

        /// <summary>A method of the policy's <c>sanctionedFilters</c>.</summary>
        public const string SanctionedFilter = "SanctionedFilter";

        /// <summary>EF Core's <c>HasQueryFilter</c> on the entity, in force for the query.</summary>
        public const string GlobalQueryFilter = "GlobalQueryFilter";

        /// <summary>A view of the policy's <c>sanctionedViews</c>.</summary>
        public const string SanctionedView = "SanctionedView";

        /// <summary>A view, procedure or function of the project's <c>.sql</c> files whose definition applies the policy.</summary>
        public const string ProvenDefinition = "ProvenDefinition";

        /// <summary>A SQL parameter the policy's <c>trustedParameters</c> binds to the own code.</summary>
        public const string TrustedParameter = "TrustedParameter";

        /// <summary>An export of rows of a guarded entity type none of whose reads has a finding.</summary>
        public const string FilteredRows = "FilteredRows";
    }

    /// <summary>
    /// RG0001, the inventory of compliant sites: every read, write, bulk copy or export of a protected table that meets the
    /// policy, with its table, technology, access and how it complies (the properties of <see cref="DiagnosticProperties"/>).
    /// Sites with a finding are listed by their finding. The descriptor is off by default; the analyzers check once per
    /// compilation (<see cref="IsEnabled"/>) and do no inventory work at all when it is off.
    /// </summary>
    internal static class Inventory
    {
        private const int MaxDepth = 64;

        public static DiagnosticDescriptor Descriptor => Descriptors.RG0001;

        /// <summary>
        /// True when RG0001 is raised to suggestion, warning or error for the compilation: through its options (<c>SpecificDiagnosticOptions</c>, as
        /// <c>WarningsAsErrors</c> or a ruleset set them) or a global AnalyzerConfig (<c>dotnet_diagnostic.RG0001.severity</c>
        /// in a <c>.globalconfig</c>). Per-file <c>.editorconfig</c> sections do not turn it on: the inventory is of a whole compilation.
        /// </summary>
        public static bool IsEnabled(Compilation compilation)
        {
            var options = compilation.Options;
            if (options.SpecificDiagnosticOptions.TryGetValue(RuleIds.CompliantSite, out var report))
            {
                return IsOn(report);
            }

            return options.SyntaxTreeOptionsProvider is { } provider &&
                   provider.TryGetGlobalDiagnosticValue(RuleIds.CompliantSite, CancellationToken.None, out report) && IsOn(report);
        }

        // Raised above its default (hidden): test frameworks that enable every supported rule at its default severity leave it off.
        private static bool IsOn(ReportDiagnostic report) => report == ReportDiagnostic.Info || report == ReportDiagnostic.Warn || report == ReportDiagnostic.Error;

        /// <summary>A LINQ read whose every path meets the policy: how, from what was applied before the rows were loaded.</summary>
        public static Diagnostic LinqRead(ProtectedTable table, QuerySource source, ChainState state, Requirement requirement)
        {
            string compliance, detail = string.Empty;
            var before = Predicate.AndOf(state.Before);
            if (state.Before.IsEmpty || RequirementEvaluator.Evaluate(requirement, before).Kind != VerdictKind.Satisfied)
            {
                compliance = InventoryCompliance.GlobalQueryFilter;
                detail = source.ContextType?.Name ?? string.Empty;
            }
            else
            {
                compliance = RequirementEvaluator.Evaluate(requirement, WithoutSanctioned(before, 0)).Kind == VerdictKind.Satisfied
                    ? InventoryCompliance.ExplicitFilter
                    : InventoryCompliance.SanctionedFilter;
            }

            string access = WritesRows(source.Operation) ? InventoryAccess.Write : InventoryAccess.Read;
            return Create(source.ReportAt.Syntax.GetLocation(), null, table.DisplayName, InventoryTechnology.EfCore, access, compliance, detail);
        }

        /// <summary>A SQL read (or write, or bulk copy) that meets the policy, in C# text (<paramref name="sink"/>) or in a .sql file.</summary>
        public static Diagnostic SqlRead(PolicyModel policy, ProtectedTable table, SqlTableRead read, Location location, IEnumerable<Location> additional, SqlSink? sink)
        {
            string compliance, detail = string.Empty;
            var path = SqlPath.Of(read);
            if (Contains(read.Predicate, p => p is SanctionedPredicate, 0))
            {
                compliance = InventoryCompliance.SanctionedView;
                detail = path?.Objects ?? read.Name;
            }
            else if (path != null)
            {
                compliance = InventoryCompliance.ProvenDefinition;
                detail = path.Objects;
            }
            else if (TrustedParameter(policy, read.Predicate) is { } parameter)
            {
                compliance = InventoryCompliance.TrustedParameter;
                detail = parameter;
            }
            else
            {
                compliance = InventoryCompliance.ExplicitFilter;
            }

            string access = read.BulkTarget != null ? InventoryAccess.BulkCopy : read.Write ? InventoryAccess.Write : InventoryAccess.Read;
            return Create(location, additional, table.DisplayName, InventoryTechnology.Of(sink), access, compliance, detail);
        }

        /// <summary>An export (or EF Core write) of rows of a guarded entity type that the export analysis found no unfiltered origin for.</summary>
        public static Diagnostic Export(Location location, string table, string sink, bool bulk, bool single) =>
            Create(location, null, table, string.Empty, bulk ? (single ? InventoryAccess.Write : InventoryAccess.BulkCopy) : InventoryAccess.Export,
                InventoryCompliance.FilteredRows, sink);

        /// <summary>
        /// Reports each compliant site once, unless a finding sits on the same span: a read that is filtered on one path
        /// and not on another is not compliant.
        /// </summary>
        public static void ReportCompliant(List<Diagnostic>? compliant, IEnumerable<Diagnostic> findings, Action<Diagnostic> report)
        {
            if (compliant == null || compliant.Count == 0)
            {
                return;
            }

            var taken = new HashSet<(SyntaxTree?, string, TextSpan)>();
            foreach (var finding in findings)
            {
                taken.Add(Key(finding.Location));
            }

            foreach (var site in compliant)
            {
                if (taken.Add(Key(site.Location)))
                {
                    report(site);
                }
            }

            compliant.Clear();
        }

        private static (SyntaxTree?, string, TextSpan) Key(Location location) =>
            (location.SourceTree, location.SourceTree == null ? location.GetLineSpan().Path : string.Empty, location.SourceSpan);

        private static Diagnostic Create(Location location, IEnumerable<Location>? additional, string table, string technology, string access, string compliance, string detail)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.Table, table);
            properties.Add(DiagnosticProperties.Technology, technology);
            properties.Add(DiagnosticProperties.Access, access);
            properties.Add(DiagnosticProperties.Compliance, compliance);
            properties.Add(DiagnosticProperties.Detail, detail);
            return Diagnostic.Create(Descriptor, location, additional, properties.ToImmutable(),
                table, Descriptors.Phrase("InventoryAccess" + access), TechnologyName(technology), ComplianceText(compliance, detail));
        }

        /// <summary>The technology as users know it, in the UI culture: "EF Core", "Dapper", "ADO.NET", "EF Core raw SQL", ".sql file".</summary>
        public static string TechnologyName(string technology) =>
            technology.Length == 0 ? Descriptors.Phrase("InventoryTechnologyExport") : Descriptors.Phrase("InventoryTechnology" + technology);

        /// <summary>How a site complies, in the UI culture, with what it rests on: "the sanctioned view 'own_customers'".</summary>
        public static string ComplianceText(string compliance, string detail) =>
            string.IsNullOrEmpty(detail)
                ? Descriptors.Phrase("InventoryCompliance" + compliance)
                : Descriptors.Phrase("InventoryComplianceDetail", Descriptors.Phrase("InventoryCompliance" + compliance), detail);

        /// <summary>True for ExecuteUpdate/ExecuteDelete on the query: the rows are written, not loaded.</summary>
        private static bool WritesRows(IOperation operation)
        {
            var current = operation.Parent;
            for (int i = 0; current != null && i < MaxDepth; i++, current = current.Parent)
            {
                if (current is IInvocationOperation call)
                {
                    string name = call.TargetMethod.Name;
                    if (name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || name.StartsWith("ExecuteDelete", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                else if (!(current is IArgumentOperation || current is IConversionOperation))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The predicate with every sanctioned filter taken as unknown: what the explicit conditions prove alone.</summary>
        private static Predicate WithoutSanctioned(Predicate predicate, int depth)
        {
            if (depth > MaxDepth)
            {
                return Predicate.Opaque;
            }

            switch (predicate)
            {
                case SanctionedPredicate _:
                    return Predicate.Opaque;
                case AndPredicate and:
                    return new AndPredicate(Map(and.Items, depth));
                case OrPredicate or:
                    return new OrPredicate(Map(or.Items, depth));
                case NotPredicate not:
                    return new NotPredicate(WithoutSanctioned(not.Operand, depth + 1));
                default:
                    return predicate;
            }
        }

        private static ImmutableArray<Predicate> Map(ImmutableArray<Predicate> items, int depth)
        {
            var builder = ImmutableArray.CreateBuilder<Predicate>(items.Length);
            foreach (var item in items)
            {
                builder.Add(WithoutSanctioned(item, depth + 1));
            }

            return builder.MoveToImmutable();
        }

        private static bool Contains(Predicate predicate, Func<Predicate, bool> test, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            if (test(predicate))
            {
                return true;
            }

            switch (predicate)
            {
                case AndPredicate and:
                    foreach (var item in and.Items)
                    {
                        if (Contains(item, test, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case OrPredicate or:
                    foreach (var item in or.Items)
                    {
                        if (Contains(item, test, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case NotPredicate not:
                    return Contains(not.Operand, test, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>The name of a trusted parameter (policy <c>trustedParameters</c>) the predicate compares with, or null.</summary>
        private static string? TrustedParameter(PolicyModel policy, Predicate predicate)
        {
            if (policy.Document.TrustedParameters.IsEmpty)
            {
                return null;
            }

            string? found = null;
            Contains(predicate, p =>
            {
                var operand = p switch
                {
                    ComparePredicate { IsEqual: true } compare => compare.Value,
                    InSetPredicate { Negated: false, Values: { Length: 1 } } set => set.Values[0],
                    _ => null,
                };
                if (operand is { Kind: OperandKind.Own, Symbol: null, Text: { } text })
                {
                    foreach (var trusted in policy.Document.TrustedParameters)
                    {
                        if (string.Equals(trusted.TrimStart('@', ':', '$'), text.TrimStart('@', ':', '$'), StringComparison.OrdinalIgnoreCase))
                        {
                            found = trusted;
                            return true;
                        }
                    }
                }

                return false;
            }, 0);
            return found;
        }
    }
}
