"""Beside the clock, the planning matrix or the monitoring sheet as a short list the back row reads.

The whole matrix shrunk into the projector's side column cut words, dates and status
pills; *Lienzo en grande*'s pages (``RowsPager``) are laid out for the whole screen.
Here each initiative is a small card: its name wrapped at words, then one line of
few fields (the responsible unit and the period for the matrix; the status pill, the
responsible and the end date for the sheet) wrapped as whole words too. The type
follows the column like the list of last notes, between 1/40 and 1/36 of the screen's
height. What does not fit goes on the next page: the last line says how many more
there are and which page this is; ↑/↓ turn the pages and ``A`` lets them turn by
themselves, as on *Lienzo en grande*. Nothing is elided unless one initiative alone is
taller than the column; a word is broken only when it is wider than the column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from ...i18n import _, ngettext
from .notes_pager import PageTurning
from .rows_pager import draw_pill
from .recent_notes import MIN_LIST_TEXT, SIDE_TEXT, wrap
from .run_widgets import ACCENT, FG, MUTED

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

ROOM_FOR = 3  # the type lets about this many initiatives fit the column
WANTED = 2  # the groups beside the list leave it room for this many at ``SIDE_TEXT`` of the screen
ENTRY_EMS = 5.0  # an initiative of two lines and two detail lines, in units of its type (lines, padding, gap)
DETAIL = 0.82  # the detail line's type against the name's
CARD_BG = "#161B22"


@dataclass(frozen=True)
class Entry:
    key: str  # the row's id
    title: str
    detail: str  # the few fields, " · " between them
    badge: tuple[str, str] | None = None  # (word, colour): the status pill before the detail


@dataclass(frozen=True)
class Section:
    key: str  # the axis's key ("" for the monitoring sheet)
    heading: str
    heading_colour: str
    entries: tuple[Entry, ...]
    repeat: bool = True  # the heading again on each page the section continues on (an axis; not the tally)


@dataclass(frozen=True)
class Block:
    """One thing drawn on a page: a section's heading or an initiative's card, laid out at the view's width."""
    kind: str  # "heading" or "entry"
    section: Section
    entry: Entry | None
    lines: tuple[tuple[bool, str, float], ...]  # (title type?, text, indent of the line)
    height: float
    complete: bool = True


@dataclass(frozen=True)
class SidePage:
    blocks: tuple[Block, ...]
    zone_key: str  # the first section's key on the page (the block's axis opens on it)


def _clean(value: Any) -> str:
    return " ".join(str(value or "").split())


def planning_side(ctx: "WorkshopContext", canvas_id: str) -> list[Section]:
    """Axis by axis: the initiative, then its responsible unit and its period."""
    from facilitator import planning as P

    out = []
    for group in P.grouped(ctx.doc, canvas_id):
        count = ngettext("{n} iniciativa", "{n} iniciativas", len(group.rows))
        entries = tuple(Entry(str(row["id"]), _clean(row["name"]) or _("Iniciativa sin nombre"),
                              " · ".join(p for p in (_clean(row["unit"]), _clean(row["period"])) if p))
                        for row in group.rows)
        out.append(Section(group.key, f"{group.label} · {count}", ACCENT, entries))
    return out


def monitoring_side(ctx: "WorkshopContext", canvas_id: str,
                    today: Callable[[], date] = date.today) -> list[Section]:
    """One list: per initiative its status pill, responsible and end date; the tally above it."""
    from facilitator import monitoring as M

    day = today()
    tally = dict.fromkeys(M.STATUS_LABELS, 0)
    entries = []
    for row in M.rows(ctx.doc.store, canvas_id):
        status = M.effective_status(row, day).status
        tally[status] += 1
        detail = " · ".join(p for p in (_clean(row["responsible"]), _clean(row["end_date"])) if p)
        entries.append(Entry(str(row["id"]), _clean(row["name"]) or _("(sin nombre)"), detail,
                             (M.status_label(status), M.STATUS_COLOURS[status])))
    return [Section("", M.summary_text(tally), MUTED, tuple(entries), repeat=False)] if entries else []


SIDE_ROWS: dict[str, tuple[Callable[["WorkshopContext", str], list[Section]], set[str]]] = {
    "planning_matrix": (planning_side, {"initiative"}),
    "monitoring_matrix": (monitoring_side, {"monitoring_row"}),
}


