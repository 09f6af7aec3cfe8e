#!/usr/bin/env bash
# Install what a fresh Debian 12 / Ubuntu 22.04+ machine lacks, then a virtual
# environment with Papelógrafo and its Python dependencies in .venv/.
# Usage: scripts/setup.sh app|test|build     (idempotent; offline once done)
#   test also installs what the tests use, build what scripts/build-bundle.sh uses (test includes build:
#   the suite builds the bundle and runs its self-test).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}

# Qt's xcb/offscreen platforms need these shared libraries; fonts for the UI.
apt_app=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fonts-dejavu-core fonts-noto-color-emoji)
# The tests also drive a real window on a virtual screen and read PDFs as images, check the desktop
# entry and the file type the bundle installs, read the Decidim CSV with Ruby's CSV as Decidim does,
# and load the phone page in a real browser (Debian's chromium and its driver; never a downloaded one).
# They draw Chinese/Japanese/Korean, Thai, Devanagari and ₿ in the PDF with small system fonts (about 9 MB).
apt_test=(xvfb xdotool poppler-utils desktop-file-utils libxml2-utils shared-mime-info ruby
          fonts-wqy-microhei fonts-tlwg-garuda-ttf fonts-lohit-deva fonts-symbola chromium chromium-driver)
# PyInstaller strips the bundle's libraries with binutils' strip.
apt_build=(binutils)

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "Papelógrafo necesita Python 3.10 o más reciente (python3)." >&2
  exit 1
fi

wanted=("${apt_app[@]}")
[ "$mode" = test ] && wanted+=("${apt_test[@]}" "${apt_build[@]}")
[ "$mode" = build ] && wanted+=("${apt_build[@]}")
"$python" -c 'import venv, ensurepip' 2>/dev/null || wanted+=(python3-venv)

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Instalando paquetes del sistema: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extra=""
[ "$mode" = test ] && extra="[test,build]"
[ "$mode" = build ] && extra="[build]"
stamp=".venv/.installed-$mode-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
