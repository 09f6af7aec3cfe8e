"""Drawn results: the board's themes-by-group grid, the FODA 2x2 and the problem tree.

Every text inside a drawing is a Paragraph wrapped to its box, so long words and
emoji behave as in the body text and nothing runs out of its box. A drawing that
would not fit on one page returns None and the caller lists the notes instead.
"""

from __future__ import annotations

from collections import defaultdict

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from ..fonts import markup
from ..model import Canvas, Group, Note
from .common import Ctx, P, small, table
from .styles import ACCENT, HEAD_BG, INK, MUTED, RULE

FODA_COLOURS = {
    "fortalezas": colors.HexColor("#E3F1E4"),
    "oportunidades": colors.HexColor("#E2EEF6"),
    "debilidades": colors.HexColor("#FBEFD9"),
    "amenazas": colors.HexColor("#F8E1DE"),
}


# -- board grid -------------------------------------------------------------------
def board_grid(c: Ctx, canvas: Canvas, notes: list[Note], groups: list[Group]):
    """Themes (rows) by groups (columns): notes / votes in each cell; None without themes."""
    if not any(n.theme_id for n in notes):
        return None
    lanes = [g for g in groups if any(n.group_id == g.id for n in notes)]
    has_loose = any(n.group_id not in {g.id for g in groups} for n in notes)
    if not lanes:
        return None
    st, t = c.st, c.t
    cells: dict[tuple[str | None, str | None], list[int]] = defaultdict(lambda: [0, 0])
    for n in notes:
        key = (n.theme_id, n.group_id if n.group_id in {g.id for g in lanes} else None)
        cells[key][0] += 1
        cells[key][1] += n.votes
    themes = [th for th in canvas.themes if any(n.theme_id == th.id for n in notes)]
    rows_keys: list[tuple[str | None, str]] = [(th.id, th.name) for th in themes]
    if any(not n.theme_id for n in notes):
        rows_keys.append((None, t("Sin tema")))
    cols: list[tuple[str | None, str]] = [(g.id, g.name) for g in lanes]
    if has_loose:
        cols.append((None, t("Sin grupo")))
    head = [P(t("Tema"), st.cell_head)] + [P(name, st.cell_head) for _gid, name in cols] + \
        [P(t("Grupos"), st.cell_head)]
    rows = [head]
    extra = []
    for r, (tid, name) in enumerate(rows_keys, start=1):
        row = [P(name, st.cell)]
        spread = 0
        for k, (gid, _name) in enumerate(cols, start=1):
            n, v = cells.get((tid, gid), (0, 0))
            row.append(P(f"{n} / {v}" if n else "–", st.cell))
            if n:
                spread += 1 if gid is not None else 0
                extra.append(("BACKGROUND", (k, r), (k, r), HEAD_BG))
        row.append(P(str(spread), st.cell))
        rows.append(row)
    first = c.width * 0.36
    rest = (c.width - first - 1.8 * cm) / len(cols)
    grid = table(rows, [first] + [rest] * len(cols) + [1.8 * cm], zebra=False, extra=extra)
    return grid


