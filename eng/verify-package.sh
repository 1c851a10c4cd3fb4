#!/usr/bin/env bash
# Packs RetailGuard.Analyzers and builds separate consumer projects against the package (not the projects):
#   RG1001/RG1002 in LINQ, RG1001 in SQL (also on a UNION's second branch), RG1007 for SQL from a parameter,
#   RG2001 on an export of an unfiltered read in another method, RG2002 on INSERT … SELECT, nothing on correct code, and the nearest retailguard.json picked up without being listed;
#   stored procedures judged by their definitions in the consumer's .sql files, which it does not list: RG1001 for a procedure
#   that does not filter, nothing for one that does, RG1007 for a procedure without a definition, a finding inside a .sql
#   script, and an [*.sql] .editorconfig severity applied.
# The command-line tool, installed from the same feed: inventory (HTML) and check on the sample sales system.
# Then governance: a consumer with one approval and a baseline of 3 legacy findings (written by `retailguard baseline`) builds green; it fails on a new
#   unfiltered read and on an expired approval; it reports a #pragma; its SARIF log shows every suppression with its
#   justification; the schema is copied beside the policy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A version of its own, so a package cached from an earlier run is never used.
dotnet pack "$root/Analyzers.sln" -c Release -o "$work/feed" -v quiet -nologo -p:Version=0.1.0-verify.$(date +%s) >/dev/null
version=$(ls "$work/feed" | sed -n 's/^RetailGuard\.Analyzers\.\(.*\)\.nupkg$/\1/p')
echo "packed RetailGuard.Analyzers $version"
[ -f "$work/feed/RetailGuard.Cli.$version.nupkg" ] || { echo "FAIL: RetailGuard.Cli.$version.nupkg was not packed"; exit 1; }

# The command-line tool, installed from the packed feed as users install it.
dotnet tool install --tool-path "$work/tools" --add-source "$work/feed" RetailGuard.Cli --version "$version" >/dev/null
rg="$work/tools/retailguard"
set +e
"$rg" inventory "$root/samples/SalesSystem" --format html --out "$work/inventory.html" --no-progress 2>"$work/rg.err"; inv=$?
"$rg" check "$root/samples/SalesSystem" --no-progress --no-restore >"$work/check.txt" 2>>"$work/rg.err"; chk=$?
set -e
{ [ $inv -eq 0 ] && grep -q 'data-rendered' "$work/inventory.html"; } || { echo "FAIL: retailguard inventory --format html ($inv)"; cat "$work/rg.err"; exit 1; }
[ $chk -eq 1 ] && grep -q "29 findings fail the build" "$work/check.txt" || { echo "FAIL: retailguard check on the sample exited $chk"; cat "$work/check.txt" "$work/rg.err"; exit 1; }
echo "tool OK: retailguard $version installed from the feed; inventory wrote HTML, check exits 1 on the sample"

mkdir -p "$work/solution/Consumer"
cp "$root/samples/QuickStart/retailguard.json" "$work/solution/retailguard.json"   # a parent folder: found automatically
cat > "$work/solution/nuget.config" <<XML
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat > "$work/solution/Consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="RetailGuard.Analyzers" Version="$version" PrivateAssets="all" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
    <PackageReference Include="Dapper" Version="2.1.66" />
    <PackageReference Include="CsvHelper" Version="33.1.0" />
  </ItemGroup>
</Project>
XML
cp "$root/samples/QuickStart/Model.cs" "$work/solution/Consumer/Model.cs"
mkdir -p "$work/solution/Consumer/Database/Procedures" "$work/solution/Consumer/Database/Scripts"
cat > "$work/solution/Consumer/Database/Procedures/usp_all_customers.sql" <<'SQL'
CREATE PROCEDURE dbo.usp_all_customers
AS
BEGIN
    SELECT id, name, address FROM customers ORDER BY id;
END
SQL
cat > "$work/solution/Consumer/Database/Procedures/usp_own_customers.sql" <<'SQL'
CREATE PROCEDURE dbo.usp_own_customers
    @retailer CHAR(5)
AS
BEGIN
    SELECT id, name, address FROM customers
    WHERE retailer_code = @retailer AND contract_kind <> 'LAST_RESORT';
