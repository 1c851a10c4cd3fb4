using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static RetailGuard.Tests.Rules.RG1001_SqlUnfilteredReadTests;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.SqlReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1007_SqlUnverifiableTests
    {
        [Fact]
        public Task SqlFromAParameter_Fires() => V.Analyzer(Usings + @"
class Report
{
    IEnumerable<dynamic> Run(IDbConnection conn, string sql) => conn.Query({|RG1007:sql|});
}");

        [Fact]
        public Task InterpolatedInput_Fires() => V.Analyzer(Usings + @"
class Report
{
    IEnumerable<dynamic> Run(IDbConnection conn, string table) => conn.Query($""SELECT * FROM {|RG1007:{table}|}"");
}");

        [Fact]
        public Task BuiltInALoop_Fires() => V.Analyzer(Usings + @"
class Report
{
    IEnumerable<dynamic> Run(IDbConnection conn, string[] columns)
    {
        var sql = ""SELECT * FROM customers WHERE 1 = 1"";
        foreach (var c in columns)
        {
            {|RG1007:sql += "" AND "" + c + "" = 1""|};
        }

        return conn.Query(sql);
    }
}");

        [Fact]
        public Task ReturnedByAnotherAssembly_Fires() => V.Analyzer(Usings + @"
class Report
{
    IEnumerable<dynamic> Run(IDbConnection conn) => conn.Query({|RG1007:System.Environment.GetEnvironmentVariable(""SQL"")|});
}");

        [Fact]
        public Task DoesNotParse_FiresAtTheError() => V.Analyzer(Usings + @"
class Report
{
    IEnumerable<dynamic> Run(IDbConnection conn) => conn.Query(""SELECT * FROM customers WHERE {|RG1007:)|}"");
}");

        [Fact]
        public Task DeepNestingAndHugeText_AreReportedNotParsed()
        {
            string nested = new string('(', 1000) + "1" + new string(')', 1000);
            string huge = "SELECT * FROM customers WHERE " + string.Join(" AND ", Enumerable.Range(0, 40000).Select(i => "name <> 'x" + i + "'"));
            return V.Analyzer(Usings + @"
class Report
{
    void Run(IDbConnection conn)
    {
        conn.Query({|RG1007:""SELECT * FROM customers WHERE id = " + nested + @"""|});
        conn.Query({|RG1007:""" + huge + @"""|});
    }
}");
        }

        [Fact]
        public Task BinaryGarbage_IsReportedNotCrashed() => V.Analyzer(Usings + @"
class Report
{
    void Run(IDbConnection conn) => conn.Query(""SELECT \u0001\u0002 FROM customers {|RG1007:\uFFFF|} \u0000"");
}");

        [Fact]
        public Task ResolvableSqlWithoutGuardedTables_IsQuiet() => V.Analyzer(Usings + @"
class Report
{
    void Run(IDbConnection conn, int id) => conn.Query(""SELECT * FROM invoices WHERE id = @id"", new { id });
}");
    }
}
