using System;
using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;
using Sales.Services;

namespace Sales.Shapes.Values
{
    /// <summary>The own code as the running application knows it: an injected service whose members the policy lists under ownRetailer.symbols.</summary>
    public static class RunningApplicationShapes
    {
        /// <summary>The signed-in retailer: the own code, read from the environment with the own code as its default.</summary>
        private sealed class SignedInRetailer : ICurrentRetailer
        {
            public string Code => Environment.GetEnvironmentVariable("SALES_RETAILER_UNSET") ?? RetailerCodes.Own;

            public string PartnerCode => RetailerCodes.Rival;

            public string GetRetailerCode() => Code;
        }

        private static ICurrentRetailer Current() => new SignedInRetailer();

        // Proof form: an injected service's property that the policy lists under ownRetailer.symbols
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> ListedServiceProperty(SalesContext db)
        {
            var current = Current();
            return db.Customers.Where(c => c.RetailerCode == current.Code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: an injected service's method that the policy lists under ownRetailer.symbols
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> ListedServiceMethod(SalesContext db)
        {
            string code = Current().GetRetailerCode();
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: the listed member through ?. and ?? throw
        [Shape(ShapeKind.PropertyOrMethod, Truth.Safe)]
        public static List<string> ListedServiceThroughNullOperators(SalesContext db)
        {
            ICurrentRetailer? current = Current();
            string code = current?.Code ?? throw new InvalidOperationException("no retailer");
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: another member of the same service, not listed in the policy (here a rival's code)
        [Shape(ShapeKind.PropertyOrMethod, Truth.Leaky)]
        public static List<string> UnlistedServiceMember(SalesContext db)
        {
            var current = Current();
            return db.Customers.Where(c => c.RetailerCode == current.PartnerCode && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }
    }
}
