"""The exchange format: a whole process as one JSON file, and its field-level merge.

Why: two laptops capture the same workshop (the facilitator's and the
note-taker's); each exports its file (or hands over its ``.taller``) and the
other merges it. Every row has a UUID, and every field edit leaves a revision in
the file's merge history (``field_rev``: which revision it replaced, on which
device); deletions leave tombstones. So a merge can tell, field by field, who
changed what since the two laptops last agreed:

* a field only the other laptop changed takes their value;
* a field only we changed keeps ours;
* a field both changed is a *conflict*: ours stays, both values go to the
  *Conflictos* list for the facilitator to choose;
* a row deleted on either side stays deleted on both.

No clock takes part, so a laptop whose clock says 9999 wins nothing. Importing
the same file twice changes nothing the second time. Everything is included
(photos as base64); nothing is anonymised: this is a backup of the data, not a
publication. See docs/exchange-format.md.

Every row of the file is checked against one schema (``exchange_schema``)
before anything is written, and the merge is planned inside the file's write
lock, so a second merge running at the same time waits for the first and sees
its rows. The import is one ``Macro`` of ordinary commands: one transaction, one
undo step.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from facilitator import __version__
from facilitator.commands import DeleteRow, InsertRow, Macro, UpdateRow
from facilitator.document import ProcessDocument
from facilitator.i18n import _, ngettext
from facilitator.store.db import Store, utc_now
from facilitator.store.errors import StoreBug
from facilitator.store.schema import SCHEMA_VERSION
from facilitator.store.words_step import keyed_values

from .exchange_schema import RowProblem, Rule, check_rows, rules_for

FORMAT = "papelografo-exchange"
VERSION = 2
MAX_BYTES = 2 * 1024**3  # an exchange file larger than this is not one we made

# Parents before children, so every reference exists when a row is inserted.
TABLES = ("process", "participant", "workshop", "canvas", "block", "workgroup", "attendance", "theme", "note",
          "link", "minutes_entry", "commitment", "validation_round", "initiative", "monitoring_row", "photo",
          "run_event", "capture_session", "capture_item", "capture_vote", "finding", "finding_source", "key_figure",
          "actor", "existing_initiative", "synthesis_text", "synonym", "suggestion_rejection")
HISTORY = ("field_rev", "tombstone")  # merge history that travels (open conflicts stay on their laptop)
BLOB = "$base64"
STAMPS = ("id", "created_at", "updated_at")


class ExchangeError(Exception):
    """A file that is not an exchange file we can read, or a row it should not hold: one line for the user."""


def _tables(doc: ProcessDocument, names=TABLES) -> list[str]:
    present = {r["name"] for r in doc.store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    return [t for t in names if t in present]


def _encode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {BLOB: base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {BLOB}:
        try:
            return base64.b64decode(value[BLOB], validate=True)
        except (ValueError, TypeError, binascii.Error) as exc:
            raise ExchangeError(_("El archivo tiene datos binarios dañados.")) from exc
    return value


def _blob(value: Any) -> Any:
    """``json.dumps``'s hook for the values it cannot write itself: binary data."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _encode(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _rows(doc: ProcessDocument, table: str) -> list[dict[str, Any]]:
    return doc.store.query(f'SELECT * FROM "{table}" ORDER BY created_at, id')


def _head(doc: ProcessDocument) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "device": doc.store.device,
        "process_id": doc.process["id"],
    }


def export_data(doc: ProcessDocument) -> dict[str, Any]:
    """The whole process, with its merge history, as a JSON-ready dict."""
    tables = {table: [{k: _encode(v) for k, v in row.items()} for row in _rows(doc, table)]
              for table in _tables(doc, TABLES + HISTORY)}
    return {**_head(doc), "tables": tables}


def export_json(doc: ProcessDocument) -> bytes:
    """The exchange file (``export_data`` as JSON): one row per line, readable and diffable.

    Each row is dumped by json's C encoder, binary values through a hook; ``indent``
    would switch json to its pure-Python encoder, several times slower for a large process.
    """
    parts = [json.dumps(_head(doc), ensure_ascii=False, indent=1)[:-2], ',\n "tables": {']
    for k, table in enumerate(_tables(doc, TABLES + HISTORY)):
        rows = _rows(doc, table)
        parts.append(("," if k else "") + "\n  " + json.dumps(table) + ": [")
        parts.append(",".join("\n   " + json.dumps(row, ensure_ascii=False, default=_blob) for row in rows))
        parts.append("\n  ]" if rows else "]")
    parts.append("\n }\n}\n")
    return "".join(parts).encode("utf-8")


