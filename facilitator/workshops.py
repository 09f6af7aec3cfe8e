"""Edits on workshops and their agendas, built as undoable commands (no Qt)."""

from __future__ import annotations

import json
from typing import Any

from .commands import DeleteRow, InsertRow, Macro, UpdateRow, reorder
from .document import ProcessDocument
from .domain.templates import Template
from .i18n import Translator, _

MAX_MINUTES = 24 * 60


def new_workshop(doc: ProcessDocument, template: Template, *, lang: str, title: str | None = None,
                 date: str = "", place: str = "") -> Macro:
    """A workshop made from a script: its canvases and agenda, in ``lang``."""
    t = Translator(lang)
    workshop = InsertRow("workshop", {
        "process_id": doc.process["id"],
        "position": len(doc.workshops()),
        "title": title or t.pick(template.title),
        "template_id": template.id,
        "method": template.method,
        "date": date,
        "place": place,
        "objectives": t.pick(template.summary),
    })
    commands: list[Any] = [workshop]
    canvas_ids: dict[str, str] = {}
    for pos, spec in enumerate(template.canvases):
        canvas = InsertRow("canvas", {
            "workshop_id": workshop.id, "key": spec.key, "kind": spec.kind, "title": t.pick(spec.title),
            "zones": json.dumps([{"key": z.key, "label": t.pick(z.label)} for z in spec.zones], ensure_ascii=False),
            "position": pos,
        })
        canvas_ids[spec.key] = canvas.id
        commands.append(canvas)
    for pos, spec in enumerate(template.blocks):
        commands.append(InsertRow("block", {
            "workshop_id": workshop.id, "position": pos, "key": spec.key, "title": t.pick(spec.title),
            "minutes": spec.minutes, "input_modes": ",".join(spec.input_modes),
            "instruction": t.pick(spec.instruction),
            "canvas_id": canvas_ids.get(spec.canvas) if spec.canvas else None, "zone": spec.zone,
        }))
    macro = Macro(commands, _("Nuevo taller «{title}»", title=workshop.values["title"]))
    macro.workshop_id = workshop.id  # type: ignore[attr-defined]
    return macro


def check_minutes(minutes: Any) -> int:
    """Validate a block length typed by the user; ValueError carries the message."""
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ValueError(_("La duración debe ser un número entero de minutos.")) from None
    if not 1 <= value <= MAX_MINUTES:
        raise ValueError(_("La duración debe estar entre 1 y {max} minutos.", max=MAX_MINUTES))
    return value


def add_block(doc: ProcessDocument, workshop_id: str, *, after: str | None = None, title: str | None = None,
              minutes: int = 10, input_modes: str = "plenary") -> Macro:
    """A new block after ``after`` (or at the end); later blocks move down one place."""
    blocks = doc.blocks(workshop_id)
    ids = [b["id"] for b in blocks]
    index = ids.index(after) + 1 if after in ids else len(ids)
    insert = InsertRow("block", {
        "workshop_id": workshop_id, "position": index, "title": title or _("Nuevo bloque"),
        "minutes": check_minutes(minutes), "input_modes": input_modes, "instruction": "",
    })
    shifts = [UpdateRow("block", b["id"], {"position": i + 1}) for i, b in enumerate(blocks) if i >= index]
    macro = Macro([*shifts, insert], _("Añadir bloque"))
    macro.id = insert.id  # type: ignore[attr-defined]
    return macro  # type: ignore[return-value]


def remove_block(doc: ProcessDocument, block_id: str) -> DeleteRow:
    block = doc.store.get("block", block_id)
    return DeleteRow("block", block_id, _("Quitar bloque «{title}»", title=block["title"] if block else ""))


def move_block(doc: ProcessDocument, block_id: str, offset: int) -> Macro | None:
    """Move a block up (-1) or down (+1); None when it is already at that end."""
    block = doc.store.get("block", block_id)
    blocks = doc.blocks(block["workshop_id"])
    ids = [b["id"] for b in blocks]
    i = ids.index(block_id)
    j = i + offset
    if not 0 <= j < len(ids):
        return None
    ids.insert(j, ids.pop(i))
    return reorder("block", ids, {b["id"]: b["position"] for b in blocks},
                   _("Mover bloque «{title}»", title=block["title"]))


def retime_block(doc: ProcessDocument, block_id: str, minutes: Any) -> UpdateRow:
    block = doc.store.get("block", block_id)
    return UpdateRow("block", block_id, {"minutes": check_minutes(minutes)},
                     _("Cambiar duración de «{title}»", title=block["title"]))


def edit_block(doc: ProcessDocument, block_id: str, field: str, value: Any) -> UpdateRow:
    """Edit a block's title, instruction or input modes."""
    if field == "minutes":
        return retime_block(doc, block_id, value)
    if field == "title":
        value = str(value).strip()
        if not value:
            raise ValueError(_("El título del bloque no puede quedar vacío."))
    elif field not in ("instruction", "input_modes"):
        raise KeyError(field)
    return UpdateRow("block", block_id, {field: value}, _("Editar bloque"))
