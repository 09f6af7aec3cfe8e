"""Which canvas widget shows which kind of canvas, for windows that only know a canvas row.

The session runner's projector window asks ``projector_view`` for a read-only
view of the canvas a block uses. Each kind's view lives with its canvas and is
imported only when a projector shows one.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtWidgets import QWidget

# kind → "module:function(ctx, canvas_row) -> QWidget"
PROJECTOR_VIEWS = {
    "board": "canvases.board.view:projector_view",
    "foda": "canvases.foda.view:projector_view",
    "problem_tree": "canvases.tree.projector_view:projector_view",
    "planning_matrix": "canvases.planning.planning_panel:projector_view",
    "monitoring_matrix": "canvases.monitoring.monitoring_panel:projector_view",
}


def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> QWidget | None:
    """A read-only, self-fitting view of ``canvas_row`` that follows the file's changes.

    ``ctx`` is a ``WorkshopContext`` (its ``doc`` and ``signals`` are used). The
    view owns what it draws, so closing the projector frees it. Unknown kinds give None.
    """
    target = PROJECTOR_VIEWS.get(canvas_row.get("kind", ""))
    if target is None:
        return None
    module, _sep, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(ctx, canvas_row)
