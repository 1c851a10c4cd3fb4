#!/usr/bin/env python3
"""Writes src/RetailGuard.Analyzers/Resources/Resources{,.ja}.resx from the message table below.

Edit the table, run `python3 eng/resources.py`, and commit both .resx files.
"""
import os
from xml.sax.saxutils import escape

# id: (title, message, description) in English, then Japanese.
MESSAGES = {
    "RG1001": (
        ("Protected table read without the retailer-contract filter",
         "'{0}' is read without the retailer-contract filter; add {1} before rows are loaded",
         "Every read of a protected customer table must be restricted to the own retailer's contracts before rows are loaded. A query without that filter shows or extracts customers contracted with other retailers."),
        ("保護対象テーブルを小売契約フィルタなしで読み取っています",
         "'{0}' を小売契約フィルタなしで読み取っています。行を読み込む前に {1} を追加してください",
         "保護対象の顧客テーブルの読み取りは、行を読み込む前に自社の契約に限定しなければなりません。このフィルタのないクエリは、他の小売電気事業者と契約中のお客さま情報を表示・抽出してしまいます。"),
    ),
    "RG1002": (
        ("Required exclusion missing from the retailer-contract filter",
         "'{0}' is filtered to the own retailer but does not exclude {1}; add {2} before rows are loaded",
         "The own-retailer filter alone is not enough: contracts the policy excludes (for example last-resort supply, which belongs to the transmission company) must also be filtered out."),
        ("小売契約フィルタに必要な除外条件がありません",
         "'{0}' は自社に絞り込まれていますが {1} を除外していません。行を読み込む前に {2} を追加してください",
         "自社フィルタだけでは不十分です。ポリシーが除外する契約（例えば送配電事業者の契約である最終保障供給）も除外しなければなりません。"),
    ),
    "RG1003": (
        ("Retailer filter does not restrict to the own retailer",
         "The retailer filter on '{0}' does not restrict it to the own retailer because {1}; compare {2} with an own-retailer value in a top-level AND condition",
         "A retailer condition restricts rows only when it compares the retailer column with an own-retailer value, in a condition every row must meet. A parameter, another retailer's code, '!=', or an OR let other retailers' customers through."),
        ("小売事業者フィルタが自社に限定していません",
         "'{0}' の小売事業者フィルタは自社に限定していません（{1}）。最上位の AND 条件で {2} を自社の値と比較してください",
         "小売事業者の条件は、全ての行が満たす条件の中で小売事業者列を自社の値と比較したときにだけ行を限定します。パラメータ、他社コード、'!='、OR では他社のお客さまが含まれます。"),
    ),
    "RG1004": (
        ("Retailer filter applied after rows were loaded",
         "'{0}' is filtered by retailer only after '{1}' loaded every row; move the filter before '{1}'",
         "A filter applied in memory runs after every customer's row, including other retailers' customers, was already read from the database."),
        ("行を読み込んだ後で小売事業者フィルタを適用しています",
         "'{0}' は '{1}' で全ての行を読み込んだ後に絞り込まれています。フィルタを '{1}' の前に移動してください",
         "メモリ上で適用するフィルタは、他社のお客さまを含む全ての行をデータベースから読み込んだ後で実行されます。"),
    ),
    "RG1005": (
        ("Retailer query filter bypassed",
         "IgnoreQueryFilters() turns off the query filter that restricts '{0}' to the own retailer; remove it, keep the retailer filter on, or filter the query explicitly",
         "A global query filter protects every query on the entity only while it is on. IgnoreQueryFilters() turns it off for this query."),
        ("小売事業者のクエリフィルタを無効にしています",
         "IgnoreQueryFilters() は '{0}' を自社に限定するクエリフィルタを無効にします。削除するか、小売事業者フィルタを有効のままにするか、クエリに明示的なフィルタを追加してください",
         "グローバルクエリフィルタは有効な間だけエンティティへの全てのクエリを保護します。IgnoreQueryFilters() はこのクエリでそれを無効にします。"),
    ),
    "RG1006": (
        ("Restricted table read",
         "'{0}' is a restricted table ({1}) and must not be read by this system; remove the read",
         "Restricted tables belong to another division (for example the transmission and distribution division's electronic forms). The sales system must not read them at all."),
        ("参照禁止テーブルを読み取っています",
         "'{0}' は参照禁止テーブル（{1}）であり、このシステムから読み取ってはなりません。読み取りを削除してください",
         "参照禁止テーブルは他部門（例えば送配電部門の電子帳票）のものです。販売システムから読み取ってはなりません。"),
    ),
    "RG1007": (
        ("SQL text could not be verified",
         "The SQL text executed by '{0}' could not be verified because {1}; build it from constants and pass values as parameters",
         "RetailGuard checks SQL text it can resolve statically. Text built from input, returned by another assembly, or that does not parse could read any table without any filter, so it is reported rather than assumed safe."),
        ("SQL テキストを検証できません",
         "'{0}' が実行する SQL テキストを検証できません（{1}）。定数から組み立て、値はパラメータで渡してください",
         "RetailGuard は静的に解決できる SQL テキストを検査します。入力から組み立てたテキスト、他のアセンブリが返すテキスト、構文解析できないテキストは、どのテーブルでもフィルタなしで読み取れるため、安全とはみなさず報告します。"),
    ),
    "RG2001": (
        ("Unfiltered protected rows reach an export",
         "Rows of '{0}' that are not proven filtered ({1}) reach the export '{2}'; filter the read with the retailer-contract filter before exporting",
         "Files for machine matching, deliveries to a contractor, data sent to a programme operator: an export of rows that were not proven restricted to the own retailer's contracts hands other retailers' customers to people who must never see them."),
        ("フィルタが証明されていない保護対象の行がエクスポートされます",
         "フィルタが証明されていない '{0}' の行（{1}）がエクスポート '{2}' に渡ります。エクスポートの前に読み取りを小売契約フィルタで絞り込んでください",
         "照合用ファイル、業務委託先への提供、事業者へのデータ提供など、自社の契約に限定されたと証明されていない行のエクスポートは、他社のお客さま情報を見てはならない相手に渡します。"),
    ),
    "RG2002": (
        ("Bulk extraction without the retailer-contract filter",
         "Rows of '{0}' that are not proven filtered ({1}) are copied in bulk by '{2}'; add the retailer-contract filter to the read that feeds it",
         "INSERT … SELECT, SELECT … INTO, MERGE, SqlBulkCopy and EF Core bulk inserts copy a whole extraction into another table or store, such as a data warehouse: the filter must be applied where the rows are read."),
        ("小売契約フィルタなしの一括抽出です",
         "フィルタが証明されていない '{0}' の行（{1}）が '{2}' で一括コピーされます。元になる読み取りに小売契約フィルタを追加してください",
         "INSERT … SELECT、SELECT … INTO、MERGE、SqlBulkCopy、EF Core の一括挿入は抽出結果全体をデータウェアハウスなど別のテーブルや保存先にコピーします。フィルタは行を読み取る箇所で適用しなければなりません。"),
    ),
    "RG2003": (
        ("Whole protected entities exported",
         "'{0}' exports whole '{1}' rows, every column; project to the columns the recipient needs",
         "Data minimisation: an export should carry only the columns its recipient needs. Exporting whole customer entities also exports the contract holder's name, address, supply point and usage whether they are needed or not."),
        ("保護対象のエンティティ全体をエクスポートしています",
         "'{0}' は '{1}' の行を全列エクスポートしています。受け取り側に必要な列だけに射影してください",
         "データ最小化: エクスポートには受け取り側に必要な列だけを含めるべきです。顧客エンティティ全体をエクスポートすると、契約名義、住所、供給地点、使用量なども必要の有無にかかわらず出力されます。"),
    ),
    "RG9001": (
        ("RetailGuard policy file missing",
         "No retailguard.json policy was found; add one to the project folder (or a parent folder) or list it as an AdditionalFiles item, because RetailGuard checks nothing without it",
         "RetailGuard learns the protected tables, the own retailer and the exclusions from retailguard.json. Without it no query is checked."),
        ("RetailGuard のポリシーファイルがありません",
         "retailguard.json が見つかりません。プロジェクトのフォルダ（または親フォルダ）に置くか AdditionalFiles に追加してください。ポリシーがなければ RetailGuard は何も検査しません",
         "RetailGuard は保護対象テーブル、自社、除外条件を retailguard.json から読み取ります。ポリシーがなければどのクエリも検査されません。"),
    ),
    "RG9002": (
        ("RetailGuard policy file invalid",
         "The policy file '{0}' is invalid: {1}; correct it so that RetailGuard can check the code",
         "A broken policy must never silently turn the guard off, so an invalid policy is an error."),
        ("RetailGuard のポリシーファイルが不正です",
         "ポリシーファイル '{0}' が不正です: {1}。RetailGuard が検査できるよう修正してください",
         "壊れたポリシーで検査が黙って無効になってはならないため、不正なポリシーはエラーです。"),
    ),
    "RG9003": (
        ("RetailGuard policy names a missing member",
         "The policy names '{0}', which type '{1}' does not have; correct or remove the entry",
         "The policy names a type that exists in the compilation but a property, symbol or method that does not. The entry is probably stale after a rename."),
        ("RetailGuard のポリシーが存在しないメンバーを指定しています",
         "ポリシーが指定する '{0}' は型 '{1}' にありません。エントリを修正または削除してください",
         "ポリシーがコンパイルに存在する型の、存在しないプロパティ・シンボル・メソッドを指定しています。名前の変更後に古くなった可能性があります。"),
    ),
}

