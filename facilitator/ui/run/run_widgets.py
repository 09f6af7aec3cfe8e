"""What the Run panel and the projector both draw: texts, clock digits, agenda bar, groups, counts.

Shared so that the two views of one run say the same thing in the same words.
Everything here redraws only when what it shows changes (the digits once a
second, the rest with the block). Colours are chosen for a projector in a lit
room: white on near-black, amber and red for time running out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import _, N_, ngettext
from ...session.room import ZoneCount, room_groups, zone_counts
from ...session.runner import RunView, Status, format_seconds
from qtshared.projection import ACCENT, ALARM_BG, BG, DANGER, FG, MUTED, WARN  # noqa: F401  (the room's palette)
from qtshared.widgets import plain_label

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext

LEVEL_COLOURS = {"idle": FG, "normal": FG, "warn": WARN, "danger": DANGER, "over": DANGER}

MEMBER_INDENT = 18  # the members' names under their group's name, in pixels

MODE_NAMES = {"individual": N_("Trabajo individual (post-it)"), "group": N_("Trabajo en grupo"),
              "plenary": N_("Plenario")}


# -- texts shared with the Run panel ----------------------------------------

NBSP = "\u00a0"
_NUMBER_UNIT = re.compile(r"(\d)[ \t]+(min|h|s)\b")
_BEFORE_MARK = re.compile(r"[ \t]+(…|[·(](?=[ \t\u00a0]*[−+-]?\d))")
_AFTER_DOT = re.compile(r"·[ \t]+(?=[−+-]?\d)")


def keep_together(text: str) -> str:
    """``text`` with no line break between a number and its unit ("20 min"), before a "…", nor around the
    "·" or "(" that brings a duration: a wrapped line never starts with "min", "…" or "· 20 min" alone."""
    text = _NUMBER_UNIT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    text = _AFTER_DOT.sub("·" + NBSP, text)
    return _BEFORE_MARK.sub(lambda m: NBSP + m.group(1), text)


def clock_text(moment) -> str:
    return moment.strftime("%H:%M") if moment is not None else ""


def mode_name(mode: str) -> str:
    return _(MODE_NAMES.get(mode, MODE_NAMES["plenary"]))


def phase_text(view: RunView) -> tuple[str, str]:
    """(now, then) for the room: the current input mode and the one that follows in the script."""
    block = view.block or (view.plan[0] if view.plan else None)
    if block is None:
        return "", ""
    modes = block.modes
    phase = min(view.phase, len(modes) - 1)
    if len(modes) == 1:
        return mode_name(modes[0]), ""
    now = _("Fase {i} de {n} · {mode}", i=phase + 1, n=len(modes), mode=mode_name(modes[phase]))
    then = _("Luego: {mode}", mode=mode_name(modes[phase + 1]).lower()) if phase + 1 < len(modes) else ""
    return now, then


def status_text(view: RunView) -> str:
    if view.status is Status.RUNNING and view.level == "over":
        return _("Tiempo cumplido")
    return {Status.READY: _("Listo para empezar"), Status.RUNNING: _("En curso"), Status.PAUSED: _("En pausa"),
            Status.FINISHED: _("Taller terminado"), Status.INTERRUPTED: _("Interrumpido")}[view.status]


def schedule_text(view: RunView) -> str:
    """«Vamos 7 min atrasados: «Cierre» empezará a las 10:57»."""
    if view.status is Status.FINISHED:
        return _("El taller terminó a las {time}.", time=clock_text(view.projected_end))
    if view.projected_end is None or view.status is Status.INTERRUPTED:
        return ""  # unknown until the facilitator says how the time without the app counts
    n = view.delay_minutes
    if view.status is Status.READY and view.planned_end is None:
        lead = _("Si empieza ahora")
    elif n > 0:
        lead = _("Vamos {n} min atrasados", n=n)
    elif n < 0:
        lead = _("Vamos {n} min adelantados", n=-n)
    else:
        lead = _("Vamos a tiempo")
    if view.last_block_start is not None and view.last_block is not None:
        tail = _("«{title}» empezará a las {time}", title=view.last_block.title,
                 time=clock_text(view.last_block_start))
    else:
        tail = _("el taller terminará a las {time}", time=clock_text(view.projected_end))
    return keep_together(f"{lead}: {tail}.")


def countdown_text(view: RunView) -> str:
    """The digits to show; empty when there is no block to time (no agenda, workshop over)."""
    if view.status is Status.READY:
        return format_seconds(int(view.plan[0].seconds)) if view.plan else ""
    if view.status is Status.FINISHED or view.block is None:
        return ""
    return format_seconds(view.shown)


def budget_text(view: RunView) -> str:
    block = view.block
    if block is None:
        return ""
    base = _("Bloque de {n} min", n=int(round(block.minutes)))
    ext = int(round(view.extension / 60))
    if ext:
        base += " " + _("({sign}{n} min)", sign="+" if ext > 0 else "−", n=abs(ext))
    return base


# -- drawing widgets ----------------------------------------------------------
class CountdownFace(QWidget):
    """The clock digits, as large as the widget allows; repaints only when they change."""

    def __init__(self, parent: QWidget | None = None, *, background: str = BG, radius: int = 0) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._text = "--:--"
        self._colour = QColor(FG)
        self._background = QColor(background)
        self._radius = radius
        self._font = QFont()
        self._font_for: tuple[int, int, int] = (0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 60))

    def text(self) -> str:
        return self._text

    def colour(self) -> str:
        return self._colour.name()

    def background(self) -> str:
        return self._background.name()

    def digit_pixel_size(self) -> int:
        return self._fitted_font().pixelSize()

    def set_face(self, text: str, colour: str, background: str | None = None) -> None:
        bg = QColor(background) if background else self._background
        if text == self._text and QColor(colour) == self._colour and bg == self._background:
            return
        self._text, self._colour, self._background = text, QColor(colour), bg
        self.update()

    def _fitted_font(self) -> QFont:
        """Largest bold font for which the widest text of this length fits (cached per size)."""
        key = (self.width(), self.height(), len(self._text))
        if key != self._font_for:
            sample = "0" * sum(ch.isdigit() for ch in self._text) + "".join(c for c in self._text if not c.isdigit())
            font = QFont(self.font())
            font.setBold(True)
            size = max(8, int(self.height() * 0.9))
            font.setPixelSize(size)
            width = QFontMetrics(font).horizontalAdvance(sample or "00:00")
            if width > self.width() * 0.94:
                font.setPixelSize(max(8, int(size * self.width() * 0.94 / width)))
            self._font, self._font_for = font, key
        return self._font

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._radius:
            painter.fillRect(self.rect(), self.palette().window())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._background)
            painter.drawRoundedRect(self.rect(), self._radius, self._radius)
        else:
            painter.fillRect(self.rect(), self._background)
        painter.setFont(self._fitted_font())
        painter.setPen(self._colour)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)


class AgendaBar(QWidget):
    """Progress through the agenda: one segment per block, sized by its minutes."""

    def __init__(self, parent: QWidget | None = None, *, dark: bool = True) -> None:
        super().__init__(parent)
        self._state: tuple = ()
        self._dark = dark
        self.setMinimumHeight(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def state(self) -> tuple:
        return self._state

    def set_view(self, view: RunView) -> None:
        budgets = [max(1.0, b.seconds) for b in view.plan]
        done = tuple(round(f, 3) for f in view.fractions)
        state = (tuple(budgets), done, view.index, view.status is Status.FINISHED)
        if state != self._state:
            self._state = state
            self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        if not self._state:
            return
        budgets, done, index, finished = self._state
        total = sum(budgets) or 1.0
        gap = 4
        width = self.width() - gap * (len(budgets) - 1)
        x = 0.0
        empty = QColor("#30363d") if self._dark else QColor("#d0d7de")
        for i, (budget, fraction) in enumerate(zip(budgets, done)):
            w = width * budget / total
            rect = QRect(int(x), 0, max(1, int(x + w) - int(x)), self.height())
            painter.fillRect(rect, empty)
            fill = 1.0 if finished and fraction > 0 else fraction
            if fill > 0:
                colour = QColor(ACCENT) if i == index and not finished else QColor("#3fb950")
                painter.fillRect(QRect(rect.x(), 0, int(rect.width() * fill), self.height()), colour)
            if i == index and not finished:
                painter.setPen(QColor(FG if self._dark else "#1f2328"))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
            x += w + gap


class FitLabel(QLabel):
    """Plain text at the largest size (up to a cap) that fits the label's box."""

    def __init__(self, parent: QWidget | None = None, *, bold: bool = False) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._bold = bold
        self._cap = 40
        self._floor = 12
        self._fitted_for: tuple = ()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt)
        return False  # the box decides the size of the text, not the other way round

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(10, 10)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(100, 40)

    def limits(self) -> tuple[int, int]:
        """(smallest, largest) type size in pixels."""
        return self._floor, self._cap

    def set_limits(self, floor: int, cap: int) -> None:
        self._floor, self._cap = floor, cap
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt)
        if text != self.text():
            super().setText(text)
            self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()

    def _fits(self, size: int) -> bool:
        font = QFont(self.font())
        font.setPixelSize(size)
        font.setBold(self._bold)
        inner = self.contentsRect()  # inside any padding a style sheet gives the label
        box = QRect(0, 0, max(1, inner.width()), 100000)
        needed = QFontMetrics(font).boundingRect(box, int(Qt.TextFlag.TextWordWrap), self.text())
        return needed.height() <= inner.height() and needed.width() <= inner.width()

    def _fit(self) -> None:
        key = (self.width(), self.height(), self.text(), self._floor, self._cap)
        if key == self._fitted_for or self.width() <= 1:
            return
        self._fitted_for = key
        lo, hi = self._floor, max(self._floor, self._cap)
        while lo < hi:  # largest size that fits
            mid = (lo + hi + 1) // 2
            if self._fits(mid):
                lo = mid
            else:
                hi = mid - 1
        font = QFont(self.font())
        font.setPixelSize(lo)
        font.setBold(self._bold)
        self.setFont(font)


