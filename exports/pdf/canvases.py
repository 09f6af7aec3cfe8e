"""Results of a canvas, by kind: one section function per canvas kind, registered in ``SECTIONS``.

A section function gets the canvas and the zones it should show (a block of the
agenda may show only its own zone of a shared flipchart) and returns flowables.
Kinds always laid out on landscape pages are listed in ``LANDSCAPE``; ``wide``
also sends a tree there when it is wider than a portrait page. A kind without a
function of its own falls back to the board's, so notes are never lost.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from facilitator.foda import QUADRANT_KEYS, STRATEGY_KEYS

from ..fonts import markup
from ..labels import ZONE_HEADINGS, label
from ..model import Canvas, Note, Workshop
from ..trees import outline, part_label, priorities, scores
from .common import Ctx, P, fit_widths, small, table, titled
from .diagrams import board_grid, cross_strategies, foda_matrix
from .matrices import monitoring_section, planning_section
from .tree_diagram import diagrams, whole_tree

SectionFn = Callable[[Ctx, Workshop, Canvas, list[str]], list]


def _aside(c: Ctx, n: Note, *, group: bool = False, theme: bool = False) -> str:
    bits = []
    if group and n.group:
        bits.append(n.group)
    if theme and n.theme:
        bits.append(n.theme)
    if n.votes:
        bits.append(c.t("{n} votos", n=n.votes) if n.votes != 1 else c.t("1 voto"))
    bits += list(n.tag_labels)
    if n.author:
        bits.append(n.author)
    return ("  " + small(" · ".join(bits))) if bits else ""


def note_para(c: Ctx, n: Note, **aside):
    from reportlab.platypus import Paragraph

    return Paragraph(markup(n.text) + _aside(c, n, **aside), c.st.note, bulletText="•")


def _by_votes(notes: list[Note]) -> list[Note]:
    return sorted(notes, key=lambda n: -n.votes)  # stable: board order among equals


def zone_keys(canvas: Canvas, zones: list[str]) -> list[str]:
    """The zones to show, in the canvas's order, followed by stray zone keys."""
    order = [z.key for z in canvas.zones]
    return sorted(zones, key=lambda z: order.index(z) if z in order else len(order))


def _zone_title(c: Ctx, canvas: Canvas, key: str) -> str:
    return canvas.zone_label(key) if key else c.t("Sin zona")


# -- board ------------------------------------------------------------------------
def patterns(notes: list[Note]) -> list[tuple[str, list[str], int, int]]:
    """Themes that span groups: (theme, groups, notes, votes), most widely shared first."""
    by_theme: dict[str, list[Note]] = defaultdict(list)
    for n in notes:
        if n.theme_id:
            by_theme[n.theme].append(n)
    found = []
    for theme, ns in by_theme.items():
        groups = list(dict.fromkeys(n.group for n in ns if n.group))
        if len(groups) >= 2:
            found.append((theme, groups, len(ns), sum(n.votes for n in ns)))
    return sorted(found, key=lambda p: (-len(p[1]), -p[3], -p[2]))


def board_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    t, st = c.t, c.st
    out: list = []
    keys = [z for z in zone_keys(canvas, zones) if canvas.zone_notes(z)]
    for key in keys:
        notes = canvas.zone_notes(key)
        if len(canvas.zones) > 1 or len(keys) > 1:
            out.append(P(_zone_title(c, canvas, key), st.h4))
        grid = board_grid(c, canvas, notes, w.groups)
        if grid:
            out += [P(t("Temas por grupo (notas / votos)"), st.label), grid, Spacer(1, 6)]
        shared = patterns(notes)
        if shared:
            out.append(P(t("Patrones comunes a los grupos"), st.h4))
            for theme, groups, count, votes in shared:
                out.append(P(t("«{theme}» aparece en {k} grupos ({groups}): {n} notas, {v} votos.", theme=theme,
                               k=len(groups), groups=", ".join(groups), n=count, v=votes), st.note))
        lanes: dict[str | None, list[Note]] = defaultdict(list)
        for n in notes:
            lanes[n.group_id].append(n)
        order = [g.id for g in w.groups if g.id in lanes] + [g for g in lanes if g not in {x.id for x in w.groups}]
        for gid in order:
            lane = lanes[gid]
            name = lane[0].group or t("Plenario / sin grupo")
            out.append(P(t("{group}: {n} notas", group=name, n=len(lane)) if len(lane) != 1
                         else t("{group}: 1 nota", group=name), st.h4))
            themed: dict[str | None, list[Note]] = defaultdict(list)
            for n in lane:
                themed[n.theme_id].append(n)
            theme_order = [th.id for th in canvas.themes if th.id in themed] + ([None] if None in themed else [])
            for tid in theme_order:
                if len(theme_order) > 1 or tid is not None:
                    out.append(P(themed[tid][0].theme if tid else t("Otras ideas"), st.label))
                out += [note_para(c, n) for n in _by_votes(themed[tid])]
    out += tag_summary(c, [n for k in keys for n in canvas.zone_notes(k)])
    return out


