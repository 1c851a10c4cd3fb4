using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.VerifyGovernance<RetailGuard.Governance.SuppressionTraceAnalyzer>;

namespace RetailGuard.Tests.Governance
{
    public class RG9007_SuppressedInSourceTests
    {
        private const string Usings = "using System.Diagnostics.CodeAnalysis;\nusing System.Linq;\nusing Sales.Data;\n";

        [Fact]
        public Task PragmaWithAnRgId_IsReportedAtTheId() => V.Analyzer(Usings + @"
class C
{
#pragma warning disable CS0168, {|RG9007:RG1001|}
    int Count(SalesContext db) => db.Customers.Count();
#pragma warning restore RG1001
}", TestDomain.Policy);

        [Fact]
        public Task PragmaWithoutIds_IsReported() => V.Analyzer(Usings + @"
class C
{
#pragma warning {|RG9007:disable|}
    int Count(SalesContext db) => db.Customers.Count();
#pragma warning restore
}", TestDomain.Policy);

        [Fact]
        public Task PragmaOfOtherWarnings_IsQuiet() => V.Analyzer(Usings + @"
class C
{
#pragma warning disable CS0168, CA1822
    int Count() => 0;
#pragma warning restore CS0168, CA1822
}", TestDomain.Policy);

        [Fact]
        public Task SuppressMessageWithoutJustification_IsReported() => V.Analyzer(Usings + @"
class C
{
    [{|RG9007:SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"")|}]
    int A(SalesContext db) => db.Customers.Count();

    [{|RG9007:SuppressMessage(""RetailGuard.DataAccess"", ""RG1001:Unfiltered read"", Justification = """")|}]
    int B(SalesContext db) => db.Customers.Count();

    [{|RG9007:System.Diagnostics.CodeAnalysis.SuppressMessageAttribute(""RetailGuard.Export"", ""RG2001"", Justification = ""<Pending>"")|}]
    int D(SalesContext db) => db.Customers.Count();

    [{|RG9007:UnconditionalSuppressMessage(""RetailGuard.DataAccess"", checkId: ""RG1002"")|}]
    int E(SalesContext db) => db.Customers.Count();
}", TestDomain.Policy);

        [Fact]
        public Task AssemblySuppressMessageWithoutJustification_IsReported() => V.Analyzer(Usings + @"
[assembly: {|RG9007:SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"", Scope = ""namespaceanddescendants"", Target = ""~N:Sales"")|}]
class C { }", TestDomain.Policy);

        [Fact]
        public Task SuppressMessageWithAJustification_OrOfOtherRules_IsQuiet() => V.Analyzer(Usings + @"
class C
{
    [SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"", Justification = ""Approved by compliance, ticket 1234"")]
    int A(SalesContext db) => db.Customers.Count();

    [SuppressMessage(""Performance"", ""CA1822"")]
    int B() => 0;
}", TestDomain.Policy);

        [Fact]
        public Task SuppressMessageSpelledWithAUnicodeEscape_IsReported() => V.Analyzer(Usings + @"
class C
{
    [{|RG9007:Suppress\u004Dessage(""RetailGuard.DataAccess"", ""RG1001"")|}]
    int A(SalesContext db) => db.Customers.Count();
}", TestDomain.Policy);

        [Fact]
        public Task SuppressMessageSpelledWithAFormattingCharacter_IsReported() => V.Analyzer(Usings + @"
class C
{
    [{|RG9007:Suppress" + "\u00AD" + @"Message(""RetailGuard.DataAccess"", ""RG1001"")|}]
    int A(SalesContext db) => db.Customers.Count();
}", TestDomain.Policy);

        [Fact]
        public Task SuppressMessageInGeneratedCode_IsQuiet_AlsoOfTheTraceItself() => V.Analyzer(Usings + @"
[System.CodeDom.Compiler.GeneratedCode(""tool"", ""1.0"")]
class G
{
    [SuppressMessage(""RetailGuard.Governance"", ""RG9007"")]
    int A() => 0;

    [SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"")]
    int C() => 0;

    class Nested
    {
        int B([SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"")] int x) => x;
    }
}", TestDomain.Policy);

        [Fact]
        public async Task SuppressMessage_IsReportedOnlyInTheSpanAnEditorAsksFor()
        {
            string source = Usings + @"
class C
{
    [SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"")]
    int A() => 0;

    int Z() => 1;
}";
            var tree = CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs");
            var references = await TestPackages.Net80WithDataPackages.ResolveAsync(LanguageNames.CSharp, System.Threading.CancellationToken.None);
            var compilation = CSharpCompilation.Create("Span", new[] { tree, CSharpSyntaxTree.ParseText(TestDomain.Source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var analyzer = new RetailGuard.Governance.SuppressionTraceAnalyzer();
            var withAnalyzers = compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer));
            var model = compilation.GetSemanticModel(tree);
            var z = source.IndexOf("int Z()", System.StringComparison.Ordinal);

            var inZ = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, new Microsoft.CodeAnalysis.Text.TextSpan(z, 12), System.Threading.CancellationToken.None);
            var whole = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, System.Threading.CancellationToken.None);

            Assert.DoesNotContain(inZ, d => d.Id == "RG9007");
            Assert.Single(whole, d => d.Id == "RG9007");
        }

        [Fact]
        public Task PragmaOfTheTraceItself_DoesNotHideIt() => V.Analyzer(Usings + @"
#pragma warning disable {|RG9007:RG9007|}, {|RG9007:RG1001|}
class C
{
    [SuppressMessage(""RetailGuard.Governance"", ""RG9007"")]
    int Count(SalesContext db) => db.Customers.Count();
}", TestDomain.Policy,

            // A SuppressMessage of the trace itself would hide its own report: it is reported on the policy instead.
            new DiagnosticResult("RG9007", DiagnosticSeverity.Warning).WithSpan(Verify<RetailGuard.Governance.SuppressionTraceAnalyzer>.PolicyPath, 1, 1, 1, 2).WithSpan(8, 6, 8, 57));

        [Fact]
        public Task PolicyAllowingLocalSuppressions_IsQuiet() => V.Analyzer(Usings + @"
class C
{
#pragma warning disable RG1001
    [SuppressMessage(""RetailGuard.DataAccess"", ""RG1001"")]
    int Count(SalesContext db) => db.Customers.Count();
}", TestPolicies.With("  \"allowLocalSuppressions\": true"));
    }

    public class RG9008_SeverityLoweredTests
    {
        private static DiagnosticResult Lowered(string where, string id, string value, string scope, string shipped = "error") =>
            new DiagnosticResult("RG9008", DiagnosticSeverity.Warning).WithArguments(where, id, value, scope, shipped);

        [Fact]
        public Task EditorConfigSeverity_IsReportedOnTheFirstFileItAppliesTo_WithTheOthersAsAdditionalLocations() => V.Analyzer("class C { }", TestDomain.Policy,
            test =>
            {
                test.TestState.Sources.Add(("/0/Test1.cs", "class D { }"));
                test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.RG1001.severity = warning\ndotnet_diagnostic.RG2001.severity = none\n"));
            },
            Lowered("An .editorconfig", "RG1001", "warning", "in 2 files, starting with 'Test0.cs'").WithSpan("/0/Test0.cs", 1, 1, 1, 1).WithSpan("/0/Test1.cs", 1, 1, 1, 1),
            Lowered("An .editorconfig", "RG2001", "none", "in 2 files, starting with 'Test0.cs'").WithSpan("/0/Test0.cs", 1, 1, 1, 1).WithSpan("/0/Test1.cs", 1, 1, 1, 1));

        [Fact]
        public Task EditorConfigForOneFolder_NamesTheFile() => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[Test0.cs]\ndotnet_diagnostic.RG1006.severity = suggestion\n")),
            Lowered("An .editorconfig", "RG1006", "suggestion", "in 'Test0.cs'").WithSpan("/0/Test0.cs", 1, 1, 1, 1));

        [Fact]
        public Task GlobalConfigOfTheProject_IsReported() => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nglobal_level = 100\ndotnet_diagnostic.RG1002.severity = none\n")),
            Lowered("A global AnalyzerConfig file (.globalconfig)", "RG1002", "none", "for the whole project"));

        [Fact]
        public Task NoWarn_IsReported() => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.SolutionTransforms.Add((solution, project) => solution.WithProjectCompilationOptions(
                project,
                solution.GetProject(project)!.CompilationOptions!.WithSpecificDiagnosticOptions(
                    System.Collections.Immutable.ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("RG2002", ReportDiagnostic.Suppress).Add("RG9001", ReportDiagnostic.Warn)))),
            Lowered("The project options (NoWarn, WarningsNotAsErrors or a rule set)", "RG2002", "none", "for the whole project"),
            Lowered("The project options (NoWarn, WarningsNotAsErrors or a rule set)", "RG9001", "warning", "for the whole project"));

        [Fact]
        public Task ABuildWithoutThePackageConfiguration_IsReportedForEachFindingThatShouldBeAnError() => V.Analyzer("class C { }", TestDomain.Policy,
            V.WithoutPackageConfig,
            Missing("RG1001"), Missing("RG1002"), Missing("RG1003"), Missing("RG1004"), Missing("RG1005"), Missing("RG1006"), Missing("RG2001"), Missing("RG2002"));

        [Fact]
        public Task TreatWarningsAsErrors_MakesTheMissingConfigurationHarmless() => V.Analyzer("class C { }", TestDomain.Policy,
            test =>
            {
                V.WithoutPackageConfig(test);
                test.CompilerDiagnostics = CompilerDiagnostics.None;
                test.SolutionTransforms.Add((solution, project) => solution.WithProjectCompilationOptions(
                    project, solution.GetProject(project)!.CompilationOptions!.WithGeneralDiagnosticOption(ReportDiagnostic.Error)));
            });

        [Fact]
        public Task CategorySetting_IsReportedWhenNothingMoreSpecificApplies() => V.Analyzer("class C { }", TestDomain.Policy,
            test =>
            {
                V.WithoutPackageConfig(test);
                test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-RetailGuard.Export.severity = none\n"));
            },
            Category("RG2001"), Category("RG2002"), Category("RG2003", "warning"),
            Missing("RG1001"), Missing("RG1002"), Missing("RG1003"), Missing("RG1004"), Missing("RG1005"), Missing("RG1006"),

            // Domain.cs lies outside the folder of the .editorconfig: there nothing configures the export rules.
            Missing("RG2001"), Missing("RG2002"));

        [Fact]
        public Task CategorySetting_IsQuietWhereTheRuleItselfIsConfigured() => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_analyzer_diagnostic.category-RetailGuard.DataAccess.severity = none\n")),
            Category("RG1007", "warning"));

        [Fact]
        public Task WarningRulesLowered_AreReported_RaisedOrEqual_AreQuiet() => V.Analyzer("class C { }", TestDomain.Policy,
            test => test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.RG1007.severity = silent\ndotnet_diagnostic.RG2003.severity = error\ndotnet_diagnostic.RG1001.severity = error\n")),
            Lowered("An .editorconfig", "RG1007", "silent", "in 'Test0.cs'", "warning").WithSpan("/0/Test0.cs", 1, 1, 1, 1));

        [Fact]
        public Task ThePackageConfigurationAlone_IsQuiet() => V.Analyzer("class C { }", TestDomain.Policy);

        [Fact]
        public Task PolicyAllowingLocalSuppressions_IsQuiet() => V.Analyzer("class C { }", TestPolicies.With("  \"allowLocalSuppressions\": true"),
            test => test.TestState.AnalyzerConfigFiles.Add(("/0/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.RG1001.severity = none\n")));

        private static DiagnosticResult Missing(string id) =>
            Lowered("A build without RetailGuard's configuration (build/RetailGuard.Analyzers.globalconfig is not imported)", id, "warning", "for the whole project");

        private static DiagnosticResult Category(string id, string shipped = "error") =>
            Lowered("An .editorconfig or .globalconfig category setting (dotnet_analyzer_diagnostic.category-RetailGuard." + (id.StartsWith("RG2") ? "Export" : "DataAccess") + ".severity)", id, "none", "in 'Test0.cs'", shipped)
                .WithSpan("/0/Test0.cs", 1, 1, 1, 1);
    }
}
