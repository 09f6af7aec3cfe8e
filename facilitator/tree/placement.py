"""Where the nodes of a problem tree go: each node's row from the arrows (``levels``), then ``layout``.

Pure geometry over notes and links as the file stores them: the window and the
exporters both call it, so they draw the same tree. ``bench/tree_layout.py`` times it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from .zones import EFFECT_ZONES, TRUNK_ZONES

# -- levels ----------------------------------------------------------------------------------
def _edges(ids: set[str], links: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """Usable arrows: both ends among the notes, no self-links, no repeats (in link order)."""
    seen: set[tuple[str, str]] = set()
    edges = []
    for link in links:
        pair = (link.get("source_id"), link.get("target_id"))
        if pair[0] in ids and pair[1] in ids and pair[0] != pair[1] and pair not in seen:
            seen.add(pair)  # type: ignore[arg-type]
            edges.append(pair)
    return edges  # type: ignore[return-value]


def _reach(starts: Iterable[str], step: dict[str, list[str]], stop: set[str]) -> set[str]:
    """Nodes reached from ``starts`` along ``step``, not walking through the ``stop`` nodes."""
    found: set[str] = set()
    todo = [n for s in starts for n in step[s] if n not in stop]
    while todo:
        node = todo.pop()
        if node in found:
            continue
        found.add(node)
        todo.extend(n for n in step[node] if n not in stop and n not in found)
    return found


def _longest(nodes: Sequence[str], succ: Callable[[str], list[str]]) -> dict[str, int]:
    """Length of the longest path from each node along ``succ``; arrows closing a cycle are ignored.

    Iterative depth-first search (a chain of a thousand causes must not hit the
    recursion limit); the order of ``nodes`` decides which arrow of a cycle is
    dropped, so the result is the same on every run.
    """
    depth: dict[str, int] = {}
    on_stack: set[str] = set()
    for root in nodes:
        if root in depth:
            continue
        stack = [(root, iter(succ(root)))]
        on_stack.add(root)
        while stack:
            node, pending = stack[-1]
            for nxt in pending:
                if nxt not in depth and nxt not in on_stack:
                    on_stack.add(nxt)
                    stack.append((nxt, iter(succ(nxt))))
                    break
            else:
                stack.pop()
                on_stack.discard(node)
                depth[node] = max((depth[s] + 1 for s in succ(node) if s in depth), default=0)
    return depth


def levels(notes: list[dict], links: list[dict]) -> dict[str, int]:
    """Each note's row: the trunk 0, causes (or means) below it -1, -2…, effects (or ends) above it 1, 2….

    The arrows decide: a node from which the trunk can be reached is a cause, one
    reached from the trunk is an effect; a node the arrows do not tie to a trunk
    goes by its zone (an unknown zone counts as a cause). Within a side, a node
    sits one row further from the trunk than the furthest node it leads to (causes)
    or comes from (effects), so every arrow points towards the trunk's row or
    beyond it: an unlinked cause sits at -1, an unlinked effect at +1. Arrows that
    close a cycle, point to missing notes or join a note to itself are ignored;
    several trunks all sit at 0.
    """
    ids = [n["id"] for n in notes]
    idset = set(ids)
    zone = {n["id"]: n.get("zone") or "" for n in notes}
    out: dict[str, list[str]] = {i: [] for i in ids}
    into: dict[str, list[str]] = {i: [] for i in ids}
    for source, target in _edges(idset, links):
        out[source].append(target)
        into[target].append(source)
    trunks = [i for i in ids if zone[i] in TRUNK_ZONES]
    trunk_set = set(trunks)
    causing = _reach(trunks, into, trunk_set)
    caused = _reach(trunks, out, trunk_set)
    side: dict[str, int] = {}
    for i in ids:
        if i in trunk_set:
            side[i] = 0
        elif i in causing and i in caused:  # on a cycle through the trunk: the zone settles it
            side[i] = 1 if zone[i] in EFFECT_ZONES else -1
        elif i in causing or i in caused:
            side[i] = -1 if i in causing else 1
        else:
            side[i] = 1 if zone[i] in EFFECT_ZONES else -1
    causes = [i for i in ids if side[i] < 0]
    effects = [i for i in ids if side[i] > 0]
    below = _longest(causes, lambda n: [t for t in out[n] if side[t] < 0])
    above = _longest(effects, lambda n: [s for s in into[n] if side[s] > 0])
    result = {i: 0 for i in trunks}
    result.update({i: -1 - below[i] for i in causes})
    result.update({i: 1 + above[i] for i in effects})
    return result


# -- layout ----------------------------------------------------------------------------------
ORDER_SWEEPS = 3  # outward/inward barycentre rounds that order each row
PLACE_SWEEPS = 4  # rounds that pull nodes over their neighbours


def _place_row(desired: Sequence[float], sep: float) -> list[float]:
    """Positions as close as possible (least squares) to ``desired``, in this order, ``sep`` apart.

    Pool-adjacent-violators on ``desired[i] - i * sep``: linear time, and the
    optimum, so a row never overlaps and moves no more than it must.
    """
    blocks: list[list[float]] = []  # [mean, count]
    for i, d in enumerate(desired):
        blocks.append([d - i * sep, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            prev = blocks[-1]
            prev[0] = (prev[0] * prev[1] + mean * count) / (prev[1] + count)
            prev[1] += count
    xs: list[float] = []
    for mean, count in blocks:
        for _i in range(int(count)):
            xs.append(mean + len(xs) * sep)
    return xs


def _rank(notes: list[dict]) -> dict[str, tuple[float, int]]:
    """Manual order: the note's position, then its place in the list."""
    return {n["id"]: (float(n.get("position") or 0.0), k) for k, n in enumerate(notes)}


