"""The projector window: what the room reads from the back — block, instruction, clock, progress.

It is a second view of the Run panel's ``RunController``, not a copy: it redraws
from the same ``RunView`` the panel gets, when the controller says the shown
second changed. Only the countdown and the progress bar repaint each second; the
rest changes with the block. Sizes follow the window's height so the same layout
reads at 1280x720 and on a full-HD projector. High contrast: white on near-black,
amber and red for time running out, a red flash and band when time is up.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any, Sequence

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QScreen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from ...i18n import _
from ...session.runner import RunView, Status
from qtshared.projection import show_on_projector
from ..capture.join_cards import JoinCards
from .recent_notes import MIN_LIST_TEXT, SIDE_TEXT, RecentNotesView
from .rows_side import RowsSide
from .run_widgets import (
    ACCENT, ALARM_BG, BG, FG, LEVEL_COLOURS, MUTED, AgendaBar, CountdownFace, FitLabel, GroupsView, ZoneCountsView,
    clock_text, countdown_text, keep_together, phase_text, plain_label, schedule_text, status_text)

if TYPE_CHECKING:
    from qtshared.context import WorkshopContext
    from .run_controller import RunController

log = logging.getLogger(__name__)

FLASH_MS = 4000
INSTRUCTION_READABLE = 0.022  # a long instruction gets the height it needs at this part of the window's height…
CLOCK_MIN = 0.16  # …but the clock keeps at least this part of it
PAGED_KINDS = ("board", "foda")  # canvases of notes: paged when shown over the whole screen
PAGED_ROW_KINDS = ("planning_matrix", "monitoring_matrix")  # rows of initiatives: paged likewise
LISTED_KINDS = ("board", "foda", "problem_tree")  # beside the clock: their last notes, not a thumbnail


def canvas_view(ctx: "WorkshopContext", canvas: dict[str, Any], parent: QWidget | None = None) -> QWidget:
    """The block's canvas for the projector.

    Hook: if ``canvases.registry`` exists and its ``projector_view(ctx, canvas_row)``
    returns a widget (e.g. a read-only QGraphicsView of the board), that is shown;
    otherwise the canvas's zones with their post-it counts.
    """
    try:
        registry = importlib.import_module("canvases.registry")
    except ModuleNotFoundError as exc:
        if exc.name not in ("canvases", "canvases.registry"):
            log.exception("canvases.registry could not be imported")
        registry = None
    factory = getattr(registry, "projector_view", None)
    widget = None
    if factory is not None:
        try:
            widget = factory(ctx, canvas)
        except Exception:  # a broken canvas must not take the room's clock down with it
            log.exception("projector_view failed for canvas %s", canvas.get("id"))
            widget = None
    if widget is None:
        widget = ZoneCountsView(ctx, canvas)
    if parent is not None:
        widget.setParent(parent)
    return widget


class ProjectorWindow(QWidget):
    """Full screen on a second screen when there is one, otherwise a movable window."""

    def __init__(self, controller: "RunController", ctx: "WorkshopContext",
                 actions: Sequence[QAction] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.ctx = ctx
        self.setWindowTitle(_("Papelógrafo · Proyector"))
        self.setObjectName("projector")
        self.setStyleSheet(f"QWidget#projector {{ background: {BG}; }} QLabel {{ color: {FG}; background: transparent; }}")
        self.setAutoFillBackground(True)
        self.setMinimumSize(640, 360)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so the room keys reach it when it is active
        self.addActions(list(actions))
        leave = QAction(self)
        leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        leave.triggered.connect(self._escape)
        full = QAction(self)
        full.setShortcut(QKeySequence(Qt.Key.Key_F11))
        full.triggered.connect(self.toggle_full_screen)
        self.addActions([leave, full])
        for key, step in ((Qt.Key.Key_Down, 1), (Qt.Key.Key_Up, -1)):  # the paged canvas (Lienzo en grande)
            turn = QAction(self)
            turn.setShortcut(QKeySequence(key))
            turn.triggered.connect(lambda _c=False, s=step: self.turn_page(s))
            self.addAction(turn)
        rotate = QAction(self)
        rotate.setShortcut(QKeySequence(Qt.Key.Key_A))
        rotate.triggered.connect(self.toggle_rotation)
        self.addAction(rotate)
        self.rotating = False
        self._flashing = False
        self._fitting = False
        self._fit_pending = False
        from ..capture.bridge import CaptureBridge

        self.capture = CaptureBridge.of(ctx.signals)
        hide_join = QAction(self)
        hide_join.setShortcut(QKeySequence(Qt.Key.Key_J))  # the join codes: show / hide
        hide_join.triggered.connect(lambda: self.capture.set_projector(join=not self.capture.show_join))
        self.addAction(hide_join)
        self._canvas_id: str | None = None
        self._canvas_widget: QWidget | None = None
        self.canvas_large = False  # the block's canvas over the whole screen, the clock in the corner
        self._zone_shown: tuple[QWidget, Any] | None = None  # (widget, block) whose zone the pages opened on
        self._structure: tuple = ()
        self._build()
        controller.changed.connect(self.show_view)
        controller.alert.connect(self._on_alert)
        ctx.signals.changed.connect(self._on_document)
        self.show_view(controller.view)
        self.capture.projector_changed.connect(self.show_capture)
        self.capture.phones_changed.connect(self._phones_changed)
        self.show_capture()

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self._root = root
        self.bar = AgendaBar(self)
        root.addWidget(self.bar)
        top = QHBoxLayout()
        self.title = FitLabel(self, bold=True)
        top.addWidget(self.title, 1)
        corner = QVBoxLayout()
        self.mini = plain_label("", self)  # the countdown, small, while the canvas fills the screen
        self.mini.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.mini.hide()
        corner.addWidget(self.mini)
        self.wall = plain_label("", self)
        self.position = plain_label("", self)
        for label in (self.wall, self.position):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            corner.addWidget(label)
        corner.addStretch(1)
        top.addLayout(corner)
        root.addLayout(top)
        self.mode = FitLabel(self, bold=True)  # shrinks (and wraps) rather than cut "Luego: …"
        self.mode.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        root.addWidget(self.mode)
        middle = QHBoxLayout()
        self._middle = middle
        left = QVBoxLayout()
        self._left = left
        self.band = plain_label("", self)
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.band)
        self.countdown = CountdownFace(self)
        self.countdown.installEventFilter(self)
        left.addWidget(self.countdown, 5)
        self.instruction = FitLabel(self)
        left.addWidget(self.instruction, 5)
        middle.addLayout(left, 3)
        self.side = QWidget(self)
        self.side.installEventFilter(self)  # its size decides how much of the group list fits
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        self.groups_title = plain_label(_("Grupos"), self.side)
        self.groups = GroupsView(self.ctx, self.side)
        self.groups.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        self.canvas_title = plain_label("", self.side, wrap=True)  # a long canvas title wraps
        self.canvas_box = QVBoxLayout()
        side.addWidget(self.groups_title)
        side.addWidget(self.groups)
        side.addWidget(self.canvas_title)
        side.addLayout(self.canvas_box, 1)
        middle.addWidget(self.side, 2)
        root.addLayout(middle, 9)
        join = QHBoxLayout()
        self.join_cards = JoinCards(dark=True, recorder=False, parent=self)
        self.phones = plain_label("", self)
        self.phones.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        join.addWidget(self.join_cards, 1)
        join.addWidget(self.phones)
        root.addLayout(join)
        bottom = QHBoxLayout()
        self.next_label = plain_label("", self, wrap=True)
        self.end_label = plain_label("", self, wrap=True)
        self.end_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.next_label, 1)
        bottom.addWidget(self.end_label, 1)
        root.addLayout(bottom)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        """Type sizes from the window height: at 720 px the title is 52 px, the clock about 250 px."""
        h = max(360, self.height())
        m = int(h * 0.03)
        self._root.setContentsMargins(m * 2, m, m * 2, m)
        self._root.setSpacing(int(m * 0.6))
        self.bar.setFixedHeight(max(8, int(h * 0.022)))
        large = self._large()  # the countdown in the corner is the time that counts: twice the wall clock
        for label, factor, bold in ((self.position, 0.034, False), (self.wall, 0.04 if large else 0.05, not large),
                                    (self.mini, 0.09, True),
                                    (self.band, 0.045, True), (self.next_label, 0.036, False),
                                    (self.end_label, 0.036, True), (self.groups_title, 0.034, True),
                                    (self.canvas_title, 0.034, True)):
            font = QFont(self.font())
            font.setPixelSize(max(12, int(h * factor)))
            font.setBold(bold)
            label.setFont(font)
        self.join_cards.set_side(max(96, int(h * 0.2)))  # scannable from the back of a room
        font = QFont(self.font())
        font.setPixelSize(max(12, int(h * 0.034)))
        font.setBold(True)
        self.phones.setFont(font)
        side_px = max(12, int(h * 0.03))
        self.groups.set_pixel_size(side_px)
        if isinstance(self._canvas_widget, ZoneCountsView):
            self._canvas_widget.set_pixel_size(side_px)
        self.title.setFixedHeight(int(h * 0.125))  # two lines of a long title, one of a short one
        self.band.setFixedHeight(int(h * 0.075))
        self.title.set_limits(max(14, int(h * 0.035)), max(18, int(h * 0.064)))
        self.instruction.set_limits(max(11, int(h * 0.017)), max(14, int(h * 0.044)))
        self.mode.setFixedHeight(int(h * 0.06))
        self.mode.set_limits(max(11, int(h * 0.02)), max(14, int(h * 0.04)))
        self._fit_groups()

    def _fit_groups(self) -> None:
        """Members' names when they fit; one line per group (name, head count) beside a canvas or when they do not."""
        if not self.groups.isVisibleTo(self) or self._fitting:
            return
        self._fitting = True  # rebuilding the list resizes the side, which would call this again
        try:
            self._fit_group_lines()
        finally:
            self._fitting = False

    def _fit_group_lines(self) -> None:
        """All the names; else each group's names in two lines, then one, then "+N más"; else one line per
        group; else fewer groups and "+N grupos más".

        Beside a list (the last notes, the initiatives) the groups leave it the height for ``SIDE_TEXT``
        of the screen (``wanted_height``); when even one line per group does not leave that, they keep
        that line per group and give up groups ("+N grupos más") only below the list's smallest type.
        Beside another canvas they take at most half the side.
        """
        side = self.side.height() - self.groups_title.sizeHint().height()
        width = max(1, self.side.width())
        rooms = [side]
        if self._canvas_widget is not None:
            title = self.canvas_title.heightForWidth(width) if self.canvas_title.text() else 0
            wanted = getattr(self._canvas_widget, "wanted_height", None)
            if wanted is not None:
                spacing = 2 * self.side.layout().spacing()
                rooms = [side - title - spacing - wanted(self.height(), share) for share in (SIDE_TEXT, MIN_LIST_TEXT)]
            else:
                rooms = [side // 2 - title]
        for compact, lines in ((False, None), (False, 2), (False, 1), (True, None)):
            self.groups.set_compact(compact, None, lines)
            if self.groups.needed_height(width) <= rooms[0]:
                return
        room = rooms[-1]
        limit = len(self.groups.groups())
        while limit > 1 and self.groups.needed_height(width) > room:  # fewer lines, the last "+N más"
            limit -= 1
            self.groups.set_compact(True, limit)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if watched is self.side and event.type() == QEvent.Type.Resize:
            self._fit_groups()
        elif watched is self.countdown and event.type() == QEvent.Type.Resize:
            self._schedule_fit()  # the rows above changed the column's height
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._apply_sizes()
        self._schedule_fit()

    def _schedule_fit(self) -> None:
        """Share the column once the layout has settled (the rows above it move as the block changes)."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_instruction)  # not after the window is gone

    def _fit_instruction(self) -> None:
        """Share the column under the band between the clock and the instruction.

        Half each while the instruction reads at ``INSTRUCTION_READABLE`` of the window's height in
        its half; a longer one takes the height it needs at that size, leaving the clock at least
        ``CLOCK_MIN`` of the height (its digits still the largest thing on the screen).
        """
        self._fit_pending = False
        clock, text = self.countdown, self.instruction
        if not (clock.isVisibleTo(self) and text.isVisibleTo(self)) or not text.text():
            self._left.setStretch(1, 5)
            self._left.setStretch(2, 5)
            return
        spacing = self._left.spacing()
        total = self._left.geometry().height() - spacing  # the column, less the band above the clock
        if self.band.isVisibleTo(self):
            total -= self.band.height() + spacing
        font = QFont(text.font())
        font.setPixelSize(max(text.limits()[0], round(self.height() * INSTRUCTION_READABLE)))
        inner = text.contentsRect().width()
        needed = QFontMetrics(font).boundingRect(QRect(0, 0, max(1, inner), 100000),
                                                  int(Qt.TextFlag.TextWordWrap), text.text()).height()
        share = min(max(needed, total // 2), max(total // 2, total - round(self.height() * CLOCK_MIN)))
        stretch = (5, 5) if share <= total // 2 else (total - share, share)
        if (self._left.stretch(1), self._left.stretch(2)) != stretch:
            self._left.setStretch(1, stretch[0])
            self._left.setStretch(2, stretch[1])

    # -- following the runner ---------------------------------------------
    def show_view(self, view: RunView) -> None:
        changed = self._show_structure(view)
        clock_shown = self.countdown.isVisibleTo(self)
        level = view.level
        colour = LEVEL_COLOURS.get(level, FG)
        if view.status in (Status.PAUSED, Status.INTERRUPTED):
            colour = MUTED
        background = ALARM_BG if self._flashing else BG
        digits = countdown_text(view)
        self.countdown.set_face(digits, FG if self._flashing else colour, background)
        large = self._large()
        self.countdown.setVisible(bool(digits) and not large)
        if changed or clock_shown != self.countdown.isVisibleTo(self):  # a new instruction, or the clock back
            self._schedule_fit()
        self.mini.setText(digits)
        self.mini.setStyleSheet(f"color: {FG if self._flashing else colour}; background: {background};"
                                " border-radius: 6px; padding: 0 8px;")
        self.mini.setVisible(bool(digits) and large)
        self.bar.set_view(view)
        band = status_text(view)
        if (view.status is Status.RUNNING and level != "over") or view.status is Status.FINISHED:
            band = ""  # while the block runs, the clock's colour says enough
        self.band.setText(band.upper())
        band_bg = ALARM_BG if level == "over" and view.status is Status.RUNNING else (
            "#6e5600" if view.status in (Status.PAUSED, Status.INTERRUPTED) else "transparent")
        self.band.setStyleSheet(f"color: {FG}; background: {band_bg}; border-radius: 6px; padding: 4px;")
        self.end_label.setText(schedule_text(view))
        self.wall.setText(clock_text(view.now))

    def _show_structure(self, view: RunView) -> bool:
        """What changes with the block, not with the second (True when it changed)."""
        block = view.block or (view.plan[0] if view.plan and view.status is Status.READY else None)
        key = (view.status, view.index, view.plan, view.phase)
        if key == self._structure:
            return False
        self._structure = key
        rows = {b["id"]: b for b in self.ctx.doc.blocks(self.ctx.workshop_id)}
        row = rows.get(block.id, {}) if block else {}
        if view.status is Status.FINISHED:  # thanks, and the closing block's next steps stay up
            self.title.setText(_("¡Gracias por participar!"))
            self.instruction.setText(str(row.get("instruction") or ""))
            self.position.setText(_("Taller terminado"))
        else:
            self.title.setText(block.title if block else _("Sin bloques en la agenda"))
            self.instruction.setText(str(row.get("instruction") or ""))
            i = (view.index if view.index is not None else 0) + 1
            self.position.setText(_("Bloque {i} de {n}", i=i, n=len(view.plan)) if view.plan else "")
        now, then = phase_text(view)
        self.mode.setText(f"{now}  ·  {then}" if then else now)
        self.mode.setVisible(bool(now) and view.status is not Status.FINISHED)
        # Padding as margins, not style sheet padding: the fitted type size must see the inner box.
        self.mode.setContentsMargins(12, 2, 12, 2)
        self.mode.setStyleSheet(f"color: {BG}; background: {ACCENT}; border-radius: 6px;")
        upcoming = view.upcoming if view.status is not Status.READY else view.plan[1:]
        if view.status is Status.FINISHED or not upcoming:
            self.next_label.setText("")
        else:
            nxt = upcoming[0]
            self.next_label.setText(keep_together(_("A continuación: {title} ({n} min)", title=nxt.title,
                                                    n=int(round(nxt.minutes)))))
        self._show_canvas(row if view.status is not Status.FINISHED else {})
        large = self._large()
        show_groups = bool(block) and "group" in block.modes and view.status is not Status.FINISHED and not large
        self.groups_title.setVisible(show_groups)
        if show_groups:
            self.groups.refresh()  # groups formed while it was hidden (it only follows edits while shown)
        self.groups.setVisible(show_groups)
        self._root.invalidate()  # shown and hidden rows (the phase, the side) take their new places now
        self._relayout()
        self.side.setVisible(show_groups or self._canvas_widget is not None)
        for widget in (self.band, self.instruction, self.position):  # the corner keeps the clocks only
            widget.setVisible(not large)
        self._middle.setStretch(0, 0 if large else 3)
        return True

    def retranslate(self) -> None:
        """The language changed: the same window, in the new words (its canvas view is made again)."""
        self.setWindowTitle(_("Papelógrafo · Proyector"))
        self.groups_title.setText(_("Grupos"))
        self.groups.refresh(force=True)
        self._canvas_id = ""  # not a canvas id: the block's canvas view is rebuilt in the new language
        self._structure = ()
        self.show_view(self.controller.view)

    def _large(self) -> bool:
        return self.canvas_large and self._canvas_widget is not None

    def set_canvas_large(self, large: bool) -> None:
        """Show the block's canvas over the whole screen (the countdown moves to the corner), or beside the clock."""
        self.canvas_large = large
        self._structure = ()
        self._canvas_id = ""  # made again: paged notes over the whole screen, the live canvas beside the clock
        self.show_view(self.controller.view)
        self._relayout()

    def _relayout(self) -> None:
        """Apply the new arrangement now (the canvas moves between the side and the whole screen)."""
        self._root.activate()
        self.side.layout().activate()
        self._fit_groups()

    def _show_canvas(self, row: dict[str, Any]) -> None:
        canvas_id = row.get("canvas_id")
        if canvas_id != self._canvas_id:
            if self._canvas_widget is not None:
                self.canvas_box.removeWidget(self._canvas_widget)
                if hasattr(self._canvas_widget, "shutdown"):
                    self._canvas_widget.shutdown()
                self._canvas_widget.hide()  # until the event loop deletes it, it would still show
                self._canvas_widget.deleteLater()
                self._canvas_widget = None
            self._canvas_id = canvas_id
            canvas = self.ctx.doc.canvas(canvas_id) if canvas_id else None
            if canvas is not None and self.canvas_large and canvas.get("kind") in PAGED_KINDS:
                # Over the whole screen the notes are read, not glimpsed: a zone and a group at a time.
                from .notes_pager import NotesPager

                self._canvas_widget = NotesPager(self.ctx, canvas, self.side)
            elif canvas is not None and self.canvas_large and canvas.get("kind") == "problem_tree":
                # A whole tree on the screen is a thumbnail: its rows in the notes' type, a band a page.
                from .tree_pager import TreePager

                self._canvas_widget = TreePager(self.ctx, canvas, self.side)
            elif canvas is not None and self.canvas_large and canvas.get("kind") in PAGED_ROW_KINDS:
                # The planning matrix and the monitoring sheet: a page of initiatives at a time, read from the back.
                from .rows_pager import rows_pager

                self._canvas_widget = rows_pager(self.ctx, canvas, self.side)
            elif canvas is not None and not self.canvas_large and canvas.get("kind") in LISTED_KINDS:
                # A thumbnail of a whole canvas is grey lines from the back; what was just written reads.
                self._canvas_widget = RecentNotesView(self.ctx, canvas, self.side)
            elif canvas is not None and not self.canvas_large and canvas.get("kind") in PAGED_ROW_KINDS:
                # The whole matrix in a narrow column cut its words: a short card per initiative, paged.
                self._canvas_widget = RowsSide(self.ctx, canvas, self.side)
            elif canvas is not None:
                self._canvas_widget = canvas_view(self.ctx, canvas, self.side)
            if canvas is not None:
                # The groups keep the height their wrapped names need; the canvas takes what is left
                # (and the whole screen with "Lienzo en grande").
                self._canvas_widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
                self._canvas_widget.setMinimumSize(0, 0)
                if hasattr(self._canvas_widget, "set_rotating"):
                    self._canvas_widget.set_rotating(self.rotating)
                self.canvas_box.addWidget(self._canvas_widget)
                listed = isinstance(self._canvas_widget, RecentNotesView)
                self.canvas_title.setText(_("Últimas notas") if listed else canvas.get("title") or "")
                self._apply_sizes()
        # The method canvases' projections carry their own title; a board's does not.
        board = self._canvas_widget is not None and (self.ctx.doc.canvas(self._canvas_id) or {}).get("kind") == "board"
        paged = hasattr(self._canvas_widget, "turn")  # the pages carry their zone and group
        listed = isinstance(self._canvas_widget, (RecentNotesView, RowsSide))  # titled by the label above them
        self.canvas_title.setVisible((board and not paged) or listed or isinstance(self._canvas_widget, ZoneCountsView))
        if isinstance(self._canvas_widget, ZoneCountsView):
            self._canvas_widget.set_zone(row.get("zone"))
            self._canvas_widget.title.hide()
        elif hasattr(self._canvas_widget, "set_zone"):
            # Pages open on the block's own zone: when the block starts, or the canvas is shown anew,
            # never at every tick (the facilitator may have turned the pages since).
            if self._zone_shown is None or self._zone_shown[0] is not self._canvas_widget \
                    or self._zone_shown[1] != row.get("id"):
                self._zone_shown = (self._canvas_widget, row.get("id"))
                self._canvas_widget.set_zone(self._block_zone(row))

    def _block_zone(self, row: dict[str, Any]) -> str | None:
        """The zone the block is about: its own, else the one its title names first (None: the whole canvas)."""
        from ...domain.zones import read_zones
        from ...session.pages import block_zone

        canvas = self.ctx.doc.canvas(self._canvas_id) if self._canvas_id else None
        if canvas is None:
            return row.get("zone")
        zones = canvas["zones"] if isinstance(canvas["zones"], list) else read_zones(canvas["zones"])
        return block_zone(row, zones)

    def turn_page(self, step: int) -> None:
        if hasattr(self._canvas_widget, "turn"):
            self._canvas_widget.turn(step)

    def toggle_rotation(self) -> None:
        """Let the paged canvas turn its pages by itself (A), or stop it."""
        self.rotating = not self.rotating
        if hasattr(self._canvas_widget, "set_rotating"):
            self._canvas_widget.set_rotating(self.rotating)

    def canvas_widget(self) -> QWidget | None:
        return self._canvas_widget

    def _on_document(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"workgroup", "attendance", "participant"} and self.groups.isVisible():
            self.groups.refresh()
        if isinstance(self._canvas_widget, ZoneCountsView) and tables & {"note", "workgroup", "canvas"}:
            self._canvas_widget.refresh()
        if tables & {"block", "canvas"}:
            self._structure = ()
            self.show_view(self.controller.view)

    # -- joining from phones ---------------------------------------------------
    def show_capture(self, rebuild: bool = True) -> None:
        """The join codes while this workshop's capture is open (J hides them), and the phones connected."""
        server = self.capture.server if self.capture.is_open else None
        if server is not None and server.options.workshop_id != self.ctx.workshop_id:
            server = None
        if rebuild:
            self.join_cards.show_server(server if self.capture.show_join else None)
            self._apply_sizes()
        self.join_cards.setVisible(server is not None and self.capture.show_join)
        self.phones.setText(_("Teléfonos conectados: {n}", n=self.capture.phones) if server is not None else "")
        self.phones.setVisible(server is not None and self.capture.show_count)

    def _phones_changed(self, _count: int) -> None:
        self.show_capture(rebuild=False)

    # -- end of block -------------------------------------------------------
    def _on_alert(self, kind: str) -> None:
        if kind != "end":
            return
        self._flashing = True
        self.show_view(self.controller.view)
        QTimer.singleShot(FLASH_MS, self._stop_flash)

    def _stop_flash(self) -> None:
        self._flashing = False
        self.show_view(self.controller.view)

    def is_flashing(self) -> bool:
        return self._flashing

    # -- placement ------------------------------------------------------------
    def place(self, facilitator: QScreen | None = None) -> None:
        """Full screen on another screen if one is connected; otherwise a 1280x720 window."""
        show_on_projector(self, facilitator)
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # its focus widget when activated: the keys work

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _escape(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.close()
