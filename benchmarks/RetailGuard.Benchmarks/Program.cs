using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Rules;

namespace RetailGuard.Benchmarks
{
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// RetailGuard's analyzers over a generated data layer of 200 methods (LINQ, Dapper, exports), against the
    /// compiler alone, and over the same code when the policy protects nothing it uses (the bail-out path).
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 30)]
    public class AnalyzerBenchmarks
    {
        private const string Policy = @"{ ""ownRetailer"": { ""codes"": [""R0001""], ""symbols"": [""Bench.Codes.Own""] },
  ""protectedTables"": [ { ""table"": ""customers"", ""entity"": ""Bench.Customer"", ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"",
    ""excluded"": [ { ""column"": ""contract_kind"", ""property"": ""ContractKind"", ""values"": [""LAST_RESORT""] } ] } ] }";

        private const string UnrelatedPolicy = @"{ ""ownRetailer"": { ""codes"": [""R0001""] },
  ""protectedTables"": [ { ""table"": ""meters"", ""entity"": ""Other.Meter"", ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"" } ] }";

        private CSharpCompilation _compilation = null!;
        private ImmutableArray<DiagnosticAnalyzer> _analyzers;

        [Params(200)]
        public int Methods { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            var source = new StringBuilder(@"
using System.Collections.Generic; using System.Data; using System.IO; using System.Linq; using Dapper; using Microsoft.EntityFrameworkCore;
namespace Bench {
public static class Codes { public const string Own = ""R0001""; }
public class Customer { public int Id { get; set; } public string Name { get; set; } = """"; public string RetailerCode { get; set; } = """"; public string ContractKind { get; set; } = """"; }
public class Ctx : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
public class Jobs {
");
            for (int i = 0; i < Methods; i++)
            {
                switch (i % 4)
                {
                    case 0:
                        source.Append($"public List<Customer> L{i}(Ctx db) => db.Customers.Where(c => c.RetailerCode == Codes.Own && c.ContractKind != \"LAST_RESORT\" && c.Id > {i}).ToList();\n");
                        break;
                    case 1:
                        source.Append($"public int C{i}(Ctx db) {{ var q = db.Customers.AsQueryable(); if (db != null) q = q.Where(c => c.Id > {i}); return q.Count(); }}\n");
                        break;
                    case 2:
                        source.Append($"public IEnumerable<Customer> S{i}(IDbConnection c) => c.Query<Customer>(\"SELECT * FROM customers WHERE retailer_code = @o AND contract_kind <> 'LAST_RESORT' AND id > {i}\", new {{ o = Codes.Own }});\n");
                        break;
                    default:
                        source.Append($"public void E{i}(Ctx db, string p) => File.WriteAllLines(p, db.Customers.Select(c => c.Name));\n");
                        break;
                }
            }

            source.Append("}}");
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(p => MetadataReference.CreateFromFile(p));
            _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(source.ToString()) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            _analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new QueryReadAnalyzer(), new SqlReadAnalyzer(), new ExportAnalyzer(), new PolicyAnalyzer());
        }

        [Benchmark(Baseline = true, Description = "compiler diagnostics only")]
        public int CompilerOnly() => _compilation.Clone().GetDiagnostics().Length;

        [Benchmark(Description = "RetailGuard, customers protected")]
        public int Protected() => Analyze(Policy);

        [Benchmark(Description = "RetailGuard, nothing used is protected")]
        public int NothingProtected() => Analyze(UnrelatedPolicy);

        private int Analyze(string policy)
        {
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new PolicyText(policy)));
            return _compilation.Clone().WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
        }

        private sealed class PolicyText : AdditionalText
        {
            private readonly SourceText _text;

            public PolicyText(string text) => _text = SourceText.From(text);

            public override string Path => "/bench/retailguard.json";

            public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
        }
    }
}
