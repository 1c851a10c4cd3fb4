using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.EntityFrameworkCore;
using Sales.Conformance;
using Sales.Domain;

namespace Sales.Shapes.Model
{
    public static class FilterOnlyUnderUnsetSwitch
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                if (Environment.GetEnvironmentVariable("SALES_CUSTOMER_SCOPE_SWITCH") == "on")
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the filter registered only under a configuration switch that is off
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterUnderAlwaysTrueCondition
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                if (Environment.ProcessorCount > 0)
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query, the filter registered under a condition that happens to hold
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe, FailClosed = "the filter is registered on one branch only; whether the condition holds is not known statically")]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterOnBothBranches
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                if (Environment.GetEnvironmentVariable("SALES_CUSTOMER_SCOPE_SWITCH") == "strict")
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.UsageKwh > 0);
                }
                else
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; each branch registers a filter that meets the policy
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterOnlyInElseBranch
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                if (Environment.ProcessorCount > 0)
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode != string.Empty);
                }
                else
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the branch that runs registers a weak filter
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterBeforeEarlyReturn
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                if (Environment.ProcessorCount > 0)
                {
                    return;
                }

                modelBuilder.Entity<SupplyArea>().ToTable("supply_areas");
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the filter is registered before any path leaves
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterAfterEarlyReturn
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                if (Environment.ProcessorCount > 0)
                {
                    return;
                }

                modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the path that runs returns before the filter
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterInLoopNeverEntered
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                foreach (string unused in Array.Empty<string>())
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the filter sits in a loop body that never runs
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Leaky)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterInTryBlock
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                try
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
                finally
                {
                    modelBuilder.Entity<SupplyArea>().ToTable("supply_areas");
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; every path that completes model building registers the filter
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterOnEverySwitchSection
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                switch (Environment.GetEnvironmentVariable("SALES_CUSTOMER_SCOPE_SWITCH"))
                {
                    case "strict":
                        modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort && c.UsageKwh > 0);
                        break;
                    default:
                        modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                        break;
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; every section of a switch registers a filter that meets the policy
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterUnderConstantCondition
    {
        private const bool Lenient = false;

        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
#pragma warning disable CS0162 // The lenient branch is compiled out: that is the shape.
                if (Lenient)
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.UsageKwh >= 0);
                }
                else
                {
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
#pragma warning restore CS0162
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; the condition is a constant, so only one branch ever runs
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe)]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }

    public static class FilterInTryWithSwallowingCatch
    {
        public sealed class Context : SalesContext
        {
            public Context(DbContextOptions options)
                : base(options)
            {
            }

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                try
                {
                    modelBuilder.Entity<SupplyArea>().ToTable("supply_areas");
                    modelBuilder.Entity<Customer>().HasQueryFilter(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort);
                }
                catch (InvalidOperationException)
                {
                    // Model building goes on without the filter when the table mapping fails.
                }
            }
        }

        // EF Core: NorthwindQueryFiltersQueryTestBase.Materialized_query; a catch that swallows an exception leaves a path without the filter
        [Shape(ShapeKind.FilterOnEveryPath, Truth.Safe, FailClosed = "the catch block continues model building on a path where the filter may not be registered")]
        public static List<string> Run(Context db) => db.Customers.Select(c => c.Name).ToList();
    }
}
