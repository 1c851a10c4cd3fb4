using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RetailGuard.CodeFixes
{
    /// <summary>
    /// The primary key of an entity type as EF Core decides it, read from source: <c>HasKey</c> in model building (an
    /// <c>OnModelCreating</c> or an <c>IEntityTypeConfiguration&lt;T&gt;</c>), else <c>[PrimaryKey]</c>, else a single
    /// <c>[Key]</c>, else the convention (a property named <c>Id</c> or <c>&lt;type name&gt;Id</c>, ignoring case; source:
    /// EF Core's KeyDiscoveryConvention). Null whenever the key cannot be known for certain: keyless types, several
    /// <c>[Key]</c> properties, <c>HasKey</c> calls that disagree or whose entity or properties cannot be read.
    /// </summary>
    internal static class EntityKeys
    {
        private static readonly ConditionalWeakTable<Compilation, ModelKeys> PerCompilation = new ConditionalWeakTable<Compilation, ModelKeys>();

        /// <summary>The key properties in key order, or null.</summary>
        public static ImmutableArray<IPropertySymbol>? Find(INamedTypeSymbol entity, Compilation compilation, CancellationToken cancellationToken)
        {
            var model = PerCompilation.GetValue(compilation, c => new ModelKeys(c, cancellationToken));
            if (model.Unreadable || HasAttribute(entity, "Microsoft.EntityFrameworkCore.KeylessAttribute") || model.Keyless.Any(k => Inherits(entity, k)))
            {
                return null;
            }

            ImmutableArray<IPropertySymbol>? fluent = null;
            foreach (var (type, key) in model.Keys)
            {
                if (!Inherits(entity, type))
                {
                    continue;
                }

                var properties = Resolve(entity, key);
                if (properties == null || (fluent != null && !Enumerable.SequenceEqual<IPropertySymbol>(fluent.Value, properties.Value, SymbolEqualityComparer.Default)))
                {
                    return null;
                }

                fluent = properties;
            }

            if (fluent != null)
            {
                return fluent;
            }

            for (var t = entity; t != null; t = t.BaseType)
            {
                foreach (var attribute in t.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == "Microsoft.EntityFrameworkCore.PrimaryKeyAttribute")
                    {
                        var names = new List<string>();
                        foreach (var argument in attribute.ConstructorArguments)
                        {
                            if (argument.Kind == TypedConstantKind.Array)
                            {
                                names.AddRange(argument.Values.Select(v => v.Value as string ?? string.Empty));
                            }
                            else
                            {
                                names.Add(argument.Value as string ?? string.Empty);
                            }
                        }

                        return Resolve(entity, names);
                    }
                }
            }

            var mapped = MappedProperties(entity);
            var annotated = mapped.Where(p => HasAttribute(p, "System.ComponentModel.DataAnnotations.KeyAttribute")).ToList();
            if (annotated.Count == 1)
            {
                return ImmutableArray.Create(annotated[0]);
            }

            if (annotated.Count > 1)
            {
                return null;
            }

            var byId = mapped.Where(p => string.Equals(p.Name, "Id", StringComparison.OrdinalIgnoreCase)).ToList();
            if (byId.Count == 0)
            {
                byId = mapped.Where(p => string.Equals(p.Name, entity.Name + "Id", StringComparison.OrdinalIgnoreCase)).ToList();
            }

            return byId.Count == 1 ? ImmutableArray.Create(byId[0]) : (ImmutableArray<IPropertySymbol>?)null;
        }

        /// <summary>Properties EF Core maps by convention: public instance properties with a getter and a setter, not [NotMapped].</summary>
        private static List<IPropertySymbol> MappedProperties(INamedTypeSymbol entity)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<IPropertySymbol>();
            for (var t = entity; t != null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
                {
                    if (!property.IsStatic && !property.IsIndexer && property.DeclaredAccessibility == Accessibility.Public &&
                        property.GetMethod != null && property.SetMethod != null && seen.Add(property.Name) &&
                        !HasAttribute(property, "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute"))
                    {
                        result.Add(property);
                    }
                }
            }

            return result;
        }

        private static ImmutableArray<IPropertySymbol>? Resolve(INamedTypeSymbol entity, IReadOnlyList<string> names)
        {
            if (names.Count == 0)
            {
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<IPropertySymbol>(names.Count);
            foreach (var name in names)
            {
                IPropertySymbol? found = null;
                for (var t = entity; t != null && found == null; t = t.BaseType)
                {
                    found = t.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic);
                }

                if (found == null)
                {
                    return null;
                }

                builder.Add(found);
            }

            return builder.MoveToImmutable();
        }

        private static bool Inherits(ITypeSymbol type, ITypeSymbol baseType)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, string attribute) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute);

        /// <summary>Every <c>HasKey</c> and <c>HasNoKey</c> the compilation's model building makes, read once per compilation.</summary>
        private sealed class ModelKeys
        {
            public ModelKeys(Compilation compilation, CancellationToken cancellationToken)
            {
                var builder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1");
                var untyped = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder");
                if (builder == null)
                {
                    return;
                }

                foreach (var tree in compilation.SyntaxTrees)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string text = tree.GetText(cancellationToken).ToString();
                    if (text.IndexOf("HasKey", StringComparison.Ordinal) < 0 && text.IndexOf("HasNoKey", StringComparison.Ordinal) < 0)
                    {
                        continue;
                    }

                    var model = compilation.GetSemanticModel(tree);
                    foreach (var call in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                    {
                        string? name = call.Expression switch
                        {
                            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            _ => null,
                        };
                        if (name != "HasKey" && name != "HasNoKey")
                        {
                            continue;
                        }

                        var method = model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol;
                        var owner = method?.ContainingType;
                        if (owner == null)
                        {
                            continue;
                        }

                        if (SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, untyped) ||
                            (SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, builder) && owner.TypeArguments[0].TypeKind == TypeKind.TypeParameter))
                        {
                            // The entity is not known here: any entity's key could be this one.
                            Unreadable = true;
                            return;
                        }

                        if (!SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, builder))
                        {
                            continue;
                        }

                        var entity = owner.TypeArguments[0];
                        if (name == "HasNoKey")
                        {
                            Keyless.Add(entity);
                            continue;
                        }

                        var names = KeyNames(call, model, cancellationToken);
                        if (names == null)
                        {
                            Unreadable = true;
                            return;
                        }

                        Keys.Add((entity, names));
                    }
                }
            }

            public bool Unreadable { get; }

            public List<(ITypeSymbol Entity, List<string> Names)> Keys { get; } = new List<(ITypeSymbol, List<string>)>();

            public List<ITypeSymbol> Keyless { get; } = new List<ITypeSymbol>();

            /// <summary><c>HasKey(c =&gt; c.Id)</c>, <c>HasKey(c =&gt; new { c.A, c.B })</c>, <c>HasKey("A", "B")</c>, <c>HasKey(nameof(T.A))</c>.</summary>
            private static List<string>? KeyNames(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
            {
                var arguments = call.ArgumentList.Arguments;
                if (arguments.Count == 1 && arguments[0].Expression is LambdaExpressionSyntax lambda)
                {
                    string? parameter = lambda switch
                    {
                        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                        _ => null,
                    };
                    var body = Strip(lambda.Body as ExpressionSyntax);
                    if (parameter == null || body == null)
                    {
                        return null;
                    }

                    if (PropertyOf(body, parameter) is { } single)
                    {
                        return new List<string> { single };
                    }

                    if (body is AnonymousObjectCreationExpressionSyntax anonymous)
                    {
                        var names = new List<string>();
                        foreach (var initializer in anonymous.Initializers)
                        {
                            if (!(PropertyOf(Strip(initializer.Expression), parameter) is { } part))
                            {
                                return null;
                            }

                            names.Add(part);
                        }

                        return names.Count == 0 ? null : names;
                    }

                    return null;
                }

                var strings = new List<string>();
                foreach (var argument in arguments)
                {
                    if (!(model.GetConstantValue(argument.Expression, cancellationToken).Value is string value))
                    {
                        return null;
                    }

                    strings.Add(value);
                }

                return strings.Count == 0 ? null : strings;
            }

            private static ExpressionSyntax? Strip(ExpressionSyntax? expression)
            {
                while (expression is ParenthesizedExpressionSyntax || expression is CastExpressionSyntax)
                {
                    expression = expression is ParenthesizedExpressionSyntax p ? p.Expression : ((CastExpressionSyntax)expression).Expression;
                }

                return expression;
            }

            private static string? PropertyOf(ExpressionSyntax? expression, string parameter) =>
                expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access && target.Identifier.ValueText == parameter
                    ? access.Name.Identifier.ValueText
                    : null;
        }
    }
}
