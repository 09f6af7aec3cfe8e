"""The Word report built around the synthesis, and the page set-up every Word report gets.

``build_synthesis_docx(report, sections)`` writes the same sections as the PDF
(``exports.sections``), in Word's own headings, lists and tables, with the
charts as pictures (``exports.charts.to_png``: the PDF's very drawings).

``finish(doc, report)`` is applied to every DOCX (record or synthesis): A4 paper
in both orientations, the report's language as the proofing language, "Página X
de Y" in the footer, a table of contents field Word fills on opening, and column
widths that follow each table's text instead of equal slices.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .charts import bars, priority_grid, stacked_votes, to_png
from .docx import _annexes_parts, _canvas, _orient, _para, _table, _text, _workshop  # noqa: F401
from .labels import long_date
from .model import Report
from .sections import LABELS
from .synthesis import Synthesis, Text

A4 = (Cm(21.0), Cm(29.7))
LANG = {"es": "es-ES", "en": "en-GB"}
KIND_ORDER = ("avance", "fortaleza", "oportunidad", "desafio", "leccion", "recomendacion")


# -- page set-up for every Word report -------------------------------------------------------------
def _field(par, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in a paragraph; Word computes it when the document opens."""
    def char(kind: str):
        run = par.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        run._r.append(el)

    char("begin")
    run = par.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    par.add_run(placeholder)
    char("end")


def _language(doc, lang: str) -> None:
    code = LANG.get(lang, lang)
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), code)
    el.set(qn("w:eastAsia"), code)
    el.set(qn("w:bidi"), code)
    rpr.append(el)
    for style in doc.styles:  # python-docx's template marks its own styles en-US
        srpr = style.element.find(qn("w:rPr"))
        if srpr is not None:
            for old in srpr.findall(qn("w:lang")):
                old.set(qn("w:val"), code)
    doc.core_properties.language = code


def _column_widths(table, total: float) -> None:
    """Widths in proportion to each column's text (longest line, capped), each at least its longest word."""
    rows = table.rows
    if not rows:
        return
    cols = len(table.columns)
    longest = [4.0] * cols
    words = [3.0] * cols
    for row in rows:
        for k, cell in enumerate(row.cells[:cols]):
            text = cell.text
            longest[k] = max(longest[k], min(60.0, max((len(line) for line in text.split("\n")), default=0)))
            words[k] = max(words[k], min(18.0, max((len(w) for w in text.split()), default=0)))
    weights = [max(a, b * 1.2) for a, b in zip(longest, words)]
    scale = total / sum(weights)
    table.autofit = False
    for k, column in enumerate(table.columns):
        width = Cm(weights[k] * scale)
        for cell in column.cells:
            cell.width = width


def finish(doc, report: Report) -> None:
    t = report.t
    for section in doc.sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = (A4[1], A4[0]) if landscape else A4
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    par = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    par.text = ""
    par.alignment = 2  # right
    _text(par, report.title[:80] + "   ·   ")
    label = t("Página {n} de {total}", n="\x00", total="\x01")
    before, rest = label.split("\x00")
    middle, after = rest.split("\x01")
    par.add_run(before)
    _field(par, "PAGE", "1")
    par.add_run(middle)
    _field(par, "NUMPAGES", "1")
    par.add_run(after)
    for run in par.runs:
        run.font.size = Pt(8)
    for section in doc.sections[1:]:
        section.footer.is_linked_to_previous = True
    _language(doc, report.lang)
    for section_tables in _tables_by_width(doc):
        table, width = section_tables
        _column_widths(table, width)


def _tables_by_width(doc):
    """Each table with the text width (cm) of the page it sits on."""
    body = doc.element.body
    sections = list(doc.sections)
    widths = []
    for s in sections:
        widths.append((s.page_width - s.left_margin - s.right_margin) / 360000)  # EMU per cm
    # a section's properties sit at the end of its last paragraph: walk the body and count them
    k = 0
    from docx.table import Table

    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            yield Table(child, doc._body), widths[min(k, len(widths) - 1)]
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            k += 1


def contents(doc, t) -> None:
    """A table of contents field (headings 1-2); Word fills it in when it updates fields."""
    doc.add_heading(t("Contenido"), level=1)
    par = doc.add_paragraph()
    _field(par, 'TOC \\o "1-2" \\h \\z \\u', t("Actualice este índice en Word (clic derecho › Actualizar campo)."))
    doc.add_page_break()


def _updatefields(doc) -> None:
    """Ask Word to update the fields (the contents) when the file opens."""
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


# -- the synthesised report --------------------------------------------------------------------------
def _chart(doc, drawing, caption: str, width_cm: float = 16.0) -> None:
    if drawing is None:
        return
    doc.add_picture(io.BytesIO(to_png(drawing)), width=Cm(min(width_cm, drawing.width / 28.35)))
    _para(doc, caption, "Caption")


