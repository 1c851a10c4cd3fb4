using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RetailGuard.Diagnostics;
using RetailGuard.Governance;

// Usage: BaselineWriter <build.sarif> <project folder>
// Writes <project folder>/retailguard.baseline.json accepting every unsuppressed finding of the SARIF log.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: BaselineWriter <build.sarif> <project folder>");
    return 2;
}

string folder = Path.GetFullPath(args[1]);
var entries = new List<BaselineEntry>();
using var sarif = JsonDocument.Parse(File.ReadAllText(args[0]));
foreach (var run in sarif.RootElement.GetProperty("runs").EnumerateArray())
{
    foreach (var result in run.GetProperty("results").EnumerateArray())
    {
        string id = result.GetProperty("ruleId").GetString() ?? string.Empty;
        if (!BaselineEntry.IsFinding(id) || result.TryGetProperty("suppressions", out _) || !result.TryGetProperty("locations", out var locations))
        {
            continue;
        }

        var physical = locations[0].GetProperty("physicalLocation");
        string path = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
        var region = physical.GetProperty("region");
        var text = SourceText.From(File.ReadAllText(path));
        int start = Offset(text, region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32());
        int end = Offset(text, region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32());
        string table = result.TryGetProperty("properties", out var properties) && properties.TryGetProperty("customProperties", out var custom) &&
                       custom.TryGetProperty(DiagnosticProperties.Table, out var t) ? t.GetString() ?? string.Empty : string.Empty;

        bool sql = path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase);
        var span = TextSpan.FromBounds(start, Math.Max(start, end));
        var location = sql
            ? Location.Create(path, span, text.Lines.GetLinePositionSpan(span))
            : Location.Create(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path), span);
        var diagnostic = Diagnostic.Create(
            id, "RetailGuard", string.Empty, DiagnosticSeverity.Warning, DiagnosticSeverity.Warning, isEnabledByDefault: true, warningLevel: 1,
            location: location, properties: ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Table, table));
        var entry = BaselineEntry.For(diagnostic, folder, sql ? text : null);
        if (entry != null)
        {
            entries.Add(entry);
        }
    }
}

File.WriteAllText(Path.Combine(folder, BaselineFile.FileName), BaselineFile.Write(entries));
Console.WriteLine($"wrote {entries.Count} entries to {Path.Combine(folder, BaselineFile.FileName)}");
return 0;

static int Offset(SourceText text, int line, int column)
{
    var l = text.Lines[Math.Min(line, text.Lines.Count) - 1];
    return Math.Min(l.Start + column - 1, l.EndIncludingLineBreak);
}
