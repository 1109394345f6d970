#!/usr/bin/env bash
# Runs every test of NangSuat.Trace on a fresh Debian machine: installs PostgreSQL, Chromium and the
# barcode decoders the tests use, starts PostgreSQL, runs all test projects on both storage lanes,
# and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the tests drive for real: the database, the browser, independent barcode decoders.
packages=(postgresql chromium zbar-tools zxing-cpp-tools dmtx-utils fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL: Debian's cluster on 127.0.0.1:5432, with a password for the test user.
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -n "$version" ]; then
  pg_lsclusters -h 2>/dev/null | grep -q "^$version main" || as_root pg_createcluster "$version" main >/dev/null
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  as_root runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres';" >/dev/null
fi
export TRACE_TEST_POSTGRES="${TRACE_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5}"

log=$(mktemp)
dotnet test NangSuat.Trace.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project, e.g. "Passed!  - Failed: 0, Passed: 49, Skipped: 0, Total: 49".
sum() { grep -E '^(Passed|Failed)!' "$log" | grep -oE "$1: +[0-9]+" | awk '{ total += $2 } END { print total + 0 }'; }
projects=$(grep -cE '^(Passed|Failed)!' "$log")
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
if [ "$projects" -eq 0 ]; then
  echo "0 passed, 1 failed (no test project reported results)"
  exit 1
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
