#!/usr/bin/env bash
# Members, paywall and Academy under load, in one run on a fresh SQLite database with the demo content:
#   - a premium story's cut page as the output cache serves it to an anonymous reader whose meter is used up, against a
#     bare Kestrel serving the same bytes from memory (bench/Baseline): it must stay within the reader-page aim;
#   - the same story for a first-time visitor (no meter cookie yet: the full story and a new meter cookie, never cached);
#   - the same story for a subscriber (signed in, entitled: the full story), against the same bytes from memory;
#   - registrations for one Academy course: READERS readers (registered, confirmed from the mailed link, signed in)
#     post the registration form PARALLEL at a time; registrations per second, and the oversell check: the seats held
#     or confirmed equal the course's seats, the rest wait in line, and the course's count agrees.
# Writes its section of docs/benchmarks.md between <!-- members-bench:begin --> and <!-- members-bench:end -->.
#
#   bench/members.sh                    3 rounds of 10 s each, 200 readers, 50 at a time
#   DURATION=3s ROUNDS=1 READERS=60 bench/members.sh
set -euo pipefail

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
READERS=${READERS:-200}
PARALLEL=${PARALLEL:-50}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/members"
report="$root/docs/benchmarks.md"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
need() {  # command, Debian package
  command -v "$1" >/dev/null && return 0
  say "installing $2"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need wrk wrk
need sqlite3 sqlite3
need python3 python3
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }

say "building Warta and the baseline (Release)"
rm -rf "$out"
mkdir -p "$out/data" "$out/jars" "$out/pages"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; die "Warta did not build"; }
dotnet build "$root/bench/Baseline" -c Release -o "$out/baseline" -nologo -v quiet >"$out/build-baseline.log" 2>&1 \
  || { tail -n 40 "$out/build-baseline.log" >&2; die "the baseline did not build"; }

say "starting Warta on a fresh database (demo content; mail goes to the log)"
port=$(free_port)
base="http://127.0.0.1:$port"
# The benchmark signs up hundreds of readers from one address: the per-address limits would (rightly) stop it.
(cd "$out/warta" && Warta__DataPath="$out/data" Warta__Staff__LoginAttemptsPerMinute=1000000 \
  Warta__Readers__MailRequestsPerIpPerHour=1000000 Warta__Readers__MailsPerAddressPerHour=1000000 \
  Logging__LogLevel__Default=Warning exec dotnet Warta.dll --urls "$base") >"$out/warta.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null --max-time 2 "$base/healthz" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { tail -n 40 "$out/warta.log" >&2; die "Warta exited"; }
  sleep 0.5
