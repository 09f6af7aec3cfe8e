"""Small building blocks shared by the report's sections: safe paragraphs and tables.

Every piece of text, ours or the user's, goes through ``fonts.markup`` before it
reaches a Paragraph; markup of our own (bold labels, small print) is added around
the escaped text, never inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, LongTable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..fonts import LINE_BREAKS, SANS, font_for, markup, shown
from .styles import HEAD_BG, MUTED, RULE, ZEBRA


@dataclass
class Ctx:
    """What every section needs: the report, its translator, the styles and the frame size."""

    report: object  # exports.model.Report
    t: object  # facilitator.i18n.Translator
    st: object  # .styles.Styles
    width: float  # portrait frame width
    height: float  # portrait frame height
    wide: float  # landscape frame width
    memo: dict = field(default_factory=dict)  # layouts worth computing once per report (trees)


def P(text: str, style) -> Paragraph:
    """A paragraph showing ``text`` exactly (user or our own text)."""
    return Paragraph(markup(text), style)


_FRAGS: dict[tuple[int, str], tuple] = {}  # (id(style), markup) → (style, frags reportlab's parser made)


def _parsed(style, text: str) -> list:
    entry = _FRAGS.get((id(style), text))
    if entry is None or entry[0] is not style:
        if len(_FRAGS) > 4096:
            _FRAGS.clear()
        entry = _FRAGS[id(style), text] = (style, Paragraph(text, style).frags)
    return [f.clone() for f in entry[1]]


def plain_para(text: str, style, tail: str = "", bulletText: str | None = None) -> Paragraph:
    """``Paragraph(markup(text) + tail, style)`` without reportlab's markup parser for ``text``
    when it is one line in the text font.

    The parser (a new one per paragraph) is a good part of the cost of a long list
    of notes; for plain text its result is one fragment in the style's font, made
    here from a template fragment with the text put in. ``tail`` (markup of our own,
    such as a note's votes) is parsed once per distinct value.
    """
    text_shown = shown(text)
    if text_shown is None:
        return Paragraph(markup(text) + tail, style, bulletText=bulletText)
    frag = _parsed(style, "x")[0]
    frag.text = text_shown + " " if tail else text_shown  # the parser drops the tail's leading spaces
    return Paragraph(None, style, bulletText=bulletText, frags=[frag, *(_parsed(style, tail) if tail else [])])


def fits(text: str, width: float, font: str, size: float) -> bool:
    """Can ``text`` be drawn as a plain one-line string in ``width`` points with ``font``?

    Plain strings in table cells skip Paragraph's parsing and line breaking, which
    is most of the cost of a long table; anything that might wrap, needs another
    font or holds a line break stays a Paragraph.
    """
    if not text or len(text) > 120 or "\n" in text or "\r" in text:
        return not text
    if any(font_for(ch) != SANS for ch in text):
        return False
    return stringWidth(text, font, size) <= width


def cell(text: str, style, width: float):
    """A table cell showing ``text``: a plain string when it fits on one line, else a Paragraph.

    ``width`` is the column width; cell padding is taken off here. Plain strings
    take their font from the table style (see ``table(..., body=style)``).
    """
    if fits(text, width - 8.5, style.fontName, style.fontSize) and text == text.strip() and "  " not in text:
        return text
    return plain_para(text, style)


PAD = 8.5  # a cell's left and right padding, and a hair
WORD_MAX = 64  # points: a word wider than this may break inside (a URL, a very long name)


def fit_widths(heads: Sequence[str], columns: Sequence[Sequence[str]], total: float, head, body, *,
               cap: float = 0.3, bold: Sequence[int] = ()) -> list[float]:
    """Column widths summing to ``total`` that suit their text.

    Every header word fits on one line (no «Financiamient-o»), and so does every
    word of the column up to ``WORD_MAX`` (a date stays whole); the room left goes
    to the columns whose longest line is widest, each wanting at most ``cap`` of
    the total, so one long text cannot squeeze the dates into slivers. Columns
    listed in ``bold`` are measured in the header's (bold) font.
    """
    mins = []
    for k, (h, texts) in enumerate(zip(heads, columns)):
        font = head if k in bold else body
        words = [stringWidth(w, head.fontName, head.fontSize) for w in h.split()]
        words += [min(stringWidth(w, font.fontName, font.fontSize), WORD_MAX)
                  for text in texts for w in text[:400].split()]
        mins.append(max(words, default=0) + PAD)
    wants = []
    for least, texts in zip(mins, columns):
        longest = max((stringWidth(line, body.fontName, body.fontSize)
                       for text in texts for line in LINE_BREAKS.split(text[:400])), default=0)
        wants.append(max(least, min(longest + PAD, total * cap)))
    if sum(mins) >= total:
        return [m * total / sum(mins) for m in mins]
    if sum(wants) <= total:
        return [w * total / sum(wants) for w in wants]
    flex = [w - m for w, m in zip(wants, mins)]
    room = total - sum(mins)
    return [m + room * f / sum(flex) for m, f in zip(mins, flex)]


def titled(text: str, style, first=None) -> list:
    """A small title above ``first``: held with it, unless ``first`` is a table that may split.

    A title that holds on to a long table would push the whole table to the next
    page; above a table the title only asks for room for a few rows.
    """
    if isinstance(first, Table):
        return [CondPageBreak(4 * cm), Paragraph(markup(text), style.clone(style.name + "_open", keepWithNext=0))]
    return [Paragraph(markup(text), style)]


class KeepStart(KeepTogether):
    """Keeps a heading on the page of what follows it, unless what follows is longer than a page.

    Then it starts where it is, with at least ``room`` left, instead of leaving a
    page nearly blank to start a table that would split anyway. With ``fill`` (a
    share of the page), it also starts where it is when moving on would leave the
    page less full than that (for content that splits cleanly, such as a row table).
    """

    def __init__(self, flowables, room: float = 6 * cm, fill: float | None = None) -> None:
        super().__init__(flowables)
        self.room = room
        self.fill = fill

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and aH >= self.room and (
                self._H > frame._height
                or (self.fill is not None and frame._height - aH < self.fill * frame._height)):
            return self._content[:]
        return super().split(aW, aH)


def labelled(label: str, text: str, style) -> Paragraph:
    """«Label: text» with the label in bold; both escaped."""
    return Paragraph(f"<b>{markup(label)}</b> {markup(text)}", style)


ASIDE_SIZE = 7.5  # the grey aside after a user's text (votes, tags), in points


def small(text: str) -> str:
    """Markup for a grey aside after a user's text (votes, tags)."""
    return f'<font size="{ASIDE_SIZE}" color="#5B6770">{markup(text)}</font>'


def table(rows: Sequence[Sequence[object]], widths: Sequence[float], *, header: bool = True,
          long: bool = False, zebra: bool = True, extra: Sequence[tuple] = (), body=None) -> Table:
    """A ruled table whose first row repeats on every page it spans; rows may split inside.

    ``body`` is the paragraph style whose font plain-string cells use (see ``cell``).
    """
    cls = _NoOrphansLong if long else _NoOrphans
    t = cls(list(map(list, rows)), colWidths=list(widths), repeatRows=1 if header else 0, splitInRow=24,
            hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if body is not None:
        style += [("FONTNAME", (0, 0), (-1, -1), body.fontName), ("FONTSIZE", (0, 0), (-1, -1), body.fontSize),
                  ("LEADING", (0, 0), (-1, -1), body.leading), ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    if zebra and len(rows) > 3:
        style.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, ZEBRA]))
    t.setStyle(TableStyle(style + list(extra)))
    return t


