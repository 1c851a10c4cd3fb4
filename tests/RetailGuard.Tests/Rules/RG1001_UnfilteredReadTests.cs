using System.Threading.Tasks;
using RetailGuard.Rules;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    public class RG1001_UnfilteredReadTests
    {
        private const string Usings = @"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Sales.Data;
using Sales.Domain;
";

        [Fact]
        public Task DbSetToList_Fires() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) => {|RG1001:db.Customers|}.ToList();
}");

        [Fact]
        public Task FullFilter_IsQuiet() => V.Analyzer(Usings + @"
class Ledger
{
    List<Customer> Search(SalesContext db) =>
        db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
}");
    }
}