def _texts(doc, t, items: list[Text], style: str | None = None) -> None:
    for item in items:
        for para in [p for p in item.body.split("\n\n") if p.strip()]:
            _para(doc, para.strip(), style)
        if item.findings:
            par = _para(doc, "; ".join(item.findings), label_text=t("Se apoya en:"))
            for run in par.runs:
                run.font.size = Pt(8)


def _cover(doc, report: Report) -> None:
    t = report.t
    doc.add_heading(report.title, level=0)
    _para(doc, t("Sistematización del proceso participativo"))
    dates = sorted({w.date for w in report.workshops if w.date})
    if dates:
        when = long_date(dates[0], t) if len(dates) == 1 else t("del {first} al {last}", first=long_date(dates[0], t),
                                                                 last=long_date(dates[-1], t))
        _para(doc, when, label_text=t("Fecha:"))
    for lab, value in ((t("Lugar:"), report.place), (t("Organiza:"), report.organisers)):
        if value:
            _para(doc, value, label_text=lab)
    _para(doc, t("Informe anónimo: no se nombra a ninguna persona; cada aporte se identifica solo por su sector o "
                 "su grupo.") if report.anonymous else
          t("Este informe nombra solo a las personas que autorizaron publicar su nombre; las demás se identifican "
            "por su sector o su grupo."))
    doc.add_page_break()


def _findings(doc, report: Report, s: Synthesis) -> None:
    from .pdf.synthesis import counts_line, grouping

    t = report.t

    class _C:  # what counts_line and grouping need of the PDF's context
        pass

    c = _C()
    c.t = t
    doc.add_heading(t(LABELS["findings"]), level=1)
    dims = Counter(label for f in s.findings for label in f.dimension_labels)
    _chart(doc, bars(sorted(dims.items(), key=lambda kv: (-kv[1], kv[0])), 453),
           t("Hallazgos por dimensión de la política (un hallazgo puede tocar varias)."))
    themes: dict[str, Counter] = defaultdict(Counter)
    for n in report.notes():
        if n.theme and n.votes:
            themes[n.theme][n.group or t("Sin grupo")] += n.votes
    ranked = sorted(themes.items(), key=lambda kv: -sum(kv[1].values()))[:12]
    _chart(doc, stacked_votes(ranked, 453), t("Votos por tema del papelógrafo, por grupo."))
    for title, items in grouping(c, s):
        doc.add_heading(title, level=2)
        for f in items:
            head = doc.add_heading(level=3)
            _text(head, f"{f.kind_label}: {f.statement}")
            meta = counts_line(c, f)
            if f.dimension_labels:
                meta = " · ".join(x for x in (meta, ", ".join(f.dimension_labels)) if x)
            if meta:
                par = _para(doc, meta)
                for run in par.runs:
                    run.font.size = Pt(8.5)
            if f.sectors:
                _para(doc, ", ".join(f.sectors), label_text=t("Sectores:"))
            for q in f.quotes:
                par = _para(doc, t("«{text}»", text=q.text) + (f" — {q.attribution}" if q.attribution else ""),
                            "Quote")


def _numbers(doc, report: Report) -> None:
    from .pdf.synthesis import participation_charts

    t = report.t
    p = report.participation
    if not p.total:
        return

    class _C:
        pass

    c = _C()
    c.t, c.width = t, 453
    doc.add_heading(t(LABELS["numbers"]), level=1)
    facts = [(len(report.workshops), t("talleres") if len(report.workshops) != 1 else t("taller")),
             (p.total, t("personas participantes") if p.basis == "present" else t("personas registradas")),
             (len(p.by_organisation), t("organizaciones")), (len(p.by_sector), t("sectores"))]
    _para(doc, " · ".join(f"{n} {label}" for n, label in facts))
    _chart(doc, participation_charts(c, report), t("Participación por sector y por género, en porcentaje del total "
                                                   "de personas ({n}).", n=p.total))
    if len(report.workshops) > 1:
        _table(doc, [t("Taller"), t("Fecha"), t("Personas"), t("Grupos"), t("Notas")],
               [[w.title, long_date(w.date, t) if w.date else "", w.participation.total, len(w.groups),
                 len(w.notes())] for w in report.workshops])


