"""Benchmark: peak memory of a capped CSV import, against a small import measured in the same run.

Each case runs ``main.py import FILE --csv X.csv`` in a fresh interpreter and reads
its peak resident memory (``ru_maxrss``) at exit. The baseline is a 10-row notes
CSV imported into the same kind of process. Cases:

- ``1 MB notes``: about 2,000 ordinary notes, imported.
- ``field at the file cap``: a file just under CSV_FILE_MAX_BYTES holding one giant
  field, refused by the field cap after reading (the worst a refused file costs).
- ``1 GB field``: a sparse 1 GB file whose second row is one quoted field (the
  issue's case: 7.2 GB of memory before the caps), refused from its size alone.

Goal: the 1 GB field costs no more than the baseline (ratio ≈ 1); nothing that
is refused costs more than a few times the cap.

    python bench/csv_import_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.limits import CSV_FILE_MAX_BYTES  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402

PROBE = ("import resource, sys; from facilitator.app import main; "
         "code = main(['import', sys.argv[1], '--csv', sys.argv[2]]); "
         "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def process(folder: Path, name: str) -> Path:
    path = folder / f"{name}.taller"
    doc = ProcessDocument.create(path, "Bench")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    return path


def run(folder: Path, name: str, csv_path: Path) -> tuple[int, int]:
    env = {**os.environ, "PAPELOGRAFO_HOME": str(folder / "home")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(process(folder, name)), str(csv_path)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    code, peak_kb = done.stdout.split()[-2:]
    return int(code), int(peak_kb)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "small.csv"
        small.write_text("texto;zona\n" + "".join(f"nota {i};Desafíos\n" for i in range(10)), encoding="utf-8")
        notes = folder / "notes.csv"
        line = "Falta información en la oficina municipal sobre trámites de residencia {i};Desafíos\n"
        with open(notes, "w", encoding="utf-8") as fh:
            fh.write("texto;zona\n")
            size = 0
            i = 0
            while size < 1024 * 1024:
                row = line.format(i=i)
                fh.write(row)
                size += len(row.encode("utf-8"))
                i += 1
        at_cap = folder / "at_cap.csv"
        with open(at_cap, "wb") as fh:
            fh.write(b'texto;zona\n"')
            fh.write(b"x" * (CSV_FILE_MAX_BYTES - 64))
            fh.write(b'";Desafios\n')
        huge = folder / "huge.csv"
        with open(huge, "wb") as fh:
            fh.write(b'texto;zona\n"')
            fh.truncate(1 << 30)

        base_code, base = run(folder, "base", small)
        assert base_code == 0
        print(f"baseline (10 notes imported): peak {base / 1024:7.1f} MB")
        for label, path in (("1 MB of notes", notes), ("field at the file cap", at_cap), ("1 GB field", huge)):
            code, peak = run(folder, label.replace(" ", "_"), path)
            outcome = "imported" if code == 0 else "refused"
            print(f"{label:<24} {path.stat().st_size / 1048576:8.1f} MB file, {outcome:<8}: peak "
                  f"{peak / 1024:7.1f} MB = {peak / base:5.2f} × baseline")


if __name__ == "__main__":
    main()
