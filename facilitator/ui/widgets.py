"""Small widget helpers shared by the panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


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