EXTRA = {
    # Small phrases used inside messages.
    "WhyNegated": ('the condition is negated', '条件が否定されているため'),
    "WhyNotEqual": ("it uses '!=' or '<>' instead of '='", "'=' ではなく '!=' または '<>' を使っているため"),
    "WhyOr": ('it is weakened by an OR', 'OR で弱められているため'),
    "WhyParameter": ("it compares with the parameter '{0}', whose value is not known to be the own retailer", "自社であると分からないパラメータ '{0}' と比較しているため"),
    "WhyOtherCode": ("it compares with '{0}', which is not an own-retailer code", "自社のコードではない '{0}' と比較しているため"),
    "WhyNull": ('it compares with null', 'null と比較しているため'),
    "WhyUnknown": ('it compares with a value that is not known to be the own retailer', '自社であると分からない値と比較しているため'),
    "WhyNotIn": ('it uses NOT IN instead of an own-retailer match', '自社との一致ではなく NOT IN を使っているため'),
    "WhyListOthers": ('the list contains values that are not own-retailer codes', '一覧に自社のコードではない値が含まれているため'),
    "OriginRestricted": ('a read of a restricted table', '参照禁止テーブルの読み取り'),
    "OriginSql": ('SQL text that could not be verified', '検証できない SQL テキスト'),
    "OriginAfterLoad": ('filtered only after loading', '読み込み後にだけ絞り込み'),
    "OriginBypassed": ('read with the query filter bypassed', 'クエリフィルタを無効にした読み取り'),
    "OriginMissingExclusion": ('read without a required exclusion', '必要な除外条件のない読み取り'),
    "OriginNotOwn": ('read with a filter that does not restrict to the own retailer', '自社に限定しないフィルタでの読み取り'),
    "OriginUnfiltered": ('read without the retailer-contract filter', '小売契約フィルタのない読み取り'),
    "OriginOtherAssembly": ("returned by '{0}' in another assembly, where RetailGuard cannot see the filter", "RetailGuard がフィルタを確認できない他のアセンブリの '{0}' が返した行"),
    "OriginLimit": ('a value RetailGuard could not follow to its end', 'RetailGuard が最後まで追跡できなかった値'),
    "SqlDynamic": ("it runs dynamic SQL (EXEC of a string or sp_executesql), which RetailGuard cannot check", "動的 SQL（文字列の EXEC または sp_executesql）を実行しており、RetailGuard が検査できないため"),
    "SqlTooLong": ('it is longer than {0} KB', '{0} KB を超えているため'),
    "SqlTooDeep": ('it nests parentheses {0} deep (RetailGuard checks up to {1})', '括弧の入れ子が {0} 段あるため（検査できるのは {1} 段まで）'),
    "SqlTooManyOperators": ('it has more than {0} operators', '演算子が {0} 個を超えているため'),
    "SqlParserFailed": ('the SQL parser failed: {0}', 'SQL パーサーが失敗したため: {0}'),
    "SqlDoesNotParse": ('it does not parse as {0}: {1}', '{0} として構文解析できないため: {1}'),
    "TextTooManySteps": ('it is built through too many steps to follow', '追跡できないほど多くの手順で組み立てられているため'),
    "TextNull": ('it is null', 'null であるため'),
    "TextParameter": ("it comes from the parameter '{0}'", "パラメータ '{0}' から来ているため"),
    "TextRunTime": ('it is built at run time', '実行時に組み立てられているため'),
    "TextInterpolates": ('it interpolates a value into the SQL text ({0}); pass it as a parameter', 'SQL テキストに値を埋め込んでいるため（{0}）。パラメータで渡してください'),
    "TextFormats": ('it formats a value into the SQL text', 'SQL テキストに値を書式設定しているため'),
    "TextOtherAssembly": ("it is returned by '{0}', which RetailGuard cannot see", "RetailGuard が確認できない '{0}' が返しているため"),
    "TextMethodArguments": ("it is returned by '{0}', which takes arguments or builds it at run time", "引数を取るか実行時に組み立てる '{0}' が返しているため"),
    "TextFormatNotConstant": ('its format string is not a constant', '書式文字列が定数ではないため'),
    "TextFormatUnfollowable": ('its format string cannot be followed', '書式文字列を追跡できないため'),
    "TextField": ("it comes from '{0}', whose value RetailGuard cannot see", "RetailGuard が値を確認できない '{0}' から来ているため"),
    "TextMemberOverridable": ("it comes from '{0}', which a derived type can override", "派生型がオーバーライドできる '{0}' から来ているため"),
    "TextMemberSettable": ("it comes from '{0}', which code outside its type can set", "型の外のコードが設定できる '{0}' から来ているため"),
    "TextMemberWritten": ("it comes from '{0}', which is also set to a value RetailGuard cannot know ({1})", "RetailGuard が知り得ない値も設定される '{0}' から来ているため（{1}）"),
    "TextLocalChanged": ("'{0}' is changed where RetailGuard cannot follow it", "'{0}' が RetailGuard の追跡できない箇所で変更されているため"),
    "TextLoop": ("'{0}' is built in a loop", "'{0}' がループで組み立てられているため"),
    "TextNoValue": ("'{0}' has no value RetailGuard can see", "'{0}' に RetailGuard が確認できる値がないため"),
    "TextBuilderElsewhere": ('the StringBuilder comes from elsewhere', 'StringBuilder が他の箇所から来ているため'),
    "TextBuilderChanged": ("the StringBuilder is changed by '{0}'", "StringBuilder が '{0}' で変更されているため"),
    "TextTooManyWays": ('it can be built in too many ways to check each', '組み立て方が多すぎて個別に検査できないため'),
    "SqlObjectMissing": ("'{0}' has no definition in the project's .sql files (add the .sql file that creates it, or list it under 'sanctionedProcedures' with a reason)",
                         "'{0}' の定義がプロジェクトの .sql ファイルにないため（作成する .sql ファイルを追加するか、理由を添えて 'sanctionedProcedures' に記載してください）"),
    "SqlObjectMissingUnreadable": ("'{0}' has no definition in the project's .sql files that parse ({1} of the files that define objects do not parse in full)",
                                   "'{0}' の定義が構文解析できるプロジェクトの .sql ファイルにないため（オブジェクトを定義するファイルのうち {1} 個が完全には構文解析できません）"),
    "SqlObjectCycle": ("it calls itself again through '{0}', which RetailGuard cannot follow", "'{0}' を通じて自分自身を再び呼び出しており、RetailGuard が追跡できないため"),
    "SqlObjectTooDeep": ('it calls procedures, views or functions more than {0} deep', 'プロシージャ・ビュー・関数の呼び出しが {0} 段を超えるため'),
    "SqlObjectTooComplex": ('its calls between procedures, views and functions are too many to follow', 'プロシージャ・ビュー・関数の間の呼び出しが多すぎて追跡できないため'),
    "SqlPathHint": ("{3} in {0} ({1} line {2})", "{0}（{1} の {2} 行目）に{3}"),
    "SqlPathReason": ("{3}, in {0} ({1} line {2})", "{0}（{1} の {2} 行目）で{3}"),
    "SqlCommandTypeUnknown": ('its command type is set at run time, so the text may be SQL or the name of a procedure', 'コマンドの種類が実行時に決まり、テキストが SQL かプロシージャ名か分からないため'),
    "SqlProcedureNameUnknown": ('the name of the stored procedure cannot be known: {0}', 'ストアドプロシージャの名前が分からないため: {0}'),
    "SqlNotAProcedureName": ("'{0}' is not the name of a stored procedure", "'{0}' はストアドプロシージャの名前ではないため"),
    "FilterHintSanctioned": ("a call to '{0}'", "'{0}' の呼び出し"),
    "FilterHintWhere": ("'Where({0} => {1})'", "'Where({0} => {1})'"),
    "FilterHintSql": ("the condition '{0}'", "条件 '{0}'"),
    "FilterHintSqlView": ("a read of the view '{0}' or the condition '{1}'", "ビュー '{0}' の読み取りまたは条件 '{1}'"),
}

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def write(path, lang):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for rid, (en, ja) in MESSAGES.items():
            t = en if lang == "en" else ja
            for suffix, value in zip(("Title", "Message", "Description"), t):
                f.write(f'  <data name="{rid}{suffix}" xml:space="preserve"><value>{escape(value)}</value></data>\n')
        for key, (en, ja) in EXTRA.items():
            f.write(f'  <data name="{key}" xml:space="preserve"><value>{escape(en if lang == "en" else ja)}</value></data>\n')
        f.write("</root>\n")


root = os.path.join(os.path.dirname(__file__), "..", "src", "RetailGuard.Analyzers", "Resources")
write(os.path.join(root, "Resources.resx"), "en")
write(os.path.join(root, "Resources.ja.resx"), "ja")
