using Microsoft.CodeAnalysis.Text;
using RetailGuard.Governance;
using Xunit;

namespace RetailGuard.Tests.Governance
{
    /// <summary>
    /// The table names of a whole <c>.sql</c> file (look-alike tables, DDL coverage) are read once per text: the next
    /// compilation with the same file text reuses them, and a changed text is read again.
    /// </summary>
    public class SqlNamesTests
    {
        private const string Script = "CREATE TABLE contracts (id int, retailer_code char(4));\nSELECT * FROM dbo.customer_master c JOIN contracts k ON k.id = c.id;";

        [Fact]
        public void FileText_IsRead_AsTheStringIs()
        {
            var text = SourceText.From(Script);

            Assert.Equal(new[] { "dbo.customer_master", "contracts" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(SqlNames.ReadTables(text), n => n.Display)));
            var created = Assert.Single(SqlNames.CreatedTables(text));
            Assert.Equal("contracts", created.Table.Display);
            Assert.Equal(new[] { "id", "retailer_code" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(created.Columns, c => c.Name)));
        }

        [Fact]
        public void SameText_IsReadOnce_AndAChangedTextAgain()
        {
            var text = SourceText.From(Script);
            var changed = text.Replace(0, 0, "-- edited\n");

            Assert.Same(SqlNames.ReadTables(text), SqlNames.ReadTables(text));
            Assert.Same(SqlNames.CreatedTables(text), SqlNames.CreatedTables(text));
            Assert.NotSame(SqlNames.ReadTables(text), SqlNames.ReadTables(changed));
            Assert.Equal(SqlNames.ReadTables(text).Count, SqlNames.ReadTables(changed).Count);
        }
    }
}
