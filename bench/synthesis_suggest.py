"""Sugerir agrupaciones over 5,000 notes: normalise, score, cluster, and a threshold move.

The notes are the demo's texts rewritten as many groups would write them
(words dropped, reordered, a synonym, a typo) plus unrelated notes built from the
same vocabulary, spread over 60 groups of 10 workshops. Measured in the same run:

- baseline: the board's duplicate index (``DuplicateIndex``) built over the same
  notes, the cheapest whole-corpus text pass the app already does;
- cold: the first ``Suggester`` (loads simplemma's dictionaries) + clustering;
- warm: a second ``Suggester`` over the same notes + clustering (lemmas cached);
- slider: ``clusters()`` again at another threshold (what moving the slider costs).

Goal (issue 15): suggestions under 2 s here.

    python bench/synthesis_suggest.py [--notes 5000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.board import DuplicateIndex  # noqa: E402
from facilitator.synthesis.suggest import NoteIn, Suggester  # noqa: E402

SYNONYMS = [("colegio", "escuela"), ("trabajo", "empleo"), ("CESFAM", "consultorio")]


def demo_texts() -> list[str]:
    data = json.loads((ROOT / "resources" / "demo" / "demo.json").read_text(encoding="utf-8"))
    return [n["text"] for w in data["workshops"] for n in w.get("notes", [])]


def variant(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 4 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    if len(words) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 6:
            words[i] = w[:3] + w[4:]  # a typo
    out = " ".join(words)
    return out.replace("colegios", "escuelas") if rng.random() < 0.5 else out


def make_notes(count: int, seed: int) -> list[NoteIn]:
    rng = random.Random(seed)
    texts = demo_texts()
    vocab = sorted({w for t in texts for w in t.split() if len(w) > 4})
    notes = []
    for i in range(count):
        workshop = i % 10
        group = f"w{workshop}g{rng.randrange(6)}"
        if rng.random() < 0.6:
            text = variant(rng.choice(texts), rng)
        else:
            text = " ".join(rng.sample(vocab, rng.randint(3, 9)))
        notes.append(NoteIn(f"n{i}", text, group, group, f"w{workshop}", f"Taller {workshop}", rng.randrange(5)))
    return notes


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    notes = make_notes(args.notes, args.seed)
    rows = [{"id": n.id, "text": n.text} for n in notes]
    base, _ = timed(lambda: DuplicateIndex(rows))
    cold, clusters = timed(lambda: Suggester(notes, SYNONYMS).clusters())
    warm_build, suggester = timed(lambda: Suggester(notes, SYNONYMS))
    warm_cluster, clusters = timed(lambda: suggester.clusters())
    slider, moved = timed(lambda: suggester.clusters(threshold=0.55))
    warm = warm_build + warm_cluster
    print(f"notes: {len(notes)}, scored pairs: {len(suggester.pairs)}, clusters: {len(clusters)} "
          f"(at 0.55: {len(moved)}), largest: {max((len(c.notes) for c in clusters), default=0)}")
    print(f"baseline (duplicate index): {base * 1000:.0f} ms")
    print(f"cold suggestions:  {cold * 1000:.0f} ms  ({cold / base:.1f}x baseline)")
    print(f"warm suggestions:  {warm * 1000:.0f} ms  ({warm / base:.1f}x baseline; scoring {warm_build * 1000:.0f} ms, "
          f"clustering {warm_cluster * 1000:.0f} ms)")
    print(f"slider move:       {slider * 1000:.0f} ms  ({slider / base:.2f}x baseline)")
    print(f"goal under 2 s: {'met' if cold < 2.0 else 'NOT met'} (cold)")


if __name__ == "__main__":
    main()
