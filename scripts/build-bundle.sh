#!/usr/bin/env bash
# Build the one-folder desktop bundle with PyInstaller (packaging/papelografo.spec), check it with its
# own --selftest, and pack it as dist/papelografo-VERSION-linux-ARCH.tar.gz.
# Usage: scripts/build-bundle.sh            (installs what the build needs on first run, like ./test.sh)
#   DIST=folder  puts the bundle and the archive there instead of dist/ (the suite builds into a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
if ! { [ -x $py ] && $py -c 'import PyInstaller' 2>/dev/null && command -v strip >/dev/null; }; then
  scripts/setup.sh build
fi
dist=${DIST:-dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
work="$dist/.build"
version=$($py -c 'import facilitator; print(facilitator.__version__)')
arch=$(uname -m)
start=$(date +%s)

rm -rf "$dist/papelografo" "$work"
$py -m PyInstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" packaging/papelografo.spec
rm -rf "$work"
install -m 755 scripts/install-desktop.sh "$dist/papelografo/install-desktop.sh"
built=$(date +%s)

# The bundle checks itself where it was built: a missing module or data file fails here, not on a laptop.
# It runs from a folder outside the repository, so it cannot borrow the source tree's files.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$dist/papelografo/papelografo" --selftest)

archive="$dist/papelografo-$version-linux-$arch.tar.gz"
tar -C "$dist" -czf "$archive" papelografo
size=$(du -sm "$dist/papelografo" | cut -f1)
packed=$(du -m "$archive" | cut -f1)
echo "Paquete: $dist/papelografo/ ($size MB), $archive ($packed MB); construido en $((built - start)) s."
