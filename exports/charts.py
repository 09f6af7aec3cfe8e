"""Charts of the systematised report, drawn with reportlab's own graphics (no plotting dependency).

Each chart is a ``reportlab.graphics.shapes.Drawing`` made only of rectangles,
lines, circles, polygons and strings, placed in the PDF as a flowable. The DOCX gets the
very same drawing as a PNG through ``to_png``, a small Pillow renderer of those
shapes (reportlab's own bitmap renderer needs a C extension or cairo that
a fresh install lacks).

- ``share_bars``: participation by sector and by gender as shares of 100 %
  (``shares`` rounds by largest remainder, so the labels always sum to 100);
- ``bars``: findings by dimension, monitoring status;
- ``stacked_votes``: votes per theme, stacked by group;
- ``priority_grid``: the tree's impact × feasibility grid.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Iterable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import SANS, SANS_BOLD, font_path, register_fonts

INK = colors.HexColor("#1F2A33")
MUTED = colors.HexColor("#5B6770")
RULE = colors.HexColor("#C9D3D9")
PALETTE = [colors.HexColor(c) for c in ("#1F6F8B", "#E07A5F", "#81B29A", "#F2CC8F", "#6D597A", "#3D405B",
                                        "#B5838D", "#99C1DE", "#A3A380", "#D62828")]
SIZE = 7.5  # label font size (points)


def shares(counts: Counter | dict[str, int]) -> list[tuple[str, int, int]]:
    """(name, count, whole percent) largest first; percents sum to exactly 100 (largest remainder)."""
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: (-kv[1], kv[0].casefold()))
    total = sum(v for _k, v in items)
    if not total:
        return []
    raw = [100 * v / total for _k, v in items]
    whole = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: -(raw[i] - whole[i]))[:100 - sum(whole)]:
        whole[i] += 1
    return [(k, v, p) for (k, v), p in zip(items, whole)]


def _fit(text: str, width: float, font: str = SANS, size: float = SIZE) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text_colour(fill) -> colors.Color:
    r, g, b = fill.red, fill.green, fill.blue
    return colors.white if 0.299 * r + 0.587 * g + 0.114 * b < 0.6 else INK


def share_bars(rows: Sequence[tuple[str, Counter]], width: float) -> Drawing | None:
    """One 100 % bar per breakdown (title, counts), each with its legend below."""
    register_fonts()
    rows = [(title, shares(counts)) for title, counts in rows]
    rows = [(title, items) for title, items in rows if items]
    if not rows:
        return None
    label_w, bar_h = 0.0, 16
    legend_lines = []
    for _title, items in rows:  # legends wrap to the width
        lines, line, x = [], [], 0.0
        for k, (name, n, pct) in enumerate(items):
            text = f"{name} {pct} % ({n})"
            w = 12 + stringWidth(text, SANS, SIZE) + 10
            if line and x + w > width:
                lines.append(line)
                line, x = [], 0.0
            line.append((k, text, x))
            x += w
        lines.append(line)
        legend_lines.append(lines)
    height = sum(14 + bar_h + 4 + 11 * len(lines) + 8 for lines in legend_lines)
    d = Drawing(width, height)
    y = height
    for (title, items), lines in zip(rows, legend_lines):
        y -= 11
        d.add(String(0, y, title, fontName=SANS_BOLD, fontSize=SIZE + 0.5, fillColor=INK))
        y -= 3 + bar_h
        x = label_w
        total = sum(n for _name, n, _p in items)
        for k, (name, n, pct) in enumerate(items):
            w = (width - label_w) * n / total
            fill = PALETTE[k % len(PALETTE)]
            d.add(Rect(x, y, w, bar_h, fillColor=fill, strokeColor=colors.white, strokeWidth=0.5))
            label = f"{pct} %"
            if stringWidth(label, SANS, SIZE) + 4 <= w:
                d.add(String(x + w / 2, y + 5, label, fontName=SANS, fontSize=SIZE, fillColor=_text_colour(fill),
                             textAnchor="middle"))
            x += w
        y -= 4
        for line in lines:
            y -= 11
            for k, text, lx in line:
                d.add(Rect(lx, y - 1, 8, 8, fillColor=PALETTE[k % len(PALETTE)], strokeColor=None))
                d.add(String(lx + 12, y, text, fontName=SANS, fontSize=SIZE, fillColor=INK))
        y -= 8
    return d


def bars(items: Sequence[tuple[str, int]], width: float, colour=None) -> Drawing | None:
    """Horizontal bars with their value, in the order given."""
    register_fonts()
    items = [(name, v) for name, v in items if v > 0]
    if not items:
        return None
    label_w = min(width * 0.42, max(stringWidth(name, SANS, SIZE) for name, _v in items) + 8)
    top = max(v for _n, v in items)
    row = 15
    d = Drawing(width, row * len(items) + 4)
    y = d.height
    span = width - label_w - 24
    for k, (name, v) in enumerate(items):
        y -= row
        d.add(String(label_w - 6, y + 4, _fit(name, label_w - 8), fontName=SANS, fontSize=SIZE, fillColor=INK,
                     textAnchor="end"))
        w = max(1.0, span * v / top)
        d.add(Rect(label_w, y + 1, w, row - 4, fillColor=colour or PALETTE[0], strokeColor=None))
        d.add(String(label_w + w + 4, y + 4, str(v), fontName=SANS, fontSize=SIZE, fillColor=INK))
    return d


def stacked_votes(themes: Sequence[tuple[str, Counter]], width: float) -> Drawing | None:
    """Votes per theme (rows), each bar stacked by group, with a legend of groups."""
    register_fonts()
    themes = [(name, c) for name, c in themes if sum(c.values()) > 0]
    if not themes:
        return None
    groups = list(dict.fromkeys(g for _n, c in themes for g in sorted(c, key=str.casefold)))
    colour = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(groups)}
    label_w = min(width * 0.38, max(stringWidth(n, SANS, SIZE) for n, _c in themes) + 8)
    top = max(sum(c.values()) for _n, c in themes)
    row = 16
    legend_h = 14
    d = Drawing(width, row * len(themes) + legend_h + 6)
    y = d.height - legend_h
    x = 0.0
    for g in groups:
        d.add(Rect(x, y + 4, 8, 8, fillColor=colour[g], strokeColor=None))
        d.add(String(x + 12, y + 5, g, fontName=SANS, fontSize=SIZE, fillColor=INK))
        x += 12 + stringWidth(g, SANS, SIZE) + 12
    span = width - label_w - 26
    for name, c in themes:
        y -= row
        d.add(String(label_w - 6, y + 5, _fit(name, label_w - 8), fontName=SANS, fontSize=SIZE, fillColor=INK,
                     textAnchor="end"))
        x = label_w
        for g in groups:
            v = c.get(g, 0)
            if not v:
                continue
            w = span * v / top
            d.add(Rect(x, y + 2, w, row - 5, fillColor=colour[g], strokeColor=colors.white, strokeWidth=0.5))
            if stringWidth(str(v), SANS, SIZE) + 3 <= w:
                d.add(String(x + w / 2, y + 5, str(v), fontName=SANS, fontSize=SIZE, fillColor=_text_colour(colour[g]),
                             textAnchor="middle"))
            x += w
        d.add(String(x + 4, y + 5, str(sum(c.values())), fontName=SANS_BOLD, fontSize=SIZE, fillColor=INK))
    return d


def priority_grid(points: Iterable[tuple[str, int, int, bool]], size: float, *, x_label: str, y_label: str,
                  high_label: str) -> Drawing | None:
    """Impact (up) × feasibility (right) on a 5 × 5 grid; each point (number, impact, feasibility, is_cause).

    The top-right quarter (both ≥ 4) is shaded as the first priority. Several
    nodes on one cell are set side by side.
    """
    register_fonts()
    points = [p for p in points if p[1] and p[2]]
    if not points:
        return None
    margin = 28
    cell = (size - margin) / 5
    d = Drawing(size, size)
    d.add(Rect(margin + 3 * cell, margin + 3 * cell, 2 * cell, 2 * cell, fillColor=colors.HexColor("#FBEFD5"),
               strokeColor=None))
    d.add(String(size - 3, size - 9, high_label, fontName=SANS, fontSize=SIZE - 0.5, fillColor=MUTED,
                 textAnchor="end"))
    for k in range(6):
        d.add(Line(margin + k * cell, margin, margin + k * cell, size, strokeColor=RULE, strokeWidth=0.5))
        d.add(Line(margin, margin + k * cell, size, margin + k * cell, strokeColor=RULE, strokeWidth=0.5))
    for k in range(5):
        d.add(String(margin + (k + 0.5) * cell, margin - 10, str(k + 1), fontName=SANS, fontSize=SIZE,
                     fillColor=MUTED, textAnchor="middle"))
        d.add(String(margin - 6, margin + (k + 0.5) * cell - 3, str(k + 1), fontName=SANS, fontSize=SIZE,
                     fillColor=MUTED, textAnchor="end"))
    d.add(String(margin + 2.5 * cell, 2, x_label, fontName=SANS_BOLD, fontSize=SIZE, fillColor=INK,
                 textAnchor="middle"))
    d.add(String(2, size - 9, y_label, fontName=SANS_BOLD, fontSize=SIZE, fillColor=INK))
    by_cell: dict[tuple[int, int], list] = {}
    for p in points:
        by_cell.setdefault((p[1], p[2]), []).append(p)
    r = min(7.0, cell / 6)
    for (impact, feasibility), here in by_cell.items():
        cx0 = margin + (feasibility - 0.5) * cell
        cy = margin + (impact - 0.5) * cell
        per_row = max(1, int(cell // (2 * r + 2)))
        for k, (label, _i, _f, cause) in enumerate(here):
            cx = cx0 + ((k % per_row) - (min(len(here), per_row) - 1) / 2) * (2 * r + 2)
            y = cy - (k // per_row) * (2 * r + 2)
            fill = PALETTE[0] if cause else PALETTE[1]
            d.add(Circle(cx, y, r, fillColor=fill, strokeColor=colors.white, strokeWidth=0.5))
            d.add(String(cx, y - 2.5, label, fontName=SANS_BOLD, fontSize=SIZE - 1, fillColor=colors.white,
                         textAnchor="middle"))
    return d


# -- the same drawing as a PNG (DOCX) --------------------------------------------------------------
def _rgb(c) -> tuple[int, int, int] | None:
    if c is None:
        return None
    return int(round(c.red * 255)), int(round(c.green * 255)), int(round(c.blue * 255))


_FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf"}


def to_png(drawing: Drawing, scale: float = 3.0) -> bytes:
    """Render a drawing made of Rect, Line, Circle, Polygon and String shapes to PNG bytes (Pillow)."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = int(round(drawing.width * scale)), int(round(drawing.height * scale))
    im = Image.new("RGB", (max(1, w), max(1, h)), "white")
    draw = ImageDraw.Draw(im)
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}

    def Y(y: float) -> float:
        return h - y * scale

    for shape in drawing.contents:
        if isinstance(shape, Rect):
            box = [shape.x * scale, Y(shape.y + shape.height), (shape.x + shape.width) * scale, Y(shape.y)]
            outline = _rgb(shape.strokeColor) if shape.strokeColor is not None and shape.strokeWidth else None
            draw.rectangle(box, fill=_rgb(shape.fillColor), outline=outline,
                           width=max(1, int(shape.strokeWidth * scale)) if outline else 0)
        elif isinstance(shape, Line):
            draw.line([shape.x1 * scale, Y(shape.y1), shape.x2 * scale, Y(shape.y2)], fill=_rgb(shape.strokeColor),
                      width=max(1, int(shape.strokeWidth * scale)))
        elif isinstance(shape, Circle):
            box = [(shape.cx - shape.r) * scale, Y(shape.cy + shape.r), (shape.cx + shape.r) * scale,
                   Y(shape.cy - shape.r)]
            draw.ellipse(box, fill=_rgb(shape.fillColor), outline=_rgb(shape.strokeColor))
        elif isinstance(shape, Polygon):
            pts = shape.points
            draw.polygon([(pts[k] * scale, Y(pts[k + 1])) for k in range(0, len(pts) - 1, 2)],
                         fill=_rgb(shape.fillColor), outline=_rgb(shape.strokeColor))
        elif isinstance(shape, String):
            key = (shape.fontName, shape.fontSize)
            if key not in fonts:
                fonts[key] = ImageFont.truetype(font_path(_FONT_FILES.get(shape.fontName, "DejaVuSans.ttf")),
                                                max(1, int(round(shape.fontSize * scale))))
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(shape.textAnchor, "ls")
            draw.text((shape.x * scale, Y(shape.y)), shape.text, font=fonts[key], fill=_rgb(shape.fillColor),
                      anchor=anchor)
    out = io.BytesIO()
    im.save(out, "PNG", optimize=True)
    return out.getvalue()
