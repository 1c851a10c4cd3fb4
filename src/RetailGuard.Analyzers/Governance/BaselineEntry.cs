using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;

namespace RetailGuard.Governance
{
    /// <summary>
    /// One accepted finding in <c>retailguard.baseline.json</c>: its fingerprint. Two findings are the same finding when all five
    /// fields are equal. No line or column is part of it, so the entry survives edits elsewhere in the file and moved lines;
    /// it stops matching when the code at the site, its member, its file, its table or its rule changes.
    /// </summary>
    /// <remarks>The format is described in docs/baseline.md. <c>retailguard baseline</c> writes these entries and <c>retailguard check</c> reads them.</remarks>
    internal sealed class BaselineEntry : IEquatable<BaselineEntry>, IComparable<BaselineEntry>
    {
        public BaselineEntry(string rule, string file, string member, string table, string hash)
        {
            Rule = rule ?? throw new ArgumentNullException(nameof(rule));
            File = file ?? throw new ArgumentNullException(nameof(file));
            Member = member ?? throw new ArgumentNullException(nameof(member));
            Table = table ?? throw new ArgumentNullException(nameof(table));
            Hash = hash ?? throw new ArgumentNullException(nameof(hash));
        }

        /// <summary>The rule ID, RG1001–RG1007 or RG2001–RG2003.</summary>
        public string Rule { get; }

        /// <summary>The file of the finding relative to the baseline file's folder (the project folder), with '/': "Data/Reports.cs", "Sql/close.sql".</summary>
        public string File { get; }

        /// <summary>
        /// The containing member as written in source, from its syntax: namespace, types (with type parameters), member and, for
        /// methods, constructors and indexers, the parameter types ("Sales.Legacy.Reports.Find(int)", "Sales.Legacy.Reports..ctor(SalesContext)",
        /// "Sales.Legacy.Reports.All" for a property). Empty for .sql files; "&lt;top-level&gt;" for top-level statements.
        /// </summary>
        public string Member { get; }

        /// <summary>The finding's table (<see cref="DiagnosticProperties.Table"/>): empty for RG1007.</summary>
        public string Table { get; }

        /// <summary>16 lower-case hex digits: 64-bit FNV-1a of the normalised code at the site (<see cref="BaselineFingerprint"/>).</summary>
        public string Hash { get; }

        /// <summary>
        /// The entry of a finding, or null when the finding has no place in a file (no location), is not a finding, or sits in a
        /// .sql file whose text is not given. <paramref name="baselineFolder"/> is the folder of retailguard.baseline.json (the
        /// project folder); <paramref name="additionalFileText"/> is the text of the .sql file for findings in one.
        /// </summary>
        public static BaselineEntry? For(Diagnostic diagnostic, string baselineFolder, SourceText? additionalFileText = null, CancellationToken cancellationToken = default)
        {
            if (!IsFinding(diagnostic.Id))
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(DiagnosticProperties.Table, out var table);
            var location = diagnostic.Location;
            if (location.IsInSource && location.SourceTree is { } tree)
            {
                var file = PathText.Relative(baselineFolder, tree.FilePath);
                if (file == null)
                {
                    return null;
                }

                var root = tree.GetRoot(cancellationToken);
                var site = BaselineFingerprint.CSharpSite(root, location.SourceSpan);
                return new BaselineEntry(diagnostic.Id, file, BaselineFingerprint.MemberName(site.Node), table ?? string.Empty, BaselineFingerprint.Hash(site.Normalized));
            }

            if (location.Kind == LocationKind.ExternalFile && additionalFileText != null)
            {
                var file = PathText.Relative(baselineFolder, location.GetLineSpan().Path);
                if (file == null)
                {
                    return null;
                }

                var span = location.SourceSpan;
                if (span.End > additionalFileText.Length)
                {
                    return null;
                }

                return new BaselineEntry(diagnostic.Id, file, string.Empty, table ?? string.Empty, BaselineFingerprint.Hash(BaselineFingerprint.SqlSite(additionalFileText.ToString(), span)));
            }

            return null;
        }

        /// <summary>True for the rules a baseline may accept: the findings, RG1001–RG1007 and RG2001–RG2003.</summary>
        public static bool IsFinding(string id)
        {
            foreach (var d in Descriptors.Findings)
            {
                if (d.Id == id)
                {
                    return true;
                }
            }

            return false;
        }

        public bool Equals(BaselineEntry? other) =>
            other != null && Rule == other.Rule && File == other.File && Member == other.Member && Table == other.Table && Hash == other.Hash;

        public override bool Equals(object? obj) => Equals(obj as BaselineEntry);

        public override int GetHashCode()
        {
            unchecked
            {
                int h = StringComparer.Ordinal.GetHashCode(Rule);
                h = (h * 31) + StringComparer.Ordinal.GetHashCode(File);
                h = (h * 31) + StringComparer.Ordinal.GetHashCode(Member);
                h = (h * 31) + StringComparer.Ordinal.GetHashCode(Table);
                return (h * 31) + StringComparer.Ordinal.GetHashCode(Hash);
            }
        }

        /// <summary>The file order: file, member, rule, table, hash (ordinal).</summary>
        public int CompareTo(BaselineEntry? other)
        {
            if (other == null)
            {
                return 1;
            }

            int c = string.CompareOrdinal(File, other.File);
            if (c == 0)
            {
                c = string.CompareOrdinal(Member, other.Member);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(Rule, other.Rule);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(Table, other.Table);
            }

            return c != 0 ? c : string.CompareOrdinal(Hash, other.Hash);
        }

        public override string ToString() => $"{Rule} {File} {Member} {Table} {Hash}";
    }
}
