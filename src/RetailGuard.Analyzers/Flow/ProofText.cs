using System.Globalization;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Predicates;

namespace RetailGuard.Flow
{
    /// <summary>
    /// The words of an unfinished proof: what a value is ("field '_code'", "parameter 'retailer' of 'Names'") and what breaks
    /// the proof ("…, to which the call at Customers.cs line 31 passes 'R0002', which is not an own-retailer code"). Each link
    /// wraps the reason of the value it comes from, so the message reads from the value the query compares with down to the
    /// cause; a chain longer than <see cref="MaxLength"/> characters keeps only its cause.
    /// </summary>
    internal static class ProofText
    {
        /// <summary>Longest reason a link still wraps; past it, the message gives the root cause only.</summary>
        private const int MaxLength = 360;

        /// <summary>Longest piece of source quoted for a value computed at run time.</summary>
        private const int MaxQuoted = 60;

        public static string Parameter(IParameterSymbol parameter) => Descriptors.Phrase("SubjectParameter", parameter.Name, Owner(parameter.ContainingSymbol));

        public static string Field(IFieldSymbol field) => Descriptors.Phrase("SubjectField", field.Name);

        public static string Property(IPropertySymbol property) => Descriptors.Phrase("SubjectProperty", property.Name);

        public static string Method(IMethodSymbol method) => Descriptors.Phrase("SubjectMethod", method.Name);

        public static string Local(ILocalSymbol local) => Descriptors.Phrase("SubjectLocal", local.Name);

        /// <summary>The subject for any variable or member RetailGuard follows.</summary>
        public static string Subject(ISymbol symbol) => symbol switch
        {
            IParameterSymbol p => Parameter(p),
            IFieldSymbol f => Field(f),
            IPropertySymbol p => Property(p),
            IMethodSymbol m => Method(m),
            ILocalSymbol l => Local(l),
            _ => "'" + symbol.Name + "'",
        };

        /// <summary>"Customers.cs line 31".</summary>
        public static string At(SyntaxNode node)
        {
            var span = node.GetLocation().GetLineSpan();
            string file = System.IO.Path.GetFileName(span.Path ?? string.Empty);
            return Descriptors.Phrase("ProofAt", file.Length == 0 ? "?" : file, (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>
        /// A link of the chain: <paramref name="key"/> is a phrase with the subject ({0}), the inner reason ({1}) and where the
        /// value comes from ({2}).
        /// </summary>
        public static string Link(string key, string subject, string inner, string at) =>
            inner.Length > MaxLength ? inner : Descriptors.Phrase(key, subject, inner, at);

        /// <summary>A leaf of the chain: a phrase with the subject ({0}) and one more argument ({1}).</summary>
        public static string Leaf(string key, string subject, string argument = "") => Descriptors.Phrase(key, subject, argument);

        /// <summary>What a value that is not own is, for the link that wraps it.</summary>
        public static string Describe(Operand value) => value.Why ?? value.Kind switch
        {
            OperandKind.Literal => Descriptors.Phrase("ProofLiteral", value.Text ?? string.Empty),
            OperandKind.Null => Descriptors.Phrase("ProofNull"),
            OperandKind.Parameter => Descriptors.Phrase("SubjectSqlParameter", value.Text ?? string.Empty),
            _ => Descriptors.Phrase("ProofRunTime", "?"),
        };

        /// <summary>A value computed at run time, quoted from the source.</summary>
        public static string RunTime(IOperation operation) => Descriptors.Phrase("ProofRunTime", Quote(operation.Syntax));

        /// <summary>The source of an expression in quotes, shortened.</summary>
        public static string Quoted(IOperation operation) => "'" + Quote(operation.Syntax) + "'";

        /// <summary>A piece of source in quotes, shortened.</summary>
        public static string Quoted(SyntaxNode node) => "'" + Quote(node) + "'";

        /// <summary>
        /// The reason, with the advice to list <paramref name="member"/> under <c>ownRetailer.symbols</c> when it is a member that
        /// may well hold the company's own code (configuration, the signed-in context) but cannot be proven from the code.
        /// </summary>
        public static string SuggestSymbol(string why, ISymbol member)
        {
            var type = member.ContainingType;
            if (type == null || type.IsGenericType || member is IMethodSymbol { Parameters.IsEmpty: false } || member.IsImplicitlyDeclared)
            {
                return why;
            }

            string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)) + "." + member.Name;
            return Descriptors.Phrase("ProofSuggestSymbol", why, name);
        }

        private static string Owner(ISymbol? owner) => owner switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } c => Descriptors.Phrase("SubjectConstructorOf", c.ContainingType.Name),
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } => Descriptors.Phrase("SubjectLambda"),
            IMethodSymbol m => "'" + m.Name + "'",
            null => "?",
            _ => "'" + owner.Name + "'",
        };

        private static string Quote(SyntaxNode node)
        {
            string text = node.ToString();
            var builder = new System.Text.StringBuilder(System.Math.Min(text.Length, MaxQuoted + 1));
            bool space = false;
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
                if (builder.Length >= MaxQuoted)
                {
                    builder.Append('…');
                    break;
                }
            }

            return builder.ToString();
        }
    }
}
