"""The headless commands, run as a user runs them: ``python main.py ...`` in a subprocess.

Errors must be one clear line on stderr, never a traceback, with a non-zero exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.document import ProcessDocument

ROOT = Path(__file__).resolve().parents[1]
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, home: Path, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PAPELOGRAFO_HOME=str(home), PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    if lang:
        (home / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=str(ROOT), env=env, timeout=120)


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("papelografo: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_templates_lists_scripts_with_blocks_and_minutes(home):
    result = run("templates", home=home)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "diagnostico" in out and "Taller de diagnóstico participativo — 90 min" in out
    for line in ("10 min  Presentación", "25 min  Identificar desafíos", "10 min  Cierre"):
        assert line in out
    for template_id in ("foda", "arbol_problemas", "planificacion", "seguimiento", "conversatorio"):
        assert template_id in out


def test_templates_json(home):
    result = run("templates", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = {t["id"]: t for t in json.loads(result.stdout)}
    diag = data["diagnostico"]
    assert diag["method"] == "diagnostic" and diag["total_minutes"] == 90
    assert [b["minutes"] for b in diag["blocks"]] == [10, 25, 10, 25, 10, 10]
    assert [b["zone"] for b in diag["blocks"]][1:4] == ["desafios", "desafios", "fortalezas_oportunidades"]
    assert diag["blocks"][1]["canvas"] == "board" and diag["blocks"][1]["input_modes"] == ["individual", "group"]
    assert [b["minutes"] for b in data["planificacion"]["blocks"]] == [10, 40, 30, 10]
    assert data["conversatorio"]["total_minutes"] == 120


def test_templates_in_english(home):
    result = run("--lang", "en", "templates", "--json", home=home)
    assert result.returncode == 0, result.stderr
    diag = {t["id"]: t for t in json.loads(result.stdout)}["diagnostico"]
    assert diag["title"] == "Participatory diagnostic workshop"
    assert diag["blocks"][0]["title"] == "Introduction"


def test_new_creates_a_process_file_with_one_workshop(home, tmp_path):
    target = tmp_path / "salida" / "taller"
    target.parent.mkdir()
    result = run("new", str(target), "--template", "diagnostico", "--title", "Taller ñandú", home=home)
    assert result.returncode == 0, result.stderr
    path = target.with_name("taller.taller")
    assert path.is_file() and str(path) in result.stdout
    assert sorted(p.name for p in path.parent.iterdir()) == ["taller.taller"]  # no -wal/-shm or temp files
    doc = ProcessDocument.open(path)
    try:
        assert doc.process["title"] == "Taller ñandú"
        (workshop,) = doc.workshops()
        assert workshop["title"] == "Taller ñandú" and workshop["template_id"] == "diagnostico"
        blocks = doc.blocks(workshop["id"])
        assert len(blocks) == 6 and [b["minutes"] for b in blocks] == [10, 25, 10, 25, 10, 10]
        assert blocks[0]["title"] == "Presentación"
        assert len(doc.canvases(workshop["id"])) == 1
        assert doc.store.integrity_ok()
    finally:
        doc.close()


def test_new_in_english_uses_english_texts(home, tmp_path):
    path = tmp_path / "en.taller"
    result = run("new", str(path), "--template", "foda", home=home, lang="en")
    assert result.returncode == 0, result.stderr
    doc = ProcessDocument.open(path)
    try:
        (workshop,) = doc.workshops()
        assert doc.blocks(workshop["id"])[0]["title"] == "Introduction"
    finally:
        doc.close()


def test_unknown_template(home, tmp_path):
    result = run("new", str(tmp_path / "x.taller"), "--template", "lluvia_de_ideas", home=home)
    assert_one_line_error(result, "lluvia_de_ideas", "diagnostico")
    assert not (tmp_path / "x.taller").exists()


def test_existing_file_is_not_overwritten(home, tmp_path):
    path = tmp_path / "ya.taller"
    path.write_bytes(b"no tocar")
    result = run("new", str(path), "--template", "diagnostico", home=home)
    assert_one_line_error(result, str(path))
    assert path.read_bytes() == b"no tocar"


def test_missing_folder(home, tmp_path):
    path = tmp_path / "no_hay" / "x.taller"
    result = run("new", str(path), "--template", "diagnostico", home=home)
    assert_one_line_error(result, str(path))
    assert not path.parent.exists()


@pytest.mark.skipif(AS_ROOT, reason="root ignores folder permissions")
def test_unwritable_folder(home, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("new", str(folder / "x.taller"), "--template", "diagnostico", home=home)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(result, "x.taller")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [
    ("new",),
    ("new", "x.taller"),
    ("templates", "--xml"),
    ("--lang", "fr", "templates"),
    ("new", "x.taller", "--template"),
])
def test_bad_arguments(home, args):
    line = assert_one_line_error(run(*args, home=home))
    assert "--help" in line


def test_errors_in_english(home, tmp_path):
    result = run("new", str(tmp_path / "x.taller"), "--template", "nada", home=home, lang="en")
    line = assert_one_line_error(result, "nada")
    assert "No existe" not in line and "guion" not in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="elsewhere a display is assumed")
def test_no_display_says_so(home):
    assert_one_line_error(run(home=home), "--help")  # the GUI without DISPLAY or QT_QPA_PLATFORM


def test_reader_closing_the_pipe_early_is_not_a_traceback(home):
    """``python main.py templates | head -1``: the reader leaves before the listing is written."""
    env = dict(os.environ, PAPELOGRAFO_HOME=str(home), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "templates"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=str(ROOT), env=env)
    proc.stdout.close()  # long before the child has imported anything
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    proc.wait(60)
    assert "Traceback" not in err and err == ""


def test_the_launcher_knows_every_subcommand():
    from facilitator import app, cli

    assert tuple(cli.HANDLERS) == app.SUBCOMMANDS


@pytest.mark.parametrize("argv, expected", [
    ([], (None, False, None)),
    (["p.taller"], ("p.taller", False, None)),
    (["--lang", "en", "p.taller"], ("p.taller", False, "en")),
    (["p.taller", "--lang=es", "--demo"], ("p.taller", True, "es")),
    (["--lang", "fr"], None),
    (["a.taller", "b.taller"], None),
    (["--help"], None),
    (["--version"], None),
])
def test_plain_launches_are_read_without_argparse(argv, expected):
    from facilitator.app import plain_launch

    assert plain_launch(argv) == expected
