#!/usr/bin/env bash
# Load run of the reader site: seeds a fresh SQLite database, then drives Warta and a bare Kestrel
# serving the same bytes from memory (bench/Baseline) with wrk on loopback, and writes docs/benchmarks.md.
#
#   bench/run.sh                      10,000 generated articles, 3 rounds of 10 s per scenario
#   ARTICLES=2000 DURATION=5s bench/run.sh
#   SMOKE=1 bench/run.sh              the smoke run scripts/test.sh makes (below)
#   DB=postgres bench/run.sh          on a throwaway PostgreSQL (own server on a free loopback port, stopped on exit)
#   SEED_DIR=/path ARTICLES=100000 bench/run.sh   start from a database seeded before (see seeded_copy in bench/section.sh)
#
# The seeded database is kept in SEED_DIR (by default bench/out/run-seed-$ARTICLES, run-seed-pg-$ARTICLES on PostgreSQL)
# and each run starts from a copy of it; RESEED=1 seeds afresh.
#
# It prints the ratios against the aims and exits non-zero when an aim is missed (after writing its figures):
# cached home, article (plain and Brotli) and channel ≥ 90% of the in-memory baseline, uncached home, article and channel ≥ 20%,
# the heavier page under 60 KB of HTML + CSS + JS.
#
# SMOKE=1: a Debug build, 200 generated articles, one 1 s round of every scenario at 8 connections, no warm-up, into
# bench/out/smoke/. It checks only that every scenario answered 200 with the full page (no non-2xx answer or socket
# error under load, at least the page's bytes per response) and that Warta logged no error; it never fails on a ratio
# and does not touch docs/benchmarks.md.
#
# Everything it builds and writes goes to bench/out/ (ignored by git), except docs/benchmarks.md.
set -euo pipefail

SMOKE=${SMOKE:-0}
if [[ $SMOKE == 1 ]]; then
  ARTICLES=${ARTICLES:-200}; DURATION=${DURATION:-1s}; ROUNDS=${ROUNDS:-1}; WARMUP=${WARMUP:-0}
  THREADS=${THREADS:-1}; CONNECTIONS=${CONNECTIONS:-8}; CONFIGURATION=${CONFIGURATION:-Debug}
