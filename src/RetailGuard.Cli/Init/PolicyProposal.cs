using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Cli.Loading;
using RetailGuard.Governance;

namespace RetailGuard.Cli.Init
{
    /// <summary>
    /// A proposed retailguard.json, from what the code already says: entity types of DbContext models and CREATE TABLEs of .sql
    /// files with a retailer-like property or column, constants that look like the own retailer's code, the conditions of
    /// existing HasQueryFilter calls (exclusions), views that filter a proposed table, and query helpers that apply the filter.
    /// Every guess carries a "$comment" that starts with "review:".
    /// </summary>
    internal sealed class PolicyProposal
    {
        /// <summary>
        /// A retailer-like name, once underscores are removed and case ignored: retailer, purchaser or supplier, alone or followed by
        /// code, cd, id or no (retailer_code, RetailerCode, purchaser_cd, SupplierId).
        /// </summary>
        private static readonly Regex RetailerLike = new Regex("^(retailer|retail|purchaser|supplier)(code|cd|id|no)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex ViewDefinition = new Regex(
            @"CREATE\s+(?:OR\s+(?:ALTER|REPLACE)\s+)?VIEW\s+(?<name>[\w.\[\]""`]+)\s+AS\b(?<body>.*?)(?=;|^\s*GO\s*$|\bCREATE\s|\z)",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

        private readonly SortedDictionary<string, ProposedTable> _tables = new SortedDictionary<string, ProposedTable>(StringComparer.OrdinalIgnoreCase);
        private readonly SortedDictionary<string, string> _ownSymbols = new SortedDictionary<string, string>(StringComparer.Ordinal);
        private readonly SortedSet<string> _sanctionedFilters = new SortedSet<string>(StringComparer.Ordinal);
        private readonly List<string> _notes = new List<string>();

        public IReadOnlyCollection<ProposedTable> Tables => _tables.Values;

        public IReadOnlyDictionary<string, string> OwnSymbols => _ownSymbols;

        public IReadOnlyCollection<string> SanctionedFilters => _sanctionedFilters;

        public string Summary =>
            $"{_tables.Count} protected table(s) ({string.Join(", ", _tables.Values.Select(t => t.Table))}), {_ownSymbols.Count} own-retailer constant(s), " +
            $"{_sanctionedFilters.Count} sanctioned filter(s)";

        public static async Task<PolicyProposal> ProposeAsync(LoadedInput input, CancellationToken cancellationToken)
        {
            var proposal = new PolicyProposal();
            var sqlFiles = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var project in input.CSharpProjects())
            {
                var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation != null)
                {
                    proposal.ReadCode(compilation, cancellationToken);
                }

                foreach (var doc in project.AdditionalDocuments)
                {
                    if (doc.FilePath != null && doc.FilePath.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && File.Exists(doc.FilePath))
                    {
                        sqlFiles.Add(doc.FilePath);
                    }
                }

                if (Path.GetDirectoryName(project.FilePath) is { } folder)
                {
                    sqlFiles.UnionWith(PackageInputs.SqlFiles(folder, cancellationToken));
                }
            }

            foreach (var file in sqlFiles)
            {
                proposal.ReadSql(Path.GetRelativePath(input.Root, file).Replace('\\', '/'), File.ReadAllText(file));
            }

            return proposal;
        }

        private void ReadCode(Compilation compilation, CancellationToken cancellationToken)
        {
            var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            var queryable = compilation.GetTypeByMetadataName("System.Linq.IQueryable`1");
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var model = compilation.GetSemanticModel(tree);
                var root = tree.GetRoot(cancellationToken);
                foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
                {
                    if (!(model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol symbol))
                    {
                        continue;
                    }

                    if (dbContext != null && dbSet != null && InheritsFrom(symbol, dbContext))
                    {
                        ReadContext(symbol, type, model, dbSet, cancellationToken);
                    }

                    ReadOwnConstants(symbol);
                }
            }

            // Query helpers: IQueryable<T> M(this IQueryable<T> q) of a proposed entity, whose body compares its retailer property.
            if (queryable == null)
            {
                return;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var method in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (!(model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol m) || !m.IsStatic || m.Parameters.Length != 1 ||
                        !(m.ReturnType is INamedTypeSymbol { IsGenericType: true } returns) || !SymbolEqualityComparer.Default.Equals(returns.OriginalDefinition, queryable) ||
                        !SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, returns))
                    {
                        continue;
                    }

