"""The notes of a canvas cut into pages the back row can read (pure).

On *Lienzo en grande* a whole board shrinks until its post-its are grey lines. Instead
the projector shows one zone of one group at a time, at a type size fixed by the
screen (``MIN_TEXT`` of its height), as many notes as fit, and pages through the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

MIN_TEXT = 1 / 30  # note text at least this part of the screen's height
CARD_CHARS = 18  # a card is about this many characters of the note's type wide (a whole note in five lines)
CARD_LINES = 4.6  # and this many lines high (four lines of text and the padding)


@dataclass(frozen=True)
class Page:
    zone: str  # the zone's label
    group: str  # the group's name ("" for notes without a group)
    notes: tuple[str, ...]
    part: int  # 1-based part of this zone and group
    parts: int
    zone_key: str = ""  # the zone's key (a block names its zone by key)


def grid(width: int, height: int, text_px: int) -> tuple[int, int]:
    """Columns and rows of cards that fit ``width``×``height`` at ``text_px`` (at least one of each)."""
    card_w = CARD_CHARS * text_px * 0.62
    card_h = CARD_LINES * text_px * 1.25
    return max(1, int(width // card_w)), max(1, int(height // card_h))


def pages(notes: Sequence[dict[str, Any]], zones: Sequence[dict[str, Any]], groups: Sequence[dict[str, Any]],
          per_page: int, no_group: str = "") -> list[Page]:
    """Zone by zone (the canvas's order), group by group (the workshop's order), ``per_page`` notes a page."""
    per_page = max(1, per_page)
    zone_order = [z["key"] for z in zones] + sorted({n.get("zone") or "" for n in notes} - {z["key"] for z in zones})
    labels = {z["key"]: z.get("label") or z["key"] for z in zones}
    group_order = [g["id"] for g in groups] + [None]
    names = {g["id"]: g["name"] for g in groups}
    found: list[Page] = []
    for zone in zone_order:
        for group in group_order:
            texts = [str(n.get("text") or "").strip() for n in notes
                     if (n.get("zone") or "") == zone and (n.get("group_id") or None) == group]
            texts = [t for t in texts if t]
            chunks = [texts[i:i + per_page] for i in range(0, len(texts), per_page)]
            for k, chunk in enumerate(chunks, start=1):
                found.append(Page(labels.get(zone, zone), names.get(group, no_group) if group else no_group,
                                  tuple(chunk), k, len(chunks), zone))
    return found
