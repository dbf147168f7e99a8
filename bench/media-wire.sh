#!/usr/bin/env bash
# The newsroom's heavy lifting, timed on a Release build: a 12-megapixel photo through the media pipeline (full decode,
# orientation, JPEG and WebP at every width), a rendition served to readers (wrk), and an agency feed polled twice
# through the admin's "Ambil sekarang" (first import of every item as a draft, then a re-poll that imports nothing).
# Writes its section of docs/benchmarks.md between the bench-media-wire markers.
#
#   bench/media-wire.sh
#   UPLOADS=5 ITEMS=500 DURATION=5s bench/media-wire.sh
set -euo pipefail

UPLOADS=${UPLOADS:-7}
ITEMS=${ITEMS:-200}
DURATION=${DURATION:-10s}
WIDTH=${WIDTH:-4000}
HEIGHT=${HEIGHT:-3000}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out/media-wire"
report="$root/docs/benchmarks.md"

pids=()
on_exit() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap on_exit EXIT
say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk '{ printf "%.0f", $1 * 1000 }'; }

command -v wrk >/dev/null || die "wrk is needed (Debian package wrk)"
command -v python3 >/dev/null || die "python3 is needed (free ports, the test photo, the feed server)"

say "building Warta (Release)"
rm -rf "$out"
mkdir -p "$out/data" "$out/feed" "$out/logs"
dotnet publish "$root/src/Warta.Web" -c Release -o "$out/warta" -nologo -v quiet >"$out/logs/build.log" 2>&1 \
  || { tail -n 40 "$out/logs/build.log" >&2; die "Warta did not build"; }

export Warta__DataPath="$out/data" Warta__Demo__SeedOnEmpty=false Warta__Wire__WorkerSeconds=0 Logging__LogLevel__Default=Warning
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port=$(free_port)
(cd "$out/warta" && exec dotnet Warta.dll --urls "http://127.0.0.1:$port") >"$out/logs/warta.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$base/healthz" || die "Warta did not start (see $out/logs/warta.log)"

key=$(cd "$out/warta" && dotnet Warta.dll apikey create --name bench --scope newsroom | tail -n 1)
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"name":"Ekonomi","order":1}' "$base/api/admin/channels/ekonomi"

# ---------------------------------------------------------------- media
say "a ${WIDTH}x${HEIGHT} photo through the media pipeline, $UPLOADS times"
python3 - "$out/photo.png" "$WIDTH" "$HEIGHT" <<'PY'
# A smooth photo-like PNG (gradients and waves): large in pixels, within the 15 MB upload limit.
import math, struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = bytearray()
for y in range(h):
    g = int(128 + 100 * math.sin(y / 97))
    rows.append(0)
    rows += bytes(v for x in range(w) for v in (x * 255 // w, g, ((x + y) // 13) & 0xFF))
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                       + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))
PY
photo_bytes=$(stat -c %s "$out/photo.png")
: >"$out/upload-times.txt"
for i in $(seq 1 "$UPLOADS"); do
  curl -sS -o "$out/upload.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $key" \
    -F "file=@$out/photo.png;type=image/png" "$base/api/admin/media" >"$out/upload-$i.txt"
  read -r code seconds <"$out/upload-$i.txt"
  [[ $code == 201 ]] || die "upload answered $code: $(cat "$out/upload.json")"
  echo "$seconds" >>"$out/upload-times.txt"
done
upload_ms=$(median <"$out/upload-times.txt" | ms)
media_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"].replace("-",""))' "$out/upload.json")
rendition="$base/media/$media_id/w640.webp"
rendition_bytes=$(curl -fsS "$rendition" | wc -c)
wrk -t2 -c64 -d3s "$rendition" >/dev/null
wrk -t2 -c64 -d"$DURATION" --latency "$rendition" >"$out/wrk-media.txt"
media_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out/wrk-media.txt")
media_p50=$(awk '$1 == "50%" { print $2 }' "$out/wrk-media.txt")
media_p99=$(awk '$1 == "99%" { print $2 }' "$out/wrk-media.txt")

# ---------------------------------------------------------------- wire
say "an RSS feed of $ITEMS items, polled twice"
python3 - "$out/feed/antara.xml" "$ITEMS" <<'PY'
import sys
from xml.sax.saxutils import escape
path, n = sys.argv[1], int(sys.argv[2])
paragraph = ("Bank Indonesia mempertahankan suku bunga acuan pada rapat dewan gubernur bulan ini, sejalan dengan upaya "
             "menjaga stabilitas nilai tukar rupiah di tengah ketidakpastian pasar keuangan global yang masih tinggi. ")