def write_json(doc: ProcessDocument, path) -> None:
    from .atomic import write_bytes

    write_bytes(path, export_json(doc))


@dataclass
class MergePlan:
    """What an import will do: counts per table, conflicts, and the one command that does it."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    skipped: int = 0  # rows deleted here (or whose parent was): they stay deleted
    conflicts: int = 0  # fields both laptops changed: added to the Conflictos list
    kept: int = 0  # fields only we changed since the common base: ours kept
    history: int = 0  # revisions and tombstones of the other laptop we lacked
    command: Macro | None = None

    @property
    def changes(self) -> int:
        return (sum(self.inserted.values()) + sum(self.updated.values()) + sum(self.deleted.values())
                + self.conflicts)

    def summary(self) -> str:
        """One line for the user."""
        return ", ".join((
            ngettext("{n} fila nueva", "{n} filas nuevas", sum(self.inserted.values())),
            ngettext("{n} actualizada", "{n} actualizadas", sum(self.updated.values())),
            ngettext("{n} borrada", "{n} borradas", sum(self.deleted.values())),
            ngettext("{n} omitida por estar borrada", "{n} omitidas por estar borradas", self.skipped),
            ngettext("{n} conflicto para resolver.", "{n} conflictos para resolver.", self.conflicts)))


def read_exchange(raw: bytes) -> dict[str, Any]:
    """Parse and check an exchange file's envelope; ExchangeError says what is wrong in one line."""
    if len(raw) > MAX_BYTES:
        raise ExchangeError(_("El archivo pasa de {n} GB: no es un archivo de intercambio.", n=MAX_BYTES // 1024**3))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError as exc:
        raise ExchangeError(_("El archivo JSON está anidado a demasiada profundidad.")) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ExchangeError(_("No es un archivo JSON válido.")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(_("No es un archivo de intercambio de Papelógrafo."))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ExchangeError(_("La versión del formato del archivo no es válida ({version}): se esperaba un "
                              "número entero.", version=json.dumps(version, ensure_ascii=True)[:20]))
    if version > VERSION:
        raise ExchangeError(_("El archivo es de una versión más nueva del formato ({version}); actualice "
                              "Papelógrafo.", version=version))
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, list) for v in tables.values()):
        raise ExchangeError(_("Al archivo le faltan las tablas del proceso."))
    return data


# -- the merge ------------------------------------------------------------------------

def _rules(store: Store) -> dict[str, dict[str, Rule]]:
    return {table: rules_for(table, store.query(f'PRAGMA table_info("{table}")'))
            for table in [*TABLES, *HISTORY] if table in store._columns}


def _references(store: Store) -> dict[str, list[tuple[str, str, bool]]]:
    """Per table: (column, parent table, required?) from the schema's foreign keys."""
    refs: dict[str, list[tuple[str, str, bool]]] = {}
    for table in TABLES:
        if table not in store._columns:
            continue
        for fk in store.query(f'PRAGMA foreign_key_list("{table}")'):
            if fk["table"] == "process":
                continue
            refs.setdefault(table, []).append((fk["from"], fk["table"], fk["on_delete"].upper() == "CASCADE"))
    return refs


def _clamp_future(row: dict[str, Any]) -> None:
    """Stamps from a clock in the future become now: a wrong clock must not sort first forever."""
    limit = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    now = utc_now()
    for key in ("created_at", "updated_at"):
        if isinstance(row.get(key), str) and row[key] > limit:
            row[key] = now


@dataclass
class _Context:
    store: Store
    local_process: str
    known: dict[str, set[str]]
    incoming: dict[str, set[str]]
    tombstoned: set[tuple[str, str]]
    skipped_ids: dict[str, set[str]]
    revs_in: dict[tuple[str, str, str], list[dict[str, Any]]]
    id_map: dict[tuple[str, str], str]
    their_device: str


def plan_merge(doc: ProcessDocument, data: dict[str, Any]) -> MergePlan:
    """Check the file against the schema, compare it with the process, and build the merge as one command.

    Raises ExchangeError (one line naming table, row and field) before anything is
    written when a row breaks the schema or refers to a row that exists nowhere.
    """
    store = doc.store
    rules = _rules(store)
    # A file from before the app's words were keys (or from a copy in the other language) merges as keys.
    tables = {t: [keyed_values(t, {k: _decode(v) for k, v in row.items()}) if isinstance(row, dict) else row
                  for row in data["tables"].get(t, [])] for t in rules}
    try:
        checked = check_rows(tables, rules)
    except RowProblem as exc:
        raise ExchangeError(exc.line) from None
    plan = MergePlan()
    commands: list[Any] = []
    ctx = _Context(
        store=store, local_process=doc.process["id"],
        known={t: {r["id"] for r in store.query(f'SELECT id FROM "{t}"')} for t in TABLES if t in store._columns},
        incoming=checked.ids, tombstoned=set(), skipped_ids={}, revs_in={}, id_map={},
        their_device=_device_name(data.get("device")))
    if store.has_history:
        ctx.tombstoned = {(r["tbl"], r["row_id"]) for r in store.query("SELECT tbl, row_id FROM tombstone")}
    # A process is never deleted by a merge (a file holds one, and it is ours): such a tombstone is ignored.
    their_tombs = [r for r in tables.get("tombstone", []) if r["tbl"] in TABLES and r["tbl"] != "process"]
    ctx.tombstoned |= {(r["tbl"], r["row_id"]) for r in their_tombs}
    for rev in tables.get("field_rev", []):
        ctx.revs_in.setdefault((rev["tbl"], rev["row_id"], rev["field"]), []).append(rev)
    refs = _references(store)
    for table in ctx.known:
        for index, row in enumerate(tables.get(table, [])):
            _merge_row(ctx, table, index, row, refs.get(table, []), rules[table], commands, plan)
    # Deletions made on the other laptop: delete here too (children first is not needed: it cascades).
    for tomb in their_tombs:
        table, rid = tomb["tbl"], tomb["row_id"]
        if table in ctx.known and rid in ctx.known[table] and store.get(table, rid) is not None:
            commands.append(DeleteIfPresent(table, rid))
            plan.deleted[table] = plan.deleted.get(table, 0) + 1
    history = _history_to_add(ctx, tables)
    if history[0] or history[1]:
        plan.history = len(history[0]) + len(history[1])
        commands.append(AddHistory(*history))
    if plan.changes or plan.history:
        plan.command = MergeMacro(commands, _("Combinar con otro archivo"))
    return plan


class MergeMacro(Macro):
    """The merge's commands, with references checked at commit: a file may list rows that refer to
    each other (a canvas made from another) in any order."""

    def redo(self, store: Store) -> None:
        with store.transaction():
            store.defer_foreign_keys()
            super().redo(store)


class MergeInsert(InsertRow):
    """A row from the other laptop. Undoing the merge removes it without a tombstone: it was never deleted."""

    def undo(self, store: Store) -> None:
        store.delete(self.table, self.id, tombstone=False)


class DeleteIfPresent(DeleteRow):
    """A deletion the other laptop made; an earlier one in the same merge may have cascaded to it already."""

    def redo(self, store: Store) -> None:
        self.snapshot = store.delete(self.table, self.id) if store.get(self.table, self.id) is not None else None

    def undo(self, store: Store) -> None:
        if self.snapshot is not None:
            store.restore(self.snapshot)


def _merge_row(ctx: _Context, table: str, index: int, row: dict[str, Any], refs, rules: dict[str, Rule],
               commands: list, plan: MergePlan) -> None:
    store = ctx.store
    columns = set(store.columns(table))
    row = {k: v for k, v in row.items() if k in columns}
    rid = row["id"]
    if table == "process":
        ctx.id_map[("process", rid)] = ctx.local_process
        _merge_fields(ctx, table, rid, ctx.local_process, row, commands, plan)
        return
    if (table, rid) in ctx.tombstoned:
        plan.skipped += 1
        ctx.skipped_ids.setdefault(table, set()).add(rid)
        return
    if "process_id" in row:
        row["process_id"] = ctx.local_process
    for column, parent, required in refs:
        value = row.get(column)
        if value is None:
            continue
        if (parent, value) in ctx.tombstoned or value in ctx.skipped_ids.get(parent, ()):
            if required:  # its parent was deleted: so is it
                plan.skipped += 1
                ctx.skipped_ids.setdefault(table, set()).add(rid)
                return
            row[column] = None
            continue
        if value not in ctx.known.get(parent, ()) and value not in ctx.incoming.get(parent, ()):
            raise ExchangeError(RowProblem(table, index, rid, column, _("se refiere a una fila de «{parent}» que "
                                                                         "no existe", parent=parent), value).line)
    target = rid
    if table == "attendance" and rid not in ctx.known[table]:
        same = store.query("SELECT id FROM attendance WHERE workshop_id = ? AND participant_id = ?",
                           (row.get("workshop_id"), row.get("participant_id")))
        if same:
            target = same[0]["id"]
            ctx.id_map[(table, rid)] = target
    if target in ctx.known[table]:
        _merge_fields(ctx, table, rid, target, row, commands, plan)
        return
    _clamp_future(row)
    commands.append(MergeInsert(table, row))
    ctx.known[table].add(target)
    plan.inserted[table] = plan.inserted.get(table, 0) + 1


def _merge_fields(ctx: _Context, table: str, their_id: str, my_id: str, row: dict[str, Any], commands: list,
                  plan: MergePlan) -> None:
    """Field by field: take what only they changed, keep what only we changed, list what both changed."""
    store = ctx.store
    mine = store.get(table, my_id)
    if mine is None:
        return
    my_heads = store.field_heads(table, my_id)
    take: dict[str, Any] = {}
    for name, theirs in row.items():
        if name in STAMPS or name == "process_id" or name not in mine:
            continue
        ours = mine[name]
        if ours == theirs:
            continue
        their_revs = ctx.revs_in.get((table, their_id, name), [])
        their_heads = _heads(their_revs)
        mine_h = my_heads.get(name, set())
        if not their_heads and not mine_h:
            verdict = "conflict"  # changed apart with no history on either side (files from before it)
        else:
            union = _heads(their_revs + _local_revs(store, table, my_id, name))
            if union == mine_h:
                verdict = "ours"
            elif union == their_heads:
                verdict = "theirs"
            else:
                verdict = "conflict"
        if verdict == "theirs":
            take[name] = theirs
        elif verdict == "ours":
            plan.kept += 1
        elif _new_conflict(store, table, my_id, name, theirs, their_heads):
            commands.append(InsertRow("merge_conflict", {
                "tbl": table, "row_id": my_id, "field": name, "mine": _as_json(ours), "theirs": _as_json(theirs),
                "their_device": _device_of(their_revs, their_heads) or ctx.their_device,
                "their_rev": ",".join(sorted(their_heads))}))
            plan.conflicts += 1
    if take:
        commands.append(UpdateRow(table, my_id, take, record=False))
        plan.updated[table] = plan.updated.get(table, 0) + 1


def _device_name(value: Any) -> str:
    """The file's ``device`` if it is printable text (it is only shown), else nothing."""
    if not isinstance(value, str):
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return ""
    return "".join(ch for ch in value if ch.isprintable())[:64]


def _device_of(revs: list[dict[str, Any]], heads: set[str]) -> str:
    """The device(s) that made their current revision of a field."""
    return ", ".join(sorted({str(r.get("device") or "") for r in revs if r["rev"] in heads} - {""}))[:64]


def _local_revs(store: Store, table: str, row_id: str, name: str) -> list[dict[str, Any]]:
    if not store.has_history:
        return []
    return store.query("SELECT rev, prev FROM field_rev WHERE tbl = ? AND row_id = ? AND field = ?",
                       (table, row_id, name))


def _heads(revs: list[dict[str, Any]]) -> set[str]:
    """Revisions that no other revision in ``revs`` replaces."""
    replaced = {r.get("prev") for r in revs}
    return {r["rev"] for r in revs if r["rev"] not in replaced}


def _as_json(value: Any) -> str:
    return json.dumps(_encode(value), ensure_ascii=False)


def _new_conflict(store: Store, table: str, row_id: str, name: str, theirs: Any, their_heads: set[str]) -> bool:
    """Is this collision not yet in the list (open or resolved)? Merging the same file again adds nothing."""
    if "merge_conflict" not in store._columns:
        return False
    key = ",".join(sorted(their_heads))
    rows = store.query("SELECT theirs, their_rev FROM merge_conflict WHERE tbl = ? AND row_id = ? AND field = ?",
                       (table, row_id, name))
    if key:
        return not any(r["their_rev"] == key for r in rows)
    return not any(r["their_rev"] == "" and r["theirs"] == _as_json(theirs) for r in rows)


def _history_to_add(ctx: _Context, tables: dict[str, list[Any]]) -> tuple[list, list]:
    """Their revisions and tombstones, with ids mapped to ours (their process, a shared attendance)."""
    store = ctx.store
    if not store.has_history:
        return [], []
    have_revs = {r["id"] for r in store.query("SELECT id FROM field_rev")}
    revs = []
    for rev in tables.get("field_rev", []):
        if rev["id"] in have_revs or rev["tbl"] not in TABLES:  # history of content tables only
            continue
        mapped = dict(rev, row_id=ctx.id_map.get((rev["tbl"], rev["row_id"]), rev["row_id"]))
        _clamp_future(mapped)
        revs.append(mapped)
    have_tombs = {(r["tbl"], r["row_id"]) for r in store.query("SELECT tbl, row_id FROM tombstone")}
    tombs = []
    for tomb in tables.get("tombstone", []):
        if tomb["tbl"] in TABLES and tomb["tbl"] != "process" and (tomb["tbl"], tomb["row_id"]) not in have_tombs:
            tomb = dict(tomb)
            _clamp_future(tomb)
            tombs.append(tomb)
    return revs, tombs


class AddHistory:
    """Add the other laptop's revisions and tombstones (only those we lacked); undo takes them back."""

    def __init__(self, revisions: list[dict[str, Any]], tombstones: list[dict[str, Any]]) -> None:
        self.revisions, self.tombstones = revisions, tombstones
        self.text = ""

    def redo(self, store: Store) -> None:
        store.add_history(self.revisions, self.tombstones)

    def undo(self, store: Store) -> None:
        store.remove_history([r["id"] for r in self.revisions], [(t["tbl"], t["row_id"]) for t in self.tombstones])


def import_data(doc: ProcessDocument, data: dict[str, Any]) -> MergePlan:
    """Plan and apply a merge inside the file's write lock, so two merges at once cannot collide."""
    try:
        with doc.store.transaction():
            plan = plan_merge(doc, data)
            if plan.command is not None:
                doc.execute(plan.command)
    except StoreBug as exc:  # the file passed the checks but the store still refused it: nothing was written
        raise ExchangeError(_("El archivo no se pudo combinar ({detail}); no se cambió nada.", detail=exc)) from None
    return plan


class MergeFile:
    """The whole merge as one undoable command for the window's history.

    Its first run plans and applies inside the write lock (``import_data``), so the
    plan always matches the file; undo and redo then replay that plan's commands.
    """

    def __init__(self, doc: ProcessDocument, data: dict[str, Any], text: str = "") -> None:
        self.doc, self.data = doc, data
        self.plan: MergePlan | None = None
        self.text = text or _("Combinar con otro archivo")

    def redo(self, store: Store) -> None:
        if self.plan is None:
            self.plan = import_data(self.doc, self.data)
            self.data = {}  # the plan holds what it needs; the file's rows can go
        elif self.plan.command is not None:
            self.plan.command.redo(store)

    def undo(self, store: Store) -> None:
        if self.plan is not None and self.plan.command is not None:
            self.plan.command.undo(store)


def import_json(doc: ProcessDocument, raw: bytes) -> MergePlan:
    """Read, check, plan and apply an exchange file to ``doc`` (CLI and tests)."""
    return import_data(doc, read_exchange(raw))


def taller_data(path, this: ProcessDocument) -> dict[str, Any]:
    """Another ``.taller`` file read as an exchange file, to merge it like one (it is not modified)."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from facilitator.store import FileProblem

    other_path = Path(path)
    try:  # the same file under another name, a symlink or a hard link too
        same = other_path.resolve() == Path(this.path).resolve() or os.path.samefile(other_path, this.path)
    except OSError:
        same = False
    if same:
        raise ExchangeError(_("Ese es el mismo archivo que está abierto: elija el archivo de la otra computadora."))
    with tempfile.TemporaryDirectory(prefix="papelografo-merge-") as folder:
        # A private copy (with its WAL, if the other laptop's file was not closed cleanly): the
        # other file is never written, an older one can be upgraded, and every commit is seen.
        copy = Path(folder) / "otro.taller"
        try:
            shutil.copyfile(other_path, copy)
            if Path(f"{other_path}-wal").is_file():
                shutil.copyfile(f"{other_path}-wal", f"{copy}-wal")
        except FileNotFoundError:
            raise FileProblem(FileProblem.MISSING, str(other_path)) from None
        except OSError as exc:
            raise FileProblem(FileProblem.IO, str(other_path), exc.strerror or str(exc)) from None
        try:
            other = ProcessDocument.open(copy)
        except FileProblem as exc:
            raise FileProblem(exc.code, str(other_path), exc.detail) from None
        try:
            data = read_exchange(export_json(other))
        finally:
            other.close()
    data["device"] = other_path.name  # this machine opened it: name it by its file
    return data
