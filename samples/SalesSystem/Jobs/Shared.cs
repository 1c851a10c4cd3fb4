using System.Collections.Generic;
using System.IO;
using Sales.Domain;
using Sales.Oracle;

namespace Sales.Jobs
{
    /// <summary>A row of the arrears-dunning list.</summary>
    public sealed class ArrearsLine
    {
        public string Name { get; set; } = "";

        public int Amount { get; set; }
    }

    /// <summary>Writes the contractor's feed file. Whether it leaks depends only on the rows it is given.</summary>
    public static class FeedWriter
    {
        public static void WriteFeed(JobContext context, IEnumerable<Customer> rows)
        {
            using var writer = new StreamWriter(context.OutputPath("feed.csv"));
            foreach (var row in rows)
            {
                writer.WriteLine(row.Name + "," + row.SupplyPointId);
            }
        }
    }
}