ORPHANS = 2  # rows a table may leave alone at the top of the next page: fewer move back with their fellows


class _OrphanGuard:
    """A table split never leaves one or two rows alone on the next page: a few more go with them."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = parts
        head = self.repeatRows or 0
        left, moved = len(first._cellvalues) - head, len(rest._cellvalues) - head
        if moved > ORPHANS or left <= ORPHANS + 1:
            return parts
        first.wrap(availWidth, availHeight)
        shrink = sum(first._rowHeights[-(ORPHANS + 1 - moved):])
        again = super().split(availWidth, availHeight - shrink)
        return again if len(again) == 2 else parts


class _NoOrphans(_OrphanGuard, Table):
    pass


class _NoOrphansLong(_OrphanGuard, LongTable):
    pass


class Bar(Flowable):
    """A horizontal bar for «en números» tables: its length is the share of the largest value."""

    def __init__(self, share: float, width: float, height: float = 7, colour=None) -> None:
        super().__init__()
        self.share = max(0.0, min(1.0, share))
        self.width = width
        self.height = height
        self.colour = colour

    def wrap(self, availWidth, availHeight):
        return min(self.width, availWidth), self.height

    def draw(self) -> None:
        from .styles import ACCENT

        self.canv.setFillColor(self.colour or ACCENT)
        self.canv.rect(0, 1, self.width * self.share, self.height - 2, stroke=0, fill=1)


def hex_colour(value: str, default=None):
    """A stored colour (``#RRGGBB``) as a reportlab colour, or ``default`` if unreadable."""
    try:
        return colors.HexColor(value) if value and value.startswith("#") and len(value) in (4, 7) else default
    except (ValueError, TypeError):
        return default
