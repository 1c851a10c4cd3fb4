using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using RetailGuard.Diagnostics;
using RetailGuard.Policy;

namespace RetailGuard.Governance
{
    /// <summary>
    /// RG9010: data the policy forgot. An entity type of a DbContext of this compilation (its DbSet properties and the entities
    /// reachable from them through navigations) that has a retailer property the policy uses, or a CREATE TABLE in a .sql file
    /// with a retailer column the policy uses, but that the policy neither protects, restricts nor lists as free.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PolicyCoverageAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Bound on the entity types followed through navigations from one DbContext.</summary>
        private const int MaxEntities = 512;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RG9010);

        public override void Initialize(Microsoft.CodeAnalysis.Diagnostics.AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var policy = PolicyLoader.Load(start.Compilation, start.Options, start.CancellationToken);
                if (policy == null)
                {
                    return;
                }

                var properties = new HashSet<string>(StringComparer.Ordinal);
                var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var t in policy.ProtectedTables)
                {
                    if (!t.Spec.RetailerProperty.IsEmpty)
                    {
                        properties.Add(t.Spec.RetailerProperty.Value);
                    }

                    if (!t.Spec.RetailerColumn.IsEmpty)
                    {
                        columns.Add(t.Spec.RetailerColumn.Value);
                    }
                }

                if (properties.Count == 0 && columns.Count == 0)
                {
                    return;
                }

                start.RegisterAdditionalFileAction(file => CheckDdl(policy, columns, file));
                var dbContext = start.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
                var dbSet = start.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
                if (dbContext != null && dbSet != null)
                {
                    var attributes = new ColumnAttributeNames(start.Compilation);
                    start.RegisterSymbolAction(symbol => CheckContext(policy, properties, columns, attributes, dbContext, dbSet, symbol), SymbolKind.NamedType);
                }
            });
        }

        private static void CheckContext(PolicyModel policy, HashSet<string> properties, HashSet<string> columns, ColumnAttributeNames attributes, INamedTypeSymbol dbContext,
            INamedTypeSymbol dbSet, SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Class || !PolicySymbolResolver.DerivesFrom(type, dbContext))
            {
                return;
            }

            // Entities: DbSet<T> properties of the context, then what their navigations reach (EF Core discovers those too).
            var queue = new Queue<(INamedTypeSymbol Entity, ISymbol Where, string TableName)>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var member in type.GetMembers())
            {
                if (member is IPropertySymbol p && p.Type is INamedTypeSymbol set && SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, dbSet) &&
                    set.TypeArguments[0] is INamedTypeSymbol entity && seen.Add(entity))
                {
                    queue.Enqueue((entity, p, p.Name));
                }
            }

            while (queue.Count > 0 && seen.Count <= MaxEntities)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var (entity, where, tableName) = queue.Dequeue();
                if (!SymbolEqualityComparer.Default.Equals(entity.ContainingAssembly, context.Compilation.Assembly))
                {
                    continue;
                }

                string? retailer = RetailerMember(entity, properties, columns, attributes, out bool isColumn, context.CancellationToken);
                if (retailer != null && !IsCovered(policy, entity, tableName) && where.Locations.Length > 0 && where.Locations[0].IsInSource)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RG9010,
                        where.Locations[0],
                        entity.ToDisplayString(),
                        Descriptors.Phrase(isColumn ? "CoverageColumn" : "CoverageProperty"),
                        retailer));
                }

                foreach (var navigation in Navigations(entity))
                {
                    if (seen.Add(navigation.Target))
                    {
                        queue.Enqueue((navigation.Target, navigation.Property, navigation.Target.Name));
                    }
                }
            }
        }

        /// <summary>The retailer property of the entity (or the column its [Column] attribute maps to), or null.</summary>
        private static string? RetailerMember(INamedTypeSymbol entity, HashSet<string> properties, HashSet<string> columns, ColumnAttributeNames attributes, out bool isColumn,
            System.Threading.CancellationToken cancellationToken)
        {
            isColumn = false;
            for (var t = entity; t != null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var member in t.GetMembers())
                {
                    if (!(member is IPropertySymbol p) || p.IsStatic)
                    {
                        continue;
                    }

                    if (properties.Contains(p.Name))
                    {
                        return p.Name;
                    }

                    // A property's attributes are bound on first use: only a policy that names retailer columns needs them, and
                    // only for a property whose declaration can name [Column] (or one of another assembly, whose attributes are
                    // read from metadata, not bound).
                    if (columns.Count == 0 || !attributes.MayHaveColumn(p, cancellationToken))
                    {
                        continue;
                    }

                    foreach (var attribute in p.GetAttributes())
                    {
                        if (attribute.AttributeClass?.Name == "ColumnAttribute" && attribute.ConstructorArguments.Length > 0 &&
                            attribute.ConstructorArguments[0].Value is string column && columns.Contains(column))
                        {
                            isColumn = true;
                            return column;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>Protected or restricted (itself or a base entity of its hierarchy), or free by entity or table name.</summary>
        private static bool IsCovered(PolicyModel policy, INamedTypeSymbol entity, string tableName)
        {
            for (var t = entity; t != null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                if (policy.IsGuarded(t))
                {
                    return true;
                }
            }

            var document = policy.Document;
            return document.IsFree(tableName, entity.ToDisplayString()) || document.IsFree(entity.Name, null) || document.IsFree(MappedTable(entity), null);
        }

        /// <summary>The table name from [Table("…")], or null.</summary>
        private static string? MappedTable(INamedTypeSymbol entity)
        {
            foreach (var attribute in entity.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "TableAttribute" && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string table)
                {
                    return table;
                }
            }

            return null;
        }

        private static IEnumerable<(IPropertySymbol Property, INamedTypeSymbol Target)> Navigations(INamedTypeSymbol entity)
        {
            foreach (var member in entity.GetMembers())
            {
                if (!(member is IPropertySymbol p) || p.IsStatic || !(p.Type is INamedTypeSymbol type))
                {
                    continue;
                }

                var target = type;
                if (type.IsGenericType && type.TypeArguments.Length == 1 && type.TypeArguments[0] is INamedTypeSymbol element && IsCollection(type))
                {
                    target = element;
                }

                if (target.TypeKind == TypeKind.Class && target.SpecialType == SpecialType.None && !target.IsGenericType &&
                    SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, entity.ContainingAssembly))
                {
                    yield return (p, target);
                }
            }
        }

        private static bool IsCollection(INamedTypeSymbol type)
        {
            foreach (var i in type.OriginalDefinition.AllInterfaces)
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        }

        private static void CheckDdl(PolicyModel policy, HashSet<string> columns, AdditionalFileAnalysisContext context)
        {
            var path = context.AdditionalFile.Path;
            if (!path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var text = context.AdditionalFile.GetText(context.CancellationToken);
            if (text == null)
            {
                return;
            }

            foreach (var created in SqlNames.CreatedTables(text))
            {
                SqlName? retailer = null;
                foreach (var column in created.Columns)
                {
                    if (columns.Contains(column.Name))
                    {
                        retailer = column;
                        break;
                    }
                }

                if (retailer == null || TableLookalikes.IsGuarded(policy, created.Table) || policy.Document.IsFree(created.Table.Display, null))
                {
                    continue;
                }

                var span = new Microsoft.CodeAnalysis.Text.TextSpan(created.Table.Start, created.Table.Length);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RG9010,
                    GovernanceAnalyzer.At(path, text, span),
                    created.Table.Display,
                    Descriptors.Phrase("CoverageColumn"),
                    retailer.Value.Name));
            }
        }


        /// <summary>
        /// Tells, from syntax, whether a property of this compilation can carry a <c>[Column]</c> attribute, so that the
        /// attributes of the others are not bound. An attribute names <c>ColumnAttribute</c> as <c>Column</c> or
        /// <c>ColumnAttribute</c> (qualified or not, escaped or not) or through a using alias of one of those; the aliases of
        /// the whole compilation are collected once, when first needed.
        /// </summary>
        private sealed class ColumnAttributeNames
        {
            private readonly Compilation _compilation;
            private Dictionary<string, List<string>>? _aliases;

            public ColumnAttributeNames(Compilation compilation) => _compilation = compilation;

            /// <summary>False only for a property every declaration of which has no attribute that can be <c>[Column]</c>.</summary>
            public bool MayHaveColumn(IPropertySymbol property, System.Threading.CancellationToken cancellationToken)
            {
                var references = property.DeclaringSyntaxReferences;
                if (references.IsEmpty)
                {
                    return true;
                }

                foreach (var reference in references)
                {
                    var lists = reference.GetSyntax(cancellationToken) switch
                    {
                        BasePropertyDeclarationSyntax declaration => declaration.AttributeLists,
                        ParameterSyntax parameter => parameter.AttributeLists,
                        _ => default(SyntaxList<AttributeListSyntax>?),
                    };

                    if (lists == null)
                    {
                        return true;
                    }

                    foreach (var list in lists.Value)
                    {
                        foreach (var attribute in list.Attributes)
                        {
                            if (MayBeColumn(attribute.Name, cancellationToken))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            private bool MayBeColumn(NameSyntax name, System.Threading.CancellationToken cancellationToken)
            {
                if (!(SyntaxNames.Rightmost(name) is { } text) || IsColumn(text))
                {
                    return true;
                }

                var aliases = System.Threading.LazyInitializer.EnsureInitialized(ref _aliases, () => SyntaxNames.Aliases(_compilation, cancellationToken))!;
                if (aliases.TryGetValue(text, out var targets))
                {
                    foreach (var target in targets)
                    {
                        if (IsColumn(target))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsColumn(string name) => name == "Column" || name == "ColumnAttribute";
        }
    }
}
