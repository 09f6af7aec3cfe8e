"""Editing a problem tree: nodes, arrows, marks and scores, each as one undoable command (no Qt).

Every function returns a command from ``facilitator.commands`` (or None when nothing
would change); refused edits (a second central problem, an arrow that would close a
cycle) raise ``TreeError`` carrying the message to show.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..commands import Command, DeleteRow, InsertRow, Macro, UpdateRow
from ..document import ProcessDocument
from ..i18n import _, ngettext
from .placement import layout, levels
from .model import (MARK_LABELS, SCORE_FIELDS, TreeError, _canvas, _note, _trunk_word, arrows, note_marks, trunks,
                    zone_roles)

# -- editing nodes ---------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    """What is stored for a typed node: the text as typed, without surrounding blank space."""
    text = text.strip()
    if not text:
        raise TreeError(_("Escriba un texto para la idea."), "empty")
    return text


def add_node(doc: ProcessDocument, canvas_id: str, text: str, role: str, *, anchor_id: str | None = None,
             group_id: str | None = None, block_id: str | None = None) -> Macro:
    """A new node and the arrow to the node it hangs from, as one undo step.

    ``role`` is ``"trunk"`` (the central problem: refused with reason
    ``second_trunk`` when there is one already), ``"cause"`` (an arrow from the
    new node to ``anchor_id``, drawn below it) or ``"effect"`` (an arrow from
    ``anchor_id`` to the new node, above it). Without an anchor a cause or effect
    hangs from the trunk when there is exactly one. The new node takes the zone of
    the side it lands on: a cause of an effect is an effect nearer the trunk, an
    effect of a cause a cause nearer the trunk. The macro carries ``note_id``.
    """
    canvas = _canvas(doc, canvas_id)
    roles = zone_roles(canvas)
    text = clean_text(text)
    notes = doc.notes(canvas_id)
    if role == "trunk":
        existing = trunks(notes)
        if existing:
            raise TreeError(_("Este árbol ya tiene un {what}: «{text}». Un árbol tiene un solo tronco: puede "
                              "reemplazar su texto o agregar la nueva idea como causa.",
                              what=_trunk_word(canvas), text=existing[0]["text"]), "second_trunk")
        zone, anchor_id = roles["trunk"], None
    elif role in ("cause", "effect"):
        if anchor_id is None:
            only = trunks(notes)
            anchor_id = only[0]["id"] if len(only) == 1 else None
        side = -1 if role == "cause" else 1
        if anchor_id is not None:
            anchor = _note(doc, anchor_id)
            if anchor["canvas_id"] != canvas_id:
                raise TreeError(_("Esa idea es de otro árbol."), "other_canvas")
            at = levels(notes, arrows(doc, canvas_id)).get(anchor_id, 0)
            side = at if at != 0 else side
        zone = roles["cause"] if side < 0 else roles["effect"]
    else:
        raise KeyError(role)
    node = InsertRow("note", {
        "canvas_id": canvas_id, "zone": zone, "group_id": group_id, "block_id": block_id, "text": text,
        "tags": "[]", "votes": 0, "marks": "[]",
        "position": max((r["position"] for r in notes), default=-1.0) + 1})
    commands: list[Command] = [node]
    if anchor_id is not None:
        source, target = (node.id, anchor_id) if role == "cause" else (anchor_id, node.id)
        commands.append(InsertRow("link", {"canvas_id": canvas_id, "source_id": source, "target_id": target,
                                           "kind": "cause_effect"}))
    labels = {"trunk": _("Definir {what}", what=_trunk_word(canvas)), "cause": _("Agregar causa"),
              "effect": _("Agregar efecto")}
    macro = Macro(commands, labels[role])
    macro.note_id = node.id  # type: ignore[attr-defined]
    return macro


def edit_text(doc: ProcessDocument, note_id: str, text: str) -> UpdateRow | None:
    """Replace a node's text (kept as typed, trimmed); None when nothing changes, TreeError when empty."""
    row = _note(doc, note_id)
    text = clean_text(text)
    if row["text"] == text:
        return None
    return UpdateRow("note", note_id, {"text": text}, _("Editar idea"))


def delete_nodes(doc: ProcessDocument, note_ids: Sequence[str]) -> Macro | None:
    """Remove nodes with their arrows (the store cascades them); one undo step brings all back."""
    ids = [i for i in dict.fromkeys(note_ids) if doc.store.get("note", i) is not None]
    if not ids:
        return None
    return Macro([DeleteRow("note", i) for i in ids],
                 ngettext("Eliminar idea", "Eliminar {n} ideas", len(ids)))


def _parents(note_id: str, level: int, links: Iterable[dict[str, Any]]) -> frozenset[str]:
    """The nodes a node hangs from: what a cause leads to, what an effect comes from."""
    if level < 0:
        return frozenset(r["target_id"] for r in links if r["source_id"] == note_id)
    return frozenset(r["source_id"] for r in links if r["target_id"] == note_id)


