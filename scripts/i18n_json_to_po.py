"""Fold JSON catalogues (``resources/i18n/<lang>/*.json``, Spanish → translation) into gettext.

Papelógrafo's catalogues were JSON files before they became gettext ``.po`` files; a branch
written against the JSON format may still add a file or entries there. ``scripts/i18n.sh``
runs this every time, after extracting ``papelografo.pot`` and before updating the ``.po``
files, so nothing written in JSON is lost:

* every entry goes into ``resources/locale/<lang>/LC_MESSAGES/papelografo.po`` (created from
  the template if the language is new); an existing translation in the ``.po`` is kept,
  an empty one is filled;
* a Spanish text the code does not contain as a literal (e.g. a vocabulary value shown
  through ``_(value)``) is also recorded in ``resources/locale/data.pot``, which is merged
  into ``papelografo.pot`` on every run, so that updating the ``.po`` files does not
  make it obsolete; unless a ``.po`` already has it as an obsolete entry (``#~``): then it is
  a message the code retired (e.g. «1 iniciativa», now a plural form) that an older JSON
  file still carries, and it stays retired;
* the JSON files are deleted, and their folders when empty.

Run from anywhere: ``python scripts/i18n_json_to_po.py [--keep-json] [--root REPOSITORY]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 100


def use_root(root: Path) -> None:
    """Work on the repository at ``root`` (``--root``; the tests use a copy)."""
    global JSON_DIR, LOCALE, POT, DATA_POT
    JSON_DIR = root / "resources" / "i18n"
    LOCALE = root / "resources" / "locale"
    POT = LOCALE / "papelografo.pot"
    DATA_POT = LOCALE / "data.pot"


use_root(ROOT)


def _read(path: Path, **kw) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, **kw)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=WIDTH, sort_output=True, include_lineno=False)


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def json_catalogues() -> dict[str, dict[str, tuple[str, str]]]:
    """lang → {Spanish: (translation, file name)} from every JSON catalogue."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    if not JSON_DIR.is_dir():
        return found
    for folder in sorted(p for p in JSON_DIR.iterdir() if p.is_dir()):
        for file in sorted(folder.glob("*.json")):
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise SystemExit(f"{file}: not a JSON object of Spanish → translation")
            entries = found.setdefault(folder.name, {})
            for msgid, text in data.items():
                if isinstance(msgid, str) and msgid and isinstance(text, str):
                    previous = entries.get(msgid)
                    if previous and previous[0] and text and previous[0] != text:
                        print(f"aviso: «{msgid}» se traduce distinto en {previous[1]} y {file.name}; "
                              f"queda la de {previous[1]} (use pgettext si son dos sentidos)", file=sys.stderr)
                        continue
                    if not previous or not previous[0]:
                        entries[msgid] = (text, file.name)
    return found


def retired_messages() -> set[str]:
    """Spanish texts some .po keeps as obsolete entries: the code no longer has them."""
    retired: set[str] = set()
    for path in LOCALE.glob("*/LC_MESSAGES/papelografo.po"):
        retired |= {key if isinstance(key, str) else key[0] for key in _read(path).obsolete}
    return retired


def record_data_messages(pot: Catalog, catalogues: dict[str, dict[str, tuple[str, str]]], retired: set[str]) -> None:
    """Keep the Spanish texts that are not in the code in data.pot, and merge data.pot into the .pot."""
    data = _read(DATA_POT) if DATA_POT.is_file() else Catalog(project="Papelógrafo", fuzzy=False)
    in_code = {_key(m) for m in pot if m.id}
    added = 0
    for entries in catalogues.values():
        for msgid, (_text, file) in entries.items():
            if msgid not in in_code and msgid not in data and msgid not in retired:
                data.add(msgid, auto_comments=[f"Not a literal in the code; came from resources/i18n/*/{file}"])
                added += 1
    if added or DATA_POT.is_file():
        _write(DATA_POT, data)
    changed = False
    for message in data:
        if message.id and _key(message) not in in_code:
            pot.add(message.id, auto_comments=message.auto_comments, context=message.context)
            changed = True
    if changed:
        _write(POT, pot)


def fold(pot: Catalog, lang: str, entries: dict[str, tuple[str, str]], retired: set[str]) -> int:
    po_path = LOCALE / lang / "LC_MESSAGES" / "papelografo.po"
    if po_path.is_file():
        po = _read(po_path, locale=lang)
    else:
        po = _read(POT, locale=lang)
        po.locale = lang  # what «pybabel init» does: the language's plural rule and name in the header
        po.fuzzy = False
    filled = 0
    for msgid, (text, _file) in entries.items():
        message = po.get(msgid)
        if message is None and msgid in retired and pot.get(msgid) is None:
            continue  # retired by the code: not brought back
        if message is None:
            template = pot.get(msgid)
            po.add(msgid, text, auto_comments=template.auto_comments if template else ())
            filled += 1
        elif isinstance(message.id, (list, tuple)):
            continue  # a plural message: its forms are translated in the .po, not in JSON
        elif not message.string:
            message.string = text
            message.flags.discard("fuzzy")
            filled += 1
    _write(po_path, po)
    return filled


def main(argv: list[str]) -> int:
    keep = "--keep-json" in argv
    if "--root" in argv:
        use_root(Path(argv[argv.index("--root") + 1]).resolve())
    catalogues = json_catalogues()
    if not POT.is_file():
        raise SystemExit(f"{POT} does not exist: run scripts/i18n.sh (it extracts the messages first)")
    pot = _read(POT)
    retired = retired_messages()
    record_data_messages(pot, catalogues, retired)
    for lang, entries in catalogues.items():
        filled = fold(pot, lang, entries, retired)
        print(f"{lang}: {len(entries)} entradas JSON, {filled} llevadas al .po")
    if not keep and JSON_DIR.is_dir():
        for file in JSON_DIR.glob("*/*.json"):
            file.unlink()
        for folder in sorted(JSON_DIR.glob("*"), reverse=True):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if not any(JSON_DIR.iterdir()):
            JSON_DIR.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