fi
ARTICLES=${ARTICLES:-10000}
DB=${DB:-sqlite}
[[ $DB == sqlite || $DB == postgres ]] || { echo "bench: DB is sqlite or postgres" >&2; exit 1; }
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3s}   # 0: no warm-up
TIMEOUT=${TIMEOUT:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
CONFIGURATION=${CONFIGURATION:-Release}
PAGE_AIM_BYTES=$((60 * 1024))
CACHED_AIM=0.90     # cached pages, of the in-memory baseline (issue 14)
UNCACHED_AIM=0.20   # uncached home, article and channel, of the in-memory baseline

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out"
[[ $SMOKE != 1 ]] || out="$root/bench/out/smoke"
report="$root/docs/benchmarks.md"
logs="$out/logs"
pages="$out/pages"
results="$out/results"
SEED_DIR=${SEED_DIR:-$out/run-seed$([[ $DB == sqlite ]] || echo -pg)-$ARTICLES}
[[ $SMOKE != 1 ]] || RESEED=1

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  pids=()
}
aims_missed=0
on_exit() {
  local rc=$?
  stop_all
  pg_stop
  if [[ $rc -ne 0 && $aims_missed -gt 0 ]]; then
    echo "bench: $aims_missed aim(s) not met (figures written to $report)" >&2
  elif [[ $rc -ne 0 ]]; then
    echo "bench: failed (exit $rc); server logs are in $logs" >&2
  fi
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

source "$root/bench/section.sh"  # free_port, seeded_copy, search_ready, pg_stop

wait_for() {  # url, pid, log
  local url=$1 pid=$2 log=$3 i
  for i in $(seq 1 240); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$log" >&2 || true
      die "server (pid $pid) exited before $url answered"
    fi
    sleep 0.5
  done
  tail -n 40 "$log" >&2 || true
  die "$url did not answer within 120 s"
}

fetch() {  # url, file: the exact bytes, failing unless 200
  local url=$1 file=$2 code
  code=$(curl -sS -o "$file" -D "$file.headers" -w '%{http_code}' "$url")
  [[ $code == 200 ]] || die "GET $url answered $code"
}

# ---------------------------------------------------------------- tools
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  say "installing ${need[*]} from Debian's packages"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [[ $ARTICLES -gt 0 ]] && ! compgen -G "$root/src/Warta.Web/Demo/articles-*.json" >/dev/null; then
  die "no demo stories in src/Warta.Web/Demo/articles-*.json to generate $ARTICLES articles from"
fi

# ---------------------------------------------------------------- build
say "building Warta and the baseline ($CONFIGURATION)"
rm -rf "$out/warta" "$out/baseline" "$out/data" "$logs" "$pages" "$results"
mkdir -p "$logs" "$pages" "$results" "$out/data"
# publish, as an operator deploys it: a Release build in a folder of its own.
dotnet publish "$root/src/Warta.Web" -c "$CONFIGURATION" -o "$out/warta" -nologo -v quiet >"$logs/build-warta.log" 2>&1 \
  || { tail -n 40 "$logs/build-warta.log" >&2; die "Warta did not build"; }
dotnet build "$root/bench/Baseline" -c "$CONFIGURATION" -o "$out/baseline" -nologo -v quiet >"$logs/build-baseline.log" 2>&1 \
  || { tail -n 40 "$logs/build-baseline.log" >&2; die "the baseline did not build"; }

export Warta__DataPath="$out/data"
export Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# ---------------------------------------------------------------- data
seed_cmd="dotnet Warta.dll seed-demo --articles $ARTICLES"
# Run from the published folder, as a deployment would.
seeded_copy "$out/warta" "$SEED_DIR" "$ARTICLES" "$out/data" "$logs/seed.log" || die "seed-demo failed"
seed_seconds=$(cat "$SEED_DIR/seed-seconds" 2>/dev/null || echo "?")
if [[ $DB == postgres ]]; then
  database="PostgreSQL $(as_postgres "$PG_BIN/postgres" --version | awk '{ print $3 }') ($PG_SETTINGS)"
  db_bytes=$(du -sb "$SEED_DIR/pg" | cut -f1)
  db_files="the PostgreSQL data folder"
else
  database="SQLite"
  db_bytes=$( (du -cb "$out/data"/warta.db* 2>/dev/null || true) | tail -n 1 | cut -f1)
  db_files="\`warta.db\` with its WAL"
fi
echo "seeded in ${seed_seconds}s; database ${db_bytes} bytes" >&2

# ---------------------------------------------------------------- servers
warta_pid=""
start_warta() {  # cache-enabled (true|false), log
  warta_port=$(free_port)
  # The search index is built in the background at start; measuring before it is ready would measure the build too.
  (cd "$out/warta" && exec env Warta__Cache__Enabled=$1 Warta__Demo__SeedOnEmpty=false \
    "Logging__LogLevel__Warta.Web.Discovery.Search=Information" dotnet Warta.dll --urls "http://127.0.0.1:$warta_port") >"$2" 2>&1 &
  warta_pid=$!
  pids+=("$warta_pid")
  wait_for "http://127.0.0.1:$warta_port/healthz" "$warta_pid" "$2"
  search_ready "$2" "$warta_pid" || die "Warta's search index was not built"
}
stop_warta() {
  kill "$warta_pid" 2>/dev/null || true
  wait "$warta_pid" 2>/dev/null || true
}

# wrk once per scenario; keeps the full output and the figures in results/<name>.*
declare -A rps p50 p99 errors bytes_per_request
measure() {  # name, url, [request header, e.g. "Accept-Encoding: br"]
  local name=$1 url=$2 file="$results/$1.txt" header=()
  [[ -z ${3:-} ]] || header=(-H "$3")
  say "wrk $name: $url ${3:-}"
  if [[ $WARMUP != 0 ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" "${header[@]}" "$url" >"$results/$name.warmup.txt"
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency "${header[@]}" "$url" | tee "$file" >&2
  rps[$name]=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
  # wrk prints 0.00us when no request completed.
  p50[$name]=$(awk '/^ +50%/ { print ($2 == "0.00us") ? "n/a" : $2 }' "$file")
  p99[$name]=$(awk '/^ +99%/ { print ($2 == "0.00us") ? "n/a" : $2 }' "$file")
  errors[$name]=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$file")
  bytes_per_request[$name]=$(awk '
    / requests in / { requests = $1 }
    / read$/ { v = $(NF-1); u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v);
               m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1; total = v * m }
    END { if (requests > 0) printf "%.0f", total / requests }' "$file")
}

# A Warta scenario and its baseline, measured back to back ROUNDS times; the round with the median ratio is reported
# (this machine is shared, and one sample of each is too noisy to compare).
declare -A round_ratios
pair() {  # baseline name, baseline url, warta name, warta url, [request header for Warta]
  local i ratios=() chosen
  for ((i = 1; i <= ROUNDS; i++)); do
    measure "$1-r$i" "$2"
    measure "$3-r$i" "$4" "${5:-}"
    ratios+=("$(awk -v a="${rps[$3-r$i]}" -v b="${rps[$1-r$i]}" 'BEGIN { printf "%.4f", (b > 0) ? a / b : 0 }') $i")
  done
  chosen=$(printf '%s\n' "${ratios[@]}" | sort -n | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) { print $2 }')
  for key in rps p50 p99 errors bytes_per_request; do
    declare -n table=$key
    table[$1]=${table[$1-r$chosen]}
    table[$3]=${table[$3-r$chosen]}
    unset -n table
  done
  round_ratios[$3]=$(printf '%s\n' "${ratios[@]}" | awk '{ printf "%s%.0f%%", (NR > 1 ? ", " : ""), 100 * $1 }')
}

say "starting Warta (output cache on)"
start_warta true "$logs/warta-cached.log"
base="http://127.0.0.1:$warta_port"

fetch "$base/" "$pages/home.html"
slug_path=$(grep -o 'href="/berita/[^"#?]*' "$pages/home.html" | head -n 1 | sed 's/^href="//') || true
[[ -n $slug_path ]] || die "no /berita/ link on the home page"
fetch "$base$slug_path" "$pages/article.html"
# The channel page: the first channel the home page's navigation links to.
channel_path=$(grep -o 'href="/kanal/[^"#?]*' "$pages/home.html" | head -n 1 | sed 's/^href="//') || true
[[ -n $channel_path ]] || die "no /kanal/ link on the home page"
fetch "$base$channel_path" "$pages/channel.html"

# Every stylesheet and script the two pages link to, fetched once each (site.css?v=…, site.js?v=…).
mapfile -t assets < <(cat "$pages/home.html" "$pages/article.html" \
  | grep -oE '(href|src)="/[^"]*\.(css|js)(\?[^"]*)?"' | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g' | sort -u)
declare -A asset_bytes
for asset in "${assets[@]}"; do
  name=$(basename "${asset%%\?*}")
  fetch "$base$asset" "$pages/$name"
  asset_bytes[$asset]=$(wc -c <"$pages/$name")
done

say "starting the baseline"
baseline_port=$(free_port)
dotnet "$out/baseline/Baseline.dll" --urls "http://127.0.0.1:$baseline_port" \
  --page "/=$pages/home.html" --page "/article=$pages/article.html" --page "/channel=$pages/channel.html" >"$logs/baseline.log" 2>&1 &
baseline_pid=$!
pids+=("$baseline_pid")
wait_for "http://127.0.0.1:$baseline_port/" "$baseline_pid" "$logs/baseline.log"
cmp -s <(curl -fsS "http://127.0.0.1:$baseline_port/article") "$pages/article.html" || die "the baseline does not serve the article bytes"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Each Warta scenario right after the baseline for the same bytes, so both see the same machine.
pair baseline-home-1 "http://127.0.0.1:$baseline_port/" warta-home-cached "$base/"
pair baseline-article-1 "http://127.0.0.1:$baseline_port/article" warta-article-cached "$base$slug_path"
# As a browser asks: the cached page is stored compressed per encoding, so this must not be slower than the plain one.
pair baseline-article-br "http://127.0.0.1:$baseline_port/article" warta-article-cached-br "$base$slug_path" "Accept-Encoding: gzip, deflate, br, zstd"
pair baseline-channel-1 "http://127.0.0.1:$baseline_port/channel" warta-channel-cached "$base$channel_path"
stop_warta

say "restarting Warta with Warta__Cache__Enabled=false"
start_warta false "$logs/warta-uncached.log"
base="http://127.0.0.1:$warta_port"
fetch "$base/" "$pages/home-uncached.html"
fetch "$base$slug_path" "$pages/article-uncached.html"
fetch "$base$channel_path" "$pages/channel-uncached.html"
pair baseline-home-2 "http://127.0.0.1:$baseline_port/" warta-home-uncached "$base/"
pair baseline-article-2 "http://127.0.0.1:$baseline_port/article" warta-article-uncached "$base$slug_path"
pair baseline-channel-2 "http://127.0.0.1:$baseline_port/channel" warta-channel-uncached "$base$channel_path"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stop_warta
stop_all

# Warning-or-worse log entries while serving, as "count category" (empty when there were none).
server_warnings=$(cat "$logs"/warta-*.log | { grep -aE '^(warn|fail|crit):' || true; } | sed -E 's/\[[0-9]+\].*//' \
  | sort | uniq -c | awk '{ printf "%s%s × %s `%s`", (NR > 1 ? ", " : ""), $1, $2, $3 }')

# ---------------------------------------------------------------- report
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else if (a < b / 10) printf "%.1f%%", 100 * a / b; else printf "%.0f%%", 100 * a / b }'; }
ratio_value() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", a / b; else print 0 }'; }
rounded() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
kb() { awk -v a="$1" 'BEGIN { printf "%.1f KB", a / 1024 }'; }
gz() { gzip -9 -c "$1" | wc -c; }
times() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f×", a / b; else print "n/a" }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? "met" : "**not met**" }'; }

row() {  # label, scenario, baseline scenario
  local note=""
  [[ ${errors[$2]} == 0 ]] || note=" (${errors[$2]} errors)"
  printf '| %s | %s%s | %s | %s | %s | %s |\n' "$1" "$(rounded "${rps[$2]}")" "$note" "${p50[$2]}" "${p99[$2]}" \
    "$(ratio "${rps[$2]}" "${rps[$3]}")" "${bytes_per_request[$2]}"
}

home_bytes=$(wc -c <"$pages/home.html")
article_bytes=$(wc -c <"$pages/article.html")
channel_bytes=$(wc -c <"$pages/channel.html")
# A page weighs its HTML and the stylesheets and scripts it links to itself (a story's own stylesheet is not the home page's).
page_assets_bytes() {  # html file
  local total=0 asset
  while read -r asset; do
    [[ -n $asset ]] && total=$((total + asset_bytes[$asset]))
  done < <(grep -oE '(href|src)="/[^"]*\.(css|js)(\?[^"]*)?"' "$1" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g' | sort -u)
  echo "$total"
}
home_total=$((home_bytes + $(page_assets_bytes "$pages/home.html")))
article_total=$((article_bytes + $(page_assets_bytes "$pages/article.html")))
heaviest=$((home_total > article_total ? home_total : article_total))
weight_verdict=$([[ $heaviest -lt $PAGE_AIM_BYTES ]] && echo "met" || echo "**not met**")

# The aims: label, Warta scenario, its baseline, least ratio. Each is printed, and a miss makes the exit status non-zero.
aims=(
  "Cached home ≥ $(ratio "$CACHED_AIM" 1) of the in-memory baseline|warta-home-cached|baseline-home-1|$CACHED_AIM"
  "Cached article ≥ $(ratio "$CACHED_AIM" 1) of the in-memory baseline|warta-article-cached|baseline-article-1|$CACHED_AIM"
  "Cached article with Brotli ≥ $(ratio "$CACHED_AIM" 1) of the in-memory baseline|warta-article-cached-br|baseline-article-br|$CACHED_AIM"
  "Uncached home ≥ $(ratio "$UNCACHED_AIM" 1) of the in-memory baseline|warta-home-uncached|baseline-home-2|$UNCACHED_AIM"
  "Uncached article ≥ $(ratio "$UNCACHED_AIM" 1) of the in-memory baseline|warta-article-uncached|baseline-article-2|$UNCACHED_AIM"
  "Cached channel ≥ $(ratio "$CACHED_AIM" 1) of the in-memory baseline|warta-channel-cached|baseline-channel-1|$CACHED_AIM"
  "Uncached channel ≥ $(ratio "$UNCACHED_AIM" 1) of the in-memory baseline|warta-channel-uncached|baseline-channel-2|$UNCACHED_AIM"
)
aim_rows=""
for aim in "${aims[@]}"; do
  IFS='|' read -r label scenario baseline least <<<"$aim"
  measured=$(ratio_value "${rps[$scenario]}" "${rps[$baseline]}")
  met=$(verdict "$measured" "$least")
  [[ $met == met ]] || aims_missed=$((aims_missed + 1))
  aim_rows+="| $label | $(ratio "${rps[$scenario]}" "${rps[$baseline]}") | $met |"$'\n'
done
[[ $weight_verdict == met ]] || aims_missed=$((aims_missed + 1))
aim_rows+="| Page under 60 KB HTML + CSS + JS (61,440 bytes) | heaviest page $heaviest bytes ($(kb "$heaviest")) | $weight_verdict |"
aims_table=$(printf '| Aim | Measured | |\n|---|---|---|\n%s' "$aim_rows")
printf '\n%s\n\n' "$aims_table" >&2
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$( [[ -n $(git -C "$root" status --porcelain -- src 2>/dev/null) ]] && echo " (with uncommitted changes in src/)" || true)
sdk=$(dotnet --version)
runtime=$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }')
wrk_version=$( (wrk -v 2>&1 || true) | awk 'NR == 1 { print $2 }')

# ---------------------------------------------------------------- smoke: answers, not speed
if [[ $SMOKE == 1 ]]; then
  aims_missed=0   # the ratios above are not judged in a smoke run
  problems=()
  smoke_check() {  # scenario, least bytes per response
    local name=$1 least=$2
    if [[ ${errors[$name]} != 0 ]]; then problems+=("$name: ${errors[$name]} non-2xx answers or socket errors under load")
    elif awk -v r="${rps[$name]}" 'BEGIN { exit !(r <= 0) }'; then problems+=("$name: no request completed")
    # wrk rounds what it read to two decimals (0.93GB over 36,378 answers is ±140 bytes each): a page, not an error page, is what counts.
    elif [[ ${bytes_per_request[$name]:-0} -lt $((least * 98 / 100)) ]]; then problems+=("$name: ${bytes_per_request[$name]:-0} bytes per response, the page has $least")
    fi
  }
  for n in 1 2; do
    smoke_check "baseline-home-$n" "$home_bytes"; smoke_check "baseline-article-$n" "$article_bytes"; smoke_check "baseline-channel-$n" "$channel_bytes"
  done
  smoke_check baseline-article-br "$article_bytes"
  smoke_check warta-home-cached "$home_bytes"
  smoke_check warta-article-cached "$article_bytes"
  smoke_check warta-article-cached-br 1024   # compressed: smaller than the page, but a page
  smoke_check warta-home-uncached "$(wc -c <"$pages/home-uncached.html")"
  smoke_check warta-article-uncached "$(wc -c <"$pages/article-uncached.html")"
  smoke_check warta-channel-cached "$channel_bytes"
  smoke_check warta-channel-uncached "$(wc -c <"$pages/channel-uncached.html")"
  server_errors=$(cat "$logs"/warta-*.log | { grep -aE '^(fail|crit):' -A 3 || true; })
  [[ -z $server_errors ]] || problems+=("Warta logged errors while serving:"$'\n'"$server_errors")
  echo "bench smoke: $ARTICLES articles, one ${DURATION} round per scenario at $CONNECTIONS connections (ratios not judged):" >&2
  for name in warta-home-cached warta-article-cached warta-article-cached-br warta-channel-cached warta-home-uncached warta-article-uncached warta-channel-uncached; do
    printf '  %-26s %8s req/s, %s bytes/response, %s errors\n' "$name" "$(rounded "${rps[$name]}")" "${bytes_per_request[$name]}" "${errors[$name]}" >&2
  done
  [[ -z $server_warnings ]] || echo "  warnings in Warta's logs (not judged): $server_warnings" >&2
  if ((${#problems[@]})); then
    printf 'bench smoke: FAILED\n' >&2
    printf '  %s\n' "${problems[@]}" >&2
    exit 1
  fi
  echo "bench smoke: passed (every scenario answered 200 with the full page; no errors logged)" >&2
  exit 0
fi

section=$(cat <<EOF
<!-- bench/run.sh writes everything between these markers; edit the script, not the figures. -->
## Latest run ($([[ $DB == postgres ]] && echo PostgreSQL || echo SQLite))

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Commit: \`$commit\`$dirty
- Machine: $(nproc) cores, $cpu, $memory memory, $(uname -sr)
- .NET SDK $sdk, ASP.NET Core runtime $runtime, wrk $wrk_version; Warta and wrk share the same cores.
- Data: $database, demo stories plus $ARTICLES generated articles; $db_files $(awk -v a="$db_bytes" 'BEGIN { printf "%.1f MB", a / 1048576 }') (demo images included; media live in the database).
- Seeding (\`seed-demo --articles $ARTICLES\`, migrations included, kept in \`$SEED_DIR\`): **${seed_seconds} s**.

### Throughput

\`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency URL\` on loopback, after a $WARMUP warm-up of the same;
each Warta scenario runs right after the baseline it is compared with, $ROUNDS rounds of the pair, and the table shows the round
with the median ratio. Ratios of every round: home cached ${round_ratios[warta-home-cached]}; article cached ${round_ratios[warta-article-cached]}; article cached with Brotli ${round_ratios[warta-article-cached-br]};
channel cached ${round_ratios[warta-channel-cached]}; home uncached ${round_ratios[warta-home-uncached]}; article uncached ${round_ratios[warta-article-uncached]}; channel uncached ${round_ratios[warta-channel-uncached]}.
Load average (1/5/15 min) before: $load_before; after: $load_after.
"Output cache off" is Warta restarted with \`Warta__Cache__Enabled=false\`: every request renders the page.
The baseline is \`bench/Baseline\`: Kestrel serving the exact bytes Warta answered (fetched from the running site)
from memory with \`Content-Type: text/html; charset=utf-8\` and nothing else. Ratio = Warta's requests/s over the
baseline's for the same bytes, measured in this run.

| Scenario | Requests/s | p50 | p99 | vs baseline | Bytes/response |
|---|---:|---:|---:|---:|---:|
$(row "Baseline home (in memory)" baseline-home-1 baseline-home-1)
$(row "**Warta home, output cache on**" warta-home-cached baseline-home-1)
$(row "Baseline article (in memory)" baseline-article-1 baseline-article-1)
$(row "**Warta article, output cache on**" warta-article-cached baseline-article-1)
$(row "Baseline article (in memory, again)" baseline-article-br baseline-article-br)
$(row "**Warta article, output cache on, Brotli**" warta-article-cached-br baseline-article-br)
$(row "Baseline channel (in memory)" baseline-channel-1 baseline-channel-1)
$(row "**Warta channel, output cache on**" warta-channel-cached baseline-channel-1)
$(row "Baseline home (in memory)" baseline-home-2 baseline-home-2)
$(row "**Warta home, output cache off**" warta-home-uncached baseline-home-2)
$(row "Baseline article (in memory)" baseline-article-2 baseline-article-2)
$(row "**Warta article, output cache off**" warta-article-uncached baseline-article-2)
$(row "Baseline channel (in memory)" baseline-channel-2 baseline-channel-2)
$(row "**Warta channel, output cache off**" warta-channel-uncached baseline-channel-2)

Article measured: \`$slug_path\` (the first article linked from the home page); channel: \`$channel_path\` (the first channel linked from it).
Bytes/response is wrk's bytes read over requests (headers included); it shows each server answered the full page.

### Page weight (before images)

| Resource | Bytes | gzip -9 |
|---|---:|---:|
| Home HTML (\`/\`) | $home_bytes | $(gz "$pages/home.html") |
| Article HTML (\`$slug_path\`) | $article_bytes | $(gz "$pages/article.html") |
| Channel HTML (\`$channel_path\`) | $channel_bytes | $(gz "$pages/channel.html") |
$(for asset in "${assets[@]}"; do printf '| `%s` | %s | %s |\n' "$asset" "${asset_bytes[$asset]}" "$(gz "$pages/$(basename "${asset%%\?*}")")"; done)
| **Home: HTML + CSS + JS** | **$home_total** ($(kb "$home_total")) | |
| **Article: HTML + CSS + JS** | **$article_total** ($(kb "$article_total")) | |

Warta sends Brotli or gzip to a browser that asks (the Brotli row above is the cached article as a browser asks for it;
its Bytes/response is what goes over the wire); the gzip column is for reference. The aim is measured on the uncompressed bytes.

### Against the aims

$aims_table

\`bench/run.sh\` exits non-zero when any of these is not met (after writing this section).

### Reading the figures

- The output cache multiplies Warta's throughput by $(times "${rps[warta-article-cached]}" "${rps[warta-article-uncached]}") on the article, by $(times "${rps[warta-home-cached]}" "${rps[warta-home-uncached]}") on the home page and by $(times "${rps[warta-channel-cached]}" "${rps[warta-channel-uncached]}") on the channel page.
- A cached hit is answered from the node's own copy (\`PageCopies\`) before routing and the output cache; it still passes
  Warta's exception handler, status-code pages, security headers and view counter: that, not rendering, is the gap to the baseline in the cached rows.
- Without the cache, each request renders the page and queries the database; at $CONNECTIONS connections the article's median
  latency is ${p50[warta-article-uncached]} against ${p50[baseline-article-2]} for the same bytes from memory.
- Seeding wrote $ARTICLES generated articles plus the demo set in ${seed_seconds} s ($(awk -v n="$ARTICLES" -v t="$seed_seconds" 'BEGIN { if (t + 0 > 0) printf "%.0f", n / t; else print "n/a" }') articles/s).
- Warning-or-worse entries in Warta's logs while serving: ${server_warnings:-none} (full logs in \`bench/out/logs/\`).
- Only ratios from one run are comparable: absolute requests/s move with whatever else this shared 2-core
  machine is doing, and wrk takes part of the same two cores.

### Commands

\`\`\`sh
ARTICLES=$ARTICLES ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP TIMEOUT=$TIMEOUT THREADS=$THREADS CONNECTIONS=$CONNECTIONS bench/run.sh
# which runs, in order:
dotnet publish src/Warta.Web -c Release -o bench/out/warta
dotnet build bench/Baseline -c Release -o bench/out/baseline
cd bench/out/warta
Warta__DataPath=../data $seed_cmd
Warta__DataPath=../data Warta__Demo__SeedOnEmpty=false dotnet Warta.dll --urls http://127.0.0.1:PORT
dotnet bench/out/baseline/Baseline.dll --urls http://127.0.0.1:PORT2 --page /=home.html --page /article=article.html --page /channel=channel.html
wrk -t$THREADS -c$CONNECTIONS -d$WARMUP --timeout $TIMEOUT URL     # warm-up, per scenario
wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency URL
# then Warta again with Warta__Cache__Enabled=false for the three uncached scenarios
\`\`\`

Raw wrk output, the fetched pages and the server logs stay in \`bench/out/\` (not committed).
EOF
)

marker=bench$([[ $DB == sqlite ]] || echo -postgres)
begin="<!-- $marker:begin -->"
end="<!-- $marker:end -->"
mkdir -p "$(dirname "$report")"
if [[ -f $report ]] && grep -qF "$begin" "$report" && grep -qF "$end" "$report"; then
  before=$(sed "/$begin/,\$d" "$report")
  after=$(sed "1,/$end/d" "$report")
else
  before=$(cat <<'EOF'
# Benchmarks

How fast Warta serves its reader pages, measured by `bench/run.sh` against Kestrel serving the same
bytes from memory in the same run. Aims: cached pages at ≥ 90% of that baseline, uncached home, article and
channel pages at ≥ 20%, and a page under 60 KB of HTML + CSS + JS before images.
EOF
)
  after=""
fi
{
  printf '%s\n\n%s\n%s\n%s\n' "$before" "$begin" "$section" "$end"
  [[ -z $after ]] || printf '%s\n' "$after"
} >"$report"

say "wrote $report"
if ((aims_missed > 0)); then exit 1; fi
echo "bench: every aim met" >&2
