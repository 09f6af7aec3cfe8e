"""An editable Word document of the report (python-docx), for teams who rewrite it into policy.

Same content and order as the PDF (the same ``Report``, already anonymised), in
Word's own headings, lists and tables so it restyles cleanly. Text is set as
runs of plain text: nothing in a note is interpreted; line breaks become breaks.
"""

from __future__ import annotations

import io
import os
from copy import deepcopy

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from facilitator.foda import EXTERNAL, INTERNAL, NEGATIVE, POSITIVE, QUADRANT_KEYS, STRATEGIES, STRATEGY_KEYS

from .atomic import atomic_path
from .charts import to_png
from .docx_page import contents, finish
from .fonts import LINE_BREAKS, visible
from .labels import INPUT_MODES, MONITORING_GENERAL, PLANNING_COLUMNS, label, long_date, shared_theme_line, table_date
from .methods import details
from .model import Canvas, Report, Workshop
from .pdf.canvases import is_landscape, patterns
from .privacy import generalised_note
from .pdf.photos import shrink
from .pdf.workshop import plan_results
from .tables import canvas_sheet, monitoring_sheet, planning_sheet
from .tree_drawing import fits, tree_drawing
from .trees import outline, part_label, priorities, scores


# python-docx scans a paragraph's earlier siblings on every ``add_paragraph`` (for the section
# properties it must stay before) and rebuilds a table's cell grid on every ``row.cells``:
# both quadratic in a long report. The helpers below write the same XML directly, in
# linear time, and hand back python-docx objects where callers go on with them.
_SECT_PR = qn("w:sectPr")
_VAL = qn("w:val")
_SPACE = qn("xml:space")
_STYLE_IDS: dict[str, str] = {}  # every document starts from python-docx's default template


def _style_id(doc, name: str) -> str:
    if name not in _STYLE_IDS:
        _STYLE_IDS[name] = doc.styles[name].style_id
    return _STYLE_IDS[name]


def _append(doc, element) -> None:
    """Add a block (paragraph, table) at the end of the body, before its section properties."""
    body = doc.element.body
    try:
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(element)
    else:
        body.append(element)


def _new_para(doc, style: str | None = None) -> Paragraph:
    p = OxmlElement("w:p")
    if style:
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {_VAL: _style_id(doc, style)}))
        p.append(ppr)
    _append(doc, p)
    return Paragraph(p, doc._body)


def _cell_para(doc, cell, style: str | None = None) -> Paragraph:
    """``cell.add_paragraph`` in constant time (a FODA quadrant may hold thousands of notes)."""
    p = OxmlElement("w:p")
    if style:
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {_VAL: _style_id(doc, style)}))
        p.append(ppr)
    cell._tc.append(p)
    return Paragraph(p, cell)


def _heading(doc, text: str, level: int) -> Paragraph:
    """``doc.add_heading`` in linear time (the same styles: Title, Heading 1…9)."""
    par = _new_para(doc, "Title" if level == 0 else f"Heading {level}")
    _runs(par._p, text, bold=None)
    return par


def _runs(p, text: str, bold: bool | None = False, size: float | None = None) -> None:
    """Add ``text`` to the paragraph element ``p`` as plain runs, a break for each typed line break.

    ``bold``: True or False set on each run, None leaves it to the paragraph's style (headings).
    """
    lines = LINE_BREAKS.split(visible(text or ""))
    for i, line in enumerate(lines):
        r = OxmlElement("w:r")
        if bold is not None or size:
            rpr = OxmlElement("w:rPr")
            if bold is not None:  # as ``run.bold = bold``
                rpr.append(OxmlElement("w:b") if bold else OxmlElement("w:b", {_VAL: "0"}))
            if size:
                rpr.append(OxmlElement("w:sz", {_VAL: str(round(size * 2))}))
            r.append(rpr)
        for k, part in enumerate(line.split("\t")):
            if k:
                r.append(OxmlElement("w:tab"))
            if part:
                t = OxmlElement("w:t")
                t.text = part
                if part[0].isspace() or part[-1].isspace():
                    t.set(_SPACE, "preserve")
                r.append(t)
        if i < len(lines) - 1:
            r.append(OxmlElement("w:br"))
        p.append(r)


