using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Predicates;

namespace RetailGuard.Sql
{
    /// <summary>A piece of SQL text and the C# syntax it came from.</summary>
    internal sealed class SqlFragment
    {
        public SqlFragment(string text, SyntaxNode? node, string? parameterName = null, Operand? parameterValue = null)
        {
            Text = text;
            Node = node;
            ParameterName = parameterName;
            ParameterValue = parameterValue;
        }

        public string Text { get; }

        /// <summary>The literal, interpolation text or expression the text came from.</summary>
        public SyntaxNode? Node { get; }

        /// <summary>For an interpolation hole sent as a parameter (EF Core FormattableString APIs): the placeholder's name.</summary>
        public string? ParameterName { get; }

        public Operand? ParameterValue { get; }
    }

    /// <summary>
    /// One possible SQL text a call executes, assembled from fragments, with the way back from SQL offsets to
    /// C# source locations, so a squiggle sits on the table name inside the string literal.
    /// </summary>
    internal sealed class SqlText
    {
        private readonly int[] _starts;

        public SqlText(ImmutableArray<SqlFragment> fragments, Location? fallback)
        {
            Fragments = fragments;
            Fallback = fallback;
            _starts = new int[fragments.Length];
            var sb = new StringBuilder();
            for (int i = 0; i < fragments.Length; i++)
            {
                _starts[i] = sb.Length;
                sb.Append(fragments[i].Text);
            }

            Text = sb.ToString();
        }

        public ImmutableArray<SqlFragment> Fragments { get; }

        public string Text { get; }

        /// <summary>Where to report when no fragment maps (a .sql file uses its own mapping).</summary>
        public Location? Fallback { get; }

        /// <summary>Source file of a .sql AdditionalFile, when the text is the whole file.</summary>
        public string? FilePath { get; set; }

        public SourceText? FileText { get; set; }

        public IEnumerable<SqlFragment> Holes
        {
            get
            {
                foreach (var f in Fragments)
                {
                    if (f.ParameterName != null)
                    {
                        yield return f;
                    }
                }
            }
        }

        /// <summary>The source location of SQL text [start, start+length).</summary>
        public Location Map(int start, int length)
        {
            if (FilePath != null && FileText != null)
            {
                int s = Math.Max(0, Math.Min(start, FileText.Length));
                int l = Math.Max(0, Math.Min(length, FileText.Length - s));
                var span = new TextSpan(s, l);
                return Location.Create(FilePath, span, FileText.Lines.GetLinePositionSpan(span));
            }

            for (int i = Fragments.Length - 1; i >= 0; i--)
            {
                if (start < _starts[i] && i > 0)
                {
                    continue;
                }

                var fragment = Fragments[i];
                if (fragment.Node == null)
                {
                    break;
                }

                int offset = start - _starts[i];
                int len = Math.Max(0, Math.Min(length, fragment.Text.Length - offset));
                return MapInto(fragment, offset, len);
            }

            return Fallback ?? Location.None;
        }

        /// <summary>
        /// The exact source position of a SQL offset, when it falls inside (or at the end of) a regular or verbatim
        /// string literal; false otherwise. Code fixes only edit SQL where this holds.
        /// </summary>
        public bool TryMapExact(int position, out SyntaxTree? tree, out int sourcePosition)
        {
            tree = null;
            sourcePosition = -1;
            if (FilePath != null)
            {
                return false;
            }

            for (int i = Fragments.Length - 1; i >= 0; i--)
            {
                if (position < _starts[i] || (position > _starts[i] + Fragments[i].Text.Length))
                {
                    continue;
                }

                var fragment = Fragments[i];
                SyntaxToken token = fragment.Node switch
                {
                    LiteralExpressionSyntax literal => literal.Token,
                    InterpolatedStringTextSyntax text => text.TextToken,
                    _ => default,
                };

                var map = token.RawKind == 0 ? null : CharacterMap(token, fragment.Text);
                if (map == null)
                {
                    return false;
                }

                tree = fragment.Node!.SyntaxTree;
                sourcePosition = token.SpanStart + map[position - _starts[i]];
                return true;
            }

            return false;
        }

