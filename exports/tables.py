"""The report's data as plain tables (headers + rows of text/numbers), for XLSX, CSV and DOCX.

One definition of each table, so the spreadsheet, the CSV files and the editable
document show the same columns under the method's names: the zone column of a
planning matrix is «Eje estratégico», of a FODA «Cuadrante» with its factor
(internal/external), and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.foda import STRATEGY_KEYS
from facilitator.monitoring import BY_FIELD

from .labels import (INITIATIVE_DETAILS, INPUT_MODES, MONITORING_GENERAL, MONITORING_QUICK, PLANNING_COLUMNS,
                     RUN_STATES, SMART, label, zone_heading)
from .methods import monitoring_text, yes_no
from .model import Canvas, Report, Workshop
from .trees import part_label, side

FODA_FACTOR = {"fortalezas": "internal", "debilidades": "internal", "oportunidades": "external",
               "amenazas": "external"}


@dataclass
class Sheet:
    name: str  # what the sheet or file is about (unique within a report)
    headers: list[str]
    rows: list[list[object]]


def canvas_sheet(report: Report, w: Workshop, canvas: Canvas, name: str) -> Sheet:
    t = report.t
    first = zone_heading(canvas.kind, t)
    authors = any(n.author for n in canvas.notes)
    origins = any(n.origin for n in canvas.notes)
    if canvas.kind == "foda":
        headers = [first, t("Factor"), t("Nota"), t("Grupo"), t("Tema"), t("Votos"), t("Etiquetas"), t("Bloque")]
    else:
        headers = [first, t("Nota"), t("Grupo"), t("Tema"), t("Votos"), t("Etiquetas"), t("Bloque")]
    if authors:
        headers.append(t("Autoría"))
    if origins:
        headers.append(t("Origen"))
    order = [z.key for z in canvas.zones]
    notes = sorted(canvas.notes, key=lambda n: order.index(n.zone) if n.zone in order else len(order))
    rows = []
    for n in notes:
        row: list[object] = [n.zone_label]
        if canvas.kind == "foda":
            factor = FODA_FACTOR.get(n.zone)
            row.append(t("Interno") if factor == "internal" else t("Externo") if factor == "external"
                       else t("Estrategia cruzada") if n.zone in STRATEGY_KEYS else "")
        row += [n.text, n.group, n.theme, n.votes, ", ".join(n.tag_labels), n.block]
        if authors:
            row.append(n.author)
        if origins:
            row.append(origin_text(report, n.origin, n.text))
        rows.append(row)
    return Sheet(name, headers, rows)


def origin_text(report: Report, origin, same: str | None = None) -> str:
    """Where a note or an initiative came from, in one cell ('' when it was typed where it is).

    The origin's text is left out when it is ``same`` (a note carried over unchanged).
    """
    return "" if origin is None else origin.cite(report.t, same)


def planning_sheet(report: Report, canvas: Canvas, name: str) -> Sheet:
    """The planning matrix: the method's nine columns, then the detail answers, SMART checks and origin."""
    t = report.t
    headers = [t(title) for _field, title in PLANNING_COLUMNS]
    headers += [t(INITIATIVE_DETAILS[k]) for k in ("description", "needs_funding", "objective")]
    headers += [t(label_) for label_ in SMART.values()]
    headers += [t(INITIATIVE_DETAILS["indicators"]), t("Grupo"), t("Origen")]
    rows = []
    for _key, axis, items in canvas.axes():
        for i in items:
            rows.append([axis] + [getattr(i, f) for f, _title in PLANNING_COLUMNS[1:]]
                        + [i.description, yes_no(i.needs_funding, t), i.objective]
                        + [yes_no(k in i.smart, t) for k in SMART]
                        + [i.indicators, i.group, origin_text(report, i.origin)])
    return Sheet(name, headers, rows)


def monitoring_sheet(report: Report, canvas: Canvas, name: str) -> Sheet:
    """The monitoring matrix: the method's columns, the status (effective and as recorded), the quick evaluation."""
    t = report.t
    quick = [t("Responsable de los ajustes") if f == "adjustment_responsible" else t(BY_FIELD[f].title)
             for f in MONITORING_QUICK]
    headers = [t(BY_FIELD[f].title) for f in MONITORING_GENERAL] + [t("Estado"), t("Estado registrado")] + quick
    rows = []
    for r in canvas.monitoring:
        values = [getattr(r, f) for f in MONITORING_GENERAL] + [r.effective_label, r.status_label]
        values += [monitoring_text(r, f, t) for f in MONITORING_QUICK]
        rows.append(values)
    return Sheet(name, headers, rows)


def tree_sheet(report: Report, canvas: Canvas, name: str) -> Sheet:
    """Every node of a tree, top to bottom: its part, its level (1 a direct cause or effect, 2 the next…),
    marks, scores and the nodes its arrows lead to."""
    t = report.t
    headers = [t("Nodo"), t("Tipo"), t("Nivel"), t("Marcas"), t("Impacto"), t("Factibilidad"), t("Puntaje"),
               t("Conduce a"), t("Grupo")]
    text = {n.id: n.text for n in canvas.notes}
    leads: dict[str, list[str]] = {}
    for x in canvas.links:
        if x.source_id in text and x.target_id in text:
            leads.setdefault(x.source_id, []).append(text[x.target_id])
    order = sorted(canvas.notes, key=lambda n: -canvas.levels.get(n.id, 0))  # stable: the canvas's order per row
    rows = [[n.text, part_label(canvas, side(canvas, n), t), abs(canvas.levels.get(n.id, 0)), ", ".join(n.mark_labels),
             n.impact or "", n.feasibility or "", n.score or "", "\n".join(leads.get(n.id, [])), n.group]
            for n in order]
    return Sheet(name, headers, rows)


