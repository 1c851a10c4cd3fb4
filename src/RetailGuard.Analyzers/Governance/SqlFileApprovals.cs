using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RetailGuard.Governance
{
    /// <summary>An approval id named in a .sql file, and where.</summary>
    internal readonly struct SqlApprovalName
    {
        public SqlApprovalName(string id, TextSpan span)
        {
            Id = id;
            Span = span;
        }

        public string Id { get; }

        public TextSpan Span { get; }
    }

    /// <summary>
    /// The approvals .sql files name in a line comment: <c>-- retailguard: approved APR-2026-014</c> (several ids may follow,
    /// separated by commas or spaces). The approval itself must be in retailguard.json; the comment only puts the file in its scope.
    /// </summary>
    internal sealed class SqlFileApprovals
    {
        private const string Marker = "retailguard:";
        private const string Verb = "approved";

        private readonly ImmutableArray<AdditionalText> _files;
        private readonly ConcurrentDictionary<string, ImmutableArray<SqlApprovalName>> _byPath = new ConcurrentDictionary<string, ImmutableArray<SqlApprovalName>>(StringComparer.Ordinal);
        private readonly CancellationToken _cancellationToken;

        public SqlFileApprovals(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            _files = options.AdditionalFiles;
            _cancellationToken = cancellationToken;
        }

        public static bool IsSqlFile(string path) => path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase);

        /// <summary>True when the .sql file at <paramref name="path"/> names the approval <paramref name="id"/>.</summary>
        public bool Names(string path, string id)
        {
            foreach (var name in In(path))
            {
                if (string.Equals(name.Id, id, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every .sql file of the compilation that names <paramref name="id"/>.</summary>
        public bool AnyNames(string id)
        {
            foreach (var file in _files)
            {
                if (IsSqlFile(file.Path) && Names(file.Path, id))
                {
                    return true;
                }
            }

            return false;
        }

        public ImmutableArray<SqlApprovalName> In(string path) => _byPath.GetOrAdd(path, p =>
        {
            foreach (var file in _files)
            {
                if (string.Equals(file.Path, p, StringComparison.Ordinal))
                {
                    var text = file.GetText(_cancellationToken);
                    return text == null ? ImmutableArray<SqlApprovalName>.Empty : Parse(text);
                }
            }

            return ImmutableArray<SqlApprovalName>.Empty;
        });

        /// <summary>Reads every "-- retailguard: approved ID[, ID…]" line comment of a .sql text.</summary>
        public static ImmutableArray<SqlApprovalName> Parse(SourceText text)
        {
            var result = ImmutableArray.CreateBuilder<SqlApprovalName>();
            foreach (var line in text.Lines)
            {
                string s = line.ToString();
                int dash = s.IndexOf("--", StringComparison.Ordinal);
                if (dash < 0)
                {
                    continue;
                }

                int i = Skip(s, dash + 2);
                if (string.Compare(s, i, Marker, 0, Marker.Length, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    continue;
                }

                i = Skip(s, i + Marker.Length);
                if (string.Compare(s, i, Verb, 0, Verb.Length, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    continue;
                }

                i += Verb.Length;
                while (i < s.Length)
                {
                    i = Skip(s, i);
                    int start = i;
                    while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != ',')
                    {
                        i++;
                    }

                    if (i > start)
                    {
                        result.Add(new SqlApprovalName(s.Substring(start, i - start), new TextSpan(line.Start + start, i - start)));
                    }
                }
            }

            return result.ToImmutable();
        }

        private static int Skip(string s, int i)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ','))
            {
                i++;
            }

            return i;
        }
    }
}
