"""Fuzz the exchange import: hundreds of generated hostile variants, never a traceback.

Each variant either imports (and then the process still exports and builds its
report) or is refused with one ``ExchangeError`` line; any other exception fails.
The generator is seeded, so a failure names a variant that can be replayed.
"""

from __future__ import annotations

import json
import random

import pytest

from exports.exchange import ExchangeError, export_data, import_json
from exports.model import load_report
from facilitator.document import ProcessDocument


VARIANTS = 300
HOSTILE = [
    None, True, False, 0, -1, -5, 1.5, 10**30, -10**30, 2**63, float("nan"), float("inf"), "", " ", "abc",
    "ten", "not json", "[1]", "{}", "[]", '[{"key": 1}]', '{"a": [1]}', "null", "\ud800", "a\x00b",
    "9999-12-31T23:59:59.999Z", "0000-00-00", "not a time", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
    "\u202e\u0645\u0631\u062d\u0628\u0627", "ñandú 😀", "x" * 5000, [], [1, 2], {}, {"$base64": "%%%"},
    {"$base64": "aGVsbG8="}, {"nested": {"deeper": [None]}}, "11111111-2222-4333-8444-555555555555",
]


@pytest.fixture
def sample(exchange_sample):
    data = json.loads(json.dumps(exchange_sample))
    data["tables"].pop("photo")  # pictures are checked by their own cases; here they only slow each round
    return data


def mutate(data: dict, rng: random.Random) -> str:
    """Apply one or a few random hostile changes; return what was done (for the failure message)."""
    done = []
    tables = data["tables"]
    for _ in range(rng.choice((1, 1, 2, 3))):
        table = rng.choice([t for t, rows in tables.items() if isinstance(rows, list) and rows])
        rows = tables[table]
        index = rng.randrange(len(rows))
        row = rows[index]
        action = rng.random()
        if action < 0.6 and isinstance(row, dict):
            column = rng.choice(sorted(row))
            value = rng.choice(HOSTILE + [rng.choice(rows).get(column) if isinstance(rng.choice(rows), dict) else 0])
            row[column] = value
            done.append(f"{table}[{index}].{column}={value!r:.40}")
        elif action < 0.7 and isinstance(row, dict):
            column = rng.choice(sorted(row))
            row.pop(column)
            done.append(f"{table}[{index}] without {column}")
        elif action < 0.8:
            rows.append(json.loads(json.dumps(row)))
            done.append(f"{table}[{index}] twice")
        elif action < 0.87 and isinstance(row, dict):
            other = rng.choice([t for t in tables if t != table])
            if isinstance(tables[other], list) and tables[other] and isinstance(tables[other][0], dict):
                row["id"] = tables[other][0].get("id")
            done.append(f"{table}[{index}] takes an id of {other}")
        elif action < 0.9:
            rows.pop(index)
            done.append(f"{table}[{index}] dropped (its children orphaned)")
        elif action < 0.92:
            rng.shuffle(rows)  # rows that refer to each other, in any order
            done.append(f"{table} shuffled")
        elif action < 0.95 and isinstance(row, dict):  # the other laptop "deleted" it (any table, even process)
            tables.setdefault("tombstone", []).append({
                "id": f"fuzz-{rng.randrange(10**9)}", "created_at": "2026-01-01T00:00:00Z",
                "updated_at": rng.choice(["2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]), "tbl": table,
                "row_id": row.get("id"), "device": "fuzz"})
            done.append(f"tombstone for {table}[{index}]")
        else:
            tables[table] = rng.choice([None, "rows", {}, 5])
            done.append(f"{table} replaced by a non-list")
    return "; ".join(done)


def test_fuzzed_exchange_files_never_raise_a_traceback(sample, tmp_path):
    rng = random.Random(20261203)
    target = ProcessDocument.create(tmp_path / "destino.taller", "Destino")
    outcomes = {"refused": 0, "imported": 0, "bytes": 0}
    try:
        for n in range(VARIANTS):
            data = json.loads(json.dumps(sample))
            what = mutate(data, rng)
            raw = json.dumps(data, ensure_ascii=True).encode("ascii")
            if n % 10 == 9:  # now and then damage the bytes themselves
                cut = rng.randrange(len(raw))
                raw = raw[:cut] + bytes([rng.randrange(256)]) + raw[cut + 1:]
                what += "; one byte changed"
                outcomes["bytes"] += 1
            try:
                plan = import_json(target, raw)
            except ExchangeError as exc:
                assert "\n" not in str(exc) and str(exc), (n, what)
                outcomes["refused"] += 1
                continue
            except Exception as exc:  # noqa: BLE001 - the point of the test
                pytest.fail(f"variant {n} ({what}) raised {type(exc).__name__}: {exc}")
            outcomes["imported"] += 1
            try:  # what was let in must still export and read
                export_data(target)
                load_report(target)
            except Exception as exc:  # noqa: BLE001
                pytest.fail(f"variant {n} ({what}) was imported but then broke an export: {exc!r}")
            if plan.command is not None:
                plan.command.undo(target.store)
            if target.store.scalar("SELECT count(*) FROM tombstone") or target.store.scalar(
                    "SELECT count(*) FROM note"):
                pytest.fail(f"variant {n} ({what}): undoing the merge left rows or tombstones behind")
    finally:
        target.close()
    print(outcomes)
    assert outcomes["refused"] > VARIANTS // 3 and outcomes["imported"] > 10, outcomes
