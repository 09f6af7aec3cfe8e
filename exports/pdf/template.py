"""Page layout: cover, portrait and landscape pages, page numbers, bookmarks and contents.

Headings are ``Heading`` paragraphs; when one is placed on a page the document
records a PDF bookmark (the reader's outline) and its page for the contents.

The contents are laid out in one pass, not reportlab's usual two: every heading
is known before layout, so ``Contents`` knows its own height in advance and
draws itself through PDF form objects that are filled in with the page numbers
once the whole document has been laid out (``ReportDoc.finish``). For a report
of 150 pages this halves the time.
"""

from __future__ import annotations

from typing import Callable

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from ..fonts import SANS, markup
from .styles import MUTED, RULE

MARGIN = 2 * cm
FOOTER_SIZE = 7.5


class Heading(Paragraph):
    """A heading that becomes a bookmark (and a contents entry when ``toc`` is set)."""

    def __init__(self, text: str, style, level: int, *, toc: bool = True, outline: str | None = None) -> None:
        super().__init__(markup(text), style)
        self.level = level
        self.toc = toc
        self.outline = outline if outline is not None else text
        self.toc_index: int | None = None


NUMBER_W = 36  # points kept on the right of a contents line for its page number


class Contents(Flowable):
    """The contents list; its page numbers are drawn after layout through form objects."""

    def __init__(self, headings: list[Heading], styles, part: int = 0, entries=None) -> None:
        super().__init__()
        self.styles = styles
        self.part = part
        if entries is None:
            entries = []
            for i, h in enumerate(headings):
                h.toc_index = i
                entries.append((i, h.level, Paragraph(markup(h.outline), styles[min(h.level, len(styles) - 1)])))
        self.entries = entries
        self.heights: list[float] = []
        self.width = 0.0

    @property
    def form(self) -> str:
        return f"contents{self.part}"

    def _measure(self, width: float) -> list[float]:
        heights = []
        for _i, _level, para in self.entries:
            _w, h = para.wrap(width - NUMBER_W, 10_000)
            heights.append(h + para.style.spaceBefore)
        return heights

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.heights = self._measure(availWidth)
        return availWidth, sum(self.heights)

    def split(self, availWidth, availHeight):
        heights = self._measure(availWidth)
        used, k = 0.0, 0
        while k < len(heights) and used + heights[k] <= availHeight:
            used += heights[k]
            k += 1
        if k == 0 or k == len(heights):
            return [] if k == 0 else [self]
        return [Contents([], self.styles, self.part * 2 + 1, self.entries[:k]),
                Contents([], self.styles, self.part * 2 + 2, self.entries[k:])]

    def drawOn(self, canvas, x, y, _sW=0):
        self.origin = (x, y)  # the form is drawn in page coordinates, like the text around it
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(-self.origin[0], -self.origin[1])
        self.canv.doForm(self.form)
        self.canv.restoreState()
        doc = getattr(self.canv, "_report_doc", None)
        if doc is not None:
            doc.contents_parts.append(self)

    def fill(self, canv, pages: dict[int, int]) -> None:
        """Draw the entries with their page numbers into this part's form."""
        canv.beginForm(self.form)
        x0, y = self.origin[0], self.origin[1] + sum(self.heights)
        for (index, _level, para), height in zip(self.entries, self.heights):
            y -= height
            para.drawOn(canv, x0, y)
            number = str(pages.get(index, ""))
            canv.setFont(para.style.fontName, para.style.fontSize)
            canv.setFillColor(para.style.textColor)
            canv.drawRightString(x0 + self.width, y + para.height - para.style.fontSize, number)  # first baseline
        canv.endForm()


def fit(text: str, width: float, size: float = FOOTER_SIZE) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points on one line."""
    text = " ".join(text.split())
    if stringWidth(text, SANS, size) <= width:
        return text
    while text and stringWidth(text + "…", SANS, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class ReportDoc(BaseDocTemplate):
    def __init__(self, filename, *, footer_title: str, page_label: Callable[[int, int | str], str], progress=None,
                 **kw) -> None:
        """``page_label(n, total)`` says «Página n de total»; the total is written in once the layout is done."""
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, **kw)
        self.footer_title = footer_title
        self.page_label = page_label
        self.progress = progress
        self._keys = 0
        self.contents_parts: list[Contents] = []
        self.page_labels: list[tuple[str, int, float]] = []  # form name, page, right edge
        self.heading_pages: dict[int, int] = {}
        self._doSave = 0  # ``finish`` fills the contents' forms, then saves
        portrait = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="portrait",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        lw, lh = landscape(A4)
        wide = Frame(MARGIN, MARGIN, lw - 2 * MARGIN, lh - 2 * MARGIN, id="landscape",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover], pagesize=A4),
            PageTemplate("portrait", [portrait], onPage=self._footer, pagesize=A4),
            PageTemplate("landscape", [wide], onPage=self._footer, pagesize=landscape(A4)),
        ])

    @property
    def frame_width(self) -> float:
        return A4[0] - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return A4[1] - 2 * MARGIN

    def _footer(self, canv, doc) -> None:
        width, _height = canv._pagesize
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, MARGIN - 0.45 * cm, width - MARGIN, MARGIN - 0.45 * cm)
        # the label goes in a form filled by ``finish``, when the number of pages is known
        label_w = stringWidth(self.page_label(doc.page, 999), SANS, FOOTER_SIZE)
        form = f"pagelabel{doc.page}"
        self.page_labels.append((form, doc.page, width - MARGIN))
        canv.doForm(form)
        canv.setFont(SANS, FOOTER_SIZE)
        canv.setFillColor(MUTED)
        title = Paragraph(markup(fit(self.footer_title, width - 2 * MARGIN - label_w - 1 * cm)), _FOOTER_STYLE)
        title.wrapOn(canv, width - 2 * MARGIN - label_w - 0.5 * cm, 20)
        title.drawOn(canv, MARGIN, MARGIN - 0.85 * cm - 1.5)
        canv.restoreState()

    def beforeDocument(self) -> None:
        self._keys = 0
        self.page_labels = []
        self.canv._report_doc = self

    def finish(self) -> None:
        """After ``build``: put the page numbers in the contents and write the file."""
        for part in self.contents_parts:
            part.fill(self.canv, self.heading_pages)
        total = max((page for _f, page, _x in self.page_labels), default=0)
        for form, page, right in self.page_labels:
            self.canv.beginForm(form)
            self.canv.setFont(SANS, FOOTER_SIZE)
            self.canv.setFillColor(MUTED)
            self.canv.drawRightString(right, MARGIN - 0.85 * cm, self.page_label(page, total))
            self.canv.endForm()
        self.canv.save()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self._keys += 1
            key = f"h{self._keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline, key, flowable.level, closed=flowable.level >= 1)
            if flowable.toc_index is not None:
                self.heading_pages[flowable.toc_index] = self.page
        if self.progress is not None:
            self.progress()


def _footer_style():
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("footer", fontName=SANS, fontSize=FOOTER_SIZE, leading=FOOTER_SIZE * 1.3, textColor=MUTED)


_FOOTER_STYLE = _footer_style()
