using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RetailGuard.Sql
{
    /// <summary>
    /// <c>.editorconfig</c> severities for findings located in .sql files. The compiler applies <c>dotnet_diagnostic.&lt;ID&gt;.severity</c>
    /// only to C# files (dotnet/roslyn#31916), so RetailGuard applies the sections that match a .sql file itself, with the
    /// compiler's own parser and precedence (<see cref="AnalyzerConfigSet"/>). The package lists the project's .editorconfig
    /// files as AdditionalFiles for this. Category and all-rules keys (<c>dotnet_analyzer_diagnostic.…severity</c>) come from
    /// the options of the .sql file itself. A .globalconfig and the command line (<c>NoWarn</c>, <c>WarningsAsErrors</c>) are
    /// applied by the compiler as to every diagnostic.
    /// </summary>
    internal sealed class SqlFileSeverities
    {
        private readonly AnalyzerConfigSet? _set;

        private SqlFileSeverities(AnalyzerConfigSet? set) => _set = set;

        public static SqlFileSeverities None { get; } = new SqlFileSeverities(null);

        public static SqlFileSeverities Build(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var configs = new List<AnalyzerConfig>();
            foreach (var file in options.AdditionalFiles)
            {
                if (!IsConfigFile(file.Path) || !System.IO.Path.IsPathRooted(file.Path))
                {
                    continue;
                }

                var text = file.GetText(cancellationToken);
                if (text != null)
                {
                    configs.Add(AnalyzerConfig.Parse(text, file.Path));
                }
            }

            return configs.Count == 0 ? None : new SqlFileSeverities(AnalyzerConfigSet.Create(configs));
        }

        public static bool IsConfigFile(string path) =>
            path.EndsWith(".editorconfig", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase);

        /// <summary>The diagnostic with the severity configured for its .sql file, or null when it is configured off ('none').</summary>
        public Diagnostic? Apply(Diagnostic diagnostic, AdditionalText file, AnalyzerOptions options)
        {
            var report = ReportDiagnostic.Default;
            if (_set != null && _set.GetOptionsForSourcePath(file.Path).TreeOptions.TryGetValue(diagnostic.Id, out var byId))
            {
                report = byId;
            }

            if (report == ReportDiagnostic.Default)
            {
                var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if ((fileOptions.TryGetValue("dotnet_analyzer_diagnostic.category-" + diagnostic.Descriptor.Category + ".severity", out var value) ||
                     fileOptions.TryGetValue("dotnet_analyzer_diagnostic.severity", out value)) && Parse(value) is { } configured)
                {
                    report = configured;
                }
            }

            DiagnosticSeverity severity;
            switch (report)
            {
                case ReportDiagnostic.Suppress:
                    return null;
                case ReportDiagnostic.Error:
                    severity = DiagnosticSeverity.Error;
                    break;
                case ReportDiagnostic.Warn:
                    severity = DiagnosticSeverity.Warning;
                    break;
                case ReportDiagnostic.Info:
                    severity = DiagnosticSeverity.Info;
                    break;
                case ReportDiagnostic.Hidden:
                    severity = DiagnosticSeverity.Hidden;
                    break;
                default:
                    return diagnostic;
            }

            if (severity == diagnostic.Severity)
            {
                return diagnostic;
            }

            var descriptor = diagnostic.Descriptor;
            return Diagnostic.Create(
                descriptor.Id,
                descriptor.Category,
                new SameMessage(diagnostic),
                severity,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                severity == DiagnosticSeverity.Error ? 0 : 1,
                descriptor.Title,
                descriptor.Description,
                descriptor.HelpLinkUri,
                diagnostic.Location,
                diagnostic.AdditionalLocations,
                descriptor.CustomTags,
                diagnostic.Properties);
        }

        private static ReportDiagnostic? Parse(string value) => value.Trim().ToLowerInvariant() switch
        {
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            "suggestion" => ReportDiagnostic.Info,
            "silent" => ReportDiagnostic.Hidden,
            "refactoring" => ReportDiagnostic.Hidden,
            "none" => ReportDiagnostic.Suppress,
            _ => null,
        };

        /// <summary>The message of the original diagnostic, in whatever culture it is asked for.</summary>
        private sealed class SameMessage : LocalizableString
        {
            private readonly Diagnostic _original;

            public SameMessage(Diagnostic original) => _original = original;

            protected override string GetText(IFormatProvider? formatProvider) => _original.GetMessage(formatProvider);

            protected override int GetHash() => _original.Id.GetHashCode();

            protected override bool AreEqual(object? other) => other is SameMessage same && ReferenceEquals(same._original, _original);
        }
    }
}
