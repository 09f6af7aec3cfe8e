#!/usr/bin/env bash
# Papelógrafo's gettext catalogues, with Babel's standard tools:
#   1. extract the Spanish messages from the code into resources/locale/papelografo.pot (babel.cfg);
#   2. fold any resources/i18n/<lang>/*.json catalogue (the old format, or one a branch added)
#      into that language's .po, then delete the JSON (scripts/i18n_json_to_po.py);
#   3. update every language's .po from the .pot (new messages appear untranslated, removed ones
#      become obsolete);
#   4. compile every .po to the .mo the app reads (committed: the app needs no Babel to run).
# Usage: scripts/i18n.sh     (after changing messages in the code, or after editing a .po)
# A new language, e.g. Portuguese (then translate resources/locale/pt/LC_MESSAGES/papelografo.po
# with Poedit or any .po editor, and run this script):
#   .venv/bin/pybabel init -D papelografo -i resources/locale/papelografo.pot -d resources/locale -l pt
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
[ -x "$py" ] || py=python3
babel=("$py" -m babel.messages.frontend)
locale=resources/locale
pot=$locale/papelografo.pot
mkdir -p "$locale"

# Sorted by message and with file names only, so that two branches adding messages rarely conflict.
before=$(mktemp); trap 'rm -f "$before"' EXIT
[ -f "$pot" ] && cp "$pot" "$before"
PYTHONPATH=scripts${PYTHONPATH:+:$PYTHONPATH} "${babel[@]}" -q extract -F babel.cfg -o "$pot" --sort-output --add-location=file --width=100 \
  --no-default-keywords -k _ -k N_ -k t -k tr -k gettext -k 'ngettext:1,2' -k 'Nn_:1,2' \
  -k 'pgettext:1c,2' -k 'npgettext:1c,2,3' \
  --project=Papelógrafo --copyright-holder="Papelógrafo's authors" .

# Nothing changed but the date: keep the old template, so that the .po and .mo do not change either.
if [ -s "$before" ] && diff -q <(grep -v '^"POT-Creation-Date:' "$before") <(grep -v '^"POT-Creation-Date:' "$pot") >/dev/null; then
  cp "$before" "$pot"
fi

"$py" scripts/i18n_json_to_po.py

for po in "$locale"/*/LC_MESSAGES/papelografo.po; do
  lang=$(basename "$(dirname "$(dirname "$po")")")
  "${babel[@]}" -q update -D papelografo -i "$pot" -d "$locale" -l "$lang" --width=100 --no-fuzzy-matching
done
"${babel[@]}" compile -D papelografo -d "$locale" --statistics
