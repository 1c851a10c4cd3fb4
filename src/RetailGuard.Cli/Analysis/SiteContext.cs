using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Governance;
using RetailGuard.Rules;
using RetailGuard.Sql;

namespace RetailGuard.Cli.Analysis
{
    /// <summary>Turns the diagnostics of one project into <see cref="Site"/>s: paths, member, technology and access.</summary>
    internal sealed class SiteContext
    {
        private const int MaxAncestors = 24;

        private readonly string _root;
        private readonly string _project;
        private readonly Compilation _compilation;
        private readonly AnalyzerOptions _options;
        private readonly RetailGuard.Flow.KnownTypes _known;

        public SiteContext(string root, string project, Compilation compilation, AnalyzerOptions options, RetailGuard.Flow.KnownTypes known)
        {
            _root = root;
            _project = project;
            _compilation = compilation;
            _options = options;
            _known = known;
        }

        public Site Site(Diagnostic d, Verdict verdict, string how, bool configuration = false)
        {
            var span = d.Location.GetLineSpan();
            string path = span.Path ?? string.Empty;
            d.Properties.TryGetValue(DiagnosticProperties.Table, out var table);
            d.Properties.TryGetValue(DiagnosticProperties.Detail, out var detail);
            var sql = SqlText(d.Location);
            string fingerprint = !configuration && verdict != Verdict.Compliant && BaselineEntry.For(d, _root, sql) is { } entry ? entry.Hash : string.Empty;
            return new Site
            {
                Project = _project,
                Rule = d.Id,
                Severity = Severity(d.Severity),
                Table = table ?? string.Empty,
                Technology = configuration ? string.Empty : Technology(d),
                Access = configuration ? string.Empty : Access(d),
                Member = Member(d.Location),
                File = Relative(path),
                FullPath = path,
                Line = span.IsValid ? span.StartLinePosition.Line + 1 : 0,
                Column = span.IsValid ? span.StartLinePosition.Character + 1 : 0,
                EndLine = span.IsValid ? span.EndLinePosition.Line + 1 : 0,
                EndColumn = span.IsValid ? span.EndLinePosition.Character + 1 : 0,
                Verdict = verdict,
                How = how,
                Detail = detail ?? string.Empty,
                Message = d.GetMessage(CultureInfo.CurrentUICulture),
                HelpUri = d.Descriptor.HelpLinkUri ?? string.Empty,
                Fingerprint = fingerprint,
                Related = d.AdditionalLocations.Select(l => l.GetLineSpan()).Where(l => l.IsValid)
                    .Select(l => new SiteLocation { File = Relative(l.Path), Line = l.StartLinePosition.Line + 1, Column = l.StartLinePosition.Character + 1 }).ToList(),
                IsConfiguration = configuration,
            };
        }

        /// <summary>The text of the .sql AdditionalFile a location is in, or null for C#.</summary>
        public SourceText? SqlText(Location location)
        {
            if (location.Kind != LocationKind.ExternalFile)
            {
                return null;
            }

            string path = location.GetLineSpan().Path;
            foreach (var file in _options.AdditionalFiles)
            {
                if (string.Equals(file.Path, path, StringComparison.Ordinal))
                {
                    return file.GetText(CancellationToken.None);
                }
            }

            return null;
        }

        public string Relative(string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return string.Empty;
            }

            string relative = Path.GetRelativePath(_root, path);
            return relative.Replace('\\', '/');
        }

        private static string Severity(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "info",
            _ => "hidden",
        };

        private static string Member(Location location)
        {
            if (!location.IsInSource || location.SourceTree is not { } tree)
            {
                return string.Empty;
            }

            var site = BaselineFingerprint.CSharpSite(tree.GetRoot(), location.SourceSpan);
            return BaselineFingerprint.MemberName(site.Node);
        }

        private static string Access(Diagnostic d)
        {
            if (d.Properties.TryGetValue(DiagnosticProperties.Access, out var access) && !string.IsNullOrEmpty(access))
            {
                return access!;
            }

            return d.Id switch
            {
                RuleIds.UnfilteredExport or RuleIds.WholeEntityExport => InventoryAccess.Export,
                RuleIds.UnfilteredBulkExtraction => InventoryAccess.BulkCopy,
                _ => InventoryAccess.Read,
            };
        }

        private string Technology(Diagnostic d)
        {
            if (d.Properties.TryGetValue(DiagnosticProperties.Technology, out var technology) && technology != null)
            {
                return technology;
            }

            // An export (or a bulk copy found by the export flow) takes the technology of the read its rows come from.
            if ((d.Id == RuleIds.UnfilteredExport || (d.Id == RuleIds.UnfilteredBulkExtraction && !InSqlText(d.Location))) && d.AdditionalLocations.Count > 0)
            {
                return TechnologyAt(d.AdditionalLocations[0], sqlFinding: false);
            }

            return TechnologyAt(d.Location, d.Id == RuleIds.SqlUnverifiable);
        }

        /// <summary>
        /// The technology of a finding's location: a .sql file, the SQL sink whose text it sits in (the same recognition the
        /// analyzer uses, <see cref="SqlSink.Find"/>), else LINQ over EF Core.
        /// </summary>
        private string TechnologyAt(Location location, bool sqlFinding)
        {
            if (location.Kind == LocationKind.ExternalFile)
            {
                return InventoryTechnology.SqlFile;
            }

            if (!location.IsInSource || location.SourceTree is not { } tree || !_compilation.ContainsSyntaxTree(tree))
            {
                return InventoryTechnology.EfCore;
            }

            if (!sqlFinding && !InSqlText(location))
            {
                return InventoryTechnology.EfCore;
            }

            var model = _compilation.GetSemanticModel(tree);
            var node = tree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            for (int i = 0; node != null && i < MaxAncestors; i++, node = node.Parent)
            {
                var operation = model.GetOperation(node);
                if (operation != null && SqlSink.Find(operation, _known) is { } sink)
                {
                    return InventoryTechnology.Of(sink);
                }
            }

            return sqlFinding ? InventoryTechnology.AdoNet : InventoryTechnology.EfCore;
        }

        private static bool InSqlText(Location location)
        {
            if (!location.IsInSource || location.SourceTree is not { } tree)
            {
                return location.Kind == LocationKind.ExternalFile;
            }

            var token = tree.GetRoot().FindToken(location.SourceSpan.Start);
            return token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken) ||
                   token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) ||
                   token.IsKind(SyntaxKind.InterpolatedStringStartToken) || token.IsKind(SyntaxKind.Utf8StringLiteralToken);
        }
    }
}