def notes_sheet(report: Report, name: str) -> Sheet:
    """Every note with its workshop, canvas, zone, group and block (the raw list of the annex)."""
    t = report.t
    authors = any(n.author for n in report.notes())
    headers = [t("Taller"), t("Lienzo"), t("Zona"), t("Grupo"), t("Bloque"), t("Nota"), t("Tema"), t("Votos"),
               t("Etiquetas")]
    if authors:
        headers.append(t("Autoría"))
    rows = []
    for w in report.workshops:
        for canvas in w.canvases:
            for n in canvas.notes:
                row: list[object] = [w.title, canvas.title or canvas.kind_label, n.zone_label, n.group, n.block,
                                     n.text, n.theme, n.votes, ", ".join(n.tag_labels)]
                if authors:
                    row.append(n.author)
                rows.append(row)
    return Sheet(name, headers, rows)


def agenda_sheet(report: Report, name: str) -> Sheet:
    t = report.t
    headers = [t("Taller"), "#", t("Bloque"), t("Modalidad"), t("Previsto (min)"), t("Realizado (min)"),
               t("Estado")]
    rows = []
    for w in report.workshops:
        state = {b.block_id: b for b in w.run.blocks} if w.run else {}
        for i, b in enumerate(w.blocks, start=1):
            s = state.get(b.id)
            rows.append([w.title, i, b.title, ", ".join(label(INPUT_MODES, m, t) for m in b.modes), b.minutes,
                         round(s.actual, 1) if s and s.state != "pending" else "",
                         label(RUN_STATES, s.state, t) if s else ""])
    return Sheet(name, headers, rows)


def minutes_sheet(report: Report, name: str) -> Sheet:
    t = report.t
    headers = [t("Taller"), t("Bloque"), t("Tipo"), t("Quién"), t("Texto"), t("Hora")]
    rows = [[w.title, m.block, m.kind_label, m.speaker, m.text, m.at] for w in report.workshops for m in w.minutes]
    return Sheet(name, headers, rows)


def commitments_sheet(report: Report, name: str) -> Sheet:
    t = report.t
    headers = [t("Taller"), t("Compromiso"), t("Responsable"), t("Fecha límite"), t("Indicador"), t("Meta"),
               t("Estado")]
    items = [(w.title, c) for w in report.workshops for c in w.commitments] + [("", c) for c in report.commitments]
    rows = [[title, c.what, c.responsible, c.due, c.indicator, c.target, c.status_label] for title, c in items]
    return Sheet(name, headers, rows)


def participation_sheet(report: Report, name: str) -> Sheet:
    """Counts only (never names): by sector, gender, territory and organisation."""
    t = report.t
    p = report.participation
    rows: list[list[object]] = []
    for what, counts in ((t("Sector (tipo de actor)"), p.by_sector), (t("Género"), p.by_gender),
                         (t("Territorio"), p.by_territory), (t("Organización"), p.by_organisation)):
        for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
            rows.append([what, value, n])
    return Sheet(name, [t("Desglose"), t("Valor"), t("Personas")], rows)


def canvas_sheets(report: Report, w: Workshop, canvas: Canvas, title: str) -> list[Sheet]:
    """A canvas's tables: a planning or monitoring matrix's rows, a tree's nodes, any canvas's notes."""
    out = []
    if canvas.kind == "planning_matrix" and canvas.initiatives:
        out.append(planning_sheet(report, canvas, title))
    elif canvas.kind == "monitoring_matrix" and canvas.monitoring:
        out.append(monitoring_sheet(report, canvas, title))
    if canvas.kind == "problem_tree" and canvas.notes:
        out.append(tree_sheet(report, canvas, title))
    elif canvas.notes:
        out.append(canvas_sheet(report, w, canvas, f"{title} · {report.t('notas')}" if out else title))
    return out


def report_sheets(report: Report) -> list[Sheet]:
    """All tables of a report, those with rows only: notes, one per canvas, agenda, minutes…"""
    t = report.t
    sheets = [notes_sheet(report, t("Notas"))]
    several = len(report.workshops) > 1
    for i, w in enumerate(report.workshops, start=1):
        for canvas in w.canvases:
            title = canvas.title or canvas.kind_label
            title = f"T{i} {title}" if several else title
            sheets += canvas_sheets(report, w, canvas, title)
    sheets += [agenda_sheet(report, t("Agenda")), minutes_sheet(report, t("Relatoría")),
               commitments_sheet(report, t("Compromisos")), participation_sheet(report, t("Participación"))]
    if report.synthesis is not None:
        from .synthesis import synthesis_sheets

        sheets = synthesis_sheets(report, Sheet) + sheets
    return [s for s in sheets if s.rows]
