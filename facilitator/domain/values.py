"""Numbers as the file stores them, read leniently.

SQLite keeps whatever it is given (``"abc"`` in an INTEGER column), and a file
may come from an older version's import, another tool or a crafted copy. A
reader that meets such a value shows it as missing and carries on: one bad
cell must never stop a panel, a model's ``data()`` or an export. The import
refuses such values up front (``exports.exchange_schema``); these are for what
is already stored.
"""

from __future__ import annotations

import math
from typing import Any


def whole(value: Any, default: int = 0, *, lo: int | None = None, hi: int | None = None) -> int:
    """``value`` as an int (``default`` when it is not a finite number), clamped to ``lo``..``hi``."""
    if isinstance(value, bool):
        number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value):
        number = int(value)
    else:
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return default
    if lo is not None and number < lo:
        return default
    if hi is not None and number > hi:
        return default
    return number


def number(value: Any, default: float = 0.0) -> float:
    """``value`` as a finite float (``default`` otherwise)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        result = float(value)
    else:
        try:
            result = float(str(value).strip())
        except (TypeError, ValueError):
            return default
    return result if math.isfinite(result) else default


def pick_row(rows: list[dict], wanted: str) -> dict | None:
    """The row named by its id or its 1-based position among ``rows``; None when none is."""
    for row in rows:
        if row["id"] == wanted:
            return row
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(rows):
        return rows[int(wanted) - 1]
    return None
