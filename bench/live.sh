#!/usr/bin/env bash
# Live ticker fan-out: starts Warta (Release, fresh SQLite with the demo content), connects CLIENTS readers to the
# Server-Sent Events stream /indikator/langsung from bench/LiveFanout, posts QUOTES quotes through the API one after
# another, and measures the time from sending each quote until the last reader has it; also the server's memory with
# and without the readers. Writes its section of docs/benchmarks.md (between the bench-live markers).
#
#   bench/live.sh                      1,000 readers, 30 measured quotes (after 3 warm-up quotes)
#   CLIENTS=200 QUOTES=10 bench/live.sh
set -euo pipefail

CLIENTS=${CLIENTS:-1000}
QUOTES=${QUOTES:-30}
WARMUP=${WARMUP:-3}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/live"
report="$root/docs/benchmarks.md"
logs="$out/logs"

warta_pid=""
cleanup() {
  local rc=$?
  if [[ -n $warta_pid ]] && kill -0 "$warta_pid" 2>/dev/null; then
    kill "$warta_pid" 2>/dev/null || true
    wait "$warta_pid" 2>/dev/null || true
  fi
  [[ $rc -eq 0 ]] || echo "bench/live.sh: failed (exit $rc); logs in $logs" >&2
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench/live.sh: $*" >&2; exit 1; }
rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }
source "$root/bench/section.sh"  # write_section, free_port

# Each reader is one socket on both sides.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > CLIENTS + 200 )) || die "open-file limit $(ulimit -n) is too low for $CLIENTS readers"

say "building Warta and the reader program (Release)"
rm -rf "$out"
mkdir -p "$logs" "$out/data"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$logs/build-warta.log" 2>&1 \
  || { tail -n 40 "$logs/build-warta.log" >&2; die "Warta did not build"; }
dotnet build "$root/bench/LiveFanout" -c Release -o "$out/fanout" -nologo -v quiet >"$logs/build-fanout.log" 2>&1 \
  || { tail -n 40 "$logs/build-fanout.log" >&2; die "LiveFanout did not build"; }

export Warta__DataPath="$out/data" Warta__Redis="" Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "starting Warta with the demo content"
port=$(free_port)
(cd "$out/warta" && exec dotnet Warta.dll --urls "http://127.0.0.1:$port") >"$logs/warta.log" 2>&1 &
warta_pid=$!
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 "$warta_pid" 2>/dev/null || { tail -n 40 "$logs/warta.log" >&2; die "Warta exited"; }
  sleep 0.5
done
key=$(cd "$out/warta" && dotnet Warta.dll apikey create --name bench-live --scope markets 2>>"$logs/warta.log" | tail -n 1)
[[ -n $key ]] || die "could not create a markets API key"
for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$port/"; done
rss_idle=$(rss "$warta_pid")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$CLIENTS readers, $QUOTES quotes"
result=$(dotnet "$out/fanout/LiveFanout.dll" "http://127.0.0.1:$port" "$key" "$CLIENTS" "$QUOTES" "$WARMUP" LQ45 "$warta_pid" 2>"$logs/fanout.log") \
  || { cat "$logs/fanout.log" >&2; die "the reader program failed"; }
echo "$result" >"$out/result.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$logs/fanout.log" >&2
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$result"; }

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
section=$(cat <<MD
## Live ticker fan-out (Server-Sent Events)

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$commit\`; $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory.
- Command: \`bench/live.sh\` (CLIENTS=$CLIENTS, QUOTES=$QUOTES after $WARMUP warm-up quotes). Warta in Release on SQLite with the demo
  content, and \`bench/LiveFanout\` holding $CLIENTS connections to \`/indikator/langsung\` on loopback; both share the same cores.
- Each quote is one \`POST /api/markets/quotes\` for LQ45 with a new value; the time runs from sending the POST until the
  last of the $CLIENTS readers has an event showing that value (ingest, ticker re-read, encoding once, and writing to every
  connection). Quotes are 250 ms apart. Load average (1/5/15 min) before: $load_before; after: $load_after (the
  machine is shared with other work, so these are figures under load, not on an idle machine).

| Measure | Value |
|---|---:|
| Readers connected (all received the current state on connect) | $(field clients) in $(field connectSeconds) s |
| Quote → last of $CLIENTS readers, median | **$(field lastMedianMs) ms** |
| Quote → last of $CLIENTS readers, p95 | **$(field lastP95Ms) ms** |
| Quote → last of $CLIENTS readers, slowest | $(field lastMaxMs) ms |
| Quote → median reader, median | $(field medianClientMedianMs) ms |
| Server memory (RSS), no readers | $(mib "$rss_idle") |
| Server memory (RSS), $CLIENTS readers connected | $(mib "$(field rssWithClients)") |
| Reader errors | $(field readerErrors) |

Aim: a quote reaches 1,000 connected readers within 1 second.
MD
)

write_section "$report" '<!-- bench-live:begin -->' '<!-- bench-live:end -->' "<!-- bench/live.sh writes everything between these markers. -->
$section"
say "wrote $report"
