"""Caps on what a CSV import takes in: the file's size, each field's length, a note's length."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.app import main
from facilitator.document import ProcessDocument
from facilitator.domain.limits import CSV_FIELD_MAX_CHARS, CSV_FILE_MAX_BYTES, NOTE_MAX_CHARS
from facilitator.domain.templates import builtin_template
from facilitator.importers.csvread import CsvTooBig, read_capped, read_table
from facilitator.workshops import new_workshop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def process(tmp_path):
    path = tmp_path / "p.taller"
    doc = ProcessDocument.create(path, "P")
    doc.execute(new_workshop(doc, builtin_template("diagnostico"), lang="es"))
    doc.close()
    return path


def _notes(path):
    doc = ProcessDocument.open(path)
    try:
        return doc.store.scalar("SELECT count(*) FROM note")
    finally:
        doc.close()


def test_a_field_longer_than_the_cap_is_refused_naming_the_row():
    data = ("texto;zona\ncorta;Desafíos\n" + "x" * (CSV_FIELD_MAX_CHARS + 1) + ";Desafíos\n").encode()
    read = read_table(data)
    assert read.table is None and len(read.problems) == 1
    line = read.problems[0].line()
    assert "Fila 3" in line and str(CSV_FIELD_MAX_CHARS) in line


def test_a_field_beyond_pythons_csv_limit_is_the_same_one_line(tmp_path):
    data = ('texto;zona\n"' + "y" * 200_000 + '";Desafíos\n').encode()
    read = read_table(data)
    assert read.table is None and "Fila 2" in read.problems[0].line()


def test_a_note_at_the_cap_imports(process, tmp_path, capsys):
    (tmp_path / "n.csv").write_text("texto;zona\n" + "z" * NOTE_MAX_CHARS + ";Desafíos\n", encoding="utf-8")
    assert main(["import", str(process), "--csv", str(tmp_path / "n.csv")]) == 0
    assert _notes(process) == 1


def test_a_file_over_the_size_cap_is_refused_before_reading_it(process, tmp_path, capsys):
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:  # sparse: 1 GB that takes no disk
        fh.write(b'texto;zona\n"')
        fh.truncate(1 << 30)
    code = main(["import", str(process), "--csv", str(big)])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "MB" in err and "Traceback" not in err
    assert _notes(process) == 0


def test_read_capped_refuses_a_device_and_reads_a_small_file(tmp_path):
    with pytest.raises(CsvTooBig):
        read_capped(Path("/dev/zero"))
    small = tmp_path / "s.csv"
    small.write_bytes(b"texto\nhola\n")
    assert read_capped(small) == b"texto\nhola\n"


def test_a_1gb_field_is_refused_in_bounded_memory(process, tmp_path):
    """In a fresh interpreter: the peak memory of refusing a 1 GB one-field CSV stays far below its size."""
    big = tmp_path / "field.csv"
    with open(big, "wb") as fh:
        fh.write(b'texto;zona\n"')
        fh.truncate(1 << 30)
    # the child's own peak (VmHWM): its ru_maxrss would also carry the parent's high-water mark, since
    # Linux folds the forked copy of pytest (hundreds of MB late in the suite) into it at exec
    code = ("import sys; from facilitator.app import main; "
            "code = main(['import', sys.argv[1], '--csv', sys.argv[2]]); "
            "print(code, next(int(line.split()[1]) for line in open('/proc/self/status') "
            "if line.startswith('VmHWM:')))")
    env = {**os.environ, "PAPELOGRAFO_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", code, str(process), str(big)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    exit_code, peak_kb = done.stdout.split()
    assert exit_code != "0"
    assert int(peak_kb) < 300 * 1024  # far below the 1 GB (7.2 GB before the cap)
    assert CSV_FILE_MAX_BYTES < (1 << 30)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_csv_that_is_not_a_regular_file_is_refused_without_blocking(process, tmp_path, capsys, kind):
    target = {"fifo": tmp_path / "tubo.csv", "folder": tmp_path, "device": Path("/dev/zero")}[kind]
    if kind == "fifo":
        os.mkfifo(target)  # opening it would wait for a writer forever
    code = main(["import", str(process), "--csv", str(target)])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "archivo común" in err
