"""Time of ``facilitator.tree.layout`` (levels included) on trees of 300 and 1,000 nodes.

The tree panel lays the whole tree out again after every edit, so the layout must
stay well under a frame's worth of the 100 ms a facilitator notices. Trees are
random but realistic: about 60 % causes and 40 % effects, each hanging from a
recent node of its side or from the trunk, plus a few extra arrows between causes
(some of which close cycles, which the layout must survive).

    python bench/tree_layout.py [--runs 200] [--sizes 300 1000]

Prints p50, p99 and max in milliseconds for each size. Goal: 300 nodes well under 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.tree import layout  # noqa: E402


def random_tree(count: int, seed: int) -> tuple[list[dict], list[dict]]:
    rnd = random.Random(seed)
    notes = [{"id": "P", "zone": "problema", "position": 0.0}]
    links: list[dict] = []
    sides: dict[str, list[str]] = {"causas": [], "efectos": []}
    for i in range(count - 1):
        zone = "causas" if rnd.random() < 0.6 else "efectos"
        parent = rnd.choice(sides[zone][-40:] + ["P"])
        nid = f"n{i}"
        notes.append({"id": nid, "zone": zone, "position": float(i)})
        links.append({"source_id": nid, "target_id": parent} if zone == "causas"
                     else {"source_id": parent, "target_id": nid})
        sides[zone].append(nid)
    for _i in range(count // 20):
        a, b = rnd.sample(sides["causas"], 2)
        links.append({"source_id": a, "target_id": b})
    return notes, links


def measure(count: int, runs: int) -> list[float]:
    times = []
    for run in range(runs):
        notes, links = random_tree(count, run)
        start = time.perf_counter()
        layout(notes, links)
        times.append((time.perf_counter() - start) * 1000.0)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    args = parser.parse_args()
    for count in args.sizes:
        times = measure(count, args.runs)
        p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
        print(f"{count:5d} nodes, {args.runs} runs: p50 {statistics.median(times):6.2f} ms  "
              f"p99 {p99:6.2f} ms  max {times[-1]:6.2f} ms")


if __name__ == "__main__":
    main()
