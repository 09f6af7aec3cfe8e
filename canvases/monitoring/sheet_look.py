"""How the monitoring sheet looks: the status badge, the band over the method's column groups."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QWidget

from facilitator import monitoring as M
from facilitator.i18n import _
from qtshared.sheet import SheetDelegate, SheetView
from qtshared.style import INK

GROUP_COLOURS = {"status": "#ECEEEA", "general": "#DDEBEF", "progress": "#E2EEDC", "quick": "#E6DFF1"}


# -- the sheet's pieces ----------------------------------------------------------------------------
class BadgeDelegate(SheetDelegate):
    """The shared sheet's delegate, drawing the status cell as a coloured badge that names the status.

    A badge whose status was worked out (late by date or by the quick evaluation)
    carries a small "!" so the facilitator knows to look at the tooltip for why.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self.view.sheet
        if model.columns[index.column()].field != "status" or model.row_id(index.row()) is None:
            super().paint(painter, option, index)
            return
        row = model.rows[index.row()]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        draw_badge(painter, option.rect.adjusted(6, 0, -4, 0), row["_status"], bool(row["_reason"]), option.font)


def draw_badge(painter: QPainter, box: QRect, status: str, flagged: bool, font: QFont) -> None:
    """A rounded badge with the status's word in white, vertically centred in ``box``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    text = M.status_label(status)
    height = metrics.height() + max(4, metrics.height() // 3)
    width = min(box.width(), metrics.horizontalAdvance(text) + height)
    pill = QRectF(box.x(), box.center().y() - height / 2 + 1, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(M.STATUS_COLOURS[status]))
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setFont(bold)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                           int(width - height / 2)))
    if flagged and pill.right() + height < box.right():
        mark = QRectF(pill.right() + 4, pill.top() + 1, height - 2, height - 2)
        painter.setPen(QPen(QColor(M.STATUS_COLOURS[status]), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(mark)
        painter.setPen(QColor(M.STATUS_COLOURS[status]))
        painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


class GroupBand(QWidget):
    """The method's column groups ("Datos generales", "Evaluación rápida"…) drawn over the sheet's header.

    It follows the header's sections as they are resized or scrolled.
    """

    def __init__(self, view: SheetView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        header = view.horizontalHeader()
        header.sectionResized.connect(lambda *_a: self.update())
        header.geometriesChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(lambda *_a: self.update())
        self.setFixedHeight(self.fontMetrics().height() + 10)
        self.spans: list[tuple[str, int, int]] = []  # (group key, first column, last column)
        for n, column in enumerate(view.sheet.columns):
            group = M.BY_FIELD[column.field].group
            if self.spans and self.spans[-1][0] == group:
                self.spans[-1] = (group, self.spans[-1][1], n)
            else:
                self.spans.append((group, n, n))
        self.setAccessibleName(_("Grupos de columnas"))

    def group_rect(self, first: int, last: int) -> QRect:
        """Where a group of columns is, in the band's coordinates."""
        header = self.view.horizontalHeader()
        offset = header.mapTo(self.window(), QPoint(0, 0)).x() - self.mapTo(self.window(), QPoint(0, 0)).x()
        left = header.sectionViewportPosition(first)
        right = header.sectionViewportPosition(last) + header.sectionSize(last)
        return QRect(offset + left, 0, right - left, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        header = self.view.horizontalHeader()
        offset = header.mapTo(self.window(), QPoint(0, 0)).x() - self.mapTo(self.window(), QPoint(0, 0)).x()
        painter.setClipRect(QRect(offset, 0, header.width(), self.height()))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        for group, first, last in self.spans:
            rect = self.group_rect(first, last).adjusted(0, 0, -1, -1)
            painter.fillRect(rect, QColor(GROUP_COLOURS[group]))
            painter.setPen(QColor("#B8BDB5"))
            painter.drawRect(rect)
            painter.setPen(QColor(INK))
            text = _(M.GROUPS[group]).upper() if group in M.GROUPS else ""
            visible = rect.intersected(QRect(offset, 0, header.width(), self.height())).adjusted(8, 0, -8, 0)
            painter.drawText(visible, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, visible.width()))
