"""A long ruled table laid out in linear time: the notes annex of a workshop with thousands of notes.

reportlab's ``LongTable`` copies, rebuilds and re-measures all remaining rows at
every page break, so a table of R rows costs O(R²). ``RowTable`` measures each
row once (one ``wrap`` per paragraph, with the table's column widths), keeps the
running sums of the row heights, and splits at a page break into two views of
the same rows: the cost of a split is the rows placed on that page, and each
paragraph is drawn once.

It looks like ``common.table``: a header row that repeats on every page, zebra
rows, a thin rule under each row, cells aligned at the top. A row splits inside
only between the pieces of a long text (see ``fonts.pieces``); its other cells
stay with its first part. A split never leaves one or two rows alone on the next
page (``common.ORPHANS``): a few more go with them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Sequence

from reportlab.lib import colors
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from .common import ORPHANS
from .styles import HEAD_BG, MUTED, RULE, ZEBRA

PAD_X = 4  # left and right padding of a cell, as in common.table
PAD_Y = 3  # top and bottom padding
SPLIT_ROOM = 24  # points: a row splits inside only if at least this much of it fits (splitInRow)


@dataclass
class _Row:
    cells: list  # per column: str, or a list of paragraphs stacked
    index: int  # body row number (zebra), kept by both parts of a split row
    height: float = 0.0
    heights: list = field(default_factory=list)  # per column: list of piece heights (or [leading])


class _Rows:
    """The rows of one table, measured once for one width, shared by every part of the table."""

    def __init__(self, header: Sequence, rows: Sequence, widths: Sequence[float], body, make=None) -> None:
        self.widths = list(widths)
        self.body = body  # paragraph style whose font plain-string cells use
        self.header = self._row(header, -1)
        self.raw: Sequence | None = rows  # rows as given; made into cells (``make``) when first measured
        self.make = make
        self.count = len(rows)
        self.rows: list[_Row] = []
        self.ends: list[float] | None = None  # ends[k] = height of rows[:k]
        self._wrapped: dict[int, float] = {}  # a paragraph shared by many rows (a zone's label) wraps once

    @staticmethod
    def _row(cells: Sequence, index: int) -> _Row:
        out = []
        for cell in cells:
            if isinstance(cell, Paragraph):
                out.append([cell])
            elif isinstance(cell, (list, tuple)):
                out.append(list(cell))
            else:
                out.append("" if cell is None else str(cell))
        return _Row(out, index)

    def measure(self, row: _Row) -> float:
        row.heights = []
        for cell, width in zip(row.cells, self.widths):
            if isinstance(cell, str):
                row.heights.append([self.body.leading if cell else 0.0])
            else:
                row.heights.append([self._height(p, width) for p in cell])
        row.height = max((sum(h) for h in row.heights), default=0.0) + 2 * PAD_Y
        return row.height

    def _height(self, para: Paragraph, width: float) -> float:
        key = id(para)
        if key not in self._wrapped:
            self._wrapped[key] = para.wrap(width - 2 * PAD_X, 1e9)[1]
        return self._wrapped[key]

    def measure_all(self) -> None:
        if self.ends is not None:
            return
        self.measure(self.header)
        ends, total = [0.0], 0.0
        make = self.make
        for i, raw in enumerate(self.raw):
            row = self._row(make(raw) if make else raw, i)
            total += self.measure(row)
            ends.append(total)
            self.rows.append(row)
        self.ends = ends
        self.raw = None

    def span(self, start: int, stop: int) -> float:
        return self.ends[stop] - self.ends[start]

    def split_row(self, row: _Row, room: float) -> tuple[_Row, _Row] | None:
        """``row`` cut inside its tallest text so that the first part fits ``room``; None if it cannot.

        The cut falls between the text's pieces, or inside one piece (a paragraph
        split, bounded by the piece's size). The other cells stay with the first part.
        """
        texts = [k for k, c in enumerate(row.cells) if isinstance(c, list) and c]
        if not texts:
            return None
        column = max(texts, key=lambda k: sum(row.heights[k]))
        pieces, heights = list(row.cells[column]), list(row.heights[column])
        limit = room - 2 * PAD_Y
        if max((sum(h) for k, h in enumerate(row.heights) if k != column), default=0.0) > limit:
            return None
        used, k = 0.0, 0
        while k < len(pieces) and used + heights[k] <= limit:
            used += heights[k]
            k += 1
        if k == len(pieces):
            return None
        width = self.widths[column] - 2 * PAD_X
        piece = pieces[k]
        parts = piece.split(width, limit - used) if limit - used > 0 else []
        if not hasattr(piece, "blPara"):  # a refused split forgets the piece's lines: it is still drawn whole
            piece.wrap(width, 1e9)
        if len(parts) == 2:
            pieces[k:k + 1] = parts
            heights[k:k + 1] = [p.wrap(width, 1e9)[1] for p in parts]
            k += 1
        if k == 0:
            return None
        first = _Row([pieces[:k] if j == column else c for j, c in enumerate(row.cells)], row.index)
        first.heights = [heights[:k] if j == column else h for j, h in enumerate(row.heights)]
        rest = _Row([pieces[k:] if j == column else "" for j in range(len(row.cells))], row.index)
        rest.heights = [heights[k:] if j == column else [0.0] for j in range(len(row.cells))]
        for part in (first, rest):
            part.height = max(sum(h) for h in part.heights) + 2 * PAD_Y
        return first, rest


class RowTable(Flowable):
    """A view of rows ``start:stop`` of a shared ``_Rows``, with a split row's parts before and after."""

    def __init__(self, rows: _Rows, start: int = 0, stop: int | None = None, lead: _Row | None = None,
                 tail: _Row | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.start = start
        self.stop = rows.count if stop is None else stop
        self.lead = lead  # the rest of a row split on the previous page
        self.tail = tail  # the first part of a row split at the foot of this page
        self.width = sum(rows.widths)
        self.height = 0.0
        self.hAlign = "LEFT"
        self.moved = False  # rows moved on by a split so as not to leave orphans

    @classmethod
    def build(cls, header: Sequence, rows: Sequence, widths: Sequence[float], body, make=None) -> "RowTable":
        """The table; with ``make``, each of ``rows`` is turned into its cells only when the table is
        first measured (a workshop's paragraphs exist only while its annex is laid out)."""
        return cls(_Rows(header, rows, widths, body, make))

    def _body_height(self) -> float:
        r = self.rows
        return ((self.lead.height if self.lead else 0.0) + r.span(self.start, self.stop)
                + (self.tail.height if self.tail else 0.0))

    def wrap(self, availWidth, availHeight):
        self.rows.measure_all()
        self.height = self.rows.header.height + self._body_height()
        return self.width, self.height

    def split(self, availWidth, availHeight):
        r = self.rows
        r.measure_all()
        if self.moved:  # the rows a split sent on: they start the next page
            self.moved = False
            return []
        room = availHeight - r.header.height
        if room <= 2 * PAD_Y:
            return []
        lead = self.lead
        if lead is not None and lead.height > room:
            parts = r.split_row(lead, room)
            if parts is None:
                return []
            return [RowTable(r, self.start, self.start, parts[0]), RowTable(r, self.start, self.stop, parts[1])]
        used = lead.height if lead else 0.0
        # the rows that fit whole: bisect on the running sums, from this view's first row
        stop = bisect_right(r.ends, r.ends[self.start] + room - used, self.start, self.stop + 1) - 1
        stop = max(stop, self.start)
        if stop >= self.stop:
            return [self]
        if self.stop - stop <= ORPHANS and stop - self.start > ORPHANS + 1:
            # one or two rows alone at the top of the next page: a few more go with them (to the next
            # page, not split again into this page's room)
            stop = self.stop - (ORPHANS + 1)
            rest = RowTable(r, stop, self.stop)
            rest.moved = True
            return [RowTable(r, self.start, stop, lead), rest]
        used += r.span(self.start, stop)
        left = room - used
        if left >= SPLIT_ROOM:
            parts = r.split_row(r.rows[stop], left)
            if parts is not None:
                return [RowTable(r, self.start, stop, lead, parts[0]), RowTable(r, stop + 1, self.stop, parts[1])]
        if stop == self.start and lead is None:
            return []
        return [RowTable(r, self.start, stop, lead), RowTable(r, stop, self.stop)]

    def _draw_row(self, row: _Row, top: float, body: bool) -> float:
        canv, r = self.canv, self.rows
        bottom = top - row.height
        if body and row.index % 2 == 1:
            canv.setFillColor(ZEBRA)
            canv.rect(0, bottom, self.width, row.height, stroke=0, fill=1)
        x = 0.0
        for cell, heights, width in zip(row.cells, row.heights, r.widths):
            if isinstance(cell, str):
                if cell:
                    canv.setFont(r.body.fontName, r.body.fontSize)
                    canv.setFillColor(r.body.textColor)
                    canv.drawString(x + PAD_X, top - PAD_Y - r.body.fontSize, cell)
            else:
                y = top - PAD_Y
                for para, h in zip(cell, heights):
                    y -= h
                    para.drawOn(canv, x + PAD_X, y)
            x += width
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(0, bottom, self.width, bottom)
        if body:  # drawn once: its paragraphs are no longer needed (the heights stay in the running sums)
            row.cells = [""] * len(row.cells)
        return bottom

    def draw(self) -> None:
        r, canv = self.rows, self.canv
        canv.saveState()
        top = self.height
        head = r.header
        canv.setFillColor(HEAD_BG)
        canv.rect(0, top - head.height, self.width, head.height, stroke=0, fill=1)
        top = self._draw_row(head, top, False)
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.8)
        canv.line(0, top, self.width, top)
        if self.lead is not None:
            top = self._draw_row(self.lead, top, True)
        for row in r.rows[self.start:self.stop]:
            top = self._draw_row(row, top, True)
        if self.tail is not None:
            self._draw_row(self.tail, top, True)
        canv.setFillColor(colors.black)
        canv.restoreState()
