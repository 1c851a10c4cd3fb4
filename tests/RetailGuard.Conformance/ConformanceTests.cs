using System;
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
    /// </summary>
    public class ConformanceTests
    {
        public static IEnumerable<object[]> ShapeNames => ShapeCatalogue.Shapes.Select(s => new object[] { s.Name });

        [Theory]
        [MemberData(nameof(ShapeNames))]
        public async Task RetailGuardAgreesWithTheRuntime(string name)
        {
            var shape = ShapeCatalogue.Get(name);
            var analysis = RetailGuardVerdicts.GetAsync();
            var measured = await Measurements.OfAsync(name);
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

        internal static string Disagreement(string name, bool leaks, string? difference, string? failClosed, IReadOnlyList<string> findings)
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
}
