#!/usr/bin/env bash
# Memory and start of one Warta node (Release, SQLite): the time from starting the process to the first page served,
# resident memory idle and under load at ARTICLES stories, and a soak of DURATION seconds of mixed traffic — readers on
# the home page, articles and channel pages (wrk), ticker readers on the Server-Sent Events stream, quote batches posted
# over HTTP with an API key, and a signed-in editor saving a story — sampling VmRSS from /proc/PID/status every SAMPLE
# seconds. Reports start, end and highest RSS and whether it grew (a least-squares line through the second half of the
# samples). Writes its section of docs/benchmarks.md between <!-- soak-bench:begin --> and <!-- soak-bench:end -->.
#
#   bench/soak.sh                                  100,000 generated stories, a 10-minute soak
#   ARTICLES=1000 DURATION=60 bench/soak.sh        a 1-minute try
#   SEED_DIR=/path/to/kept/seed bench/soak.sh      reuse a database seeded earlier (seeding 100,000 takes minutes)
set -euo pipefail

ARTICLES=${ARTICLES:-100000}
# The seeded database is kept here and copied for each run (RESEED=1 seeds afresh).
DURATION=${DURATION:-600}        # seconds of mixed traffic
SAMPLE=${SAMPLE:-2}              # seconds between RSS samples
READERS=${READERS:-16}           # wrk connections on the pages
TICKER_READERS=${TICKER_READERS:-50}
INGEST_EVERY=${INGEST_EVERY:-1}  # seconds between quote batches (100 quotes each)
SAVE_EVERY=${SAVE_EVERY:-3}      # seconds between the editor's saves
GROWTH_LIMIT_MIB=${GROWTH_LIMIT_MIB:-1}  # MiB a minute over the second half that counts as growth

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/soak"
SEED_DIR=${SEED_DIR:-$root/bench/out/seed-$ARTICLES}
report="$root/docs/benchmarks.md"
logs="$out/logs"