def _text(par, text: str, bold: bool = False) -> None:
    """Add ``text`` to a paragraph as plain runs, with a line break for each typed one."""
    _runs(par._p, text, bold)


def _para(doc, text: str, style: str | None = None, label_text: str | None = None):
    par = _new_para(doc, style)
    if label_text:
        _runs(par._p, label_text + " ", bold=True)
    _runs(par._p, text)
    return par


def _table(doc, headers: list[str], rows: list[list[object]], size: float | None = None):
    """A ruled table with a bold header row that Word repeats on every page (``size``: points, for wide ones)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    head = table.rows[0]
    _repeat_header(head)
    cells = head._tr.tc_lst
    for tc, text in zip(cells, headers):
        _runs(tc.p_lst[0], text, bold=True, size=size)
    widths = [tc.tcPr for tc in cells]
    tbl = table._tbl
    dates = getattr(doc, "_report_t", None)  # tables write ISO dates as the prose does
    for row in rows:
        tr = OxmlElement("w:tr")
        for tc_pr, value in zip(widths, row):
            tc = OxmlElement("w:tc")
            tc.append(deepcopy(tc_pr))
            p = OxmlElement("w:p")
            if dates is not None:
                value = table_date(value, dates)
            _runs(p, "" if value is None else str(value), size=size)
            tc.append(p)
            tr.append(tc)
        tbl.append(tr)
    _new_para(doc)
    return table


def _repeat_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _board(doc, report: Report, w: Workshop, canvas: Canvas, zones: list[str]) -> None:
    t = report.t
    for key in zones:
        notes = canvas.zone_notes(key)
        if not notes:
            continue
        if len(canvas.zones) > 1:
            _heading(doc, canvas.zone_label(key) or t("Sin zona"), level=4)
        shared = patterns(notes)
        if shared:
            _para(doc, t("Patrones comunes a los grupos"), label_text=None).runs[0].bold = True
            for theme, groups, count, votes in shared:
                _para(doc, shared_theme_line(t, theme, groups, count, votes), "List Bullet")
        by_group: dict[str | None, list] = {}
        for n in notes:
            by_group.setdefault(n.group_id, []).append(n)
        for gid, lane in by_group.items():
            _para(doc, lane[0].group or t("Plenario / sin grupo")).runs[0].bold = True
            for n in sorted(lane, key=lambda n: (n.theme or "~", -n.votes)):
                votes = t.ngettext("{n} voto", "{n} votos", n.votes) if n.votes else ""
                bits = [x for x in (n.theme, votes, *n.tag_labels, n.author) if x]
                par = _para(doc, n.text, "List Bullet")
                if bits:
                    run = par.add_run(visible("  (" + " · ".join(bits) + ")"))
                    run.font.size = Pt(8)


def _orient(doc, landscape: bool) -> None:
    """Continue on landscape (wide matrices) or portrait pages, starting a section only on a change."""
    current = doc.sections[-1]
    if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = section.page_height, section.page_width


def _aside(par, bits: list[str]) -> None:
    if bits:
        run = par.add_run(visible("  (" + " · ".join(bits) + ")"))
        run.font.size = Pt(8)


def _two_by_two(doc, canvas: Canvas, rows: list[tuple[str, str, str]], subtitles: dict[str, str]) -> None:
    """A 3x3 grid: column heads, then a row label and two zones of notes (each with its group) per row."""
    grid = doc.add_table(rows=3, cols=3)
    grid.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = grid.rows[r].cells[c]
            if r and c:
                _text(cell.paragraphs[0], canvas.zone_label(value), bold=True)
                if subtitles.get(value):
                    _text(_cell_para(doc, cell), subtitles[value])
                for n in sorted(canvas.zone_notes(value), key=lambda n: -n.votes):
                    par = _cell_para(doc, cell, "List Bullet")
                    _text(par, n.text)
                    _aside(par, [n.group] if n.group else [])
            else:
                _text(cell.paragraphs[0], value, bold=True)
    _new_para(doc)


def _foda(doc, report: Report, canvas: Canvas) -> None:
    t = report.t
    _two_by_two(doc, canvas, [("", t(POSITIVE), t(NEGATIVE)), (t(INTERNAL), "fortalezas", "debilidades"),
                              (t(EXTERNAL), "oportunidades", "amenazas")], {})
    if any(canvas.zone_notes(k) for k in STRATEGY_KEYS):
        _heading(doc, t("Estrategias cruzadas"), level=4)
        _two_by_two(doc, canvas, [("", canvas.zone_label("oportunidades"), canvas.zone_label("amenazas")),
                                  (canvas.zone_label("fortalezas"), "fo", "fa"),
                                  (canvas.zone_label("debilidades"), "do", "da")],
                    {s.key: t(s.explanation) for s in STRATEGIES})


def _chart(doc, drawing, caption: str | None, width_cm: float = 16.0) -> None:
    """A drawing as a picture at most ``width_cm`` wide (never enlarged), then its caption."""
    if drawing is None:
        return
    doc.add_picture(io.BytesIO(to_png(drawing)), width=Cm(min(width_cm, drawing.width / 28.35)))
    if caption:
        _para(doc, caption, "Caption")


def _tree(doc, report: Report, canvas: Canvas) -> None:
    """The tree as a diagram when it stays readable on the page, then as indented lists (a cause under
    what it causes: the text for screen readers and copying), then its priorities."""
    t = report.t
    drawing = tree_drawing(canvas, t)
    section = doc.sections[-1]
    room_w = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU to points
    room_h = (section.page_height - section.top_margin - section.bottom_margin) / 12700 - 72  # its heading
    if drawing is not None and fits(drawing, room_w, room_h):
        scale = min(1.0, room_w / drawing.width, room_h / drawing.height)
        _chart(doc, drawing, None, drawing.width * scale / 28.35)
    for title, rows in outline(canvas, t):
        _para(doc, title).runs[0].bold = True
        for depth, n in rows:
            par = _para(doc, n.text, "List Bullet")
            par.paragraph_format.left_indent = Cm(0.63 * (1 + min(depth, 12)))
            _aside(par, [*n.mark_labels, *scores(n, t)] + ([n.group] if n.group else []))
    for which in (-1, 1):
        ranked = priorities(canvas, which)
        if ranked:
            part = part_label(canvas, which, t)
            _heading(doc, t("Prioridades: {part}", part=part), level=4)
            scored = any(n.impact or n.feasibility for n in ranked)
            _table(doc, ["#", part, t("Marcas")] + ([t("Impacto"), t("Factibilidad"), t("Puntaje")] if scored else []),
                   [[k, n.text, ", ".join(n.mark_labels)] + ([n.impact or "", n.feasibility or "", n.score or ""]
                                                             if scored else [])
                    for k, n in enumerate(ranked, start=1)])


def _planning(doc, report: Report, canvas: Canvas) -> None:
    t = report.t
    sheet = planning_sheet(report, canvas, canvas.title)
    wide = len(PLANNING_COLUMNS)
    _table(doc, sheet.headers[:wide], [row[:wide] for row in sheet.rows], size=8)
    for _key, _axis, items in canvas.axes():
        for i in items:
            if not i.has_details():
                continue
            # a heading: it shows in Word's navigation and keeps with its details
            par = _heading(doc, i.name or t("(sin nombre)"), level=4)
            _aside(par, [x for x in (i.axis_label, i.group) if x])
            for name, text in details(i, t):
                _para(doc, text, "List Bullet", name)


def _monitoring(doc, report: Report, canvas: Canvas) -> None:
    t = report.t
    sheet = monitoring_sheet(report, canvas, canvas.title)
    general = len(MONITORING_GENERAL) + 1  # and the (effective) status
    _table(doc, sheet.headers[:general], [row[:general] for row in sheet.rows], size=8)
    quick = [r for r in canvas.monitoring if r.quick()]
    if quick:
        _heading(doc, t("Evaluación rápida"), level=4)
        first = general + 1  # after the recorded status
        keep = {r.id for r in quick}
        _table(doc, sheet.headers[:1] + sheet.headers[first:],
               [row[:1] + row[first:] for r, row in zip(canvas.monitoring, sheet.rows) if r.id in keep], size=8)


def _canvas(doc, report: Report, w: Workshop, canvas: Canvas, zones: list[str]) -> None:
    if canvas.kind == "board":
        _board(doc, report, w, canvas, zones)
        return
    shown: set[str] = set()  # zones whose notes were shown by the kind's own layout
    if canvas.kind == "foda":
        _foda(doc, report, canvas)
        shown = set(QUADRANT_KEYS) | set(STRATEGY_KEYS)
    elif canvas.kind == "problem_tree":
        _tree(doc, report, canvas)
        shown = {n.zone for n in canvas.notes}
    elif canvas.kind == "planning_matrix" and canvas.initiatives:
        _planning(doc, report, canvas)
    elif canvas.kind == "monitoring_matrix" and canvas.monitoring:
        _monitoring(doc, report, canvas)
    if any(n.zone not in shown for n in canvas.notes):
        sheet = canvas_sheet(report, w, canvas, canvas.title)
        _table(doc, sheet.headers, sheet.rows)


def _workshop(doc, report: Report, w: Workshop, several: bool, level_shift: int = 0) -> None:
    """The workshop's record; ``level_shift`` 1 places it inside the annexes of the synthesised report."""
    t = report.t
    level = (2 if several else 1) + level_shift
    if several:
        _heading(doc, w.title, level=1 + level_shift)
    if w.blocks:
        _heading(doc, t("Agenda prevista y realizada") if w.run else t("Agenda prevista"), level=level)
        state = {b.block_id: b for b in w.run.blocks} if w.run else {}
        rows = []
        for i, b in enumerate(w.blocks, start=1):
            s = state.get(b.id)
            rows.append([i, b.title, ", ".join(label(INPUT_MODES, m, t) for m in b.modes), b.minutes]
                        + ([f"{s.actual:.0f}" if s else ""] if w.run else []))
        heads = ["#", t("Bloque"), t("Modalidad"), t("Previsto (min)")] + ([t("Realizado (min)")] if w.run else [])
        _table(doc, heads, rows)
    plan, leftovers = plan_results(w)
    if plan or leftovers:
        _heading(doc, t("Resultados del taller"), level=level)
    for b, parts, entries in plan:
        _orient(doc, any(is_landscape(cv.kind) for cv, _z in parts))  # wide matrices on landscape pages
        _heading(doc, b.title, level=level + 1)
        for canvas, zones in parts:
            _canvas(doc, report, w, canvas, zones)
        for m in entries:
            _para(doc, m.text, "List Bullet", f"{m.kind_label}{' — ' + m.speaker if m.speaker else ''}:")
    for canvas, zones in leftovers:
        _orient(doc, is_landscape(canvas.kind))
        _heading(doc, canvas.title or canvas.kind_label, level=level + 1)
        _canvas(doc, report, w, canvas, zones)
    _orient(doc, False)
    loose = [m for m in w.minutes if m.block_id not in {b.id for b in w.blocks}]
    if loose:
        _heading(doc, t("Relatoría general"), level=level)
        for m in loose:
            _para(doc, m.text, "List Bullet", f"{m.kind_label}{' — ' + m.speaker if m.speaker else ''}:")
    if w.commitments:
        _heading(doc, t("Compromisos"), level=level)
        _table(doc, [t("Compromiso"), t("Responsable"), t("Fecha límite"), t("Indicador"), t("Meta"), t("Estado")],
               [[c.what, c.responsible, c.due, c.indicator, c.target, c.status_label] for c in w.commitments])
    if w.validations:
        _heading(doc, t("Rondas de validación"), level=level)
        _table(doc, [t("Propuesta"), t("Actor o grupo"), t("Recepción"), t("Razones")],
               [[v.proposal, v.stakeholder, v.reception_label, v.reasons] for v in w.validations])


