using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Linq;
using RetailGuard.Policy;
using RetailGuard.Predicates;

namespace RetailGuard.Rules
{
    /// <summary>What one LINQ source gives: its findings, and (when the inventory is on) its compliant sites.</summary>
    internal sealed class ReadVerdict
    {
        public ReadVerdict(List<Diagnostic> findings, List<Diagnostic>? compliant)
        {
            Findings = findings;
            Compliant = compliant;
        }

        public List<Diagnostic> Findings { get; }

        public List<Diagnostic>? Compliant { get; }
    }

    /// <summary>Turns the state of a query at the point it runs into at most one finding, and hands it to its rule.</summary>
    internal static class ReadJudge
    {
        public const string ExclusionIndexProperty = "ExclusionIndex";
        public const string CanInsertWhereProperty = "CanInsertWhere";

        /// <summary>For RG1005 with EF Core 10 named filters: the filters that can be ignored while the retailer filter stays on, separated by ';'.</summary>
        public const string NarrowToProperty = "NarrowTo";

        /// <summary>Every finding on one source: RG1006 for a restricted table, else RG1001–RG1005 per path the query can run on.</summary>
        /// <param name="compliant">When the inventory is on: receives an RG0001 for each path that meets the policy.</param>
        public static List<Diagnostic> JudgeSource(AnalysisContext analysis, QuerySource source, CancellationToken cancellationToken, List<Diagnostic>? compliant = null)
        {
            var found = new List<Diagnostic>();
            var walker = new QueryWalker(analysis, cancellationToken);
            if (analysis.Policy.TryGetRestricted(source.Entity, out var restricted))
            {
                foreach (var initial in source.InitialStates)
                {
                    foreach (var outcome in Outcomes(walker, source, initial))
                    {
                        if (outcome.Kind == OutcomeKind.Executed || !source.JudgedForInstantiation && IsPublicApiReturn(analysis, outcome))
                        {
                            found.Add(RG1006RestrictedTableRead.Create(restricted, source.ReportAt.Syntax.GetLocation()));
                            return found;
                        }
                    }
                }

                return found;
            }

            if (!analysis.Policy.TryGetProtected(source.Entity, out var table))
            {
                return found;
            }

            var reported = new HashSet<string>();
            foreach (var initial in source.InitialStates)
            {
                foreach (var outcome in Outcomes(walker, source, initial))
                {
                    if (outcome.Kind != OutcomeKind.Executed && (source.JudgedForInstantiation || !IsPublicApiReturn(analysis, outcome)))
                    {
                        continue;
                    }

                    var diagnostic = Judge(analysis, table, source, outcome.State, cancellationToken, compliant);
                    if (diagnostic != null && reported.Add(diagnostic.Id + diagnostic.Location.SourceSpan))
                    {
                        found.Add(diagnostic);
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// The paths on which the source's rows are read: a key lookup (<c>Find</c>) loads them at the call itself; every other
        /// source is followed through its query chain.
        /// </summary>
        private static List<Outcome> Outcomes(QueryWalker walker, QuerySource source, ChainState initial) =>
            source.LoadsHere
                ? new List<Outcome> { new Outcome(OutcomeKind.Executed, initial.WithMaterializer(source.Operation)) }
                : walker.Walk(source.Operation, initial, 0);

        /// <summary>
        /// A query returned by a method other assemblies can call is judged where it is built: its callers there are
        /// out of sight. The DbSet properties of a context are sources, not reads, and are left to their users.
        /// </summary>
        private static bool IsPublicApiReturn(AnalysisContext analysis, Outcome outcome)
        {
            var method = outcome.Method;
            if (outcome.Kind != OutcomeKind.Returned || method == null || analysis.Ef.IsDbSet(method.ReturnType, out _) || analysis.Policy.IsSanctionedSource(method) ||
                !(method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.PropertyGet))
            {
                return false;
            }

            for (ISymbol? symbol = method; symbol != null && !(symbol is INamespaceSymbol); symbol = symbol.ContainingSymbol)
            {
                if (!(symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        public static Diagnostic? Judge(AnalysisContext context, ProtectedTable table, QuerySource source, ChainState state, CancellationToken cancellationToken,
            List<Diagnostic>? compliant = null)
        {
            var requirement = Requirement.ForEntity(table);
            // The filters of the entity type, or of the root a derived type inherits them from; a shared-type entity type's own.
            var globals = context.QueryFilters.For(source.ContextType, source.Entity, cancellationToken, source.SharedTypeName);
            if (!globals.IsEmpty && !state.BypassAll)
            {
                // IgnoreQueryFilters anywhere in the query turns the filters off for every entity it reads.
                var bypasses = QueryFilterBypass.InQuery(context.Ef, source.Operation, state.Materializer, out bool exhausted);
                if (exhausted)
                {
                    state = state.AsUnverifiable();
                }

                foreach (var bypass in bypasses ?? new List<QueryFilterBypass.Found>())
                {
                    if (!ReferenceEquals(bypass.Call, state.Bypass))
                    {
                        state = state.WithBypass(bypass.Call, bypass.All, bypass.Names);
                    }
                }
            }

            var active = ImmutableArray.CreateBuilder<Predicate>();
            bool anyBypassed = false;
            foreach (var filter in globals)
            {
                bool bypassed = state.BypassAll || (filter.Name != null && state.BypassedNames.Contains(filter.Name));
                if (bypassed)
                {
                    anyBypassed = true;
                }
                else
                {
                    active.Add(filter.Predicate);
                }
            }

            var applied = state.Before.AddRange(active);
            var verdict = state.Unverifiable ? Verdict.MissingFilter : RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(applied));
            if (verdict.Kind == VerdictKind.Satisfied)
            {
                compliant?.Add(Inventory.LinqRead(table, source, state, requirement));
                return null;
            }

            var finding = new ReadFinding(context.Policy, table, source.Entity, source.ReportAt.Syntax.GetLocation(), verdict) { Site = source.ReportAt };
            bool canInsertWhere = !source.JudgedForInstantiation && context.Ef.IsQueryable(source.Operation.Type);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CanInsertWhereProperty, canInsertWhere ? "true" : "false");

            if (!state.Unverifiable && anyBypassed && state.Bypass != null)
            {
                var all = state.Before.AddRange(globals.Select(g => g.Predicate));
                if (RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(all)).Kind == VerdictKind.Satisfied)
                {
                    // The squiggle stays on the table; the IgnoreQueryFilters call is the additional location the fix removes.
                    finding.Properties = properties;
                    var narrow = NarrowedBypass(requirement, state.Before, globals);
                    if (narrow != null)
                    {
                        finding.Properties = properties.Add(NarrowToProperty, narrow);
                    }

                    finding.AdditionalLocations.Add(NameLocation(state.Bypass));
                    return RG1005QueryFilterBypassed.Create(finding);
                }
            }

            if (!state.Unverifiable && !state.Late.IsEmpty && state.Materializer != null && state.LateFilter != null)
            {
                var withLate = applied.AddRange(state.Late);
                if (RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(withLate)).Kind == VerdictKind.Satisfied)
                {
                    finding.AdditionalLocations.Add(state.Materializer.Syntax.GetLocation());
                    finding.AdditionalLocations.Add(state.LateFilter.Syntax.GetLocation());
                    finding.Properties = properties;
                    return RG1004FilteredAfterLoad.Create(finding, LoaderName(state.Materializer));
                }
            }

            switch (verdict.Kind)
            {
                case VerdictKind.MissingExclusion:
                    finding.Properties = properties.Add(ExclusionIndexProperty, table.Exclusions.IndexOf(verdict.Missing!.Exclusion).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return RG1002MissingExclusion.Create(finding);
                case VerdictKind.NotOwn:
                    finding.Properties = properties;
                    return RG1003NotOwnRetailer.Create(finding, table.RetailerPropertyName);
                default:
                    finding.Properties = properties;
                    return RG1001UnfilteredRead.Create(finding);
            }
        }

        /// <summary>
        /// When every global filter is named (EF Core 10), the names that can be ignored while the rest still meet the policy.
        /// </summary>
        private static string? NarrowedBypass(Requirement requirement, ImmutableArray<Predicate> before, ImmutableArray<GlobalFilter> globals)
        {
            var kept = new System.Collections.Generic.List<GlobalFilter>(globals);
            var ignored = new System.Collections.Generic.List<string>();
            foreach (var filter in globals)
            {
                if (filter.Name == null)
                {
                    return null;
                }

                kept.Remove(filter);
                var remaining = before.AddRange(kept.ConvertAll(f => f.Predicate));
                if (RequirementEvaluator.Evaluate(requirement, Predicate.AndOf(remaining)).Kind == VerdictKind.Satisfied)
                {
                    ignored.Add(filter.Name);
                }
                else
                {
                    kept.Add(filter);
                }
            }

            return ignored.Count == 0 ? null : string.Join(";", ignored);
        }

        public static Location NameLocation(IOperation operation)
        {
            if (operation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
            {
                return member.Name.GetLocation();
            }

            return operation.Syntax.GetLocation();
        }

        private static string LoaderName(IOperation materializer)
        {
            switch (materializer.Syntax)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }:
                    return member.Name.Identifier.ValueText;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax name }:
                    return name.Identifier.ValueText;
                case InvocationExpressionSyntax { Expression: GenericNameSyntax generic }:
                    return generic.Identifier.ValueText;
                case ForEachStatementSyntax _:
                    return "foreach";
                default:
                    return materializer.Syntax.ToString();
            }
        }

        private static ImmutableArray<Predicate> Select(this ImmutableArray<GlobalFilter> filters, System.Func<GlobalFilter, Predicate> selector)
        {
            var builder = ImmutableArray.CreateBuilder<Predicate>(filters.Length);
            foreach (var f in filters)
            {
                builder.Add(selector(f));
            }

            return builder.MoveToImmutable();
        }
    }
}
