#!/usr/bin/env bash
# Search at /cari: latency (median, 95th percentile) with concurrent readers over a large corpus, the time the index takes
# to build from the database at start, and its size. One run on a SQLite database (or, with DB=postgres, a throwaway
# PostgreSQL) seeded with generated stories.
# Every request names a different (far-future) end date, so no two share a cached page: each one searches the index.
# Writes its section of docs/benchmarks.md between <!-- search-bench:begin --> and <!-- search-bench:end --> (on PostgreSQL,
# the search-bench-postgres markers).
#
#   bench/search.sh                                  100,000 generated stories, 3 rounds of 10 s
#   ARTICLES=2000 DURATION=5s ROUNDS=1 bench/search.sh   a smoke run
#   CONNECTIONS="8 16" bench/search.sh               one index build, measured at each number of concurrent readers
#   BUILD=/path/to/published bench/search.sh         measure a build published before (another commit) instead of this tree's
#   REPORT=0 bench/search.sh                         print the section only, leave docs/benchmarks.md as it is
#   DB=postgres ARTICLES=1000000 bench/search.sh     on PostgreSQL (its own server on a free loopback port, stopped on exit)
#
# Seeding is the slow part (100,000 stories take minutes), so the seeded database is kept in SEED_DIR (by default
# bench/out/search-seed-$ARTICLES, or search-seed-pg-$ARTICLES on PostgreSQL) and each later run starts from a copy of it
# (PostgreSQL's data folder is used in place; see bench/section.sh); RESEED=1 seeds afresh. From 1,000 stories seed-demo
# writes the generated ones in bulk (1,000,000 on PostgreSQL in minutes). The search index is never kept: every run builds
# it from the database and times that.
set -euo pipefail

