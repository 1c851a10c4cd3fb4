using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RetailGuard
{
    /// <summary>
    /// Names as written in syntax, for the checks that decide from declarations alone, before anything is bound: the
    /// simple name a type is spelled with, and the using aliases that can stand for it.
    /// </summary>
    internal static class SyntaxNames
    {
        /// <summary>The simple name a type is spelled with: <c>C</c> for <c>A.B.C&lt;T&gt;</c> and <c>global::C</c>; null for other type syntax.</summary>
        public static string? Rightmost(TypeSyntax? type) => type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// Files each alias of <paramref name="usings"/> (<c>using Repo = Data.Repository&lt;Order&gt;;</c>) under its name,
        /// with the simple name of its target (<c>Repo</c> → <c>Repository</c>).
        /// </summary>
        public static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, Dictionary<string, List<string>> aliases)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias == null || !(Rightmost(directive.Name) is { } target))
                {
                    continue;
                }

                string alias = directive.Alias.Name.Identifier.ValueText;
                if (!aliases.TryGetValue(alias, out var targets))
                {
                    aliases[alias] = targets = new List<string>(1);
                }

                if (!targets.Contains(target))
                {
                    targets.Add(target);
                }
            }
        }

        /// <summary>
        /// Every using alias of <paramref name="compilation"/> (file, namespace and global ones), by name, with the simple
        /// names of its targets. Only compilation units and namespace declarations are visited.
        /// </summary>
        /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (checked per tree).</exception>
        public static Dictionary<string, List<string>> Aliases(Compilation compilation, CancellationToken cancellationToken)
        {
            var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var pending = new Stack<SyntaxNode>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                pending.Push(tree.GetRoot(cancellationToken));
                while (pending.Count > 0)
                {
                    var node = pending.Pop();
                    var members = default(SyntaxList<MemberDeclarationSyntax>);
                    switch (node)
                    {
                        case CompilationUnitSyntax unit:
                            AddAliases(unit.Usings, aliases);
                            members = unit.Members;
                            break;
                        case BaseNamespaceDeclarationSyntax space:
                            AddAliases(space.Usings, aliases);
                            members = space.Members;
                            break;
                    }

                    foreach (var member in members)
                    {
                        if (member is BaseNamespaceDeclarationSyntax)
                        {
                            pending.Push(member);
                        }
                    }
                }
            }

            return aliases;
        }
    }
}
