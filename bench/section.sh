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

# A throwaway PostgreSQL for a bench script (DB=postgres): pg_start runs one on a free loopback port over the data folder it
# is given (made by initdb when empty), as the postgres user when run as root; pg_stop stops it and belongs in the
# script's exit trap; pg_env points Warta (and its CLI verbs) at a database on it.
PG_BIN="" PG_DATA="" PG_PORT=""
as_postgres() { if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {  # data folder, server log, [-c name=value ...]
  local data=$1 log=$2
  shift 2
  PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  PG_DATA=$data PG_PORT=$(free_port)
  mkdir -p "$data" "$(dirname "$log")"
  touch "$log"
  if [[ "$(id -u)" == "0" ]]; then chown postgres:postgres "$data" "$log"; chmod 700 "$data"; fi
  if [[ ! -f $data/PG_VERSION ]]; then
    as_postgres "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >>"$log" 2>&1 || { tail -n 20 "$log" >&2; return 1; }
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 300 -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1 $*" start >/dev/null \
    || { tail -n 20 "$log" >&2; return 1; }
}
pg_stop() {
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 300 stop >/dev/null 2>&1 || true; fi
}
pg_env() {  # database name
  export Warta__Database__Provider=postgres ConnectionStrings__Warta="Host=127.0.0.1;Port=$PG_PORT;Database=$1;Username=postgres;Maximum Pool Size=100"
}
# While seeding nothing needs to survive a crash (an unfinished seed is never stamped, so never reused): no fsync, a large WAL.
PG_SEED_SETTINGS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=16GB -c checkpoint_timeout=1h"
# Measured with PostgreSQL's defaults (fsync on) but for memory a server this size would be given; PG_SETTINGS overrides.
PG_SETTINGS=${PG_SETTINGS:--c shared_buffers=2GB -c effective_cache_size=8GB -c max_connections=200}

# seeded_copy: fills a data folder with the demo stories and ARTICLES generated stories. Seeding 100,000 stories takes
# minutes, so the seeded folder is kept in SEED_DIR and copied; the stamp is written last, so a seed that failed or was
# interrupted is never reused. RESEED=1 seeds afresh. The search index is never kept: each run builds its own.
# With DB=postgres the database is kept in SEED_DIR/pg, a PostgreSQL data folder: seeded_copy starts a server on it
# (with PG_SETTINGS, and pg_env set) and leaves it running for the measurement; it is used in place, not copied, so a run's
# few writes (view counts) stay in it. Seeding writes SEED_DIR/seed-seconds.
seeded_copy() {  # published Warta folder, seed dir, article count, destination data folder, log file
  local app=$1 seed_dir=$2 articles=$3 dest=$4 log=$5 started
  if [[ ${RESEED:-0} == 1 || ! -f $seed_dir/seeded || $(cat "$seed_dir/seeded") != "$articles" ]]; then
    printf '\n== seeding the demo stories and %s generated stories (%s) into %s\n' "$articles" "${DB:-sqlite}" "$seed_dir" >&2
    [[ ${DB:-sqlite} != postgres ]] || pg_stop
    rm -rf "$seed_dir"
    mkdir -p "$seed_dir/data"
    if [[ ${DB:-sqlite} == postgres ]]; then
      pg_start "$seed_dir/pg" "$seed_dir/pg.log" "$PG_SEED_SETTINGS" || return 1
      pg_env warta
    fi
    started=$(date +%s.%N)
    (cd "$app" && Warta__DataPath="$seed_dir/data" Logging__LogLevel__Default=Information exec dotnet Warta.dll seed-demo --articles "$articles") >"$log" 2>&1 \
      || { tail -n 40 "$log" >&2; return 1; }
    awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f\n", b - a }' >"$seed_dir/seed-seconds"
    printf '== seeded in %s s\n' "$(cat "$seed_dir/seed-seconds")" >&2
    [[ ${DB:-sqlite} != postgres ]] || pg_stop
    rm -rf "$seed_dir/data/search"
    echo "$articles" >"$seed_dir/seeded"
  else
    printf '\n== reusing the database seeded with %s generated stories in %s (RESEED=1 seeds afresh)\n' "$articles" "$seed_dir" >&2
  fi
  if [[ ${DB:-sqlite} == postgres ]]; then
    pg_start "$seed_dir/pg" "$seed_dir/pg.log" "$PG_SETTINGS" || return 1
    pg_env warta
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
