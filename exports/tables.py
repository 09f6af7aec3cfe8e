"""The report's data as plain tables (headers + rows of text/numbers), for XLSX, CSV and DOCX.

One definition of each table, so the spreadsheet, the CSV files and the editable
document show the same columns under the method's names: the zone column of a
planning matrix is «Eje estratégico», of a FODA «Cuadrante» with its factor
(internal/external), and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import INPUT_MODES, RUN_STATES, ZONE_HEADINGS, label
from .model import Canvas, Report, Workshop

FODA_FACTOR = {"fortalezas": "internal", "debilidades": "internal", "oportunidades": "external",
               "amenazas": "external"}


@dataclass
class Sheet:
    name: str  # what the sheet or file is about (unique within a report)
    headers: list[str]
    rows: list[list[object]]
    widths: list[int] | None = None  # characters, a hint for spreadsheets


def canvas_sheet(report: Report, w: Workshop, canvas: Canvas, name: str) -> Sheet:
    t = report.t
    first = label(ZONE_HEADINGS, canvas.kind, t)
    authors = any(n.author for n in canvas.notes)
    if canvas.kind == "foda":
        headers = [first, t("Factor"), t("Nota"), t("Grupo"), t("Tema"), t("Votos"), t("Etiquetas"), t("Bloque")]
    else:
        headers = [first, t("Nota"), t("Grupo"), t("Tema"), t("Votos"), t("Etiquetas"), t("Bloque")]
    if authors:
        headers.append(t("Autoría"))
    order = [z.key for z in canvas.zones]
    notes = sorted(canvas.notes, key=lambda n: order.index(n.zone) if n.zone in order else len(order))
    rows = []
    for n in notes:
        row: list[object] = [n.zone_label]
        if canvas.kind == "foda":
            factor = FODA_FACTOR.get(n.zone)
            row.append(t("Interno") if factor == "internal" else t("Externo") if factor == "external" else "")
        row += [n.text, n.group, n.theme, n.votes, ", ".join(n.tag_labels), n.block]
        if authors:
            row.append(n.author)
        rows.append(row)
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
    headers = [t("Taller"), t("Compromiso"), t("Responsable"), t("Fecha límite"), t("Indicador"), t("Meta"), t("Estado")]
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


def report_sheets(report: Report) -> list[Sheet]:
    """All tables of a report, those with rows only: notes, one per canvas, agenda, minutes…"""
    t = report.t
    sheets = [notes_sheet(report, t("Notas"))]
    several = len(report.workshops) > 1
    for i, w in enumerate(report.workshops, start=1):
        for canvas in w.canvases:
            if canvas.notes:
                title = canvas.title or canvas.kind_label
                sheets.append(canvas_sheet(report, w, canvas, f"T{i} {title}" if several else title))
    sheets += [agenda_sheet(report, t("Agenda")), minutes_sheet(report, t("Relatoría")),
               commitments_sheet(report, t("Compromisos")), participation_sheet(report, t("Participación"))]
    return [s for s in sheets if s.rows]
