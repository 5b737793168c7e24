#!/usr/bin/env bash
# Smoke test of the built one-folder app (`make package-test` runs it after `make package`).
#
#     packaging/smoke_test.sh [dist/docket]
#
# The folder is copied to a temporary place (it must not depend on where it was built) and
# every command runs with a clean environment: `env -i HOME=<tmp> PATH=/usr/bin:/bin`, so
# neither the project's virtualenv nor its sources are on PATH or importable. The built
# `docket` itself makes the keys, packs a small task bundle, imports it, exports and
# verifies a result bundle, and renders the demo offscreen; the screenshot must be a real
# picture. It also checks what the folder holds (no Qt module Docket does not use) and its
# size. Needs bash and python3 (the system's: it decodes the PNG). Linux and macOS; Windows
# builds are smoke-tested by hand (packaging/README.md).
set -euo pipefail

DIST=${1:-dist/docket}
MAX_MB=${DOCKET_MAX_MB:-200}
[ -x "$DIST/docket" ] || { echo "smoke: no executable $DIST/docket; run make package" >&2; exit 1; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml" | head -n 1)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/docket-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -a "$DIST" "$tmp/app"
mkdir -p "$tmp/home" "$tmp/work"
step() { printf 'smoke: %s\n' "$*"; }
fail() { printf 'smoke: FAILED: %s\n' "$*" >&2; exit 1; }
# The built app, from a clean environment, in the work folder; stderr kept for failures.
docket() {
    (cd "$tmp/work" && env -i HOME="$tmp/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
        "$tmp/app/docket" "$@") 2>"$tmp/stderr" || {
        cat "$tmp/stderr" >&2
        fail "docket $*"
    }
}

step "what the folder holds"
size_mb=$(du -sm "$DIST" | cut -f1)
[ "$size_mb" -le "$MAX_MB" ] || fail "$DIST is $size_mb MB, over $MAX_MB MB"
unwanted=$(find "$DIST" \( -iname '*Qt6Network*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' \
    -o -iname '*WebEngine*' -o -iname '*Qt6Multimedia*' -o -iname '*Qt6Pdf*' -o -iname '*Qt63D*' \
    -o -iname '*Qt6Charts*' -o -iname '*QtNetwork*' -o -iname '*QtQml*' \
    -o \( -iname '*.qm' ! -name 'docket_*.qm' ! -name 'qtbase_*.qm' \) \) -print)
[ -z "$unwanted" ] || fail "Qt parts Docket does not use were collected: $unwanted"
# The interface's languages: Docket's translations and Qt's own for each (standard buttons).
for lang in de fr es ar he zh_CN ja; do
    for name in "docket_$lang.qm" "qtbase_$lang.qm"; do
        [ -n "$(find "$DIST" -name "$name" -print -quit)" ] || fail "$name is missing"
    done
done
[ -f "$DIST/_internal/docket/resources/demo/tasks.jsonl" ] || fail "the demo tasks are missing"
# The CJK font carried unpacked (registered by its path at start: docket.ui.fonts).
fonts="$DIST/_internal/docket/resources/fonts"
[ "$(head -c 4 "$fonts/NotoSansCJKsc-Common.otf" 2>/dev/null)" = OTTO ] \
    || fail "the CJK font is not carried as plain OpenType"
[ ! -e "$fonts/NotoSansCJKsc-Common.otf.xz" ] || fail "the CJK font is carried twice"
[ -n "$(find "$DIST" -iname 'QtDBus*')" ] || fail "QtDBus (the screen-lock signal) is missing"
step "  $size_mb MB, no unused Qt modules, resources present"

step "the clean environment has no other Docket"
if (cd "$tmp/work" && env -i HOME="$tmp/home" PATH=/usr/bin:/bin python3 -c 'import docket') \
    >/dev/null 2>&1; then
    fail "python3 in the clean environment imports docket: the test would not prove anything"
fi

step "docket --version"
docket --version >"$tmp/out"
[ "$(cat "$tmp/out")" = "docket $VERSION" ] || fail "--version said: $(cat "$tmp/out")"

step "docket keygen --no-passphrase (server, reviewer)"
docket keygen server --no-passphrase --out keys >/dev/null
docket keygen alice --no-passphrase --out keys >/dev/null
[ -f "$tmp/work/keys/alice.key" ] && [ -f "$tmp/work/keys/server.pub" ] || fail "no key files"

step "docket pack (two tasks, non-ASCII text)"
cat >"$tmp/work/tasks.jsonl" <<'EOF'
{"id": "t1", "prompt": "Is 91 prime?", "responses": [{"id": "a", "text": "Yes."}, {"id": "b", "text": "No: 91 = 7 × 13."}]}
{"id": "t2", "prompt": "Spell “naïve café”.", "chosen": "naïve café", "rejected": "naive cafe"}
EOF
docket pack tasks.jsonl --server-key keys/server.key --reviewer keys/alice.pub \
    --out bundles --project smoke >"$tmp/out"
bundle="$tmp/work/bundles/smoke-alice.docket"
[ -s "$bundle" ] || { cat "$tmp/out"; fail "no bundle $bundle"; }

step "docket import"
docket import bundles/smoke-alice.docket --workspace ws --key keys/alice.key \
    --server keys/server.pub >"$tmp/out"
grep -q "imported 2 tasks" "$tmp/out" || fail "import said: $(cat "$tmp/out")"

step "docket export and docket verify (a signed result bundle, checked as the server would)"
docket export --workspace ws --key keys/alice.key --out alice.docket-result >"$tmp/out"
mkdir -p "$tmp/work/ring" && cp "$tmp/work/keys/alice.pub" "$tmp/work/ring/"
docket verify alice.docket-result --server-key keys/server.key --keyring ring >"$tmp/out"
grep -q "1 verified, 0 rejected" "$tmp/out" || fail "verify said: $(cat "$tmp/out")"

step "docket demo --screenshot (offscreen)"
now() { python3 -c 'import time; print(time.time())'; }
start=$(now)
docket demo --screenshot shot.png
end=$(now)
python3 - "$tmp/work/shot.png" <<'EOF' || fail "the screenshot is not a real picture"
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
idat, pos = b"", 8
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos : pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8 : pos + 8 + length]
    pos += 12 + length
raw = zlib.decompress(idat)
stride = len(raw) // height
rows = {raw[i * stride : (i + 1) * stride] for i in range(height)}
distinct_bytes = len(set(raw))
print(f"smoke:   {width}x{height}, {len(data)} bytes, {len(rows)} distinct rows, "
      f"{distinct_bytes} distinct byte values")
assert width >= 800 and height >= 600, "too small"
assert len(data) > 20_000, "too few bytes for a window full of text"
assert len(rows) > height // 4 and distinct_bytes > 64, "nearly uniform"
EOF
cp "$tmp/work/shot.png" "${DOCKET_SMOKE_SHOT:-$ROOT/build/smoke-demo.png}" 2>/dev/null || true
step "  demo screenshot in $(awk "BEGIN { printf \"%.2f\", $end - $start }") s"

echo "smoke: all passed ($DIST, docket $VERSION)"
