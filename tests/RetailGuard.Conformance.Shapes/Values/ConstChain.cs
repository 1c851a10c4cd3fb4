using System.Collections.Generic;
using System.Linq;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Values
{
    /// <summary>Constants of the sales system that refer to the policy's constants.</summary>
    public static class SalesCodes
    {
        public const string Mine = RetailerCodes.Own;

        public const string Current = Mine;

        public const string OwnLiteral = "R0001";

        public const string Partner = "R0002";

        public const string Excluded = ContractKinds.LastResort;
    }

    public static class ConstChainShapes
    {
        // Proof form: a const that refers to a const that refers to the policy's own constant
        [Shape(ShapeKind.ConstChain, Truth.Safe)]
        public static List<string> ChainOfConstants(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == SalesCodes.Current && c.ContractKind != SalesCodes.Excluded).Select(c => c.Name).ToList();

        // Proof form: a const whose literal is one of the policy's own codes
        [Shape(ShapeKind.ConstChain, Truth.Safe)]
        public static List<string> ConstantOfTheOwnLiteral(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == SalesCodes.OwnLiteral && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: a local const initialised from the own constant
        [Shape(ShapeKind.ConstChain, Truth.Safe)]
        public static List<string> LocalConstant(SalesContext db)
        {
            const string code = RetailerCodes.Own;
            return db.Customers.Where(c => c.RetailerCode == code && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
        }

        // Proof form: a const chain that ends at a rival's code
        [Shape(ShapeKind.ConstChain, Truth.Leaky)]
        public static List<string> ConstantOfARival(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == SalesCodes.Partner && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();

        // Proof form: the exclusion names another contract kind's constant
        [Shape(ShapeKind.ConstChain, Truth.Leaky)]
        public static List<string> ExclusionOfAnotherKind(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == SalesCodes.Current && c.ContractKind != ContractKinds.LowVoltage).Select(c => c.Name).ToList();
    }

    public static class ShadowingNestedType
    {
        private static class RetailerCodes
        {
            public const string Own = "R0003";
        }

        // Proof form: a nested type named like the policy's type shadows it; its constant is not the own code
        [Shape(ShapeKind.ConstChain, Truth.Leaky)]
        public static List<string> Run(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).Select(c => c.Name).ToList();
    }
}
