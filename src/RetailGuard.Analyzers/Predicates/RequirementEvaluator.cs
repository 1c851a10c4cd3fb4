using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;

namespace RetailGuard.Predicates
{
    internal enum VerdictKind
    {
        Satisfied,
        MissingFilter,
        MissingExclusion,
        NotOwn,
    }

    internal sealed class Verdict
    {
        public static readonly Verdict Satisfied = new Verdict(VerdictKind.Satisfied, null, null);
        public static readonly Verdict MissingFilter = new Verdict(VerdictKind.MissingFilter, null, null);

        public Verdict(VerdictKind kind, string? reason, ExclusionRequirement? missing)
        {
            Kind = kind;
            Reason = reason;
            Missing = missing;
        }

        public VerdictKind Kind { get; }

        /// <summary>For <see cref="VerdictKind.NotOwn"/>: why the retailer condition does not restrict to the own retailer.</summary>
        public string? Reason { get; }

        /// <summary>For <see cref="VerdictKind.MissingExclusion"/>: the first exclusion not applied.</summary>
        public ExclusionRequirement? Missing { get; }
    }

    /// <summary>
    /// Decides whether a predicate, applied to one source before rows are loaded, satisfies the policy's
    /// requirement for that source. It never looks at syntax: only at the predicate model.
    /// </summary>
    internal static class RequirementEvaluator
    {
        public static Verdict Evaluate(Requirement requirement, Predicate predicate)
        {
            var facts = Analyze(requirement, predicate, positive: true, depth: 0);
            if (!facts.Own)
            {
                string? reason = FindWeakness(requirement, predicate, positive: true, underOr: false, depth: 0);
                return reason == null ? Verdict.MissingFilter : new Verdict(VerdictKind.NotOwn, reason, null);
            }

            for (int i = 0; i < requirement.Exclusions.Length; i++)
            {
                var ex = requirement.Exclusions[i];
                var covered = facts.Covered(i);
                if (covered == null)
                {
                    continue;
                }

                foreach (var key in RequiredKeys(ex))
                {
                    if (!covered.Contains(key))
                    {
                        return new Verdict(VerdictKind.MissingExclusion, null, ex);
                    }
                }
            }

            return Verdict.Satisfied;
        }

        private const int MaxDepth = 200;

        private static IEnumerable<string> RequiredKeys(ExclusionRequirement ex)
        {
            foreach (var v in ex.Exclusion.Values)
            {
                yield return "v:" + v;
            }

            foreach (var s in ex.Exclusion.Symbols)
            {
                if (!(s is IFieldSymbol { HasConstantValue: true } f && f.ConstantValue is string))
                {
                    yield return "s:" + s.ToDisplayString();
                }
            }
        }

        private static void AddKeys(Operand value, HashSet<string> into)
        {
            if (value.Text != null)
            {
                into.Add("v:" + value.Text);
            }

            if (value.Symbol != null)
            {
                into.Add("s:" + value.Symbol.OriginalDefinition.ToDisplayString());
            }
        }

        /// <summary>What a predicate guarantees about the retailer column and each exclusion.</summary>
        private sealed class Facts
        {
            /// <summary>Per exclusion: null means every required value is excluded.</summary>
            private readonly HashSet<string>?[] _covered;

            public Facts(int exclusions, bool own, bool all)
            {
                Own = own;
                _covered = new HashSet<string>?[exclusions];
                for (int i = 0; i < exclusions; i++)
                {
                    _covered[i] = all ? null : new HashSet<string>(StringComparer.Ordinal);
                }
            }

            public bool Own { get; set; }

            public HashSet<string>? Covered(int i) => _covered[i];

            public void CoverAll(int i) => _covered[i] = null;

            public void Cover(int i, Operand value)
            {
                if (_covered[i] != null)
                {
                    AddKeys(value, _covered[i]!);
                }
            }

