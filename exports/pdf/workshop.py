"""One workshop's chapter: agenda planned and run, numbers, results block by block, minutes,
commitments and validation rounds. Sections without data are left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Spacer

from facilitator.session.summary import explain, minutes_text

from ..labels import INPUT_MODES, RUN_STATES, label, long_date, table_date
from ..model import Canvas, Commitment, Entry, Validation, Workshop
from .canvases import has_content, section_for, wide
from .common import Ctx, KeepStart, P, labelled, table, titled
from .front import participation
from .template import Heading


def chapter(c: Ctx, w: Workshop, *, several: bool) -> list:
    """The workshop's flowables; with several workshops it is a chapter of its own (level 0)."""
    t, st = c.t, c.st
    base = 0 if several else -1  # a single workshop's sections are chapters themselves
    out: list = []
    if several:
        out.append(Heading(w.title, st.h1, 0))
        facts = [long_date(w.date, t)] if w.date else []
        if w.place:
            facts.append(w.place)
        if facts:
            out.append(P(" · ".join(facts), st.muted.clone("facts", keepWithNext=1)))  # title and facts stay with the agenda
    out += agenda(c, w, base + 1)
    if several:
        out += participation(c, w.participation, level=1, workshops=[w])
    out += results(c, w, base + 1)
    out += minutes_section(c, [m for m in w.minutes if m.block_id not in {b.id for b in w.blocks}],
                           t("Relatoría general"), base + 1)
    out += commitments(c, w.commitments, base + 1)
    out += validations(c, w.validations, base + 1)
    return out


def _heading(c: Ctx, text: str, level: int, **kw) -> Heading:
    style = (c.st.h1, c.st.h2, c.st.h3)[min(level, 2)]
    return Heading(text, style, level, toc=level <= 1, **kw)


# -- agenda -------------------------------------------------------------------------
def _clock(start: str, minutes: float) -> str:
    try:
        moment = datetime.strptime(start.strip(), "%H:%M") + timedelta(minutes=minutes)
    except ValueError:
        return ""
    return moment.strftime("%H:%M")


def agenda(c: Ctx, w: Workshop, level: int) -> list:
    if not w.blocks:
        return []
    t, st = c.t, c.st
    run = w.run
    title = t("Agenda prevista y realizada") if run else t("Agenda prevista")
    out: list = [_heading(c, title, level)]
    timed = bool(w.start_time.strip())
    head = ["#", t("Bloque"), t("Modalidad"), t("Horario"), t("Previsto (min)")]
    if run:
        head += [t("Real (min)"), t("Diferencia"), t("Estado")]
    rows = [[P(h, st.cell_head) for h in head]]
    state = {b.block_id: b for b in run.blocks} if run else {}
    elapsed = 0.0
    for i, b in enumerate(w.blocks, start=1):
        span = ""
        if w.start_time:
            span = f"{_clock(w.start_time, elapsed)}–{_clock(w.start_time, elapsed + b.minutes)}"
        elapsed += b.minutes
        modes = ", ".join(label(INPUT_MODES, m, t) for m in b.modes)
        row = [P(str(i), st.cell), P(b.title, st.cell), P(modes, st.cell), P(span, st.cell), P(str(b.minutes), st.cell)]
        if run:
            s = state.get(b.id)
            row += [P(minutes_text(s.actual) if s and s.state != "pending" else "", st.cell),
                    P(minutes_text(s.delta, signed=True) if s and s.state not in ("pending", "current") else "",
                      st.cell),
                    P(label(RUN_STATES, s.state, t) if s else "", st.cell)]
        rows.append(row)
    if run:
        for s in run.blocks:
            if s.state == "removed":
                rows.append([P("", st.cell), P(s.title, st.cell), P("", st.cell), P("", st.cell),
                             P(minutes_text(s.planned), st.cell), P(minutes_text(s.actual), st.cell),
                             P(minutes_text(s.delta, signed=True), st.cell), P(label(RUN_STATES, s.state, t), st.cell)])
        rows.append([P("", st.cell), P(t("Total"), st.cell_head), P("", st.cell), P("", st.cell),
                     P(minutes_text(run.planned_total), st.cell_head), P(minutes_text(run.actual_total), st.cell_head),
                     P(minutes_text(run.overrun, signed=True) if run.finished else "", st.cell_head),
                     P("" if run.finished else label(RUN_STATES, "current", t), st.cell)])
        widths = [0.7 * cm, None, 2.3 * cm, 2.2 * cm, 1.7 * cm, 1.5 * cm, 1.9 * cm, 2.2 * cm]
    else:
        rows.append([P("", st.cell), P(t("Total"), st.cell_head), P("", st.cell), P("", st.cell),
                     P(str(sum(b.minutes for b in w.blocks)), st.cell_head)])
        widths = [0.7 * cm, None, 3 * cm, 2.6 * cm, 2.2 * cm]
    if not timed:  # no start time: no clock column
        rows = [r[:3] + r[4:] for r in rows]
        widths = widths[:3] + widths[4:]
    fixed = sum(x for x in widths if x)
    widths = [x if x else c.width - fixed for x in widths]
    out.append(table(rows, widths))
    if run:
        lines = explain(run, t)
        out.append(Spacer(1, 6))
        out += [P(line, st.body if i == 0 else st.note) for i, line in enumerate(lines)]
    return out


