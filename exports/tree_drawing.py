"""A problem or objective tree as a reportlab ``Drawing`` (for the DOCX, through ``charts.to_png``).

The same places as the PDF's diagram (``exports.pdf.tree_diagram``): ``facilitator.tree.layout``
gives each node's place along its row, ``Canvas.levels`` its row, effects above, the
trunk in the middle, causes below, and an arrow runs from each cause to what it causes.
Each box holds the note's whole text wrapped to the box with ``simpleSplit`` in the
bundled DejaVu font (a word wider than the box is cut between letters), then its marks,
scores and group in smaller print; each row is as tall as its tallest box. User text
goes into ``String`` shapes as it is: it is never parsed as markup.

``fits`` says whether a drawing can be shown at a readable scale in a given space;
when it cannot, the DOCX gives only the indented outline.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitator.i18n import Translator
from facilitator.tree import layout

from .charts import INK, MUTED, RULE
from .fonts import SANS, SANS_BOLD, register_fonts
from .model import Canvas
from .trees import edges, part_label, scores, side

NODE_W = 3.7 * cm
GAP_X = 0.45 * cm
GAP_Y = 0.75 * cm
PAD = 4
LABEL_W = 2.4 * cm
SIZE, LEADING = 8.0, 10.0
SMALL, SMALL_LEADING = 6.5, 8.0
MIN_SCALE = 0.62  # as the PDF: below this the text is too small to read, so the outline stands alone
ARROW = 5.0
MARGIN = 2.0  # room for the outermost boxes' strokes

FILLS = {-1: colors.HexColor("#FBEFD9"), 0: colors.HexColor("#F8E1DE"), 1: colors.HexColor("#E2EEF6")}
ACCENT = colors.HexColor("#1F6F8B")


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: at spaces, and within a word too long for a line."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        for line in simpleSplit(para, font, size, width) or [""]:
            while stringWidth(line, font, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    while lines and not lines[-1].strip() and len(lines) > 1:
        lines.pop()
    return lines


def tree_drawing(canvas: Canvas, t: Translator) -> Drawing | None:
    """The whole tree at its natural size (points), or None for a tree without notes."""
    notes = list(canvas.notes)
    if not notes:
        return None
    register_fonts()
    ids = {n.id for n in notes}
    arrows = [(a, b) for a, b in edges(canvas) if a in ids and b in ids]
    xs = layout([{"id": n.id, "zone": n.zone, "position": k} for k, n in enumerate(notes)],
                [{"source_id": a, "target_id": b} for a, b in arrows], node_w=NODE_W, node_h=1, gap_x=GAP_X, gap_y=1)
    inner = NODE_W - 2 * PAD
    texts: dict[str, list[tuple[str, str, float, float]]] = {}  # line, font, size, leading
    heights: dict[int, float] = {}
    level = {n.id: canvas.levels.get(n.id, 0) for n in notes}
    for n in notes:
        rows = [(line, SANS, SIZE, LEADING) for line in wrap(n.text, SANS, SIZE, inner)]
        extra = [(", ".join(n.mark_labels), SANS_BOLD)] if n.marks else []
        extra += [(" · ".join(scores(n, t)), SANS)] if (n.impact or n.feasibility) else []
        extra += [(n.group, SANS)] if n.group else []
        for bit, font in extra:
            rows += [(line, font, SMALL, SMALL_LEADING) for line in wrap(bit, font, SMALL, inner)]
        texts[n.id] = rows
        h = sum(r[3] for r in rows) + 2 * PAD
        heights[level[n.id]] = max(heights.get(level[n.id], 0), h)
    order = sorted(heights, reverse=True)
    total_h = sum(heights.values()) + GAP_Y * (len(order) - 1)
    top_of: dict[int, float] = {}
    y = total_h + MARGIN
    for lv in order:
        top_of[lv] = y
        y -= heights[lv] + GAP_Y
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for n in notes:
        lv = level[n.id]
        h = sum(r[3] for r in texts[n.id]) + 2 * PAD
        boxes[n.id] = (LABEL_W + xs[n.id][0], top_of[lv] - heights[lv] / 2 - h / 2, NODE_W, h)
    width = LABEL_W + max(x + NODE_W for x, _y in xs.values()) + MARGIN
    d = Drawing(width, total_h + 2 * MARGIN)
    for a, b in arrows:
        _arrow(d, boxes[a], boxes[b])
    for n in notes:
        x, y, w, h = boxes[n.id]
        trunk = side(canvas, n) == 0
        d.add(Rect(x, y, w, h, fillColor=FILLS[side(canvas, n)], strokeColor=INK if trunk else RULE,
                   strokeWidth=1.2 if trunk else 0.6))
        top = y + h - PAD
        for line, font, size, leading in texts[n.id]:
            top -= leading
            d.add(String(x + w / 2, top + (leading - size) / 2 + 0.5, line, fontName=font, fontSize=size,
                         fillColor=INK, textAnchor="middle"))
    for lv in order:
        if abs(lv) <= 1:
            lines = wrap(part_label(canvas, (lv > 0) - (lv < 0), t), SANS_BOLD, SIZE, LABEL_W - 8)
            y = top_of[lv] - heights[lv] / 2 + len(lines) * LEADING / 2
            for line in lines:
                y -= LEADING
                d.add(String(0, y + 2, line, fontName=SANS_BOLD, fontSize=SIZE, fillColor=ACCENT))
    return d


def _arrow(d: Drawing, a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> None:
    """A line from box ``a`` to box ``b`` with its head on ``b`` (as the PDF draws it)."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    x0 = min(max(bx + bw / 2 + (ax + aw / 2 - bx - bw / 2) * 0.35, bx + 6), bx + bw - 6)
    if ay + ah <= by:  # a below b
        start, end = (ax + aw / 2, ay + ah), (x0, by)
    elif by + bh <= ay:  # a above b
        start, end = (ax + aw / 2, ay), (x0, by + bh)
    elif ax + aw <= bx:
        start, end = (ax + aw, ay + ah / 2), (bx, by + bh / 2)
    else:
        start, end = (ax, ay + ah / 2), (bx + bw, by + bh / 2)
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    d.add(Line(*start, end[0] - ARROW * ux * 0.8, end[1] - ARROW * uy * 0.8, strokeColor=MUTED, strokeWidth=0.8))
    d.add(Polygon([end[0], end[1],
                   end[0] - ARROW * ux + ARROW * 0.5 * uy, end[1] - ARROW * uy - ARROW * 0.5 * ux,
                   end[0] - ARROW * ux - ARROW * 0.5 * uy, end[1] - ARROW * uy + ARROW * 0.5 * ux],
                  fillColor=MUTED, strokeColor=None))


def fits(drawing: Drawing, width: float, height: float) -> bool:
    """Whether ``drawing`` shown within ``width`` × ``height`` points keeps a readable scale."""
    return min(1.0, width / drawing.width, height / drawing.height) >= MIN_SCALE