            public void UnionWith(Facts other)
            {
                Own |= other.Own;
                for (int i = 0; i < _covered.Length; i++)
                {
                    if (_covered[i] == null || other._covered[i] == null)
                    {
                        _covered[i] = null;
                    }
                    else
                    {
                        _covered[i]!.UnionWith(other._covered[i]!);
                    }
                }
            }

            public void IntersectWith(Facts other)
            {
                Own &= other.Own;
                for (int i = 0; i < _covered.Length; i++)
                {
                    if (other._covered[i] == null)
                    {
                        continue;
                    }

                    if (_covered[i] == null)
                    {
                        _covered[i] = new HashSet<string>(other._covered[i]!, StringComparer.Ordinal);
                    }
                    else
                    {
                        _covered[i]!.IntersectWith(other._covered[i]!);
                    }
                }
            }
        }

        private static Facts Analyze(Requirement req, Predicate p, bool positive, int depth)
        {
            int n = req.Exclusions.Length;
            if (depth > MaxDepth)
            {
                return new Facts(n, false, false);
            }

            switch (p)
            {
                case NotPredicate not:
                    return Analyze(req, not.Operand, !positive, depth + 1);

                case AndPredicate and:
                    return Combine(req, and.Items, conjunction: positive, positive, depth);

                case OrPredicate or:
                    return Combine(req, or.Items, conjunction: !positive, positive, depth);

                case SanctionedPredicate _:
                    return new Facts(n, positive, positive);

                case ComparePredicate cmp:
                    {
                        var facts = new Facts(n, false, false);
                        bool equal = cmp.IsEqual == positive;
                        if (ExclusionRequirement.SameColumn(cmp.Column, req.RetailerColumn) && equal && cmp.Value.Kind == OperandKind.Own)
                        {
                            facts.Own = true;
                        }

                        for (int i = 0; i < n; i++)
                        {
                            var ex = req.Exclusions[i];
                            if (!ExclusionRequirement.SameColumn(cmp.Column, ex.Column))
                            {
                                continue;
                            }

                            bool known = cmp.Value.Kind == OperandKind.Literal || cmp.Value.Kind == OperandKind.Own;
                            if (equal && known && !ex.IsExcludedValue(cmp.Value))
                            {
                                facts.CoverAll(i);
                            }
                            else if (!equal && ex.IsExcludedValue(cmp.Value))
                            {
                                facts.Cover(i, cmp.Value);
                            }
                        }

                        return facts;
                    }

                case InSetPredicate set:
                    {
                        var facts = new Facts(n, false, false);
                        bool negated = set.Negated == positive;
                        if (set.Values.IsEmpty)
                        {
                            return facts;
                        }

                        if (!negated && ExclusionRequirement.SameColumn(set.Column, req.RetailerColumn) && All(set.Values, v => v.Kind == OperandKind.Own))
                        {
                            facts.Own = true;
                        }

                        for (int i = 0; i < n; i++)
                        {
                            var ex = req.Exclusions[i];
                            if (!ExclusionRequirement.SameColumn(set.Column, ex.Column))
                            {
                                continue;
                            }

                            if (!negated)
                            {
                                if (All(set.Values, v => (v.Kind == OperandKind.Literal || v.Kind == OperandKind.Own) && !ex.IsExcludedValue(v)))
                                {
                                    facts.CoverAll(i);
                                }
                            }
                            else
                            {
                                foreach (var v in set.Values)
                                {
                                    if (ex.IsExcludedValue(v))
                                    {
                                        facts.Cover(i, v);
                                    }
                                }
                            }
                        }

                        return facts;
                    }

                default:
                    return new Facts(n, false, false);
            }
        }

