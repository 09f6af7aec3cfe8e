"""Where post-its sit inside a board cell (one group's lane × one zone).

Positions are stored as plain numbers relative to the cell's top-left corner,
in scene units (1 unit = 1 px at 100 % zoom). New notes take the next free slot
of a row-major grid, so capture and import place notes the same way.

The board itself is a grid of cells: lanes (workshop groups) are rows, zones are
columns. A cell grows to fit its notes; all cells of a row share one height and
all cells of a column one width, so the board reads like the flipchart it copies.
``Grid`` computes that geometry from the notes' extents (no Qt), for the canvas
and for the drop logic of drag-and-drop alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

NOTE_W = 160.0
NOTE_H = 100.0
GAP = 12.0
COLUMNS = 4  # notes per row inside a cell

PITCH_X = NOTE_W + GAP
PITCH_Y = NOTE_H + GAP
HEADER_W = 170.0  # lane titles, left of the cells
HEADER_H = 48.0  # zone titles, above the cells
MIN_CELL_W = GAP + COLUMNS * PITCH_X
MIN_CELL_H = GAP + PITCH_Y


def slot(index: int, columns: int = COLUMNS) -> tuple[float, float]:
    """Top-left of the ``index``-th grid slot of a cell."""
    row, col = divmod(index, columns)
    return GAP + col * (NOTE_W + GAP), GAP + row * (NOTE_H + GAP)


def _overlapping(t: float, size: float, pitch: float, limit: int | None) -> range:
    """Slot numbers along one axis whose span overlaps a note starting at ``t``."""
    low = max(0, math.floor((t - GAP - size) / pitch))
    high = math.ceil((t - GAP + size) / pitch)
    if limit is not None:
        high = min(high, limit - 1)
    return range(low, max(low, high + 1))


class FreeSlots:
    """The free grid slots of one cell, taken one after another (batch capture, imports).

    Each existing note marks the few slots it overlaps, once; then every new
    note takes the first unmarked slot. Placing n notes among m costs O(n + m).
    Slots are numbered row-major (``index = row * columns + col``).
    """

    def __init__(self, taken: Iterable[tuple[float, float]] = (), columns: int = COLUMNS) -> None:
        self.columns = columns
        self.blocked: set[int] = set()
        self._first = 0
        add = self.blocked.add
        for x, y in taken:  # inlined fast path: most notes sit exactly on a slot
            col, row = (x - GAP) / PITCH_X, (y - GAP) / PITCH_Y
            if col.is_integer() and row.is_integer() and 0 <= col < columns and row >= 0:
                add(int(row) * columns + int(col))  # a note on the grid covers its own slot only
            else:
                self.block(x, y)

    def block(self, tx: float, ty: float) -> None:
        """Mark the slots a note with top-left (tx, ty) overlaps."""
        for row in _overlapping(ty, NOTE_H, PITCH_Y, None):
            if abs(GAP + row * PITCH_Y - ty) >= NOTE_H:
                continue
            for col in _overlapping(tx, NOTE_W, PITCH_X, self.columns):
                if abs(GAP + col * PITCH_X - tx) < NOTE_W:
                    self.blocked.add(row * self.columns + col)

    def take(self) -> tuple[float, float]:
        """The first free slot, now marked as taken."""
        index = self._first
        blocked = self.blocked
        while index in blocked:
            index += 1
        self._first = index
        blocked.add(index)
        return slot(index, self.columns)

    def peek(self) -> tuple[float, float]:
        """The slot ``take`` would give next, left free."""
        blocked = self.blocked
        while self._first in blocked:
            self._first += 1
        return slot(self._first, self.columns)

    def copy(self) -> FreeSlots:
        """An independent copy (to take slots from without changing this one)."""
        twin = FreeSlots(columns=self.columns)
        twin.blocked = set(self.blocked)
        twin._first = self._first
        return twin


def next_slot(taken: Iterable[tuple[float, float]], columns: int = COLUMNS) -> tuple[float, float]:
    """The first grid slot that no existing note overlaps.

    Linear in the number of notes (a cell may hold hundreds while someone types).
    """
    return FreeSlots(taken, columns).take()


def reading_order(points: Sequence[tuple[float, float]]) -> list[int]:
    """Indices of ``points`` (note top-lefts) as a reader scans them: by row, then left to right.

    Notes within half a slot of the same height count as one row, so a note
    dragged a few pixels up or down does not jump ahead of its neighbours.
    """
    return sorted(range(len(points)), key=lambda i: (round((points[i][1] - GAP) / PITCH_Y), points[i][0],
                                                    points[i][1]))


def cell_extent(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """Width and height a cell needs to show notes at these top-lefts (at least one row)."""
    width, height = MIN_CELL_W, MIN_CELL_H
    for x, y in points:
        width = max(width, x + NOTE_W + GAP)
        height = max(height, y + NOTE_H + GAP)
    return width, height


@dataclass(frozen=True)
class Grid:
    """Geometry of a board: column x/width per zone, row y/height per lane (scene units)."""

    zones: tuple[str, ...]
    lanes: tuple[Hashable, ...]  # group ids; None is the lane of notes without group
    col_x: tuple[float, ...]
    col_w: tuple[float, ...]
    row_y: tuple[float, ...]
    row_h: tuple[float, ...]

    @classmethod
    def build(cls, zones: Sequence[str], lanes: Sequence[Hashable],
              extents: dict[tuple[str, Hashable], tuple[float, float]]) -> "Grid":
        """Lay out cells so each fits its notes; ``extents`` maps (zone, lane) to cell_extent()."""
        col_w = [max([MIN_CELL_W, *(extents.get((z, lane), (0.0, 0.0))[0] for lane in lanes)]) for z in zones]
        row_h = [max([MIN_CELL_H, *(extents.get((z, lane), (0.0, 0.0))[1] for z in zones)]) for lane in lanes]
        col_x, x = [], HEADER_W
        for w in col_w:
            col_x.append(x)
            x += w
        row_y, y = [], HEADER_H
        for h in row_h:
            row_y.append(y)
            y += h
        return cls(tuple(zones), tuple(lanes), tuple(col_x), tuple(col_w), tuple(row_y), tuple(row_h))

    @property
    def width(self) -> float:
        return (self.col_x[-1] + self.col_w[-1]) if self.zones else HEADER_W

    @property
    def height(self) -> float:
        return (self.row_y[-1] + self.row_h[-1]) if self.lanes else HEADER_H

    def cell_rect(self, zone: str, lane: Hashable) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a cell in scene units."""
        j, i = self.zones.index(zone), self.lanes.index(lane)
        return self.col_x[j], self.row_y[i], self.col_w[j], self.row_h[i]

    def cell_at(self, x: float, y: float) -> tuple[str, Hashable] | None:
        """The cell under a scene point; points off the grid snap to the nearest cell."""
        if not self.zones or not self.lanes:
            return None
        j = _index_at(self.col_x, self.col_w, x)
        i = _index_at(self.row_y, self.row_h, y)
        return self.zones[j], self.lanes[i]


def _index_at(starts: Sequence[float], sizes: Sequence[float], v: float) -> int:
    for k, (s, size) in enumerate(zip(starts, sizes)):
        if v < s + size:
            return k
    return len(starts) - 1
