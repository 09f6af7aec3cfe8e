"""How a note reads in the report, and the plain note table every matrix falls back on.

Kept apart from ``canvases`` (the section per kind) because the diagrams and the
planning/monitoring matrices draw notes the same way: they import this module,
and ``canvases`` imports them, with no cycle.
"""

from __future__ import annotations


from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from ..fonts import pieces, shown
from ..labels import zone_heading
from ..model import Canvas, Note, Workshop
from .common import ASIDE_SIZE, Ctx, P, plain_para, small, table
from .styles import MUTED

ASIDE_GAP = 5.0  # points between a note's last word and its aside


def _aside_text(c: Ctx, n: Note, *, group: bool = False, theme: bool = False) -> str:
    bits = []
    if group and n.group:
        bits.append(n.group)
    if theme and n.theme:
        bits.append(n.theme)
    if n.votes:
        bits.append(c.t.ngettext("{n} voto", "{n} votos", n.votes))
    bits += list(n.tag_labels)
    if n.author:
        bits.append(n.author)
    return " · ".join(bits)


class AsideNote(Flowable):
    """A note's paragraph with its aside (group · votes · tags · author) in small grey print.

    The aside follows the last word when it fits on that line, else it takes lines of
    its own below. The paragraph itself is one fragment of text, which reportlab breaks
    into lines on its fast path; the aside as a second fragment in another size and
    colour sent every note down the slow path, at three times the cost (a report of
    50,000 notes prints each of them so). Only plain text in the text font comes here
    (``fonts.shown``); anything else keeps the aside inside the paragraph.
    """

    def __init__(self, para: Paragraph, aside: str) -> None:
        super().__init__()
        self.para = para
        self.aside = aside
        self.style = para.style
        self._lines: list[str] = []  # the aside's own lines, when it does not fit after the text
        self._at: tuple[float, float] | None = None  # where it starts after the text's last line

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return self.para.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.para.getSpaceAfter()

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        w, h = self.para.wrap(avail_w, avail_h)
        st = self.style
        self._lines, self._at = [], None
        width = avail_w - st.leftIndent - st.rightIndent
        bl = getattr(self.para, "blPara", None)
        aside_w = stringWidth(self.aside, st.fontName, ASIDE_SIZE)
        if bl is not None and bl.kind == 0 and bl.lines:
            n = len(bl.lines)
            used = stringWidth(" ".join(bl.lines[-1][1]), bl.fontName, bl.fontSize)
            x = st.leftIndent + (st.firstLineIndent if n == 1 else 0) + used + ASIDE_GAP
            if x + aside_w <= avail_w - st.rightIndent:
                ascent = bl.fontSize if rl_config.paraFontSizeHeightOffset else getattr(bl, "ascent", bl.fontSize)
                self._at = (x, h - ascent - (n - 1) * st.leading)
        if self._at is None:
            self._lines = _wrap_words(self.aside, st.fontName, ASIDE_SIZE, width)
        self.width, self.height = w, h + len(self._lines) * st.leading
        return self.width, self.height

    def split(self, avail_w: float, avail_h: float) -> list:
        self.wrap(avail_w, avail_h)
        if self.height <= avail_h:
            return [self]
        parts = self.para.split(avail_w, avail_h)
        if len(parts) < 2:
            return []
        return [*parts[:-1], AsideNote(parts[-1], self.aside)]

    def draw(self) -> None:
        canv, st = self.canv, self.style
        extra = len(self._lines) * st.leading
        self.para.drawOn(canv, 0, extra)
        canv.saveState()
        canv.setFont(st.fontName, ASIDE_SIZE)
        canv.setFillColor(MUTED)
        if self._at is not None:
            x, y = self._at
            canv.drawString(x, y + extra, self.aside)
        for k, line in enumerate(self._lines):
            canv.drawString(st.leftIndent, extra - k * st.leading - 0.7 * st.leading, line)
        canv.restoreState()


def _wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _with_aside(text: str, style, aside: str, bullet: str | None) -> Flowable:
    """The paragraph of ``text`` with ``aside`` after it (see ``AsideNote``)."""
    if not aside:
        return plain_para(text, style, bulletText=bullet)
    if shown(text) is None or shown(aside) != aside:  # another font or a line break: markup does it all
        return plain_para(text, style, "  " + small(aside), bulletText=bullet)
    return AsideNote(plain_para(text, style, bulletText=bullet), aside)


def note_paras(c: Ctx, n: Note, **aside) -> list:
    """A note as a bulleted paragraph with its aside (group, votes, tags, author).

    A long note comes as several paragraphs (``fonts.pieces``), so that its cost
    at page breaks stays linear in its length.
    """
    parts = pieces(n.text)
    text = _aside_text(c, n, **aside)
    if len(parts) == 1:
        return [_with_aside(n.text, c.st.note, text, "•")]
    if "note_tight" not in c.memo:
        c.memo["note_tight"] = c.st.note.clone("note_tight", spaceAfter=0)
    tight = c.memo["note_tight"]
    out = [plain_para(p, tight, bulletText="•" if i == 0 else None) for i, p in enumerate(parts[:-1])]
    return out + [_with_aside(parts[-1], c.st.note, text, None)]


def zone_keys(canvas: Canvas, zones: list[str]) -> list[str]:
    """The zones to show, in the canvas's order, followed by stray zone keys."""
    order = [z.key for z in canvas.zones]
    return sorted(zones, key=lambda z: order.index(z) if z in order else len(order))


def zone_title(c: Ctx, canvas: Canvas, key: str) -> str:
    return canvas.zone_label(key) if key else c.t("Sin zona")
def matrix_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    """A landscape table, one row per note, grouped by zone; the header repeats on every page."""
    t, st = c.t, c.st
    keys = zone_keys(canvas, list(dict.fromkeys([z.key for z in canvas.zones] + [n.zone for n in canvas.notes])))
    notes = [n for k in keys for n in canvas.zone_notes(k)]
    if not notes:
        return []
    columns = [  # (header, value of a note, share of the width); empty optional columns are left out
        (zone_heading(canvas.kind, t), lambda n: zone_title(c, canvas, n.zone), 0.2, True),
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
