#!/usr/bin/env bash
# What the staff session check costs: every request with the staff cookie reads the account (security stamp, disabled
# flag, two-factor flag, roles) in one query by key, so a role change or a disabled account applies on the next request.
# Measures, in one run on a fresh SQLite database with the demo content:
#   - the profile page signed in (cookie decrypted, session checked, page reads the account) against the sign-in page
#     anonymously (same layout and size, no session): the ratio is what the check and the account read cost;
#   - a sign-in (password hash check, one PBKDF2 with Identity's default work factor) one at a time.
# Writes its section of docs/benchmarks.md between <!-- staff-bench:begin --> and <!-- staff-bench:end -->.
#
#   bench/staff.sh                  3 rounds of 10 s each
#   DURATION=5s ROUNDS=1 bench/staff.sh
set -euo pipefail

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
SIGNINS=${SIGNINS:-30}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/staff"
report="$root/docs/benchmarks.md"
pid=""
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"

say "building Warta (Release)"
rm -rf "$out"
mkdir -p "$out/data"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; die "Warta did not build"; }

port=$((20000 + RANDOM % 40000))
base="http://127.0.0.1:$port"
(cd "$out/warta" && Warta__DataPath="$out/data" Warta__Staff__LoginAttemptsPerMinute=1000000 Logging__LogLevel__Default=Warning \
  exec dotnet Warta.dll --urls "$base") >"$out/warta.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null --max-time 2 "$base/healthz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { tail -n 40 "$out/warta.log" >&2; die "Warta exited"; }
  sleep 0.5
done
password=$(sed -n 's/^  Password: //p' "$out/warta.log" | head -n 1)
[[ -n $password ]] || die "no admin password in the first start's output"

jar="$out/cookies"
sign_in() {  # prints the seconds one sign-in took (page load with its token, then the post)
  rm -f "$jar"
  local token
  token=$(curl -fsS -c "$jar" -b "$jar" "$base/redaksi/masuk" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -sS -o /dev/null -c "$jar" -b "$jar" -w '%{time_total}\n' \
    --data-urlencode "Email=admin@warta.local" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" \
    "$base/redaksi/masuk"
}

say "signing in $SIGNINS times, one at a time"
sign_in >/dev/null
times=$(for _ in $(seq 1 "$SIGNINS"); do sign_in; done | sort -n)
signin_p50=$(awk '{ a[NR] = $1 } END { printf "%.0f", 1000 * a[int((NR + 1) / 2)] }' <<<"$times")
signin_max=$(awk '{ m = $1 } END { printf "%.0f", 1000 * m }' <<<"$times")
cookie=$(awk '$6 == "warta_staff" { print "warta_staff=" $7 }' "$jar")
[[ -n $cookie ]] || die "signing in gave no staff cookie"
code=$(curl -sS -o "$out/profil.html" -w '%{http_code}' -H "Cookie: $cookie" "$base/redaksi/profil")
[[ $code == 200 ]] || die "the profile page answered $code with the cookie"

measure() {  # url, extra wrk args…  → "rps p50"
  local url=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$@" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$out/wrk.txt"
  grep -q "Non-2xx" "$out/wrk.txt" && die "$url answered non-2xx under load: $(cat "$out/wrk.txt")"
  awk '/^Requests\/sec:/ { r = $2 } /^ +50%/ { p = $2 } END { print r, p }' "$out/wrk.txt"
}

say "wrk: sign-in page anonymous vs profile page signed in, $ROUNDS rounds"
rounds=()
for ((i = 1; i <= ROUNDS; i++)); do
  read -r anon_rps anon_p50 < <(measure "$base/redaksi/masuk")
  read -r staff_rps staff_p50 < <(measure "$base/redaksi/profil" -H "Cookie: $cookie")
  ratio=$(awk -v a="$staff_rps" -v b="$anon_rps" 'BEGIN { printf "%.2f", a / b }')
  rounds+=("$ratio $anon_rps $anon_p50 $staff_rps $staff_p50")
done
read -r ratio anon_rps anon_p50 staff_rps staff_p50 < <(printf '%s\n' "${rounds[@]}" | sort -n | sed -n "$(((ROUNDS + 1) / 2))p")
all_ratios=$(printf '%s\n' "${rounds[@]}" | awk '{ printf "%s%.0f%%", (NR > 1 ? ", " : ""), 100 * $1 }')
anon_bytes=$(curl -fsS "$base/redaksi/masuk" | wc -c)
staff_bytes=$(wc -c <"$out/profil.html")

section=$(cat <<EOF
## Staff sessions

- Date: $(date -u '+%Y-%m-%d %H:%M') UTC; commit \`$(git -C "$root" rev-parse --short HEAD)\`; $(nproc) cores shared with wrk and other work
  (load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)).
- Command: \`bench/staff.sh\` (DURATION=$DURATION, ROUNDS=$ROUNDS, \`wrk -t$THREADS -c$CONNECTIONS\`), SQLite, Release build.

Every request with the staff cookie is checked against the account (one query by primary key: security stamp, disabled
flag, two-factor flag, roles), so a role change or a disabled account applies on the next request. The signed-in profile
page (which also reads the account for itself) is compared with the sign-in page served anonymously: the same layout,
similar size, no session.

| Scenario | Requests/s | p50 | Bytes |
|---|---:|---:|---:|
| Sign-in page, anonymous | $anon_rps | $anon_p50 | $anon_bytes |
| **Profile page, signed in (session checked)** | $staff_rps | $staff_p50 | $staff_bytes |

Signed in over anonymous: **$(awk -v r="$ratio" 'BEGIN { printf "%.0f%%", 100 * r }')** (the median of the rounds: $all_ratios).

Signing in (sign-in page with its token, then the post; PBKDF2 password check), one at a time, $SIGNINS times:
median **$signin_p50 ms**, slowest $signin_max ms. The password hash is deliberately slow; the login rate limit
(10 a minute from one address, 15-minute lockout after 5 failures) keeps it from being a way to load the server.
EOF
)

source "$root/bench/section.sh"
write_section "$report" '<!-- staff-bench:begin -->' '<!-- staff-bench:end -->' "$section"
say "wrote $report"
