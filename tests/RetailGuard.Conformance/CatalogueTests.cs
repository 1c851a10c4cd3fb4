using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RetailGuard.Conformance.Static;
using Sales.Conformance;
using Xunit;

namespace RetailGuard.Conformance
{
    /// <summary>The suite checks itself: enough shapes, every kind firing and quiet, every finding attributable, every list current.</summary>
    public class CatalogueTests
    {
        /// <summary>The fewest shapes the suite may hold.</summary>
        public const int MinimumShapes = 120;

        [Fact]
        public void EnoughShapes_AndEveryKindHasLeakyAndQuietShapes()
        {
            var shapes = ShapeCatalogue.Shapes;
            Assert.True(shapes.Count >= MinimumShapes, $"only {shapes.Count} shapes; the suite needs at least {MinimumShapes}");

            var missing = new List<string>();
            foreach (ShapeKind kind in Enum.GetValues(typeof(ShapeKind)))
            {
                var ofKind = shapes.Where(s => s.Kind == kind).ToList();
                if (!ofKind.Any(s => s.Attribute.Intent == Truth.Leaky))
                {
                    missing.Add(kind + " has no leaky shape (where RetailGuard must fire)");
                }

                if (!ofKind.Any(s => s.Attribute.Intent == Truth.Safe && s.Attribute.FailClosed == null))
                {
                    missing.Add(kind + " has no quiet shape (safe, and provable)");
                }
            }

            Assert.True(missing.Count == 0, string.Join("; ", missing));
        }

        [Fact]
        public void ShapeNamesAreUnique_AndFailClosedShapesAreSafeWithAReason()
        {
            var duplicates = ShapeCatalogue.Shapes.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, "shape names must be unique: " + string.Join(", ", duplicates));
            foreach (var shape in ShapeCatalogue.Shapes.Where(s => s.Attribute.FailClosed != null))
            {
                Assert.True(shape.Attribute.Intent == Truth.Safe, $"{shape} is fail-closed, which only a safe shape can be");
                Assert.False(string.IsNullOrWhiteSpace(shape.Attribute.FailClosed), $"{shape} must say why it cannot be proven");
            }
        }

        [Fact]
        public async Task TheAnalysisSeesTheShapesTheRuntimeRuns_AndEveryFindingSitsInAShape()
        {
            var verdicts = await RetailGuardVerdicts.GetAsync();
            Assert.True(verdicts.Failures.Count == 0, string.Join("\n", verdicts.Failures.Take(20)));
            Assert.True(verdicts.Unattributed.Count == 0, "findings outside any single shape:\n" + string.Join("\n", verdicts.Unattributed));

            var runtime = ShapeCatalogue.Shapes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            Assert.True(runtime.SetEquals(verdicts.DeclaredShapes), "shapes the runtime and the analysis see differ: " +
                string.Join(", ", runtime.Except(verdicts.DeclaredShapes).Concat(verdicts.DeclaredShapes.Except(runtime))));
            Assert.NotEmpty(RetailGuardVerdicts.Analyzers());
        }

        [Fact]
        public async Task EveryShapeCitesWhatItReExpresses()
        {
            var verdicts = await RetailGuardVerdicts.GetAsync();
            var uncited = verdicts.ShapeComments
                .Where(c => !c.Value.Contains("// EF Core: ", StringComparison.Ordinal) && !c.Value.Contains("// Proof form: ", StringComparison.Ordinal))
                .Select(c => c.Key)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.True(uncited.Count == 0, "shapes without a '// EF Core: <test>' or '// Proof form: <form>' comment: " + string.Join(", ", uncited));
        }

        [Fact]
        public void KnownGapsNameExistingShapes_WithAReason()
        {
            var names = ShapeCatalogue.Shapes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (shape, reason, line) in KnownGaps.All)
            {
                if (!names.Contains(shape))
                {
                    problems.Add($"line {line}: no shape named {shape}");
                }

                if (!seen.Add(shape))
                {
                    problems.Add($"line {line}: {shape} is listed twice");
                }

                if (reason.Length == 0)
                {
                    problems.Add($"line {line}: {shape} needs a reason");
                }
            }

            Assert.True(problems.Count == 0, string.Join("; ", problems));
        }

        [Fact]
        public void ReadmeKindTableIsCurrent()
        {
            string readme = File.ReadAllText(Path.Combine(ShapeCatalogue.RepositoryRoot(), "tests", "RetailGuard.Conformance", "README.md"));
            var rows = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match m in Regex.Matches(readme, @"^\| `(?<kind>\w+)` \|[^|\n]*\| (?<counts>\d+ \| \d+ \| \d+ \| \d+) \|\s*$", RegexOptions.Multiline))
            {
                rows[m.Groups["kind"].Value] = m.Groups["counts"].Value;
            }

            var expected = new List<string>();
            foreach (ShapeKind kind in Enum.GetValues(typeof(ShapeKind)))
            {
                var ofKind = ShapeCatalogue.Shapes.Where(s => s.Kind == kind).ToList();
                string counts = $"{ofKind.Count} | {ofKind.Count(s => s.Attribute.Intent == Truth.Leaky)} | " +
                    $"{ofKind.Count(s => s.Attribute.Intent == Truth.Safe && s.Attribute.FailClosed == null)} | {ofKind.Count(s => s.Attribute.FailClosed != null)}";
                if (!rows.TryGetValue(kind.ToString(), out var actual) || actual != counts)
                {
                    expected.Add($"`{kind}`: {counts}");
                }
            }

            int total = ShapeCatalogue.Shapes.Count;
            Assert.True(expected.Count == 0, "README.md's kind table is out of date; the rows should read (shapes | leaky | quiet | fail-closed): " + string.Join("; ", expected));
            Assert.Contains($"{total} shapes", readme, StringComparison.Ordinal);
        }
    }
}
