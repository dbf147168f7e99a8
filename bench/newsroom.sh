#!/usr/bin/env bash
# Newsroom timings with many stories in the database: saving a 2,000-word story (a revision each time) and reloading the
# editor, and each desk view. Seeds a SQLite database once (kept in bench/out/newsroom/data for the next run), runs Warta
# in Release, drives it with curl as a signed-in editor would, and writes its section of docs/benchmarks.md.
#
#   bench/newsroom.sh                   100,000 generated stories, 60 timed requests per scenario
#   ARTICLES=20000 RUNS=30 bench/newsroom.sh
#   SEED_DIR=/path/to/seed bench/newsroom.sh   starts from a copy of a data folder seeded earlier (SEED_DIR/data, as
#                                              bench/search.sh keeps it); the seed itself is never written to
set -euo pipefail

ARTICLES=${ARTICLES:-100000}
RUNS=${RUNS:-60}
WARMUP=${WARMUP:-5}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/newsroom"
app="$out/app"
data="$out/data-$ARTICLES"
SEED_DIR=${SEED_DIR:-}
report="$root/docs/benchmarks.md"
jar="$out/cookies"
mkdir -p "$out"

server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; true' EXIT
say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
source "$root/bench/section.sh"  # free_port, search_ready

say "Building Warta (Release)"
dotnet publish "$root/src/Warta.Web" -c Release -o "$app" -nologo -v quiet >/dev/null

seed_seconds="reused from an earlier run of this script"
if [[ -n $SEED_DIR ]]; then
  [[ -f $SEED_DIR/data/warta.db ]] || die "no seeded database in $SEED_DIR/data"
  # A fresh copy every run: the saves and desk changes below never pile up in the seed.
  say "Copying the seeded data folder from $SEED_DIR"
  data="$out/data-seeded"
  rm -rf "$data"
  mkdir -p "$data"
  cp -a "$SEED_DIR/data/." "$data/"
  seed_seconds="copied from $SEED_DIR"
elif [[ ! -f "$data/warta.db" ]]; then
  say "Seeding $ARTICLES stories (once; kept in $data)"
  mkdir -p "$data"
  started=$(date +%s)
  (cd "$app" && Warta__DataPath="$data" Logging__LogLevel__Default=Warning dotnet Warta.dll seed-demo --articles "$ARTICLES" >/dev/null)
  seed_seconds="$(( $(date +%s) - started )) s"
fi
db="$data/warta.db"

say "A bench editor, and stories in every desk state"
email="bench-$(date +%s)@warta.local"; password="bench-kata-sandi-panjang"
(cd "$app" && Warta__DataPath="$data" Warta__Demo__SeedOnEmpty=false Logging__LogLevel__Default=Warning \
  dotnet Warta.dll users add --email "$email" --name "Editor Bench" --role editor --password "$password" >/dev/null)
uid=$(sqlite3 "$db" "SELECT Id FROM AspNetUsers WHERE Email = '$email'")
now_ticks=$(sqlite3 "$db" "SELECT MAX(ModifiedAt) FROM Articles")
# Generated stories are all published; move some into each state so every desk view has rows to page through.
sqlite3 "$db" <<SQL
UPDATE Articles SET Status = 'Draft', OwnerId = '$uid' WHERE Id IN (SELECT Id FROM Articles WHERE Status = 'Published' ORDER BY Id LIMIT 2000);
UPDATE Articles SET Status = 'Submitted' WHERE Id IN (SELECT Id FROM Articles WHERE Status = 'Published' ORDER BY Id DESC LIMIT 1000);
UPDATE Articles SET Status = 'Scheduled', PublishedAt = $now_ticks + 36000000000 * (1 + abs(random() % 240))
  WHERE Id IN (SELECT Id FROM Articles WHERE Status = 'Published' ORDER BY Slug LIMIT 300);
UPDATE Articles SET ListedAt = COALESCE(PublishedAt, CreatedAt) WHERE Status = 'Scheduled';
SQL
counts=$(sqlite3 "$db" "SELECT Status || ' ' || COUNT(*) FROM Articles GROUP BY Status ORDER BY Status" | paste -sd, -)
total=$(sqlite3 "$db" "SELECT COUNT(*) FROM Articles")

port=$(free_port)
base="http://127.0.0.1:$port"
say "Starting Warta on $base"
# A logging category has dots, which a shell variable name may not: env passes it. The search index is built (or
# brought up to date) in the background at start; timing begins once it is ready, so the build is not measured.
(cd "$app" && exec env Warta__DataPath="$data" Warta__Demo__SeedOnEmpty=false Logging__LogLevel__Default=Warning \
  "Logging__LogLevel__Warta.Web.Discovery.Search=Information" \
  Warta__Staff__LoginAttemptsPerMinute=100 dotnet Warta.dll --urls "$base") >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.5; done
say "Waiting for the search index"
search_ready "$out/server.log" "$server" || die "no search index"

rm -f "$jar"
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
login_token=$(curl -sS -c "$jar" -b "$jar" "$base/redaksi/masuk" | token_of)
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$base/redaksi/masuk" \
  --data-urlencode "Email=$email" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$login_token")
[[ $code == 302 ]] || die "sign-in answered $code"

# A 2,000-word story in twenty paragraphs.
words="Bank Indonesia menahan suku bunga acuan di tengah tekanan nilai tukar rupiah dan arus modal asing yang keluar dari pasar obligasi negara sementara inflasi inti tetap terkendali"
paragraph=""; for _ in $(seq 1 4); do paragraph="$paragraph $words"; done
body=""; for i in $(seq 1 20); do body="$body<p>Paragraf $i.$paragraph.</p>"; done
printf '%s' "$body" >"$out/body.html"
wordcount=$(sed 's/<[^>]*>/ /g' "$out/body.html" | wc -w)

