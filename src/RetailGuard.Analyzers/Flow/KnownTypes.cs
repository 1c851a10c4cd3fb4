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
        }

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

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type != null && known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

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

        public bool IsDbCommand(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            if (DerivesFrom(type, DbCommand) || Is(type, IDbCommand))
            {
                return true;
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

        /// <summary>True for a type from an assembly whose name starts with <paramref name="prefix"/>: no string is built.</summary>
        public static bool FromAssembly(ITypeSymbol? type, string prefix) =>
            type?.ContainingAssembly?.Name is { } name && name.StartsWith(prefix, StringComparison.Ordinal);
    }
}
