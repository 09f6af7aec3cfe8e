"""Which canvas widget shows which kind of canvas, for windows that only know a canvas row.

The session runner's projector window asks ``projector_view`` for a read-only
view of the canvas a block uses. Each kind names its view in the kind registry
(``facilitator.kinds``, ``Kind.projector_view``); the view lives with its canvas
and is imported only when a projector shows one.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtWidgets import QWidget

from facilitator import kinds


def projector_views() -> dict[str, str]:
    """kind → "module:function(ctx, canvas_row) -> QWidget", for every registered kind."""
    return {k.key: k.projector_view for k in kinds.all_kinds() if k.projector_view}


def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> QWidget | None:
    """A read-only, self-fitting view of ``canvas_row`` that follows the file's changes.

    ``ctx`` is a ``WorkshopContext`` (its ``doc`` and ``signals`` are used). The
    view owns what it draws, so closing the projector frees it. Unknown kinds give None.
    """
    target = projector_views().get(canvas_row.get("kind", ""))
    if target is None:
        return None
    module, _sep, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(ctx, canvas_row)
