"""A canvas's zones as the file stores them: a JSON list of ``{"key", "label"}``.

Read leniently, as every canvas reads them: text that is not such a list reads
as no zones, and entries without a key are left out, so a damaged list never
stops a panel or an export.
"""

from __future__ import annotations

import json
from typing import Any


def read_zones(raw: str | None) -> list[dict[str, Any]]:
    """The zones with a key, in their order."""
    try:
        zones = json.loads(raw or "[]")
    except (ValueError, TypeError, RecursionError):
        return []
    return [z for z in zones if isinstance(z, dict) and z.get("key")] if isinstance(zones, list) else []


def zone_label(zones: list[dict[str, Any]], key: str) -> Any:
    """The label of zone ``key`` (None when there is no such zone or it has no label)."""
    return next((z.get("label") or None for z in zones if z["key"] == key), None)
