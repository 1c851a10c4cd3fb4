using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Policy;
using RetailGuard.Predicates;
using Xunit;

namespace RetailGuard.Tests.Predicates
{
    /// <summary>The one evaluator every lowering feeds: judged on the predicate model alone, with no syntax.</summary>
    public class RequirementEvaluatorTests
    {
        private static readonly Requirement Customers = Build();

        private static Requirement Build()
        {
            var doc = PolicyDocument.Parse("retailguard.json", SourceText.From(@"{ ""ownRetailer"": { ""codes"": [""R0001""] },
                ""protectedTables"": [ { ""table"": ""customers"", ""retailerColumn"": ""retailer_code"",
                  ""excluded"": [ { ""column"": ""contract_kind"", ""values"": [""LAST_RESORT"", ""NW_ONLY""] } ] } ] }"));
            var model = PolicyModel.Bind(doc, CSharpCompilation.Create("x"));
            return Requirement.ForTable(model.ProtectedTables[0]);
        }

        private static Predicate Own => new ComparePredicate("RETAILER_CODE", true, Operand.Own);

        private static Predicate Kind(bool equal, string value) => new ComparePredicate("contract_kind", equal, Operand.Literal(value));

        private static Predicate And(params Predicate[] items) => new AndPredicate(ImmutableArray.Create(items));

        private static Predicate Or(params Predicate[] items) => new OrPredicate(ImmutableArray.Create(items));

        private static VerdictKind Judge(Predicate p) => RequirementEvaluator.Evaluate(Customers, p).Kind;

        [Fact]
        public void OwnAndEveryExclusion_IsSatisfied() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(Own, Kind(false, "LAST_RESORT"), Kind(false, "NW_ONLY"))));

        [Fact]
        public void OneOfTwoExcludedValues_IsMissingAnExclusion() =>
            Assert.Equal(VerdictKind.MissingExclusion, Judge(And(Own, Kind(false, "LAST_RESORT"))));

        [Fact]
        public void NotInCoveringEveryValue_IsSatisfied() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(Own, new InSetPredicate("contract_kind", true, ImmutableArray.Create(Operand.Literal("NW_ONLY"), Operand.Literal("LAST_RESORT"))))));

        [Fact]
        public void EqualityWithAnAllowedKind_ExcludesEverythingElse() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(Own, Kind(true, "LOW_VOLTAGE"))));

        [Fact]
        public void InListOfAllowedKinds_ExcludesEverythingElse() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(Own, new InSetPredicate("contract_kind", false, ImmutableArray.Create(Operand.Literal("A"), Operand.Literal("B"))))));

        [Fact]
        public void DeMorgan_NotOfOrIsAnAnd() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(Own, new NotPredicate(Or(Kind(true, "LAST_RESORT"), Kind(true, "NW_ONLY"))))));

        [Fact]
        public void OrWhoseEveryBranchIsFiltered_IsSatisfied() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(Or(And(Own, Kind(true, "A")), And(Own, Kind(true, "B")))));

        [Fact]
        public void OrWithAnUnfilteredBranch_IsNotOwn() =>
            Assert.Equal(VerdictKind.NotOwn, Judge(And(Or(Own, Predicate.Opaque), Kind(true, "A"))));

        [Fact]
        public void DoubleNegation_IsTheOriginal() =>
            Assert.Equal(VerdictKind.Satisfied, Judge(And(new NotPredicate(new NotPredicate(Own)), Kind(true, "A"))));

        [Fact]
        public void NegatedOwn_IsNotOwn() => Assert.Equal(VerdictKind.NotOwn, Judge(And(new NotPredicate(Own), Kind(true, "A"))));

        [Fact]
        public void Parameter_IsNotOwn()
        {
            var verdict = RequirementEvaluator.Evaluate(Customers, new ComparePredicate("retailer_code", true, Operand.Parameter("@code")));
            Assert.Equal(VerdictKind.NotOwn, verdict.Kind);
            Assert.Contains("@code", verdict.Reason);
        }

        [Fact]
        public void Sanctioned_SatisfiesEverything_ButNotWhenNegated()
        {
            Assert.Equal(VerdictKind.Satisfied, Judge(Predicate.Sanctioned));
            Assert.Equal(VerdictKind.MissingFilter, Judge(new NotPredicate(Predicate.Sanctioned)));
        }

        [Fact]
        public void OpaqueAndNothing_AreMissingFilter()
        {
            Assert.Equal(VerdictKind.MissingFilter, Judge(Predicate.Opaque));
            Assert.Equal(VerdictKind.MissingFilter, Judge(And()));
        }

        [Fact]
        public void VeryDeepPredicates_AreBounded()
        {
            Predicate p = Own;
            for (int i = 0; i < 100_000; i++)
            {
                p = new NotPredicate(new NotPredicate(p));
            }

            Assert.Equal(VerdictKind.MissingFilter, Judge(p));
        }
    }
}
