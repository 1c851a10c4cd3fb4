using System.Threading.Tasks;
using RetailGuard.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static RetailGuard.Tests.Infrastructure.Snippets;
using V = RetailGuard.Tests.Infrastructure.Verify<RetailGuard.Rules.QueryReadAnalyzer>;

namespace RetailGuard.Tests.Rules
{
    /// <summary>
    /// Query filters as EF Core builds the model: the order HasQueryFilter/SetQueryFilter run in, named slots, every path of
    /// OnModelCreating, the most-derived override, build actions, helpers and configurations.
    /// </summary>
    public class RG1001_QueryFilterModelTests
    {
        private const string Weak = "c => c.Id > 0";
        private const string Strong = "c => " + Full;

        /// <summary>A context whose OnModelCreating is <paramref name="body"/>, and a read of its customers that fires or not.</summary>
        private static Task Model(string body, bool fires, string extra = "", string usings = "", string id = "RG1001", string? policy = null) => V.Analyzer(Usings + usings + @"
using System;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

partial class ModelContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
" + body + @"
    }
}
" + extra + @"
class Screen
{
    List<Customer> All(ModelContext db) => " + (fires ? "{|" + id + ":db.Customers|}" : "db.Customers") + @".ToList();
}", policy ?? TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        // ---- execution order and replacement --------------------------------------------------------------------

        [Fact]
        public Task ChainedLaterWeakFilter_Fires() =>
            Model("modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ").HasQueryFilter(" + Weak + ");", fires: true);

        [Fact]
        public Task ChainedLaterPolicyFilter_IsQuiet() =>
            Model("modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ").HasQueryFilter(" + Strong + ");", fires: false);

        [Fact]
        public Task SeparateStatementsLaterWeak_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nmodelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");", fires: true);

        [Fact]
        public Task NestedBuildActionThenWeak_Fires() => Model(
            "modelBuilder.Entity<Customer>(b => b.HasQueryFilter(" + Strong + "));\nmodelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");", fires: true);

        [Fact]
        public Task NestedBuildActionLast_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");\nmodelBuilder.Entity<Customer>(b => { b.ToTable(\"customers\"); b.HasQueryFilter(" + Strong + "); });",
            fires: false);

        [Fact]
        public Task UnnamedNullRemoves_Fires() =>
            Model("modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ").HasQueryFilter((Expression<Func<Customer, bool>>?)null);", fires: true);

        // ---- named filters ------------------------------------------------------------------------------------

        [Fact]
        public Task NamedFiltersTogether_AreQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(\"Retailer\", c => c.RetailerCode == RetailerCodes.Own).HasQueryFilter(\"LastResort\", c => c.ContractKind != ContractKinds.LastResort);",
            fires: false);

        [Fact]
        public Task NamedRepeatedKeyReplaces_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(\"Scope\", " + Strong + ").HasQueryFilter(\"Scope\", " + Weak + ");", fires: true);

        [Fact]
        public Task NamedRepeatedKeyReplacedByPolicy_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(\"Scope\", " + Weak + ").HasQueryFilter(\"Scope\", " + Strong + ");", fires: false);

        [Fact]
        public Task NamedKeyNullRemoves_Fires() =>
            Model("modelBuilder.Entity<Customer>().HasQueryFilter(\"Scope\", " + Strong + ").HasQueryFilter(\"Scope\", null);", fires: true);

        [Fact]
        public Task NameofKeyRemovedByText_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(nameof(Customer.RetailerCode), c => c.RetailerCode == RetailerCodes.Own)
    .HasQueryFilter(nameof(Customer.ContractKind), c => c.ContractKind != ContractKinds.LastResort);
modelBuilder.Entity<Customer>().HasQueryFilter(""ContractKind"", null);", fires: true, id: "RG1002");

        [Fact]
        public Task KeysFromConstAndStaticReadonly_AreQuiet() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(Keys.Retailer, c => c.RetailerCode == RetailerCodes.Own)
    .HasQueryFilter(Keys.Exclusion, c => c.ContractKind != ContractKinds.LastResort)
    .HasQueryFilter(Keys.Usage, " + Weak + ");", fires: false, extra: @"
