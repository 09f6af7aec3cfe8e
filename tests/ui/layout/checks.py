"""Layout checks for a window at a given size: all inside, no overlapping text, nothing cut without a tooltip,
no placeholder cut (its longer hint goes in the tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QApplication, QComboBox, QLabel, QLineEdit,
                               QStyle, QStyleOptionViewItem, QTabBar, QTableView, QToolButton, QToolTip, QWidget)


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


def _arrow_over_label(widget: QWidget) -> bool:
    """A tool button that opens its menu at once: the style draws the menu's arrow in its bottom-right corner,
    over the label unless the button is wider than the label by the arrow (its size hint does not count it)."""
    if not isinstance(widget, QToolButton) or widget.menu() is None \
            or widget.popupMode() != QToolButton.ToolButtonPopupMode.InstantPopup \
            or not widget.text() or not widget.icon().isNull():
        return False
    # QCommonStyle's arrow starts (indicator - 3) px from the right edge; the label is centred
    arrow = widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, widget) - 3
    return widget.fontMetrics().horizontalAdvance(widget.text()) > widget.width() - 2 * arrow


def _tab_problems(bar: QTabBar) -> list[str]:
    """Tabs out of the bar's sight (behind its scroll arrows) and tabs whose title is shortened without a tooltip."""
    found = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        rect, title = bar.tabRect(i), bar.tabText(i)
        if not bar.rect().adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"tab out of sight (scroll arrows): {title!r} at {rect.getRect()} in a bar {bar.width()}px wide")
        elif bar.tabSizeHint(i).width() > rect.width() + 1 and title not in bar.tabToolTip(i):
            found.append(f"tab title shortened without a tooltip: {title!r}")
    return found


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
        if isinstance(widget, QLineEdit) and widget.text() and not widget.toolTip():
            needed = widget.fontMetrics().horizontalAdvance(widget.text())
            room = widget.width() - 2 * widget.style().pixelMetric(widget.style().PixelMetric.PM_DefaultFrameWidth) - 4
            if needed > room:
                found.append(f"text cut without a tooltip: QLineEdit({widget.text()[:40]!r}) needs {needed}px, "
                             f"has {room}")
        if isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
            needed = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
            room = widget.width() - 2 * widget.style().pixelMetric(widget.style().PixelMetric.PM_DefaultFrameWidth) - 4
            room -= widget.textMargins().left() + widget.textMargins().right()
            if needed > room:
                found.append(f"placeholder cut: {name} {widget.placeholderText()[:40]!r} needs {needed}px, has {room}")
        if isinstance(widget, QTabBar):
            found += _tab_problems(widget)
        text = _text(widget)
        if text and not isinstance(widget, QTabBar):
            texts.append((widget, rect))
            if isinstance(widget, QLabel) and not widget.wordWrap() and not widget.toolTip():
                needed = widget.fontMetrics().horizontalAdvance(max(text.splitlines() or [""], key=len))
                if needed > widget.contentsRect().width() + 2:
                    found.append(f"cut without a tooltip: {name} needs {needed}px, has {widget.contentsRect().width()}")
            if _arrow_over_label(widget):
                found.append(f"menu arrow over the label: {name} is {widget.width()}px wide")
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


def _cell_is_cut(view: QTableView, index, words: bool = False) -> bool:
    """Whether the cell's text, laid out as Qt paints an item (wrapped when the view wraps), does not fit its cell:
    a line or a word wider than the text's room, or more lines than its height holds (with ``words``: only a word
    wider than the room, broken or elided whatever the row's height)."""
    option = QStyleOptionViewItem()
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = view.visualRect(index)
    text = option.text
    if not text:
        return False
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    width = room.width() - 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    metrics = QFontMetrics(option.font)
    lines = text.split("\n")
    if view.wordWrap():
        if any(metrics.horizontalAdvance(word) > width for line in lines for word in line.split()):
            return True  # a word broken or elided: unreadable
        if words:
            return False
        needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 1_000_000),
                                      int(Qt.TextFlag.TextWordWrap.value), text).height()
        return needed > room.height() + 1
    if words:
        return any(metrics.horizontalAdvance(word) > width for line in lines for word in line.split())
    return (any(metrics.horizontalAdvance(line) > width for line in lines)
            or len(lines) * metrics.lineSpacing() > room.height() + 1)


def _tooltip_at(view: QTableView, index) -> str:
    """The plain text of the tooltip the view shows over the cell (as a hovering mouse would get it)."""
    rect = view.visualRect(index).intersected(view.viewport().rect())
    point = rect.center()
    QToolTip.hideText()
    QApplication.sendEvent(view.viewport(),
                           QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    tip = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    if tip and GuiQt.mightBeRichText(tip):
        document = QTextDocument()
        document.setHtml(tip)
        tip = document.toPlainText()
    return tip


def cut_cells(view: QTableView, tooltips: bool = True, hidden_columns: bool = False,
              words: bool = False) -> list[str]:
    """The cells in sight (with ``hidden_columns``, also those scrolled out sideways) whose text the view cuts
    (elided, a word broken, lines hidden; with ``words``, only a word broken or elided) and, with ``tooltips``,
    whose tooltip does not give the whole text; each as 'row r, column "header": text'."""
    found: list[str] = []
    model = view.model()
    viewport = view.viewport().rect()
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            index = model.index(row, column)
            if any(view.columnSpan(row, c) > column - c for c in range(column)):
                continue  # covered by a span to its left (a section row's title)
            rect = view.visualRect(index)
            seen = rect.intersects(viewport) or hidden_columns and rect.bottom() >= 0 and rect.top() <= viewport.bottom()
            if not seen or not _cell_is_cut(view, index, words):
                continue
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if tooltips and " ".join(text.split()) in " ".join(_tooltip_at(view, index).split()):
                continue
            header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            found.append(f"row {row + 1}, column {header!r} ({rect.width()}×{rect.height()}px): {text[:50]!r}")
    return found


def needs_scrolling(area: QAbstractScrollArea) -> bool:
    return area.horizontalScrollBar().isVisible() or area.verticalScrollBar().isVisible()


__all__ = ["cut_cells", "problems", "needs_scrolling", "QLineEdit"]
