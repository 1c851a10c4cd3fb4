using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace RetailGuard.Tests.Package
{
    /// <summary>
    /// The package's MSBuild logic, evaluated by MSBuild itself: every .sql file under the project becomes an AdditionalFiles
    /// item without being listed (outside bin, obj and hidden folders), the glob is a property, and the .editorconfig files
    /// above the .sql files reach RetailGuard.
    /// </summary>
    public sealed class SqlAutoInclusionTests : IDisposable
    {
        private readonly string _project;

        public SqlAutoInclusionTests()
        {
            _project = Path.Combine(Path.GetTempPath(), "retailguard-sqlinclude-" + Guid.NewGuid().ToString("N"));
            foreach (var file in new[] { "Sql/extract.sql", "Reports/Deep/report.sql", "bin/Debug/copied.sql", "obj/generated.sql", ".vs/cache.sql", "Listed/listed.sql" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_project, file))!);
                File.WriteAllText(Path.Combine(_project, file), "SELECT 1");
            }

            File.WriteAllText(Path.Combine(_project, "Sql", ".editorconfig"), "[*.sql]\ndotnet_diagnostic.RG1001.severity = warning\n");
            File.WriteAllText(Path.Combine(_project, "Program.cs"), "class Program { }");
            string build = Path.Combine(RepositoryRoot(), "src", "RetailGuard.Package", "build");
            File.WriteAllText(Path.Combine(_project, "Consumer.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <Import Project=""{build}/RetailGuard.Analyzers.props"" />
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><AdditionalFiles Include=""Listed/listed.sql"" /></ItemGroup>
  <Import Project=""{build}/RetailGuard.Analyzers.targets"" />
</Project>");
        }

        public void Dispose() => Directory.Delete(_project, recursive: true);

        [Fact]
        public void EverySqlFileUnderTheProject_IsAnAdditionalFile_Once() =>
            Assert.Equal(new[] { "Listed/listed.sql", "Reports/Deep/report.sql", "Sql/extract.sql" }, Items("AdditionalFiles"));

        [Fact]
        public void TheGlobIsAProperty() =>
            Assert.Equal(new[] { "Listed/listed.sql", "Sql/extract.sql" }, Items("AdditionalFiles", "-p:RetailGuardSqlFiles=Sql/**/*.sql"));

        [Fact]
        public void AutoInclusionCanBeTurnedOff() =>
            Assert.Equal(new[] { "Listed/listed.sql" }, Items("AdditionalFiles", "-p:RetailGuardAutoIncludeSql=false"));

        [Fact]
        public void EditorConfigAboveSqlFiles_ReachesTheCompilerAndRetailGuard()
        {
            string config = Path.Combine(_project, "Sql", ".editorconfig").Replace('\\', '/');
            Assert.Contains(config, Items("AdditionalFiles", "-t:RetailGuardAddSqlEditorConfig").Select(i => i.Replace('\\', '/')));
            Assert.Contains(config, Items("EditorConfigFiles", "-t:RetailGuardAddSqlEditorConfig").Select(i => i.Replace('\\', '/')));
        }

        private List<string> Items(string itemType, string extra = "")
        {
            var start = new ProcessStartInfo("dotnet", $"msbuild Consumer.csproj -nologo -getItem:{itemType} {extra}")
            {
                WorkingDirectory = _project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // A test run inside MSBuild (dotnet test) must not hand its own MSBuild over to the child.
            foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                start.Environment.Remove(variable);
            }
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + errors);
            using var json = JsonDocument.Parse(output.Substring(output.IndexOf('{')));
            return json.RootElement.GetProperty("Items").GetProperty(itemType).EnumerateArray()
                .Select(i => i.GetProperty("Identity").GetString()!)
                .Where(i => i.EndsWith(".sql", StringComparison.Ordinal) || i.EndsWith(".editorconfig", StringComparison.Ordinal))
                .OrderBy(i => i, StringComparer.Ordinal)
                .ToList();
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
    }
}