story="$base/redaksi/sunting/$(cat /proc/sys/kernel/random/uuid)"
editor_page() { curl -sS -b "$jar" -c "$jar" "$story" -o "$out/editor.html" -w '%{time_total}\n'; }
save() {  # version, round → time of the POST
  local token
  token=$(sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' "$out/editor.html" | head -1)
  curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' "$story" \
    --data-urlencode "Form.Title=Suku Bunga Acuan Ditahan, Rupiah Tertekan" --data-urlencode "Form.Channel=ekonomi" \
    --data-urlencode "Form.Kind=News" --data-urlencode "Form.Tags=bank indonesia, rupiah, suku bunga" \
    --data-urlencode "Form.Reporters=Dewi Lestari" --data-urlencode "Form.Dateline=Jakarta" \
    --data-urlencode "Form.Summary=Ringkasan putaran $2" --data-urlencode "Form.Body@$out/body.html" \
    --data-urlencode "Form.Version=$1" --data-urlencode "action=simpan" --data-urlencode "__RequestVerificationToken=$token"
}
version_of() { sed -n 's/.*name="Form.Version" value="\([0-9]*\)".*/\1/p' "$out/editor.html" | head -1; }

say "Save and reload: $WARMUP warm-up rounds, then $RUNS timed"
editor_page >/dev/null
: >"$out/save.txt"; : >"$out/reload.txt"
for i in $(seq 1 $((WARMUP + RUNS))); do
  version=$(version_of)
  read -r code seconds < <(save "${version:-}" "$i")
  [[ $code == 302 ]] || die "save answered $code (round $i)"
  reload=$(editor_page)
  if ((i > WARMUP)); then echo "$seconds" >>"$out/save.txt"; echo "$reload" >>"$out/reload.txt"; fi
done
revisions=$(sqlite3 "$db" "SELECT COUNT(*) FROM ArticleRevisions")

timed() {  # file, path
  local i t
  : >"$out/$1.txt"
  for i in $(seq 1 $((WARMUP + RUNS))); do
    t=$(curl -sS -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "$base$2")
    [[ ${t%% *} == 200 ]] || die "$2 answered ${t%% *}"
    ((i > WARMUP)) && echo "${t##* }" >>"$out/$1.txt"
  done
  true
}
desk() { timed "desk-$1" "/redaksi?tampilan=$1"; }  # view
for view in draf tinjauan terjadwal hari-ini; do say "Desk: $view"; desk "$view"; done
# Deeper pages of the long lists cost more with offset paging; measure one too.
timed desk-draf-40 "/redaksi?tampilan=draf&halaman=40"
# Every story (/redaksi/berita): the first page, a page deep in the archive by its key, and a search of the bodies.
deep_key=$(sqlite3 "$db" "SELECT ListedAt || '~' || Slug FROM Articles ORDER BY ListedAt DESC, Slug DESC LIMIT 1 OFFSET $((total * 9 / 10))")
say "Every story: first page, a page 90% deep, a body search"
timed stories-first "/redaksi/berita"
timed stories-deep "/redaksi/berita?setelah=$deep_key"  # digits, ~ and a slug: nothing to escape
timed stories-search "/redaksi/berita?q=rupiah"
load=$(cut -d' ' -f1-3 /proc/loadavg)

stats() {  # file → "median p95" in ms
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; p = v[int(NR * 0.95 + 0.999)]; printf "%.1f ms | %.1f ms", m, p }'
}

section=$(cat <<MD
<!-- newsroom-bench:begin -->
<!-- bench/newsroom.sh writes everything between these markers. -->
## Newsroom: saving, the editor and the desk

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$(git -C "$root" rev-parse --short HEAD)\`; $(nproc) cores shared with other work (load average after: $load).
- Command: \`ARTICLES=$ARTICLES RUNS=$RUNS bench/newsroom.sh\` (Release build, SQLite, one signed-in editor driven by curl on loopback,
  one request at a time; $WARMUP warm-up rounds not counted). Times are curl's \`time_total\` per request, connection included.
- Data: $total stories ($counts); seeding: ${seed_seconds}. The story saved is $wordcount words in 20 paragraphs;
  every save writes a full revision, so the database held $revisions revisions at the end.

| Scenario | median | p95 |
|---|---:|---:|
| Save the 2,000-word story (POST, one transaction with its revision) | $(stats "$out/save.txt") |
| Reload the editor after the save | $(stats "$out/reload.txt") |
| Desk: my drafts (page 1) | $(stats "$out/desk-draf.txt") |
| Desk: my drafts, page 40 | $(stats "$out/desk-draf-40.txt") |
| Desk: waiting for review | $(stats "$out/desk-tinjauan.txt") |
| Desk: scheduled | $(stats "$out/desk-terjadwal.txt") |
| Every story, first page | $(stats "$out/stories-first.txt") |
| Every story, a page 90% deep (by key) | $(stats "$out/stories-deep.txt") |
| Every story, searching the bodies for a word | $(stats "$out/stories-search.txt") |
| Desk: published today (WIB) | $(stats "$out/desk-hari-ini.txt") |

Aims: a save under 50 ms and a desk view under 100 ms at the median.
<!-- newsroom-bench:end -->
MD
)
if grep -q '<!-- newsroom-bench:begin -->' "$report"; then
  awk -v section="$section" '
    /<!-- newsroom-bench:begin -->/ { print section; skip = 1; next }
    /<!-- newsroom-bench:end -->/ { skip = 0; next }
    !skip { print }' "$report" >"$report.tmp" && mv "$report.tmp" "$report"
else
  printf '\n%s\n' "$section" >>"$report"
fi
echo "$section"
