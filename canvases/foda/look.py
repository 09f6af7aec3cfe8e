"""Colours of the FODA matrix, shared by the editing panel and the projector view.

The classic reading of a SWOT grid: green for strengths, amber for weaknesses,
blue for opportunities, red for threats; the cross strategies in a calm violet.
Each quadrant has a strong colour (headers, on white text) and a pale tint
(its background, under dark text).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from canvases.board.items import GROUP_PALETTE

INK = QColor("#1B1F24")
MUTED = QColor("#5F6B76")
ACCENT = QColor("#1F6F8B")
VOTE = QColor("#C62828")
PAPER = QColor("#FAFAF7")

STRONG = {
    "fortalezas": "#2E7D32",
    "debilidades": "#A15C00",
    "oportunidades": "#1F5F9B",
    "amenazas": "#B3261E",
}
STRATEGY_STRONG = "#5E4B8B"
STRAY_STRONG = "#5F6B76"


def strong(zone: str | None) -> QColor:
    """The quadrant's own colour (a header band, a border)."""
    if zone in STRONG:
        return QColor(STRONG[zone])
    return QColor(STRAY_STRONG if zone is None else STRATEGY_STRONG)


def tint(zone: str | None, amount: float = 0.9) -> QColor:
    """The quadrant's colour mixed with white: a background dark text reads well on."""
    c = strong(zone)
    return QColor(round(c.red() + (255 - c.red()) * amount), round(c.green() + (255 - c.green()) * amount),
                  round(c.blue() + (255 - c.blue()) * amount))


def group_colour(colour: str | None, position: int | None) -> QColor:
    """A group's badge colour: its own, else the board's palette by its place (grey without group)."""
    if colour and QColor(colour).isValid():
        return QColor(colour)
    if position is None:
        return QColor("#9AA4AD")
    return QColor(GROUP_PALETTE[int(position) % len(GROUP_PALETTE)])


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#1B1F24") if luminance > 150 else QColor("#FFFFFF")

