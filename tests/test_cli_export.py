"""`main.py export` and `main.py import --json`: files written whole, errors in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.app import main
from facilitator.demo import build_demo

ROOT = Path(__file__).resolve().parents[1]


def test_headless_demo_export_runs_as_a_program(tmp_path):
    out = tmp_path / "demo.pdf"
    env = {**os.environ, "PAPELOGRAFO_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": ""}
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "main.py", "export", "--demo", "--pdf", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "páginas" in done.stdout
    reader = PdfReader(out)
    assert len(reader.pages) >= 5
    assert "Muchas familias sin RUT" in "".join(p.extract_text() for p in reader.pages)
    assert "PySide6" not in done.stderr


def test_export_every_format_of_one_workshop_in_english(tmp_path, capsys):
    demo = build_demo(tmp_path / "demo.taller")
    code = main(["export", str(demo), "--workshop", "1", "--lang", "en", "--names", "--pdf", str(tmp_path / "r.pdf"),
                 "--xlsx", str(tmp_path / "r.xlsx"), "--csv", str(tmp_path / "csv"), "--docx", str(tmp_path / "r.docx"),
                 "--json", str(tmp_path / "p.json"), "--full"])
    out = capsys.readouterr().out
    assert code == 0
    for name in ("r.pdf", "r.xlsx", "r.docx", "p.json"):
        assert (tmp_path / name).stat().st_size > 1000 and name in out
    assert (tmp_path / "csv" / "notes.csv").exists()  # file names follow the report language
    text = PdfReader(tmp_path / "r.pdf").pages[2].extract_text()
    assert "Objectives and method" in text
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("argv, fragment", [
    (["export", "--demo"], "al menos un formato"),
    (["export", "--pdf", "x.pdf"], "--demo"),
    (["export", "no-existe.taller", "--pdf", "x.pdf"], "No existe"),
    (["export", "--demo", "--pdf", "/no/hay/carpeta/x.pdf"], "carpeta"),
    (["export", "--demo", "--workshop", "9", "--pdf", "x.pdf"], "No existe el taller"),
])
def test_errors_are_one_line(argv, fragment, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    err = capsys.readouterr().err
    assert code != 0 and fragment in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*.part"))


def test_a_failed_export_leaves_no_file_behind(tmp_path, capsys, monkeypatch):
    target = tmp_path / "informe.pdf"
    target.write_bytes(b"old report")
    import exports.pdf as pdf

    def broken(doc_template, flow):
        Path(doc_template.filename).write_bytes(b"%PDF half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf.ReportDoc, "build", broken)
    code = main(["export", "--demo", "--pdf", str(target)])
    err = capsys.readouterr().err
    assert code != 0 and "No space left on device" in err and err.count("\n") == 1
    assert target.read_bytes() == b"old report"  # the previous file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["informe.pdf"]


def test_import_json_merges_and_reports(tmp_path, capsys):
    demo = build_demo(tmp_path / "demo.taller")
    assert main(["export", str(demo), "--json", str(tmp_path / "p.json"), "--full"]) == 0
    copy = tmp_path / "copia.taller"
    assert main(["new", str(copy), "--template", "foda"]) == 0
    capsys.readouterr()
    assert main(["import", str(copy), "--json", str(tmp_path / "p.json")]) == 0
    first = capsys.readouterr().out
    assert main(["import", str(copy), "--json", str(tmp_path / "p.json")]) == 0
    second = capsys.readouterr().out
    assert "0 filas nuevas, 0 actualizadas" not in first and "0 filas nuevas, 0 actualizadas" in second
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    assert main(["import", str(copy), "--json", str(tmp_path / "bad.json")]) != 0
    assert "intercambio" in capsys.readouterr().err
