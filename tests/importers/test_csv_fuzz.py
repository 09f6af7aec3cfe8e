"""A few hundred generated hostile CSV files: each is planned or refused with lines, never an exception or mojibake."""

from __future__ import annotations

import random

from facilitator.importers import plan_notes_import, plan_participants_import

PIECES = ["texto", "zona", "grupo", "votos", "Desafíos", "Fortalezas y oportunidades", "niño", "ñandú", "=1+1",
          "\t=cmd", "\r", "\n", '"', '""', ";", ",", "\x00", "\ufffe", "😀", "中文", "-5", "3", "1" * 40,
          "x" * 6000, "\u202e", "a\u0301", "\x1b[31m", "Grupo 1", "sí", ""]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]


def variants(count: int, seed: int = 12):
    rnd = random.Random(seed)
    for _ in range(count):
        rows = ["texto;zona;grupo;votos"]
        for _row in range(rnd.randrange(1, 8)):
            if rnd.random() < 0.5:  # a mostly valid row, so that some files import
                rows.append(f"{rnd.choice(PIECES[6:9] + ['idea'])};Desafíos;{rnd.choice(['Grupo 1', ''])};"
                            f"{rnd.choice(['', '2', '-1', 'x'])}")
            else:
                rows.append(";".join(rnd.choice(PIECES) for _ in range(rnd.randrange(1, 6))))
        data = "\n".join(rows).encode(rnd.choice(ENCODINGS), "replace")
        if rnd.random() < 0.2:  # a row pasted from a file in another encoding
            data += "\nniño con ñandú;Desafíos".encode(rnd.choice(ENCODINGS), "replace")
        if rnd.random() < 0.08:
            data = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300)))
        yield data


def test_generated_csv_files_are_planned_or_refused_cleanly(diagnostic):
    doc, wid = diagnostic
    seen = {"ok": 0, "refused": 0}
    for data in variants(200):
        for plan_import in (plan_notes_import, plan_participants_import):
            plan = plan_import(doc, wid, data, source="f.csv")
            if plan.ok:
                seen["ok"] += 1
                texts = [c.values.get("text") or c.values.get("name") or "" for c in plan.command.commands
                         if hasattr(c, "values")]
                assert not any("Ã" in t for t in texts), texts  # never mojibake
            else:
                seen["refused"] += 1
                assert plan.lines() and all(line.strip() for line in plan.lines())
    assert seen["ok"] >= 5 and seen["refused"] > 100  # the generator really reaches both answers