items = []
for i in range(n):
    body = "".join(f"<p>{paragraph * 3}</p>" for _ in range(6))
    items.append(f"<item><title>Berita agensi nomor {i}: rupiah dan suku bunga</title>"
                 f"<link>https://agensi.example/berita/{i}</link><guid isPermaLink=\"false\">agensi-{i}</guid>"
                 f"<pubDate>Sun, 29 Nov 2026 01:{i % 60:02d}:00 GMT</pubDate><description>Ringkasan berita {i}.</description>"
                 f"<content:encoded>{escape(body)}</content:encoded></item>")
open(path, "w", encoding="utf-8").write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Agensi</title><link>https://agensi.example/</link>'
    '<description>x</description>' + "".join(items) + "</channel></rss>")
PY
feed_bytes=$(stat -c %s "$out/feed/antara.xml")
feed_port=$(free_port)
(cd "$out/feed" && exec python3 -m http.server "$feed_port" --bind 127.0.0.1) >"$out/logs/feed.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 40); do curl -fsS -o /dev/null "http://127.0.0.1:$feed_port/antara.xml" 2>/dev/null && break; sleep 0.25; done

(cd "$out/warta" && dotnet Warta.dll users add --email bench@warta.local --name Bench --role admin --password bench-kata-sandi-1) >/dev/null
jar="$out/cookies.txt"
token() { curl -fsS -b "$jar" -c "$jar" "$base$1" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "Email=bench@warta.local" \
  --data-urlencode "Password=bench-kata-sandi-1" --data-urlencode "__RequestVerificationToken=$(token /redaksi/masuk)" "$base/redaksi/masuk")
[[ $code == 302 ]] || die "sign-in answered $code"
code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "Form.Agency=Antara" --data-urlencode "Form.Kind=url" \
  --data-urlencode "Form.Url=http://127.0.0.1:$feed_port/antara.xml" --data-urlencode "Form.IntervalMinutes=60" --data-urlencode "Form.Channel=ekonomi" \
  --data-urlencode "Form.AllowPrivateAddresses=true" --data-urlencode "Form.Enabled=true" \
  --data-urlencode "__RequestVerificationToken=$(token /redaksi/wire/feed/baru)" "$base/redaksi/wire/feed/baru")
[[ $code == 302 ]] || die "adding the feed answered $code"
feed_id=$(curl -fsS -b "$jar" "$base/redaksi/wire/feed" | sed -n 's/.*data-feed="\([0-9]*\)".*/\1/p' | head -n 1)
poll() {  # prints seconds; checks the outcome message
  local seconds
  seconds=$(curl -sS -o /dev/null -w '%{time_total}' -b "$jar" -c "$jar" --data-urlencode "__RequestVerificationToken=$(token /redaksi/wire/feed)" \
    "$base/redaksi/wire/feed?handler=Fetch&id=$feed_id")
  curl -fsS -b "$jar" -c "$jar" "$base/redaksi/wire/feed" | grep -q "Berhasil diambil: $1 berita baru" || die "poll did not report $1 new items"
  echo "$seconds"
}
first_ms=$(poll "$ITEMS" | ms)
again_ms=$(poll 0 | ms)

# ---------------------------------------------------------------- report
cores=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
section=$(cat <<MD
<!-- bench-media-wire:begin -->
<!-- bench/media-wire.sh writes everything between these markers. -->
## Media pipeline and wire ingest

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit \`$(git -C "$root" rev-parse --short HEAD)\`; $cores cores shared with wrk, curl and the feed server; SQLite.
- Command: \`bench/media-wire.sh\` (UPLOADS=$UPLOADS, ITEMS=$ITEMS, DURATION=$DURATION), Release build. Load average (1/5/15 min) at the end: $load.

| What | Figure |
|---|---:|
| Upload of a ${WIDTH}×${HEIGHT} PNG ($((photo_bytes / 1024)) KB): decode, orient, JPEG + WebP at 320/640/1024/1600 and the original, one transaction — median of $UPLOADS, measured by curl | **${upload_ms} ms** |
| Serving \`/media/{id}/w640.webp\` ($rendition_bytes bytes) to \`wrk -t2 -c64 -d$DURATION\` | **$media_rps req/s**, p50 $media_p50, p99 $media_p99 |
| First poll of an RSS feed of $ITEMS items ($((feed_bytes / 1024)) KB): fetch, parse, $ITEMS drafts each saved through ArticleWriter with its wire item | **${first_ms} ms** ($(( first_ms / ITEMS )) ms an item) |
| Re-poll of the same feed (nothing new: one lookup per item) | **${again_ms} ms** |
<!-- bench-media-wire:end -->
MD
)
python3 - "$report" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"<!-- bench-media-wire:begin -->.*?<!-- bench-media-wire:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
echo "$section"
