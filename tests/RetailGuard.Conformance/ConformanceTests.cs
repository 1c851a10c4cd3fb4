using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RetailGuard.Conformance.Runtime;
using RetailGuard.Conformance.Static;
using Sales.Conformance;
using Xunit;

namespace RetailGuard.Conformance
{
    /// <summary>
    /// Runtime truth against RetailGuard's verdict: every shape runs on two databases that share the own rows and
    /// differ in every other row; it leaks when anything it observed differs. RetailGuard must report exactly the
    /// shapes that leak, and also the fail-closed shapes, which do not leak but cannot be proven statically.
    /// The shapes are split by the group of their kind into four test classes, which xunit runs in parallel.
    /// </summary>
    internal static class Conformance
    {
        public static IEnumerable<object[]> ShapesOfKinds(ShapeKind first, ShapeKind last) =>
            ShapeCatalogue.Shapes.Where(s => s.Kind >= first && s.Kind <= last).Select(s => new object[] { s.Name });

        public static async Task RetailGuardAgreesWithTheRuntime(string name)
        {
            var analysis = RetailGuardVerdicts.GetAsync();
            var shape = ShapeCatalogue.Get(name);
            var measured = Measurements.Of(shape);
            Assert.True(measured.Failure == null, $"{name} does not run: {measured.Failure}");

            string? difference = measured.Difference;
            bool leaks = measured.Leaks;
            Assert.True(
                shape.Attribute.Intent == (leaks ? Truth.Leaky : Truth.Safe),
                leaks ? $"{name} is meant to be safe but leaks ({difference})." : $"{name} is meant to leak but observes the same on both databases.");

            var findings = (await analysis).FindingsOf(name);
            bool reported = findings.Count > 0;
            string? failClosed = shape.Attribute.FailClosed;
            bool agrees = reported == (leaks || failClosed != null);
            string? gap = KnownGaps.ReasonFor(name);
            if (gap != null)
            {
                Assert.False(agrees, $"{name} is listed in KnownGaps.txt ({gap}), but RetailGuard now agrees with the runtime: remove its line.");
                return;
            }

            Assert.True(agrees, Disagreement(name, leaks, difference, failClosed, findings));
        }

        private static string Disagreement(string name, bool leaks, string? difference, string? failClosed, IReadOnlyList<string> findings)
        {
            if (leaks)
            {
                return $"{name} leaks ({difference}) but RetailGuard reports nothing in it.";
            }

            return failClosed != null
                ? $"{name} cannot be proven statically ({failClosed}), so RetailGuard must report it, but it reports nothing."
                : $"{name} reads only own rows, but RetailGuard reports: {string.Join(" || ", findings)}";
        }
    }

    /// <summary>What reads rows: Find, explicit loading, shared-type sets, compiled queries, raw SQL, bulk updates, generic and unseen sources.</summary>
    public class ReadShapes
    {
        public static IEnumerable<object[]> Shapes => Conformance.ShapesOfKinds(ShapeKind.Find, ShapeKind.ForeignKeyNavigation);

        [Theory]
        [MemberData(nameof(Shapes))]
        public Task RetailGuardAgreesWithTheRuntime(string name) => Conformance.RetailGuardAgreesWithTheRuntime(name);
    }

    /// <summary>Query filters as EF Core builds the model, and inheritance.</summary>
    public class ModelShapes
    {
        public static IEnumerable<object[]> Shapes => Conformance.ShapesOfKinds(ShapeKind.Inheritance, ShapeKind.FilterInstallingMethod);

        [Theory]
        [MemberData(nameof(Shapes))]
        public Task RetailGuardAgreesWithTheRuntime(string name) => Conformance.RetailGuardAgreesWithTheRuntime(name);
    }

    /// <summary>Bypass, joins, navigations, owned types and the C# of today.</summary>
    public class QueryShapes
    {
        public static IEnumerable<object[]> Shapes => Conformance.ShapesOfKinds(ShapeKind.IgnoreQueryFilters, ShapeKind.PrimaryConstructor);

        [Theory]
        [MemberData(nameof(Shapes))]
        public Task RetailGuardAgreesWithTheRuntime(string name) => Conformance.RetailGuardAgreesWithTheRuntime(name);
    }

    /// <summary>Own values and predicates proven through members, call sites, sets and equivalent forms.</summary>
    public class ValueShapes
    {
        public static IEnumerable<object[]> Shapes => Conformance.ShapesOfKinds(ShapeKind.ConstChain, ShapeKind.SanctionedFilterForm);

        [Theory]
        [MemberData(nameof(Shapes))]
        public Task RetailGuardAgreesWithTheRuntime(string name) => Conformance.RetailGuardAgreesWithTheRuntime(name);
    }
}
