using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RetailGuard.Diagnostics;
using Xunit;

namespace RetailGuard.Tests.EndToEnd
{
    /// <summary>
    /// What a new user does: one <c>dotnet format analyzers</c> run with every RetailGuard ID on a copy of
    /// <c>samples/QuickStart</c>. Afterwards the project builds with no RetailGuard error left except those no fix can
    /// correct, the leaky methods read filtered, and nothing else changed. One restore, one format, one build.
    /// </summary>
    public class DotnetFormatTests
    {
        /// <summary>Only a safety net against a hung child process: a normal run takes well under a minute.</summary>
        private static readonly TimeSpan Hung = TimeSpan.FromMinutes(10);

        /// <summary>Each fix, as (original text, fixed text) in the sample's files; every original text occurs once.</summary>
        private static readonly Dictionary<string, (string Original, string Fixed)[]> ExpectedFixes = new Dictionary<string, (string, string)[]>
        {
            ["Screens.cs"] = new[]
            {
                ("db.Customers.ToList();", "db.Customers.OwnContractsOnly().ToList();"),
                ("db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();",
                 "db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();"),
                ("db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).ToList();",
                 "db.Customers.OwnContractsOnly().Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).ToList();"),
                ("db.Customers.ToList().Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();",
                 "db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();"),
            },
            ["SqlScreens.cs"] = new[]
            {
                ("\"SELECT c.* FROM customers c JOIN", "\"SELECT c.* FROM own_customers c JOIN"),
                ("UNION SELECT name FROM customers\"", "UNION SELECT name FROM own_customers\""),
            },
        };

        /// <summary>
        /// What stays: findings no fix can correct. The restricted table must not be read at all (a person removes the read),
        /// SQL from a parameter cannot be checked, and <c>dotnet format</c> only fixes C# documents, not .sql AdditionalFiles.
        /// </summary>
        private static readonly string[] ExpectedRemaining =
        {
            "Screens.cs RG1006 error",
            "SqlScreens.cs RG1007 warning",
            "dwh_extract.sql RG2002 error",
        };

        [Fact]
        public void OneRun_FixesEveryFixableFinding()
        {
            string repository = RepositoryRoot();
            string sample = Path.Combine(repository, "samples", "QuickStart");
            string work = Path.Combine(Path.GetTempPath(), "retailguard-format-" + Guid.NewGuid().ToString("N"));
            string project = Path.Combine(work, "QuickStart");
            try
            {
                CopySample(repository, sample, work, project);
                Run(project, new[] { "restore", "QuickStart.csproj" });

                var ids = Descriptors.All.Select(d => d.Id).ToList();
                var format = new List<string> { "format", "analyzers", "QuickStart.csproj", "--no-restore", "--severity", "info", "--diagnostics" };
                format.AddRange(ids);
                Run(project, format.ToArray());

                var (_, build) = Run(project, new[] { "build", "QuickStart.csproj", "--no-restore", "-nologo", "-clp:NoSummary" }, allowFailure: true);
                var remaining = Regex.Matches(build, @"(?<file>[^\\/\s(]+)\(\d+,\d+\): (?<severity>error|warning) (?<id>RG\d{4}):")
                    .Select(m => m.Groups["file"].Value + " " + m.Groups["id"].Value + " " + m.Groups["severity"].Value)
                    .Distinct()
                    .OrderBy(s => s, StringComparer.Ordinal)
                    .ToArray();
                Assert.Equal(ExpectedRemaining.OrderBy(s => s, StringComparer.Ordinal), remaining);
                Assert.DoesNotMatch(@"error CS\d{4}", build);

                foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories).Where(f => !IsBuildOutput(sample, f)))
                {
                    string relative = Path.GetRelativePath(sample, file);
                    if (relative == "QuickStart.csproj")
                    {
                        continue;
                    }

                    string expected = File.ReadAllText(file);
                    if (ExpectedFixes.TryGetValue(relative, out var fixes))
                    {
                        foreach (var (original, fixedText) in fixes)
                        {
                            Assert.Equal(1, Occurrences(expected, original));
                            expected = expected.Replace(original, fixedText, StringComparison.Ordinal);
                        }
                    }

                    Assert.Equal(expected, File.ReadAllText(Path.Combine(project, relative)));
                }
            }
            finally
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        /// <summary>
        /// The sample and the repository's build settings, with the analyzer projects replaced by the assemblies this test
        /// runs against (absolute paths), so the copy builds anywhere.
        /// </summary>
        private static void CopySample(string repository, string sample, string work, string project)
        {
            Directory.CreateDirectory(project);
            foreach (var name in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            {
                File.Copy(Path.Combine(repository, name), Path.Combine(work, name));
            }

            foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories).Where(f => !IsBuildOutput(sample, f)))
            {
                string target = Path.Combine(project, Path.GetRelativePath(sample, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            string csproj = Path.Combine(project, "QuickStart.csproj");
            string text = File.ReadAllText(csproj);
            string bin = AppContext.BaseDirectory;
            foreach (var name in new[] { "RetailGuard.Analyzers", "RetailGuard.CodeFixes" })
            {
                var reference = new Regex(@"<ProjectReference Include=""[^""]*" + Regex.Escape(name) + @"\.csproj""[^>]*/>");
                Assert.Matches(reference, text);
                text = reference.Replace(text, $"<Analyzer Include=\"{Path.Combine(bin, name + ".dll")}\" />");
            }

            // The package's configuration (findings as errors) is referenced relative to the repository: point at it there.
            text = text.Replace(
                @"..\..\src\RetailGuard.Package\build\RetailGuard.Analyzers.globalconfig",
                Path.Combine(repository, "src", "RetailGuard.Package", "build", "RetailGuard.Analyzers.globalconfig"),
                StringComparison.Ordinal);
            File.WriteAllText(csproj, text);
        }

        private static bool IsBuildOutput(string root, string file)
        {
            string first = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
            return first == "bin" || first == "obj";
        }

        private static int Occurrences(string text, string piece)
        {
            int count = 0;
            for (int i = text.IndexOf(piece, StringComparison.Ordinal); i >= 0; i = text.IndexOf(piece, i + piece.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }

        private static (int ExitCode, string Output) Run(string directory, string[] arguments, bool allowFailure = false)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The test host's MSBuild settings must not leak into the child: it builds the copy like a user's shell would.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Hung))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("dotnet " + string.Join(" ", arguments) + " did not finish");
            }

            Task.WaitAll(stdout, stderr);
            output.Append(stdout.Result).Append(stderr.Result);
            if (!allowFailure && process.ExitCode != 0)
            {
                Assert.Fail($"dotnet {string.Join(" ", arguments)} failed ({process.ExitCode}):\n{output}");
            }

            return (process.ExitCode, output.ToString());
        }
    }
}
