"""The planning matrix's final check (likely duplicates) after an edit, against checking the whole matrix afresh.

The review runs again after every change to the matrix (canvases/planning/planning_panel.py,
debounced). Its costly part is comparing pairs of initiatives (``planning.duplicate_pairs``);
each pair's answer is kept, so after an edit only the edited initiative is compared again.
The rows are bench/planning_matrix.py's: a small vocabulary, so nearly every pair is a
candidate (a worst case; a real matrix shares far fewer words).

    python bench/planning_review.py [--rows 500] [--edits 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planning_matrix import initiative  # noqa: E402

from facilitator import planning as P  # noqa: E402
from facilitator.synthesis.suggest import normalise  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    rows = [{"id": f"i{n}", **initiative(rng, "c", "a", n)} for n in range(args.rows)]
    normalise("carga de los diccionarios")  # simplemma reads its dictionaries once per process: not the review
    fresh, edited = [], []
    for k in range(args.edits):
        P._alike.cache_clear()
        P._tokens.cache_clear()
        t0 = time.perf_counter()
        P.duplicate_pairs(rows)
        fresh.append(time.perf_counter() - t0)
        rows[rng.randrange(len(rows))]["name"] += f" ajustada {k}"
        t0 = time.perf_counter()
        pairs = P.duplicate_pairs(rows)
        edited.append(time.perf_counter() - t0)
    a, b = statistics.median(fresh), statistics.median(edited)
    print(f"{args.rows} initiatives, {len(pairs)} likely duplicate pairs; medians of {args.edits}")
    print(f"  whole matrix afresh  {a * 1000:8.1f} ms")
    print(f"  after one edit       {b * 1000:8.1f} ms   ({b / a:.3f}x the fresh check)")


if __name__ == "__main__":
    main()