                    var entity = returns.TypeArguments[0].ToDisplayString();
                    var table = _tables.Values.FirstOrDefault(t => t.Entity == entity);
                    if (table?.RetailerProperty != null && method.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == table.RetailerProperty))
                    {
                        _sanctionedFilters.Add(m.ContainingType.ToDisplayString() + "." + m.Name);
                    }
                }
            }
        }

        private void ReadContext(INamedTypeSymbol context, TypeDeclarationSyntax declaration, SemanticModel model, INamedTypeSymbol dbSet, CancellationToken cancellationToken)
        {
            foreach (var property in context.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.Type is INamedTypeSymbol { IsGenericType: true } set && SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, dbSet) &&
                    set.TypeArguments[0] is INamedTypeSymbol entity)
                {
                    ReadEntity(entity, property.Name, context.Name);
                }
            }

            // modelBuilder.Entity<T>().HasQueryFilter(x => …): the conditions a query filter already applies.
            foreach (var call in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (!(call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HasQueryFilter" } access) || call.ArgumentList.Arguments.Count == 0 ||
                    !(model.GetTypeInfo(access.Expression, cancellationToken).Type is INamedTypeSymbol { IsGenericType: true } builder))
                {
                    continue;
                }

                var entity = builder.TypeArguments[0];
                var table = _tables.Values.FirstOrDefault(t => t.Entity == entity.ToDisplayString());
                if (table == null)
                {
                    continue;
                }

                table.Notes.Add($"{context.Name} has a query filter on it");
                foreach (var comparison in call.ArgumentList.Arguments.Last().DescendantNodes().OfType<BinaryExpressionSyntax>())
                {
                    if (!comparison.IsKind(SyntaxKind.NotEqualsExpression) || !(comparison.Left is MemberAccessExpressionSyntax left))
                    {
                        continue;
                    }

                    if (model.GetSymbolInfo(comparison.Right, cancellationToken).Symbol is IFieldSymbol { HasConstantValue: true } field &&
                        entity.GetMembers(left.Name.Identifier.ValueText).FirstOrDefault() is IPropertySymbol excludedProperty)
                    {
                        table.Exclusions.Add(new ProposedExclusion(
                            ColumnName(excludedProperty), excludedProperty.Name, Convert.ToString(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                            field.ContainingType.ToDisplayString() + "." + field.Name, context.Name));
                    }
                }
            }
        }

        private void ReadEntity(INamedTypeSymbol entity, string setName, string contextName)
        {
            var retailer = entity.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => IsRetailerLike(p.Name));
            if (retailer == null)
            {
                return;
            }

            string table = TableName(entity) ?? ToSnakeCase(setName);
            if (!_tables.TryGetValue(table, out var proposed))
            {
                _tables[table] = proposed = new ProposedTable(table);
            }

            proposed.Entity ??= entity.ToDisplayString();
            proposed.RetailerProperty ??= retailer.Name;
            proposed.RetailerColumn ??= ColumnName(retailer);
            proposed.Notes.Add($"entity {entity.Name} in {contextName}, retailer property {retailer.Name}");
        }

        /// <summary>Constant strings named like the own code (Own, OwnRetailer, Self) in a type named like retailer codes.</summary>
        private void ReadOwnConstants(INamedTypeSymbol type)
        {
            if (type.Name.IndexOf("Retailer", StringComparison.OrdinalIgnoreCase) < 0 && type.Name.IndexOf("Company", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return;
            }

            foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.HasConstantValue && field.ConstantValue is string value &&
                    (field.Name.StartsWith("Own", StringComparison.Ordinal) || field.Name is "Self" or "Ours" or "Mine" or "Us"))
                {
                    _ownSymbols[type.ToDisplayString() + "." + field.Name] = value;
                }
            }
        }

        private void ReadSql(string file, string sql)
        {
            foreach (var created in SqlNames.CreatedTables(sql))
            {
                var column = created.Columns.FirstOrDefault(c => IsRetailerLike(c.Name));
                if (column.Name == null)
                {
                    continue;
                }

                string name = created.Table.Name;
                if (!_tables.TryGetValue(name, out var proposed))
                {
                    _tables[name] = proposed = new ProposedTable(name);
                }

                proposed.RetailerColumn ??= column.Name;
                proposed.Notes.Add($"CREATE TABLE in {file}, column {column.Name}");
            }

            foreach (Match view in ViewDefinition.Matches(sql))
            {
                string body = view.Groups["body"].Value;
                foreach (var read in SqlNames.ReadTables(body))
                {
                    if (_tables.TryGetValue(read.Name, out var table) && table.RetailerColumn != null &&
                        Regex.IsMatch(body, @"\b" + Regex.Escape(table.RetailerColumn) + @"\s*(=|IN\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                    {
                        string name = view.Groups["name"].Value.Trim('[', ']', '"', '`');
                        if (!table.Views.Contains(name))
                        {
                            table.Views.Add(name);
                            table.Notes.Add($"view {name} in {file} filters it by {table.RetailerColumn}");
                        }
                    }
                }
            }
        }

        public static bool IsRetailerLike(string name) => RetailerLike.IsMatch(name.Replace("_", string.Empty, StringComparison.Ordinal));

        private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? TableName(INamedTypeSymbol entity) =>
            entity.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "TableAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;

        private static string ColumnName(IPropertySymbol property) =>
            property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ColumnAttribute")?.ConstructorArguments.FirstOrDefault().Value as string ?? ToSnakeCase(property.Name);

        private static string ToSnakeCase(string name)
        {
            var text = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(name[i]));
            }

            return text.ToString();
        }

        /// <summary>The proposal as retailguard.json, two-space indented, with a "$comment" on every guess.</summary>
        public string ToJson()
        {
            var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("$schema", "./retailguard.schema.json");
                json.WriteString("$comment", "Proposed by 'retailguard init' from the code. Review every entry whose $comment starts with 'review:', " +
                    "add restrictedTables (tables this system must not read at all) and approvals, then hand the file to compliance.");
                json.WriteStartObject("ownRetailer");
                json.WriteString("$comment", _ownSymbols.Count == 0
                    ? "review: no constant named like the own retailer's code was found; add the codes stored in the retailer columns"
                    : "review: constants named like the own retailer's code: " + string.Join(", ", _ownSymbols.Keys));
                json.WriteStartArray("codes");
                foreach (var code in _ownSymbols.Values.Distinct().OrderBy(c => c, StringComparer.Ordinal))
                {
                    json.WriteStringValue(code);
                }

                json.WriteEndArray();
                json.WriteStartArray("symbols");
                foreach (var symbol in _ownSymbols.Keys)
                {
                    json.WriteStringValue(symbol);
                }

                json.WriteEndArray();
                json.WriteEndObject();

                json.WriteStartArray("protectedTables");
                foreach (var table in _tables.Values)
                {
                    json.WriteStartObject();
                    json.WriteString("$comment", "review: " + string.Join("; ", table.Notes.Distinct()));
                    json.WriteString("table", table.Table);
                    if (table.Entity != null)
                    {
                        json.WriteString("entity", table.Entity);
                    }

                    json.WriteString("retailerColumn", table.RetailerColumn ?? ToSnakeCase(table.RetailerProperty ?? "retailer_code"));
                    if (table.RetailerProperty != null)
                    {
                        json.WriteString("retailerProperty", table.RetailerProperty);
                    }

                    var exclusions = table.Exclusions.GroupBy(e => e.Property).ToList();
                    if (exclusions.Count > 0)
                    {
                        json.WriteStartArray("excluded");
                        foreach (var group in exclusions)
                        {
                            json.WriteStartObject();
                            json.WriteString("$comment", "review: excluded by the query filter of " + string.Join(", ", group.Select(e => e.Source).Distinct()));
                            json.WriteString("column", group.First().Column);
                            json.WriteString("property", group.Key);
                            json.WriteStartArray("values");
                            foreach (var value in group.Select(e => e.Value).Distinct())
                            {
                                json.WriteStringValue(value);
                            }

                            json.WriteEndArray();
                            json.WriteStartArray("symbols");
                            foreach (var symbol in group.Select(e => e.Symbol).Distinct())
                            {
                                json.WriteStringValue(symbol);
                            }

                            json.WriteEndArray();
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                    }

                    if (table.Views.Count > 0)
                    {
                        json.WriteStartArray("sanctionedViews");
                        foreach (var view in table.Views)
                        {
                            json.WriteStringValue(view);
                        }

                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("restrictedTables");
                json.WriteEndArray();
                json.WriteStartArray("sanctionedFilters");
                foreach (var filter in _sanctionedFilters)
                {
                    json.WriteStringValue(filter);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }
    }

    internal sealed class ProposedTable
    {
        public ProposedTable(string table) => Table = table;

        public string Table { get; }

        public string? Entity { get; set; }

        public string? RetailerColumn { get; set; }

        public string? RetailerProperty { get; set; }

        public List<ProposedExclusion> Exclusions { get; } = new List<ProposedExclusion>();

        public List<string> Views { get; } = new List<string>();

        public List<string> Notes { get; } = new List<string>();
    }

    internal sealed class ProposedExclusion
    {
        public ProposedExclusion(string column, string property, string value, string symbol, string source)
        {
            Column = column;
            Property = property;
            Value = value;
            Symbol = symbol;
            Source = source;
        }

        public string Column { get; }

        public string Property { get; }

        public string Value { get; }

        public string Symbol { get; }

        public string Source { get; }
    }
}
