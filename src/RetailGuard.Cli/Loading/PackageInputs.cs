using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Governance;

namespace RetailGuard.Cli.Loading
{
    /// <summary>
    /// What the analyzer package adds to a project's AdditionalFiles (build/RetailGuard.Analyzers.targets and
    /// RetailGuard.Governance.targets), for projects that do not reference it yet: the nearest retailguard.json, the project
    /// folder's retailguard.baseline.json and its .sql files. A project that lists them itself (or has the package) keeps its own.
    /// </summary>
    internal static class PackageInputs
    {
        public const string PolicyFileName = "retailguard.json";

        private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules" };

        public static Project Apply(Project project, CancellationToken cancellationToken)
        {
            string? folder = Path.GetDirectoryName(project.FilePath);
            if (folder == null)
            {
                return project;
            }

            var listed = project.AdditionalDocuments.Select(d => d.FilePath ?? d.Name).ToList();
            if (!listed.Any(p => string.Equals(Path.GetFileName(p), PolicyFileName, StringComparison.OrdinalIgnoreCase)) && FindPolicy(folder) is { } policy)
            {
                project = Add(project, policy);
            }

            string baseline = Path.Combine(folder, BaselineFile.FileName);
            if (!listed.Any(p => BaselineFile.IsBaselineFile(p)) && File.Exists(baseline))
            {
                project = Add(project, baseline);
            }

            if (!listed.Any(p => p.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var sql in SqlFiles(folder, cancellationToken))
                {
                    project = Add(project, sql);
                }
            }

            return project;
        }

        /// <summary>retailguard.json in <paramref name="folder"/> or the nearest parent folder, as the package finds it.</summary>
        public static string? FindPolicy(string folder)
        {
            for (var dir = new DirectoryInfo(folder); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, PolicyFileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>The policy file a project uses: the one it lists, else the nearest one.</summary>
        public static string? PolicyOf(Project project)
        {
            var listed = project.AdditionalDocuments.FirstOrDefault(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), PolicyFileName, StringComparison.OrdinalIgnoreCase));
            if (listed?.FilePath != null)
            {
                return listed.FilePath;
            }

            string? folder = Path.GetDirectoryName(project.FilePath);
            return folder == null ? null : FindPolicy(folder);
        }

        /// <summary>**/*.sql under the project folder, outside bin, obj, node_modules and hidden folders.</summary>
        public static IEnumerable<string> SqlFiles(string folder, CancellationToken cancellationToken)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            var found = new List<string>();
            while (pending.Count > 0 && found.Count < 10_000)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string dir = pending.Pop();
                found.AddRange(Directory.GetFiles(dir, "*.sql"));
                foreach (var sub in Directory.GetDirectories(dir))
                {
                    string name = Path.GetFileName(sub);
                    if (!name.StartsWith(".", StringComparison.Ordinal) && !SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
                    {
                        pending.Push(sub);
                    }
                }
            }

            found.Sort(StringComparer.Ordinal);
            return found;
        }

        private static Project Add(Project project, string path) =>
            project.AddAdditionalDocument(Path.GetFileName(path), SourceText.From(File.ReadAllText(path)), filePath: path).Project;
    }
}