ARTICLES=${ARTICLES:-100000}
RESEED=${RESEED:-0}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
BUILD=${BUILD:-}
REPORT=${REPORT:-1}
SETTLE=${SETTLE:-30}
DB=${DB:-sqlite}
[[ $DB == sqlite || $DB == postgres ]] || { echo "bench: DB is sqlite or postgres" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/search"
SEED_DIR=${SEED_DIR:-$root/bench/out/search-seed$([[ $DB == sqlite ]] || echo -pg)-$ARTICLES}
report="$root/docs/benchmarks.md"
pid=""
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; pg_stop' EXIT

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
source "$root/bench/section.sh"  # seeded_copy, search_ready, write_section, pg_stop
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

rm -rf "$out"
mkdir -p "$out/data"
if [[ -n $BUILD ]]; then
  say "using the build published in $BUILD"
  cp -a "$BUILD" "$out/warta"
else
  say "building Warta (Release)"
  dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$out/build.log" 2>&1 \
    || { tail -n 40 "$out/build.log" >&2; die "Warta did not build"; }
fi

seeded_copy "$out/warta" "$SEED_DIR" "$ARTICLES" "$out/data" "$out/seed.log" || die "seed-demo failed"
seed_seconds=$(cat "$SEED_DIR/seed-seconds" 2>/dev/null || echo "?")
if [[ $DB == postgres ]]; then
  database="PostgreSQL $(as_postgres "$PG_BIN/postgres" --version | awk '{ print $3 }') ($PG_SETTINGS)"
  db_bytes=$(du -sb "$SEED_DIR/pg" | cut -f1)
else
  database="SQLite"
  db_bytes=$( (du -cb "$out/data"/warta.db* 2>/dev/null || true) | tail -n 1 | cut -f1)
fi

port=$((20000 + RANDOM % 40000))
base="http://127.0.0.1:$port"
say "starting Warta; the index builds from the database"
# A logging category has dots, which a shell variable name may not: env passes it.
(cd "$out/warta" && exec env Warta__DataPath="$out/data" Logging__LogLevel__Default=Warning \
  "Logging__LogLevel__Warta.Web.Discovery.Search=Information" dotnet Warta.dll --urls "$base") >"$out/warta.log" 2>&1 &
pid=$!
search_ready "$out/warta.log" "$pid" || die "the index was not ready"
ready=$(grep -m1 "Search index ready" "$out/warta.log")
indexed=$(sed -n 's/.*ready: \([0-9]*\) stories.*/\1/p' <<<"$ready")
index_seconds=$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' <<<"$ready")
# The writer's background merges go on after the ready line; measured during them, searches share the cores with them.
sleep "$SETTLE"
index_bytes=$(du -sb "$out/data/search" | cut -f1)

# Words generated and demo stories use; one or two per query, some quoted.
cat >"$out/search.lua" <<'LUA'
local words = { "saham", "bank", "rupiah", "investasi", "kerja sama", "emas", "inflasi", "ekspor", "pasar", "harga",
  "\"suku bunga\"", "pertumbuhan ekonomi", "obligasi", "dividen", "bursa", "energi", "pajak", "kredit", "BBCA", "LQ45" }
math.randomseed(os.time())
request = function()
  local q = words[math.random(#words)]
  if math.random() < 0.3 then q = q .. " " .. words[math.random(#words)] end
  q = q:gsub(" ", "+"):gsub("\"", "%%22")
  local until_day = string.format("%d-%02d-%02d", math.random(2030, 2099), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", "/cari?q=" .. q .. "&sampai=" .. until_day)
end
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2fms\n", latency:percentile(95) / 1000))
end
LUA

measure() {  # connections → "rps p50 p95" (the script's done() prints the 95th percentile)
  wrk -t"$THREADS" -c"$1" -d3s -s "$out/search.lua" "$base" >/dev/null
  wrk -t"$THREADS" -c"$1" -d"$DURATION" --latency -s "$out/search.lua" "$base" >"$out/wrk.txt"
  grep -q "Non-2xx" "$out/wrk.txt" && die "/cari answered non-2xx under load: $(cat "$out/wrk.txt")"
  awk '/^Requests\/sec:/ { r = $2 } /^ +50%/ { p50 = $2 } /^P95/ { p95 = $2 } END { print r, p50, p95 }' "$out/wrk.txt"
}

rows=""
for c in $CONNECTIONS; do
  say "wrk: /cari with $c concurrent readers, $ROUNDS rounds"
  rounds=()
  for ((i = 1; i <= ROUNDS; i++)); do rounds+=("$(measure "$c")"); done
  printf '%s\n' "${rounds[@]}" >&2
  # The middle round by median latency; of an even number, the slower of the two middle ones (never the best round).
  read -r rps p50 p95 < <(printf '%s\n' "${rounds[@]}" | sort -k2 -n | sed -n "$((ROUNDS / 2 + 1))p")
  rows+="| $c readers: searches/s | $rps |"$'\n'"| $c readers: latency p50 | $p50 |"$'\n'"| **$c readers: latency p95** | $p95 |"$'\n'
done

section=$(cat <<EOF2
## Search ($([[ $DB == postgres ]] && echo PostgreSQL || echo SQLite))

- Date: $(date -u '+%Y-%m-%d %H:%M') UTC; ${BUILD:+build $BUILD, not }commit \`$(git -C "$root" rev-parse --short HEAD)\`; $(nproc) cores shared with wrk
  (load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)).
- Command: \`DB=$DB bench/search.sh\` (ARTICLES=$ARTICLES, DURATION=$DURATION, ROUNDS=$ROUNDS, \`wrk -t$THREADS\`, CONNECTIONS="$CONNECTIONS"), Release build.
- Database: **$database**, $(awk -v b="$db_bytes" 'BEGIN { printf "%.1f GB", b / 1073741824 }') on disk; seeded (\`seed-demo --articles $ARTICLES\`) in $seed_seconds s.

| Figure | Value |
|---|---:|
| Stories in the index | $indexed |
| Index built from the database at start | $index_seconds s |
| Index size on disk | $(awk -v b="$index_bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }') |
${rows%$'\n'}

Each request is a different search (one or two words, some quoted phrases, a ticker), never served from the page cache.
EOF2
)

if [[ $REPORT != 1 ]]; then printf '%s\n' "$section"; exit 0; fi
marker=search-bench$([[ $DB == sqlite ]] || echo -postgres)
write_section "$report" "<!-- $marker:begin -->" "<!-- $marker:end -->" "$section"
say "wrote $report"