def tag_summary(c: Ctx, notes: list[Note]) -> list:
    counts: dict[str, list[int]] = {}
    for n in notes:
        for tag in n.tag_labels:
            entry = counts.setdefault(tag, [0, 0])
            entry[0] += 1
            entry[1] += n.votes
    if not counts:
        return []
    st, t = c.st, c.t
    rows = [[P(t("Dimensión u horizonte"), st.cell_head), P(t("Notas"), st.cell_head), P(t("Votos"), st.cell_head)]]
    for tag, (n, v) in sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])):
        rows.append([P(tag, st.cell), P(str(n), st.cell), P(str(v), st.cell)])
    return [P(t("Etiquetas"), st.h4), table(rows, [c.width - 4 * cm, 2 * cm, 2 * cm]), Spacer(1, 6)]


# -- FODA -------------------------------------------------------------------------
def foda_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    out: list = []
    matrix = foda_matrix(c, canvas)
    if matrix:
        out += [matrix, Spacer(1, 8)]
    crossed = cross_strategies(c, canvas)
    if crossed:
        out += [*titled(c.t("Estrategias cruzadas"), c.st.h4, crossed), crossed, Spacer(1, 8)]
    fixed = set(QUADRANT_KEYS) | set(STRATEGY_KEYS)
    for key in zone_keys(canvas, [z for z in dict.fromkeys(n.zone for n in canvas.notes) if z not in fixed]):
        out.append(P(_zone_title(c, canvas, key), c.st.h4))
        out += [note_para(c, n, group=True) for n in _by_votes(canvas.zone_notes(key))]
    return out


# -- problem and objective trees --------------------------------------------------------
def tree_frame(c: Ctx, canvas: Canvas) -> tuple[float, float]:
    """Width and height of the page the tree goes on (landscape when that draws it larger)."""
    return (c.wide, c.width) if tree_is_wide(c, canvas) else (c.width, c.height)


def tree_is_wide(c: Ctx, canvas: Canvas) -> bool:
    if not canvas.notes:
        return False
    probe = whole_tree(c, canvas)
    w, h = probe.natural_w, probe.natural_h
    if w <= c.width:
        return False
    return min(c.wide / w, c.width / h) > min(c.width / w, c.height / h)


def tree_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    t, st = c.t, c.st
    width, height = tree_frame(c, canvas)
    drawn = diagrams(c, canvas, width, height)
    out: list = []
    if drawn:
        if len(drawn) > 1:
            out.append(P(t("El árbol es grande: se dibuja en dos partes, los efectos sobre el problema y el "
                           "problema sobre sus causas."), st.muted))
        for d in drawn:
            out += [d, Spacer(1, 6)]
    elif canvas.notes:
        out.append(P(t("El árbol tiene demasiadas notas para dibujarlo en una página; se muestra como esquema."),
                     st.muted))
        out += tree_outline(c, canvas)
    out += priority_tables(c, canvas, width)
    return out


