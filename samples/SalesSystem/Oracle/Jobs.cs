using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sales.Data;

namespace Sales.Oracle
{
    /// <summary>Marks a sample job: one screen or batch of the sales system, in its leaky or corrected form.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class JobAttribute : Attribute
    {
        public JobAttribute(int incident, string title, bool leaky)
        {
            Incident = incident;
            Title = title;
            Leaky = leaky;
        }

        /// <summary>The incident of the 2023 report the job reproduces (1–7).</summary>
        public int Incident { get; }

        public string Title { get; }

        /// <summary>The form the sample means to show: the mistake as it was, or a corrected form. The oracle measures the truth.</summary>
        public bool Leaky { get; }
    }

    /// <summary>What a job has to work with: the EF Core contexts, a connection for Dapper and ADO.NET, an export folder, and user input.</summary>
    public sealed class JobContext
    {
        private static readonly Dictionary<string, string> Inputs = new Dictionary<string, string>
        {
            ["retailer"] = "R0002",
            ["supplyPoint"] = "SP-RIVAL-1",
            ["customerId"] = "200",
        };

        public JobContext(SalesDbContext db, FilteredSalesContext filteredDb, DbConnection connection, string outputDirectory)
        {
            Db = db;
            FilteredDb = filteredDb;
            Connection = connection;
            OutputDirectory = outputDirectory;
        }

        public SalesDbContext Db { get; }

        public FilteredSalesContext FilteredDb { get; }

        public DbConnection Connection { get; }

        public string OutputDirectory { get; }

        /// <summary>What a user typed on the screen. The same in every run.</summary>
        public string Input(string name) => Inputs[name];

        public string OutputPath(string file) => Path.Combine(OutputDirectory, file);
    }

    /// <summary>The in-house feed to the contractor (業務委託先): listed in the policy's exportSinks.</summary>
    public static class ContractorFeed
    {
        public static void Deliver(JobContext context, IEnumerable<string> lines) =>
            File.WriteAllLines(context.OutputPath("contractor_feed.txt"), lines);
    }

    /// <summary>Everything a job observed: the rows it loaded, what it returned, and the files it exported.</summary>
    public sealed class Observation
    {
        public Observation(IReadOnlyList<string> rows, string returned, IReadOnlyList<string> files)
        {
            Rows = rows;
            Returned = returned;
            Files = files;
        }

        public IReadOnlyList<string> Rows { get; }

        public string Returned { get; }

        public IReadOnlyList<string> Files { get; }

        /// <summary>The first difference from another observation, or null when they are the same.</summary>
        public string? DifferenceFrom(Observation other)
        {
            string? rows = FirstDifference(Rows, other.Rows);
            if (rows != null)
            {
                return "read " + rows;
            }

            if (Returned != other.Returned)
            {
                return "returned " + Shorten(Returned) + " / " + Shorten(other.Returned);
            }

            string? files = FirstDifference(Files, other.Files);
            return files == null ? null : "exported " + files;
        }

        private static string? FirstDifference(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                string x = i < a.Count ? a[i] : "(nothing)";
                string y = i < b.Count ? b[i] : "(nothing)";
                if (x != y)
                {
                    return Shorten(x) + " / " + Shorten(y);
                }
            }

            return null;
        }

        private static string Shorten(string s) => s.Length <= 90 ? s : s.Substring(0, 87) + "...";
    }

    /// <summary>Runs sample jobs against a fresh database and records what they observed.</summary>
    public static class JobRunner
    {
        static JobRunner() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

        public static IReadOnlyList<MethodInfo> Jobs() => typeof(JobRunner).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<JobAttribute>() != null)
            .OrderBy(m => m.GetCustomAttribute<JobAttribute>()!.Incident)
            .ThenBy(m => m.DeclaringType!.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        public static string Name(MethodInfo job) => job.DeclaringType!.Name + "." + job.Name;

        public static Observation Run(MethodInfo job, DataSet set)
        {
            string folder = Path.Combine(Path.GetTempPath(), "retailguard-sales-" + Guid.NewGuid().ToString("N"));
            string output = Path.Combine(folder, "out");
            Directory.CreateDirectory(output);
            try
            {
                string database = Path.Combine(folder, "sales.db");
                SalesDatabase.Create(database, set);
                string connectionString = "Data Source=" + database + ";Pooling=False";
                var recorder = new Recorder();
                var options = new DbContextOptionsBuilder().UseSqlite(connectionString).AddInterceptors(new RecordingInterceptor(recorder)).Options;
                object? result;
                using (var db = new SalesDbContext(options))
                using (var filtered = new FilteredSalesContext(options))
                using (var connection = new RecordingConnection(new SqliteConnection(connectionString), recorder))
                {
                    connection.Open();
                    result = job.Invoke(null, new object[] { new JobContext(db, filtered, connection, output) });
                    if (result is System.Threading.Tasks.Task task)
                    {
                        task.GetAwaiter().GetResult();
                        result = task.GetType().GetProperty("Result")?.GetValue(task);
                    }
                }

                string returned = JsonSerializer.Serialize(result, new JsonSerializerOptions { IncludeFields = true });
                var files = Directory.GetFiles(output).OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => Path.GetFileName(f) + ": " + Encoding.UTF8.GetString(File.ReadAllBytes(f)).Replace("\r", string.Empty).Replace("\n", " \\n "))
                    .ToList();
                return new Observation(recorder.Rows, returned, files);
            }
            finally
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held open by the OS; the temp folder is cleaned later.
                }
            }
        }
    }
}
