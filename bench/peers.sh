#!/usr/bin/env bash
# WordPress beside Warta, in one run on the same machine: installs Debian's wordpress, nginx, php-fpm and mariadb-server
# when missing, sets up a throwaway MariaDB and WordPress site on loopback (in a temporary folder, on free ports), loads
# the same stories Warta's generator makes (exported from a Warta database seeded by `seed-demo --articles N`, put into
# WordPress with its own wp_insert_post through php-cli), and measures with wrk:
#   WordPress article and home uncached (nginx → php-fpm, every request renders) and behind nginx's fastcgi_cache,
#   Warta article and home uncached (Warta__Cache__Enabled=false) and cached.
# Prints the ratios against the aims (Warta uncached ≥ 100 × WordPress uncached; Warta cached ≥ WordPress behind nginx's
# cache) and writes its section of docs/benchmarks.md (between the peers-bench markers). Stops everything it started.
#
#   bench/peers.sh                                   1,000 generated stories, 3 rounds of 10 s per scenario
#   ARTICLES=200 DURATION=2s WARMUP=1s ROUNDS=1 bench/peers.sh     a smoke run
#
# Needs root (or sudo) for the package install and to run MariaDB and php-fpm as their own users.
set -euo pipefail

ARTICLES=${ARTICLES:-1000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
ROUNDS=${ROUNDS:-3}
TIMEOUT=${TIMEOUT:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PHP_CHILDREN=${PHP_CHILDREN:-5}   # Debian's php-fpm pool has pm.max_children = 5
UNCACHED_AIM=100                  # Warta uncached ≥ 100 × WordPress uncached
CACHED_AIM=1                      # Warta cached ≥ WordPress behind nginx's fastcgi_cache

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/peers"
report="$root/docs/benchmarks.md"
logs="$out/logs"
results="$out/results"
pages="$out/pages"

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench/peers.sh: $*" >&2; [[ -z ${HOLD_ON_FAILURE:-} ]] || sleep "$HOLD_ON_FAILURE"; exit 1; }

SUDO=""
if [[ $(id -u) != 0 ]]; then command -v sudo >/dev/null || die "run as root or with sudo available"; SUDO="sudo"; fi

# ---------------------------------------------------------------- cleanup: everything this run started, also on failure
pids=()
work=""
wp_config=""
policy_rc=""
cleanup() {
  local rc=$? pid
  set +e
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then $SUDO kill "$pid" 2>/dev/null; fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && $SUDO kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [[ -z $policy_rc ]] || $SUDO rm -f "$policy_rc"
  [[ -z $wp_config ]] || $SUDO rm -f "$wp_config"
  [[ -z $work ]] || $SUDO rm -rf "$work"
  [[ $rc -eq 0 ]] || echo "bench/peers.sh: failed (exit $rc); logs in $logs" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

source "$root/bench/section.sh"  # write_section, free_port
wait_for() {  # url, pid, log
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; die "the server behind $url exited"; }
    sleep 0.5
  done
  tail -n 40 "$log" >&2
  die "$url did not answer within 120 s"
}
fetch() {  # url, file, [header]: the exact bytes, failing unless 200
  local code header=()
  [[ -z ${3:-} ]] || header=(-H "$3")
  code=$(curl -sS "${header[@]}" -o "$2" -D "$2.headers" -w '%{http_code}' "$1")
  [[ $code == 200 ]] || die "GET $1 answered $code"
}

# ---------------------------------------------------------------- packages
need=()
[[ -f /usr/share/wordpress/wp-load.php ]] || need+=(wordpress)
[[ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ]] || need+=(wordpress-theme-twentytwentythree)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
compgen -G "/usr/sbin/php-fpm*" >/dev/null || need+=(php-fpm)
command -v php >/dev/null || need+=(php-cli)
[[ -x /usr/sbin/mariadbd ]] || need+=(mariadb-server)
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  say "installing ${need[*]} from Debian's packages"
  # Keep the packages' own services from starting (this run starts its own on loopback): a policy-rc.d that denies
  # every start for the length of the install, unless one is already there.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    policy_rc=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy_rc" >/dev/null
    $SUDO chmod 755 "$policy_rc"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" php-mysql >/dev/null
  if [[ -n $policy_rc ]]; then $SUDO rm -f "$policy_rc"; policy_rc=""; fi
fi
php_fpm=$(compgen -G "/usr/sbin/php-fpm*" | sort -V | tail -n 1)
php_version=$(php -r 'echo PHP_MAJOR_VERSION . "." . PHP_MINOR_VERSION;')
wp_version=$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" /usr/share/wordpress/wp-includes/version.php)

# SKIP_BUILD=1 reuses bench/out/peers/warta from an earlier run (for trying the script out).
if [[ ${SKIP_BUILD:-0} == 1 && -f $out/warta/Warta.dll ]]; then
  find "$out" -mindepth 1 -maxdepth 1 ! -name warta -exec rm -rf {} +
else
  rm -rf "$out"
fi
mkdir -p "$logs" "$results" "$pages" "$out/data"
work=$(mktemp -d /tmp/warta-peers.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/mysql" "$work/nginx" "$work/run"

# ---------------------------------------------------------------- Warta: build, seed, export the stories
if [[ ${SKIP_BUILD:-0} != 1 || ! -f $out/warta/Warta.dll ]]; then
  say "building Warta (Release)"
  dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$logs/build-warta.log" 2>&1 \
    || { tail -n 40 "$logs/build-warta.log" >&2; die "Warta did not build"; }
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "seeding Warta: the demo stories and $ARTICLES generated stories"
(cd "$out/warta" && Warta__DataPath="$out/data" Warta__Demo__SeedOnEmpty=false \
  exec dotnet Warta.dll seed-demo --articles "$ARTICLES") >"$logs/seed.log" 2>&1 \
  || { tail -n 40 "$logs/seed.log" >&2; die "seed-demo failed"; }
# The uncached node gets a copy of the same database, so the two Warta processes share nothing.
cp -a "$out/data" "$out/data-uncached"

say "exporting the published stories from Warta's database"
python3 - "$out/data/warta.db" "$out/stories.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tags = {}
for article, name in db.execute(
        'select at.ArticleId, t.Name from ArticleTags at join Tags t on t.Id = at.TagId order by at.ArticleId, at."Order"'):
    tags.setdefault(article, []).append(name)
stories = []
# PublishedAt is stored as UTC ticks (100 ns since 0001-01-01).
for id, title, slug, summary, body, channel, ticks in db.execute(
        'select a.Id, a.Title, a.Slug, a.Summary, a.Body, c.Name, a.PublishedAt from Articles a '
        'join Channels c on c.Id = a.ChannelId where a.Status = \'Published\' order by a.PublishedAt'):
    stories.append({"title": title, "slug": slug, "excerpt": summary or "", "body": body, "category": channel,
                    "tags": tags.get(id, []), "published": (ticks - 621355968000000000) // 10000000})
json.dump(stories, open(sys.argv[2], "w"), ensure_ascii=False)
print(len(stories))
PY
story_count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$out/stories.json")
[[ $story_count -gt 0 ]] || die "no published stories in Warta's database"

# ---------------------------------------------------------------- MariaDB
say "starting a throwaway MariaDB"
db_port=$(free_port)
db_socket="$work/run/mysqld.sock"
db_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mysql_user=()
[[ $(id -u) != 0 ]] || { chown mysql:mysql "$work/mysql"; mysql_user=(--user=mysql); chmod 777 "$work/run"; }
$SUDO mariadb-install-db --no-defaults "${mysql_user[@]}" --datadir="$work/mysql" --auth-root-authentication-method=normal \
  --skip-test-db >"$logs/mariadb-install.log" 2>&1 || { tail -n 40 "$logs/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
$SUDO mariadbd --no-defaults "${mysql_user[@]}" --datadir="$work/mysql" --socket="$db_socket" --port="$db_port" \
  --bind-address=127.0.0.1 --pid-file="$work/run/mysqld.pid" --log-error="$logs/mariadb.log" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci >"$logs/mariadb.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  mariadb --no-defaults -S "$db_socket" -u root -e 'select 1' >/dev/null 2>&1 && break
  sleep 0.5
done
mariadb --no-defaults -S "$db_socket" -u root -e "create database wordpress; \
  create user 'wordpress'@'localhost' identified by '$db_password'; \
  grant all on wordpress.* to 'wordpress'@'localhost';" || die "MariaDB did not start (see $logs/mariadb.log)"
mariadb_version=$(mariadb --no-defaults -S "$db_socket" -u root -N -e 'select version()')

# ---------------------------------------------------------------- WordPress
wp_port=$(free_port)
wp_base="http://127.0.0.1:$wp_port"
wp_name="warta-peers-$(basename "$work" | tr -dc 'A-Za-z0-9')"
# Debian's wp-config.php reads /etc/wordpress/config-$WORDPRESS_CONFIG.php; this run's file is removed on exit.
wp_config="/etc/wordpress/config-$wp_name.php"
$SUDO tee "$wp_config" >/dev/null <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$db_socket');
define('WP_HOME', '$wp_base');
define('WP_SITEURL', '$wp_base');
define('DISABLE_WP_CRON', true);        // no loopback cron requests in the middle of a measurement
define('WP_HTTP_BLOCK_EXTERNAL', true); // no update checks or other calls out
define('AUTOMATIC_UPDATER_DISABLED', true);
$(for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
  printf "define('%s', '%s');\n" "$key" "$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
done)
PHP
if [[ $(id -u) == 0 ]]; then chgrp www-data "$wp_config"; chmod 640 "$wp_config"; fi

# php-cli with WordPress's own functions: install the site, then every story through wp_insert_post.
cat >"$out/wp-cli.php" <<'PHP'
<?php
// Usage: php wp-cli.php CONFIG HOST install|import FILE|permalink SLUG
[$self, $config, $host, $verb] = array_slice($argv, 0, 4);
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['REQUEST_URI'] = '/';
if ($verb === 'install') define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
if ($verb === 'install') {
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    $result = wp_install('Warta peers', 'admin', 'admin@example.com', true, '', wp_generate_password(24));
    update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
    update_option('timezone_string', 'Asia/Jakarta');
    update_option('posts_per_page', 10);
    echo "installed\n";
} elseif ($verb === 'import') {
    require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
    wp_set_current_user(1); // an administrator: the stories' HTML goes in as it is (unfiltered_html)
    flush_rewrite_rules();
    wp_defer_term_counting(true);
    $stories = json_decode(file_get_contents($argv[4]), true);
    $categories = [];
    foreach ($stories as $story) {
        $category = $categories[$story['category']] ??= wp_create_category($story['category']);
        $id = wp_insert_post([
            'post_title' => $story['title'], 'post_name' => $story['slug'], 'post_content' => $story['body'],
            'post_excerpt' => $story['excerpt'], 'post_status' => 'publish', 'post_type' => 'post', 'post_author' => 1,
            'post_date_gmt' => gmdate('Y-m-d H:i:s', $story['published']),
            'post_date' => get_date_from_gmt(gmdate('Y-m-d H:i:s', $story['published'])),
            'post_category' => [$category], 'tags_input' => $story['tags'],
        ], true);
        if (is_wp_error($id)) { fwrite(STDERR, $story['slug'] . ': ' . $id->get_error_message() . "\n"); exit(1); }
    }
    wp_defer_term_counting(false);
    // The sample post and page wp_install made are not Warta's: gone.
    foreach (get_posts(['post_type' => ['post', 'page'], 'name' => 'hello-world', 'numberposts' => -1]) as $p) wp_delete_post($p->ID, true);
    $sample = get_page_by_path('sample-page'); if ($sample) wp_delete_post($sample->ID, true);
    echo wp_count_posts()->publish, "\n";
} elseif ($verb === 'permalink') {
    $post = get_page_by_path($argv[4], OBJECT, 'post');
    if (!$post) { fwrite(STDERR, "no post {$argv[4]}\n"); exit(1); }
    echo get_permalink($post), "\n";
}
PHP
wp() { php "$out/wp-cli.php" "$wp_name" "127.0.0.1:$wp_port" "$@"; }

say "installing WordPress $wp_version and importing $story_count stories with wp_insert_post"
wp install >"$logs/wp-install.log" 2>&1 || { cat "$logs/wp-install.log" >&2; die "WordPress did not install"; }
import_start=$(date +%s.%N)
wp_posts=$(wp import "$out/stories.json" 2>"$logs/wp-import.log") || { tail -n 20 "$logs/wp-import.log" >&2; die "the import failed"; }
import_seconds=$(awk -v a="$import_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
[[ $wp_posts == "$story_count" ]] || die "WordPress has $wp_posts published posts, Warta $story_count"

# ---------------------------------------------------------------- php-fpm and nginx
say "starting php-fpm ($PHP_CHILDREN workers) and nginx"
php_user=""; nginx_user=""
if [[ $(id -u) == 0 ]]; then
  php_user=$'user = www-data\ngroup = www-data\nlisten.owner = www-data\nlisten.group = www-data'
  nginx_user="user www-data;"
fi
cat >"$work/php-fpm.conf" <<EOF
[global]
pid = $work/run/php-fpm.pid
error_log = $logs/php-fpm.log
daemonize = no
[wordpress]
$php_user
listen = $work/run/php-fpm.sock
listen.mode = 0660
pm = static
pm.max_children = $PHP_CHILDREN
catch_workers_output = yes
EOF
$SUDO "$php_fpm" --nodaemonize --fpm-config "$work/php-fpm.conf" >"$logs/php-fpm.out" 2>&1 &
pids+=($!)

cat >"$work/nginx.conf" <<EOF
$nginx_user
worker_processes auto;
daemon off;
pid $work/run/nginx.pid;
error_log $logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  fastcgi_temp_path $work/nginx/fastcgi;
  proxy_temp_path $work/nginx/proxy;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  fastcgi_cache_path $work/nginx/cache levels=1:2 keys_zone=wordpress:32m inactive=60m max_size=1g;
  fastcgi_cache_key "\$scheme\$request_method\$host\$request_uri";
  # The usual WordPress recipe: no cache for POST, query strings or signed-in visitors and commenters. The uncached
  # scenarios send X-Bench-No-Cache: 1, so the same WordPress on the same address renders every request.
  map "\$request_method\$args\$http_x_bench_no_cache" \$skip_cache { default 1; "GET" 0; "HEAD" 0; }
  map \$http_cookie \$skip_cookie { default 0; "~comment_author|wordpress_[a-f0-9]+|wp-postpass|wordpress_no_cache|wordpress_logged_in" 1; }
  server {
    listen 127.0.0.1:$wp_port;
    root /usr/share/wordpress;
    index index.php;
    location /wp-content/ { alias /var/lib/wordpress/wp-content/; }
    location / { try_files \$uri \$uri/ /index.php?\$args; }
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      # Debian's fastcgi_params passes \$host (no port); WordPress's home address has one, else every page redirects to itself.
      fastcgi_param HTTP_HOST \$host:\$server_port;
      fastcgi_param WORDPRESS_CONFIG $wp_name;
      fastcgi_pass unix:$work/run/php-fpm.sock;
      fastcgi_cache wordpress;
      fastcgi_cache_valid 200 301 302 60m;
      fastcgi_cache_lock on;
      fastcgi_cache_use_stale updating error timeout;
      fastcgi_cache_bypass \$skip_cache \$skip_cookie;
      fastcgi_no_cache \$skip_cache \$skip_cookie;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
EOF
$SUDO nginx -p "$work/nginx" -c "$work/nginx.conf" >"$logs/nginx.out" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
wait_for "$wp_base/" "$nginx_pid" "$logs/nginx-error.log"
nginx_version=$(nginx -v 2>&1 | sed 's/.*nginx\///')

# ---------------------------------------------------------------- Warta: cached and uncached nodes
start_warta() {  # cache enabled, data folder, log → sets warta_port
  warta_port=$(free_port)
  (cd "$out/warta" && Warta__DataPath="$2" Warta__Cache__Enabled=$1 Warta__Demo__SeedOnEmpty=false \
    Logging__LogLevel__Default=Warning exec dotnet Warta.dll --urls "http://127.0.0.1:$warta_port") >"$3" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$warta_port/healthz" "$!" "$3"
}
say "starting Warta, output cache on and off (two nodes with copies of the same database)"
start_warta true "$out/data" "$logs/warta-cached.log"; warta_cached="http://127.0.0.1:$warta_port"
start_warta false "$out/data-uncached" "$logs/warta-uncached.log"; warta_uncached="http://127.0.0.1:$warta_port"

# The article: the first one Warta's home page links to; WordPress's post with the same slug.
fetch "$warta_cached/" "$pages/warta-home.html"
article_path=$(grep -o 'href="/berita/[^"#?]*' "$pages/warta-home.html" | head -n 1 | sed 's/^href="//') || true
[[ -n $article_path ]] || die "no /berita/ link on Warta's home page"
slug=${article_path##*/}
wp_article=$(wp permalink "$slug" 2>>"$logs/wp-import.log") || die "WordPress has no post $slug"
wp_article_path=${wp_article#"$wp_base"}

fetch "$warta_cached$article_path" "$pages/warta-article.html"
fetch "$warta_uncached$article_path" "$pages/warta-article-uncached.html"
fetch "$wp_base$wp_article_path" "$pages/wp-article.html" "X-Bench-No-Cache: 1"
fetch "$wp_base/" "$pages/wp-home.html" "X-Bench-No-Cache: 1"
grep -qiF "X-Cache: BYPASS" "$pages/wp-article.html.headers" || die "the uncached WordPress request did not bypass nginx's cache"
fetch "$wp_base$wp_article_path" "$pages/wp-article-cached.html"
fetch "$wp_base$wp_article_path" "$pages/wp-article-cached.html"
grep -qiF "X-Cache: HIT" "$pages/wp-article-cached.html.headers" || die "nginx did not cache WordPress's article (see $pages/wp-article-cached.html.headers)"
grep -qF "rel=\"canonical\" href=\"$wp_article\"" "$pages/wp-article.html" || die "WordPress's page is not the post $wp_article"
# The same story: its first paragraph's opening words are on both pages.
words=$(python3 - "$out/stories.json" "$slug" <<'PY'
import html, json, re, sys
story = next(s for s in json.load(open(sys.argv[1])) if s["slug"] == sys.argv[2])
text = html.unescape(re.sub(r"<[^>]+>", "", story["body"]))
print(" ".join(re.findall(r"[A-Za-z0-9]+", text)[:6]))
PY
)
for page in warta-article wp-article; do
  python3 - "$pages/$page.html" "$words" <<'PY' || die "$page does not carry the story ($words)"
import html, re, sys
text = " ".join(re.findall(r"[A-Za-z0-9]+", html.unescape(re.sub(r"<[^>]+>", " ", open(sys.argv[1], encoding="utf-8").read()))))
sys.exit(0 if sys.argv[2] in text else 1)
PY
done

if [[ ${SETUP_ONLY:-0} == 1 ]]; then  # set everything up and check the pages, no load (for trying the script out)
  echo "setup only: WordPress $wp_base$wp_article_path ($(wc -c <"$pages/wp-article.html") bytes), Warta $warta_uncached$article_path ($(wc -c <"$pages/warta-article-uncached.html") bytes)" >&2
  exit 0
fi

# ---------------------------------------------------------------- measurements
declare -A rps p50 p99 errors bytes samples
measure() {  # name, url, [header]
  local name=$1 url=$2 file header=()
  [[ -z ${3:-} ]] || header=(-H "$3")
  file="$results/$name-r$round.txt"
  say "round $round, wrk $name: $url ${3:-}"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" "${header[@]}" "$url" >"$results/$name-r$round.warmup.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency "${header[@]}" "$url" | tee "$file" >&2
  samples[$name]+="$(awk '/^Requests\/sec:/ { print $2 }' "$file") $round"$'\n'
}
# The round with the median requests/s of each scenario is reported.
pick() {
  local name chosen file
  for name in "${!samples[@]}"; do
    chosen=$(printf '%s' "${samples[$name]}" | sort -n | awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) { print $2 }')
    file="$results/$name-r$chosen.txt"
    rps[$name]=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
    p50[$name]=$(awk '/^ +50%/ { print ($2 == "0.00us") ? "n/a" : $2 }' "$file")
    p99[$name]=$(awk '/^ +99%/ { print ($2 == "0.00us") ? "n/a" : $2 }' "$file")
    errors[$name]=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$file")
    bytes[$name]=$(awk '
      / requests in / { requests = $1 }
      / read$/ { v = $(NF-1); u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v);
                 m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1; total = v * m }
      END { if (requests > 0) printf "%.0f", total / requests }' "$file")
  done
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  measure wp-article-uncached "$wp_base$wp_article_path" "X-Bench-No-Cache: 1"
  measure warta-article-uncached "$warta_uncached$article_path"
  measure wp-home-uncached "$wp_base/" "X-Bench-No-Cache: 1"
  measure warta-home-uncached "$warta_uncached/"
  measure wp-article-cached "$wp_base$wp_article_path"
  measure warta-article-cached "$warta_cached$article_path"
  measure wp-home-cached "$wp_base/"
  measure warta-home-cached "$warta_cached/"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
pick

# Warning-or-worse entries in the servers' logs while serving.
warta_warnings=$(cat "$logs"/warta-*.log | { grep -acE '^(warn|fail|crit):' || true; })
php_errors=$( (grep -ahiE 'PHP (Fatal|Warning|Parse)' "$logs/php-fpm.log" || true) | wc -l)
for name in "${!errors[@]}"; do [[ ${errors[$name]} == 0 ]] || echo "bench/peers.sh: $name had ${errors[$name]} errors" >&2; done
for name in "${!rps[@]}"; do
  awk -v r="${rps[$name]}" 'BEGIN { exit !(r <= 0) }' \
    && echo "bench/peers.sh: $name completed no request in $DURATION (WordPress uncached needs seconds per request at $CONNECTIONS connections: use a longer DURATION)" >&2
done

# ---------------------------------------------------------------- report
times() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else if (a / b >= 10) printf "%.0f×", a / b; else printf "%.2f×", a / b }'; }
verdict() { awk -v a="$1" -v b="$2" -v aim="$3" 'BEGIN { print (b > 0 && a / b >= aim) ? "met" : "**not met**" }'; }
rounded() { awk -v a="$1" 'BEGIN { printf "%.0f", a }'; }
row() {  # label, scenario
  local note=""
  [[ ${errors[$2]} == 0 ]] || note=" (${errors[$2]} errors)"
  printf '| %s | %s%s | %s | %s | %s |\n' "$1" "$(rounded "${rps[$2]}")" "$note" "${p50[$2]}" "${p99[$2]}" "${bytes[$2]}"
}
aim_row() {  # label, warta scenario, wordpress scenario, aim
  printf '| %s | %s | %s× | %s |\n' "$1" "$(times "${rps[$2]}" "${rps[$3]}")" "$4" "$(verdict "${rps[$2]}" "${rps[$3]}" "$4")"
}

aims=$(cat <<EOF
| Aim | Measured | Aim | |
|---|---:|---:|---|
$(aim_row "Warta article uncached vs WordPress uncached" warta-article-uncached wp-article-uncached "$UNCACHED_AIM")
$(aim_row "Warta home uncached vs WordPress uncached" warta-home-uncached wp-home-uncached "$UNCACHED_AIM")
$(aim_row "Warta article cached vs WordPress behind nginx's cache" warta-article-cached wp-article-cached "$CACHED_AIM")
$(aim_row "Warta home cached vs WordPress behind nginx's cache" warta-home-cached wp-home-cached "$CACHED_AIM")
EOF
)
printf '\n%s\n' "$aims" >&2

section=$(cat <<EOF
<!-- bench/peers.sh writes everything between these markers. -->
## WordPress beside Warta

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\`; $(nproc) cores shared by every server and wrk
  (load average before: $load_before; after: $load_after).
- Debian's WordPress $wp_version (theme Twenty Twenty-Three), PHP $php_version php-fpm ($PHP_CHILDREN workers, opcache as Debian ships it),
  MariaDB $mariadb_version, nginx $nginx_version; Warta Release on SQLite. Each on loopback, started by the script.
- Stories: the demo set and $ARTICLES generated by \`seed-demo --articles $ARTICLES\`, $story_count published, exported from Warta's
  database and put into WordPress with \`wp_insert_post\` through php-cli in ${import_seconds} s (title, slug, body HTML,
  excerpt, date, channel as category, tags; no photos).
- Command: \`ARTICLES=$ARTICLES ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS bench/peers.sh\`;
  \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency\` after a $WARMUP warm-up, $ROUNDS rounds; each row is the round with the median requests/s.
- WordPress "uncached" is nginx → php-fpm on every request (the request carries a header that bypasses nginx's cache);
  "nginx cache" is the same server answering from \`fastcgi_cache\` (the usual WordPress recipe). Warta "uncached" is
  \`Warta__Cache__Enabled=false\`; "cached" its output cache. The article is \`$article_path\` on Warta and
  \`$wp_article_path\` on WordPress (the same story).

| Scenario | Requests/s | p50 | p99 | Bytes/response |
|---|---:|---:|---:|---:|
$(row "WordPress article, uncached" wp-article-uncached)
$(row "**Warta article, uncached**" warta-article-uncached)
$(row "WordPress home, uncached" wp-home-uncached)
$(row "**Warta home, uncached**" warta-home-uncached)
$(row "WordPress article, nginx cache" wp-article-cached)
$(row "**Warta article, cached**" warta-article-cached)
$(row "WordPress home, nginx cache" wp-home-cached)
$(row "**Warta home, cached**" warta-home-cached)

$aims

Warning-or-worse entries in Warta's logs while serving: $warta_warnings; PHP errors and warnings: $php_errors.
Raw wrk output, the fetched pages and every server's log stay in \`bench/out/peers/\` (not committed).
EOF
)

[[ -f $report ]] || printf '# Benchmarks\n' >"$report"
write_section "$report" '<!-- peers-bench:begin -->' '<!-- peers-bench:end -->' "$section"
say "wrote $report"