def move_sideways(doc: ProcessDocument, note_id: str, step: int) -> Macro | None:
    """Swap a node with its left (-1) or right (+1) sibling: the manual order the layout keeps.

    Siblings share row and parents; None when there is no sibling that way.
    """
    row = _note(doc, note_id)
    notes = doc.notes(row["canvas_id"])
    links = arrows(doc, row["canvas_id"])
    level = levels(notes, links)
    pos = layout(notes, links)
    mine = _parents(note_id, level[note_id], links)
    same = sorted((r for r in notes if level[r["id"]] == level[note_id]
                   and _parents(r["id"], level[r["id"]], links) == mine), key=lambda r: pos[r["id"]][0])
    ids = [r["id"] for r in same]
    j = ids.index(note_id) + step
    if not 0 <= j < len(ids):
        return None
    other = same[j]
    if other["position"] == row["position"]:
        return Macro([UpdateRow("note", note_id, {"position": other["position"] + 0.5 * step})], _("Mover idea"))
    return Macro([UpdateRow("note", note_id, {"position": other["position"]}),
                  UpdateRow("note", other["id"], {"position": row["position"]})], _("Mover idea"))


# -- arrows -------------------------------------------------------------------------------------------
def _path_exists(links: Iterable[dict[str, Any]], start: str, goal: str, skip: str | None = None) -> bool:
    """Can ``goal`` be reached from ``start`` following arrows (leaving out link ``skip``)?"""
    out: dict[str, list[str]] = {}
    for link in links:
        if link["id"] != skip:
            out.setdefault(link["source_id"], []).append(link["target_id"])
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in out.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _check_arrow(doc: ProcessDocument, source_id: str, target_id: str, skip: str | None = None) -> dict[str, Any]:
    """Refuse self-links, arrows across trees, repeats and cycles; returns the source row."""
    if source_id == target_id:
        raise TreeError(_("Una flecha no puede unir una idea consigo misma."), "self")
    source, target = _note(doc, source_id), _note(doc, target_id)
    if source["canvas_id"] != target["canvas_id"]:
        raise TreeError(_("Solo se pueden unir ideas del mismo árbol."), "other_canvas")
    links = [r for r in arrows(doc, source["canvas_id"]) if r["id"] != skip]
    if any(r["source_id"] == source_id and r["target_id"] == target_id for r in links):
        raise TreeError(_("Esa flecha ya existe."), "duplicate")
    if _path_exists(links, target_id, source_id):
        raise TreeError(_("Esa flecha cerraría un ciclo: «{a}» ya lleva a «{b}». En un árbol las causas y los "
                          "efectos no pueden girar en círculo.", a=_short(target["text"]), b=_short(source["text"])),
                        "cycle")
    return source


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def connect(doc: ProcessDocument, source_id: str, target_id: str) -> InsertRow:
    """An arrow from a cause to what it causes; TreeError for a self-link, a repeat or a cycle."""
    source = _check_arrow(doc, source_id, target_id)
    return InsertRow("link", {"canvas_id": source["canvas_id"], "source_id": source_id, "target_id": target_id,
                              "kind": "cause_effect"}, _("Conectar ideas"))


def disconnect(doc: ProcessDocument, link_ids: Sequence[str]) -> Macro | None:
    ids = [i for i in dict.fromkeys(link_ids) if doc.store.get("link", i) is not None]
    if not ids:
        return None
    return Macro([DeleteRow("link", i) for i in ids], ngettext("Quitar {n} flecha", "Quitar {n} flechas", len(ids)))


def reverse(doc: ProcessDocument, link_id: str) -> UpdateRow:
    """Turn an arrow around (what was the effect becomes the cause); refused if that closes a cycle."""
    link = doc.store.get("link", link_id)
    if link is None:
        raise TreeError(_("Esa flecha ya no está en el árbol."), "missing")
    _check_arrow(doc, link["target_id"], link["source_id"], skip=link_id)
    return UpdateRow("link", link_id, {"source_id": link["target_id"], "target_id": link["source_id"]},
                     _("Invertir flecha"))


# -- marks and scores ------------------------------------------------------------------------------------
def set_mark(doc: ProcessDocument, note_ids: Iterable[str], mark: str, on: bool) -> Macro | None:
    """Put a prioritisation mark on (or off) nodes, keeping their other marks."""
    if mark not in MARK_LABELS:
        raise KeyError(mark)
    commands = []
    for note_id in dict.fromkeys(note_ids):
        row = doc.store.get("note", note_id)
        if row is None:
            continue
        marks = note_marks(row)
        if on and mark not in marks:
            marks = [*marks, mark]
        elif not on and mark in marks:
            marks = [m for m in marks if m != mark]
        else:
            continue
        commands.append(UpdateRow("note", note_id, {"marks": json.dumps(marks)}))
    if not commands:
        return None
    label = _(MARK_LABELS[mark])
    return Macro(commands, _("Marcar «{mark}»", mark=label) if on else _("Quitar «{mark}»", mark=label))


def set_score(doc: ProcessDocument, note_id: str, field: str, value: int | None) -> UpdateRow | None:
    """Score a node's impact or feasibility from 1 to 5 (None clears it)."""
    if field not in SCORE_FIELDS:
        raise KeyError(field)
    if value is not None:
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise TreeError(_("La puntuación va de 1 a 5."), "score")
    row = _note(doc, note_id)
    if row[field] == value:
        return None
    return UpdateRow("note", note_id, {field: value},
                     _("Puntuar impacto") if field == "impact" else _("Puntuar factibilidad"))
