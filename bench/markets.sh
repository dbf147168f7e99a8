#!/usr/bin/env bash
# Markets benchmark: quote ingest throughput (batches of 1,000, JSON and CSV, over HTTP), five years of daily closes,
# and the time to serve the rebuilt ticker and an instrument page with five years charted; on SQLite and on a throwaway
# PostgreSQL (default durability on both: SQLite synchronous=FULL, PostgreSQL fsync on). Writes its section of
# docs/benchmarks.md (between the bench-markets markers).
#
#   bench/markets.sh                    60 measured batches per format, 200 timed page requests
#   BATCHES=20 ROUNDS=50 bench/markets.sh
set -euo pipefail

BATCHES=${BATCHES:-60}
ROUNDS=${ROUNDS:-200}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/markets"
report="$root/docs/benchmarks.md"
logs="$out/logs"
warta_pid=""

stop_warta() {
  if [[ -n $warta_pid ]] && kill -0 "$warta_pid" 2>/dev/null; then kill "$warta_pid"; wait "$warta_pid" 2>/dev/null || true; fi
  warta_pid=""
}
cleanup() {
  local rc=$?
  stop_warta
  pg_stop
  [[ $rc -eq 0 ]] || echo "bench/markets.sh: failed (exit $rc); logs in $logs" >&2
}
trap cleanup EXIT
say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench/markets.sh: $*" >&2; exit 1; }
source "$root/bench/section.sh"  # free_port, pg_start, pg_stop, pg_env

say "building Warta and the bench client (Release)"
rm -rf "$out"
mkdir -p "$logs"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$logs/build-warta.log" 2>&1 \
  || { tail -n 40 "$logs/build-warta.log" >&2; die "Warta did not build"; }
dotnet build "$root/bench/MarketsBench" -c Release -o "$out/client" -nologo -v quiet >"$logs/build-client.log" 2>&1 \
  || { tail -n 40 "$logs/build-client.log" >&2; die "MarketsBench did not build"; }
export Logging__LogLevel__Default=Warning Warta__Cache__Enabled=false Warta__Demo__SeedOnEmpty=false Warta__Redis=""
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

run_provider() {  # name; the database settings are in the environment
  local name=$1 port key
  say "$name: migrating, creating a key, starting Warta"
  key=$(cd "$out/warta" && dotnet Warta.dll apikey create --name bench --scope newsroom 2>>"$logs/$name.log" | tail -1)
  [[ $key == wk_* ]] || die "no API key for $name (see $logs/$name.log)"
  port=$(free_port)
  (cd "$out/warta" && exec dotnet Warta.dll --urls "http://127.0.0.1:$port") >>"$logs/$name.log" 2>&1 &
  warta_pid=$!
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" || die "Warta ($name) did not start"
  say "$name: measuring"
  dotnet "$out/client/MarketsBench.dll" "http://127.0.0.1:$port" "$key" "$BATCHES" "$ROUNDS" >"$out/$name.json"
  cat "$out/$name.json" >&2
  stop_warta
}

Warta__DataPath="$out/sqlite" Warta__Database__Provider=sqlite run_provider sqlite

say "starting a throwaway PostgreSQL"
pg_start "$out/pg" "$logs/pg.log" || die "PostgreSQL did not start"
pg_env warta_bench
Warta__DataPath="$out/pgdata" run_provider postgres

say "writing docs/benchmarks.md"
row() {  # provider file
  jq -r --arg p "$1" '"| \($p) | \(.jsonQuotesPerSecond) | \(.csvQuotesPerSecond) | \(.historyRows) in \(.historySeconds) s | \(.tickerRebuiltMedianMs) / \(.tickerRebuiltP95Ms) ms | \(.tickerCachedMedianMs) ms | \(.page5yMedianMs) / \(.page5yP95Ms) ms (\(.page5yBytes / 1024 | floor) KB) | \(.page1mMedianMs) ms |"' "$2"
}
section=$(cat <<MD
<!-- bench-markets -->
## Markets: quote ingest and market pages

Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared with other work, with
\`bench/markets.sh\` (BATCHES=$BATCHES, ROUNDS=$ROUNDS). Warta in Release, page cache off, one client posting one batch at a time
over HTTP on loopback (request, JSON or CSV parsing, validation, jump check, minute upsert, daily-bar merge, commit). Each
batch holds 1,000 minute quotes (ten minutes of 100 instruments). SQLite with synchronous=FULL; PostgreSQL with its default
durability (fsync on). Ticker: the 20-instrument ticker read right after a quote invalidated it (so rebuilt from the
database), then from memory. Instrument page: five years of daily closes charted (\`?rentang=5t\`) and one month.

| database | JSON quotes/s | CSV quotes/s | 5 years of daily closes | ticker rebuilt (median / p95) | ticker from memory | instrument page, 5 years (median / p95) | page, 1 month |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(row SQLite "$out/sqlite.json")
$(row PostgreSQL "$out/postgres.json")

The aim was 50,000 quotes/s on SQLite. Times include the HTTP round trip on loopback; the machine is shared, so the figures
vary from run to run.
<!-- /bench-markets -->
MD
)
if grep -q '<!-- bench-markets -->' "$report"; then
  awk -v section="$section" '
    /<!-- bench-markets -->/ { print section; skip = 1; next }
    /<!-- \/bench-markets -->/ { skip = 0; next }
    !skip { print }' "$report" >"$report.tmp" && mv "$report.tmp" "$report"
else
  printf '\n%s\n' "$section" >>"$report"
fi
say "done"
