using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Governance
{
    /// <summary>
    /// The parts of a baseline fingerprint that come from code. The site is the statement around the finding (without the
    /// statements nested in it), or the expression body or initializer when there is no statement; its tokens are joined with
    /// single spaces, so whitespace, comments and line breaks do not count, and the finding's own tokens are marked so two
    /// findings in one statement differ. SQL is cut at ';' or GO, comments dropped, whitespace kept only between two words,
    /// and case folded outside string literals.
    /// </summary>
    internal static class BaselineFingerprint
    {
        /// <summary>A SQL statement longer than this is fingerprinted by the text around the site only.</summary>
        private const int MaxSqlStatement = 16 * 1024;

        private const string Open = "\u27E6";
        private const string Close = "\u27E7";

        /// <summary>The site of a finding in C#: the innermost node at the span and its normalised statement.</summary>
        public static (SyntaxNode Node, string Normalized) CSharpSite(SyntaxNode root, TextSpan span)
        {
            if (span.End > root.FullSpan.End)
            {
                span = new TextSpan(root.FullSpan.End, 0);
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode context = node;
            for (SyntaxNode? n = node; n != null; n = n.Parent)
            {
                if (n is StatementSyntax && !(n is BlockSyntax))
                {
                    context = n;
                    break;
                }

                if (n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax || n is ConstructorInitializerSyntax || n is AttributeSyntax)
                {
                    context = n;
                    break;
                }

                if (n is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            var sb = new StringBuilder();
            bool opened = false, closed = false;
            foreach (var token in context.DescendantTokens(child => child == context || !(child is StatementSyntax)))
            {
                if (token.IsKind(SyntaxKind.None) || token.Span.IsEmpty)
                {
                    continue;
                }

                if (!opened && token.Span.End > span.Start)
                {
                    Append(sb, Open);
                    opened = true;
                }

                if (opened && !closed && token.SpanStart >= span.End && span.Length > 0)
                {
                    Append(sb, Close);
                    closed = true;
                }

                Append(sb, token.Text);
            }

            if (!opened)
            {
                Append(sb, Open);
            }

            if (!closed)
            {
                Append(sb, Close);
            }

            return (node, sb.ToString());
        }

        /// <summary>The containing member of <paramref name="node"/> as source writes it; see <see cref="BaselineEntry.Member"/>.</summary>
        public static string MemberName(SyntaxNode node)
        {
            MemberDeclarationSyntax? member = null;
            for (SyntaxNode? n = node; n != null; n = n.Parent)
            {
                if (n is GlobalStatementSyntax)
                {
                    return "<top-level>";
                }

                if (n is MemberDeclarationSyntax m)
                {
                    member = m;
                    break;
                }
            }

            if (member == null)
            {
                return string.Empty;
            }

            string own = member switch
            {
                MethodDeclarationSyntax m => m.Identifier.ValueText + TypeParameters(m.TypeParameterList) + Parameters(m.ParameterList),
                ConstructorDeclarationSyntax c => (c.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor") + Parameters(c.ParameterList),
                DestructorDeclarationSyntax => "Finalize()",
                OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text + Parameters(o.ParameterList),
                ConversionOperatorDeclarationSyntax o => "operator " + o.ImplicitOrExplicitKeyword.Text + " " + Tokens(o.Type) + Parameters(o.ParameterList),
                PropertyDeclarationSyntax p => p.Identifier.ValueText,
                IndexerDeclarationSyntax i => "this[" + ParameterTypes(i.ParameterList.Parameters) + "]",
                EventDeclarationSyntax e => e.Identifier.ValueText,
                BaseFieldDeclarationSyntax f => Declarator(f, node),
                EnumMemberDeclarationSyntax e => e.Identifier.ValueText,
                _ => string.Empty,
            };

            var container = member is BaseTypeDeclarationSyntax || member is DelegateDeclarationSyntax ? member : member.Parent;
            string type = Containers(container);
            if (own.Length == 0)
            {
                return type;
            }

            return type.Length == 0 ? own : type + "." + own;
        }

        /// <summary>
        /// The normalised statement of a site in SQL text: the statement that contains <paramref name="span"/>, comments removed,
        /// whitespace collapsed, case folded outside string literals, the site marked.
        /// </summary>
        public static string SqlSite(string sql, TextSpan span)
        {
            int start = 0, end = sql.Length;
            foreach (var boundary in SqlBoundaries(sql))
            {
                if (boundary <= span.Start)
                {
                    start = boundary;
                }
                else if (boundary >= span.End)
                {
                    end = boundary;
                    break;
                }
            }

            if (end - start > MaxSqlStatement)
            {
                start = System.Math.Max(start, span.Start - 2048);
                end = System.Math.Min(end, span.End + 2048);
            }

            var sb = new StringBuilder();
            bool space = false;
            for (int i = start; i < end;)
            {
                if (i == span.Start)
                {
                    sb.Append(Open);
                }

                if (i == span.End && span.Length > 0)
                {
                    sb.Append(Close);
                }

                char c = sql[i];
                if (c == '-' && i + 1 < end && sql[i + 1] == '-')
                {
                    while (i < end && sql[i] != '\n')
                    {
                        i++;
                    }

                    space = true;
                    continue;
                }

                if (c == '/' && i + 1 < end && sql[i + 1] == '*')
                {
                    int close = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                    i = close < 0 || close + 2 > end ? end : close + 2;
                    space = true;
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    i++;
                    continue;
                }

                // Whitespace counts only where it separates two words: "customers ;" and "customers;" are the same text.
                if (space && sb.Length > 0 && IsWordChar(sb[sb.Length - 1]) && IsWordChar(c))
                {
                    sb.Append(' ');
                }

                space = false;
                if (c == '\'')
                {
                    int close = i + 1;
                    while (close < end && !(sql[close] == '\'' && (close + 1 >= end || sql[close + 1] != '\'')))
                    {
                        close += sql[close] == '\'' ? 2 : 1;
                    }

                    close = System.Math.Min(close + 1, end);
                    sb.Append(sql, i, close - i);
                    i = close;
                    continue;
                }

                sb.Append(char.ToLowerInvariant(c));
                i++;
            }

            if (span.Start >= end)
            {
                sb.Append(Open);
            }

            if (span.End >= end)
            {
                sb.Append(Close);
            }

            return sb.ToString();
        }

        /// <summary>64-bit FNV-1a over the UTF-16 code units of <paramref name="normalized"/>, as 16 lower-case hex digits.</summary>
        /// <remarks>A fingerprint, not a security measure; chosen because it needs no cryptography provider in any analyzer host.</remarks>
        public static string Hash(string normalized)
        {
            const ulong offset = 14695981039346656037UL;
            const ulong prime = 1099511628211UL;
            ulong hash = offset;
            foreach (char c in normalized)
            {
                hash ^= (byte)c;
                hash *= prime;
                hash ^= (byte)(c >> 8);
                hash *= prime;
            }

            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }

        /// <summary>Offsets where a SQL statement ends: after each ';' and at each line that is only GO, outside strings and comments.</summary>
        private static IEnumerable<int> SqlBoundaries(string sql)
        {
            int i = 0;
            bool lineStart = true;
            while (i < sql.Length)
            {
                char c = sql[i];
                if (lineStart)
                {
                    int j = i;
                    while (j < sql.Length && (sql[j] == ' ' || sql[j] == '\t'))
                    {
                        j++;
                    }

                    if (j + 1 < sql.Length && (sql[j] == 'G' || sql[j] == 'g') && (sql[j + 1] == 'O' || sql[j + 1] == 'o') &&
                        (j + 2 == sql.Length || char.IsWhiteSpace(sql[j + 2])))
                    {
                        yield return j;
                    }

                    lineStart = false;
                }

                if (c == '\n')
                {
                    lineStart = true;
                    i++;
                }
                else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
                {
                    while (i < sql.Length && sql[i] != '\n')
                    {
                        i++;
                    }
                }
                else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
                {
                    int close = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                    i = close < 0 ? sql.Length : close + 2;
                }
                else if (c == '\'' || c == '"' || c == '[' || c == '`')
                {
                    char end = c == '[' ? ']' : c;
                    int close = sql.IndexOf(end, i + 1);
                    i = close < 0 ? sql.Length : close + 1;
                }
                else if (c == ';')
                {
                    i++;
                    yield return i;
                }
                else
                {
                    i++;
                }
            }
        }

        private static void Append(StringBuilder sb, string text)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(text);
        }

        private static string Declarator(BaseFieldDeclarationSyntax field, SyntaxNode node)
        {
            foreach (var v in field.Declaration.Variables)
            {
                if (v.FullSpan.Contains(node.SpanStart))
                {
                    return v.Identifier.ValueText;
                }
            }

            return field.Declaration.Variables.Count > 0 ? field.Declaration.Variables[0].Identifier.ValueText : string.Empty;
        }

        private static string Containers(SyntaxNode? node)
        {
            var parts = new List<string>();
            for (var n = node; n != null; n = n.Parent)
            {
                switch (n)
                {
                    case TypeDeclarationSyntax t:
                        parts.Add(t.Identifier.ValueText + TypeParameters(t.TypeParameterList));
                        break;
                    case BaseTypeDeclarationSyntax b:
                        parts.Add(b.Identifier.ValueText);
                        break;
                    case DelegateDeclarationSyntax d:
                        parts.Add(d.Identifier.ValueText + TypeParameters(d.TypeParameterList));
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        parts.Add(Tokens(ns.Name));
                        break;
                }
            }

            parts.Reverse();
            return string.Join(".", parts);
        }

        private static string TypeParameters(TypeParameterListSyntax? list) =>
            list == null || list.Parameters.Count == 0 ? string.Empty : "<" + string.Join(",", Names(list.Parameters)) + ">";

        private static IEnumerable<string> Names(SeparatedSyntaxList<TypeParameterSyntax> parameters)
        {
            foreach (var p in parameters)
            {
                yield return p.Identifier.ValueText;
            }
        }

        private static string Parameters(ParameterListSyntax list) => "(" + ParameterTypes(list.Parameters) + ")";

        private static string ParameterTypes(SeparatedSyntaxList<ParameterSyntax> parameters)
        {
            var parts = new List<string>();
            foreach (var p in parameters)
            {
                var sb = new StringBuilder();
                foreach (var modifier in p.Modifiers)
                {
                    if (!modifier.IsKind(SyntaxKind.ThisKeyword))
                    {
                        sb.Append(modifier.Text).Append(' ');
                    }
                }

                sb.Append(p.Type == null ? string.Empty : Tokens(p.Type));
                parts.Add(sb.ToString());
            }

            return string.Join(",", parts);
        }

        /// <summary>The tokens of a node joined without trivia: "Dictionary<string,int>", "Sales.Domain".</summary>
        private static string Tokens(SyntaxNode node)
        {
            var sb = new StringBuilder();
            SyntaxToken previous = default;
            foreach (var token in node.DescendantTokens())
            {
                if (sb.Length > 0 && IsWord(previous) && IsWord(token))
                {
                    sb.Append(' ');
                }

                sb.Append(token.Text);
                previous = token;
            }

            return sb.ToString();
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '@' || c == '#' || c == '$';

        private static bool IsWord(SyntaxToken token) => token.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsKeywordKind(token.Kind());
    }
}
