using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RetailGuard.Policy;

namespace RetailGuard.Rules
{
    /// <summary>An own-retailer value written as C#, valid at one position.</summary>
    internal sealed class OwnValueCode
    {
        public OwnValueCode(string code, ISymbol? symbol)
        {
            Code = code;
            Symbol = symbol;
        }

        /// <summary>The expression: <c>RetailerCodes.Own</c>, <c>_current.Code</c>, <c>_options.Value.OwnCode</c> or a literal code such as <c>"R0001"</c>.</summary>
        public string Code { get; }

        /// <summary>The own symbol the expression reads; null for a literal own code.</summary>
        public ISymbol? Symbol { get; }
    }

    /// <summary>
    /// Finds, for a hint or a fix, an own-retailer value of the right type that code at a given position can reach:
    /// a static own member (<c>Type.Member</c>), an instance own member through a parameter, a field or property of the
    /// enclosing type, a primary-constructor parameter or <c>this</c> (one member hop deep, as in
    /// <c>_options.Value.OwnCode</c>), else the first own code as a literal of the column's type. Never a value of another
    /// type, never an empty literal: when nothing fits, there is no value and the caller says in words what to compare with.
    /// </summary>
    internal static class OwnValues
    {
        /// <summary>Bounds the search: roots considered and members looked at per type.</summary>
        private const int MaxRoots = 256;
        private const int MaxMembersPerType = 256;

        /// <summary>
        /// The own value to write at <paramref name="position"/>, compared with a property of type <paramref name="targetType"/>
        /// (null when only a SQL column is known: then a string or number), or null when none is reachable and of that type.
        /// </summary>
        public static OwnValueCode? Find(PolicyModel policy, ITypeSymbol? targetType, SemanticModel model, int position, CancellationToken cancellationToken)
        {
            var scope = new Scope(model, position, cancellationToken);
            foreach (var own in policy.OwnSymbolsInOrder)
            {
                if (!(ValueType(own) is { } valueType) || !Comparable(valueType, targetType, model.Compilation) || !model.IsAccessible(position, own))
                {
                    continue;
                }

                string? code = own.IsStatic ? StaticAccess(own, model, position) : scope.InstanceAccess(own);
                if (code != null)
                {
                    return new OwnValueCode(code, own);
                }
            }

            return Literal(policy, targetType);
        }

        /// <summary>Without a semantic model (no position known): a static own member by its type's name, else a literal own code.</summary>
        public static OwnValueCode? FindWithoutScope(PolicyModel policy, ITypeSymbol? targetType)
        {
            foreach (var own in policy.OwnSymbolsInOrder)
            {
                if (own.IsStatic && ValueType(own) is { } valueType && Comparable(valueType, targetType, null))
                {
                    return new OwnValueCode(own.ContainingType.Name + "." + own.Name + (own is IMethodSymbol ? "()" : string.Empty), own);
                }
            }

            return Literal(policy, targetType);
        }

