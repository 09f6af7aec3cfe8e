"""The skeleton every canvas panel shares: which canvas is shown, following the file, the projector, the end.

A workshop tab of one canvas kind (board, FODA, tree, planning, monitoring) lists
the workshop's canvases of that kind in a switcher, shows one, follows the file
(a canvas added, renamed or removed — also by undo — changes the switcher; the
shown canvas going away tears its widgets down and shows the next one or the
empty page), puts the shown canvas on the projector and lets go of everything
when the tab goes. A panel extends ``CanvasPanel`` and fills in what is its own:

* ``kind`` (the registry key) and ``_build()``, which starts with ``top_bar()`` (the
  layout and a tool bar holding the canvas switcher);
* ``open_canvas(canvas_id)`` / ``close_canvas()``: build and tear down the widgets of
  one canvas; ``show_empty()``: the page for a workshop without such a canvas;
* optionally ``files_changed(tables, changes)`` (other tables it follows),
  ``projector_window()`` (default: the kind's projector view from the registry),
  ``canvas_title(row)``, ``focus_zone(block)``, ``teardown()`` (before it goes).

The subclass's ``__init__`` sets its own attributes, calls ``_build()`` and then
``follow_file()``, which connects to the file's changes and shows the first canvas.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from facilitator import kinds
from facilitator.i18n import _
from facilitator.store.db import Change

from .context import WorkshopContext
from .projection import show_on_projector
from .widgets import CanvasSwitcher, held_until_deleted


_NOTHING = object()  # before the first show_canvas


class CanvasPanel(QWidget):
    kind: str = ""  # the kind registry's key of the canvases this panel shows
    switcher: CanvasSwitcher

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = ctx.doc
        self.read_only = ctx.doc.readonly
        self.canvas_id: str | None = None
        self.projected: QWidget | None = None
        self._following = False
        self._shown: object = _NOTHING  # the canvas whose widgets are up (None: the empty page)

    def follow_file(self) -> None:
        """Start following the file's changes and show the first canvas (end of the subclass's ``__init__``)."""
        self.ctx.signals.changed.connect(self._file_changed)
        self._following = True
        self._reload_canvases()

    # -- building blocks ---------------------------------------------------------------------------------
    def top_bar(self, caption: str, name: str) -> tuple[QVBoxLayout, QHBoxLayout]:
        """The panel's layout and its tool bar, which starts with the canvas switcher (``caption`` beside it).

        The panel adds its own tools to the bar and adds the bar to the layout when done.
        """
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.switcher = CanvasSwitcher(caption, name, self.show_canvas)
        self.canvas_label, self.canvas_combo = self.switcher.label, self.switcher.combo
        top.addWidget(self.canvas_label)
        top.addWidget(self.canvas_combo)
        return outer, top

    def tool_button(self, row: QHBoxLayout, text: str, tip: str, slot: Callable[[], Any], *, push: bool = False,
                    keep_focus: bool = True) -> QAbstractButton:
        """A tool-bar button added to ``row``; ``keep_focus``: clicking leaves the keyboard where it was."""
        button: QAbstractButton = QPushButton() if push else QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        if keep_focus:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _c=False: slot())
        row.addWidget(button)
        return button

    def bind_key(self, sequence: str | QKeySequence | QKeySequence.StandardKey, slot: Callable[[], Any]) -> None:
        """A shortcut that works anywhere inside the panel (the capture field included)."""
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- which canvases ----------------------------------------------------------------------------------
    def kind_canvases(self) -> list[dict[str, Any]]:
        """The workshop's canvases of this panel's kind, in their order."""
        return [c for c in self.doc.canvases(self.ctx.workshop_id) if c["kind"] == self.kind]

    def canvas_title(self, row: dict[str, Any]) -> str:
        return row["title"] or _(kinds.kind(self.kind).title)

    def canvas_entries(self) -> list[tuple[str, str]]:
        """(id, title) of the workshop's canvases of this kind, as the switcher shows them."""
        return [(c["id"], self.canvas_title(c)) for c in self.kind_canvases()]

    def _reload_canvases(self) -> None:
        kept = self.switcher.set_entries(self.canvas_entries(), self.canvas_id)
        self.show_canvas(self.canvas_id if kept else self.switcher.first())

    # -- showing one -------------------------------------------------------------------------------------
    def show_canvas(self, canvas_id: str | None) -> None:
        """Show one canvas of this kind (None: the empty page); the shown one's widgets go first."""
        if canvas_id == self._shown:
            return
        if canvas_id is not None and canvas_id not in self.switcher.ids():
            return  # not a canvas of this kind in this workshop
        if self._shown is not None and self._shown is not _NOTHING:
            self.close_canvas()
        self.canvas_id = canvas_id
        self._shown = canvas_id
        self.switcher.select(canvas_id)
        if canvas_id is None:
            self.show_empty()
        else:
            self.open_canvas(canvas_id)

    def open_canvas(self, canvas_id: str) -> None:
        raise NotImplementedError

    def close_canvas(self) -> None:
        raise NotImplementedError

    def show_empty(self) -> None:
        raise NotImplementedError

    # -- following the file ------------------------------------------------------------------------------
    def _file_changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if "canvas" in tables and not self.switcher.shows(self.canvas_entries()):
            self._reload_canvases()  # a canvas of this kind added, removed or renamed (undo included)
        self.files_changed(tables, changes)

    def files_changed(self, tables: set[str], changes: list[Change]) -> None:
        """The file changed (after the switcher has followed): refresh what else the panel shows."""

    # -- the projector -----------------------------------------------------------------------------------
    def projector_window(self) -> QWidget | None:
        """A new read-only view of the shown canvas for the projector (the kind's registered view)."""
        module, _sep, name = kinds.kind(self.kind).projector_view.partition(":")
        return getattr(importlib.import_module(module), name)(self.ctx, self.doc.canvas(self.canvas_id))

    def project(self) -> QWidget | None:
        """Show the canvas on the projector screen in a window of its own (Esc closes it), following edits live."""
        if self.canvas_id is None or self.doc.canvas(self.canvas_id) is None:
            return None
        self.close_projection()
        window = self.projector_window()
        if window is None:
            return None
        window.setWindowFlag(Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # Esc closes it: it must stop following the file
        held_until_deleted(self, "projected", window)
        show_on_projector(window, self.screen())
        return window

    def close_projection(self) -> None:
        if self.projected is not None:
            self.projected.close()

    # -- tab life ----------------------------------------------------------------------------------------
    def activate(self) -> None:
        """The tab is shown: the panel's main widget takes the keyboard."""

    def focus_block(self, block_id: str) -> bool:
        """Show the canvas an agenda block works on (and its zone); False if it is not one of this panel's."""
        block = self.doc.store.get("block", block_id)
        if block is None or block["canvas_id"] not in self.switcher.ids():
            return False
        self.show_canvas(block["canvas_id"])
        self.focus_zone(block)
        self.activate()
        return True

    def reveal(self, item_id: str) -> None:
        """Select and scroll to one item of the shown canvas (a search hit); panels that can, override."""

    def focus_zone(self, block: dict[str, Any]) -> None:
        """The block's zone becomes the current one (panels with zones)."""

    def teardown(self) -> None:
        """Commit what is being typed, let go of models, timers and forms (before the panel goes)."""

    def shutdown(self) -> None:
        """The tab goes: close the projection, let go, stop following the file."""
        self.close_projection()
        self.teardown()
        if self._following:
            self.ctx.signals.changed.disconnect(self._file_changed)
            self._following = False
