"""Small widget helpers shared by the panels."""

from __future__ import annotations

from html import escape
from typing import Any

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
