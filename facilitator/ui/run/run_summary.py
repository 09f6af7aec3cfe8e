"""The summary of a run: what was done, skipped or added, and how long each block took against its plan."""

from __future__ import annotations


from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...session.runner import format_seconds
from ...session.summary import explain, minutes_text
from .run_widgets import plain_label


class SummaryView(QWidget):
    """After the workshop: planned versus actual minutes per block and where the time went."""

    COLUMNS = (N_("Bloque"), N_("Previsto"), N_("Real"), N_("Diferencia"), N_("Notas"))
    STATES = {"skipped": N_("no se realizó"), "removed": N_("quitado de la agenda"),
              "added": N_("añadido durante el taller"), "current": N_("en curso"), "pending": N_("pendiente")}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.headline = plain_label("", self, wrap=True)
        font = QFont(self.font())
        font.setPixelSize(20)
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.COLUMNS)):
            self.table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.where_title = plain_label(_("Dónde se fue el tiempo"), self)
        self.where = plain_label("", self, wrap=True)
        for label, bold in ((self.where_title, True), (self.where, False)):
            font = QFont(self.font())
            font.setPixelSize(15)
            font.setBold(bold)
            label.setFont(font)
            layout.addWidget(label)
        layout.addStretch(1)

    def show_summary(self, summary) -> None:
        lines = explain(summary)
        self.headline.setText(lines[0])
        self.where.setText("\n".join("• " + line for line in lines[1:]) or _("Sin diferencias notables."))
        rows = list(summary.blocks)
        self.table.setRowCount(len(rows) + 1)
        for r, b in enumerate(rows):
            notes = []
            if abs(b.extension) >= 0.5:
                notes.append(_("prolongado {n} min", n=minutes_text(b.extension, True)))
            if b.state in self.STATES:
                notes.append(_(self.STATES[b.state]))
            self._row(r, [b.title or _("(bloque quitado)"), _("{n} min", n=minutes_text(b.planned)),
                          format_seconds(int(round(b.actual * 60))),
                          _("{n} min", n=minutes_text(b.delta, True)), ", ".join(notes)], b.delta)
        self._row(len(rows), [_("Total (con pausas: {n} min)", n=minutes_text(summary.paused)),
                              _("{n} min", n=minutes_text(summary.planned_total)),
                              format_seconds(int(round(summary.actual_total * 60))),
                              _("{n} min", n=minutes_text(summary.overrun, True)), ""], summary.overrun, bold=True)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _row(self, r: int, texts: list[str], delta: float, bold: bool = False) -> None:
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 3 and abs(delta) >= 0.5:
                item.setForeground(QColor("#b3261e" if delta > 0 else "#1a7f37"))
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(r, c, item)
