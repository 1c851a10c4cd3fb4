using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RetailGuard.Diagnostics;
using RetailGuard.Governance;
using RetailGuard.Policy;
using RetailGuard.Sql;

namespace RetailGuard.Rules
{
    /// <summary>RG9011: a table read in SQL looks like a protected or restricted table but is not one, so the read is not checked.</summary>
    internal static class RG9011LookalikeTable
    {
        public static DiagnosticDescriptor Descriptor => Descriptors.RG9011;

        /// <summary>Adds an RG9011 for every look-alike table that <paramref name="text"/> reads, placed on the name inside the SQL.</summary>
        public static void AddTo(List<Diagnostic> diagnostics, PolicyModel policy, SqlText text) =>
            AddTo(diagnostics, TableLookalikes.Find(policy, text.Text), text);

        /// <summary>Adds an RG9011 for each of <paramref name="found"/> (the look-alikes of <paramref name="text"/>'s SQL, found earlier).</summary>
        public static void AddTo(List<Diagnostic> diagnostics, List<TableLookalike> found, SqlText text)
        {
            foreach (var lookalike in found)
            {
                diagnostics.Add(Diagnostic.Create(
                    Descriptor,
                    text.Map(lookalike.Read.Start, lookalike.Read.Length),
                    lookalike.Read.Display,
                    lookalike.PolicyTable,
                    Descriptors.Phrase(lookalike.Reason)));
            }
        }
    }
}