        private static Location MapInto(SqlFragment fragment, int offset, int length)
        {
            var node = fragment.Node!;
            SyntaxToken token = node switch
            {
                LiteralExpressionSyntax literal => literal.Token,
                InterpolatedStringTextSyntax text => text.TextToken,
                _ => default,
            };

            if (token.RawKind == 0 || offset < 0 || offset > fragment.Text.Length || length == 0)
            {
                return node.GetLocation();
            }

            var map = CharacterMap(token, fragment.Text);
            if (map != null && offset + length <= fragment.Text.Length)
            {
                int from = map[offset];
                int to = map[offset + length];
                return Location.Create(node.SyntaxTree, new TextSpan(token.SpanStart + from, Math.Max(0, to - from)));
            }

            // Raw string literals and anything else: find the same occurrence of the piece in the token's source text.
            string value = fragment.Text;
            string piece = value.Substring(offset, length);
            int occurrence = 0;
            for (int i = value.IndexOf(piece, StringComparison.Ordinal); i >= 0 && i < offset; i = value.IndexOf(piece, i + 1, StringComparison.Ordinal))
            {
                occurrence++;
            }

            string source = token.Text;
            int at = -1;
            for (int n = 0, from = 0; n <= occurrence; n++)
            {
                at = source.IndexOf(piece, from, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                from = at + 1;
            }

            if (at < 0)
            {
                return node.GetLocation();
            }

            return Location.Create(node.SyntaxTree, new TextSpan(token.SpanStart + at, length));
        }

        /// <summary>
        /// For regular and verbatim literals (and the text parts of interpolated strings): the position in the token's
        /// source text of every character of its value, decoding escapes; null for raw literals or when it does not add up.
        /// </summary>
        private static int[]? CharacterMap(SyntaxToken token, string value)
        {
            string text = token.Text;
            bool interpolatedText = token.IsKind(SyntaxKind.InterpolatedStringTextToken);
            bool verbatim;
            int pos;
            if (interpolatedText)
            {
                var start = (token.Parent?.Parent as InterpolatedStringExpressionSyntax)?.StringStartToken.Text ?? "$\"";
                if (start.IndexOf("\"\"\"", StringComparison.Ordinal) >= 0)
                {
                    return null;
                }

                verbatim = start.IndexOf('@') >= 0;
                pos = 0;
            }
            else
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) || text.StartsWith("\"\"\"", StringComparison.Ordinal))
                {
                    return null;
                }

                verbatim = text.StartsWith("@", StringComparison.Ordinal);
                pos = verbatim ? 2 : 1;
            }

            var map = new int[value.Length + 1];
            for (int i = 0; i < value.Length; i++)
            {
                if (pos >= text.Length)
                {
                    return null;
                }

                map[i] = pos;
                char c = text[pos];
                if (interpolatedText && (c == '{' || c == '}') && pos + 1 < text.Length && text[pos + 1] == c)
                {
                    pos += 2;
                }
                else if (verbatim && c == '"' && pos + 1 < text.Length && text[pos + 1] == '"')
                {
                    pos += 2;
                }
                else if (!verbatim && c == '\\' && pos + 1 < text.Length)
                {
                    char e = text[pos + 1];
                    if (e == 'u')
                    {
                        pos += 6;
                    }
                    else if (e == 'U')
                    {
                        pos += 10;
                        if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length)
                        {
                            map[++i] = map[i - 1];
                        }
                    }
                    else if (e == 'x')
                    {
                        int k = pos + 2;
                        while (k < text.Length && k < pos + 6 && Uri.IsHexDigit(text[k]))
                        {
                            k++;
                        }

                        pos = k;
                    }
                    else
                    {
                        pos += 2;
                    }
                }
                else
                {
                    pos++;
                }
            }

            map[value.Length] = Math.Min(pos, text.Length);
            return map;
        }
    }
}