        /// <summary>
        /// What to compare with, in words, when no own value can be written here: the own member and the service that has it,
        /// or an own value of the column's type.
        /// </summary>
        public static string Describe(PolicyModel policy, ITypeSymbol? targetType)
        {
            foreach (var own in policy.OwnSymbolsInOrder)
            {
                if (!own.IsStatic && ValueType(own) is { } valueType && Comparable(valueType, targetType, null))
                {
                    return Diagnostics.Descriptors.Phrase("OwnValueInjected", own.Name, own.ContainingType.Name);
                }
            }

            return targetType == null
                ? Diagnostics.Descriptors.Phrase("OwnValueAny")
                : Diagnostics.Descriptors.Phrase("OwnValueOfType", targetType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        }

        /// <summary>The type of the value an own member yields: a field's or property's type, a parameterless method's return type.</summary>
        public static ITypeSymbol? ValueType(ISymbol symbol) => symbol switch
        {
            IFieldSymbol f => f.Type,
            IPropertySymbol p when p.Parameters.IsEmpty && p.GetMethod != null => p.Type,
            IMethodSymbol m when m.Parameters.IsEmpty && !m.ReturnsVoid && m.TypeParameters.IsEmpty => m.ReturnType,
            _ => null,
        };

        /// <summary>
        /// True when a value of <paramref name="value"/> can stand on the other side of <c>==</c> from <paramref name="target"/>
        /// and mean the same thing: the same type (nullable or not), or numbers that convert implicitly. A null target is a SQL
        /// column: strings and numbers.
        /// </summary>
        public static bool Comparable(ITypeSymbol value, ITypeSymbol? target, Compilation? compilation)
        {
            value = Unwrap(value);
            if (target == null)
            {
                return value.SpecialType == SpecialType.System_String || IsNumber(value);
            }

            target = Unwrap(target);
            if (SymbolEqualityComparer.Default.Equals(value, target))
            {
                return true;
            }

            if (IsNumber(value) && IsNumber(target))
            {
                if (compilation == null)
                {
                    return false;
                }

                var conversion = compilation.ClassifyConversion(value, target);
                return conversion.IsImplicit && conversion.IsNumeric;
            }

            return false;
        }

        /// <summary>The first own code written as a literal of the target's type, or null (no code, an empty code, or a type a code cannot be).</summary>
        public static OwnValueCode? Literal(PolicyModel policy, ITypeSymbol? targetType)
        {
            foreach (var code in policy.Document.OwnCodes)
            {
                if (string.IsNullOrEmpty(code))
                {
                    continue;
                }

                var type = targetType == null ? null : Unwrap(targetType);
                if (type == null || type.SpecialType == SpecialType.System_String)
                {
                    return new OwnValueCode(SymbolDisplay.FormatLiteral(code, quote: true), null);
                }

                if (IsIntegral(type) && long.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
                {
                    return new OwnValueCode(number.ToString(CultureInfo.InvariantCulture), null);
                }

                return null;
            }

            return null;
        }

        /// <summary>A name as C# source: keywords get an '@'.</summary>
        public static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string? StaticAccess(ISymbol own, SemanticModel model, int position) =>
            MinimalNames.Of(own.ContainingType, model, position) + "." + Escape(own.Name) + (own is IMethodSymbol ? "()" : string.Empty);

        private static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        private static bool IsNumber(ITypeSymbol type) => IsIntegral(type) || type.SpecialType is SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single;

        private static bool IsIntegral(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or
            SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte;

        /// <summary>True when <paramref name="type"/> is <paramref name="target"/>, derives from it or implements it.</summary>
        private static bool IsOrInherits(ITypeSymbol? type, INamedTypeSymbol target)
        {
            var wanted = target.OriginalDefinition;
            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, wanted))
                {
                    return true;
                }
            }

            if (type != null && target.TypeKind == TypeKind.Interface)
            {
                foreach (var i in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, wanted))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The values code at one position can read: parameters, members of the enclosing type, <c>this</c>.</summary>
        private sealed class Scope
        {
            private readonly SemanticModel _model;
            private readonly int _position;
            private readonly CancellationToken _cancellationToken;
            private List<(string Code, ITypeSymbol Type)>? _roots;
            private INamedTypeSymbol? _type;
            private bool _instance;

            public Scope(SemanticModel model, int position, CancellationToken cancellationToken)
            {
                _model = model;
                _position = position;
                _cancellationToken = cancellationToken;
            }

            /// <summary><c>root.Member</c> or <c>root.Hop.Member</c> for an instance own member, or null when no root reaches it.</summary>
            public string? InstanceAccess(ISymbol own)
            {
                var roots = Roots();
                var owner = own.ContainingType;
                string suffix = Escape(own.Name) + (own is IMethodSymbol ? "()" : string.Empty);
                if (_instance && IsOrInherits(_type, owner))
                {
                    return Shadowed(own.Name, own) ? "this." + suffix : suffix;
                }

                foreach (var (code, type) in roots)
                {
                    if (IsOrInherits(type, owner))
                    {
                        return code + "." + suffix;
                    }
                }

                foreach (var (code, type) in roots)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (Hop(type, owner) is { } hop)
                    {
                        return code + "." + hop + "." + suffix;
                    }
                }

                return null;
            }

            /// <summary>An instance property or field of <paramref name="type"/> whose value is an <paramref name="owner"/>.</summary>
            private string? Hop(ITypeSymbol type, INamedTypeSymbol owner)
            {
                if (type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum)
                {
                    return null;
                }

                int seen = 0;
                var candidates = new List<ITypeSymbol> { type };
                if (type.TypeKind == TypeKind.Interface)
                {
                    candidates.AddRange(type.AllInterfaces);
                }

                foreach (var candidate in candidates)
                {
                    for (var t = candidate; t != null; t = t.BaseType)
                    {
                        foreach (var member in t.GetMembers())
                        {
                            if (++seen > MaxMembersPerType)
                            {
                                return null;
                            }

                            if (!member.IsStatic && !member.IsImplicitlyDeclared && MemberType(member) is { } memberType &&
                                IsOrInherits(memberType, owner) && _model.IsAccessible(_position, member))
                            {
                                return Escape(member.Name);
                            }
                        }
                    }
                }

                return null;
            }

            private static ITypeSymbol? MemberType(ISymbol member) => member switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p when p.Parameters.IsEmpty && p.GetMethod != null => p.Type,
                _ => null,
            };

