"""What the workspace's tabs share: the process, a left/right splitter, buttons that follow read-only."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget


class TwoPanes(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.doc = ctx.doc
        self.pid = self.doc.process["id"]
        self._loading = False
        self.splitter = QSplitter(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

    def pane(self) -> QVBoxLayout:
        """A new column of the splitter, to fill."""
        widget = QWidget()
        self.splitter.addWidget(widget)
        return QVBoxLayout(widget)

    def buttons(self, layout, *specs: tuple[str, object]) -> list[QPushButton]:
        """Push buttons (text, slot) added to ``layout``; disabled in a read-only file."""
        made = []
        for text, slot in specs:
            button = QPushButton(text)
            button.clicked.connect(slot)
            button.setEnabled(not self.doc.readonly)
            layout.addWidget(button)
            made.append(button)
        return made
