using RetailGuard.Tests.Infrastructure;

namespace RetailGuard.Tests.Governance
{
    /// <summary>The test domain's policy with extra top-level keys (approvals, free, allowLocalSuppressions).</summary>
    internal static class TestPolicies
    {
        /// <summary>A date every approval in the tests is valid through.</summary>
        public const string Future = "2999-12-31";

        /// <summary>A date long past: approvals that end then are expired.</summary>
        public const string Past = "2000-01-31";

        public static string With(string keys) => TestDomain.Policy.Substring(0, TestDomain.Policy.LastIndexOf('}')).TrimEnd() + ",\n" + keys + "\n}";

        public static string WithApprovals(params string[] approvals) => With("  \"approvals\": [\n    " + string.Join(",\n    ", approvals) + "\n  ]");

        /// <summary>One approval entry: <paramref name="scope"/> is the scope key and value, e.g. "\"member\": \"Sales.Jobs.Settlement.Run\"".</summary>
        public static string Approval(string id, string rules, string scope, string? table = "customers", string expires = Future) =>
            "{ \"id\": \"" + id + "\", \"rules\": [" + rules + "]" + (scope.Length == 0 ? string.Empty : ", " + scope) +
            (table == null ? string.Empty : ", \"table\": \"" + table + "\"") +
            ", \"reason\": \"settlement needs every contract\", \"approvedBy\": \"compliance\", \"expires\": \"" + expires + "\" }";
    }
}
