"""The problem tree (and its objective tree) drawn as the method draws it: effects above, causes below.

Where each node goes comes from ``facilitator.tree``: ``levels`` gives its row and
``layout`` its place along the row, so the report draws the tree the window
shows. Each box holds the note's full text (a Paragraph wrapped to the box, so
nothing runs out of it), its marks and its scores; each row is as tall as its
tallest box. Arrows run from a cause to what it causes.

A tree wider than the portrait page goes on a landscape page; a tree that would
still need shrinking below ``MIN_SCALE`` is drawn in two parts (effects over the
trunk, then the trunk over its causes); one that still does not fit is listed
as an indented outline instead, so the text never becomes unreadable and nothing
runs off the page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from facilitator.tree import layout

from ..fonts import markup
from ..model import Canvas, Note
from ..trees import edges, part_label, scores, side
from .common import Ctx, small
from .styles import ACCENT, INK, MUTED, RULE

NODE_W = 3.7 * cm
GAP_X = 0.45 * cm
GAP_Y = 0.75 * cm
PAD = 4
LABEL_W = 2.4 * cm
MIN_SCALE = 0.62
GIVE = 0.8  # a drawing shrinks to this share of its best size to stay on the page it starts on

FILLS = {-1: colors.HexColor("#FBEFD9"), 0: colors.HexColor("#F8E1DE"), 1: colors.HexColor("#E2EEF6")}
MARK_COLOURS = {"critical": "#B3261E", "manageable": "#2E7D32", "serious": "#B3261E", "urgent": "#8A4B08"}


def _styles(c: Ctx) -> tuple[ParagraphStyle, ParagraphStyle]:
    box = ParagraphStyle("treebox", parent=c.st.cell, alignment=TA_CENTER, fontSize=8, leading=10)
    label = ParagraphStyle("treelabel", parent=c.st.cell_head, textColor=ACCENT)
    return box, label


def box_markup(c: Ctx, n: Note) -> str:
    """A node's text, then its marks (coloured words) and scores in small print."""
    text = markup(n.text)
    if n.marks:
        text += "<br/>" + " ".join(f'<font size="7" color="{MARK_COLOURS[m]}"><b>{markup(lab)}</b></font>'
                                   for m, lab in zip(n.marks, n.mark_labels))
    if n.impact or n.feasibility:
        text += "<br/>" + small(" · ".join(scores(n, c.t)))
    if n.group:
        text += "<br/>" + small(n.group)
    return text


