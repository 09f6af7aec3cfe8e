"""The planning matrix as a spreadsheet: one section row per strategic axis, one row per initiative.

The method puts each axis on its own flipchart; on screen the axes follow each
other in the canvas's order, each headed by a section row with its name and how
many initiatives it has (the method asks for at least two). The nine columns are
exactly the flipchart's. Copy gives those nine columns for every initiative
(section rows are left out, the axis is in the first column), so a range pastes
into Excel as the flipchart's table; pasting on an axis's heading adds the
pasted rows to that axis (a block of all nine columns from "Eje estratégico",
a narrower one from "Acciones", so a list of names becomes initiatives), and
pasting on an initiative overwrites that axis's rows downwards and adds rows to
the axis past its last one.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from facilitator import planning as P
from facilitator.commands import Command
from facilitator.i18n import _, ngettext
from qtshared.context import WorkshopContext
from facilitator.cells import Column
from qtshared.sheet import SECTION, RowTableModel

KEY_FIELDS = {name for name, _label in P.KEY_FIELDS}
MUTED = QColor("#5F6B76")
WARNING = QColor("#8A6100")
MISSING_BG = QColor("#FFF4CE")
SECTION_PREFIX = "axis:"


def section_id(axis: str) -> str:
    return SECTION_PREFIX + axis


class PlanningModel(RowTableModel):
    """Initiatives of one planning canvas under their axes' section rows."""

    def __init__(self, ctx: WorkshopContext, canvas_id: str, parent: QObject | None = None) -> None:
        self.canvas_id = canvas_id
        self.axis_list: list[dict[str, str]] = []
        self.counts: dict[str, int] = {}
        super().__init__(ctx, "initiative", list(P.COLUMNS), watch={"canvas"}, parent=parent)

    # -- rows ------------------------------------------------------------------------------
    def load(self) -> list[dict[str, Any]]:
        doc = self.ctx.doc
        if doc.store.get("canvas", self.canvas_id) is None:
            self.axis_list, self.counts = [], {}
            return []
        self.axis_list = P.axes(doc, self.canvas_id)
        rows: list[dict[str, Any]] = []
        self.counts = {}
        numbered = {a["key"]: n + 1 for n, a in enumerate(self.axis_list)}
        for group in P.grouped(doc, self.canvas_id):
            n = len(group.rows)
            self.counts[group.key] = n
            count = ngettext("{n} iniciativa", "{n} iniciativas", n)
            if group.key != P.NO_AXIS and n < P.MIN_PER_AXIS:
                count = _("{count} (mínimo {min})", count=count, min=P.MIN_PER_AXIS)
            title = (f"{numbered[group.key]}. {group.label}" if group.key in numbered else group.label)
            rows.append({"id": section_id(group.key), SECTION: f"{title}  ·  {count}", "axis": group.key})
            rows.extend(group.rows)
        return rows

    def axis_at(self, row: int) -> str:
        """The axis of a view row (a section's own axis, or the axis of the section above an initiative)."""
        for n in range(min(row, len(self.rows) - 1), -1, -1):
            if SECTION in self.rows[n]:
                return self.rows[n]["axis"]
        return self.axis_list[0]["key"] if self.axis_list else P.NO_AXIS

    def section_row(self, axis: str) -> int:
        return self.row_of(section_id(axis))

    def defaults(self, anchor: int) -> dict[str, Any]:
        return {"canvas_id": self.canvas_id, "axis": self.axis_at(anchor), "smart": "{}"}

    def choices(self, column: Column) -> list[tuple[Any, str]]:
        if column.field == "axis":
            return [(a["key"], a["label"]) for a in self.axis_list] + [(P.NO_AXIS, _("Sin eje"))]
        return super().choices(column)

    # -- edits: the planning domain's commands --------------------------------------------------
    def edit_command(self, row: dict[str, Any], values: dict[str, Any]) -> Command | None:
        return P.edit_fields(self.ctx.doc, row["id"], values)

    def insert_commands(self, anchor: int, values: list[dict[str, Any]]) -> list[Command]:
        base = self.defaults(anchor)
        return P.paste_rows(self.ctx.doc, self.canvas_id, [], [{**base, **v} for v in values])

    def cell_command(self, row: int, col: int, raw: Any) -> Command | None:
        """A cell through the planning rules (a new axis puts the initiative at that axis's end)."""
        column = self.columns[col]
        return P.edit_initiative(self.ctx.doc, self.rows[row]["id"], column.field, self.value(column, raw))

    def paste_command(self, top: int, left: int, grid: Sequence[Sequence[str]]) -> Command | None:
        """As a sheet pastes, but a blank axis cell means "same axis as the row above" (merged cells in Excel).

        A wholly blank line stays blank (the sheet skips it).
        """
        if left == 0 and grid:
            above = self.axis_at(top)
            filled = []
            for cells in grid:
                cells = list(cells)
                if any(c.strip() for c in cells):  # a blank line makes no row and leaves the merged axis alone
                    if cells[0].strip():
                        above = cells[0]
                    else:
                        cells[0] = next((label for key, label in self.choices(self.columns[0]) if key == above),
                                        above)
                filled.append(cells)
            grid = filled
        return super().paste_command(top, left, grid)

    def section_paste_column(self, width: int) -> int:
        """On a heading the whole matrix pastes from the axis; anything narrower from "Acciones" (as far as it fits)."""
        if width >= len(self.columns):
            return 0
        return min(self.column_of("name"), len(self.columns) - width)

    def paste_commands(self, top: int, updates: list[tuple[dict[str, Any], dict[str, Any]]],
                       new_rows: list[dict[str, Any]]) -> list[Command]:
        """Through the planning rules: a row pasted into another axis goes to that axis's end, as typed."""
        base = self.defaults(top)
        return P.paste_rows(self.ctx.doc, self.canvas_id, [(row["id"], changed) for row, changed in updates],
                            [{**base, **values} for values in new_rows])

    def paste_targets(self, top: int, count: int) -> list[dict[str, Any] | None]:
        """On a heading: new rows in that axis. On an initiative: that axis's rows from there, then new ones."""
        if not 0 <= top < len(self.rows) or SECTION in self.rows[top]:
            return [None] * count
        rows = []
        for row in self.rows[top:]:
            if SECTION in row:
                break
            rows.append(row)
        rows = rows[:count]
        return rows + [None] * (count - len(rows))

    # -- looks -------------------------------------------------------------------------------
    def extra(self, row: dict[str, Any], column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column.field == "axis":
            return MUTED
        if (role == Qt.ItemDataRole.BackgroundRole and column.field in KEY_FIELDS and str(row["name"]).strip()
                and not str(row[column.field] or "").strip()):
            return MISSING_BG
        return None

    def section_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row["axis"] != P.NO_AXIS \
                and self.counts.get(row["axis"], 0) < P.MIN_PER_AXIS:
            return WARNING
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Pegue aquí filas copiadas de una planilla para agregarlas a este eje; Ctrl+Intro agrega una "
                     "iniciativa.")
        return super().section_data(row, column, role)
