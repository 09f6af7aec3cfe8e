"""The page set-up every Word report gets (record or synthesis), applied once it is written.

``finish(doc, report)``: A4 paper in both orientations, the report's language as the
proofing language, "Página X de Y" in the footer, and column widths that follow each
table's text instead of equal slices. ``contents(doc, t)``: a table of contents field
Word fills on opening. Column widths are set on the table XML directly, in one pass
over the cells (linear, as the writers in ``exports.docx``).
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .fonts import visible
from .model import Report

A4 = (Cm(21.0), Cm(29.7))
LANG = {"es": "es-ES", "en": "en-GB"}
_P, _T, _TBL = qn("w:p"), qn("w:t"), qn("w:tbl")


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


def _column_widths(tbl, total: float) -> None:
    """Widths in proportion to each column's text (longest line, capped), each at least its longest word.

    ``tbl`` is the table's ``w:tbl`` element; one pass over its cells (``table.rows[i].cells``
    rebuilds the cell grid on every call: quadratic in a long table).
    """
    grid = tbl.tblGrid.gridCol_lst
    cols = len(grid)
    rows = tbl.tr_lst
    if not rows or not cols:
        return
    longest = [4.0] * cols
    words = [3.0] * cols
    for tr in rows:
        for k, tc in enumerate(tr.tc_lst[:cols]):
            for p in tc.iterchildren(_P):
                text = "".join(x.text or "" for x in p.iter(_T))
                longest[k] = max(longest[k], min(60.0, len(text)))
                words[k] = max(words[k], min(18.0, max((len(w) for w in text.split()), default=0)))
    weights = [max(a, b * 1.2) for a, b in zip(longest, words)]
    scale = total / sum(weights)
    widths = [Cm(w * scale) for w in weights]
    tbl.tblPr.autofit = False  # fixed layout: Word keeps the widths
    for col, width in zip(grid, widths):
        col.w = width
    for tr in rows:
        for tc, width in zip(tr.tc_lst[:cols], widths):
            tc.width = width


def finish(doc, report: Report) -> None:
    """A4, the report's language, page X of Y in the footer and column widths, on a written document."""
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
    par.add_run(visible(" ".join(report.title.split())[:80] + "   ·   "))
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
    for tbl, width in _tables_by_width(doc):
        _column_widths(tbl, width)


def _tables_by_width(doc):
    """Each table with the text width (cm) of the page it sits on."""
    body = doc.element.body
    sections = list(doc.sections)
    widths = []
    for s in sections:
        widths.append((s.page_width - s.left_margin - s.right_margin) / 360000)  # EMU per cm
    # a section's properties sit at the end of its last paragraph: walk the body and count them
    k = 0
    for child in body.iterchildren():
        if child.tag == _TBL:
            yield child, widths[min(k, len(widths) - 1)]
        elif child.tag == _P and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            k += 1


def contents(doc, t) -> None:
    """A table of contents field (headings 1-2); Word fills it in when it updates fields."""
    doc.add_heading(t("Contenido"), level=1)
    par = doc.add_paragraph()
    _field(par, 'TOC \\o "1-2" \\h \\z \\u', t("Actualice este índice en Word (clic derecho › Actualizar campo)."))
    doc.add_page_break()


def update_fields(doc) -> None:
    """Ask Word to update the fields (the contents) when the file opens."""
    settings = doc.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


