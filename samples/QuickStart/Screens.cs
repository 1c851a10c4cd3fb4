using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Data;
using Sales.Domain;

namespace Sales.Screens
{
    /// <summary>Each method is one of the mistakes RetailGuard turns into a build error, next to its correct form.</summary>
    public class Screens
    {
        // RG1001: the ledger search reads every retailer's customers (incident 1).
        public List<Customer> LedgerSearch(SalesContext db) => db.Customers.ToList();

        // RG1002: own retailer, but last-resort supply contracts are not excluded (incident 5).
        public List<Customer> OwnCustomers(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();

        // RG1003: the retailer code comes from the caller (incident 4).
        public List<Customer> ByRetailer(SalesContext db, string retailer) =>
            db.Customers.Where(c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort).ToList();

        // RG1004: filtered only after every row was loaded.
        public List<Customer> FilteredInMemory(SalesContext db) =>
            db.Customers.ToList().Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();

        // RG1006: the transmission division's e-forms (incident 6).
        public List<NwEForm> EForms(SalesContext db) => db.NwEForms.ToList();

        // Correct: quiet.
        public List<Customer> Correct(SalesContext db) =>
            db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();

        // Correct through the sanctioned filter: quiet.
        public Customer? Detail(SalesContext db, string supplyPoint) =>
            db.Customers.OwnContractsOnly().FirstOrDefault(c => c.SupplyPointId == supplyPoint);
    }
}
