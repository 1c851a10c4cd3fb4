namespace RetailGuard.Tests.Infrastructure
{
    public static class Snippets
    {
        public const string Usings = @"
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Sales.Data;
using Sales.Domain;
";

        /// <summary>The complete customer filter: own retailer, last-resort supply excluded.</summary>
        public const string Full = "c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort";
    }
}