# -- FODA ---------------------------------------------------------------------------
def foda_matrix(c: Ctx, canvas: Canvas):
    """The 2x2: favourable | unfavourable columns, internal factors (F, D) above external (O, A).

    Each note is a row of its own beside its counterpart in the other column, so
    a quadrant with many notes flows onto the next page (header repeated) instead
    of growing one cell taller than a page. None if all four quadrants are empty.
    """
    pairs = (("fortalezas", "debilidades", "Factores internos"), ("oportunidades", "amenazas", "Factores externos"))
    if not any(canvas.zone_notes(z) for left, right, _l in pairs for z in (left, right)):
        return None
    st, t = c.st, c.t
    from itertools import zip_longest

    from .canvases import note_para

    half = c.width / 2
    rows: list[list] = [[P(t("Favorable"), st.cell_head), P(t("Desfavorable"), st.cell_head)]]
    extra: list[tuple] = []
    for left, right, factor in pairs:
        title_row = len(rows)
        rows.append([P(f"{canvas.zone_label(left)} · {t(factor)}", st.h4),
                     P(f"{canvas.zone_label(right)} · {t(factor)}", st.h4)])
        lefts = sorted(canvas.zone_notes(left), key=lambda n: -n.votes)
        rights = sorted(canvas.zone_notes(right), key=lambda n: -n.votes)
        for a, b in zip_longest(lefts, rights):
            rows.append([note_para(c, a, group=True) if a else "", note_para(c, b, group=True) if b else ""])
        if not lefts and not rights:
            rows.append([P(t("(sin notas)"), st.muted), P(t("(sin notas)"), st.muted)])
        last = len(rows) - 1
        extra += [("BACKGROUND", (0, title_row), (0, last), FODA_COLOURS[left]),
                  ("BACKGROUND", (1, title_row), (1, last), FODA_COLOURS[right]),
                  ("LINEABOVE", (0, title_row), (-1, title_row), 2, colors.white)]
    extra += [("LINEBELOW", (0, 1), (-1, -1), 0, colors.white), ("LINEBEFORE", (1, 1), (1, -1), 2, colors.white),
              ("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2)]
    return table(rows, [half, half], zebra=False, extra=extra)


# -- problem tree ---------------------------------------------------------------------
def _box_style(c: Ctx) -> ParagraphStyle:
    return ParagraphStyle("treebox", parent=c.st.cell, alignment=TA_CENTER, fontSize=8, leading=10.5)


class TreeDiagram(Flowable):
    """Effects on top, the central problem in the middle, causes below, joined by lines.

    Links stored on the canvas are drawn as they are; without links each cause
    joins the problem and the problem joins each effect, as the method draws it.
    """

    PER_LINE = 4
    GAP = 10
    PAD = 5

    def __init__(self, c: Ctx, canvas: Canvas, rows: list[tuple[str, str, list[Note]]]) -> None:
        super().__init__()
        self.c = c
        self.canvas_data = canvas
        self.rows = [(label, notes) for _key, label, notes in rows]
        self.rows_by_zone = {key: notes for key, _label, notes in rows}
        self.zone_of = {n.id: key for key, _label, notes in rows for n in notes}
        self.label_w = 2.6 * cm
        self.width = c.width
        self.boxes: dict[str, tuple[float, float, float, float]] = {}  # note id -> x, y(bottom), w, h
        self.paras: list[tuple[Paragraph, float, float, str | None]] = []
        self.labels: list[tuple[Paragraph, float, float]] = []
        self.height = self._layout()

    def _layout(self) -> float:
        style = _box_style(self.c)
        label_style = ParagraphStyle("treelabel", parent=self.c.st.cell_head, textColor=ACCENT)
        area = self.width - self.label_w
        placed: list = []  # (row index, line, note, para, w, h)
        y = 0.0
        lines_out = []
        for label, notes in self.rows:
            chunks = [notes[i:i + self.PER_LINE] for i in range(0, len(notes), self.PER_LINE)] or [[]]
            row_top = y
            for chunk in chunks:
                if not chunk:
                    continue
                box_w = (area - self.GAP * (len(chunk) - 1)) / len(chunk) if len(chunk) > 1 else min(area, 8 * cm)
                items = []
                for n in chunk:
                    para = Paragraph(markup(n.text) + (("<br/>" + small(n.group)) if n.group else ""), style)
                    _w, h = para.wrap(box_w - 2 * self.PAD, 10_000)
                    items.append((n, para, h + 2 * self.PAD))
                line_h = max(h for _n, _p, h in items)
                total_w = box_w * len(chunk) + self.GAP * (len(chunk) - 1)
                x = self.label_w + (area - total_w) / 2
                for n, para, h in items:
                    lines_out.append((n, para, x, y, box_w, line_h))
                    x += box_w + self.GAP
                y += line_h + self.GAP
            lab = Paragraph(markup(label), label_style)
            lab.wrap(self.label_w - 6, 1000)
            placed.append((lab, row_top))
            y += self.GAP * 1.6
        height = y
        for n, para, x, top, w, h in lines_out:
            bottom = height - top - h
            self.boxes[n.id] = (x, bottom, w, h)
            self.paras.append((para, x + self.PAD, bottom + h - self.PAD - para.height, n.id))
        for lab, top in placed:
            self.labels.append((lab, 0, height - top - lab.height))
        return height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def _edges(self) -> list[tuple[str, str]]:
        ids = set(self.boxes)
        links = [(l.source_id, l.target_id) for l in self.canvas_data.links
                 if l.source_id in ids and l.target_id in ids]
        if links:
            return links
        zones = {key: [n.id for n in notes] for key, notes in self.rows_by_zone.items()}
        problem = zones.get("problema", [])
        edges = [(cause, p) for cause in zones.get("causas", []) for p in problem[:1]]
        edges += [(p, effect) for p in problem[:1] for effect in zones.get("efectos", [])]
        return edges

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(MUTED)
        canv.setLineWidth(0.8)
        for a, b in self._edges():
            ax, ay, aw, ah = self.boxes[a]
            bx, by, bw, bh = self.boxes[b]
            # join the facing edges: the lower box's top to the upper box's bottom
            if ay + ah <= by:
                canv.line(ax + aw / 2, ay + ah, bx + bw / 2, by)
            elif by + bh <= ay:
                canv.line(ax + aw / 2, ay, bx + bw / 2, by + bh)
            else:
                canv.line(ax + aw, ay + ah / 2, bx, by + bh / 2)
        for nid, (x, y, w, h) in self.boxes.items():
            zone = self.zone_of.get(nid, "")
            fill = {"problema": colors.HexColor("#F8E1DE"), "causas": colors.HexColor("#FBEFD9"),
                    "efectos": colors.HexColor("#E2EEF6")}.get(zone, colors.white)
            canv.setFillColor(fill)
            canv.setStrokeColor(RULE if zone != "problema" else INK)
            canv.roundRect(x, y, w, h, 4, stroke=1, fill=1)
        for para, x, y, _nid in self.paras:
            para.drawOn(canv, x, y)
        for lab, x, y in self.labels:
            lab.drawOn(canv, x, y)
        canv.restoreState()


def tree_rows(canvas: Canvas) -> list[tuple[str, str, list[Note]]]:
    """(zone key, label, notes) top to bottom: effects, problem, causes, then any other zone."""
    order = ["efectos", "problema", "causas"]
    keys = list(dict.fromkeys([k for k in order if any(z.key == k for z in canvas.zones)]
                              + [z.key for z in canvas.zones] + [n.zone for n in canvas.notes]))
    return [(k, canvas.zone_label(k), sorted(canvas.zone_notes(k), key=lambda n: -n.votes)) for k in keys
            if canvas.zone_notes(k)]


def tree_diagram(c: Ctx, canvas: Canvas):
    rows = tree_rows(canvas)
    if not rows:
        return None
    diagram = TreeDiagram(c, canvas, rows)
    if diagram.height > c.height - 2 * cm:
        return None
    return diagram
