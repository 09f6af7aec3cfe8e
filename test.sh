#!/usr/bin/env bash
# Second command of the README: set up (once) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
