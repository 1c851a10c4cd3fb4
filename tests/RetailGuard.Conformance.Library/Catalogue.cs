using System;

namespace Sales.Conformance
{
    /// <summary>What a shape is meant to show; the runtime measures whether it does.</summary>
    public enum Truth
    {
        /// <summary>Observes exactly the same on every database that shares the own rows: reads nothing it must not.</summary>
        Safe,

        /// <summary>Observes something that differs between databases that differ only in rows the sales side must not see.</summary>
        Leaky,
    }

    /// <summary>
    /// The kinds of EF Core behaviour and of value proof RetailGuard models. Every kind has leaky and safe shapes.
    /// </summary>
    public enum ShapeKind
    {
        // What reads rows of an entity.
        Find,
        ExplicitLoading,
        SharedTypeEntity,
        CompiledQuery,
        RawSql,
        BulkUpdate,
        GenericDataAccess,
        OverridableSource,
        UnseenSource,
        SetSelectorLambda,
        ForeignKeyNavigation,

        // Inheritance.
        Inheritance,

        // Query filters as EF Core builds the model.
        FilterReplacement,
        NamedFilter,
        SetQueryFilter,
        FilterOnEveryPath,
        OnModelCreatingOverride,
        ApplyConfiguration,
        FilterInstallingMethod,

        // Bypass, joins and navigations.
        IgnoreQueryFilters,
        Join,
        GroupByNavigation,
        DependentFilter,
        Navigation,
        OwnedType,

        // C# as it is written today.
        CollectionExpression,
        PrimaryConstructor,

        // Own values and predicates.
        ConstChain,
        ReadonlyField,
        PropertyOrMethod,
        CallSiteParameter,
        OwnSet,
        EquivalentForm,
        PredicateParameter,
        SanctionedFilterForm,
    }

    /// <summary>
    /// Marks a conformance shape: a static method that runs one EF Core query shape on SQLite. Its parameters are
    /// supplied by the runner: a <c>DbContext</c> subtype (a context on a fresh copy of the seeded database),
    /// <c>DbContextOptions&lt;TContext&gt;</c> (options for such a copy, for shapes that construct contexts
    /// themselves) and <c>TextWriter</c> (an export whose text is recorded).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class ShapeAttribute : Attribute
    {
        public ShapeAttribute(ShapeKind kind, Truth intent)
        {
            Kind = kind;
            Intent = intent;
        }

        public ShapeKind Kind { get; }

        /// <summary>What the shape means to show. The suite fails when the runtime measures otherwise.</summary>
        public Truth Intent { get; }

        /// <summary>
        /// Set on a safe shape that cannot be proven statically: RetailGuard must report it although nothing leaks at
        /// run time. The text says why the proof is out of reach.
        /// </summary>
        public string? FailClosed { get; set; }
    }
}
