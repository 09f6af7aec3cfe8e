"""The planning and monitoring matrices as landscape tables, with the method's own columns.

Planning (METHODS §4): the nine columns of the flipchart, one row per
initiative, grouped by strategic axis; the axis is written once, in a first
column drawn as one tall cell per axis. The table is an ``AxisTable``: when a
page break falls inside an axis, the next page's first row names the axis again
(«… (cont.)»), under the repeated header. Then each initiative's answers to the
workshop's detail questions (¿en qué consiste?, financing, SMART objective and
the SMART checks it meets, indicators, where it came from), two side by side.

Monitoring (§5): the nine columns of the follow-up sheet and the status, then
the quick evaluation (Sí/No, achievements, challenges, adjustments, who, by
when) as a second table, both fitted to the landscape page.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from facilitator.i18n import Nn_
from facilitator.monitoring import BY_FIELD, STATUS_COLOURS

from ..fonts import markup
from ..labels import MONITORING_GENERAL, MONITORING_QUICK, PLANNING_COLUMNS, table_date
from ..methods import MonitoringRow, details, monitoring_text
from ..model import Canvas, Workshop
from .common import Ctx, P, fit_widths, labelled, small, table, titled
from .notes import matrix_section
from .styles import HEAD_BG, MUTED, RULE

AXIS_TINT = "#F1F5F7"


class AxisTable(Table):
    """A table whose first column names a group once; a page break inside a group names it again.

    ``carry[i]`` is what row ``i``'s first cell shows when a page starts with that
    row and the cell is empty (the axis «(cont.)»); ``None`` for the header. Row
    heights are left to layout (not fixed at split), so the carried label gets
    the room it needs.
    """

    carry: list = []

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, rest = parts
        repeat = rest.repeatRows if isinstance(rest.repeatRows, int) else len(rest.repeatRows)
        start = len(self._cellvalues) - (len(rest._cellvalues) - repeat)  # this table's row that rest starts with
        first.carry = self.carry[:len(first._cellvalues)]
        rest.carry = self.carry[:repeat] + self.carry[start:]
        if repeat < len(rest._cellvalues) and start < len(self.carry) and self.carry[start] is not None:
            value = rest._cellvalues[repeat][0]
            if value is None or (isinstance(value, (str, list, tuple)) and not value):
                rest._cellvalues[repeat][0] = self.carry[start]
                heights = list(rest._argH)
                heights[repeat] = None
                rest._argH = heights
        return parts


# -- planning -------------------------------------------------------------------------
def planning_table(c: Ctx, canvas: Canvas) -> list:
    """The nine columns, one row per initiative, axes in the canvas's order (those without initiatives left out)."""
    t, st = c.t, c.st
    heads = [t(name) for _field, name in PLANNING_COLUMNS]
    groups = [(label, items) for _key, label, items in canvas.axes() if items]
    texts = [[label] + [getattr(i, f) for f, _n in PLANNING_COLUMNS[1:]] for label, items in groups for i in items]
    widths = fit_widths(heads, list(zip(*texts)) or [[]] * len(heads), c.wide, st.cell_head, st.cell_tight)
    axis_style = st.cell_head
    rows: list[list] = [[P(h, st.cell_head) for h in heads]]
    carry: list = [None]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
             ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
             ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    for label, items in groups:
        top = len(rows)
        for k, i in enumerate(items):
            rows.append([P(label, axis_style) if k == 0 else ""]
                        + [P(getattr(i, f), st.cell_tight) for f, _n in PLANNING_COLUMNS[1:]])
            carry.append(P(t("{axis} (cont.)", axis=label), axis_style))
        last = len(rows) - 1
        style += [("BACKGROUND", (0, top), (0, last), AXIS_TINT), ("LINEBELOW", (1, top), (-1, last), 0.4, RULE),
                  ("LINEBELOW", (0, last), (0, last), 0.4, RULE)]
        if top > 1:
            style.append(("LINEABOVE", (0, top), (-1, top), 0.9, MUTED))
    grid = AxisTable(rows, colWidths=widths, repeatRows=1, splitInRow=24, hAlign="LEFT")
    grid.carry = carry
    grid.setStyle(TableStyle(style))
    return [grid]


def initiative_details(c: Ctx, canvas: Canvas) -> list:
    """Each initiative's answers to the workshop's questions, those with any answer, in matrix order.

    Two initiatives side by side, so that the landscape page is used and the list
    stays compact; the table breaks between pairs (inside one only when it is
    taller than a page).
    """
    t, st = c.t, c.st
    items = [i for _k, _l, group in canvas.axes() for i in group if i.has_details()]
    if not items:
        return []
    blocks = []
    for i in items:
        aside = " · ".join(x for x in (i.axis_label, i.group) if x)
        head = Paragraph(f"<b>{markup(i.name or t('(sin nombre)'))}</b>" + (f"  {small(aside)}" if aside else ""),
                         st.body)
        blocks.append([head] + [labelled(name, text, st.note) for name, text in details(i, t)])
    pairs = [blocks[k:k + 2] + [""] * (2 - len(blocks[k:k + 2])) for k in range(0, len(blocks), 2)]
    # a pair splits inside only with a few lines on each side: never a lone title at the page foot
    grid = Table(pairs, colWidths=[c.wide / 2] * 2, hAlign="LEFT", splitInRow=72)
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 12), ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [*titled(t("Detalle de las iniciativas"), st.h4, grid), grid]


