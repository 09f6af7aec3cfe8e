"""Layout checks for a window at a given size: all inside, no overlapping text, nothing cut without a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QComboBox, QLabel, QLineEdit, QTabBar, QWidget)


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def _inside_scroller(widget: QWidget, top: QWidget, pages: tuple[type, ...]) -> bool:
    """Inside a list, table, view or text box (their content scrolls by design); the tab pages do not count."""
    w = widget.parentWidget()
    while w is not None and w is not top:
        if isinstance(w, QAbstractScrollArea) and not isinstance(w, pages):
            return True
        w = w.parentWidget()
    return False


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def problems(top: QWidget, pages: tuple[type, ...] = (), whole_lines: bool = False) -> list[str]:
    """What is wrong with ``top``'s layout as shown now (an empty list when it fits).

    ``whole_lines``: also a wrapped plain-text label whose lines need more height than it has
    (its last lines cut off at the bottom), e.g. the projector's instruction at its smallest type.
    """
    found: list[str] = []
    frame = top.rect()
    texts: list[tuple[QWidget, QRect]] = []
    areas: list[tuple[QWidget, QRect]] = []  # lists, views, boards: a text under one of them is hidden
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top) or _inside_scroller(widget, top, pages) or widget.window() is not top:
            continue
        rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
        name = f"{type(widget).__name__}({_text(widget)[:40]!r})"
        if not frame.adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"outside the window: {name} at {rect.getRect()}")
        if isinstance(widget, QAbstractScrollArea) and not isinstance(widget, pages):
            areas.append((widget, rect))
        text = _text(widget)
        if text and not isinstance(widget, QTabBar):
            texts.append((widget, rect))
            if isinstance(widget, QLabel) and not widget.wordWrap() and not widget.toolTip():
                needed = widget.fontMetrics().horizontalAdvance(max(text.splitlines() or [""], key=len))
                if needed > widget.contentsRect().width() + 2:
                    found.append(f"cut without a tooltip: {name} needs {needed}px, has {widget.contentsRect().width()}")
            if whole_lines and isinstance(widget, QLabel) and widget.wordWrap() \
                    and widget.textFormat() == Qt.TextFormat.PlainText:
                inner = widget.contentsRect()  # wrapped: the lines it needs at its width, against its height
                box = QRect(0, 0, max(1, inner.width()), 100000)
                needed = widget.fontMetrics().boundingRect(box, int(Qt.TextFlag.TextWordWrap), text).height()
                if needed > inner.height() + 2:
                    found.append(f"cut at the bottom: {name} needs {needed}px, has {inner.height()}")
            if isinstance(widget, QAbstractButton) and not widget.toolTip():
                if widget.sizeHint().width() > widget.width() + 2:
                    found.append(f"cut without a tooltip: {name} needs {widget.sizeHint().width()}px, "
                                 f"has {widget.width()}")
    for i, (a, ra) in enumerate(texts):
        for b, rb in texts[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            overlap = ra.intersected(rb)
            if overlap.width() > 2 and overlap.height() > 2:
                found.append(f"overlap: {type(a).__name__}({_text(a)[:30]!r}) and "
                             f"{type(b).__name__}({_text(b)[:30]!r})")
    for a, ra in texts:
        for b, rb in areas:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            overlap = ra.intersected(rb)
            if overlap.width() > 2 and overlap.height() > 2:
                found.append(f"under a {type(b).__name__}: {type(a).__name__}({_text(a)[:30]!r}) at {ra.getRect()}")
    return found


def needs_scrolling(area: QAbstractScrollArea) -> bool:
    return area.horizontalScrollBar().isVisible() or area.verticalScrollBar().isVisible()


__all__ = ["problems", "needs_scrolling", "QLineEdit"]
