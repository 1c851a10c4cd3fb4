using System.Threading.Tasks;
using RetailGuard.CodeFixes;
using Xunit;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.CodeFixes
{
    /// <summary>
    /// <c>Find</c> rewritten to the filter and a key predicate: the key comes from EF Core's rules (HasKey in model building,
    /// [PrimaryKey], [Key], then the Id / &lt;type&gt;Id convention), composite keys need every part, and where the key cannot
    /// be known there is no fix.
    /// </summary>
    public class FindKeyCodeFixTests
    {
        private const string Policy = @"{
  ""ownRetailer"": { ""codes"": [""R0001""], ""symbols"": [""Sales.Domain.RetailerCodes.Own""] },
  ""protectedTables"": [ { ""table"": ""contracts"", ""entity"": ""Keyed.Contract"", ""retailerColumn"": ""retailer_code"", ""retailerProperty"": ""RetailerCode"" } ]
}";

        private const string Usings = @"
using System.ComponentModel.DataAnnotations;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sales.Domain;
";

        private static string Model(string attributes, string properties, string modelBuilding = "") => @"
namespace Keyed
{
    " + attributes + @"
    public class Contract
    {
        " + properties + @"
        public string RetailerCode { get; set; } = """";
        public string Holder { get; set; } = """";
    }

    public class ContractContext : DbContext
    {
        public DbSet<Contract> Contracts => Set<Contract>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            " + modelBuilding + @"
        }
    }
}
";

        [Fact]
        public Task KeyAttribute() => Check(
            Model(string.Empty, "[Key] public string SupplyPointId { get; set; } = \"\"; public int Id { get; set; }"),
            "Contract? Get(ContractContext db, string sp) => {|RG1001:db.Contracts|}.Find(sp);",
            "Contract? Get(ContractContext db, string sp) => db.Contracts.Where(c => c.RetailerCode == RetailerCodes.Own).FirstOrDefault(c => c.SupplyPointId == sp);");

        [Fact]
        public Task TypeNameIdConvention() => Check(
            Model(string.Empty, "public long ContractId { get; set; }"),
            "Contract? Get(ContractContext db, long id) => {|RG1001:db.Contracts|}.Find(id);",
            "Contract? Get(ContractContext db, long id) => db.Contracts.Where(c => c.RetailerCode == RetailerCodes.Own).FirstOrDefault(c => c.ContractId == id);");

        [Fact]
        public Task HasKeyInOnModelCreating_WinsOverTheConvention() => Check(
            Model(string.Empty, "public int Id { get; set; } public string Number { get; set; } = \"\";", "modelBuilder.Entity<Contract>().HasKey(c => c.Number);"),
            "Contract? Get(ContractContext db, string number) => {|RG1001:db.Contracts|}.Find(number);",
            "Contract? Get(ContractContext db, string number) => db.Contracts.Where(c => c.RetailerCode == RetailerCodes.Own).FirstOrDefault(c => c.Number == number);");

        [Fact]
        public Task CompositeHasKeyInAConfiguration() => Check(
            Model(string.Empty, "public string Area { get; set; } = \"\"; public int Number { get; set; }", "modelBuilder.ApplyConfiguration(new ContractConfiguration());") + @"
namespace Keyed
{
    public class ContractConfiguration : IEntityTypeConfiguration<Contract>
    {
        public void Configure(EntityTypeBuilder<Contract> builder) => builder.HasKey(c => new { c.Area, c.Number });
    }
}",
            "Contract? Get(ContractContext db, string area, int number) => {|RG1001:db.Contracts|}.Find(area, number);",
            "Contract? Get(ContractContext db, string area, int number) => db.Contracts.Where(c => c.RetailerCode == RetailerCodes.Own).FirstOrDefault(c => c.Area == area && c.Number == number);");

        [Fact]
        public Task CompositePrimaryKeyAttribute() => Check(
            Model("[PrimaryKey(nameof(Area), nameof(Number))]", "public string Area { get; set; } = \"\"; public int Number { get; set; }"),
            "Contract? Get(ContractContext db, string area, int number) => {|RG1001:db.Contracts|}.Find(area, number);",
            "Contract? Get(ContractContext db, string area, int number) => db.Contracts.Where(c => c.RetailerCode == RetailerCodes.Own).FirstOrDefault(c => c.Area == area && c.Number == number);");

        [Fact]
        public Task CompositeKeyWithOnePart_HasNoFix() => NoFix(
            Model("[PrimaryKey(nameof(Area), nameof(Number))]", "public string Area { get; set; } = \"\"; public int Number { get; set; }"),
            "Contract? Get(ContractContext db, int number) => {|RG1001:db.Contracts|}.Find(number);");

        [Fact]
        public Task TwoKeyAttributes_HasNoFix() => NoFix(
            Model(string.Empty, "[Key] public string Area { get; set; } = \"\"; [Key] public int Number { get; set; }"),
            "Contract? Get(ContractContext db, string area, int number) => {|RG1001:db.Contracts|}.Find(area, number);");

        [Fact]
        public Task NoKeyToBeFound_HasNoFix() => NoFix(
            Model(string.Empty, "public string Number { get; set; } = \"\";"),
            "Contract? Get(ContractContext db, string number) => {|RG1001:db.Contracts|}.Find(number);");

        private static Task Check(string model, string member, string fixedMember) =>
            V.CodeFix<AddRetailerFilterCodeFix>(Usings + model + Wrap(member), Usings + model + Wrap(fixedMember), Policy);

        private static Task NoFix(string model, string member) =>
            V.CodeFix<AddRetailerFilterCodeFix>(Usings + model + Wrap(member), Usings + model + Wrap(member), Policy);

        private static string Wrap(string member) => @"
namespace Keyed
{
    class Lookup
    {
        " + member + @"
    }
}";
    }
}
