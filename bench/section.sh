# Sourced by the bench scripts: write_section puts one script's section into docs/benchmarks.md between its two markers,
# in place when the markers are there and at the end when they are not, leaving every other section as it was;
# free_port names a loopback port nobody listens on (plain bash: a fresh machine may have no python).
write_section() {  # report file, begin marker, end marker, section text
  local report=$1 begin=$2 end=$3 section=$4 before after=""
  if grep -qF "$begin" "$report" && grep -qF "$end" "$report"; then
    before=$(sed "/$begin/,\$d" "$report")
    after=$(sed "1,/$end/d" "$report")
  else
    before=$(cat "$report")
  fi
  {
    printf '%s\n\n%s\n%s\n%s\n' "$before" "$begin" "$section" "$end"
    [[ -z $after ]] || printf '%s\n' "$after"
  } >"$report.tmp"
  mv "$report.tmp" "$report"
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# seeded_copy: fills a data folder with the demo stories and ARTICLES generated stories. Seeding 100,000 stories takes
# minutes, so the seeded folder is kept in SEED_DIR and copied; the stamp is written last, so a seed that failed or was
# interrupted is never reused. RESEED=1 seeds afresh. The search index is never kept: each run builds its own.
seeded_copy() {  # published Warta folder, seed dir, article count, destination data folder, log file
  local app=$1 seed_dir=$2 articles=$3 dest=$4 log=$5
  if [[ ${RESEED:-0} == 1 || ! -f $seed_dir/seeded || $(cat "$seed_dir/seeded") != "$articles" ]]; then
    printf '\n== seeding the demo stories and %s generated stories into %s\n' "$articles" "$seed_dir" >&2
    rm -rf "$seed_dir"
    mkdir -p "$seed_dir/data"
    (cd "$app" && Warta__DataPath="$seed_dir/data" exec dotnet Warta.dll seed-demo --articles "$articles") >"$log" 2>&1 \
      || { tail -n 40 "$log" >&2; return 1; }
    rm -rf "$seed_dir/data/search"
    echo "$articles" >"$seed_dir/seeded"
  else
    printf '\n== reusing the database seeded with %s generated stories in %s (RESEED=1 seeds afresh)\n' "$articles" "$seed_dir" >&2
  fi
  mkdir -p "$dest"
  cp -a "$seed_dir/data/." "$dest/"
  rm -rf "$dest/search"
}

# search_ready: waits until a Warta started with Logging__LogLevel__Warta.Web.Discovery.Search=Information has built (or
# brought up to date) its search index, which it does in the background at start: a measurement taken before that
# would measure the index build too.
search_ready() {  # server log, server pid
  local log=$1 pid=$2
  for _ in $(seq 1 7200); do
    grep -q "Search index ready" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; echo "Warta exited" >&2; return 1; }
    sleep 0.5
  done
  echo "the search index was not ready within an hour" >&2
  return 1
}
