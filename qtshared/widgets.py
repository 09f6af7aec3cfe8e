"""Small widget helpers shared by the panels."""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False, name: str = "") -> QLabel:
    """A label for user text: never interpreted as markup (a participant's "<b>" stays "<b>").

    ``name`` sets the object name the style sheet uses (e.g. "Muted", "SectionTitle").
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text as typed, line breaks and spaces included.

    Qt guesses whether a tooltip is rich text, so a participant's "<b>x</b>" would
    turn bold and "<img src=x>" would try to load an image. The text is escaped
    inside an explicit paragraph that keeps its white space; '' stays '' (no tooltip).
    """
    return f"<p style='white-space:pre-wrap'>{escape(text)}</p>" if text else ""


def tooltip_says_choice(combo: QComboBox) -> QComboBox:
    """Keep ``combo``'s tooltip on its current choice: Qt clips a choice wider than the combo, without «…»."""
    combo.currentTextChanged.connect(lambda text: combo.setToolTip(plain_tooltip(text)))
    combo.setToolTip(plain_tooltip(combo.currentText()))
    return combo


def preview(text: str, limit: int = 160) -> str:
    """The start of a long text for a list entry: whole words, "…" where it was cut (the full text
    goes in a tooltip, :func:`plain_tooltip`). A first word longer than ``limit`` is cut inside."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def held_until_deleted(owner: object, name: str, widget: QWidget) -> QWidget:
    """Set ``owner.<name>`` to ``widget`` and back to None once the widget is deleted.

    For windows that delete themselves when closed (``WA_DeleteOnClose``, e.g. a
    projection the user closes with Esc): the owner never holds a dead widget, and a
    newer widget already put in its place is left alone.
    """
    setattr(owner, name, widget)
    widget.destroyed.connect(lambda *_a: getattr(owner, name, None) is widget and setattr(owner, name, None))
    return widget


def combo_entries(combo: QComboBox) -> list[tuple[Any, str]]:
    """(data, text) of each item: what a canvas switcher shows, to compare with what it should (ids and titles)."""
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


class CanvasSwitcher:
    """The "which canvas" chooser of a canvas panel: a caption and a combo, shown only when there are several.

    The panel puts ``label`` and ``combo`` in its tool bar; choosing in the combo calls ``choose(canvas_id)``.
    """

    def __init__(self, caption: str, name: str, choose: Callable[[Any], None]) -> None:
        self.label = plain_label(caption)
        self.combo = QComboBox()
        self.combo.setAccessibleName(name)
        self.combo.activated.connect(lambda _i: choose(self.combo.currentData()))

    def shows(self, entries: list[tuple[Any, str]]) -> bool:
        """Whether the combo lists exactly these (id, title) entries (a canvas added, removed or renamed: no)."""
        return combo_entries(self.combo) == entries

    def set_entries(self, entries: list[tuple[Any, str]], current: Any) -> bool:
        """List the (id, title) entries and select ``current``; False when ``current`` is not among them.

        The panel then shows ``first()`` instead (None when the workshop has no such canvas).
        """
        self.combo.blockSignals(True)
        self.combo.clear()
        for canvas_id, title in entries:
            self.combo.addItem(title, canvas_id)
        self.combo.blockSignals(False)
        several = len(entries) > 1
        self.label.setVisible(several)
        self.combo.setVisible(several)
        index = self.combo.findData(current) if current is not None else -1
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0

    def first(self) -> Any:
        return self.combo.itemData(0) if self.combo.count() else None

    def ids(self) -> list[Any]:
        """The canvases listed, in order."""
        return [self.combo.itemData(i) for i in range(self.combo.count())]

    def select(self, canvas_id: Any) -> None:
        """Show ``canvas_id`` as the chosen one (no signal: the panel is already showing it)."""
        index = self.combo.findData(canvas_id) if canvas_id is not None else -1
        if index >= 0:
            self.combo.setCurrentIndex(index)


def window_keys(widget: QWidget, event: QKeyEvent) -> bool:
    """The keys of a view shown as a window of its own (a projection): Esc leaves full screen, then
    closes; F11 toggles full screen. True when ``event`` was one of them (the caller passes others on)."""
    if not widget.isWindow() or event.key() not in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
        return False
    if widget.isFullScreen():
        widget.showNormal()
    elif event.key() == Qt.Key.Key_Escape:
        widget.close()
    else:
        widget.showFullScreen()
    return True
