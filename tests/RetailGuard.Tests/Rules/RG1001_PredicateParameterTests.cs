using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RetailGuard.Tests.Infrastructure;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// Predicates and query transforms passed in by callers (<c>Expression&lt;Func&lt;T, bool&gt;&gt;</c>,
    /// <c>Func&lt;IQueryable&lt;T&gt;, IQueryable&lt;T&gt;&gt;</c>), and the sanctioned filter called, passed as a method group or
    /// wrapped in a lambda.
    /// </summary>
    public class RG1001_PredicateParameterTests
    {
        private const string Excl = " && c.ContractKind != ContractKinds.LastResort";

        [Fact]
        public Task PredicateParameter_EveryCallerMeetsThePolicy_IsQuiet() => V.Analyzer(Usings + @"
using System;
using System.Linq.Expressions;

class Ledger
{
    private static readonly Expression<Func<Customer, bool>> OwnFilter = c => " + Full + @";

    private static List<Customer> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) => db.Customers.Where(predicate).ToList();

    private static List<Customer> Completed(SalesContext db, Expression<Func<Customer, bool>> retailer) =>
        db.Customers.Where(c => c.ContractKind != ContractKinds.LastResort).Where(retailer).ToList();

    List<Customer> Run(SalesContext db)
    {
        Expression<Func<Customer, bool>> local = c => " + Full + @" && c.Name != """";
        return Names(db, c => " + Full + @").Concat(Names(db, local)).Concat(Names(db, OwnFilter))
            .Concat(Completed(db, c => c.RetailerCode == RetailerCodes.Own)).ToList();
    }

    List<Customer> Local(SalesContext db)
    {
        return Names(c => " + Full + @");

        List<Customer> Names(Expression<Func<Customer, bool>> predicate) => db.Customers.Where(predicate).ToList();
    }
}");

        [Fact]
        public Task PredicateParameter_OneCallerWeakensIt_Fires() => V.Analyzer(Usings + @"
using System;
using System.Linq.Expressions;

public class Ledger
{
    private static List<Customer> True(SalesContext db, Expression<Func<Customer, bool>> predicate) => {|RG1003:db.Customers|}.Where(predicate).ToList();
    private static List<Customer> Or(SalesContext db, Expression<Func<Customer, bool>> predicate) => {|RG1003:db.Customers|}.Where(predicate).ToList();
    public static List<Customer> Public(SalesContext db, Expression<Func<Customer, bool>> predicate) => {|RG1003:db.Customers|}.Where(predicate).ToList();

    public List<Customer> Run(SalesContext db) =>
        True(db, c => " + Full + @").Concat(True(db, _ => true))
            .Concat(Or(db, c => (" + Full + @") || c.Arrears > 0))
            .Concat(Public(db, c => " + Full + @")).ToList();
}");

        [Fact]
        public Task PredicateParameter_NamesTheCallThatBreaksTheProof() => V.Analyzer(Usings + @"
using System;
using System.Linq.Expressions;

class Ledger
{
    private static List<Customer> Names(SalesContext db, Expression<Func<Customer, bool>> predicate) => {|#0:db.Customers|}.Where(predicate).ToList();

    List<Customer> Run(SalesContext db) => Names(db, c => " + Full + @").Concat(Names(db, _ => true)).ToList();
}", TestDomain.Policy, new DiagnosticResult("RG1003", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("customers",
            "parameter 'predicate' of 'Names' gets a predicate on line 16 of Test0.cs that does not restrict to the own retailer (it has no retailer condition)",
            "'RetailerCode'"));

        [Fact]
        public Task QueryTransforms_EveryTargetFilters_AreQuiet() => V.Analyzer(Usings + @"
using System;

class Ledger
{
    private static List<Customer> Scoped(SalesContext db, Func<IQueryable<Customer>, IQueryable<Customer>> scope) => scope(db.Customers).ToList();
    private static List<Customer> Handed(IQueryable<Customer> customers, Func<IQueryable<Customer>, IQueryable<Customer>> scope) => scope(customers).ToList();
    private static IQueryable<Customer> Own(IQueryable<Customer> query) => query.Where(c => " + Full + @");

    List<Customer> Run(SalesContext db)
    {
        Func<IQueryable<Customer>, IQueryable<Customer>> local = CustomerScope.OwnContractsOnly;
        return Scoped(db, q => q.Where(c => " + Full + @"))
            .Concat(Scoped(db, Own))
            .Concat(Handed(db.Customers, CustomerScope.OwnContractsOnly))
            .Concat(Handed(db.Customers, q => q.OwnContractsOnly()))
            .Concat(local(db.Customers)).ToList();
    }
}", TestDomain.PolicyWithSanctionedFilter);

        [Fact]
        public Task QueryTransforms_ThatDoNotFilter_Fire() => V.Analyzer(Usings + @"
using System;

public class Ledger
{
    private static List<Customer> Scoped(SalesContext db, Func<IQueryable<Customer>, IQueryable<Customer>> scope) => {|RG1001:db.Customers|}.Let(scope).ToList();
    private static List<Customer> Handed(IQueryable<Customer> customers, Func<IQueryable<Customer>, IQueryable<Customer>> scope) => scope(customers).ToList();
    public static List<Customer> Public(SalesContext db, Func<IQueryable<Customer>, IQueryable<Customer>> scope) => scope({|RG1001:db.Customers|}).ToList();

    public List<Customer> Run(SalesContext db) =>
        Scoped(db, q => q)
            .Concat(Handed({|RG1001:db.Customers|}, q => q.Where(c => c.Name != """")))
            .Concat(Handed({|RG1001:db.Customers|}, Sales.Drafts.Lookalike.OwnContractsOnly))
            .Concat(Public(db, CustomerScope.OwnContractsOnly)).ToList();
}

static class Lets
{
    public static IQueryable<Customer> Let(this IQueryable<Customer> query, Func<IQueryable<Customer>, IQueryable<Customer>> f) => f(query);
}

namespace Sales.Drafts
{
    public static class Lookalike
    {
        public static IQueryable<Customer> OwnContractsOnly(IQueryable<Customer> query) => query;
    }
}", TestDomain.PolicyWithSanctionedFilter);
    }
}