def layout(notes: list[dict], links: list[dict], *, node_w: float = 220, node_h: float = 90, gap_x: float = 30,
           gap_y: float = 70) -> dict[str, tuple[float, float]]:
    """Top-left corner of every node: effects above, the trunk in the middle, causes below.

    One row per level (``levels``); rows are ``node_h + gap_y`` apart and the
    topmost row is at y = 0, the leftmost node at x = 0. Each row is ordered by
    the barycentre of its neighbours nearer the trunk (sweeping out from the trunk
    and back), ties kept in manual order (``position``); then nodes are pulled
    over their neighbours — children under their cause, parents centred on their
    children — by least-squares placement that keeps the order and at least
    ``gap_x`` between boxes, so nothing ever overlaps.
    """
    if not notes:
        return {}
    level = levels(notes, links)
    rank = _rank(notes)
    edges = _edges(set(level), links)
    inner: dict[str, list[str]] = {i: [] for i in level}  # neighbours nearer the trunk's row
    outer: dict[str, list[str]] = {i: [] for i in level}  # neighbours further out
    for a, b in edges:
        for u, v in ((a, b), (b, a)):
            if level[u] * level[v] < 0:
                continue  # a cause tied straight to an effect: no pull across the trunk
            if abs(level[v]) < abs(level[u]):
                inner[u].append(v)
            elif abs(level[v]) > abs(level[u]):
                outer[u].append(v)
    rows: dict[int, list[str]] = {}
    for node in sorted(level, key=rank.__getitem__):
        rows.setdefault(level[node], []).append(node)
    outward = sorted((lv for lv in rows if lv != 0), key=lambda lv: (abs(lv), lv))
    inward = sorted(rows, key=lambda lv: (-abs(lv), lv))

    # Order: barycentres over slot coordinates (a row's slots centred on 0).
    slot: dict[str, float] = {}

    def renumber(row: list[str]) -> None:
        middle = (len(row) - 1) / 2.0
        for k, node in enumerate(row):
            slot[node] = k - middle

    def reorder(lv: int, towards: dict[str, list[str]]) -> None:
        def key(node: str) -> tuple[float, tuple[float, int]]:
            near = towards[node]
            bary = sum(slot[n] for n in near) / len(near) if near else slot[node]
            return bary, rank[node]

        rows[lv].sort(key=key)
        renumber(rows[lv])

    for row in rows.values():
        renumber(row)
    for _round in range(ORDER_SWEEPS):
        for lv in outward:
            reorder(lv, inner)
        for lv in inward:
            reorder(lv, outer)
    for lv in outward:
        reorder(lv, inner)

    # Coordinates: pull each row towards its neighbours without breaking its order.
    sep = node_w + gap_x
    x = {node: s * sep for node, s in slot.items()}

    def pull(lv: int, towards: dict[str, list[str]]) -> None:
        row = rows[lv]
        desired = [sum(x[n] for n in towards[node]) / len(towards[node]) if towards[node] else x[node]
                   for node in row]
        for node, value in zip(row, _place_row(desired, sep)):
            x[node] = value

    for _round in range(PLACE_SWEEPS):
        for lv in outward:
            pull(lv, inner)
        for lv in inward:
            pull(lv, outer)
    left = min(x.values())
    top = max(max(rows), 0)
    step = node_h + gap_y
    return {node: (x[node] - left, (top - level[node]) * step) for node in level}


def row_top(level: int, top_level: int, *, node_h: float = 90, gap_y: float = 70) -> float:
    """The y of a level's row in a ``layout`` whose highest level is ``top_level`` (for row labels)."""
    return (max(top_level, 0) - level) * (node_h + gap_y)