def _method(doc, report: Report, key: str) -> None:
    from .pdf.synthesis import METHOD_KINDS

    t = report.t
    parts = [(w, cv) for w in report.workshops for cv in w.canvases if cv.kind in METHOD_KINDS[key]
             and (cv.notes or cv.initiatives or cv.monitoring)]
    if not parts:
        return
    wide = key in ("planning", "monitoring")
    _orient(doc, wide)
    doc.add_heading(t(LABELS[key]), level=1)
    for w, canvas in parts:
        title = canvas.title or canvas.kind_label
        several = len({wk.id for wk, _cv in parts}) > 1
        doc.add_heading(f"{title} — {w.title}" if several else title, level=2)
        every = list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
        _canvas(doc, report, w, canvas, every)
        if canvas.kind == "problem_tree" and canvas.variant != "objectives":
            nodes = [n for n in canvas.notes if n.impact and n.feasibility and canvas.levels.get(n.id, 0) != 0]
            nodes.sort(key=lambda n: (-(n.score or 0), n.text.casefold()))
            grid = priority_grid([(str(k), n.impact, n.feasibility, canvas.levels.get(n.id, 0) < 0)
                                  for k, n in enumerate(nodes, start=1)], 250, x_label=t("Factibilidad"),
                                 y_label=t("Impacto"), high_label=t("Primero"))
            _chart(doc, grid, t("Prioridad de causas (azul) y efectos (naranja): impacto × factibilidad, de 1 a 5.")
                   + " " + "; ".join(f"{k}. {n.text}" for k, n in enumerate(nodes, start=1)), 9)
        if canvas.kind == "monitoring_matrix" and canvas.monitoring:
            status = Counter(row.effective_label for row in canvas.monitoring)
            _chart(doc, bars(sorted(status.items(), key=lambda kv: -kv[1]), 320),
                   t("Estado de las iniciativas en seguimiento."), 11)
    if wide:
        _orient(doc, False)


def build_synthesis_docx(report: Report, sections: tuple[str, ...]):
    from docx import Document

    t = report.t
    s: Synthesis = report.synthesis or Synthesis.blank(t)
    doc = Document()
    doc._report_t = t  # tables write ISO dates as the prose does
    doc.core_properties.title = report.title
    doc.core_properties.author = report.organisers[:255]
    _cover(doc, report)
    contents(doc, t)
    _updatefields(doc)
    if "summary" in sections and s.summary:
        doc.add_heading(t(LABELS["summary"]), level=1)
        _texts(doc, t, s.summary)
    if "method" in sections and (report.description.strip() or any(w.objectives for w in report.workshops)):
        doc.add_heading(t("Objetivos y metodología"), level=1)
        if report.description.strip():
            _para(doc, report.description)
        for w in report.workshops:
            if w.objectives.strip():
                _para(doc, w.objectives, label_text=f"{w.title}:")
    if "numbers" in sections:
        _numbers(doc, report)
    if "figures" in sections and s.figures:
        doc.add_heading(t(LABELS["figures"]), level=1)
        _table(doc, [t("Cifra"), t("Valor"), t("Fuente"), t("Año")],
               [[f["figure"], f["value"], f["source"], f["year"]] for f in s.figures])
    if "findings" in sections and s.findings:
        _findings(doc, report, s)
    for key in ("foda", "trees", "planning", "monitoring"):
        if key in sections:
            _method(doc, report, key)
    if "conclusions" in sections and (s.conclusions or s.recommendations):
        doc.add_heading(t(LABELS["conclusions"]), level=1)
        if s.conclusions:
            doc.add_heading(t("Conclusiones"), level=2)
            _texts(doc, t, s.conclusions)
        if s.recommendations:
            doc.add_heading(t("Recomendaciones"), level=2)
            _texts(doc, t, s.recommendations, "List Number")
    annexes: list[tuple[str, object]] = []
    if "workshops" in sections and report.workshops:
        annexes.append((t(LABELS["workshops"]), lambda: [_workshop(doc, report, w, True, level_shift=1)
                                                         for w in report.workshops]))
    parts = _annexes_parts(doc, report)
    if "participants" in sections and "participants" in parts:
        annexes.append((t(LABELS["participants"]), parts["participants"]))
    if "actors" in sections and s.actors:
        annexes.append((t(LABELS["actors"]), lambda: _table(
            doc, [t("Organización"), t("Categoría de actor"), t("Rol"), t("Relación con la política")],
            [[a["organisation"], a["category"], a["role"], a["relation"]] for a in
             sorted(s.actors, key=lambda a: (a["category"].casefold(), a["organisation"].casefold()))])))
    if "initiatives" in sections and s.initiatives:
        annexes.append((t(LABELS["initiatives"]), lambda: _table(
            doc, [t("Iniciativa"), t("Responsable"), t("Estado"), t("Población atendida")],
            [[i["name"], i["responsible"], i["status"], i["population"]] for i in s.initiatives])))
    if "photos" in sections and "photos" in parts:
        annexes.append((t(LABELS["photos"]), parts["photos"]))
    if "notes" in sections and "notes" in parts:
        annexes.append((t(LABELS["notes"]), parts["notes"]))
    if annexes:
        doc.add_page_break()
        doc.add_heading(t("Anexos"), level=1)
        for k, (title, write) in enumerate(annexes):
            doc.add_heading(f"{t('Anexo')} {'ABCDEFGHIJ'[k]}. {title}", level=2)
            write()
            _orient(doc, False)
    return doc