class ZoneCountsView(QWidget):
    """A canvas shown as its zones and the post-its in each, per group, read from the store."""

    def __init__(self, ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.canvas_id = canvas["id"]
        self.zone: str | None = None
        self._px = 16
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._counts: list[ZoneCount] = []
        self.title = plain_label(canvas.get("title") or "", self, wrap=True)
        self._layout.addWidget(self.title)
        self._rows: list[QWidget] = []
        self.refresh()

    def counts(self) -> list[ZoneCount]:
        return self._counts

    def set_pixel_size(self, px: int) -> None:
        if px != self._px:
            self._px = px
            self._rebuild()

    def set_zone(self, zone: str | None) -> None:
        if zone != self.zone:
            self.zone = zone
            self._rebuild()

    def refresh(self) -> None:
        counts = zone_counts(self.ctx.doc.store, self.canvas_id)
        if counts != self._counts:
            self._counts = counts
            self._rebuild()

    def _rebuild(self) -> None:
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows = []
        for count in self._counts:
            frame = QFrame(self)
            focus = self.zone is None or self.zone == count.key
            frame.setObjectName("zone")
            frame.setStyleSheet(f"QFrame#zone {{ border: 3px solid {ACCENT if focus and self.zone else '#30363d'};"
                                f" border-radius: 8px; }}")
            box = QVBoxLayout(frame)
            head = plain_label(_("{label} · post-it: {n}", label=count.label, n=count.total), frame, wrap=True)
            head.setProperty("role", "zone_head")
            head.setStyleSheet(f"color: {FG if focus else MUTED}; font-weight: bold; font-size: {self._px}px;")
            box.addWidget(head)
            if count.by_group:
                parts = " · ".join(f"{name}: {n}" for name, _colour, n in count.by_group)
                detail = plain_label(parts, frame, wrap=True)
                detail.setStyleSheet(f"color: {MUTED}; font-size: {self._px}px;")
                box.addWidget(detail)
            self._layout.addWidget(frame)
            self._rows.append(frame)
        self._layout.addStretch(0)


class GroupsView(QWidget):
    """The groups and their members as the room may see them (names only with consent)."""

    def __init__(self, ctx: "WorkshopContext", parent: QWidget | None = None, *, dark: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._groups: list = []
        self._text, self._muted = (FG, MUTED) if dark else ("#1f2328", "#424a53")
        self._px = 14
        self.compact = False  # one line per group (name and head count) when the names do not fit
        self.limit: int | None = None  # at most this many lines, the last one "+N más"
        self.member_lines: int | None = None  # the members' names in at most this many lines, then "+N más"
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.refresh()

    def groups(self) -> list:
        return self._groups

    def set_compact(self, compact: bool, limit: int | None = None, member_lines: int | None = None) -> None:
        """One line per group; with ``limit``, at most that many lines, the last saying "+N más".

        Not compact, ``member_lines`` keeps each group's names to that many lines: the names
        that fit whole, then "+N más" (a long list of members leaves the room to the canvas).
        """
        if (compact, limit, member_lines) != (self.compact, self.limit, self.member_lines):
            self.compact, self.limit, self.member_lines = compact, limit, member_lines
            self.refresh(force=True)

    def _members_text(self, members: tuple[str, ...]) -> str:
        """The names, " · " between them; within ``member_lines`` lines the first names and "+N más"."""
        full = " · ".join(members)
        if self.member_lines is None or len(members) < 2:
            return full
        font = QFont(self.font())
        font.setPixelSize(self._px)
        metrics = QFontMetrics(font)
        width = max(1, self.width() - MEMBER_INDENT)
        flags = int(Qt.TextFlag.TextWordWrap)

        def lines(text: str) -> int:
            return round(metrics.boundingRect(QRect(0, 0, width, 100000), flags, text).height() / metrics.lineSpacing())

        if lines(full) <= self.member_lines:
            return full

        def more(n: int) -> str:  # one piece: "+2" never ends a line with "más" on the next
            return ngettext("+{n} más", "+{n} más", n).replace(" ", "\u00a0")

        for shown in range(len(members) - 1, 0, -1):
            text = " · ".join((*members[:shown], more(len(members) - shown)))
            if lines(text) <= self.member_lines:
                return text
        return " · ".join((members[0], more(len(members) - 1)))

    def needed_height(self, width: int) -> int:
        """The height the groups take at ``width`` as they are shown now."""
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        labels = [item.widget() for item in items if isinstance(item.widget(), QLabel)]  # shown or about to be
        for label in labels:
            label.ensurePolished()  # the style sheet's type size, before the label is first shown
        needed = sum(w.heightForWidth(width) if w.wordWrap() else w.sizeHint().height() for w in labels)
        return needed + self._layout.spacing() * max(0, len(labels) - 1)

    def set_pixel_size(self, px: int) -> None:
        """Type size in pixels (style sheets would otherwise ignore an inherited font size)."""
        if px != self._px:
            self._px = px
            self.refresh(force=True)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._claim_height()

    def _claim_height(self) -> None:
        """Ask for the height the wrapped names need at this width, so a canvas below gives way.

        Layouts size a box of wrapped labels from its width-less hint and squeeze the
        lines into each other; a minimum height computed at the real width does not.
        """
        items = (self._layout.itemAt(i) for i in range(self._layout.count()))
        if not [item for item in items if isinstance(item.widget(), QLabel)]:  # shown or about to be
            return
        needed = self.needed_height(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def refresh(self, force: bool = False) -> None:
        groups = room_groups(self.ctx.doc.store, self.ctx.workshop_id)
        if groups == self._groups and self._layout.count() and not force:
            return
        self._groups = groups
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        if not groups:
            empty = plain_label(_("Todavía no hay grupos armados."), self, wrap=True)
            empty.setStyleSheet(f"color: {self._muted}; font-size: {self._px}px;")
            self._layout.addWidget(empty)
        shown_groups, hidden = groups, 0
        if self.compact and self.limit is not None and len(groups) > self.limit:
            shown_groups = groups[:max(1, self.limit - 1)]
            hidden = len(groups) - len(shown_groups)
        for group in shown_groups:
            colour = group.colour if QColor(group.colour).isValid() else ACCENT
            shown = group.name
            if self.compact:  # the names do not fit: the head count says enough from the back row
                shown = f"{group.name} · " + ngettext("{n} persona", "{n} personas", len(group.members))
            name = plain_label(shown, self, wrap=True)
            name.setStyleSheet(f"color: {self._text}; font-weight: bold; font-size: {self._px}px;"
                               f" border-left: 10px solid {colour}; padding-left: 8px;")
            self._layout.addWidget(name)
            if self.compact:
                continue
            members = self._members_text(group.members) if group.members else _("(sin integrantes asignados)")
            label = plain_label(members, self, wrap=True)
            label.setStyleSheet(f"color: {self._muted}; font-size: {self._px}px; padding-left: {MEMBER_INDENT}px;"
                                " padding-bottom: 4px;")
            self._layout.addWidget(label)
        if hidden:
            more = plain_label(ngettext("+{n} grupo más", "+{n} grupos más", hidden), self, wrap=True)
            more.setStyleSheet(f"color: {self._muted}; font-size: {self._px}px; padding-left: 18px;")
            self._layout.addWidget(more)
        self._layout.addStretch(1)
        self._claim_height()
