#!/usr/bin/env bash
# Packs RetailGuard.Analyzers and builds a separate consumer project against the package (not the projects):
#   RG1001 on db.Customers.ToList(), RG1002 on the own-only filter, nothing on the full filter,
#   and the nearest retailguard.json picked up without being listed.
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
  </ItemGroup>
</Project>
XML
cp "$root/samples/QuickStart/Model.cs" "$work/solution/Consumer/Model.cs"
cat > "$work/solution/Consumer/Uses.cs" <<'CS'
using System.Collections.Generic;
using System.Linq;
using Sales.Data;
using Sales.Domain;

public class Uses
{
    public List<Customer> Unfiltered(SalesContext db) => db.Customers.ToList();
    public List<Customer> OwnOnly(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own).ToList();
    public List<Customer> Correct(SalesContext db) => db.Customers.Where(c => c.RetailerCode == RetailerCodes.Own && c.ContractKind != ContractKinds.LastResort).ToList();
}
CS

set +e
out=$(cd "$work/solution" && dotnet build Consumer/Consumer.csproj -nologo 2>&1)
status=$?
set -e
echo "$out" | grep -E " (error|warning) RG" | sed 's/ \[.*//' | sort -u
fail=0
[ $status -ne 0 ] || { echo "FAIL: the build succeeded"; fail=1; }
echo "$out" | grep -q "Uses.cs(8,.*error RG1001" || { echo "FAIL: no RG1001 on db.Customers.ToList()"; fail=1; }
echo "$out" | grep -q "Uses.cs(9,.*error RG1002" || { echo "FAIL: no RG1002 on the own-only filter"; fail=1; }
if echo "$out" | grep -q "Uses.cs(10,.* RG"; then echo "FAIL: the correct query was reported"; fail=1; fi
if echo "$out" | grep -q "AD0001\|RG9001"; then echo "FAIL: analyzer crash or policy not found"; fail=1; fi
[ $fail -eq 0 ] && echo "package OK: RG1001 and RG1002 reported, the correct query quiet"
exit $fail