done
db="$out/data/warta.db"
[[ -f $db ]] || die "no SQLite database at $db"
sql() { sqlite3 -batch -noheader "$db" "$1"; }
mapfile -t premium < <(sql "SELECT Slug FROM Articles WHERE Premium = 1 AND Status = 'Published' ORDER BY PublishedAt DESC LIMIT 3")
[[ ${#premium[@]} -eq 3 ]] || die "the demo has fewer than 3 published premium stories"
story="$base/berita/${premium[2]}"
marker_check() {  # file: "full" when the page holds the story's fifth paragraph (paid: 3 are free), else "cut"
  local paid
  paid=$(sql "SELECT Body FROM Articles WHERE Slug = '${premium[2]}'" | grep -o '<p>[^<]*</p>' | sed -n 5p | sed 's/<[^>]*>//g' | cut -c1-60)
  [[ -n $paid ]] || die "could not read the story's fifth paragraph"
  if grep -qF "$paid" "$1"; then echo full; else echo cut; fi
}

say "an anonymous reader uses up the meter, then gets the cut page"
anon_jar="$out/jars/anonymous"
curl -fsS -c "$anon_jar" -b "$anon_jar" -o /dev/null "$base/berita/${premium[0]}"
curl -fsS -c "$anon_jar" -b "$anon_jar" -o /dev/null "$base/berita/${premium[1]}"
meter=$(awk '$6 == "warta_meter" { print "warta_meter=" $7 }' "$anon_jar")
[[ -n $meter ]] || die "reading two premium stories set no meter cookie"
curl -fsS -H "Cookie: $meter" -o "$out/pages/cut.html" "$story"
curl -fsS -H "Cookie: $meter" -o "$out/pages/cut.html" "$story"
grep -q 'paywall-box' "$out/pages/cut.html" || die "the used-up reader's page has no paywall box"
[[ $(marker_check "$out/pages/cut.html") == cut ]] || die "the used-up reader's page holds the paid paragraphs"
curl -fsS -o "$out/pages/first.html" "$story"
[[ $(marker_check "$out/pages/first.html") == full ]] || die "a first-time visitor did not get the story in full (meter 2)"

say "a subscriber (members add --plan premium-bulanan) signs in"
sub_password="kata-sandi-bench-$RANDOM$RANDOM"
(cd "$out/warta" && Warta__DataPath="$out/data" Logging__LogLevel__Default=Warning \
  dotnet Warta.dll members add --email pelanggan@bench.test --name Pelanggan --password "$sub_password" --plan premium-bulanan) >"$out/members-add.log" 2>&1 \
  || { cat "$out/members-add.log" >&2; die "members add failed"; }
sign_in() {  # jar, email, password
  local token
  token=$(curl -fsS -c "$1" -b "$1" "$base/akun/masuk" | token_of)
  curl -sS -o /dev/null -c "$1" -b "$1" --data-urlencode "Email=$2" --data-urlencode "Password=$3" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/akun/masuk"
  awk '$6 == "warta_member" { print "warta_member=" $7 }' "$1"
}
subscriber=$(sign_in "$out/jars/subscriber" pelanggan@bench.test "$sub_password")
[[ -n $subscriber ]] || die "the subscriber's sign-in set no warta_member cookie"
curl -fsS -H "Cookie: $subscriber" -o "$out/pages/subscriber.html" "$story"
[[ $(marker_check "$out/pages/subscriber.html") == full ]] || die "the subscriber did not get the story in full"

baseline_port=$(free_port)
dotnet "$out/baseline/Baseline.dll" --urls "http://127.0.0.1:$baseline_port" \
  --page "/cut=$out/pages/cut.html" --page "/full=$out/pages/subscriber.html" >"$out/baseline.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$baseline_port/cut" 2>/dev/null && break; sleep 0.5; done
cmp -s <(curl -fsS "http://127.0.0.1:$baseline_port/cut") "$out/pages/cut.html" || die "the baseline does not serve the cut page's bytes"

measure() {  # url, extra wrk args… → "rps p50"
  local url=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$out/wrk.txt"
  grep -q "Non-2xx" "$out/wrk.txt" && die "$url answered non-2xx under load: $(cat "$out/wrk.txt")"
  awk '/^Requests\/sec:/ { r = $2 } /^ +50%/ { p = $2 } END { print r, p }' "$out/wrk.txt"
}
median_round() { sort -n | sed -n "$(((ROUNDS + 1) / 2))p"; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "wrk: cut page (cached) vs the same bytes from memory, $ROUNDS rounds"
rounds=()
for ((i = 1; i <= ROUNDS; i++)); do
  read -r b_rps b_p50 < <(measure "http://127.0.0.1:$baseline_port/cut")
  read -r w_rps w_p50 < <(measure "$story" -H "Cookie: $meter")
  rounds+=("$(awk -v a="$w_rps" -v b="$b_rps" 'BEGIN { printf "%.4f", a / b }') $b_rps $b_p50 $w_rps $w_p50")
done
read -r cut_ratio cut_b_rps cut_b_p50 cut_rps cut_p50 < <(printf '%s\n' "${rounds[@]}" | median_round)
cut_all=$(printf '%s\n' "${rounds[@]}" | awk '{ printf "%s%.0f%%", (NR > 1 ? ", " : ""), 100 * $1 }')

say "wrk: subscriber's page vs the same bytes from memory, first visits, $ROUNDS rounds"
rounds=()
for ((i = 1; i <= ROUNDS; i++)); do
  read -r b_rps b_p50 < <(measure "http://127.0.0.1:$baseline_port/full")
  read -r w_rps w_p50 < <(measure "$story" -H "Cookie: $subscriber")
  read -r f_rps f_p50 < <(measure "$story")
  rounds+=("$(awk -v a="$w_rps" -v b="$b_rps" 'BEGIN { printf "%.4f", a / b }') $b_rps $b_p50 $w_rps $w_p50 $f_rps $f_p50")
done
read -r sub_ratio full_b_rps full_b_p50 sub_rps sub_p50 first_rps first_p50 < <(printf '%s\n' "${rounds[@]}" | median_round)
sub_all=$(printf '%s\n' "${rounds[@]}" | awk '{ printf "%s%.0f%%", (NR > 1 ? ", " : ""), 100 * $1 }')

say "signing up $READERS readers (register, confirm from the logged mail, sign in)"
course=$(sql "SELECT Slug FROM Courses WHERE Price > 0 ORDER BY Seats LIMIT 1")
seats=$(sql "SELECT Seats FROM Courses WHERE Slug = '$course'")
[[ -n $course && $seats -lt $READERS ]] || die "need a paid demo course with fewer seats than READERS ($READERS)"
export base out
sign_up() {  # index → writes jars/reader-N with a signed-in reader and its registration form token in tokens/N
  local n=$1 jar="$out/jars/reader-$1" email="pembaca-$1@bench.test" password="kata-sandi-pembaca-$1" token link i
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/akun/daftar" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Name=Pembaca $n" --data-urlencode "Email=$email" \
    --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$base/akun/daftar"
  for i in $(seq 1 100); do
    link=$(awk -v to="message to $email was not sent" 'index($0, to) { f = 1 } f && /\/akun\/konfirmasi\?/ { print; exit }' "$out/warta.log" \
      | grep -o '/akun/konfirmasi?[^ ]*' | head -n 1)
    [[ -n $link ]] && break
    sleep 0.1
  done
  [[ -n $link ]] || { echo "no confirmation mail for $email" >&2; return 1; }
  curl -fsS -o /dev/null -c "$jar" -b "$jar" "$base$link"
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/akun/masuk" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$email" --data-urlencode "Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/akun/masuk"
  grep -q warta_member "$jar" || { echo "reader $n did not sign in" >&2; return 1; }
}
export -f sign_up
seq 1 "$READERS" | xargs -P 4 -I{} bash -c 'sign_up {}' || die "signing up the readers failed"

say "each reader opens the registration page of $course ($seats seats), then $READERS post it, $PARALLEL at a time"
mkdir -p "$out/tokens" "$out/answers"
fetch_form() {
  curl -fsS -c "$out/jars/reader-$1" -b "$out/jars/reader-$1" "$base/akademi/$2/daftar" \
    | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1 >"$out/tokens/$1"
}
register() {
  curl -sS -o /dev/null -b "$out/jars/reader-$1" -w '%{http_code} %{time_total}\n' \
    --data-urlencode "__RequestVerificationToken=$(cat "$out/tokens/$1")" "$base/akademi/$2/daftar" >"$out/answers/$1"
}
export -f fetch_form register
seq 1 "$READERS" | xargs -P 4 -I{} bash -c "fetch_form {} $course"
start=$(date +%s.%N)
seq 1 "$READERS" | xargs -P "$PARALLEL" -I{} bash -c "register {} $course"
end=$(date +%s.%N)
reg_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
reg_rate=$(awk -v n="$READERS" -v s="$reg_seconds" 'BEGIN { printf "%.0f", n / s }')
answers=$(cat "$out/answers"/* | awk '{ print $1 }' | sort | uniq -c | awk '{ printf "%s%s × %s", (NR > 1 ? ", " : ""), $1, $2 }')
reg_p50=$(cat "$out/answers"/* | awk '{ print $2 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.0f", 1000 * a[int((NR + 1) / 2)] }')
reg_p95=$(cat "$out/answers"/* | awk '{ print $2 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.0f", 1000 * a[int(NR * 0.95)] }')
course_id=$(sql "SELECT Id FROM Courses WHERE Slug = '$course'")
seated=$(sql "SELECT count(*) FROM Registrations WHERE CourseId = '$course_id' AND Status IN (1, 2)")
waiting=$(sql "SELECT count(*) FROM Registrations WHERE CourseId = '$course_id' AND Status = 0")
taken=$(sql "SELECT SeatsTaken FROM Courses WHERE Id = '$course_id'")
orders=$(sql "SELECT count(*) FROM Orders WHERE lower(Reference) = lower('$course_id')")
oversold="no"
[[ $seated -eq $seats && $taken -eq $seats && $((seated + waiting)) -eq $READERS && $orders -eq $seats ]] || oversold="CHECK FAILED"
[[ $seated -le $seats ]] || oversold="OVERSOLD"
echo "registrations: $reg_rate/s; seated $seated of $seats, waiting $waiting, SeatsTaken $taken, orders $orders: $oversold" >&2

cut_bytes=$(wc -c <"$out/pages/cut.html")
full_bytes=$(wc -c <"$out/pages/subscriber.html")
section=$(cat <<EOF
## Members, paywall and Academy

- Date: $(date -u '+%Y-%m-%d %H:%M') UTC; commit \`$(git -C "$root" rev-parse --short HEAD)\`; $(nproc) cores shared with wrk
  (load average before the load runs: $load_before).
- Command: \`bench/members.sh\` (DURATION=$DURATION, ROUNDS=$ROUNDS, \`wrk -t$THREADS -c$CONNECTIONS\`, READERS=$READERS,
  PARALLEL=$PARALLEL), SQLite, Release build, demo content; the baseline is bench/Baseline serving the same bytes from memory.

A premium story as three kinds of reader get it. "Used-up meter" is an anonymous reader whose meter cookie says both free
premium reads of the month are spent: the cut page (headline, credits, photo, the free paragraphs, the subscribe box),
shared by every such reader from the output cache. "First visit" is a reader with no cookie yet: the story in full, counted
in a new meter cookie, never cached. "Subscriber" is signed in with an active plan: the story in full, never stored where
another reader could get it.

| Scenario | Requests/s | p50 | Bytes | Of the same bytes from memory |
|---|---:|---:|---:|---:|
| Baseline: cut page from memory | $cut_b_rps | $cut_b_p50 | $cut_bytes | |
| **Premium story, used-up meter (cached cut page)** | $cut_rps | $cut_p50 | $cut_bytes | **$(percent "$cut_rps" "$cut_b_rps")** (rounds: $cut_all) |
| Baseline: full page from memory | $full_b_rps | $full_b_p50 | $full_bytes | |
| Premium story, subscriber | $sub_rps | $sub_p50 | $full_bytes | $(percent "$sub_rps" "$full_b_rps") (rounds: $sub_all) |
| Premium story, first visit (meter cookie set) | $first_rps | $first_p50 | $(wc -c <"$out/pages/first.html") | $(percent "$first_rps" "$full_b_rps") |

Academy registration: $READERS readers, each registered, confirmed from the mailed link and signed in, post the
registration form of one paid course with $seats seats, $PARALLEL at a time: **$reg_rate registrations/s** ($READERS in
${reg_seconds} s; per request p50 $reg_p50 ms, p95 $reg_p95 ms; answers: $answers). Oversell check: $seated readers hold
or have a seat, $waiting wait in line, the course counts $taken seats taken, $orders orders were opened — oversold: **$oversold**.
EOF
)

source "$root/bench/section.sh"
write_section "$report" '<!-- members-bench:begin -->' '<!-- members-bench:end -->' "$section"
say "wrote $report"
[[ $oversold == no ]] || die "the oversell check failed: $oversold"
