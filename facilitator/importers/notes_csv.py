"""Import post-its typed into a spreadsheet (CSV) onto a workshop's boards.

Columns, Spanish or English, in any order: texto/text (required), zona/zone,
grupo/group, votos/votes, etiquetas/tags, bloque/block, autor/author. Every row
is checked first; only a file without problems becomes one command, so nothing
is ever half-imported and one undo removes the whole import.

Where each note goes:
- ``bloque`` names a block (by key, title, an unambiguous word, or its number in
  the agenda); the note goes to that block's canvas. Without it, to the
  workshop's first canvas that has zones.
- ``zona`` is matched against the canvas's zones ignoring case and accents, in
  either language, or by one unambiguous word; empty means the block's zone, or
  the only zone.
- ``grupo`` names a group of the workshop; new names create groups. Empty means
  the author's group when the author is a registered participant.
- ``autor`` is kept as typed; when it names exactly one registered participant
  (ignoring case and accents) the note is linked to that person.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..commands import InsertRow, Macro
from ..document import ProcessDocument
from ..board.layout import FreeSlots
from ..domain.tags import TAGS, find_tag, fold, resolve, split_tags
from ..domain.templates import builtin_template
from ..i18n import Translator, _, ngettext, pick
from ..participants import new_group, registry
from .csvread import ImportPlan, Problem, check_width, match_columns, parse_count, quote, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("texto", "text", "nota", "note"),
    "zone": ("zona", "zone"),
    "group": ("grupo", "group", "mesa", "table"),
    "votes": ("votos", "votes", "voto", "vote"),
    "tags": ("etiquetas", "tags", "etiqueta", "tag"),
    "block": ("bloque", "block"),
    "author": ("autor", "author", "autora", "autor/a", "autoría", "authorship"),
}


def _template_zone_labels(workshop: dict[str, Any], canvas: dict[str, Any]) -> dict[str, list[str]]:
    """Zone labels in every language from the workshop's script, when it has one."""
    try:
        spec = builtin_template(workshop["template_id"]).canvas(canvas["key"])
    except (KeyError, StopIteration):
        return {}
    return {z.key: list(z.label.values()) for z in spec.zones}


def zone_choices(workshop: dict[str, Any], canvas: dict[str, Any]) -> dict[str, list[str]]:
    extra = _template_zone_labels(workshop, canvas)
    return {z["key"]: [z["label"], *extra.get(z["key"], [])] for z in canvas["zones"]}