# -- results ------------------------------------------------------------------------
def plan_results(w: Workshop):
    """Which canvas parts each block shows, so every note appears once, where it was made.

    A board block with a zone shows that zone; a block on a board without a zone
    shows the zones no earlier block showed. Other kinds (FODA, trees, matrices,
    whose rows are not notes) are shown whole at their first block. Zones of a
    board that no block names go with the last block working on that board (the
    indicators of a SMART board whose block names only its objectives). Canvases
    no block uses come back as leftovers.
    """
    claimed: dict[str, set[str]] = defaultdict(set)
    shown: set[str] = set()  # canvases other than boards, shown whole once
    last_parts: dict[str, list] = {}  # board id → the parts of the last block using it
    # A FODA, tree or matrix is shown whole at the last block working on it (the consolidation), when
    # it is complete; an objective tree, which no block names, right after the problem tree it restates.
    last_block = {b.canvas_id: b.id for b in w.blocks if b.canvas_id}
    restated = [cv for cv in w.canvases if cv.kind == "problem_tree" and cv.variant == "objectives"
                and cv.id not in last_block]
    plan = []
    for b in w.blocks:
        parts: list[tuple[Canvas, list[str]]] = []
        canvas = w.canvas(b.canvas_id)
        if canvas is not None:
            every = list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
            if canvas.kind != "board":
                if last_block.get(canvas.id) == b.id and canvas.id not in shown and has_content(canvas, every):
                    parts.append((canvas, every))
                    shown.add(canvas.id)
                    if canvas.kind == "problem_tree" and canvas.variant != "objectives":
                        for tree in restated:
                            tree_zones = list(dict.fromkeys([z.key for z in tree.zones] + [n.zone for n in tree.notes]))
                            if tree.id not in shown and has_content(tree, tree_zones):
                                parts.append((tree, tree_zones))
                                shown.add(tree.id)
            else:
                zones = [z for z in ([b.zone] if b.zone else every) if z not in claimed[canvas.id]]
                claimed[canvas.id].update(zones)
                if b.zone:  # notes in unknown zones go with the first block
                    stray = [z for z in every if z not in {x.key for x in canvas.zones} and z not in claimed[canvas.id]]
                    claimed[canvas.id].update(stray)
                    zones += stray
                parts.append((canvas, zones))
                last_parts[canvas.id] = parts
        plan.append((b, parts, [m for m in w.minutes if m.block_id == b.id]))
    for canvas in w.canvases:
        rest = [z for z in dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes])
                if z not in claimed[canvas.id]]
        if canvas.id in last_parts and rest:
            parts = last_parts[canvas.id]
            k = next(i for i, (cv, _z) in enumerate(parts) if cv.id == canvas.id)
            parts[k] = (canvas, parts[k][1] + rest)
            claimed[canvas.id].update(rest)
    plan = [(b, [(cv, zs) for cv, zs in parts if has_content(cv, zs)], entries) for b, parts, entries in plan]
    plan = [(b, parts, entries) for b, parts, entries in plan if parts or entries]
    leftovers = []
    for canvas in w.canvases:
        if canvas.kind != "board":
            every = list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
            if canvas.id not in shown and has_content(canvas, every):
                leftovers.append((canvas, every))
            continue
        rest = [z for z in dict.fromkeys([n.zone for n in canvas.notes]) if z not in claimed[canvas.id]]
        if rest:
            leftovers.append((canvas, rest))
    return plan, leftovers


