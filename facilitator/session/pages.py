"""The notes of a canvas cut into pages the back row can read (pure).

On *Lienzo en grande* a whole board shrinks until its post-its are grey lines. Instead
the projector shows one zone of one group at a time, at a type size fixed by the
screen (``MIN_TEXT`` of its height), as many notes as fit, and pages through the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

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
          per_page: int = 1, no_group: str = "", chunk: Callable[[list[str]], list[list[str]]] | None = None,
          keep_zone: str | None = None) -> list[Page]:
    """Zone by zone (the canvas's order), group by group (the workshop's order), ``per_page`` notes a page.

    ``chunk`` cuts one zone and group's texts into pages instead (by the room each note's text takes);
    ``keep_zone`` gets a page with no notes when it has none (the block's zone, before its first note).
    """
    per_page = max(1, per_page)
    cut = chunk or (lambda texts: [texts[i:i + per_page] for i in range(0, len(texts), per_page)])
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
            chunks = [c for c in cut(texts) if c] if texts else []
            for k, part in enumerate(chunks, start=1):
                found.append(Page(labels.get(zone, zone), names.get(group, no_group) if group else no_group,
                                  tuple(part), k, len(chunks), zone))
        if zone == keep_zone and not any(p.zone_key == zone for p in found):
            found.append(Page(labels.get(zone, zone), "", (), 1, 1, zone))
    return found


def block_zone(block: dict[str, Any], zones: Sequence[dict[str, Any]]) -> str | None:
    """The zone a block is about: its own ``zone``; else the zone whose label its title names first
    (a FODA block «Factores externos: oportunidades y amenazas» names no zone of its own, its
    quadrants in its title); else None (a plenary over the whole canvas)."""
    keys = [z["key"] for z in zones]
    if block.get("zone") in keys:
        return block["zone"]
    title = f" {' '.join(_words(str(block.get('title') or '')))} "
    found = []
    for z in zones:
        label = " ".join(_words(str(z.get("label") or "")))
        at = title.find(f" {label} ") if label else -1
        if at >= 0:
            found.append((at, z["key"]))
    return min(found)[1] if found else None


def _words(text: str) -> list[str]:
    import unicodedata

    plain = "".join(ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else " " for ch in plain).split()
