using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace RetailGuard.Cli.Loading
{
    /// <summary>A solution or project loaded with MSBuildWorkspace, and what could not be loaded.</summary>
    internal sealed class LoadedInput
    {
        public LoadedInput(string path, string root, Solution solution, IReadOnlyList<string> problems)
        {
            Path = path;
            Root = root;
            Solution = solution;
            Problems = problems;
        }

        /// <summary>The solution or project file.</summary>
        public string Path { get; }

        /// <summary>The folder reports name files relative to: the folder of <see cref="Path"/>.</summary>
        public string Root { get; }

        public Solution Solution { get; }

        /// <summary>Projects or references MSBuild could not load, one message each.</summary>
        public IReadOnlyList<string> Problems { get; }

        /// <summary>
        /// The C# projects of the input, one per project file (the first target framework of a multi-targeting project): every
        /// project of a solution; for a project file, that project alone (its references are loaded only to compile it).
        /// </summary>
        public IEnumerable<Project> CSharpProjects()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool single = Path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
            foreach (var project in Solution.Projects.OrderBy(p => p.FilePath, StringComparer.Ordinal))
            {
                if (single && !string.Equals(project.FilePath, Path, StringComparison.Ordinal))
                {
                    continue;
                }

                if (project.Language == LanguageNames.CSharp && seen.Add(project.FilePath ?? project.Name))
                {
                    yield return project;
                }
            }
        }
    }

    /// <summary>Finds the input and loads it with MSBuildWorkspace, on the .NET SDK found by Microsoft.Build.Locator.</summary>
    internal static class Workspaces
    {
        private static readonly object Gate = new object();

        /// <summary>
        /// The solution (.sln, .slnx) or project (.csproj) file <paramref name="input"/> names; for a folder, the one solution in
        /// it, else its one project. Throws <see cref="CliException"/> when there is none or more than one.
        /// </summary>
        public static string Resolve(string input)
        {
            string full = System.IO.Path.GetFullPath(input);
            if (File.Exists(full))
            {
                string ext = System.IO.Path.GetExtension(full).ToLowerInvariant();
                if (ext is ".sln" or ".slnx" or ".csproj")
                {
                    return full;
                }

                throw new CliException($"'{input}' is not a solution (.sln, .slnx) or C# project (.csproj)");
            }

            if (!Directory.Exists(full))
            {
                throw new CliException($"'{input}' does not exist");
            }

            foreach (var patterns in new[] { new[] { "*.sln", "*.slnx" }, new[] { "*.csproj" } })
            {
                var found = patterns.SelectMany(p => Directory.GetFiles(full, p)).OrderBy(f => f, StringComparer.Ordinal).ToList();
                if (found.Count == 1)
                {
                    return found[0];
                }

                if (found.Count > 1)
                {
                    throw new CliException($"'{input}' holds {found.Count} {(patterns[0] == "*.csproj" ? "projects" : "solutions")}; name one: {string.Join(", ", found.Select(System.IO.Path.GetFileName))}");
                }
            }

            throw new CliException($"'{input}' holds no solution (.sln, .slnx) or C# project (.csproj)");
        }

        /// <summary>Registers the .NET SDK's MSBuild once per process: before any MSBuildWorkspace is created.</summary>
        public static void RegisterMSBuild()
        {
            lock (Gate)
            {
                if (!MSBuildLocator.IsRegistered)
                {
                    if (!MSBuildLocator.CanRegister)
                    {
                        return;
                    }

                    try
                    {
                        MSBuildLocator.RegisterDefaults();
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new CliException("no .NET SDK found to load projects with (" + ex.Message + ")");
                    }
                }
            }
        }

        /// <summary>
        /// Restores the input's packages (<c>dotnet restore</c>, as <c>dotnet format</c> does), so that its references resolve.
        /// A failure is not fatal: the projects are analysed as far as they load, and the failure is listed.
        /// </summary>
        public static async Task<string?> RestoreAsync(string path, CancellationToken cancellationToken)
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
            var start = new System.Diagnostics.ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = System.IO.Path.GetDirectoryName(path)!,
            };
            foreach (var arg in new[] { "restore", path, "-nologo", "-v", "q" })
            {
                start.ArgumentList.Add(arg);
            }

            try
            {
                using var process = System.Diagnostics.Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var errors = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    string text = ((await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false))).Trim();
                    var first = text.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? text.Split('\n')[0];
                    return "restore failed: " + first.Trim();
                }

                return null;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return "restore could not run: " + ex.Message;
            }
        }

        /// <summary>Loads the solution or project. A project that does not load at all is an error; partial failures are listed.</summary>
        public static async Task<LoadedInput> LoadAsync(string path, IProgress<string>? progress, CancellationToken cancellationToken, bool restore = true)
        {
            RegisterMSBuild();
            var problems = new List<string>();
            if (restore && await RestoreAsync(path, cancellationToken).ConfigureAwait(false) is { } restoreProblem)
            {
                problems.Add(restoreProblem);
            }

            var workspace = MSBuildWorkspace.Create(new Dictionary<string, string>
            {
                // The projects as a design-time build sees them, without building their references first.
                ["DesignTimeBuild"] = "true",
                ["BuildingInsideVisualStudio"] = "false",
            });
            workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (problems)
                    {
                        problems.Add(e.Diagnostic.Message);
                    }
                }
            });

            var reporter = progress == null ? null : new Progress<ProjectLoadProgress>(p =>
            {
                if (p.Operation == ProjectLoadOperation.Resolve)
                {
                    progress.Report(System.IO.Path.GetFileNameWithoutExtension(p.FilePath));
                }
            });

            Solution solution;
            try
            {
                solution = path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                    ? (await workspace.OpenProjectAsync(path, reporter, cancellationToken).ConfigureAwait(false)).Solution
                    : await workspace.OpenSolutionAsync(path, reporter, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new CliException($"'{path}' could not be loaded: {ex.Message}");
            }

            if (!solution.Projects.Any(p => p.Language == LanguageNames.CSharp))
            {
                string why = problems.Count > 0 ? ": " + problems[0] : string.Empty;
                throw new CliException($"'{path}' has no C# project that could be loaded{why}");
            }

            return new LoadedInput(path, System.IO.Path.GetDirectoryName(path)!, solution, problems);
        }
    }
}
