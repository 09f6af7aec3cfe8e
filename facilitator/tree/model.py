"""The problem tree's stored structure: zones, marks, scores, priorities, reading a tree canvas (no Qt).

Nodes are notes of a ``problem_tree`` canvas, arrows are ``link`` rows from a cause to
what it causes; which zone a note is in says whether it is the trunk, a root or a branch.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..document import ProcessDocument
from ..domain.zones import read_zones
from ..i18n import N_, _
from .placement import _rank, levels
from .zones import CAUSE_ZONES, EFFECT_ZONES, KIND, OBJECTIVES, TRUNK_ZONES  # noqa: F401



# -- stored values ------------------------------------------------------------------------------
def note_marks(row: dict[str, Any]) -> list[str]:
    """A node's prioritisation marks (the column holds a JSON list; anything else reads as none)."""
    try:
        marks = json.loads(row.get("marks") or "[]")
    except (ValueError, TypeError, RecursionError):
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def score(row: dict[str, Any]) -> int | None:
    """Impact × feasibility, when both are scored."""
    impact, feasibility = row.get("impact"), row.get("feasibility")
    return impact * feasibility if impact and feasibility else None


# -- prioritisation -------------------------------------------------------------------------------
MARK_LABELS: dict[str, str] = {
    "critical": N_("Más crítica"),
    "manageable": N_("Más manejable"),
    "serious": N_("Más grave"),
    "urgent": N_("Más urgente"),
}
CAUSE_MARKS = ("critical", "manageable")
EFFECT_MARKS = ("serious", "urgent")
SCORE_FIELDS = ("impact", "feasibility")


class TreeError(ValueError):
    """An edit the tree refuses; ``str(exc)`` is the message to show, ``reason`` says which rule."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


def marks_for(level: int) -> tuple[str, ...]:
    """The marks a node on this level can carry: causes are critical/manageable, effects serious/urgent."""
    if level < 0:
        return CAUSE_MARKS
    return EFFECT_MARKS if level > 0 else ()


def priorities(notes: list[dict], links: list[dict]) -> dict[str, list[dict[str, Any]]]:
    """The "Prioridades" lists: causes ranked by score, then marks; effects by marks, then score.

    Every cause and effect is listed (unrated ones last, in manual order), each as
    ``{"id", "text", "level", "marks", "score"}`` with only the marks of its side.
    """
    level = levels(notes, links)
    rank = _rank(notes)
    causes, effects = [], []
    for row in notes:
        lv = level[row["id"]]
        if lv == 0:
            continue
        marks = [m for m in marks_for(lv) if m in note_marks(row)]
        item = {"id": row["id"], "text": row.get("text", ""), "level": lv, "marks": marks, "score": score(row)}
        (causes if lv < 0 else effects).append(item)

    def by_score(item: dict[str, Any]) -> tuple:
        return (-(item["score"] or 0), -len(item["marks"]), CAUSE_MARKS[0] not in item["marks"], rank[item["id"]])

    def by_marks(item: dict[str, Any]) -> tuple:
        return (-len(item["marks"]), EFFECT_MARKS[0] not in item["marks"], -(item["score"] or 0), rank[item["id"]])

    return {"causes": sorted(causes, key=by_score), "effects": sorted(effects, key=by_marks)}


# -- reading a tree canvas ------------------------------------------------------------------------
def zone_roles(canvas: dict[str, Any]) -> dict[str, str]:
    """The canvas's zone key for the trunk, the causes and the effects (template keys by default)."""
    zones = canvas.get("zones") or []
    if isinstance(zones, str):
        zones = read_zones(zones)
    keys = [z.get("key") for z in zones if isinstance(z, dict)]
    objectives = canvas.get("variant") == OBJECTIVES
    roles = {}
    for role, known in (("trunk", TRUNK_ZONES), ("cause", CAUSE_ZONES), ("effect", EFFECT_ZONES)):
        roles[role] = next((k for k in keys if k in known), known[1 if objectives else 0])
    return roles


def tree_canvases(doc: ProcessDocument, workshop_id: str) -> list[dict[str, Any]]:
    return [c for c in doc.canvases(workshop_id) if c["kind"] == KIND]


def arrows(doc: ProcessDocument, canvas_id: str) -> list[dict[str, Any]]:
    return doc.store.query("SELECT * FROM link WHERE canvas_id = ? ORDER BY created_at, id", (canvas_id,))


def trunks(notes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in notes if r.get("zone") in TRUNK_ZONES]


def _note(doc: ProcessDocument, note_id: str) -> dict[str, Any]:
    row = doc.store.get("note", note_id)
    if row is None:
        raise TreeError(_("Esa idea ya no está en el árbol."), "missing")
    return row


def _canvas(doc: ProcessDocument, canvas_id: str) -> dict[str, Any]:
    canvas = doc.canvas(canvas_id)
    if canvas is None or canvas["kind"] != KIND:
        raise TreeError(_("Ese árbol ya no existe."), "missing")
    return canvas


def _trunk_word(canvas: dict[str, Any]) -> str:
    return _("objetivo central") if canvas.get("variant") == OBJECTIVES else _("problema central")
