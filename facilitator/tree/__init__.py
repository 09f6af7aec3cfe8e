"""The problem tree and its objective tree (METHODS §3): structure, layout and edits, without Qt.

What is stored is the structure only: the nodes are notes of a ``problem_tree``
canvas (zone ``problema`` for the trunk, ``causas`` for the roots, ``efectos`` for
the branches; ``objetivo``/``medios``/``fines`` in an objective tree) and the arrows
are ``link`` rows, from a cause to what it causes. Where a node is drawn is not
stored: ``levels`` derives each node's row from the arrows and ``layout`` places
the rows, so the picture can never disagree with the structure and the exporters
draw the very same tree as the window.

The package is cut where its contents differ: ``model`` (what is stored and how it
reads), ``placement`` (levels and positions: ``levels``, ``layout``), ``edits`` (one command per user action),
``objective`` (restating a problem tree as an objective tree), ``zones`` (what a zone means). Callers use the
package: ``tree.add_node``, ``tree.layout``…
"""

from .edits import *  # noqa: F401,F403
from .edits import _check_arrow, _parents, _path_exists, _short  # noqa: F401
from .placement import *  # noqa: F401,F403
from .placement import _edges, _longest, _place_row, _rank, _reach  # noqa: F401
from .model import *  # noqa: F401,F403
from .model import _canvas, _note, _trunk_word  # noqa: F401
from .objective import *  # noqa: F401,F403
from .objective import _COMPILED, _GOOD, _RULES, _Blank  # noqa: F401
from .zones import *  # noqa: F401,F403