def build_docx(report: Report):
    t = report.t
    doc = Document()
    doc._report_t = t  # tables write ISO dates as the prose does
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    doc.core_properties.title = visible(report.title)
    doc.core_properties.author = visible(report.organisers[:255])
    _heading(doc, report.title, level=0)
    for lab, value in ((t("Lugar:"), report.place), (t("Organiza:"), report.organisers)):
        if value:
            _para(doc, value, label_text=lab)
    dates = [long_date(d, t) for d in sorted({w.date for w in report.workshops if w.date})]
    if dates:
        _para(doc, ", ".join(dates), label_text=t("Fecha:"))
    if report.publish_url:
        _para(doc, report.publish_url, label_text=t("Anexos y materiales del proceso:"))
    _para(doc, t("Informe anónimo: no se nombra a ninguna persona; cada aporte se identifica solo por su sector o "
                 "su grupo.") if report.anonymous else
          t("Este informe nombra solo a las personas que autorizaron publicar su nombre; las demás se identifican "
            "por su sector o su grupo."))
    contents(doc, t)
    if report.description.strip() or any(w.objectives for w in report.workshops):
        _heading(doc, t("Objetivos y metodología"), level=1)
        if report.description.strip():
            _para(doc, report.description)
        for w in report.workshops:
            if w.objectives.strip():
                _para(doc, w.objectives, label_text=f"{w.title}:" if len(report.workshops) > 1 else t("Objetivos:"))
    p = report.participation
    if p.total:
        _heading(doc, t("Participación en números"), level=1)
        _para(doc, str(p.total), label_text=t("personas participantes") + ":" if p.basis == "present"
              else t("personas registradas") + ":")
        for title, counts in ((t("Sector (tipo de actor)"), p.by_sector), (t("Género"), p.by_gender),
                              (t("Territorio"), p.by_territory)):
            _table(doc, [title, t("Personas")], [[k, v] for k, v in sorted(counts.items(), key=lambda kv: -kv[1])])
    several = len(report.workshops) > 1
    for w in report.workshops:
        _workshop(doc, report, w, several)
    if report.commitments:
        _heading(doc, t("Compromisos del proceso"), level=1)
        _table(doc, [t("Compromiso"), t("Responsable"), t("Fecha límite"), t("Indicador"), t("Meta"), t("Estado")],
               [[c.what, c.responsible, c.due, c.indicator, c.target, c.status_label] for c in report.commitments])
    _annexes(doc, report)
    return doc


