"""The tree on the projector: read-only, large type, always the whole tree, following edits live."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from .items import TreeLook
from .scene import TreeScene
from .view import SHAPES, WIDE_SHAPES, TreeView

# Bigger boxes and type than the window's, so the back row reads them; the view fits the whole tree.
PROJECTOR_LOOK = {"node_w": 260.0, "node_h": 112.0, "gap_x": 34.0, "gap_y": 76.0, "text_px": 19.0,
                  "label_w": 210.0}


def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> QWidget:
    """A self-fitting, read-only view of a problem or objective tree (``ctx`` gives ``doc`` and ``signals``).

    The view owns its scene, so closing the projector frees both.
    """
    look = TreeLook(editable=False, **PROJECTOR_LOOK)
    scene = TreeScene(ctx.doc, canvas_row["id"], signals=ctx.signals, look=look)
    view = TreeView(scene, read_only=True, max_fit_zoom=2.0, reshape=True, shapes=SHAPES + WIDE_SHAPES[1:])
    scene.setParent(view)
    view.setAccessibleName(canvas_row.get("title") or "")
    return view
