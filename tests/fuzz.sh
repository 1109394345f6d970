#!/usr/bin/env bash
# The long fuzz run: by default 100,000 seeded requests per storage lane (SQLite and PostgreSQL)
# against every endpoint. Prints, per lane, the seed, the request count, the counts per status
# code and per endpoint, the number of 5xx answers and every distinct finding; exits non-zero on
# any finding. CI runs the same test with a short default (FuzzTests.CiRequests).
#
#   bash tests/fuzz.sh                      # both lanes, 100,000 requests each
#   bash tests/fuzz.sh sqlite 20000         # one lane, another length
#   TRACE_FUZZ_SEED=other bash tests/fuzz.sh
#   TRACE_FUZZ_REPLAY=<seed from a finding> bash tests/fuzz.sh sqlite   # resend one request
set -uo pipefail
cd "$(dirname "$0")/.."

lane=${1:-all}
export TRACE_FUZZ_REQUESTS=${2:-${TRACE_FUZZ_REQUESTS:-100000}}
export TRACE_FUZZ_SEED=${TRACE_FUZZ_SEED:-nangsuat-trace-1}
export TRACE_FUZZ_SHRINK=${TRACE_FUZZ_SHRINK:-150}
export TRACE_FUZZ_REPORT_DIR=${TRACE_FUZZ_REPORT_DIR:-$PWD/artifacts/fuzz}
export TRACE_TEST_POSTGRES="${TRACE_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5}"
case "$lane" in
  sqlite) filter="FullyQualifiedName~FuzzTestsOnSqlite" ;;
  postgres) filter="FullyQualifiedName~FuzzTestsOnPostgres" ;;
  all) filter="FullyQualifiedName~FuzzTests" ;;
  *) echo "usage: $0 [sqlite|postgres|all] [requests per lane]" >&2; exit 2 ;;
esac

# PostgreSQL as tests/run.sh sets it up (that script installs it when missing).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ "$lane" != sqlite ] && [ -n "$version" ]; then
  pg_lsclusters -h 2>/dev/null | grep -q "^$version main" || as_root pg_createcluster "$version" main >/dev/null
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  as_root runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD 'postgres';" >/dev/null
fi

rm -rf "$TRACE_FUZZ_REPORT_DIR"
mkdir -p "$TRACE_FUZZ_REPORT_DIR"
if [ -n "${TRACE_FUZZ_REPLAY:-}" ]; then
  echo "Replaying request $TRACE_FUZZ_REPLAY ($lane); report in $TRACE_FUZZ_REPORT_DIR"
else
  echo "Fuzzing ($lane): seed '$TRACE_FUZZ_SEED', $TRACE_FUZZ_REQUESTS requests per lane; reports in $TRACE_FUZZ_REPORT_DIR"
fi
log="$TRACE_FUZZ_REPORT_DIR/dotnet-test.log"
dotnet test tests/NangSuat.Trace.Api.Tests --nologo --filter "$filter" >"$log" 2>&1
status=$?

reports=("$TRACE_FUZZ_REPORT_DIR"/fuzz-*.txt)
if [ ! -e "${reports[0]}" ]; then
  tail -n 40 "$log"
  echo "No fuzz report was written (see $log)."
  exit 1
fi

findings=0
for report in "${reports[@]}"; do
  echo
  # The counts, then one heading per cause; the whole report has each finding's minimal request.
  sed -n '1,/^Findings:/p' "$report"
  grep -E '^== ' "$report"
  count=$(grep -oE '^Findings: [0-9]+' "$report" | grep -oE '[0-9]+')
  findings=$((findings + ${count:-0}))
  echo "Full report: $report"
done

echo
if [ "$findings" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "Fuzzing found $findings distinct problems (seed '$TRACE_FUZZ_SEED')."
  exit 1
fi
echo "Fuzzing found nothing (seed '$TRACE_FUZZ_SEED')."
