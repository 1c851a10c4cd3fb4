using System;
using System.Linq;
using Sales.Oracle;

namespace Sales
{
    /// <summary>
    /// Runs every job against two databases that hold the same own-retailer rows and different rows of other
    /// retailers, last-resort contracts and the transmission division. A job whose observations differ read data
    /// the sales side must never see.
    /// </summary>
    public static class Program
    {
        public static int Main()
        {
            var jobs = JobRunner.Jobs();
            Console.WriteLine($"RetailGuard sample sales system: {jobs.Count} jobs, each run against database A and database B.");
            Console.WriteLine("Own-retailer rows are identical in A and B; other retailers', last-resort and transmission-division rows differ.");
            Console.WriteLine();
            int leaks = 0, surprises = 0;
            foreach (var job in jobs)
            {
                var info = job.GetCustomAttributes(typeof(JobAttribute), false).Cast<JobAttribute>().Single();
                var a = JobRunner.Run(job, DataSet.A);
                var b = JobRunner.Run(job, DataSet.B);
                string? difference = a.DifferenceFrom(b);
                bool leaked = difference != null;
                leaks += leaked ? 1 : 0;
                surprises += leaked != info.Leaky ? 1 : 0;
                Console.WriteLine($"[{info.Incident}] {(leaked ? "LEAKS" : "ok   ")}  {JobRunner.Name(job),-40} {info.Title}");
                Console.WriteLine($"           rows read: A {a.Rows.Count,3}, B {b.Rows.Count,3}; files: {a.Files.Count}");
                if (leaked)
                {
                    Console.WriteLine("           A / B: " + difference);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{leaks} of {jobs.Count} jobs read or exported rows of other retailers, last-resort contracts or the transmission division.");
            Console.WriteLine("Build the project to see RetailGuard report each of them (warnings here; errors in a real project).");
            return surprises == 0 ? 0 : 1;
        }
    }
}
