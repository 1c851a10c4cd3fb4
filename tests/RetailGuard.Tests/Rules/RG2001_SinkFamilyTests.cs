using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.ExportAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>Excel workbooks and SqlBulkCopy, against the real libraries.</summary>
    public class RG2001_SinkFamilyTests
    {
        private const string Usings = @"
using System.Data;
using System.Data.SqlClient;
using System.Linq;
using System.Text;
using ClosedXML.Excel;
using Sales.Data;
using Sales.Domain;
";

        [Fact]
        public Task ClosedXmlAndBulkCopy() => V.Analyzer(Usings + @"
class Reports
{
    void Excel(SalesContext db, string path)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(""customers"");
        int row = 1;
        foreach (var c in db.Customers.ToList())
        {
            {|RG2001:sheet.Cell(row++, 1).Value = c.Name|};
        }

        book.SaveAs(path);
    }

    void ExcelOwn(SalesContext db, string path)
    {
        using var book = new XLWorkbook();
        book.Worksheets.Add(""customers"").Cell(1, 1).InsertData(db.Customers.OwnContractsOnly().Select(c => c.Name).ToList());
        book.SaveAs(path);
    }

    void Bulk(SalesContext db, SqlConnection dwh, IDataReader rows)
    {
        using var copy = new SqlBulkCopy(dwh);
        var table = new DataTable();
        foreach (var c in db.Customers.ToList())
        {
            table.Rows.Add(c.Name);
        }

        {|RG2002:copy.WriteToServer(table)|};
    }
}", TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.WithExportLibraries);
    }
}
