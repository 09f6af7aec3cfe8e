"""The report's typographic hierarchy: one sans family, a few sizes, generous leading.

All styles use the bundled DejaVu Sans, so the PDF looks the same everywhere.
``splitLongWords`` is on everywhere so that a URL or a word longer than its
column breaks inside the column instead of running past it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..fonts import SANS, SANS_BOLD, register_fonts

INK = colors.HexColor("#1F2A33")
MUTED = colors.HexColor("#5B6770")
ACCENT = colors.HexColor("#1F6F8B")
RULE = colors.HexColor("#C9D3D9")
HEAD_BG = colors.HexColor("#E6EEF2")
ZEBRA = colors.HexColor("#F6F8F9")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    h4_open: ParagraphStyle  # an h4 that does not hold on to what follows (a title above a long table)
    body: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    cell_tight: ParagraphStyle
    cell_head: ParagraphStyle
    figure: ParagraphStyle
    big_number: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]


def _style(name: str, size: float, *, font: str = SANS, leading: float | None = None, before: float = 0,
           after: float = 0, color=INK, align=TA_LEFT, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.35,
                          spaceBefore=before, spaceAfter=after, textColor=color, alignment=align,
                          splitLongWords=1, allowWidows=0, allowOrphans=0, **kw)


def make_styles() -> Styles:
    register_fonts()
    return Styles(
        title=_style("title", 24, font=SANS_BOLD, leading=30, after=10, color=INK),
        subtitle=_style("subtitle", 13, leading=18, after=18, color=ACCENT),
        cover_meta=_style("cover_meta", 10.5, leading=15, after=4, color=INK),
        h1=_style("h1", 17, font=SANS_BOLD, leading=22, before=16, after=10, color=ACCENT, keepWithNext=1),
        h2=_style("h2", 13, font=SANS_BOLD, leading=17, before=12, after=6, keepWithNext=1),
        h3=_style("h3", 11, font=SANS_BOLD, leading=15, before=10, after=4, color=ACCENT, keepWithNext=1),
        h4=_style("h4", 9.5, font=SANS_BOLD, leading=13, before=8, after=3, keepWithNext=1),
        h4_open=_style("h4_open", 9.5, font=SANS_BOLD, leading=13, before=8, after=3),
        body=_style("body", 9.5, leading=13.5, after=6),
        muted=_style("muted", 8.5, leading=12, after=4, color=MUTED),
        label=_style("label", 8.5, font=SANS_BOLD, leading=12, before=3, after=1, color=ACCENT, keepWithNext=1),
        note=_style("note", 9.5, leading=13, after=3, leftIndent=12, bulletIndent=2),
        cell=_style("cell", 8.5, leading=11),
        cell_small=_style("cell_small", 7.5, leading=9.5, color=MUTED),
        cell_tight=_style("cell_tight", 7.8, leading=9.8),
        cell_head=_style("cell_head", 8, font=SANS_BOLD, leading=10.5),
        figure=_style("figure", 8, leading=11, before=3, after=10, color=MUTED, align=TA_CENTER),
        big_number=_style("big_number", 20, font=SANS_BOLD, leading=24, after=2, color=ACCENT),
        toc=(_style("toc0", 10.5, font=SANS_BOLD, leading=15, before=5, leftIndent=0),
             _style("toc1", 9.5, leading=13, leftIndent=16),
             _style("toc2", 8.5, leading=11.5, leftIndent=32, color=MUTED)),
    )