class RowsSide(PageTurning, QWidget):
    """The initiatives of a planning or monitoring canvas in the projector's side column, a page at a time."""

    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.canvas_id = canvas["id"]
        self._sections_of, self._tables = SIDE_ROWS[canvas["kind"]]
        self.sections: list[Section] = []
        self.pages: list[SidePage] = []
        self.index = 0
        self.rotate = self._rotation()
        ctx.signals.changed.connect(self._changed)
        self.reload()

    # -- sizes ------------------------------------------------------------------------------------
    def text_px(self) -> int:
        """The names' type: what lets about ``ROOM_FOR`` initiatives fit, within 1/40…1/36 of the screen's height
        (an initiative says more than a note: a little smaller than the notes' 1/30 at most, so more fit)."""
        screen = self.window().height()
        floor, cap = math.ceil(screen * MIN_LIST_TEXT), round(screen * SIDE_TEXT)
        return max(12, floor, min(cap, int(self.height() / (ROOM_FOR * ENTRY_EMS))))

    def wanted_height(self, screen: int, share: float = SIDE_TEXT) -> int:
        """The height for ``WANTED`` initiatives in type ``share`` of the screen's height (``SIDE_TEXT`` unless
        told) under the first heading: what the groups beside the list leave it. At a smaller share (the
        list's smallest type, when the groups cannot leave more) one initiative: the rest are on the next pages."""
        px = max(12, math.ceil(screen * share))
        count = WANTED if share >= SIDE_TEXT else 1
        heading = 0
        if self.sections and self.sections[0].heading:
            font = QFont(self.font())
            font.setPixelSize(max(12, math.ceil(px * DETAIL)))
            font.setBold(True)
            metrics = QFontMetrics(font)
            column = self.parentWidget() or self  # asked before this view is laid out: the side column's width
            heading = len(wrap(self.sections[0].heading, metrics, column.width())) * metrics.lineSpacing()
        return math.ceil(count * ENTRY_EMS * px + heading)

    def detail_px(self) -> int:
        return max(12, math.ceil(self.text_px() * DETAIL))

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        """(name, detail, heading)."""
        title = QFont(self.font())
        title.setPixelSize(self.text_px())
        title.setBold(True)
        detail = QFont(self.font())
        detail.setPixelSize(self.detail_px())
        heading = QFont(detail)
        heading.setBold(True)
        return title, detail, heading

    def _pad(self) -> int:
        return max(4, round(self.text_px() * 0.35))

    # -- what is shown -----------------------------------------------------------------------------
    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.sections = self._sections_of(self.ctx, self.canvas_id) if canvas is not None else []
        self._lay_out()

    def page(self) -> SidePage | None:
        return self.pages[self.index] if 0 <= self.index < len(self.pages) else None

    def hint(self) -> str:
        return "" if self.sections else _("Todavía no hay iniciativas en este lienzo.")

    def _heading_block(self, section: Section) -> Block:
        _t, _d, heading = self._fonts()
        metrics = QFontMetrics(heading)
        lines = tuple((False, ln, 0.0) for ln in wrap(section.heading, metrics, self.width()))
        return Block("heading", section, None, lines, len(lines) * metrics.lineSpacing() + self._pad() * 0.5)

    def _entry_block(self, section: Section, entry: Entry) -> Block:
        title, detail, _h = self._fonts()
        tm, dm = QFontMetrics(title), QFontMetrics(detail)
        inner = max(1, self.width() - 2 * self._pad())
        lines = [(True, ln, 0.0) for ln in wrap(entry.title, tm, inner)]
        pill = self._pill_width(entry, dm)
        if entry.detail or entry.badge:
            parts = wrap(entry.detail, dm, inner, inner - pill) if entry.detail else [""]
            lines += [(False, ln, pill if n == 0 else 0.0) for n, ln in enumerate(parts or [""])]
        return Block("entry", section, entry, tuple(lines), self._entry_height(lines))

    def _entry_height(self, lines) -> float:
        title, detail, _h = self._fonts()
        tl, dl = QFontMetrics(title).lineSpacing(), QFontMetrics(detail).lineSpacing()
        return sum(tl if bold else dl for bold, _t, _i in lines) + 2 * self._pad()

    def _pill_width(self, entry: Entry, dm: QFontMetrics) -> float:
        if entry.badge is None:
            return 0.0
        return dm.horizontalAdvance(entry.badge[0]) + dm.height() + self.detail_px() * 0.5

    def _gap(self) -> float:
        return self._pad()

    def _footer_height(self, total: int) -> float:
        """The last line of a page when there are several: "+N más · Página i de n · ↑↓", wrapped."""
        _t, detail, _h = self._fonts()
        metrics = QFontMetrics(detail)
        text = self._footer(total, total, total)
        return len(wrap(text, metrics, self.width())) * metrics.lineSpacing()

    def _footer(self, more: int, i: int, n: int) -> str:
        counter = _("Página {i} de {n} · ↑↓", i=i, n=n)
        if more <= 0:
            return counter
        return ngettext("+{n} iniciativa más", "+{n} iniciativas más", more) + " · " + counter

    def _lay_out(self) -> None:
        current = self.page()
        first_key = next((b.entry.key for b in current.blocks if b.entry), None) if current else None
        self.pages = []
        if self.width() <= 0 or self.height() <= 0 or not self.sections:
            self.index = 0
            self.update()
            return
        pages = self._paginate(self.height())
        if len(pages) > 1:  # room for the footer that says there is more
            total = sum(len(s.entries) for s in self.sections)
            pages = self._paginate(self.height() - self._footer_height(total) - self._gap())
        self.pages = pages
        if first_key is not None:  # stay on the page of the same initiative when the file changes
            same = [n for n, p in enumerate(pages) if any(b.entry and b.entry.key == first_key for b in p.blocks)]
            self.index = same[0] if same else self.index
        self.index = min(self.index, max(0, len(pages) - 1))
        self.update()

    def _paginate(self, room: float) -> list[SidePage]:
        pages: list[list[Block]] = [[]]
        used = 0.0
        gap = self._gap()
        for section in self.sections:
            heading = self._heading_block(section) if section.heading else None
            shown_heading = False
            for entry in section.entries:
                block = self._entry_block(section, entry)
                need = block.height + (heading.height if heading and not shown_heading else 0.0)
                if pages[-1] and used + need > room:  # a new page; it repeats an axis's heading
                    pages.append([])
                    used, shown_heading = 0.0, not section.repeat
                if heading is not None and not shown_heading:
                    pages[-1].append(heading)
                    used += heading.height
                    shown_heading = True
                if used + block.height > room:  # one initiative alone is taller than the column
                    block = self._shortened(block, room - used)
                pages[-1].append(block)
                used += block.height + gap
            if heading is not None and not section.entries:
                if pages[-1] and used + heading.height > room:
                    pages.append([])
                    used = 0.0
                pages[-1].append(heading)
                used += heading.height + gap
        return [SidePage(tuple(p), next((b.section.key for b in p), "")) for p in pages if p]

    def _shortened(self, block: Block, room: float) -> Block:
        """``block``'s first lines that fit ``room``, the last ending in "…" (only when it alone does not fit)."""
        title, detail, _h = self._fonts()
        lines = list(block.lines)
        while len(lines) > 1 and self._entry_height(lines) > room:
            lines.pop()
        bold, text, indent = lines[-1]
        metrics = QFontMetrics(title if bold else detail)
        width = self.width() - 2 * self._pad() - indent
        lines[-1] = (bold, metrics.elidedText(text + " …", Qt.TextElideMode.ElideRight, int(width)), indent)
        return Block(block.kind, block.section, block.entry, tuple(lines), self._entry_height(lines), False)

    # -- turning ------------------------------------------------------------------------------------
    def set_zone(self, key: str | None) -> None:
        """Open on the first page of axis ``key`` (the block's zone), if it has one."""
        found = [n for n, p in enumerate(self.pages) if key and any(b.section.key == key for b in p.blocks)]
        if found and found[0] != self.index:
            self.index = found[0]
            self.update()

    # -- following the file ----------------------------------------------------------------------------
    def _changed(self, changes) -> None:
        # its rows, or its own canvas (axes, title); another canvas's title or zones do not change it
        if any(c.table in self._tables or (c.table == "canvas" and c.id == self.canvas_id) for c in changes):
            self.reload()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._lay_out()

    def shutdown(self) -> None:
        self.rotate.stop()
        self.ctx.signals.changed.disconnect(self._changed)

    # -- drawing ------------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        title, detail, heading = self._fonts()
        tm, dm, hm = QFontMetrics(title), QFontMetrics(detail), QFontMetrics(heading)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        page = self.page()
        if page is None:
            painter.setFont(detail)
            painter.setPen(QColor(MUTED))
            lines = wrap(self.hint(), dm, self.width())
            for n, line in enumerate(lines):
                painter.drawText(QRectF(0, n * dm.lineSpacing(), self.width(), dm.lineSpacing()), left, line)
            return
        pad, gap = self._pad(), self._gap()
        y = 0.0
        for block in page.blocks:
            if block.kind == "heading":
                painter.setFont(heading)
                painter.setPen(QColor(block.section.heading_colour))
                for _b, text, _i in block.lines:
                    painter.drawText(QRectF(0, y, self.width(), hm.lineSpacing()), left, text)
                    y += hm.lineSpacing()
                y += pad * 0.5
                continue
            card = QRectF(0, y, self.width(), block.height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CARD_BG))
            painter.drawRoundedRect(card, pad, pad)
            ly = y + pad
            inner = self.width() - 2 * pad
            pill_drawn = False
            for bold, text, indent in block.lines:
                metrics = tm if bold else dm
                if not bold and block.entry.badge is not None and not pill_drawn:
                    pill_drawn = True
                    word, colour = block.entry.badge
                    draw_pill(painter, QRectF(pad, ly + 1, dm.horizontalAdvance(word) + dm.height(), dm.lineSpacing() - 2),
                              word, colour, detail)
                if text:
                    painter.setFont(title if bold else detail)
                    painter.setPen(QColor(FG if bold else MUTED))
                    painter.drawText(QRectF(pad + indent, ly, inner - indent, metrics.lineSpacing()), left, text)
                ly += metrics.lineSpacing()
            y += block.height + gap
        if len(self.pages) > 1:
            later = sum(1 for p in self.pages[self.index + 1:] for b in p.blocks if b.kind == "entry")
            lines = wrap(self._footer(later, self.index + 1, len(self.pages)), dm, self.width())
            painter.setFont(detail)
            painter.setPen(QColor(MUTED))
            fy = self.height() - len(lines) * dm.lineSpacing()
            for n, line in enumerate(lines):
                painter.drawText(QRectF(0, fy + n * dm.lineSpacing(), self.width(), dm.lineSpacing()), left, line)
        painter.end()
