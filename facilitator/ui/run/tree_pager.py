"""*Lienzo en grande* for a problem or objective tree: its rows in the notes' type, a band at a time.

A whole tree of five rows on a projector is a thumbnail (its words some 10 px at
1920×1080). Here every box is a card in ``MIN_TEXT`` of the screen's height, its
marks and score under it; a row of boxes is one level of the tree, the arrows join
the boxes on the page. When the whole tree fits a page it is one page; otherwise
one band a page — the effects, the core problem, the causes — (a band too tall or a
row too wide goes on over more pages); a page of causes or effects keeps the core
problem as a strip at its edge, the arrows leading to it or from it. ↑/↓ and ``A``
turn the pages as on the other canvases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ... import tree
from ...i18n import _
from .notes_pager import PAD_X, PAD_Y, NotesPager, _wrap
from .run_widgets import BG, FG, MUTED

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

MIN_CARD_CHARS = 12  # a card is at least this many characters of the type wide (else the row goes on overleaf)


@dataclass(frozen=True)
class TreePage:
    zone: str  # the band's label
    zone_key: str  # its zone's key (the block opens on it)
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (level, note ids left to right), top row first
    part: int
    parts: int
    anchor: str = ""  # "below" / "above": the core problem as a strip there (the band's arrows lead to it)


class TreePager(NotesPager):
    """The tree of a problem-tree canvas over the whole screen, a band at a time when it does not fit."""

    def reload(self) -> None:
        canvas = self.ctx.doc.canvas(self.canvas_id)
        self.notes: dict[str, dict[str, Any]] = {}
        self.links: list[tuple[str, str]] = []
        self.levels: dict[str, int] = {}
        if canvas is None:
            self.pages = []
            self.update()
            return
        rows = sorted(self.ctx.doc.notes(self.canvas_id), key=lambda r: (r["position"], r["created_at"], r["id"]))
        links = tree.arrows(self.ctx.doc, self.canvas_id)
        self.notes = {r["id"]: r for r in rows}
        self.levels = tree.levels(rows, links) if rows else {}
        self.links = [(a["source_id"], a["target_id"]) for a in links
                      if a["source_id"] in self.notes and a["target_id"] in self.notes]
        places = tree.layout(rows, links) if rows else {}
        by_level: dict[int, list[str]] = {}
        for note_id in sorted(self.notes, key=lambda i: places.get(i, (0.0, 0.0))[0]):
            by_level.setdefault(self.levels[note_id], []).append(note_id)
        roles = tree.zone_roles(canvas)
        zones = canvas["zones"] if isinstance(canvas["zones"], list) else []
        labels = {z["key"]: z.get("label") or z["key"] for z in zones if isinstance(z, dict)}
        objectives = canvas.get("variant") == tree.OBJECTIVES
        defaults = {"trunk": _("Objetivo central") if objectives else _("Problema central"),
                    "cause": _("Medios") if objectives else _("Causas"),
                    "effect": _("Fines") if objectives else _("Efectos")}
        bands = []
        for role, levels in (("effect", sorted((lv for lv in by_level if lv > 0), reverse=True)),
                             ("trunk", [lv for lv in by_level if lv == 0]),
                             ("cause", sorted((lv for lv in by_level if lv < 0), reverse=True))):
            if levels:
                key = roles[role]
                bands.append((labels.get(key, defaults[role]), key, role, [(lv, by_level[lv]) for lv in levels]))
        current = self.page()
        self.pages = self._paginate(bands)  # type: ignore[assignment]
        if current is not None:
            same = [n for n, p in enumerate(self.pages) if (p.zone_key, p.part) == (current.zone_key, current.part)]
            self.index = same[0] if same else min(self.index, max(0, len(self.pages) - 1))
        self.index = min(self.index, max(0, len(self.pages) - 1))
        self.update()

    def _changed(self, changes) -> None:
        if {c.table for c in changes} & {"note", "link", "canvas"}:
            self.reload()

    # -- sizes -------------------------------------------------------------------------------------------
    def _small(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(12, round(self.text_px() * 0.8)))
        return font

    def _row_gap(self) -> float:
        return self.text_px() * 1.2  # room for the arrows between two rows

    def _strip(self) -> float:
        return QFontMetrics(self._small()).lineSpacing() + self.text_px() * 0.5

    def _split_row(self, ids: list[str], room: float) -> list[list[str]]:
        """A row of boxes in as many parts as its cards need at their narrowest, and fewer a part (wider
        cards, fewer lines) while a part is higher than ``room``."""
        px = self.text_px()
        least = MIN_CARD_CHARS * px * 0.62
        gap = px * 0.5
        per = max(1, int((self.width() + gap) // (least + gap)))

        def parts(n: int) -> list[list[str]]:
            return [ids[i:i + n] for i in range(0, len(ids), n)] or [[]]

        while per > 1 and any(self._row_height(p, set()) > room for p in parts(per)):
            per -= 1
        return parts(per)

    def _card_w(self, n: int) -> float:
        gap = self.text_px() * 0.5
        return min((self.width() - gap * (n - 1)) / max(1, n), self.width() / 2.5 if n > 1 else self.width() * 0.6)

    def _lines(self, note_id: str, width: float) -> list[str]:
        return _wrap(str(self.notes[note_id].get("text") or ""), QFontMetrics(self._font()),
                     width - 2 * self.text_px() * PAD_X)

    def _footer(self, note_id: str) -> tuple[list[tuple[str, str]], str]:
        from canvases.tree.items import MARK_BADGES, MARK_COLOURS

        row, level = self.notes[note_id], self.levels.get(note_id, 0)
        marks = tree.note_marks(row)
        badges = [(_(MARK_BADGES[m]), MARK_COLOURS[m]) for m in tree.marks_for(level) if m in marks]
        value = tree.score(row)
        return badges, (f"{row['impact']}×{row['feasibility']} = {value}" if value is not None else "")

    def _footer_lines(self, note_id: str, width: float) -> int:
        """Lines the marks and the score take: none, one, or two when they do not fit side by side."""
        badges, score_text = self._footer(note_id)
        if not badges and not score_text:
            return 0
        small = QFontMetrics(self._small())
        h = small.lineSpacing()
        needed = sum(small.horizontalAdvance(w) + h * 1.1 for w, _c in badges) + small.horizontalAdvance(score_text)
        return 2 if badges and score_text and needed > width - 2 * self.text_px() * PAD_X else 1

    def _extra(self, note_id: str, width: float, shown: set[str] | None = None) -> float:
        """The height under a card's text: its marks and score, and what it leads to when that is overleaf."""
        line = QFontMetrics(self._small()).lineSpacing()
        lines = self._footer_lines(note_id, width) + (1 if self._leads_to(note_id, shown) else 0)
        return lines * line + (self.text_px() * 0.2 if lines else 0)

    def _leads_to(self, note_id: str, shown: set[str] | None) -> str:
        """"→ …" the boxes this one leads to (a cause) or comes from (an effect) that are not on its page
        (the core problem aside: its strip is), so an arrow is not lost at a page's edge."""
        level = self.levels.get(note_id, 0)
        if abs(level) <= 1 or shown is None:
            return ""
        if level < 0:
            others = [t for s, t in self.links if s == note_id and self.levels.get(t, 0) == level + 1]
        else:
            others = [s for s, t in self.links if t == note_id and self.levels.get(s, 0) == level - 1]
        return " · ".join("→ " + str(self.notes[o].get("text") or "") for o in others if o not in shown)

    def _row_height(self, ids: list[str], shown: set[str] | None = None) -> float:
        width = self._card_w(len(ids))
        ls = QFontMetrics(self._font()).lineSpacing()
        return max((len(self._lines(i, width)) * ls + self._extra(i, width, shown) for i in ids),
                   default=ls) + 2 * self.text_px() * PAD_Y

    # -- the pages ---------------------------------------------------------------------------------------
    def _paginate(self, bands: list) -> list[TreePage]:
        room = self.height() - self._top()
        gap = self._row_gap()
        pieces = [(label, key, role, [(lv, part) for lv, ids in rows
                                      for part in self._split_row(ids, room - (self._strip() + gap if role != "trunk"
                                                                              and len(bands) > 1 else 0))])
                  for label, key, role, rows in bands]
        every = [r for *_b, rows in pieces for r in rows]
        if every and sum(self._row_height(ids) for _lv, ids in every) + gap * (len(every) - 1) <= room:
            label = " · ".join(p[0] for p in pieces)
            return [TreePage(label, pieces[0][1] if len(pieces) == 1 else "", tuple((lv, tuple(ids)) for lv, ids in
                                                                                    every), 1, 1)]
        out: list[TreePage] = []
        for label, key, role, rows in pieces:
            anchor = {"cause": "above", "effect": "below"}.get(role, "") if len(pieces) > 1 else ""
            space = room - (self._strip() + gap if anchor else 0)
            chunks: list[list[tuple[int, list[str]]]] = []
            used = space + 1.0
            for lv, ids in rows:
                h = self._row_height(ids, set())  # room for "→ …" as if what it leads to were overleaf
                if used + gap + h > space or not chunks:
                    chunks.append([])
                    used = -gap
                chunks[-1].append((lv, ids))
                used += gap + h
            out += [TreePage(label, key, tuple((lv, tuple(ids)) for lv, ids in chunk), n + 1, len(chunks), anchor)
                    for n, chunk in enumerate(chunks)]
        return out

    def cards(self) -> list[tuple[QRectF, list[str]]]:
        """The page's boxes as drawn: each one's box and its text's lines (cut with "…" only when one box is
        longer than the page)."""
        return [(box, lines) for _id, box, lines in self._placed()]

    def _placed(self) -> list[tuple[str, QRectF, list[str]]]:
        page = self.page()
        if page is None:
            return []
        px = self.text_px()
        metrics = QFontMetrics(self._font())
        gap, row_gap = px * 0.5, self._row_gap()
        y = self._top() + (self._strip() + row_gap if page.anchor == "above" else 0)
        bottom = self.height() - (self._strip() + row_gap if page.anchor == "below" else 0)
        out = []
        shown = {i for _lv, ids in page.rows for i in ids}
        for _level, ids in page.rows:
            width = self._card_w(len(ids))
            height = min(self._row_height(list(ids), shown), max(metrics.lineSpacing() + 2 * px * PAD_Y, bottom - y))
            span = len(ids) * width + gap * (len(ids) - 1)
            x = (self.width() - span) / 2
            for k, note_id in enumerate(ids):
                fit = max(1, int((height - 2 * px * PAD_Y - self._extra(note_id, width, shown)) / metrics.lineSpacing()
                                 + 1e-6))
                lines = self._lines(note_id, width)
                if len(lines) > fit:
                    lines = lines[:fit - 1] + [metrics.elidedText(lines[fit - 1] + " …", Qt.TextElideMode.ElideRight,
                                                                  int(width - 2 * px * PAD_X))]
                out.append((note_id, QRectF(x + k * (width + gap), y, width, height), lines))
            y += height + row_gap
        return out

    def _trunk_text(self) -> str:
        return " · ".join(str(self.notes[i].get("text") or "") for i in self.notes if self.levels.get(i) == 0)

    # -- drawing -----------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        from canvases.tree.items import TreeLook, role_of

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(BG))
        px, head = self.text_px(), self._head_px()
        page = self.page()
        title = QFont(self.font())
        title.setPixelSize(head)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(QColor(FG))
        if page is None:
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), _("Todavía no hay notas en este lienzo."))
            return
        counter = _("Página {i} de {n} · ↑↓", i=self.index + 1, n=len(self.pages))
        room = self.width() - QFontMetrics(self._small()).horizontalAdvance(counter) - px
        heading = page.zone
        part = f"  ({page.part}/{page.parts})"
        if 1 < page.parts < len(self.pages) and QFontMetrics(title).horizontalAdvance(heading + part) <= room:
            heading += part
        heading = QFontMetrics(title).elidedText(heading, Qt.TextElideMode.ElideRight, max(1, room))
        painter.drawText(QRectF(0, 0, max(1, room), head * 1.4), int(Qt.AlignmentFlag.AlignLeft), heading)
        painter.setPen(QColor(MUTED))
        painter.setFont(self._small())
        painter.drawText(QRectF(0, 0, self.width(), head * 1.4), int(Qt.AlignmentFlag.AlignRight), counter)
        placed = self._placed()
        boxes = {note_id: box for note_id, box, _l in placed}
        arrow = QPen(QColor(MUTED), max(2.0, px / 12))
        painter.setPen(arrow)
        for source, target in self.links:  # the arrows between boxes on this page
            if source in boxes and target in boxes:
                a, b = boxes[source], boxes[target]
                above = b.center().y() < a.center().y()
                _arrow(painter, QPointF(a.center().x(), a.top() if above else a.bottom()),
                       QPointF(b.center().x(), b.bottom() if above else b.top()), px)
        if page.anchor:  # the core problem at the band's edge, the arrows to it (causes) or from it (effects)
            strip_y = self._top() if page.anchor == "above" else self.height() - self._strip()
            strip = QRectF(0, strip_y, self.width(), self._strip())
            painter.fillRect(strip, QColor("#2A2F36"))
            painter.setPen(QColor(FG))
            painter.setFont(self._small())
            inner = strip.adjusted(px * PAD_X, 0, -px * PAD_X, 0)
            trunk = _("Objetivo central") if self._objectives() else _("Problema central")
            text = QFontMetrics(self._small()).elidedText(f"{trunk}: {self._trunk_text()}",
                                                          Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignVCenter), text)
            painter.setPen(arrow)
            for note_id, box, _l in placed:
                if abs(self.levels.get(note_id, 0)) != 1:
                    continue
                if page.anchor == "above":
                    _arrow(painter, QPointF(box.center().x(), box.top()), QPointF(box.center().x(), strip.bottom()), px)
                else:
                    _arrow(painter, QPointF(box.center().x(), strip.top()), QPointF(box.center().x(), box.bottom()), px)
        look = TreeLook(editable=False)
        metrics = QFontMetrics(self._font())
        small = QFontMetrics(self._small())
        for note_id, box, lines in placed:
            fill, border, ink = look.colours(role_of(self.levels.get(note_id, 0)))
            path = QPainterPath()
            path.addRoundedRect(box, px * 0.3, px * 0.3)
            painter.setBrush(QColor(fill))
            painter.setPen(QPen(QColor(border), 2))
            painter.drawPath(path)
            painter.setPen(QColor(ink))
            painter.setFont(self._font())
            inner = box.adjusted(px * PAD_X, px * PAD_Y, -px * PAD_X, -px * PAD_Y)
            for n, line in enumerate(lines):
                painter.drawText(QRectF(inner.left(), inner.top() + n * metrics.lineSpacing(), inner.width(),
                                        metrics.lineSpacing()), int(Qt.AlignmentFlag.AlignLeft), line)
            badges, score_text = self._footer(note_id)
            leads = self._leads_to(note_id, set(boxes))
            h = small.lineSpacing()
            footer = self._footer_lines(note_id, box.width())
            y = inner.bottom() - h * (footer + (1 if leads else 0))
            painter.setFont(self._small())
            if leads:
                painter.setPen(QColor(ink))
                painter.drawText(QRectF(inner.left(), y, inner.width(), h), int(Qt.AlignmentFlag.AlignLeft),
                                 small.elidedText(leads, Qt.TextElideMode.ElideRight, int(inner.width())))
                y += h
            x = inner.left()
            for word, colour in badges:
                pill = QRectF(x, y, small.horizontalAdvance(word) + h * 0.8, h)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(pill, h / 2, h / 2)
                painter.setPen(QColor("#FFFFFF"))
                painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), word)
                x = pill.right() + h * 0.3
            if score_text:
                painter.setPen(QColor(ink))
                painter.drawText(QRectF(inner.left(), y + (h if footer == 2 else 0), inner.width(), h),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), score_text)
        painter.end()

    def _objectives(self) -> bool:
        canvas = self.ctx.doc.canvas(self.canvas_id) or {}
        return canvas.get("variant") == tree.OBJECTIVES


def _arrow(painter: QPainter, start: QPointF, end: QPointF, px: float) -> None:
    """A line from ``start`` to ``end`` with its head at ``end``."""
    line = QLineF(start, end)
    if line.length() < 1:
        return
    painter.drawLine(line)
    size = px * 0.45
    unit = line.unitVector()
    d = QPointF(unit.dx(), unit.dy())
    n = QPointF(-d.y(), d.x())
    head = QPolygonF([end, end - d * size + n * size * 0.5, end - d * size - n * size * 0.5])
    painter.setBrush(painter.pen().color())
    painter.drawPolygon(head)
