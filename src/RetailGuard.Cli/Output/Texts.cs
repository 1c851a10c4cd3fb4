using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RetailGuard.Cli.Analysis;
using RetailGuard.Diagnostics;
using RetailGuard.Rules;

namespace RetailGuard.Cli.Output
{
    /// <summary>
    /// The words of the reports, in English and Japanese, following <see cref="CultureInfo.CurrentUICulture"/> (set from
    /// <c>--lang</c>). Technology, access and compliance come from the analyzer's own resources, as RG0001's message words them.
    /// </summary>
    internal static class Texts
    {
        private static readonly Dictionary<string, (string En, string Ja)> Words = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["InventoryTitle"] = ("RetailGuard inventory", "RetailGuard 棚卸し"),
            ["CheckTitle"] = ("RetailGuard check", "RetailGuard チェック"),
            ["Intro"] = ("Every place where the code reads, writes, bulk-copies or exports a protected or restricted table, and whether it meets the policy.",
                         "コードが保護対象・参照禁止テーブルを読み取り・書き込み・一括コピー・エクスポートする全ての箇所と、ポリシーを満たしているかどうか。"),
            ["Input"] = ("Input", "対象"),
            ["Projects"] = ("Projects", "プロジェクト"),
            ["Sites"] = ("Sites", "箇所"),
            ["Table"] = ("Table", "テーブル"),
            ["Technology"] = ("Technology", "技術"),
            ["Access"] = ("Access", "操作"),
            ["Member"] = ("Member", "メンバー"),
            ["File"] = ("File", "ファイル"),
            ["Verdict"] = ("Verdict", "判定"),
            ["How"] = ("How it complies, or the finding", "適合の方法、または指摘"),
            ["Rule"] = ("Rule", "ルール"),
            ["Total"] = ("Total", "合計"),
            ["Totals"] = ("Totals", "集計"),
            ["TotalsPerTable"] = ("Sites per table and verdict", "テーブル別・判定別の箇所数"),
            ["Chart"] = ("Sites per table, by verdict", "テーブル別の箇所数（判定別）"),
            ["Filter"] = ("Filter", "絞り込み"),
            ["FilterPlaceholder"] = ("table, member, file, rule…", "テーブル、メンバー、ファイル、ルール…"),
            ["AllVerdicts"] = ("All verdicts", "全ての判定"),
            ["AllTables"] = ("All tables", "全てのテーブル"),
            ["Shown"] = ("{0} of {1} sites", "{1} 件中 {0} 件"),
            ["SortHint"] = ("Click a column heading to sort.", "列見出しをクリックすると並べ替えます。"),
            ["NotAnalysed"] = ("Not analysed, or only in part", "分析できなかったもの、または一部のみ分析したもの"),
            ["Configuration"] = ("Configuration", "設定"),
            ["NoSite"] = ("No site reads a protected or restricted table.", "保護対象・参照禁止テーブルを読み取る箇所はありません。"),
            ["NoFinding"] = ("No finding.", "指摘はありません。"),
            ["Findings"] = ("findings", "件の指摘"),
            ["UnknownTable"] = ("(any table)", "（任意のテーブル）"),
            ["Compliant"] = ("compliant", "適合"),
            ["Finding"] = ("finding", "指摘"),
            ["Approved"] = ("approved", "承認済み"),
            ["Baseline"] = ("baseline", "ベースライン"),
            ["SuppressedInSource"] = ("suppressed in source", "ソースで抑制"),
            ["ApprovedBy"] = ("approved exception {0}", "承認済みの例外 {0}"),
            ["AcceptedByBaseline"] = ("accepted legacy finding ({0})", "受け入れ済みの既存の指摘（{0}）"),
            ["SuppressedTrace"] = ("suppressed in source (see RG9007)", "ソースで抑制（RG9007 を参照）"),
            ["Summary"] = ("{0} findings fail the build; {1} approved, {2} in the baseline, {3} suppressed in source.",
                           "ビルドを失敗させる指摘 {0} 件。承認済み {1} 件、ベースライン {2} 件、ソースで抑制 {3} 件。"),
            ["ConfigurationErrors"] = ("{0} RetailGuard configuration error(s).", "RetailGuard の設定エラー {0} 件。"),
            ["Docs"] = ("rule documentation", "ルールの説明"),
        };

        public static bool Japanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

        public static string Lang => Japanese ? "ja" : "en";

        public static string Get(string key) => Words.TryGetValue(key, out var w) ? (Japanese ? w.Ja : w.En) : key;

        public static string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);

        /// <summary>Every word, for the HTML report's script.</summary>
        public static Dictionary<string, string> All() => Words.ToDictionary(w => w.Key, w => Japanese ? w.Value.Ja : w.Value.En, StringComparer.Ordinal);

        public static string VerdictName(Verdict verdict) => Get(verdict.ToString());

        public static string VerdictKey(Verdict verdict) => verdict switch
        {
            Verdict.Compliant => "compliant",
            Verdict.Finding => "finding",
            Verdict.Approved => "approved",
            Verdict.Baseline => "baseline",
            _ => "suppressed",
        };

        public static string Technology(string technology) => Inventory.TechnologyName(technology);

        public static string Access(string access) => string.IsNullOrEmpty(access) ? string.Empty : Descriptors.Phrase("InventoryAccess" + access);

        public static string TableName(Site site) => string.IsNullOrEmpty(site.Table) ? Get("UnknownTable") : site.Table;

        /// <summary>How a site complies, or its finding: "the sanctioned view (own_customers)", "RG1001 Protected table read without …".</summary>
        public static string How(Site site) => site.Verdict switch
        {
            Verdict.Compliant => Inventory.ComplianceText(site.How, site.Detail),
            Verdict.Approved => site.Rule + " " + Format("ApprovedBy", site.How),
            Verdict.Baseline => site.Rule + " " + Format("AcceptedByBaseline", site.How),
            Verdict.SuppressedInSource => site.Rule + " " + Get("SuppressedTrace"),
            _ => site.Rule + " " + RuleTitle(site.Rule),
        };

        public static string RuleTitle(string id)
        {
            var descriptor = Descriptors.All.FirstOrDefault(d => d.Id == id);
            return descriptor == null ? id : descriptor.Title.ToString(CultureInfo.CurrentUICulture);
        }

        public static string Location(Site site) => site.Line > 0 ? $"{site.File}:{site.Line}" : site.File;
    }
}