pids=()
cleanup() {
  local rc=$? pid
  set +e
  # The traffic first, then Warta (the last started first); the traffic loops are subshells: their running curl goes
  # with them. The shell's "Terminated" notices are not news.
  {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do pkill -P "${pids[i]}"; kill "${pids[i]}"; done
    for pid in "${pids[@]}"; do wait "$pid"; done
  } 2>/dev/null
  [[ $rc -eq 0 ]] || echo "bench/soak.sh: failed (exit $rc); logs in $logs" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench/soak.sh: $*" >&2; exit 1; }
rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f MiB", b / 1048576 }'; }
source "$root/bench/section.sh"  # write_section, free_port, seeded_copy, search_ready
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (apt-get install sqlite3)"

say "building Warta (Release)"
rm -rf "$out"
mkdir -p "$logs" "$out/data"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$logs/build.log" 2>&1 \
  || { tail -n 40 "$logs/build.log" >&2; die "Warta did not build"; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Warta__DataPath="$out/data" Warta__Demo__SeedOnEmpty=false

seeded_copy "$out/warta" "$SEED_DIR" "$ARTICLES" "$out/data" "$logs/seed.log" || die "seed-demo failed"
stories=$(sqlite3 "$out/data/warta.db" "SELECT COUNT(*) FROM Articles WHERE Status = 'Published'")
key=$(cd "$out/warta" && dotnet Warta.dll apikey create --name soak --scope newsroom 2>>"$logs/seed.log" | tail -n 1)
[[ $key == wk_* ]] || die "no API key (see $logs/seed.log)"
email="soak-$(date +%s)@warta.local"; password="soak-kata-sandi-panjang"
(cd "$out/warta" && dotnet Warta.dll users add --email "$email" --name "Editor Soak" --role editor --password "$password") \
  >>"$logs/seed.log" 2>&1 || die "users add failed"

# ---------------------------------------------------------------- start to first page
port=$(free_port)
base="http://127.0.0.1:$port"
say "starting Warta; timing start to the first page served"
started=$(date +%s%N)
# The search category at Information says when the index (built in the background at start) is ready.
(cd "$out/warta" && exec env Logging__LogLevel__Default=Warning "Logging__LogLevel__Warta.Web.Discovery.Search=Information" \
  Warta__Staff__LoginAttemptsPerMinute=100 dotnet Warta.dll --urls "$base") >"$logs/warta.log" 2>&1 &
pid=$!
pids+=("$pid")
first_page=""
for _ in $(seq 1 6000); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/" 2>/dev/null) == 200 ]]; then
    first_page=$(( ($(date +%s%N) - started) / 1000000 )); break
  fi
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logs/warta.log" >&2; die "Warta exited"; }
  sleep 0.05
done
[[ -n $first_page ]] || die "no page within 5 minutes"
rss_started=$(rss "$pid")
# Rebuilding the index of every story takes a while and a core; pages measured meanwhile would measure the rebuild too.
say "waiting for the search index"
search_ready "$logs/warta.log" "$pid" || die "Warta's search index was not built"
search_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# ---------------------------------------------------------------- the traffic
curl -fsS "$base/" -o "$out/home.html"
mapfile -t articles < <(grep -o 'href="/berita/[^"#?]*' "$out/home.html" | sed 's/^href="//' | sort -u | head -n 40)
mapfile -t channels < <(grep -o 'href="/kanal/[^"#?]*' "$out/home.html" | sed 's/^href="//' | sort -u)
((${#articles[@]} > 0)) || die "no /berita/ links on the home page"
((${#channels[@]} > 0)) || die "no /kanal/ links on the home page"
# Older stories too, not only the home page's: a spread of the archive.
mapfile -t -O "${#articles[@]}" articles < <(sqlite3 "$out/data/warta.db" \
  "SELECT '/berita/' || Slug FROM Articles WHERE Status = 'Published' AND Premium = 0 ORDER BY random() LIMIT 200")
code=$(curl -s -o /dev/null -w '%{http_code}' "$base${articles[-1]}")
[[ $code == 200 ]] || die "an archive story ${articles[-1]} answered $code"

# Readers: home one request in five, channels one in five, articles the rest.
{
  echo 'local paths = {'
  for p in "${articles[@]}"; do printf '"%s",' "$p"; done
  echo '}'
  echo 'local channels = {'
  for p in "${channels[@]}"; do printf '"%s",' "$p"; done
  echo '}'
  cat <<'LUA'
local n = 0
request = function()
  n = n + 1
  local r = n % 10
  if r < 2 then return wrk.format("GET", "/") end
  if r < 4 then return wrk.format("GET", channels[(n % #channels) + 1]) end
  return wrk.format("GET", paths[(n * 7919 % #paths) + 1])
end
LUA
} >"$out/readers.lua"

# Quote batches: 100 minute quotes of five instruments of this run's own, each batch a minute later.
for i in 1 2 3 4 5; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data "{\"label\":\"Soak $i\",\"kind\":\"index\",\"decimals\":2,\"unit\":\"poin\",\"order\":$((90 + i)),\"inTicker\":true,\"jumpHoldPercent\":1000}" \
    "$base/api/admin/instruments/SOAK$i")
  [[ $code == 2* ]] || die "PUT /api/admin/instruments/SOAK$i answered $code"
done
ingest() {
  local batch=0 minute body code ok=0 failed=0
  while :; do
    body="["
    for ((m = 0; m < 20; m++)); do
      minute=$(date -u -d "@$(( $(date +%s) - 86400 * 20 + (batch * 20 + m) * 60 ))" '+%Y-%m-%dT%H:%M:00Z')
      for i in 1 2 3 4 5; do
        body+="{\"symbol\":\"SOAK$i\",\"value\":$((1000 + (batch + m + i) % 37)).25,\"at\":\"$minute\"},"
      done
    done
    body="${body%,}]"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      --data "$body" "$base/api/markets/quotes")
    if [[ $code == 2* ]]; then ok=$((ok + 1)); else failed=$((failed + 1)); echo "quotes: $code" >>"$logs/ingest-errors.log"; fi
    echo "$ok $failed" >"$out/ingest.count"
    batch=$((batch + 1))
    sleep "$INGEST_EVERY"
  done
}

# The editor: signs in, then saves one story again and again (each save a revision).
jar="$out/cookies"
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
login_token=$(curl -sS -c "$jar" -b "$jar" "$base/redaksi/masuk" | token_of)
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$base/redaksi/masuk" \
  --data-urlencode "Email=$email" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$login_token")
[[ $code == 302 ]] || die "the editor's sign-in answered $code"
words="Bank Indonesia menahan suku bunga acuan di tengah tekanan nilai tukar rupiah dan arus modal asing yang keluar dari pasar obligasi"
body=""; for i in $(seq 1 20); do body+="<p>Paragraf $i. $words $words $words.</p>"; done
printf '%s' "$body" >"$out/body.html"
story="$base/redaksi/sunting/$(cat /proc/sys/kernel/random/uuid)"
saves() {
  local ok=0 failed=0 n=0 token version code
  while :; do
    n=$((n + 1))
    curl -sS -b "$jar" -c "$jar" "$story" -o "$out/editor.html" || true
    token=$(sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' "$out/editor.html" | head -n 1)
    version=$(sed -n 's/.*name="Form.Version" value="\([0-9]*\)".*/\1/p' "$out/editor.html" | head -n 1)
    code=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' "$story" \
      --data-urlencode "Form.Title=Suku Bunga Acuan Ditahan, Rupiah Tertekan" --data-urlencode "Form.Channel=ekonomi" \
      --data-urlencode "Form.Kind=News" --data-urlencode "Form.Tags=bank indonesia, rupiah, suku bunga" \
      --data-urlencode "Form.Reporters=Dewi Lestari" --data-urlencode "Form.Dateline=Jakarta" \
      --data-urlencode "Form.Summary=Ringkasan simpanan $n" --data-urlencode "Form.Body@$out/body.html" \
      --data-urlencode "Form.Version=${version:-}" --data-urlencode "action=simpan" --data-urlencode "__RequestVerificationToken=$token")
    if [[ $code == 302 ]]; then ok=$((ok + 1)); else failed=$((failed + 1)); echo "save: $code" >>"$logs/save-errors.log"; fi
    echo "$ok $failed" >"$out/saves.count"
    sleep "$SAVE_EVERY"
  done
}

# Ticker readers: each holds the stream open and reconnects when it ends, as a browser does.
ticker_reader() {
  while :; do curl -sS -N --max-time 60 -o /dev/null "$base/indikator/langsung" 2>/dev/null || true; sleep 1; done
}

say "warming up (20 s of readers)"
wrk -t2 -c"$READERS" -d20s -s "$out/readers.lua" "$base" >"$out/wrk-warmup.txt"
rss_warm=$(rss "$pid")

say "soak: $DURATION s of mixed traffic; RSS every $SAMPLE s"
echo "0 $rss_warm" >"$out/rss.txt"
soak_start=$(date +%s)
wrk -t2 -c"$READERS" -d"${DURATION}s" --timeout 30s --latency -s "$out/readers.lua" "$base" >"$out/wrk.txt" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
for ((i = 0; i < TICKER_READERS; i++)); do ticker_reader & pids+=($!); done
ingest & pids+=($!)
saves & pids+=($!)
while :; do
  sleep "$SAMPLE"
  now=$(( $(date +%s) - soak_start ))
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$logs/warta.log" >&2; die "Warta exited during the soak"; }
  echo "$now $(rss "$pid")" >>"$out/rss.txt"
  ((now < DURATION)) || break
done
wait "$wrk_pid" 2>/dev/null || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r ingest_ok ingest_failed <"$out/ingest.count"
read -r saves_ok saves_failed <"$out/saves.count"

# ---------------------------------------------------------------- figures
read -r rss_start rss_end rss_max slope <<<"$(awk '
  { t[NR] = $1; r[NR] = $2; if ($2 > max) max = $2 }
  END {
    half = int(NR / 2) + 1; n = 0
    for (i = half; i <= NR; i++) { n++; sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
    d = n * sxx - sx * sx
    slope = (d > 0) ? (n * sxy - sx * sy) / d : 0     # bytes a second
    printf "%d %d %d %.6f\n", r[1], r[NR], max, slope * 60 / 1048576
  }' "$out/rss.txt")"
grew=$(awk -v s="$slope" -v l="$GROWTH_LIMIT_MIB" 'BEGIN { print (s > l) ? "yes" : "no" }')
rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out/wrk.txt")
p50=$(awk '/^ +50%/ { print $2 }' "$out/wrk.txt")
p99=$(awk '/^ +99%/ { print $2 }' "$out/wrk.txt")
read_errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$out/wrk.txt")
warnings=$( { grep -aE '^(warn|fail|crit):' "$logs/warta.log" || true; } | sed -E 's/\[[0-9]+\].*//' | sort | uniq -c \
  | awk '{ printf "%s%s × %s `%s`", (NR > 1 ? ", " : ""), $1, $2, $3 }')

summary=$(cat <<EOF
| Figure | Value |
|---|---:|
| Stories (published) | $stories |
| Start to first page served (process start → \`/\` answered 200) | $first_page ms |
| RSS right after the first page | $(mib "$rss_started") |
| Start to search index ready (measuring begins only then) | $search_ms ms |
| RSS after a 20 s warm-up of readers | $(mib "$rss_warm") |
| RSS at the start / end of the soak | $(mib "$rss_start") / $(mib "$rss_end") |
| Highest RSS during the soak | $(mib "$rss_max") |
| RSS trend over the second half (least squares) | $(awk -v s="$slope" 'BEGIN { printf "%+.2f MiB/min", s }') |
| **Grew** (trend above $GROWTH_LIMIT_MIB MiB/min) | **$grew** |
| Page requests/s (wrk, $READERS connections), p50 / p99 | $(awk -v r="$rps" 'BEGIN { printf "%.0f", r }') ($p50 / $p99) |
| Page errors (non-2xx, socket) | $read_errors |
| Quote batches (100 quotes) posted / failed | $ingest_ok / $ingest_failed |
| Story saves / failed | $saves_ok / $saves_failed |
EOF
)
printf '\n%s\n' "$summary" >&2

section=$(cat <<EOF
<!-- bench/soak.sh writes everything between these markers. -->
## Memory, start and a soak

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$(git -C "$root" rev-parse --short HEAD)\`; $(nproc) cores shared by Warta and its
  load (load average after: $load_after).
- Command: \`ARTICLES=$ARTICLES DURATION=$DURATION bench/soak.sh\`: one node, Release, SQLite, output cache on.
- Traffic for $DURATION s: wrk with $READERS connections (home 20%, channel pages 20%, articles 60% over $(( ${#articles[@]} )) stories
  from the home page and across the archive), $TICKER_READERS readers on the ticker stream \`/indikator/langsung\` (reconnecting
  every 60 s), a batch of 100 quotes every $INGEST_EVERY s over HTTP with an API key, and a signed-in editor saving a
  2,000-word story every $SAVE_EVERY s (a revision each). RSS is VmRSS from \`/proc/PID/status\` every $SAMPLE s.

$summary

Warning-or-worse entries in the log: ${warnings:-none}. Samples in \`bench/out/soak/rss.txt\` (seconds, bytes).
EOF
)
[[ -f $report ]] || printf '# Benchmarks\n' >"$report"
write_section "$report" '<!-- soak-bench:begin -->' '<!-- soak-bench:end -->' "$section"
say "wrote $report"
