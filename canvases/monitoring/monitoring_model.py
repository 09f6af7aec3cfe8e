"""The monitoring sheet as a spreadsheet model: the method's columns over one canvas's monitoring rows.

Built on the shared ``RowTableModel`` (keyboard editing, paste, clear, one undo
step each); what is specific to monitoring comes from ``facilitator.monitoring``:
the columns, how each value is read (dates, Sí/No, status), and the effective
status, shown in the status column with its reason in the tooltip. The status a
user picks is stored; what the sheet shows turns to "Atrasada" when the end
date has passed or the quick evaluation says it is off track.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from facilitator import monitoring as M
from facilitator.i18n import _
from facilitator.commands import Command
from facilitator.record import parse_due
from qtshared.context import WorkshopContext
from facilitator.cells import Column
from qtshared.row_sync import tolerant_data
from qtshared.sheet import RowTableModel
from qtshared.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

QUICK_BG = "#F3F0F8"  # the quick evaluation's cells, a faint tint that sets the two parts apart
PROBLEM_BG = "#FBE3E1"  # a date that contradicts another
LATE_FG = "#B3261E"


def sheet_columns() -> list[Column]:
    """The method's columns (``monitoring.COLUMNS``, read by ``facilitator.cells`` and ``monitoring.clean``).

    The status is required: a blank status pasted over a row leaves its status as it is, and a
    pasted row without one starts "Sin iniciar" (``defaults``); typing cannot blank it (a combo).
    """
    return list(M.COLUMNS)


class MonitoringModel(RowTableModel):
    """One monitoring canvas's rows, with each row's effective status and date problems worked out on load."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, today: Callable[[], date] = date.today,
                 parent: QObject | None = None) -> None:
        self.canvas_id = canvas_id
        self.today = today
        super().__init__(ctx, M.TABLE, sheet_columns(), parent=parent)

    def load(self) -> list[dict[str, Any]]:
        today = self.today()
        found = M.rows(self.ctx.doc.store, self.canvas_id)
        for row in found:
            effective = M.effective_status(row, today)
            row["_status"], row["_reason"] = effective.status, effective.reason
            row["_problems"] = M.date_problems(row)
            end = parse_due(row["end_date"])
            row["_overdue"] = row["status"] != "done" and end is not None and end < today
        return found

    def defaults(self, anchor: int) -> dict[str, Any]:
        return {"canvas_id": self.canvas_id, "status": "not_started"}

    # -- edits: the monitoring domain's commands ----------------------------------------------
    def edit_command(self, row: dict[str, Any], values: dict[str, Any]) -> Command | None:
        return M.edit_fields(self.ctx.doc, row["id"], values)

    def insert_commands(self, anchor: int, values: list[dict[str, Any]]) -> list[Command]:
        return M.add_rows(self.ctx.doc, self.canvas_id, values)

    def counts(self) -> dict[str, int]:
        tally = dict.fromkeys(M.MONITORING_STATUSES, 0)
        for row in self.rows:
            tally[row["_status"]] += 1
        return tally

    def summary(self) -> str:
        return M.summary_text(self.counts())

    # -- what the cells show ------------------------------------------------------------------
    def choices(self, column: Column) -> list[tuple[Any, str]]:
        if column.field == "status":
            return [(key, M.status_label(key)) for key in M.STATUS_LABELS]
        return super().choices(column)

    def display(self, row: dict[str, Any], column: Column) -> str:
        if column.field == "status":
            return M.status_label(row["_status"])
        return super().display(row, column)

    def tooltip(self, row: dict[str, Any], column: Column) -> str | None:
        """Why a cell looks as it does: the status's reason, a date problem, where the row came from."""
        if column.field == "status":
            lines = [M.status_label(row["_status"])]
            if row["_reason"]:
                lines += [row["_reason"], _("Estado guardado: {status}", status=M.status_label(row["status"]))]
            return "\n".join(lines)
        if column.field in row["_problems"]:
            return row["_problems"][column.field]
        if column.field == "end_date" and row["_overdue"]:
            return row["_reason"] or _("La fecha estimada de término ya pasó.")
        if column.field == "name":
            trace = M.origin(self.ctx.doc.store, row).text
            return f"{row['name']}\n\n{trace}" if row["name"] else trace
        return None

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self.rows):
            tip = self.tooltip(self.rows[index.row()], self.columns[index.column()])
            if tip is not None:
                return plain_tooltip(tip)
        return super().data(index, role)

    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        field = column.field
        if role == Qt.ItemDataRole.BackgroundRole:
            if field in row["_problems"]:
                return QColor(PROBLEM_BG)
            if M.BY_FIELD[field].group == "quick":
                return QColor(QUICK_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "status":
                return QColor(M.STATUS_COLOURS[row["_status"]])
            if field == "end_date" and row["_overdue"]:
                return QColor(LATE_FG)
        return None
