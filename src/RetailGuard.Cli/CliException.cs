using System;

namespace RetailGuard.Cli
{
    /// <summary>Bad input or a failure the user must act on: printed as one line, exit code 2.</summary>
    internal sealed class CliException : Exception
    {
        public CliException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The exit codes of every command.</summary>
    internal static class ExitCodes
    {
        /// <summary>Nothing to report (check: no finding).</summary>
        public const int Success = 0;

        /// <summary>check: findings, or RetailGuard errors (an expired approval, an invalid baseline).</summary>
        public const int Findings = 1;

        /// <summary>Bad input: a missing file, a project that does not load, a broken policy, bad arguments.</summary>
        public const int BadInput = 2;
    }
}