static class Keys
{
    public const string Retailer = ""Retailer"";
    public static readonly string Exclusion = ""Exclusion"";
    public static readonly string Usage = ""Usage"";
}");

        [Fact]
        public Task StaticReadonlyKeyReplaces_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(Keys.Scope, " + Strong + @");
modelBuilder.Entity<Customer>().HasQueryFilter(""Scope"", " + Weak + ");", fires: true, extra: @"
static class Keys { public static readonly string Scope = ""Scope""; }");

        [Fact]
        public Task KeyNotConstant_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(""Scope"", " + Strong + @");
modelBuilder.Entity<Customer>().HasQueryFilter(Environment.MachineName, " + Weak + ");", fires: true);

        [Fact]
        public Task UnnamedAndNamedMixed_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ").HasQueryFilter(\"Usage\", " + Weak + ");", fires: true);

        // ---- OnModelCreating overrides -------------------------------------------------------------------------

        private static Task Override(string derived, bool fires) => V.Analyzer(Usings + @"
class BaseContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Full + @");
}

class ModelContext : BaseContext
{
" + derived + @"
}

class Screen
{
    List<Customer> All(ModelContext db) => " + (fires ? "{|RG1001:db.Customers|}" : "db.Customers") + @".ToList();
}", TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        [Fact]
        public Task BaseFilterWithoutOverride_IsQuiet() => Override("", fires: false);

        [Fact]
        public Task OverrideWithoutBaseCall_Fires() =>
            Override("protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().ToTable(\"customers\");", fires: true);

        [Fact]
        public Task OverrideCallingBaseLast_IsQuiet() => Override(@"
protected override void OnModelCreating(ModelBuilder modelBuilder)
{
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + @");
    base.OnModelCreating(modelBuilder);
}", fires: false);

        [Fact]
        public Task OverrideReplacingAfterBaseCall_Fires() => Override(@"
protected override void OnModelCreating(ModelBuilder modelBuilder)
{
    base.OnModelCreating(modelBuilder);
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + @");
}", fires: true);

        [Fact]
        public Task NewMethodIsNotCalled_IsQuiet() => Override(
            "protected new void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");", fires: false);

        // ---- every path ----------------------------------------------------------------------------------------

        [Fact]
        public Task FilterUnderUnknownCondition_Fires() => Model(
            "if (Environment.ProcessorCount > 0)\n    modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: true);

        [Fact]
        public Task FilterOnBothBranches_IsQuiet() => Model(@"
if (Environment.ProcessorCount > 4)
    modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Full + @" && c.Arrears > 0);
else
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: false);

        [Fact]
        public Task ConstantConditionDecided_IsQuiet() => Model(@"
const bool strict = true;
if (strict)
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @");
else
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");", fires: false);

        [Fact]
        public Task ConstantConditionDecidedWeak_Fires() => Model(@"
if (Flags.Lenient)
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + @");
else
    modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: true, extra: "static class Flags { public const bool Lenient = true; }");

        [Fact]
        public Task ConditionalExpressionOfTwoPolicyFilters_IsQuiet() => Model(@"
Expression<Func<Customer, bool>> a = c => " + Full + @";
Expression<Func<Customer, bool>> b = c => " + Full + @" && c.Arrears > 0;
modelBuilder.Entity<Customer>().HasQueryFilter(Environment.ProcessorCount > 1 ? a : b);", fires: false);

        [Fact]
        public Task ConditionalExpressionWithWeakFilter_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(Environment.ProcessorCount > 1 ? (" + Strong + ") : (" + Weak + "));", fires: true, id: "RG1003");

        [Fact]
        public Task FilterAfterEarlyReturn_Fires() => Model(
            "if (Environment.ProcessorCount > 0)\n    return;\nmodelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: true);

        [Fact]
        public Task FilterBeforeEarlyReturn_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nif (Environment.ProcessorCount > 0)\n    return;\nmodelBuilder.Entity<Customer>().ToTable(\"c\");", fires: false);

        [Fact]
        public Task PathThatThrowsBuildsNoModel_IsQuiet() => Model(
            "if (Environment.ProcessorCount == 0)\n    throw new InvalidOperationException();\nmodelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: false);

        [Fact]
        public Task FilterInLoopBody_Fires() => Model(
            "foreach (var unused in Array.Empty<string>())\n    modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: true);

        [Fact]
        public Task WeakFilterInWhileLoop_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nint i = 0;\nwhile (i++ < Environment.ProcessorCount)\n    modelBuilder.Entity<Customer>().HasQueryFilter(" + Weak + ");",
            fires: true, id: "RG1003");

        [Fact]
        public Task FilterInTryWithFinally_IsQuiet() => Model(
            "try { modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + "); }\nfinally { modelBuilder.Entity<Customer>().ToTable(\"c\"); }", fires: false);

        [Fact]
        public Task FilterInTryWithSwallowingCatch_Fires() => Model(
            "try { modelBuilder.Entity<Customer>().ToTable(\"c\"); modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + "); }\ncatch (Exception) { }", fires: true);

        [Fact]
        public Task SwitchWithoutDefault_Fires() => Model(@"
switch (Environment.ProcessorCount)
{
    case 1: modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @"); break;
    case 2: modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @"); break;
}", fires: true);

        [Fact]
        public Task SwitchOnEveryCaseAndDefault_IsQuiet() => Model(@"
switch (Environment.ProcessorCount)
{
    case 1: modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @"); break;
    default: modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @"); break;
}", fires: false);

        [Fact]
        public Task LocalFunctionCalled_IsQuiet() => Model(
            "Scope();\nvoid Scope() => modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: false);

        [Fact]
        public Task LambdaNeverRun_Fires() => Model(
            "Action scope = () => modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");", fires: true);

        // ---- SetQueryFilter ------------------------------------------------------------------------------------

        [Fact]
        public Task SetQueryFilterInEntityTypesLoop_IsQuiet() => Model(@"
Expression<Func<Customer, bool>> own = " + Strong + @";
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
{
    if (entityType.ClrType == typeof(Customer))
        entityType.SetQueryFilter(own);
}", fires: false);

        [Fact]
        public Task SetQueryFilterInLoopReplaces_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @");
Expression<Func<Customer, bool>> any = " + Weak + @";
foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType == typeof(Customer)))
    entityType.SetQueryFilter(any);", fires: true);

        [Fact]
        public Task SetQueryFilterInLoopOnOtherTypes_IsQuiet() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @");
Expression<Func<Invoice, bool>> positive = i => i.Amount > 0;
foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType == typeof(Invoice)).ToList())
    entityType.SetQueryFilter(positive);", fires: false);

        [Fact]
        public Task SetQueryFilterOnUndecidedTypes_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @");
Expression<Func<Customer, bool>> any = " + Weak + @";
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
{
    if (entityType.GetTableName() == ""customers"")
        entityType.SetQueryFilter(any);
}", fires: true, id: "RG1003");

        [Fact]
        public Task SetQueryFilterByAssignabilityCheck_IsQuiet() => Model(@"
Expression<Func<Customer, bool>> own = " + Strong + @";
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
{
    if (typeof(Customer).IsAssignableFrom(entityType.ClrType) && entityType.FindProperty(""RetailerCode"") != null)
        entityType.SetQueryFilter(""Retailer"", own);
}", fires: false);

        [Fact]
        public Task FilterFromAFactoryMethod_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(Filters.OwnContracts(RetailerCodes.Own));", fires: false, extra: @"
static class Filters
{
    public static Expression<Func<Customer, bool>> OwnContracts(string retailer) =>
        c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort;
}");

        [Fact]
        public Task FilterFromAFactoryMethodWithAnotherCode_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(Filters.OwnContracts(\"R0002\"));", fires: true, id: "RG1003", extra: @"
static class Filters
{
    public static Expression<Func<Customer, bool>> OwnContracts(string retailer) =>
        c => c.RetailerCode == retailer && c.ContractKind != ContractKinds.LastResort;
}");

        [Fact]
        public Task SetQueryFilterFromAFactoryMethod_IsQuiet() => Model(@"
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
{
    if (entityType.ClrType == typeof(Customer))
        entityType.SetQueryFilter(Scope.Of());
}", fires: false, extra: @"
static class Scope
{
    public static LambdaExpression Of() => (Expression<Func<Customer, bool>>)(c => " + Full + @");
}");

        [Fact]
        public Task SetQueryFilterNullThroughFindEntityType_Fires() => Model(@"
modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + @");
var customer = modelBuilder.Model.FindEntityType(typeof(Customer))!;
customer.SetQueryFilter(null);", fires: true);

        [Fact]
        public Task FactoryMethodBuildingTheFilterWithExpressionFactories_Fires() => Model(@"
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
    entityType.SetQueryFilter(Scope.Build(entityType.ClrType));", fires: true, extra: @"
static class Scope
{
    public static LambdaExpression Build(Type type)
    {
        var c = Expression.Parameter(type, ""c"");
        return Expression.Lambda(Expression.Equal(Expression.Property(c, ""RetailerCode""), Expression.Constant(RetailerCodes.Own)), c);
    }
}");

        [Fact]
        public Task SetQueryFilterThroughMetadata_IsQuiet() => Model(@"
Expression<Func<Customer, bool>> own = " + Strong + @";
modelBuilder.Entity<Customer>().Metadata.SetQueryFilter(own);", fires: false);

        [Fact]
        public Task SetQueryFilterWithExpressionFactories_Fires() => Model(@"
var entityType = modelBuilder.Entity<Customer>().Metadata;
var c = Expression.Parameter(typeof(Customer), ""c"");
var body = Expression.Equal(Expression.Property(c, nameof(Customer.RetailerCode)), Expression.Constant(RetailerCodes.Own));
entityType.SetQueryFilter(Expression.Lambda(body, c));", fires: true);

        [Fact]
        public Task QueryFilterAnnotationSetDirectly_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nmodelBuilder.Entity<Customer>().Metadata.SetAnnotation(\"QueryFilter\", null);", fires: true);

        [Fact]
        public Task OtherAnnotations_LeaveTheFilterAlone() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ").HasAnnotation(\"Audit\", true);", fires: false);

        [Fact]
        public Task BuilderKeptInAField_StillNamesItsEntityType() => Model(
            "Customers_ = modelBuilder.Entity<Customer>();\nCustomers_.HasQueryFilter(" + Strong + ");\nCustomers_.HasQueryFilter(" + Weak + ");", fires: true, extra: @"
partial class ModelContext
{
    private EntityTypeBuilder<Customer> Customers_ = null!;
}");

        // ---- build actions, helpers, configurations -------------------------------------------------------------

        [Fact]
        public Task BuildActionAsMethodGroup_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>(Scope);", fires: false, extra: @"
partial class ModelContext
{
    private static void Scope(EntityTypeBuilder<Customer> b) => b.HasQueryFilter(" + Strong + @");
}");

        [Fact]
        public Task GenericExtensionHelper_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().OwnContracts();", fires: false, extra: @"
static class ModelExtensions
{
    public static EntityTypeBuilder<T> OwnContracts<T>(this EntityTypeBuilder<T> builder) where T : Customer =>
        builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
}");

        [Fact]
        public Task GenericExtensionHelperThenWeak_Fires() => Model(
            "modelBuilder.Entity<Customer>().OwnContracts().HasQueryFilter(" + Weak + ");", fires: true, extra: @"
static class ModelExtensions
{
    public static EntityTypeBuilder<T> OwnContracts<T>(this EntityTypeBuilder<T> builder) where T : Customer =>
        builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
}");

        [Fact]
        public Task GenericConfigurationSubstituted_IsQuiet() => Model(
            "modelBuilder.ApplyConfiguration(new ScopeConfiguration<Customer>());", fires: false, extra: @"
class ScopeConfiguration<T> : IEntityTypeConfiguration<T> where T : Customer
{
    public void Configure(EntityTypeBuilder<T> builder) =>
        builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
}");

        [Fact]
        public Task GenericConfigurationReplaces_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nmodelBuilder.ApplyConfiguration(new KeyConfiguration<Customer>());", fires: true, extra: @"
class KeyConfiguration<T> : IEntityTypeConfiguration<T> where T : Customer
{
    public void Configure(EntityTypeBuilder<T> builder) => builder.HasQueryFilter(c => c.Id > 0);
}");

        [Fact]
        public Task ConfigurationWithOwnConstructorArgument_IsQuiet() => Model(
            "modelBuilder.ApplyConfiguration(new RetailerConfiguration(RetailerCodes.Own));", fires: false, extra: @"
class RetailerConfiguration : IEntityTypeConfiguration<Customer>
{
    private readonly string _code;
    public RetailerConfiguration(string code) => _code = code;
    public void Configure(EntityTypeBuilder<Customer> builder) =>
        builder.HasQueryFilter(c => c.RetailerCode == _code && c.ContractKind != ContractKinds.LastResort);
}");

        [Fact]
        public Task ConfigurationHeldInALocal_IsFollowed() => Model(
            "var configuration = new ScopeConfiguration(RetailerCodes.Own);\nmodelBuilder.ApplyConfiguration(configuration);", fires: false, extra: @"
class ScopeConfiguration : IEntityTypeConfiguration<Customer>
{
    private readonly string _code;
    public ScopeConfiguration(string code) => _code = code;
    public void Configure(EntityTypeBuilder<Customer> builder) =>
        builder.HasQueryFilter(c => c.RetailerCode == _code && c.ContractKind != ContractKinds.LastResort);
}
class LooseConfiguration : ScopeConfiguration { public LooseConfiguration() : base(""R0002"") { } }");

        private const string ScannedConfigurations = @"
namespace Model.Strict
{
    using Microsoft.EntityFrameworkCore.Metadata.Builders;

    class StrictConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) =>
            builder.HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
    }

    abstract class AbstractConfiguration : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }

    class TaggedConfiguration<TTag> : IEntityTypeConfiguration<Customer>
    {
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }

    class ZoneConfiguration : IEntityTypeConfiguration<Customer>
    {
        public ZoneConfiguration(int zone) { }
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }
}

namespace Model.Wide
{
    using Microsoft.EntityFrameworkCore.Metadata.Builders;

    class WideConfiguration : IEntityTypeConfiguration<Customer>
    {
        private WideConfiguration() { }
        public void Configure(EntityTypeBuilder<Customer> builder) => builder.HasQueryFilter(c => c.Id > 0);
    }
}";

        [Fact]
        public Task AssemblyScanWithNamespacePredicate_IsQuiet() => Model(
            "modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelContext).Assembly, t => t.Namespace == \"Model.Strict\");", fires: false, extra: ScannedConfigurations);

        [Fact]
        public Task AssemblyScanWithoutPredicate_FiresWhenALaterConfigurationReplaces() => Model(
            "modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelContext).Assembly);", fires: true, extra: ScannedConfigurations);

        [Fact]
        public Task AssemblyScanWithUndecidedPredicate_Fires() => Model(
            "modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelContext).Assembly, t => t.GetCustomAttributes(false).Length == 0);",
            fires: true, extra: ScannedConfigurations);

        [Fact]
        public Task AssemblyWithoutConfigurations_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nmodelBuilder.ApplyConfigurationsFromAssembly(typeof(DbContext).Assembly);",
            fires: false);

        [Fact]
        public Task SystemAndEfCallsLeaveFiltersAlone_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nSystem.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(modelBuilder);\nmodelBuilder.UseCollation(\"x\");",
            fires: false);

        [Fact]
        public Task LibraryMethodGivenTheEntityTypeBuilder_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nnew MemoryCache(new MemoryCacheOptions()).Set(\"builder\", modelBuilder.Entity<Customer>());",
            fires: true, usings: "using Microsoft.Extensions.Caching.Memory;\n");

        [Fact]
        public Task LibraryThatCannotNameTheEntityType_LeavesItsFilterAlone() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nnew MemoryCache(new MemoryCacheOptions()).Set(\"builder\", modelBuilder);",
            fires: false, usings: "using Microsoft.Extensions.Caching.Memory;\n");

        [Fact]
        public Task MethodRunThroughReflection_Fires() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\ntypeof(ModelContext).GetMethod(\"Scope\")!.Invoke(null, new object[] { modelBuilder });",
            fires: true);

        [Fact]
        public Task AssemblyOfTheContextThroughGetType_IsFollowed() => Model(
            "modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => t.Namespace == \"Model.Strict\");", fires: false, extra: ScannedConfigurations);

        [Fact]
        public Task AssemblyThroughGetTypeOfAnotherObject_IsNotTheContexts_AndNotKnown() => Model(
            "modelBuilder.Entity<Customer>().HasQueryFilter(" + Strong + ");\nmodelBuilder.ApplyConfigurationsFromAssembly(new object().GetType().Assembly);",
            fires: true);

        [Fact]
        public Task AssemblyScanPredicateWithStringMethods_IsDecided() => Model(
            "modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelContext).Assembly, t => t.FullName!.StartsWith(\"Model.Strict.\") && t.Name.EndsWith(\"Configuration\"));",
            fires: false, extra: ScannedConfigurations);

        // ---- derived entity types ------------------------------------------------------------------------------

        [Fact]
        public Task FilterOnARootOfTheReadType_IsQuiet() => V.Analyzer(Usings + @"
class Party { public int Id { get; set; } }
class RootContext : DbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>().HasQueryFilter(c => " + Full + @");
        modelBuilder.Entity<Invoice>().HasQueryFilter(i => i.Amount > 0);
    }
}
class Screen
{
    List<Customer> All(RootContext db) => db.Customers.ToList();
}", TestDomain.Policy, CompilerDiagnostics.Errors, TestPackages.Net100WithEfCore10);

        // ---- queryFilterMethods --------------------------------------------------------------------------------

        private const string ScopeExtensions = @"
static class ModelScopes
{
    public static EntityTypeBuilder<T> ApplyRetailerScope<T>(this EntityTypeBuilder<T> builder) where T : class => builder;
    public static void ApplyRetailerScope(this IMutableEntityType entityType) { }
}";

        private static string PolicyWithQueryFilterMethods(string entries) =>
            TestDomain.Policy.Substring(0, TestDomain.Policy.LastIndexOf('}')).TrimEnd() + @",
  ""queryFilterMethods"": [" + entries + @"]
}";

        [Fact]
        public Task QueryFilterMethodOfThePolicy_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().ApplyRetailerScope();", fires: false, extra: ScopeExtensions,
            policy: PolicyWithQueryFilterMethods("\"ModelScopes.ApplyRetailerScope\""));

        [Fact]
        public Task QueryFilterMethodInEntityTypesLoop_IsQuiet() => Model(@"
foreach (var entityType in modelBuilder.Model.GetEntityTypes())
    if (entityType.ClrType == typeof(Customer))
        entityType.ApplyRetailerScope();", fires: false, extra: ScopeExtensions,
            policy: PolicyWithQueryFilterMethods("\"ModelScopes.ApplyRetailerScope\""));

        [Fact]
        public Task QueryFilterMethodThenWeakFilter_Fires() => Model(
            "modelBuilder.Entity<Customer>().ApplyRetailerScope().HasQueryFilter(" + Weak + ");", fires: true, extra: ScopeExtensions,
            policy: PolicyWithQueryFilterMethods("\"ModelScopes.ApplyRetailerScope\""));

        [Fact]
        public Task NamedQueryFilterMethodThenWeakNamedFilter_IsQuiet() => Model(
            "modelBuilder.Entity<Customer>().ApplyRetailerScope().HasQueryFilter(\"Usage\", " + Weak + ");", fires: false, extra: ScopeExtensions,
            policy: PolicyWithQueryFilterMethods("{ \"method\": \"ModelScopes.ApplyRetailerScope\", \"filterKey\": \"Retailer\" }"));

        [Fact]
        public Task NamedQueryFilterMethodReplacedByItsKey_Fires() => Model(
            "modelBuilder.Entity<Customer>().ApplyRetailerScope().HasQueryFilter(\"Retailer\", " + Weak + ");", fires: true, extra: ScopeExtensions,
            policy: PolicyWithQueryFilterMethods("{ \"method\": \"ModelScopes.ApplyRetailerScope\", \"filterKey\": \"Retailer\" }"));

        [Fact]
        public Task MethodNotInThePolicy_Fires() => Model(
            "modelBuilder.Entity<Customer>().ApplyRetailerScope();", fires: true, extra: ScopeExtensions);
    }
}