def default_canvas(canvases: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The workshop's first board: the first canvas, in order, that has zones."""
    return next((c for c in canvases if c["zones"]), None)


class _Target:
    """The workshop's canvases, blocks, groups and people, looked up once."""

    def __init__(self, doc: ProcessDocument, workshop_id: str) -> None:
        self.workshop = doc.workshop(workshop_id) or {}
        self.canvases = {c["id"]: c for c in doc.canvases(workshop_id)}
        self.blocks = doc.blocks(workshop_id)
        self.groups = doc.groups(workshop_id)
        self.group_by_name = {fold(g["name"]): g["id"] for g in self.groups}
        people = registry(doc, workshop_id)
        by_name: dict[str, list[dict[str, Any]]] = {}
        for p in people:
            if fold(p["name"]):
                by_name.setdefault(fold(p["name"]), []).append(p)
        self.people = by_name
        self.default = default_canvas(list(self.canvases.values()))
        self._zone_choices: dict[str, dict[str, list[str]]] = {}
        self._zones: dict[tuple, tuple[str | None, str | None]] = {}

    def block(self, text: str) -> tuple[dict[str, Any] | None, str | None]:
        """(block, problem) for what the user typed in the block column."""
        choices = {b["id"]: [b["key"], b["title"], str(i + 1)] for i, b in enumerate(self.blocks)}
        found = resolve(text, choices)
        if found.key is None:
            if found.ambiguous:
                names = ", ".join(quote(b["title"]) for b in self.blocks if b["id"] in found.ambiguous)
                return None, _("el bloque «{value}» es ambiguo: puede ser {names}.", value=text, names=names)
            names = ", ".join(f"{i + 1}. {b['title']}" for i, b in enumerate(self.blocks))
            return None, _("no existe el bloque «{value}». Bloques del taller: {names}.", value=text, names=names)
        block = next(b for b in self.blocks if b["id"] == found.key)
        if not block["canvas_id"] or block["canvas_id"] not in self.canvases:
            return None, _("el bloque «{title}» no tiene papelógrafo donde poner notas.", title=block["title"])
        return block, None

    def zone(self, canvas: dict[str, Any], text: str, block: dict[str, Any] | None) -> tuple[str | None, str | None]:
        """(zone key, problem) for the zone cell on ``canvas`` (each distinct cell resolved once)."""
        key = (canvas["id"], text, block.get("zone") if block is not None else None)
        if key not in self._zones:
            self._zones[key] = self._zone(canvas, text, block)
        return self._zones[key]

    def _zone(self, canvas: dict[str, Any], text: str, block: dict[str, Any] | None) -> tuple[str | None, str | None]:
        zones = canvas["zones"]
        labels = ", ".join(quote(z["label"]) for z in zones)
        if not text.strip():
            if block is not None and block.get("zone"):
                return block["zone"], None
            if len(zones) <= 1:
                return (zones[0]["key"] if zones else ""), None
            return None, _("falta la zona; en «{canvas}» las zonas son {labels}.", canvas=canvas["title"],
                           labels=labels)
        if not zones:
            return None, _("«{canvas}» no tiene zonas; deje la zona vacía.", canvas=canvas["title"])
        if canvas["id"] not in self._zone_choices:  # reading the script once per canvas, not per row
            self._zone_choices[canvas["id"]] = zone_choices(self.workshop, canvas)
        found = resolve(text, self._zone_choices[canvas["id"]])
        if found.key is not None:
            return found.key, None
        if found.ambiguous:
            names = ", ".join(quote(z["label"]) for z in zones if z["key"] in found.ambiguous)
            return None, _("la zona «{value}» es ambigua: puede ser {names}.", value=text, names=names)
        return None, _("no existe la zona «{value}» en «{canvas}»; las zonas son {labels}.", value=text,
                       canvas=canvas["title"], labels=labels)


def _votes(cell: str) -> tuple[int, str | None]:
    value = parse_count(cell)
    if value is not None:
        return value, None
    if re.fullmatch(r"\s*-\s*\d+([.,]0+)?\s*", cell):
        return 0, _("los votos no pueden ser negativos («{value}»).", value=cell.strip())
    return 0, _("los votos deben ser un número entero («{value}»).", value=cell.strip())


def _tag_problem(piece: str) -> str:
    found = find_tag(piece)
    if found.ambiguous:
        names = ", ".join(quote(pick(t.label)) for t in TAGS if t.key in found.ambiguous)
        return _("la etiqueta «{value}» es ambigua: puede ser {names}.", value=piece, names=names)
    return _("etiqueta desconocida «{value}». Etiquetas admitidas: {labels}.", value=piece,
             labels=", ".join(quote(pick(t.label)) for t in TAGS))


def plan_notes_import(doc: ProcessDocument, workshop_id: str, data: bytes, source: str = "") -> ImportPlan:
    """Check a notes CSV against the workshop; the plan holds problems or one Macro.

    ``source`` is the file name shown in the undo history.
    """
    read = read_table(data)
    if read.table is None:
        return ImportPlan(read.problems)
    table = read.table
    columns, problems = match_columns(table, COLUMNS)
    if not columns.has("text"):
        problems.append(Problem(1, _("falta la columna «texto» (o «text») con el texto de cada nota.")))
    if problems:
        return ImportPlan(problems)
    target = _Target(doc, workshop_id)
    if not table.rows:
        return ImportPlan([Problem(0, _("El archivo solo tiene encabezado: no hay filas que importar."))])
    if target.default is None and not columns.has("block"):
        return ImportPlan([Problem(0, _("El taller no tiene ningún papelógrafo con zonas donde importar notas."))])

    new_groups: dict[str, InsertRow] = {}
    planned_groups = list(target.groups)
    taken: dict[tuple[str, str, str | None], FreeSlots] = {}
    position: dict[str, float] = {}
    notes: list[InsertRow] = []
    for number, cells in table.rows:
        row_problems: list[str] = []
        wide = check_width(number, cells, columns)
        if wide is not None:
            problems.append(wide)
            continue
        text = columns.get(cells, "text")
        if not text.strip():
            row_problems.append(_("el texto de la nota está vacío."))
        block = None
        block_cell = columns.get(cells, "block")
        canvas = target.default
        if block_cell.strip():
            block, problem = target.block(block_cell)
            if problem:
                row_problems.append(problem)
            else:
                canvas = target.canvases[block["canvas_id"]]
        elif canvas is None:
            row_problems.append(_("indique el bloque: el taller no tiene un papelógrafo con zonas por defecto."))
        zone = None
        if canvas is not None and (block is not None or not block_cell.strip()):
            zone, problem = target.zone(canvas, columns.get(cells, "zone"), block)
            if problem:
                row_problems.append(problem)
        votes, problem = _votes(columns.get(cells, "votes"))
        if problem:
            row_problems.append(problem)
        tags, unknown = split_tags(columns.get(cells, "tags"))
        row_problems.extend(_tag_problem(piece) for piece in unknown)
        if row_problems:
            problems.extend(Problem(number, p) for p in row_problems)
            continue
        if problems:
            continue  # keep checking rows, but build nothing
        author = columns.get(cells, "author").strip()
        matches = target.people.get(fold(author), []) if author else []
        person = matches[0] if len(matches) == 1 else None
        group_name = columns.get(cells, "group").strip()
        group_id = None
        if group_name:
            group_id = target.group_by_name.get(fold(group_name))
            if group_id is None:
                insert = new_groups.get(fold(group_name))
                if insert is None:
                    insert = new_group(workshop_id, planned_groups, group_name)
                    new_groups[fold(group_name)] = insert
                    planned_groups.append(insert.values)
                group_id = insert.id
        elif person is not None:
            group_id = person["group_id"]
        cell_key = (canvas["id"], zone, group_id)
        if cell_key not in taken:  # the cell's free slots, found once; each row takes the next
            taken[cell_key] = FreeSlots((n["x"], n["y"]) for n in doc.store.query(
                "SELECT x, y FROM note WHERE canvas_id = ? AND zone = ? AND group_id IS ?", cell_key))
        x, y = taken[cell_key].take()
        if canvas["id"] not in position:
            position[canvas["id"]] = (doc.store.scalar(
                "SELECT max(position) FROM note WHERE canvas_id = ?", (canvas["id"],)) or 0) + 1
        notes.append(InsertRow("note", {
            "canvas_id": canvas["id"], "zone": zone, "group_id": group_id,
            "block_id": block["id"] if block else None, "author": author,
            "participant_id": person["id"] if person else None, "text": text, "x": x, "y": y,
            "tags": json.dumps(tags, ensure_ascii=False), "votes": votes, "position": position[canvas["id"]],
        }))
        position[canvas["id"]] += 1
    if problems:
        return ImportPlan(problems)
    label = ngettext("Importar {n} nota de «{file}»", "Importar {n} notas de «{file}»", len(notes), file=source) \
        if source else ngettext("Importar {n} nota", "Importar {n} notas", len(notes))
    macro = Macro([*new_groups.values(), *notes], label)
    return ImportPlan([], macro, {"notes": len(notes), "groups": len(new_groups),
                                  "linked": sum(1 for n in notes if n.values["participant_id"])})


__all__ = ["COLUMNS", "plan_notes_import", "default_canvas", "zone_choices"]


def imported_message(t: Translator, notes: int, groups: int, linked: int) -> str:
    """«Se importaron 3 notas (1 grupo nuevo, 2 vinculadas a participantes).», each count with its own plural."""
    return t("{notes} ({groups}, {linked}).",
             notes=t.ngettext("Se importó {n} nota", "Se importaron {n} notas", notes),
             groups=t.ngettext("{n} grupo nuevo", "{n} grupos nuevos", groups),
             linked=t.ngettext("{n} vinculada a participantes", "{n} vinculadas a participantes", linked))
