"""Results of a canvas, by kind: one section function per canvas kind, named in the kind registry.

A section function gets the canvas and the zones it should show (a block of the
agenda may show only its own zone of a shared flipchart) and returns flowables.
Each kind names its function (``Kind.pdf_section``) and says whether it always goes
on landscape pages (``Kind.landscape``); ``wide`` also sends a tree there when it
is wider than a portrait page. A kind without a function of its own falls back to
the board's, so notes are never lost.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from typing import Callable

from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from facilitator import kinds
from facilitator.foda import QUADRANT_KEYS, STRATEGY_KEYS

from ..fonts import markup
from ..labels import shared_theme_line
from ..model import Canvas, Note, Workshop
from ..trees import outline, part_label, priorities, scores
from .common import Ctx, P, fit_widths, small, table, titled
from .diagrams import board_grid, cross_strategies, foda_matrix
from .notes import note_paras, zone_keys, zone_title
from .tree_diagram import diagrams, whole_tree

SectionFn = Callable[[Ctx, Workshop, Canvas, list[str]], list]


def _by_votes(notes: list[Note]) -> list[Note]:
    return sorted(notes, key=lambda n: -n.votes)  # stable: board order among equals


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
            out.append(P(zone_title(c, canvas, key), st.h4))
        grid = board_grid(c, canvas, notes, w.groups)
        if grid:
            out += [P(t("Temas por grupo (notas / votos)"), st.label), grid, Spacer(1, 6)]
        shared = patterns(notes)
        if shared:
            out.append(P(t("Patrones comunes a los grupos"), st.h4))
            for theme, groups, count, votes in shared:
                out.append(P(shared_theme_line(t, theme, groups, count, votes), st.note))
        lanes: dict[str | None, list[Note]] = defaultdict(list)
        for n in notes:
            lanes[n.group_id].append(n)
        order = [g.id for g in w.groups if g.id in lanes] + [g for g in lanes if g not in {x.id for x in w.groups}]
        for gid in order:
            lane = lanes[gid]
            name = lane[0].group or t("Plenario / sin grupo")
            out.append(P(t.ngettext("{group}: {n} nota", "{group}: {n} notas", len(lane), group=name), st.h4))
            themed: dict[str | None, list[Note]] = defaultdict(list)
            for n in lane:
                themed[n.theme_id].append(n)
            theme_order = [th.id for th in canvas.themes if th.id in themed] + ([None] if None in themed else [])
            for tid in theme_order:
                if len(theme_order) > 1 or tid is not None:
                    out.append(P(themed[tid][0].theme if tid else t("Otras ideas"), st.label))
                out += [p for n in _by_votes(themed[tid]) for p in note_paras(c, n)]
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
        out.append(P(zone_title(c, canvas, key), c.st.h4))
        out += [p for n in _by_votes(canvas.zone_notes(key)) for p in note_paras(c, n, group=True)]
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


def is_landscape(kind: str) -> bool:
    """Does the kind's section always go on landscape pages (the kind registry's ``landscape``)?"""
    spec = kinds.get(kind)
    return bool(spec and spec.landscape)


def wide(c: Ctx, canvas: Canvas) -> bool:
    """Does this canvas go on landscape pages? Matrices always; a tree when that draws it larger."""
    return is_landscape(canvas.kind) or (canvas.kind == "problem_tree" and tree_is_wide(c, canvas))


def has_content(canvas: Canvas, zones: list[str]) -> bool:
    """Is there anything to show of these zones: notes, or (whole canvas) initiatives or monitoring rows?"""
    return any(canvas.zone_notes(z) for z in zones) or bool(canvas.initiatives or canvas.monitoring)


def section_for(kind: str) -> SectionFn:
    """The kind's section (the kind registry's ``pdf_section``, "module:function"); the board's for others."""
    spec = kinds.get(kind)
    if spec is None or not spec.pdf_section:
        return board_section
    module, _sep, name = spec.pdf_section.partition(":")
    return getattr(importlib.import_module(module), name)
