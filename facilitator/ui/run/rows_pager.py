"""*Lienzo en grande* for the planning matrix and the monitoring sheet: a page of initiatives at a time.

The same pages as the note canvases (``NotesPager``: ↑/↓, ``A`` lets them turn by
themselves, the counter in the corner), but each page is a list of initiatives: the
initiative in the notes' type (``MIN_TEXT`` of the screen's height), its details
(goal, unit and period; status, responsible, end date and indicator) a little
smaller, every line wrapped at a word. The planning matrix pages axis by axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from ...i18n import _, ngettext
from .recent_notes import wrap as wrap_words
from .notes_pager import NotesPager
from .run_widgets import ACCENT, BG, FG, MUTED

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

DETAIL = 0.8  # the details' type against the initiative's (1/37.5 of the screen's height)


@dataclass(frozen=True)
class Item:
    key: str  # the row's id
    title: str
    details: tuple[str, ...]  # each wrapped on its own
    badge: tuple[str, str] | None = None  # (word, colour) drawn before the first detail


@dataclass(frozen=True)
class Sheet:
    heading: str
    sub: str  # a line under the heading (the sheet's tally), smaller
    zone_key: str  # the axis's key (the block's zone opens on it), "" for the monitoring sheet
    items: tuple[Item, ...]
    part: int
    parts: int


def _clean(value: Any) -> str:
    return " ".join(str(value or "").split())


def _joined(row: dict[str, Any], fields: tuple[tuple[str, str], ...]) -> str:
    return " · ".join(f"{label}: {_clean(row.get(f))}" for f, label in fields if _clean(row.get(f)))


def planning_sections(ctx: "WorkshopContext", canvas_id: str) -> list[tuple[str, str, str, list[Item]]]:
    """Axis by axis (the matrix's order): the initiative, then its goal, unit and period."""
    from facilitator import planning as P

    fields = (("goal", _("Meta")), ("unit", _("Responsable")), ("period", _("Plazo")))
    out = []
    for group in P.grouped(ctx.doc, canvas_id):
        count = ngettext("{n} iniciativa", "{n} iniciativas", len(group.rows))
        items = [Item(str(row["id"]), _clean(row["name"]) or _("Iniciativa sin nombre"),
                      tuple(d for d in (_joined(row, fields),) if d)) for row in group.rows]
        out.append((group.key, f"{group.label} · {count}", "", items))
    return out


def monitoring_sections(ctx: "WorkshopContext", canvas_id: str,
                        today: Callable[[], date] = date.today) -> list[tuple[str, str, str, list[Item]]]:
    """One list: per initiative its status, responsible and end date, then indicator and target."""
    from facilitator import monitoring as M

    canvas = ctx.doc.canvas(canvas_id)
    rows = M.rows(ctx.doc.store, canvas_id)
    day = today()
    tally = dict.fromkeys(M.STATUS_LABELS, 0)
    items = []
    for row in rows:
        status = M.effective_status(row, day).status
        tally[status] += 1
        first = _joined(row, (("responsible", _("Responsable")), ("end_date", _("Término"))))
        second = _joined(row, (("indicator", _("Indicador")), ("target", _("Meta"))))
        items.append(Item(str(row["id"]), _clean(row["name"]) or _("(sin nombre)"), (first, second),
                          (M.status_label(status), M.STATUS_COLOURS[status])))
    title = _clean(canvas["title"]) if canvas else ""
    return [("", title, M.summary_text(tally), items)] if items else []


def wrap(text: str, metrics: QFontMetrics, width: float, first: float | None = None) -> list[str]:
    """``text`` in lines no wider than ``width`` (the first ``first`` wide), broken between words
    (a word wider than a line is broken inside it): the list of last notes' wrapping."""
    return wrap_words(text, metrics, int(width), None if first is None else int(first))


def draw_pill(painter: QPainter, rect: QRectF, word: str, colour: str, font: QFont) -> None:
    """A status word in white on a rounded pill of its colour («En curso», «Atrasada»)."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setFont(font)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), word)


class RowsPager(NotesPager):
    """The initiatives of a planning or monitoring canvas over the whole screen, a page at a time."""

    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any],
                 sections: Callable[["WorkshopContext", str], list[tuple[str, str, str, list[Item]]]], tables: set[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, canvas, parent)
        self._sections, self._tables = sections, tables
        self.reload()

    # -- sizes -------------------------------------------------------------------------------------
    def detail_px(self) -> int:
        return max(12, round(self.text_px() * DETAIL))

    def _fonts(self) -> tuple[QFont, QFont]:
        title, detail = QFont(self.font()), QFont(self.font())
        title.setPixelSize(self.text_px())
        title.setBold(True)
        detail.setPixelSize(self.detail_px())
        return title, detail

    def _counter(self) -> str:
        return _("Página {i} de {n} · ↑↓", i=self.index + 1, n=max(1, len(self.pages)))

    def _small(self) -> QFont:
        small = QFont(self.font())
        small.setPixelSize(max(12, round(self.text_px() * 0.8)))
        return small

    def _heading(self, heading: str, sub: str) -> tuple[list[str], list[str]]:
        """The page's heading and tally wrapped beside the counter (the heading) and under it (the tally)."""
        font = QFont(self.font())
        font.setPixelSize(self._head_px())
        font.setBold(True)
        metrics = QFontMetrics(font)  # room on the last line for the part, "(2/3)"
        room = max(1, self.width() - QFontMetrics(self._small()).horizontalAdvance(self._counter()) - self.text_px()
                   - metrics.horizontalAdvance("  (99/99)"))
        return wrap(heading, metrics, room), wrap(sub, QFontMetrics(self._fonts()[1]), self.width())

    def _top(self, heading: str = "", sub: str = "") -> float:
        heads, subs = self._heading(heading, sub)
        return (self._head_px() * 1.4 * max(1, len(heads)) + self._head_px() * 0.2
                + len(subs) * QFontMetrics(self._fonts()[1]).lineSpacing() + (self.text_px() * 0.3 if subs else 0))

    def _lines(self, item: Item, width: float) -> list[tuple[bool, str, float]]:
        """(bold, text, indent) per line of ``item`` at ``width``; the badge's line starts after its pill."""
        title, detail = self._fonts()
        tm, dm = QFontMetrics(title), QFontMetrics(detail)
        out = [(True, ln, 0.0) for ln in wrap(item.title, tm, width)]
        pill = self._pill_width(item, dm)
        details = [d for d in item.details if d] or ([""] if item.badge else [])
        for k, text in enumerate(details):
            indent = pill if k == 0 else 0.0
            lines = wrap(text, dm, width, width - indent) or [""]
            out += [(False, ln, indent if n == 0 else 0.0) for n, ln in enumerate(lines)]
        return out

    def _pill_width(self, item: Item, dm: QFontMetrics) -> float:
        if item.badge is None:
            return 0.0
        return dm.horizontalAdvance(item.badge[0]) + dm.height() + self.detail_px() * 0.6

    def _height(self, lines: list[tuple[bool, str, float]]) -> float:
        title, detail = self._fonts()
        tl, dl = QFontMetrics(title).lineSpacing(), QFontMetrics(detail).lineSpacing()
        return sum(tl if bold else dl for bold, _t, _i in lines) + self.text_px() * 0.6

    # -- the pages ---------------------------------------------------------------------------------
    def reload(self) -> None:
        source = getattr(self, "_sections", None)
        if source is None:  # NotesPager's constructor asks before the sections are known
            return
        canvas = self.ctx.doc.canvas(self.canvas_id)
        sections = source(self.ctx, self.canvas_id) if canvas is not None else []
        width = max(1, self.width())
        found: list[Sheet] = []
        for key, heading, sub, items in sections:
            room = max(1.0, self.height() - self._top(heading, sub))
            parts: list[list[Item]] = []
            used = room + 1  # a new page before the first item
            for item in items:
                h = self._height(self._lines(item, width))
                if used + h > room and (not parts or parts[-1]):
                    parts.append([])
                    used = 0.0
                parts[-1].append(item)
                used += h
            parts = parts or [[]]
            found += [Sheet(heading, sub, key, tuple(p), n + 1, len(parts)) for n, p in enumerate(parts)]
        current = self.page()
        self.pages = found  # type: ignore[assignment]  (NotesPager's turning works on any list of pages)
        if current is not None:  # stay on the page of the same initiative when the file changes
            keys = [i.key for i in current.items]
            same = [n for n, p in enumerate(found) if keys and any(i.key == keys[0] for i in p.items)]
            self.index = same[0] if same else min(self.index, max(0, len(found) - 1))
        self.index = min(self.index, max(0, len(found) - 1))
        self.update()

    def _changed(self, changes) -> None:
        if {c.table for c in changes} & (getattr(self, "_tables", set()) | {"canvas"}):
            self.reload()

    # -- drawing -----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(BG))
        px, head = self.text_px(), self._head_px()
        page = self.page()
        heading_font = QFont(self.font())
        heading_font.setPixelSize(head)
        heading_font.setBold(True)
        if page is None:
            painter.setFont(heading_font)
            painter.setPen(QColor(FG))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             _("Todavía no hay iniciativas en este lienzo."))
            return
        painter.setFont(self._small())
        painter.setPen(QColor(MUTED))
        painter.drawText(QRectF(0, 0, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignRight), self._counter())
        heads, subs = self._heading(page.heading, page.sub)
        if 1 < page.parts < len(self.pages) and heads:  # not when the counter says it already
            heads[-1] += f"  ({page.part}/{page.parts})"
        painter.setFont(heading_font)
        painter.setPen(QColor(ACCENT))
        for n, line in enumerate(heads):
            painter.drawText(QRectF(0, n * head * 1.4, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignLeft), line)
        title, detail = self._fonts()
        tm, dm = QFontMetrics(title), QFontMetrics(detail)
        y = head * 1.4 * max(1, len(heads)) + head * 0.2
        painter.setFont(detail)
        painter.setPen(QColor(MUTED))
        for line in subs:
            painter.drawText(QRectF(0, y, self.width(), dm.lineSpacing()), int(Qt.AlignmentFlag.AlignLeft), line)
            y += dm.lineSpacing()
        y = self._top(page.heading, page.sub)
        for item in page.items:
            lines = self._lines(item, self.width())
            badge_drawn = False
            for bold, text, indent in lines:
                metrics = tm if bold else dm
                if not bold and item.badge is not None and not badge_drawn:
                    badge_drawn = True
                    word, colour = item.badge
                    draw_pill(painter, QRectF(0, y + 1, indent - self.detail_px() * 0.6, metrics.lineSpacing() - 2),
                              word, colour, detail)
                painter.setFont(title if bold else detail)
                painter.setPen(QColor(FG if bold else MUTED))
                painter.drawText(QRectF(indent, y, self.width() - indent, metrics.lineSpacing()),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
                y += metrics.lineSpacing()
            y += px * 0.6
        painter.end()


PAGED_ROWS: dict[str, tuple[Callable, set[str]]] = {
    "planning_matrix": (planning_sections, {"initiative"}),
    "monitoring_matrix": (monitoring_sections, {"monitoring_row"}),
}


def rows_pager(ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> RowsPager:
    sections, tables = PAGED_ROWS[canvas["kind"]]
    return RowsPager(ctx, canvas, sections, tables, parent)
