#!/usr/bin/env bash
# Install the built one-folder app for one user (or system-wide), with its desktop entry,
# icons and file types, so that double-clicking a *.docket bundle opens Docket.
#
#     packaging/linux/install.sh [--prefix DIR] [--uninstall] [DIST]
#
# DIST defaults to dist/docket (`make package`). The prefix defaults to ~/.local (per user;
# ~/.local/bin should be on PATH); --prefix /usr/local or /opt/docket for everyone (as root).
# Layout: PREFIX/lib/docket/ (the folder), PREFIX/bin/docket (a symlink),
# PREFIX/share/{applications,mime/packages,icons/hicolor}/...
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:+$(dirname "$XDG_DATA_HOME")}"
prefix="${prefix:-$HOME/.local}"
uninstall=0
dist=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) dist="$1"; shift ;;
    esac
done
dist="${dist:-$here/../../dist/docket}"
share="$prefix/share"
icons="$here/../icons/hicolor"

refresh() {
    # Each is optional: without it the desktop picks the files up at next login.
    command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
    command -v update-desktop-database >/dev/null \
        && update-desktop-database "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null \
        && gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
    rm -rf "$prefix/lib/docket"
    rm -f "$prefix/bin/docket" "$share/applications/docket.desktop" \
        "$share/mime/packages/docket.xml"
    find "$share/icons/hicolor" -path '*/apps/docket.*' -delete 2>/dev/null || true
    refresh
    echo "Docket removed from $prefix"
    exit 0
fi

[ -x "$dist/docket" ] || { echo "no built app at $dist (run make package)" >&2; exit 1; }
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/mime/packages"
rm -rf "$prefix/lib/docket.new"
cp -a "$dist" "$prefix/lib/docket.new"
rm -rf "$prefix/lib/docket"
mv "$prefix/lib/docket.new" "$prefix/lib/docket"
ln -sfn "$prefix/lib/docket/docket" "$prefix/bin/docket"
# The entry names the installed program by its full path: PATH may not hold PREFIX/bin.
sed -e "s|^Exec=docket |Exec=$prefix/bin/docket |" -e "s|^TryExec=docket$|TryExec=$prefix/bin/docket|" \
    "$here/docket.desktop" >"$share/applications/docket.desktop"
cp "$here/docket-mime.xml" "$share/mime/packages/docket.xml"
(cd "$icons" && find . -name 'docket.*' -print) | while read -r icon; do
    mkdir -p "$share/icons/hicolor/$(dirname "$icon")"
    cp "$icons/$icon" "$share/icons/hicolor/$icon"
done
refresh
echo "Docket installed in $prefix ($prefix/bin/docket); *.docket bundles open with it."
