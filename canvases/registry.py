"""Which canvas widget shows which kind of canvas, for windows that only know a canvas row.

The session runner's projector window asks ``projector_view`` for a read-only
view of the canvas a block uses; kinds handled elsewhere (or not yet) give None.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def projector_view(ctx: Any, canvas_row: dict[str, Any]) -> QWidget | None:
    """A read-only, self-fitting view of ``canvas_row`` that follows the file's changes.

    ``ctx`` is a ``WorkshopContext`` (its ``doc`` and ``signals`` are used). The
    view owns its scene, so closing the projector frees both.
    """
    if canvas_row.get("kind") != "board":
        return None
    from .board.scene import BoardScene
    from .board.view import BoardView

    scene = BoardScene(ctx.doc, canvas_row["id"], signals=ctx.signals)
    view = BoardView(scene, read_only=True)
    scene.setParent(view)
    return view
