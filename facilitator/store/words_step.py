"""Migration: the words the app supplied become keys (issue 14, *one language at a time*).

Before this step a file held the app's words in the language the workshop was
created in: canvas titles and zone labels copied from the scripts ("Matriz
FODA", "Fortalezas"), and the registry's genders and sectors ("mujer",
"Servicios públicos"), and the status of an existing initiative ("En curso").
Each value that is one of those words (in Spanish or English, any case) becomes
its key (``canvas:matriz_foda``, ``zone:fortalezas``, ``gender:mujer``…), which
``facilitator.domain.labels.show`` turns into the reader's language. Anything
else — a title the team edited, a label they typed, a sector of their own — is
left exactly as it was.

Rows are rewritten in place without touching ``updated_at`` or the merge
history: the value means the same, only its spelling in the file changed, so two
copies of one process migrated apart still merge without a conflict. The step is
idempotent (a key maps to itself) and runs in the migration's one transaction.
A damaged zone list is left as it is (readers already treat it as no zones).
"""

from __future__ import annotations

import json
import sqlite3

from ..domain.labels import key_zones, to_key

# (table, column, word list)
PLAIN = (("canvas", "title", "canvas"), ("participant", "gender", "gender"), ("participant", "sector", "sector"),
         ("existing_initiative", "status", "status"))


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def words_to_keys(conn: sqlite3.Connection) -> int:
    """Rewrite app-supplied words as keys; returns how many cells changed."""
    tables = _tables(conn)
    changed = 0
    for table, column, kind in PLAIN:
        if table not in tables:
            continue
        for row_id, value in conn.execute(f'SELECT id, "{column}" FROM "{table}"').fetchall():
            key = to_key(value, kind)
            if key != value:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (key, row_id))
                changed += 1
    if "canvas" in tables:
        for row_id, raw in conn.execute("SELECT id, zones FROM canvas").fetchall():
            try:
                zones = json.loads(raw or "[]")
            except (ValueError, TypeError, RecursionError):
                continue
            if not isinstance(zones, list):
                continue
            keyed = key_zones(zones)
            if keyed != zones:
                conn.execute("UPDATE canvas SET zones = ? WHERE id = ?",
                             (json.dumps(keyed, ensure_ascii=False), row_id))
                changed += 1
    return changed


def words_step(conn: sqlite3.Connection) -> None:
    """The migration step (MIGRATIONS runs it inside BEGIN … COMMIT with the version bump)."""
    words_to_keys(conn)


def keyed_values(table: str, values: dict) -> dict:
    """``values`` for ``table`` as they go into the file: app-supplied words as keys, the rest as given.

    ``Store.insert`` and ``Store.update`` pass every write through here, so a new
    workshop, an import, a merge or an edit that keeps an app word stores its key.
    """
    fields = {column: kind for t, column, kind in PLAIN if t == table}
    if not fields and not (table == "canvas" and "zones" in values):
        return dict(values)  # always a copy: the store fills in ids and stamps
    out = dict(values)
    for column, kind in fields.items():
        if column in out:
            out[column] = to_key(out[column], kind)
    if table == "canvas" and isinstance(out.get("zones"), list):  # an exchange file's decoded list
        out["zones"] = key_zones(out["zones"])
    elif table == "canvas" and isinstance(out.get("zones"), str):
        try:
            zones = json.loads(out["zones"])
        except (ValueError, TypeError, RecursionError):
            return out
        if isinstance(zones, list):
            keyed = key_zones(zones)
            if keyed != zones:
                out["zones"] = json.dumps(keyed, ensure_ascii=False)
    return out
