#!/usr/bin/env bash
# First command of the README: set up (once) and start Papelógrafo on the demo process.
# Extra arguments go to the app: ./run.sh FILE.taller, ./run.sh templates, ...
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh app
if [ $# -eq 0 ]; then
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # No display: the app's main job headless, the demo's report as a PDF (the CLI says where).
    exec .venv/bin/python main.py export --demo --pdf "$PWD/demo-informe.pdf"
  fi
  set -- --demo
fi
exec .venv/bin/python main.py "$@"