def tree_outline(c: Ctx, canvas: Canvas) -> list:
    """Each part of the tree as an indented list: a cause under what it causes, an effect under its cause."""
    out: list = []
    for title, rows in outline(canvas, c.t):
        out.append(P(title, c.st.h4))
        for depth, n in rows:
            style = c.st.note.clone(f"outline{depth}", leftIndent=12 + 14 * min(depth, 12),
                                    bulletIndent=2 + 14 * min(depth, 12))
            bits = [*n.mark_labels, *scores(n, c.t)] + ([n.group] if n.group else [])
            aside = ("  " + small(" · ".join(bits))) if bits else ""
            out.append(Paragraph(markup(n.text) + aside, style, bulletText="•" if depth == 0 else "↳"))
    return out


def priority_tables(c: Ctx, canvas: Canvas, width: float) -> list:
    """The prioritised causes (and effects): highest impact × feasibility first, then the most marks."""
    t, st = c.t, c.st
    out: list = []
    for which in (-1, 1):
        ranked = priorities(canvas, which)
        if not ranked:
            continue
        part = part_label(canvas, which, t)
        scored = any(n.impact or n.feasibility for n in ranked)  # no empty score columns "sorted by score"
        head = ["#", part, t("Marcas")] + ([t("Impacto"), t("Factibilidad"), t("Puntaje")] if scored else [])
        values = [[str(k), n.text, ", ".join(n.mark_labels)]
                  + ([str(n.impact or ""), str(n.feasibility or ""), str(n.score or "")] if scored else [])
                  for k, n in enumerate(ranked, start=1)]
        widths = fit_widths(head, list(zip(*values)), width, st.cell_head, st.cell, cap=0.6)
        rows = [[P(h, st.cell_head) for h in head]] + [[P(v, st.cell) for v in row] for row in values]
        order = t("Ordenadas por puntaje (impacto × factibilidad) y luego por marcas.") if scored \
            else t("Ordenadas por número de marcas.")
        out += [P(t("Prioridades: {part}", part=part), st.h4), P(order, st.muted), table(rows, widths), Spacer(1, 6)]
    return out


# -- matrices ---------------------------------------------------------------------
def matrix_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    """A landscape table, one row per note, grouped by zone; the header repeats on every page."""
    t, st = c.t, c.st
    keys = zone_keys(canvas, list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes])))
    notes = [n for k in keys for n in canvas.zone_notes(k)]
    if not notes:
        return []
    columns = [  # (header, value of a note, share of the width); empty optional columns are left out
        (label(ZONE_HEADINGS, canvas.kind, t), lambda n: _zone_title(c, canvas, n.zone), 0.2, True),
        (t("Nota"), lambda n: n.text, 0.42, True),
        (t("Grupo"), lambda n: n.group, 0.1, False),
        (t("Tema"), lambda n: n.theme, 0.12, False),
        (t("Votos"), lambda n: str(n.votes) if n.votes else "", 0.05, False),
        (t("Etiquetas"), lambda n: ", ".join(n.tag_labels), 0.11, False),
    ]
    shown = [col for col in columns if col[3] or any(col[1](n) for n in notes)]
    scale = c.wide / sum(col[2] for col in shown)
    widths = [col[2] * scale for col in shown]
    rows = [[P(col[0], st.cell_head) for col in shown]]
    rows += [[P(col[1](n), st.cell) for col in shown] for n in notes]
    return [table(rows, widths, long=len(rows) > 60)]


SECTIONS: dict[str, SectionFn] = {
    "board": board_section,
    "foda": foda_section,
    "problem_tree": tree_section,
    "planning_matrix": planning_section,
    "monitoring_matrix": monitoring_section,
}

LANDSCAPE = frozenset({"planning_matrix", "monitoring_matrix"})


def wide(c: Ctx, canvas: Canvas) -> bool:
    """Does this canvas go on landscape pages? Matrices always; a tree when that draws it larger."""
    return canvas.kind in LANDSCAPE or (canvas.kind == "problem_tree" and tree_is_wide(c, canvas))


def has_content(canvas: Canvas, zones: list[str]) -> bool:
    """Is there anything to show of these zones: notes, or (whole canvas) initiatives or monitoring rows?"""
    return any(canvas.zone_notes(z) for z in zones) or bool(canvas.initiatives or canvas.monitoring)


def section_for(kind: str) -> SectionFn:
    return SECTIONS.get(kind, board_section)
