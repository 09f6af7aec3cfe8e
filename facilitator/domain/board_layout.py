"""Where post-its sit inside a board cell (one group's lane × one zone).

Positions are stored as plain numbers relative to the cell's top-left corner,
in scene units (1 unit = 1 px at 100 % zoom). New notes take the next free slot
of a row-major grid, so capture and import place notes the same way.
"""

from __future__ import annotations

NOTE_W = 160.0
NOTE_H = 100.0
GAP = 12.0
COLUMNS = 4  # notes per row inside a cell


def slot(index: int, columns: int = COLUMNS) -> tuple[float, float]:
    """Top-left of the ``index``-th grid slot of a cell."""
    row, col = divmod(index, columns)
    return GAP + col * (NOTE_W + GAP), GAP + row * (NOTE_H + GAP)


def next_slot(taken: list[tuple[float, float]], columns: int = COLUMNS) -> tuple[float, float]:
    """The first grid slot that no existing note overlaps."""
    index = 0
    while True:
        x, y = slot(index, columns)
        if not any(abs(x - tx) < NOTE_W and abs(y - ty) < NOTE_H for tx, ty in taken):
            return x, y
        index += 1