def results(c: Ctx, w: Workshop, level: int) -> list:
    t, st = c.t, c.st
    plan, leftovers = plan_results(w)
    if not plan and not leftovers:
        return []
    title = _heading(c, t("Resultados del taller"), level)
    out: list = []
    for b, parts, entries in plan:
        head = [_heading(c, b.title, level + 1)]  # no agenda number: blocks without results would leave gaps
        facts = [t("{n} min", n=b.minutes)] + [label(INPUT_MODES, m, t) for m in b.modes]
        head.append(P(" · ".join(facts), st.muted))
        if b.instruction.strip() and c.memo.get("script", True):  # the synthesised report leaves the script out
            head.append(P(b.instruction, st.muted))
        body: list = []
        lead = 0  # the block's first result: its title and first flowable, kept with the block's heading
        for canvas, zones in parts:
            section = section_for(canvas.kind)(c, w, canvas, zones)
            if len(parts) > 1 or canvas.title:
                body += titled(canvas.title or canvas.kind_label, st.h4, section[0] if section else None)
            lead = lead or len(body) + 1
            body += section
        if entries:
            body += minutes_list(c, entries, title=t("Relatoría") if parts else None)
        if title is not None:  # the chapter's heading goes with its first block, landscape or not
            head.insert(0, title)
            title = None
        # the block's heading stays on the page of its first result (a title and a drawing, say)
        lead = lead or 1
        out += _landscaped([KeepStart(head + body[:lead]), *body[lead:]], any(wide(c, cv) for cv, _z in parts))
    if leftovers:
        if title is not None:
            out.append(title)
            title = None
        other = [_heading(c, t("Otros resultados"), level + 1)]
        for canvas, zones in leftovers:
            section = section_for(canvas.kind)(c, w, canvas, zones)
            body = [*titled(canvas.title or canvas.kind_label, st.h4, section[0] if section else None), *section]
            out += _landscaped([*other, *body], wide(c, canvas))  # the heading goes with the first, landscape or not
            other = []
    return out


def _landscaped(flowables: list, wide: bool) -> list:
    if not wide:
        return flowables
    return [NextPageTemplate("landscape"), PageBreak(), *flowables, NextPageTemplate("portrait"), PageBreak()]


# -- minutes, commitments, validation ------------------------------------------------------
def minutes_list(c: Ctx, entries: list[Entry], title: str | None = None) -> list:
    out: list = [P(title, c.st.h4)] if title else []
    for m in entries:
        who = f" — {m.speaker}" if m.speaker else ""
        out.append(labelled(f"{m.kind_label}{who}:", m.text, c.st.note))
    return out


def minutes_section(c: Ctx, entries: list[Entry], title: str, level: int) -> list:
    if not entries:
        return []
    return [_heading(c, title, level), *minutes_list(c, entries)]


def commitments(c: Ctx, items: list[Commitment], level: int, title: str | None = None) -> list:
    if not items:
        return []
    t, st = c.t, c.st
    columns = [("what", t("Compromiso"), 0.0), ("responsible", t("Responsable"), 3.2), ("due", t("Fecha límite"), 2.2),
               ("indicator", t("Indicador"), 3.2), ("target", t("Meta"), 2.4), ("status_label", t("Estado"), 2.0)]
    shown = [col for col in columns if col[0] == "what" or any(getattr(i, col[0]) for i in items)]
    rows = [[P(name, st.cell_head) for _k, name, _w in shown]]
    rows += [[P(table_date(getattr(i, key), t), st.cell) for key, _n, _w in shown] for i in items]
    fixed = sum(w for _k, _n, w in shown) * cm
    widths = [w * cm if w else max(c.width - fixed, 4 * cm) for _k, _n, w in shown]
    scale = c.width / sum(widths)
    return [_heading(c, title or t("Compromisos"), level), CondPageBreak(3 * cm),
            table(rows, [x * scale for x in widths])]


def validations(c: Ctx, items: list[Validation], level: int) -> list:
    if not items:
        return []
    t, st = c.t, c.st
    rows = [[P(x, st.cell_head) for x in (t("Propuesta"), t("Actor o grupo"), t("Recepción"), t("Razones"))]]
    rows += [[P(v.proposal, st.cell), P(v.stakeholder, st.cell), P(v.reception_label, st.cell),
              P(v.reasons, st.cell)] for v in items]
    widths = [c.width * 0.34, c.width * 0.2, c.width * 0.14, c.width * 0.32]
    return [_heading(c, t("Rondas de validación"), level), table(rows, widths)]
