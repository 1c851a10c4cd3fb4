using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RetailGuard.Cli.Output;
using Xunit;

namespace RetailGuard.Cli.Tests
{
    /// <summary>
    /// The HTML inventory in a real browser: headless Chromium (Debian's chromium package, /usr/bin/chromium) runs the page's
    /// script; the DOM after it ran must hold the table rows and the chart. The screenshot is kept in artifacts/ui/ (a CI artifact).
    /// </summary>
    [Collection("sample")]
    public class BrowserTests
    {
        public const string Chromium = "/usr/bin/chromium";

        private readonly SampleInventory _inventory;

        public BrowserTests(SampleInventory inventory) => _inventory = inventory;

        [Fact]
        public async Task HtmlReport_RendersTheRowsAndTheChart_InChromium()
        {
            var result = await _inventory.ResultAsync();
            string folder = Path.Combine(SampleCopy.RepositoryRoot(), "artifacts", "ui");
            Directory.CreateDirectory(folder);
            string page = Path.Combine(folder, "inventory.html");
            File.WriteAllText(page, Reports.ToHtml(result, result.Sites));

            string dom = RunChromium(page, "--dump-dom");
            Assert.Contains("data-rendered=\"true\"", dom);
            Assert.Equal(result.Sites.Count, Regex.Matches(dom, "<tr class=\"site\"").Count);
            Assert.Equal(22, Regex.Matches(dom, "<tr class=\"site\" data-verdict=\"compliant\"").Count);
            Assert.Contains("<svg id=\"chart-svg\"", dom);
            int bars = Regex.Matches(dom, "<rect [^>]*class=\"bar\"").Count;
            Assert.Equal(result.Sites.GroupBy(s => (s.Table, s.Verdict)).Count(), bars);
            Assert.Contains("data-table=\"customers\" data-verdict=\"finding\"", dom);
            Assert.Contains("href=\"https://github.com/retailguard/retailguard/blob/main/docs/rules/RG1001.md\"", dom);
            Assert.Contains($"{result.Sites.Count} of {result.Sites.Count} sites", dom);

            string screenshot = Path.Combine(folder, "inventory.png");
            File.Delete(screenshot);
            RunChromium(page, "--screenshot=" + screenshot, "--window-size=1400,1500");
            Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot at " + screenshot);
        }

        [Fact]
        public async Task HtmlReport_InJapanese()
        {
            var result = await _inventory.ResultAsync();
            var saved = CultureInfo.CurrentUICulture;
            string html;
            try
            {
                CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
                html = Reports.ToHtml(result, result.Sites);
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }

            string folder = Path.Combine(SampleCopy.RepositoryRoot(), "artifacts", "ui");
            Directory.CreateDirectory(folder);
            string page = Path.Combine(folder, "inventory.ja.html");
            File.WriteAllText(page, html);
            string dom = RunChromium(page, "--dump-dom");
            Assert.Contains("<html lang=\"ja\"", dom);
            Assert.Contains("RetailGuard 棚卸し", dom);
            Assert.Contains(">承認済みビュー（own_customers）<", dom);
            Assert.Contains($"{result.Sites.Count} 件中 {result.Sites.Count} 件", dom);
        }

        /// <summary>Runs headless Chromium on a file; fails (never skips) when the browser is not installed.</summary>
        private static string RunChromium(string page, params string[] arguments)
        {
            Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (apt-get install -y chromium); .ci/run does it");
            string profile = Path.Combine(Path.GetTempPath(), "rg-chromium-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(profile);
            try
            {
                var start = new ProcessStartInfo(Chromium)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var a in new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                })
                {
                    start.ArgumentList.Add(a);
                }

                foreach (var a in arguments)
                {
                    start.ArgumentList.Add(a);
                }

                start.ArgumentList.Add(new Uri(page).AbsoluteUri);
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, "chromium failed: " + errors.Result);
                return output.Result;
            }
            finally
            {
                try
                {
                    Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
