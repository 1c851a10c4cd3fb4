using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RetailGuard.Cli.Analysis;
using RetailGuard.Cli.Loading;
using Sales.Oracle;
using Xunit;

// The commands write to the process's console: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RetailGuard.Cli.Tests
{
    /// <summary>
    /// A copy of samples/SalesSystem at artifacts/SalesSystem-&lt;id&gt; (two folders deep, like samples/SalesSystem, so its relative
    /// references to the analyzer still resolve), deleted afterwards. Tests change the copy, never the sample.
    /// </summary>
    public sealed class SampleCopy : IDisposable
    {
        public SampleCopy(bool withPolicy = true)
        {
            Root = RepositoryRoot();
            Folder = Path.Combine(Root, "artifacts", "SalesSystem-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Parent = Folder;
            Copy(Path.Combine(Root, "samples", "SalesSystem"), Folder);
            if (!withPolicy)
            {
                File.Delete(Path.Combine(Folder, "retailguard.json"));
            }
        }

        public string Root { get; }

        /// <summary>The folder to delete afterwards (the copy itself).</summary>
        public string Parent { get; }

        /// <summary>The copy of the sample's project folder.</summary>
        public string Folder { get; }

        public string Project => Path.Combine(Folder, "SalesSystem.csproj");

        public string PathOf(string relative) => Path.Combine(Folder, relative);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Parent, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next clean: artifacts/ is ignored by git.
            }
        }

        public static string RepositoryRoot()
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

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }

            foreach (var dir in Directory.GetDirectories(from))
            {
                string name = Path.GetFileName(dir);
                if (name != "bin" && name != "obj")
                {
                    Copy(dir, Path.Combine(to, name));
                }
            }
        }
    }

    /// <summary>The sample copy, loaded once (restored and opened with MSBuildWorkspace) for a test class.</summary>
    public sealed class LoadedSample : IDisposable
    {
        private readonly Lazy<Task<LoadedInput>> _input;

        public LoadedSample()
        {
            Copy = new SampleCopy();
            _input = new Lazy<Task<LoadedInput>>(() => Workspaces.LoadAsync(Copy.Project, null, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public SampleCopy Copy { get; }

        internal Task<LoadedInput> InputAsync() => _input.Value;

        public void Dispose() => Copy.Dispose();
    }

    /// <summary>Runs the retailguard command in process, capturing what it writes.</summary>
    public static class Cli
    {
        public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
        {
            var savedOut = Console.Out;
            var savedError = Console.Error;
            var output = new StringWriter();
            var error = new StringWriter();
            var savedConsole = RetailGuard.Cli.Commands.Session.Err;
            try
            {
                Console.SetOut(output);
                Console.SetError(error);
                RetailGuard.Cli.Commands.Session.Err = Plain(error);
                int code = await Program.Run(args, Plain(output));
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(savedOut);
                Console.SetError(savedError);
                RetailGuard.Cli.Commands.Session.Err = savedConsole;
            }
        }

        private static Spectre.Console.IAnsiConsole Plain(TextWriter writer)
        {
            var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
            {
                Out = new Spectre.Console.AnsiConsoleOutput(writer),
                Ansi = Spectre.Console.AnsiSupport.No,
                ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
                Interactive = Spectre.Console.InteractionSupport.No,
            });
            console.Profile.Width = 4096;
            return console;
        }
    }

    /// <summary>The runtime oracle of tests/RetailGuard.Samples.Tests: a job leaks when what it observed differs between the two databases.</summary>
    public static class Oracle
    {
        private static readonly Lazy<HashSet<string>> Leaky = new Lazy<HashSet<string>>(() => new HashSet<string>(
            JobRunner.Jobs().Where(j => JobRunner.Run(j, DataSet.A).DifferenceFrom(JobRunner.Run(j, DataSet.B)) != null).Select(JobRunner.Name)));

        /// <summary>"LeakyJobs.LedgerSearch", … : the jobs that leak, measured.</summary>
        public static IReadOnlyCollection<string> LeakyJobs => Leaky.Value;

        public static IReadOnlyList<string> AllJobs => JobRunner.Jobs().Select(JobRunner.Name).ToList();

        /// <summary>The job a site's member is ("Sales.Jobs.LeakyJobs.LedgerSearch(JobContext)" is "LeakyJobs.LedgerSearch"), or null.</summary>
        public static string? JobOf(string member)
        {
            int paren = member.IndexOf('(');
            string name = paren < 0 ? member : member.Substring(0, paren);
            var parts = name.Split('.');
            return parts.Length >= 2 && AllJobs.Contains(parts[^2] + "." + parts[^1]) ? parts[^2] + "." + parts[^1] : null;
        }
    }
}