        private static Facts Combine(Requirement req, ImmutableArray<Predicate> items, bool conjunction, bool positive, int depth)
        {
            int n = req.Exclusions.Length;
            if (items.IsEmpty)
            {
                return new Facts(n, false, false);
            }

            Facts? result = null;
            foreach (var item in items)
            {
                var f = Analyze(req, item, positive, depth + 1);
                if (result == null)
                {
                    result = f;
                }
                else if (conjunction)
                {
                    result.UnionWith(f);
                }
                else
                {
                    result.IntersectWith(f);
                }
            }

            return result!;
        }

        private static bool All(ImmutableArray<Operand> values, Func<Operand, bool> test)
        {
            foreach (var v in values)
            {
                if (!test(v))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Explains why a predicate that mentions the retailer column does not restrict it to the own retailer.</summary>
        private static string? FindWeakness(Requirement req, Predicate p, bool positive, bool underOr, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            switch (p)
            {
                case NotPredicate not:
                    return FindWeakness(req, not.Operand, !positive, underOr, depth + 1);
                case AndPredicate and:
                    return FindInItems(req, and.Items, positive, underOr || !positive, depth);
                case CallersPredicate callers when positive:
                    for (int i = 0; i < callers.Items.Length; i++)
                    {
                        if (!Analyze(req, callers.Items[i], positive: true, depth + 1).Own)
                        {
                            string inner = FindWeakness(req, callers.Items[i], positive: true, underOr: false, depth + 1) ?? Descriptors.Phrase("WhyNoRetailerCondition");
                            return Descriptors.Phrase("WhyCaller", callers.Parameter, i < callers.Sites.Length ? callers.Sites[i] : "?", inner);
                        }
                    }

                    return null;
                case OrPredicate or:
                    return FindInItems(req, or.Items, positive, underOr || positive, depth);
                case OpaquePredicate { Why: { } why }:
                    return Descriptors.Phrase("WhyValue", why);
                case ComparePredicate cmp when ExclusionRequirement.SameColumn(cmp.Column, req.RetailerColumn):
                    {
                        bool equal = cmp.IsEqual == positive;
                        if (!equal)
                        {
                            return cmp.IsEqual ? Descriptors.Phrase("WhyNegated") : Descriptors.Phrase("WhyNotEqual");
                        }

                        if (cmp.Value.Kind == OperandKind.Own)
                        {
                            return underOr ? Descriptors.Phrase("WhyOr") : null;
                        }

                        if (cmp.Value.Why != null)
                        {
                            return Descriptors.Phrase("WhyValue", cmp.Value.Why);
                        }

                        return cmp.Value.Kind switch
                        {
                            OperandKind.Parameter => Descriptors.Phrase("WhyParameter", cmp.Value.Text ?? string.Empty),
                            OperandKind.Literal => Descriptors.Phrase("WhyOtherCode", cmp.Value.Text ?? string.Empty),
                            OperandKind.Null => Descriptors.Phrase("WhyNull"),
                            _ => Descriptors.Phrase("WhyUnknown"),
                        };
                    }

                case InSetPredicate set when ExclusionRequirement.SameColumn(set.Column, req.RetailerColumn):
                    if (set.Negated == positive)
                    {
                        return Descriptors.Phrase("WhyNotIn");
                    }

                    if (underOr)
                    {
                        return Descriptors.Phrase("WhyOr");
                    }

                    foreach (var value in set.Values)
                    {
                        if (value.Kind != OperandKind.Own && value.Why != null)
                        {
                            return Descriptors.Phrase("WhySetValue", value.Why);
                        }
                    }

                    return set.Values.IsEmpty ? Descriptors.Phrase("WhyEmptySet") : Descriptors.Phrase("WhyListOthers");
                default:
                    return null;
            }
        }

        private static string? FindInItems(Requirement req, ImmutableArray<Predicate> items, bool positive, bool underOr, int depth)
        {
            foreach (var item in items)
            {
                var r = FindWeakness(req, item, positive, underOr, depth + 1);
                if (r != null)
                {
                    return r;
                }
            }

            return null;
        }
    }
}
