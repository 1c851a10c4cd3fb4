using System.Collections.Generic;
using System.Data;
using Dapper;
using Sales.Domain;

namespace Sales.Screens
{
    /// <summary>The same mistakes in raw SQL: the same rule IDs, with the squiggle on the table inside the string.</summary>
    public class SqlScreens
    {
        // RG1001: arrears list joined without the filter (incident 2).
        public IEnumerable<Customer> Arrears(IDbConnection conn) =>
            conn.Query<Customer>("SELECT c.* FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE i.amount > 0");

        // RG1001 on the second branch of the UNION only.
        public IEnumerable<string> Names(IDbConnection conn) =>
            conn.Query<string>("SELECT name FROM own_customers UNION SELECT name FROM customers");

        // RG1007: SQL from a parameter cannot be verified.
        public IEnumerable<Customer> Report(IDbConnection conn, string sql) => conn.Query<Customer>(sql);

        // Correct: quiet.
        public IEnumerable<Customer> Own(IDbConnection conn) =>
            conn.Query<Customer>(
                "SELECT * FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT'",
                new { own = RetailerCodes.Own });
    }
}