def _annexes_parts(doc, report: Report) -> dict:
    """The annexes with content, each a function writing its body (without its heading)."""
    t = report.t
    p = report.participation
    photos = [(w, ph) for w in report.workshops for ph in w.photos]
    notes = report.notes()
    parts = {}

    def participants() -> None:
        rows = [[sector, org, n] for sector, orgs in p.sector_organisations.items() for org, n in orgs.items()]
        _table(doc, [t("Sector (tipo de actor)"), t("Organización"), t("Personas")], rows)
        if p.min_group > 1:
            _para(doc, generalised_note(t, p.min_group))
        named = [x for x in report.people if x.name]
        if not report.anonymous and named:  # names alone: see exports.privacy
            _para(doc, ", ".join(x.name for x in sorted(named, key=lambda x: x.name.casefold())) + ".",
                  label_text=t("Personas que autorizaron publicar su nombre") + ":")

    def pictures() -> None:
        for w, ph in photos:
            found = shrink(ph.data, 1400)
            if found is None:
                continue
            doc.add_picture(io.BytesIO(found[0]), width=Cm(15))
            _para(doc, " · ".join(x for x in (ph.block, ph.group, ph.caption) if x), "Caption")

    def every_note() -> None:
        _orient(doc, True)
        _table(doc, [t("Taller"), t("Nota"), t("Zona"), t("Grupo"), t("Bloque"), t("Votos")],
               [[w.title, n.text, n.zone_label, n.group, n.block, n.votes] for w in report.workshops
                for n in w.notes()])

    if p.total:
        parts["participants"] = participants
    if photos:
        parts["photos"] = pictures
    if notes:
        parts["notes"] = every_note
    return parts


def _annexes(doc, report: Report) -> None:
    t = report.t
    parts = _annexes_parts(doc, report)
    if not parts:
        return
    _heading(doc, t("Anexos"), level=1)
    for key, title in (("participants", t("Participantes por organización y sector")),
                       ("photos", t("Fotos de los papelógrafos")), ("notes", t("Lista completa de notas"))):
        if key in parts:
            if key == "notes":
                _orient(doc, True)
            _heading(doc, title, level=2)
            parts[key]()


def write_docx(report: Report, path: str | os.PathLike[str]) -> None:
    """The record, workshop by workshop, on A4 in the report's language (the synthesis: exports.docx_synthesis)."""
    doc = build_docx(report)
    finish(doc, report)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