class TreeDiagram(Flowable):
    """Some or all nodes of a tree, drawn at ``scale`` so that they fit ``width`` × ``height`` (a page).

    Placed lower on a page, it shrinks a little (to ``GIVE`` of that scale, never
    below ``MIN_SCALE``) rather than leave its heading alone at the bottom; if
    that is not enough it moves to the next page at its full scale.
    """

    def __init__(self, c: Ctx, canvas: Canvas, notes: list[Note], width: float, height: float) -> None:
        super().__init__()
        self.tree = canvas
        box_style, label_style = _styles(c)
        ids = {n.id for n in notes}
        self.arrows = [(a, b) for a, b in edges(canvas) if a in ids and b in ids]
        links = [{"source_id": a, "target_id": b} for a, b in self.arrows]
        xs = layout([{"id": n.id, "zone": n.zone, "position": k} for k, n in enumerate(notes)], links,
                    node_w=NODE_W, node_h=1, gap_x=GAP_X, gap_y=1)
        self.paras: dict[str, Paragraph] = {}
        heights: dict[int, float] = {}
        level = {n.id: canvas.levels.get(n.id, 0) for n in notes}
        for n in notes:
            para = Paragraph(box_markup(c, n), box_style)
            _w, h = para.wrap(NODE_W - 2 * PAD, 100_000)
            self.paras[n.id] = para
            heights[level[n.id]] = max(heights.get(level[n.id], 0), h + 2 * PAD)
        self.side = {n.id: side(canvas, n) for n in notes}
        # rows from the top (highest level) down; y measured from the drawing's bottom
        order = sorted(heights, reverse=True)
        total_h = sum(heights.values()) + GAP_Y * (len(order) - 1)
        top_of: dict[int, float] = {}
        y = total_h
        for lv in order:
            top_of[lv] = y
            y -= heights[lv] + GAP_Y
        self.boxes: dict[str, tuple[float, float, float, float]] = {}  # x, y (bottom), w, h
        for n in notes:
            lv = level[n.id]
            h = self.paras[n.id].height + 2 * PAD
            row_h = heights[lv]
            self.boxes[n.id] = (LABEL_W + xs[n.id][0], top_of[lv] - row_h / 2 - h / 2, NODE_W, h)
        self.labels = []
        for lv in order:
            if abs(lv) <= 1:
                para = Paragraph(markup(part_label(canvas, (lv > 0) - (lv < 0), c.t)), label_style)
                _w, h = para.wrap(LABEL_W - 8, 1000)
                self.labels.append((para, top_of[lv] - heights[lv] / 2 - h / 2))
        self.natural_w = LABEL_W + max((x + NODE_W for x, _y in xs.values()), default=NODE_W)
        self.natural_h = total_h
        self.fit(width, height)

    def fit(self, width: float, height: float) -> TreeDiagram:
        """Draw at the largest scale (at most 1) that fits ``width`` × ``height``."""
        self.scale = min(1.0, width / self.natural_w, height / self.natural_h)
        self.drawn = self.scale
        return self

    def wrap(self, availWidth, availHeight):
        scale = min(self.scale, availWidth / self.natural_w)
        if self.natural_h * scale > availHeight:
            tight = availHeight / self.natural_h
            if tight >= max(MIN_SCALE, GIVE * self.scale):
                scale = tight
        self.drawn = scale
        return self.natural_w * scale, self.natural_h * scale

    def _arrow(self, a: str, b: str) -> None:
        canv = self.canv
        ax, ay, aw, ah = self.boxes[a]
        bx, by, bw, bh = self.boxes[b]
        if ay + ah <= by:  # a below b: from a's top to b's bottom
            x0 = min(max(bx + bw / 2 + (ax + aw / 2 - bx - bw / 2) * 0.35, bx + 6), bx + bw - 6)
            start, end = (ax + aw / 2, ay + ah), (x0, by)
        elif by + bh <= ay:  # a above b
            x0 = min(max(bx + bw / 2 + (ax + aw / 2 - bx - bw / 2) * 0.35, bx + 6), bx + bw - 6)
            start, end = (ax + aw / 2, ay), (x0, by + bh)
        elif ax + aw <= bx:
            start, end = (ax + aw, ay + ah / 2), (bx, by + bh / 2)
        else:
            start, end = (ax, ay + ah / 2), (bx + bw, by + bh / 2)
        canv.line(*start, *end)
        dx, dy = end[0] - start[0], end[1] - start[1]
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        ux, uy = dx / length, dy / length
        size = 5
        path = canv.beginPath()
        path.moveTo(*end)
        path.lineTo(end[0] - size * ux + size * 0.5 * uy, end[1] - size * uy - size * 0.5 * ux)
        path.lineTo(end[0] - size * ux - size * 0.5 * uy, end[1] - size * uy + size * 0.5 * ux)
        path.close()
        canv.drawPath(path, stroke=0, fill=1)

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.scale(self.drawn, self.drawn)
        canv.setStrokeColor(MUTED)
        canv.setFillColor(MUTED)
        canv.setLineWidth(0.8)
        for a, b in self.arrows:
            self._arrow(a, b)
        for nid, (x, y, w, h) in self.boxes.items():
            trunk = self.side[nid] == 0
            canv.setFillColor(FILLS[self.side[nid]])
            canv.setStrokeColor(INK if trunk else RULE)
            canv.setLineWidth(1.2 if trunk else 0.6)
            canv.roundRect(x, y, w, h, 4, stroke=1, fill=1)
            para = self.paras[nid]
            para.drawOn(canv, x + PAD, y + PAD)
        for para, y in self.labels:
            para.drawOn(canv, 0, y)
        canv.restoreState()


def whole_tree(c: Ctx, canvas: Canvas) -> TreeDiagram:
    """The whole tree laid out once per report (choosing the page and drawing it both need it)."""
    key = ("tree", canvas.id)
    if key not in c.memo:
        c.memo[key] = TreeDiagram(c, canvas, canvas.notes, 100_000, 100_000)
    return c.memo[key]


def diagrams(c: Ctx, canvas: Canvas, width: float, height: float) -> list[TreeDiagram] | None:
    """The tree as one drawing, or two (effects side, causes side), or None if it cannot be drawn legibly."""
    if not canvas.notes:
        return None
    height -= 2  # a hair under the frame: a drawing exactly as tall as the page must still fit it
    whole = whole_tree(c, canvas).fit(width, height)
    if whole.scale >= MIN_SCALE:
        return [whole]
    upper = [n for n in canvas.notes if side(canvas, n) >= 0]
    lower = [n for n in canvas.notes if side(canvas, n) <= 0]
    if not any(side(canvas, n) == 0 for n in canvas.notes) or not upper or not lower:
        return None
    halves = [TreeDiagram(c, canvas, part, width, height) for part in (upper, lower)]
    return halves if all(h.scale >= MIN_SCALE for h in halves) else None