            private List<(string Code, ITypeSymbol Type)> Roots()
            {
                if (_roots != null)
                {
                    return _roots;
                }

                _roots = new List<(string, ITypeSymbol)>();
                bool captureBlocked = false;
                for (ISymbol? s = _model.GetEnclosingSymbol(_position, _cancellationToken); s != null; s = s.ContainingSymbol)
                {
                    if (s is IMethodSymbol method)
                    {
                        if (!captureBlocked)
                        {
                            foreach (var p in method.Parameters)
                            {
                                Add(Escape(p.Name), p.Type, p);
                            }
                        }

                        if (method.MethodKind == MethodKind.AnonymousFunction || method.MethodKind == MethodKind.LocalFunction)
                        {
                            // A static lambda or local function captures nothing from outside itself.
                            captureBlocked |= method.IsStatic;
                            continue;
                        }

                        _type = method.ContainingType;
                        _instance = !method.IsStatic && !captureBlocked && method.MethodKind != MethodKind.StaticConstructor;
                        break;
                    }

                    if (s is INamedTypeSymbol named)
                    {
                        // A field or property initializer: only static members are reachable.
                        _type = named;
                        break;
                    }

                    if (s is IPropertySymbol || s is IEventSymbol)
                    {
                        _type = s.ContainingType;
                        _instance = !s.IsStatic && !captureBlocked;
                        break;
                    }

                    if (s is IFieldSymbol)
                    {
                        _type = s.ContainingType;
                        break;
                    }
                }

                if (_type == null)
                {
                    return _roots;
                }

                if (_instance)
                {
                    foreach (var parameter in PrimaryConstructorParameters(_type))
                    {
                        Add(Escape(parameter.Name), parameter.Type, parameter);
                    }
                }

                for (var t = _type; t != null && _roots.Count < MaxRoots; t = t.BaseType)
                {
                    foreach (var member in t.GetMembers())
                    {
                        if (member.IsImplicitlyDeclared || (!member.IsStatic && !_instance) || !(MemberType(member) is { } type) ||
                            !_model.IsAccessible(_position, member))
                        {
                            continue;
                        }

                        string code = member.IsStatic
                            ? MinimalNames.Of(member.ContainingType, _model, _position) + "." + member.Name
                            : (Shadowed(member.Name, member) ? "this." + Escape(member.Name) : Escape(member.Name));
                        Add(code, type, member);
                    }
                }

                return _roots;
            }

            private void Add(string code, ITypeSymbol type, ISymbol symbol)
            {
                if (_roots!.Count < MaxRoots && type.SpecialType == SpecialType.None && !(symbol is IParameterSymbol p && p.RefKind == RefKind.Out))
                {
                    _roots.Add((code, type));
                }
            }

            /// <summary>True when the simple name at the position means something other than <paramref name="symbol"/>.</summary>
            private bool Shadowed(string name, ISymbol symbol)
            {
                var found = _model.LookupSymbols(_position, name: name);
                return found.IsEmpty || !SymbolEqualityComparer.Default.Equals(found[0].OriginalDefinition, symbol.OriginalDefinition);
            }

            /// <summary>The parameters of a C# 12 primary constructor, which every instance member can read.</summary>
            private IEnumerable<IParameterSymbol> PrimaryConstructorParameters(INamedTypeSymbol type)
            {
                foreach (var constructor in type.InstanceConstructors)
                {
                    foreach (var reference in constructor.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(_cancellationToken) is TypeDeclarationSyntax)
                        {
                            return constructor.Parameters;
                        }
                    }
                }

                return Array.Empty<IParameterSymbol>();
            }
        }
    }
}
