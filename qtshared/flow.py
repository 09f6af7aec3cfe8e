"""A layout that wraps its widgets onto more lines when the row is too narrow (Qt's flow layout example).

Rows of buttons (the run's controls, a panel's tools) then never make the window
wider than the screen: on a 1024-pixel screen they take two lines instead.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._width = 0  # the width last laid out at
        self._height = 0  # the height its lines needed at that width
        self.setContentsMargins(0, 0, 0, 0)

    # -- what a QHBoxLayout offers, so a toolbar row can switch layouts without other changes ----
    def addWidget(self, widget: QWidget, stretch: int = 0, alignment=None) -> None:  # noqa: N802 (Qt)
        """Stretch and alignment do not apply: each item takes its size hint, lines wrap."""
        super().addWidget(widget)

    def addSpacing(self, size: int) -> None:  # noqa: N802 (Qt)
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    def addStretch(self, stretch: int = 0) -> None:  # noqa: N802 (Qt)
        """Nothing to stretch in a flow: the rest of the last line stays empty."""

    # -- QLayout ---------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt)
        return Qt.Orientation(0)

    # Not height-for-width: a scroll area would then size a page by its preferred height and
    # scroll. Instead the minimum height is what the lines need at the width last given.
    # The height is measured at every arrangement, not only when the width changes: an item that
    # is itself a wrapping row (a flow inside a flow) grows taller at the same width once laid out.
    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt)
        super().setGeometry(rect)
        self._arrange(rect, move=True)
        self._width = rect.width()
        needed = self._arrange(QRect(0, 0, self._width, 0), move=False)
        if needed != self._height:
            self._height = needed
            self.invalidate()  # the new minimum height reaches the layouts above

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        """One line of everything (what it asks for when there is room), or the lines it now needs."""
        visible = [i for i in self._items if not i.isEmpty()]
        w = sum(i.sizeHint().width() for i in visible) + self._spacing * max(0, len(visible) - 1)
        h = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), max(h + m.top() + m.bottom(), self._height))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt)
        """As narrow as the widest item (then one item per line), as tall as the lines need now."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m: QMargins = self.contentsMargins()
        size += QSize(m.left() + m.right(), m.top() + m.bottom())
        return QSize(size.width(), max(size.height(), self._height))

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        placed: list[tuple[QLayoutItem, int, QSize]] = []  # the current line's items, placed when it is complete

        def place() -> None:  # centred on the line, as a QHBoxLayout does: a label level with the field beside it
            for item, at, size in placed:
                item.setGeometry(QRect(QPoint(at, y + (line - size.height()) // 2), size))
            placed.clear()

        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            # Never wider than the line: a row that itself wraps (a flow inside a flow) wraps there.
            hint = QSize(min(hint.width(), max(area.width(), item.minimumSize().width())), hint.height())
            if x > area.x() and x + hint.width() > area.right() + 1:
                if move:
                    place()
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                placed.append((item, x, hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        if move:
            place()
        return y + line - rect.y() + m.bottom()
