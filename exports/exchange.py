"""The exchange format: a whole process as one JSON file, and its import by merging UUIDs.

Why: two laptops capture the same workshop (the facilitator's and the
note-taker's); each exports its file and the other imports it. Every row has a
UUID and an ``updated_at``, so the import inserts rows it has never seen, updates
rows the file holds a newer version of, and leaves the rest alone. Importing
the same file twice changes nothing the second time. Everything is included
(photos as base64); nothing is anonymised: this is a backup of the data, not a
publication. See docs/exchange-format.md.

The import is one ``Macro`` of ordinary commands: one transaction, one undo step.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from facilitator import __version__
from facilitator.commands import InsertRow, Macro, UpdateRow
from facilitator.document import ProcessDocument
from facilitator.i18n import _
from facilitator.store.schema import SCHEMA_VERSION

FORMAT = "papelografo-exchange"
VERSION = 1

# Parents before children, so every reference exists when a row is inserted.
TABLES = ("process", "participant", "workshop", "canvas", "block", "workgroup", "attendance", "theme", "note",
          "link", "minutes_entry", "commitment", "validation_round", "initiative", "monitoring_row", "photo",
          "run_event", "finding", "finding_source", "key_figure", "actor", "existing_initiative", "synthesis_text",
          "synonym", "suggestion_rejection")
BLOB = "$base64"


class ExchangeError(Exception):
    """A file that is not an exchange file we can read: one clear line for the user."""


def _tables(doc: ProcessDocument) -> list[str]:
    present = {r["name"] for r in doc.store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    return [t for t in TABLES if t in present]


def _encode(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {BLOB: base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {BLOB}:
        try:
            return base64.b64decode(value[BLOB], validate=True)
        except (ValueError, TypeError) as exc:
            raise ExchangeError(_("El archivo tiene datos binarios dañados.")) from exc
    return value


def export_data(doc: ProcessDocument) -> dict[str, Any]:
    """The whole process as a JSON-ready dict."""
    tables = {}
    for table in _tables(doc):
        rows = doc.store.query(f'SELECT * FROM "{table}" ORDER BY created_at, id')
        tables[table] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "process_id": doc.process["id"],
        "tables": tables,
    }


def export_json(doc: ProcessDocument) -> bytes:
    return json.dumps(export_data(doc), ensure_ascii=False, indent=1).encode("utf-8")


def write_json(doc: ProcessDocument, path) -> None:
    from .atomic import write_bytes

    write_bytes(path, export_json(doc))


@dataclass
class MergePlan:
    """What an import will do: counts per table, and the one command that does it."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: int = 0  # rows whose parent no longer exists here
    command: Macro | None = None

    @property
    def changes(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values())


def read_exchange(raw: bytes) -> dict[str, Any]:
    """Parse and check an exchange file; ExchangeError says what is wrong in one line."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ExchangeError(_("No es un archivo JSON válido.")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(_("No es un archivo de intercambio de Papelógrafo."))
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ExchangeError(_("El archivo es de una versión más nueva del formato ({version}); actualice "
                              "Papelógrafo.", version=version))
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, list) for v in tables.values()):
        raise ExchangeError(_("Al archivo le faltan las tablas del proceso."))
    return data


def plan_merge(doc: ProcessDocument, data: dict[str, Any]) -> MergePlan:
    """Compare the file with the process and build the merge as one undoable command.

    A row whose id is absent is inserted; a row whose ``updated_at`` is newer than
    ours updates our copy; older or equal rows are left alone. The file's process
    becomes ours (its workshops and people join this process). An attendance row
    for a person and workshop we already have is the same fact under another id:
    it merges into ours. Rows whose parent we deleted are skipped.
    """
    store = doc.store
    plan = MergePlan()
    commands: list[Any] = []
    local_process = doc.process
    known: dict[str, set[str]] = {}
    for table in _tables(doc):
        known[table] = {r["id"] for r in store.query(f'SELECT id FROM "{table}"')}
    incoming: dict[str, set[str]] = {t: {r.get("id") for r in data["tables"].get(t, []) if isinstance(r, dict)}
                                     for t in known}
    parents = _references(doc)
    for table in known:
        columns = set(store.columns(table))
        for raw in data["tables"].get(table, []):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                raise ExchangeError(_("Una fila de «{table}» no tiene identificador.", table=table))
            row = {k: _decode(v) for k, v in raw.items() if k in columns}
            if table == "process":
                _merge_process(store, local_process, row, commands, plan)
                continue
            if "process_id" in row:
                row["process_id"] = local_process["id"]
            if not _parents_ok(row, parents.get(table, []), known, incoming):
                plan.skipped += 1
                continue
            target_id = row["id"]
            if table == "attendance" and target_id not in known[table]:
                same = store.query("SELECT id, updated_at FROM attendance WHERE workshop_id = ? AND participant_id = ?",
                                   (row.get("workshop_id"), row.get("participant_id")))
                if same:
                    target_id = same[0]["id"]
            if target_id in known[table]:
                mine = store.get(table, target_id)
                if str(row.get("updated_at") or "") > str(mine.get("updated_at") or ""):
                    changes = {k: v for k, v in row.items()
                               if k not in ("id", "created_at", "updated_at") and mine.get(k) != v}
                    if changes:
                        commands.append(UpdateRow(table, target_id, changes))
                        plan.updated[table] = plan.updated.get(table, 0) + 1
                continue
            commands.append(InsertRow(table, row))
            known[table].add(target_id)
            plan.inserted[table] = plan.inserted.get(table, 0) + 1
    if commands:
        plan.command = Macro(commands, _("Importar proceso desde JSON"))
    return plan


def _merge_process(store, local: dict[str, Any], row: dict[str, Any], commands: list, plan: MergePlan) -> None:
    """The file's process fields update ours when newer (whatever its id: a file holds one process)."""
    if str(row.get("updated_at") or "") <= str(local.get("updated_at") or ""):
        return
    changes = {k: v for k, v in row.items() if k not in ("id", "created_at", "updated_at") and local.get(k) != v}
    if changes:
        commands.append(UpdateRow("process", local["id"], changes))
        plan.updated["process"] = 1


def _references(doc: ProcessDocument) -> dict[str, list[tuple[str, str, bool]]]:
    """Per table: (column, parent table, required?) from the schema's foreign keys."""
    refs: dict[str, list[tuple[str, str, bool]]] = {}
    for table in _tables(doc):
        for fk in doc.store.query(f'PRAGMA foreign_key_list("{table}")'):
            if fk["table"] == "process":
                continue
            refs.setdefault(table, []).append((fk["from"], fk["table"], fk["on_delete"].upper() == "CASCADE"))
    return refs


def _parents_ok(row: dict[str, Any], refs, known, incoming) -> bool:
    """Check references; a missing optional parent becomes NULL, a missing required one skips the row."""
    for column, parent, required in refs:
        value = row.get(column)
        if value is None:
            continue
        if value in known.get(parent, set()) or value in incoming.get(parent, set()):
            continue
        if required:
            return False
        row[column] = None
    return True


def import_json(doc: ProcessDocument, raw: bytes) -> MergePlan:
    """Read, plan and apply an exchange file to ``doc`` (CLI); the GUI runs ``plan.command`` itself."""
    plan = plan_merge(doc, read_exchange(raw))
    if plan.command is not None:
        doc.execute(plan.command)
    return plan