END
SQL
printf -- '-- nightly job\nEXEC dbo.usp_all_customers;\n' > "$work/solution/Consumer/Database/Scripts/nightly.sql"
mkdir -p "$work/solution/Consumer/Database/Scripts/Retired"
printf -- '-- retired job, kept for the record\nEXEC dbo.usp_all_customers;\n' > "$work/solution/Consumer/Database/Scripts/Retired/old.sql"
printf '[Scripts/Retired/*.sql]\ndotnet_diagnostic.RG1001.severity = none\n' > "$work/solution/Consumer/Database/.editorconfig"
cat > "$work/solution/Consumer/Uses.cs" <<'CS'
using System.Collections.Generic;
using System.Data;
using System.Linq;
using Dapper;
using Sales.Data;
using Sales.Domain;

public class Uses
{
    public List<Customer> Unfiltered(SalesContext db) => db.Customers.ToList();
    public List<Customer> OwnOnly(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
    public List<Customer> Correct(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
    public IEnumerable<Customer> Sql(IDbConnection conn) => conn.Query<Customer>("SELECT * FROM customers");
    public IEnumerable<Customer> SqlOwn(IDbConnection conn) => conn.Query<Customer>("SELECT * FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT'", new { own = RetailerCodes.Own });
    public IEnumerable<string> Union(IDbConnection conn) => conn.Query<string>("SELECT name FROM customers WHERE retailer_code = @own AND contract_kind <> 'LAST_RESORT' UNION SELECT name FROM customers", new { own = RetailerCodes.Own });
    public IEnumerable<Customer> FromInput(IDbConnection conn, string sql) => conn.Query<Customer>(sql);
    public IEnumerable<Customer> View(IDbConnection conn) => conn.Query<Customer>("SELECT * FROM own_customers");
    public void Deliver(Repo repo, CsvHelper.CsvWriter csv) => csv.WriteRecords(repo.AllCustomers());
    public void DeliverOwn(Repo repo, CsvHelper.CsvWriter csv) => csv.WriteRecords(repo.OwnCustomers());
    public int Dwh(IDbConnection conn) => conn.Execute("INSERT INTO dwh_extract (name) SELECT name FROM customers");
    public IEnumerable<Customer> ProcAll(IDbConnection conn) => conn.Query<Customer>("dbo.usp_all_customers", commandType: CommandType.StoredProcedure);
    public IEnumerable<Customer> ProcOwn(IDbConnection conn) => conn.Query<Customer>("dbo.usp_own_customers", new { retailer = RetailerCodes.Own }, commandType: CommandType.StoredProcedure);
    public IEnumerable<Customer> ProcMissing(IDbConnection conn) => conn.Query<Customer>("dbo.usp_not_in_the_repository", commandType: CommandType.StoredProcedure);
}

public class Repo
{
    private readonly SalesContext _db = new SalesContext();
    public List<Customer> AllCustomers() => _db.Customers.ToList();
    public List<Customer> OwnCustomers() => _db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
}
CS

set +e
out=$(cd "$work/solution" && dotnet build Consumer/Consumer.csproj -nologo 2>&1)
status=$?
set -e
echo "$out" | grep -E " (error|warning) (RG|AD)" | sed 's/ \[.*//; s/ (https[^)]*)//' | sort -u
fail=0
expect() { grep -q "Uses.cs($1,$2): $3 $4" <<<"$out" || { echo "FAIL: expected $4 at line $1, column $2"; fail=1; }; }
quiet() { if grep -q "Uses.cs($1,.*RG" <<<"$out"; then echo "FAIL: line $1 should be quiet"; fail=1; fi; }
[ $status -ne 0 ] || { echo "FAIL: the build succeeded"; fail=1; }
expect 10 58 error RG1001
expect 11 55 error RG1002
quiet 12
expect 13 97 error RG1001
quiet 14
expect 15 193 error RG1001
expect 16 100 warning RG1007
quiet 17
expect 18 64 error RG2001
if grep -q "Uses.cs(19,.*RG2001" <<<"$out"; then echo "FAIL: the export of filtered rows was reported"; fail=1; fi
expect 20 105 error RG2002
expect 21 87 error RG1001
quiet 22
expect 23 91 warning RG1007
grep -q "usp_all_customers.sql line 4" <<<"$out" || { echo "FAIL: the RG1001 of the procedure does not name its definition"; fail=1; }
grep -q "nightly.sql(2,10): error RG1001" <<<"$out" || { echo "FAIL: the .sql script was not checked without being listed"; fail=1; }
if grep -q "old.sql" <<<"$out"; then echo "FAIL: the [*.sql] .editorconfig section did not turn RG1001 off for Scripts/Retired"; fail=1; fi
if grep -q "usp_own_customers.sql.*RG\|Procedures/.*: error RG" <<<"$out"; then echo "FAIL: a definition was reported as a read"; fail=1; fi
if grep -q "AD0001\|RG9001" <<<"$out"; then echo "FAIL: analyzer crash or policy not found"; fail=1; fi
[ $fail -eq 0 ] && echo "package OK: LINQ, SQL and stored-procedure findings where expected, correct code quiet, .sql files checked without being listed"
[ $fail -eq 0 ] || exit $fail

# ---- Governance: approvals, the baseline and the suppression trace, end to end -------------------------------------
gov="$work/governed"
mkdir -p "$gov/Governed"
cp "$work/solution/nuget.config" "$gov/nuget.config"
policy() {   # $1: the approval's expiry date
  cat > "$gov/retailguard.json" <<JSON
{
  "\$schema": "./retailguard.schema.json",
  "\$comment": "owned by compliance",
  "ownRetailer": { "codes": ["R0001"], "symbols": ["Sales.Domain.RetailerCodes.Own"] },
  "protectedTables": [
    { "table": "customers", "entity": "Sales.Domain.Customer",
      "retailerColumn": "retailer_code", "retailerProperty": "RetailerCode",
      "excluded": [ { "column": "contract_kind", "property": "ContractKind",
                      "values": ["LAST_RESORT"], "symbols": ["Sales.Domain.ContractKinds.LastResort"] } ] }
  ],
  "approvals": [
    { "id": "APR-2026-014", "rules": ["RG1001", "RG2001"],
      "member": "Sales.Jobs.Settlement.MonthlyClose.Run", "table": "customers",
      "reason": "settlement with the transmission company needs every contract of the month",
      "approvedBy": "compliance", "expires": "$1" } ]
}
JSON
}
policy 2999-12-31
cp "$work/solution/Consumer/Consumer.csproj" "$gov/Governed/Governed.csproj"
sed -i 's|<Nullable>enable</Nullable>|<Nullable>enable</Nullable>\n    <ErrorLog>$(MSBuildProjectDirectory)/build.sarif,version=2.1</ErrorLog>|' "$gov/Governed/Governed.csproj"
cp "$root/samples/QuickStart/Model.cs" "$gov/Governed/Model.cs"
cat > "$gov/Governed/Jobs.cs" <<'CS'
using System.Collections.Generic;
using System.Linq;
using CsvHelper;
using Sales.Data;
using Sales.Domain;

namespace Sales.Jobs.Settlement
{
    public class MonthlyClose
    {
        public List<Customer> Run(SalesContext db) => db.Customers.ToList();
    }

    public class Transfer
    {
        public void Send(SalesContext db, CsvWriter csv) => csv.WriteRecords(new MonthlyClose().Run(db).Select(c => new { c.Name }));
    }
}
CS
cat > "$gov/Governed/Legacy.cs" <<'CS'
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
using Sales.Domain;

namespace Sales.Legacy
{
    public class Reports
    {
        public List<Customer> All(SalesContext db) => db.Customers.ToList();

        public int Count(SalesContext db)
        {
            var n = db.Customers.Count();
            return n;
        }

        public List<Customer> Own(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
    }
}
CS
gbuild() { (cd "$gov" && dotnet build Governed/Governed.csproj -nologo 2>&1); }
sarif="$gov/Governed/build.sarif"
results() {  # ruleId, suppression kind and justification of every RG result of the SARIF log, one per line
  python3 - "$sarif" <<'PY'
import json, sys
for run in json.load(open(sys.argv[1], encoding="utf-8-sig"))["runs"]:
    for r in run.get("results", []):
        if not r["ruleId"].startswith("RG"): continue
        s = r.get("suppressions")
        why = s[0].get("justification") or s[0].get("properties", {}).get("suppressionType", "") if s else ""
        uri = (r.get("locations") or [{}])[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
        print(r["ruleId"], uri.rsplit("/", 1)[-1], "SUPPRESSED" if s else "REPORTED", why)
PY
}

# 1. Before the baseline: the 3 legacy findings fail the build; the approved read and its export do not.
set +e; out=$(gbuild); status=$?; set -e
[ $status -ne 0 ] || { echo "FAIL: the legacy findings did not fail the build"; fail=1; }
[ "$(results | grep -c '^RG10.. Legacy.cs REPORTED')" -eq 3 ] || { echo "FAIL: expected 3 legacy findings"; results; fail=1; }
[ -f "$gov/retailguard.schema.json" ] || { echo "FAIL: the schema was not copied beside the policy"; fail=1; }

# 2. The baseline of the 3 legacy findings, written by `retailguard baseline`: check and the build are green.
"$rg" baseline "$gov/Governed" --no-progress
set +e; "$rg" check "$gov/Governed" --no-progress --no-restore >"$work/gov-check.txt" 2>&1; chk=$?; set -e
[ $chk -eq 0 ] || { echo "FAIL: retailguard check after retailguard baseline exited $chk"; cat "$work/gov-check.txt"; fail=1; }
set +e; out=$(gbuild); status=$?; set -e
[ $status -eq 0 ] || { echo "FAIL: the build with one approval and the baseline is not green"; echo "$out" | grep -E " error " | sed 's/ \[.*//' | sort -u; fail=1; }
echo "SARIF of the green build:"; results | sort | sed 's/^/  /'
approved=$(results | grep -c "SUPPRESSED.*Approved exception: an approval in retailguard.json covers this finding")
baselined=$(results | grep -c "SUPPRESSED.*Accepted legacy finding: listed in retailguard.baseline.json")
[ "$approved" -eq 2 ] || { echo "FAIL: expected the approved read and its export suppressed with the approval's justification, got $approved"; fail=1; }
[ "$baselined" -eq 3 ] || { echo "FAIL: expected 3 findings suppressed with the baseline's justification, got $baselined"; fail=1; }
if grep -q "REPORTED" <<<"$(results)"; then echo "FAIL: unsuppressed RetailGuard results in the green build"; fail=1; fi

# 3. A new unfiltered read fails.
cp "$gov/Governed/Legacy.cs" "$gov/Legacy.cs.saved"
sed -i 's|        public int Count(SalesContext db)|        public List<Customer> Export(SalesContext db) => db.Customers.ToList();\n\n        public int Count(SalesContext db)|' "$gov/Governed/Legacy.cs"
set +e; out=$(gbuild); status=$?; set -e
[ $status -ne 0 ] && grep -q "Legacy.cs(12,.*error RG1001" <<<"$out" || { echo "FAIL: a new unfiltered read did not fail the build"; fail=1; }
cp "$gov/Legacy.cs.saved" "$gov/Governed/Legacy.cs"

# 4. An expired approval fails.
policy 2020-01-31
set +e; out=$(gbuild); status=$?; set -e
{ [ $status -ne 0 ] && grep -q "retailguard.json.*error RG9004" <<<"$out" && grep -q "Jobs.cs(11,.*error RG1001" <<<"$out"; } ||
  { echo "FAIL: an expired approval did not fail the build"; fail=1; }
policy 2999-12-31

# 5. A #pragma is reported, and stays in the SARIF log.
sed -i 's|        public int Count(SalesContext db)|#pragma warning disable RG1001\n        public int Count(SalesContext db)|' "$gov/Governed/Legacy.cs"
set +e; out=$(gbuild); status=$?; set -e
grep -q "Legacy.cs(12,.*warning RG9007" <<<"$out" && grep -q "^RG9007 Legacy.cs REPORTED" <<<"$(results)" ||
  { echo "FAIL: the #pragma was not reported"; fail=1; }

[ $fail -eq 0 ] && echo "governance OK: approval and baseline green with justifications in SARIF; new read, expired approval and #pragma reported"
exit $fail
