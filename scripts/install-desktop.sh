#!/usr/bin/env bash
# Put Papelógrafo in the user's application menu and make .taller files open in it and show its icon.
# Installs for the current user only (no root): ~/.local/share/{applications,icons,mime} (XDG_DATA_HOME).
#
# Usage:  install-desktop.sh [--exec PROGRAM] [--uninstall]
#   From the unpacked bundle (papelografo/install-desktop.sh) it registers that bundle's program;
#   from a source checkout, the program scripts/setup.sh installed (.venv/bin/papelografo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
mime_type=application/x-papelografo-taller
mime_icon=application-x-papelografo-taller

if [ -x "$here/papelografo" ] && [ -d "$here/_internal" ]; then   # the bundle
  program="$here/papelografo"
  desktop_dir="$here/_internal/desktop"
  icons="$here/_internal/resources/icons"
else                                                              # the repository
  root=$(cd "$here/.." && pwd)
  program="$root/.venv/bin/papelografo"
  desktop_dir="$root/packaging/linux"
  icons="$root/resources/icons"
fi

uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) program=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "install-desktop.sh: opción desconocida «$1» (use --exec PROGRAMA o --uninstall)" >&2; exit 2 ;;
  esac
done

sizes="16 24 32 48 64 128 256 512"
refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$data_home/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data_home/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -f -t "$data_home/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$data_home/applications/papelografo.desktop" "$data_home/mime/packages/papelografo.xml" \
        "$data_home/icons/hicolor/scalable/apps/papelografo.svg"
  for s in $sizes; do
    rm -f "$data_home/icons/hicolor/${s}x${s}/apps/papelografo.png" \
          "$data_home/icons/hicolor/${s}x${s}/mimetypes/$mime_icon.png"
  done
  refresh
  echo "Papelógrafo quitado del menú de aplicaciones y de los tipos de archivo."
  exit 0
fi

if [ ! -x "$program" ]; then
  echo "install-desktop.sh: no se encuentra el programa «$program» (ejecute scripts/setup.sh o use --exec)." >&2
  exit 1
fi

for s in $sizes; do
  install -D -m 644 "$icons/papelografo-$s.png" "$data_home/icons/hicolor/${s}x${s}/apps/papelografo.png"
  install -D -m 644 "$icons/papelografo-$s.png" "$data_home/icons/hicolor/${s}x${s}/mimetypes/$mime_icon.png"
done
install -D -m 644 "$icons/papelografo.svg" "$data_home/icons/hicolor/scalable/apps/papelografo.svg"
install -D -m 644 "$desktop_dir/papelografo-mime.xml" "$data_home/mime/packages/papelografo.xml"
mkdir -p "$data_home/applications"
# Exec takes the program quoted (its path may have spaces); TryExec takes it as it is.
quoted=$(printf '%s' "$program" | sed 's/[\\"`$]/\\\\&/g')
sed -e "s|^Exec=.*|Exec=\"$quoted\" %f|" -e "s|^TryExec=.*|TryExec=$program|" \
    "$desktop_dir/papelografo.desktop" > "$data_home/applications/papelografo.desktop"
chmod 644 "$data_home/applications/papelografo.desktop"
refresh
command -v xdg-mime >/dev/null && xdg-mime default papelografo.desktop "$mime_type" 2>/dev/null || true
echo "Papelógrafo está en el menú de aplicaciones; los archivos .taller se abren con $program."
