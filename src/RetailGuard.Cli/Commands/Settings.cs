using System;
using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace RetailGuard.Cli.Commands
{
    /// <summary>What every command takes: the input, the language, and whether to show progress.</summary>
    internal class InputSettings : CommandSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("A solution (.sln, .slnx), a C# project (.csproj), or a folder that holds one.")]
        public string Input { get; set; } = string.Empty;

        [CommandOption("--lang <LANG>")]
        [Description("The language of messages and reports: en or ja. Default: the UI culture (DOTNET_CLI_UI_LANGUAGE, LANG).")]
        public string? Lang { get; set; }

        [CommandOption("--no-restore")]
        [Description("Do not run 'dotnet restore' before loading (the packages must be restored already).")]
        public bool NoRestore { get; set; }

        [CommandOption("--no-progress")]
        [Description("No progress display (it is shown only on a terminal).")]
        public bool NoProgress { get; set; }

        public override ValidationResult Validate()
        {
            if (Lang != null && Lang != "en" && Lang != "ja")
            {
                return ValidationResult.Error("--lang is en or ja");
            }

            return ValidationResult.Success();
        }

        /// <summary>Sets the UI culture the messages and reports follow.</summary>
        public void ApplyLanguage()
        {
            string? lang = Lang ?? Environment.GetEnvironmentVariable("DOTNET_CLI_UI_LANGUAGE");
            if (!string.IsNullOrEmpty(lang))
            {
                try
                {
                    CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo(lang);
                }
                catch (CultureNotFoundException)
                {
                    // An unknown culture name leaves the default.
                }
            }
        }
    }

    /// <summary>A command that writes a report: its format and the file.</summary>
    internal class ReportSettings : InputSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Write the report to this file instead of the standard output. RetailGuard writes no other file.")]
        public string? Out { get; set; }

        public virtual string[] Formats => Array.Empty<string>();

        /// <summary>The format asked for, or null for the default.</summary>
        public virtual string? Format => null;

        public override ValidationResult Validate()
        {
            var basic = base.Validate();
            if (!basic.Successful)
            {
                return basic;
            }

            if (Format != null && Array.IndexOf(Formats, Format) < 0)
            {
                return ValidationResult.Error($"--format is one of {string.Join(", ", Formats)}");
            }

            return ValidationResult.Success();
        }
    }

    internal sealed class CheckSettings : ReportSettings
    {
        public override string[] Formats => new[] { "text", "sarif", "json" };

        [CommandOption("-f|--format <FORMAT>")]
        [Description("text (default): findings grouped by table and rule; sarif: SARIF 2.1.0 for code scanning; json.")]
        public string? CheckFormat { get; set; }

        public override string? Format => CheckFormat;

        [CommandOption("--fail-on <LEVEL>")]
        [Description("any (default): every finding no approval or baseline accepts fails, whatever its severity; error: only what fails the build.")]
        public string FailOn { get; set; } = "any";

        public override ValidationResult Validate()
        {
            var basic = base.Validate();
            if (!basic.Successful)
            {
                return basic;
            }

            return FailOn is "any" or "error" ? ValidationResult.Success() : ValidationResult.Error("--fail-on is any or error");
        }
    }

    internal sealed class InventorySettings : ReportSettings
    {
        public override string[] Formats => new[] { "md", "html", "csv", "json" };

        [CommandOption("-f|--format <FORMAT>")]
        [Description("md (default): Markdown; html: one self-contained page with a chart and a sortable, filterable table; csv; json.")]
        public string? InventoryFormat { get; set; }

        public override string? Format => InventoryFormat;
    }

    internal sealed class BaselineSettings : InputSettings
    {
        [CommandOption("--update")]
        [Description("Rewrite an existing baseline with today's findings: new findings are accepted, fixed ones leave.")]
        public bool Update { get; set; }

        [CommandOption("--prune")]
        [Description("Only drop the entries that no longer match a finding, and say how many; accept nothing new.")]
        public bool Prune { get; set; }

        public override ValidationResult Validate()
        {
            var basic = base.Validate();
            if (!basic.Successful)
            {
                return basic;
            }

            return Update && Prune ? ValidationResult.Error("--update and --prune cannot be used together") : ValidationResult.Success();
        }
    }

    internal sealed class InitSettings : InputSettings
    {
        [CommandOption("--force")]
        [Description("Overwrite an existing retailguard.json.")]
        public bool Force { get; set; }
    }
}
