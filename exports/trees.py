"""A problem or objective tree read for the report: its parts, its outline and its priorities.

The rows come from ``facilitator.tree.levels`` (stored on ``Canvas.levels`` by
the model), the same function the tree window draws with, so every writer
agrees with the screen about which node is a cause and which an effect. The
outline nests each cause under what it causes and each effect under what
causes it, for the writers that show a tree as an indented list (the DOCX, under
its diagram, and the PDF when a tree is too large to draw legibly).
"""

from __future__ import annotations

from facilitator.tree import CAUSE_ZONES, EFFECT_ZONES, TRUNK_ZONES
from facilitator.i18n import N_, Translator

from .model import Canvas, Note

PROBLEM_PARTS = {-1: N_("Causas"), 0: N_("Problema central"), 1: N_("Efectos")}
OBJECTIVE_PARTS = {-1: N_("Medios"), 0: N_("Objetivo central"), 1: N_("Fines")}
CAUSE_MARKS = ("critical", "manageable")
EFFECT_MARKS = ("serious", "urgent")


def side(canvas: Canvas, n: Note) -> int:
    """-1 a cause (or means), 0 the trunk, 1 an effect (or end)."""
    level = canvas.levels.get(n.id, 0)
    return (level > 0) - (level < 0)


def part_label(canvas: Canvas, which: int, t: Translator) -> str:
    """The canvas's own name for a side of the tree (its zone label), or the method's."""
    keys = {-1: CAUSE_ZONES, 0: TRUNK_ZONES, 1: EFFECT_ZONES}[which]
    for z in canvas.zones:
        if z.key in keys:
            return z.label
    return t((OBJECTIVE_PARTS if canvas.variant == "objectives" else PROBLEM_PARTS)[which])


def edges(canvas: Canvas) -> list[tuple[str, str]]:
    """Arrows between notes of the tree; without any, each cause leads to the trunk and the trunk to each effect."""
    ids = {n.id for n in canvas.notes}
    found = list(dict.fromkeys((x.source_id, x.target_id) for x in canvas.links
                               if x.source_id in ids and x.target_id in ids and x.source_id != x.target_id))
    if found:
        return found
    trunk = [n.id for n in canvas.notes if side(canvas, n) == 0][:1]
    return ([(n.id, p) for n in canvas.notes if side(canvas, n) < 0 for p in trunk]
            + [(p, n.id) for n in canvas.notes if side(canvas, n) > 0 for p in trunk])


def outline(canvas: Canvas, t: Translator) -> list[tuple[str, list[tuple[int, Note]]]]:
    """(part label, [(depth, note)]) for effects, trunk and causes, top to bottom as the tree is drawn.

    A cause sits under the first node it leads to, an effect under the first node
    leading to it; nodes tied to nothing on their side hang from the trunk.
    """
    by_id = {n.id: n for n in canvas.notes}
    arrows = edges(canvas)
    parts = []
    for which in (1, 0, -1):
        members = [n for n in canvas.notes if side(canvas, n) == which]
        if not members:
            continue
        if which == 0:
            parts.append((part_label(canvas, 0, t), [(0, n) for n in members]))
            continue
        ids = {n.id for n in members}
        parent_of: dict[str, str] = {}  # the neighbour nearer the trunk: what a cause causes, what causes an effect
        for source, target in arrows:
            child, parent = (source, target) if which < 0 else (target, source)
            if child in ids and child not in parent_of and (parent in ids or side(canvas, by_id[parent]) == 0):
                parent_of[child] = parent
        children: dict[str, list[str]] = {}
        for n in members:
            if parent_of.get(n.id) in ids:
                children.setdefault(parent_of[n.id], []).append(n.id)
        rows: list[tuple[int, Note]] = []
        seen: set[str] = set()

        def walk(node: str) -> None:
            stack = [(node, 0)]
            while stack:
                current, depth = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                rows.append((depth, by_id[current]))
                stack.extend((k, depth + 1) for k in reversed(children.get(current, [])))

        for n in members:
            if parent_of.get(n.id) not in ids:
                walk(n.id)
        for n in members:  # a cycle within a side: whatever is left starts a branch of its own
            if n.id not in seen:
                walk(n.id)
        parts.append((part_label(canvas, which, t), rows))
    return parts


def scores(n: Note, t: Translator) -> list[str]:
    """A node's impact and feasibility as words («impacto 4», «factibilidad 2»), those given."""
    out = []
    if n.impact:
        out.append(t("impacto {n}", n=n.impact))
    if n.feasibility:
        out.append(t("factibilidad {n}", n=n.feasibility))
    return out


def priorities(canvas: Canvas, which: int) -> list[Note]:
    """The nodes of a side that were prioritised (a mark or a score), highest score first, then most marks."""
    wanted = CAUSE_MARKS if which < 0 else EFFECT_MARKS
    members = [n for n in canvas.notes if side(canvas, n) == which and (n.marks or n.impact or n.feasibility)]
    return sorted(members, key=lambda n: (-(n.score or 0), -sum(m in n.marks for m in wanted), -len(n.marks)))
