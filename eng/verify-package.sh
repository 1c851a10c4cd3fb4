#!/usr/bin/env bash
# Packs RetailGuard.Analyzers and builds a separate consumer project against the package (not the projects):
#   RG1001/RG1002 in LINQ, RG1001 in SQL (also on a UNION's second branch), RG1007 for SQL from a parameter,
#   RG2001 on an export of an unfiltered read in another method, RG2002 on INSERT … SELECT, nothing on correct code, and the nearest retailguard.json picked up without being listed;
#   stored procedures judged by their definitions in the consumer's .sql files, which it does not list: RG1001 for a procedure
#   that does not filter, nothing for one that does, RG1007 for a procedure without a definition, a finding inside a .sql
#   script, and an [*.sql] .editorconfig severity applied.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A version of its own, so a package cached from an earlier run is never used.
dotnet pack "$root/Analyzers.sln" -c Release -o "$work/feed" -v quiet -nologo -p:Version=0.1.0-verify.$(date +%s) >/dev/null
version=$(ls "$work/feed" | sed -n 's/^RetailGuard\.Analyzers\.\(.*\)\.nupkg$/\1/p')
echo "packed RetailGuard.Analyzers $version"

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
printf '[Scripts/*.sql]\ndotnet_diagnostic.RG1001.severity = warning\n' > "$work/solution/Consumer/Database/.editorconfig"
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
expect() { echo "$out" | grep -q "Uses.cs($1,$2): $3 $4" || { echo "FAIL: expected $4 at line $1, column $2"; fail=1; }; }
quiet() { if echo "$out" | grep -q "Uses.cs($1,.*RG"; then echo "FAIL: line $1 should be quiet"; fail=1; fi; }
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
if echo "$out" | grep -q "Uses.cs(19,.*RG2001"; then echo "FAIL: the export of filtered rows was reported"; fail=1; fi
expect 20 105 error RG2002
expect 21 87 error RG1001
quiet 22
expect 23 91 warning RG1007
echo "$out" | grep -q "usp_all_customers.sql line 4" || { echo "FAIL: the RG1001 of the procedure does not name its definition"; fail=1; }
echo "$out" | grep -q "nightly.sql(2,10): warning RG1001" || { echo "FAIL: the .sql script was not checked without being listed, or its .editorconfig severity was not applied"; fail=1; }
if echo "$out" | grep -q "usp_own_customers.sql.*RG\|Procedures/.*: error RG"; then echo "FAIL: a definition was reported as a read"; fail=1; fi
if echo "$out" | grep -q "AD0001\|RG9001"; then echo "FAIL: analyzer crash or policy not found"; fail=1; fi
[ $fail -eq 0 ] && echo "package OK: LINQ, SQL and stored-procedure findings where expected, correct code quiet, .sql files checked without being listed"
exit $fail
