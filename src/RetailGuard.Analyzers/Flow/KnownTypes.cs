using System;
using Microsoft.CodeAnalysis;

namespace RetailGuard.Flow
{
    /// <summary>The library types raw SQL and exports go through (EF Core's are in EfSymbols), resolved once per compilation.</summary>
    internal sealed class KnownTypes
    {
        public KnownTypes(Compilation c)
        {
            SqlMapper = c.GetTypeByMetadataName("Dapper.SqlMapper");
            CommandDefinition = c.GetTypeByMetadataName("Dapper.CommandDefinition");
            RelationalQueryableExtensions = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
            RelationalDatabaseFacadeExtensions = c.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
            DbCommand = c.GetTypeByMetadataName("System.Data.Common.DbCommand");
            IDbCommand = c.GetTypeByMetadataName("System.Data.IDbCommand");
            File = c.GetTypeByMetadataName("System.IO.File");
            TextWriter = c.GetTypeByMetadataName("System.IO.TextWriter");
            Stream = c.GetTypeByMetadataName("System.IO.Stream");
            JsonSerializer = c.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
            Utf8JsonWriter = c.GetTypeByMetadataName("System.Text.Json.Utf8JsonWriter");
            HttpClient = c.GetTypeByMetadataName("System.Net.Http.HttpClient");
            HttpClientJsonExtensions = c.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
            StringBuilder = c.GetTypeByMetadataName("System.Text.StringBuilder");
            foreach (var reference in c.ReferencedAssemblyNames)
            {
                HasClosedXml |= reference.Name.StartsWith("ClosedXML", StringComparison.Ordinal);
                HasOpenXml |= reference.Name.StartsWith("DocumentFormat.OpenXml", StringComparison.Ordinal);
                HasAspNetCore |= reference.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
            }
        }

        /// <summary>The compilation references ClosedXML: property assignments on its types can export.</summary>
        public bool HasClosedXml { get; }

        public bool HasOpenXml { get; }

        public bool HasAspNetCore { get; }

        public INamedTypeSymbol? SqlMapper { get; }

        public INamedTypeSymbol? CommandDefinition { get; }

        public INamedTypeSymbol? RelationalQueryableExtensions { get; }

        public INamedTypeSymbol? RelationalDatabaseFacadeExtensions { get; }

        public INamedTypeSymbol? DbCommand { get; }

        public INamedTypeSymbol? IDbCommand { get; }

        public INamedTypeSymbol? File { get; }

        public INamedTypeSymbol? TextWriter { get; }

        public INamedTypeSymbol? Stream { get; }

        public INamedTypeSymbol? JsonSerializer { get; }

        public INamedTypeSymbol? Utf8JsonWriter { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? HttpClientJsonExtensions { get; }

        public INamedTypeSymbol? StringBuilder { get; }

        /// <summary>
        /// True when <paramref name="type"/> is (a construction of) <paramref name="known"/>. Definitions of one compilation are
        /// single instances, so a reference test decides; the name test keeps the symbol comparison off the common path.
        /// </summary>
        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
        {
            if (type == null || known == null)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return ReferenceEquals(definition, known) ||
                   (string.Equals(definition.Name, known.Name, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(definition, known));
        }

        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? known)
        {
            if (known == null)
            {
                return false;
            }

            for (var t = type; t != null; t = t.BaseType)
            {
                if (Is(t, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for an ADO.NET command type (a DbCommand or an IDbCommand); decided once per type.</summary>
        public bool IsDbCommand(ITypeSymbol? type) =>
            type != null && (DbCommand != null || IDbCommand != null) && type.TypeKind is TypeKind.Class or TypeKind.Interface &&
            IsDbCommandCached(SymbolKeys.Canonical(type));

        private bool IsDbCommandCached(ITypeSymbol type)
        {
            if (!_commands.TryGetValue(type, out bool known))
            {
                known = ComputeIsDbCommand(type);
                _commands.TryAdd(type, known);
            }

            return known;
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool> _commands =
            new System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, bool>(ReferenceComparer<ITypeSymbol>.Instance);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<IAssemblySymbol, bool> _assembliesSeeingDbCommand =
            new System.Collections.Concurrent.ConcurrentDictionary<IAssemblySymbol, bool>(ReferenceComparer<IAssemblySymbol>.Instance);

        private bool SeesDbCommand(IAssemblySymbol assembly)
        {
            var declaring = IDbCommand!.ContainingAssembly;
            if (ReferenceEquals(assembly, declaring))
            {
                return true;
            }

            foreach (var module in assembly.Modules)
            {
                foreach (var reference in module.ReferencedAssemblies)
                {
                    if (reference.Name == declaring.Name || reference.Name is "netstandard" or "System.Data" or "System.Data.Common")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool ComputeIsDbCommand(ITypeSymbol type)
        {
            if (DerivesFrom(type, DbCommand) || Is(type, IDbCommand))
            {
                return true;
            }

            // Only a type of an assembly that references the one declaring IDbCommand (or netstandard, which forwards it)
            // can implement it: List<T>, services and DTOs of other libraries are decided without listing their interfaces.
            if (IDbCommand == null || type.ContainingAssembly is { } assembly && !(_assembliesSeeingDbCommand.TryGetValue(assembly, out bool sees) ? sees : _assembliesSeeingDbCommand.GetOrAdd(assembly, SeesDbCommand)))
            {
                return false;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (Is(i, IDbCommand))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for an object-mapper call (AutoMapper's <c>Map</c>/<c>ProjectTo</c>, Mapster's <c>Adapt</c>/<c>ProjectToType</c>):
        /// it carries what it is given into another type, and hands out no rows of its own.
        /// </summary>
        public static bool IsMapper(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (FromAssembly(type, "AutoMapper"))
            {
                return method.Name is "Map" or "ProjectTo" or "MapAsync";
            }

            return FromAssembly(type, "Mapster") && method.Name is "Adapt" or "ProjectToType" or "AdaptToType" or "AdaptTo";
        }

        /// <summary>
        /// <c>object</c>, <c>void</c>, <c>string</c>, <c>bool</c>, <c>char</c> and the numbers: the special types from
        /// <c>System.Object</c> to <c>System.String</c>. None is an entity, a DbSet, a sequence or a task.
        /// </summary>
        public static bool IsBuiltIn(SpecialType special) => special >= SpecialType.System_Object && special <= SpecialType.System_String;

        /// <summary>True for a type from an assembly whose name starts with <paramref name="prefix"/>: no string is built.</summary>
        public static bool FromAssembly(ITypeSymbol? type, string prefix) =>
            type?.ContainingAssembly?.Name is { } name && name.StartsWith(prefix, StringComparison.Ordinal);
    }
}