def planning_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:
    """The matrix of initiatives, the axes left without one, the details; then any notes on the canvas."""

    t, st = c.t, c.st
    out: list = []
    if canvas.initiatives:
        out += planning_table(c, canvas)
        empty = [label for key, label, items in canvas.axes() if key and not items]
        if empty:
            out += [Spacer(1, 4), P(t("Ejes sin iniciativas: {axes}.", axes="; ".join(empty)), st.muted)]
        out += [Spacer(1, 8), *initiative_details(c, canvas)]
    if canvas.notes:
        notes = matrix_section(c, w, canvas, zones)
        out += [*titled(t("Notas del lienzo"), st.h4, notes[0]), *notes] if canvas.initiatives else notes
    return out


# -- monitoring -----------------------------------------------------------------------
def _status(c: Ctx, row: MonitoringRow) -> Paragraph:
    colour = STATUS_COLOURS.get(row.effective, "#1F2A33")
    text = f'<font color="{colour}"><b>{markup(row.effective_label)}</b></font>'
    if row.late_because:
        text += "<br/>" + small(c.t("{reason}; registrada: {status}", reason=row.late_because,
                                    status=row.status_label))
    return Paragraph(text, c.st.cell_tight)


def _grid(c: Ctx, heads: list[str], values: list[list[str]], extra_cells: list | None = None,
          extra_head: str = "") -> Table:
    """A table of text cells fitted to the landscape width, with an optional last column of ready cells."""
    st = c.st
    values = [[table_date(v, c.t) for v in row] for row in values]  # dates as the prose writes them
    all_heads = heads + ([extra_head] if extra_cells is not None else [])
    columns = [list(col) for col in zip(*values)] if values else [[] for _h in heads]
    if extra_cells is not None:
        columns.append([p.getPlainText() for p in extra_cells])
    status = [len(heads)] if extra_cells is not None else []  # the status word is set in bold
    widths = fit_widths(all_heads, columns, c.wide, st.cell_head, st.cell_tight, bold=status)
    rows = [[P(h, st.cell_head) for h in all_heads]]
    for k, row in enumerate(values):
        cells = [P(v, st.cell_tight) for v in row]
        if extra_cells is not None:
            cells.append(extra_cells[k])
        rows.append(cells)
    return table(rows, widths, long=len(rows) > 60)


def monitoring_section(c: Ctx, w: Workshop, canvas: Canvas, zones: list[str]) -> list:

    t, st = c.t, c.st
    rows = canvas.monitoring
    out: list = []
    if rows:
        out.append(P(_tally(c, rows), st.body))
        heads = [t(BY_FIELD[f].title) for f in MONITORING_GENERAL]
        out.append(_grid(c, heads, [[monitoring_text(r, f, t) for f in MONITORING_GENERAL] for r in rows],
                         [_status(c, r) for r in rows], t("Estado")))
        quick = [r for r in rows if r.quick()]
        if quick:
            heads = [t(BY_FIELD["name"].title)] + [t(BY_FIELD[f].title) for f in MONITORING_QUICK]
            grid = _grid(c, heads, [[r.name] + [monitoring_text(r, f, t) for f in MONITORING_QUICK] for r in quick])
            out += [Spacer(1, 8), *titled(t("Evaluación rápida"), st.h4, grid), grid]
    if canvas.notes:
        notes = matrix_section(c, w, canvas, zones)
        out += [*titled(t("Notas del lienzo"), st.h4, notes[0]), *notes] if rows else notes
    return out


def _tally(c: Ctx, rows: list[MonitoringRow]) -> str:
    t = c.t
    counts = {key: sum(1 for r in rows if r.effective == key) for key in ("on_track", "late", "done", "not_started")}
    words = {"on_track": Nn_("{n} en curso", "{n} en curso"), "late": Nn_("{n} atrasada", "{n} atrasadas"),
             "done": Nn_("{n} cumplida", "{n} cumplidas"), "not_started": Nn_("{n} sin iniciar", "{n} sin iniciar")}
    parts = [t.ngettext(*words[k], n) for k, n in counts.items() if n]
    head = t.ngettext("{n} iniciativa", "{n} iniciativas", len(rows))
    return t("{head}: {parts}", head=head, parts=", ".join(parts))
