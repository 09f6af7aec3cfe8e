"""`python main.py import FILE --json X | --taller OTHER` and `conflicts FILE`, as two laptops' owners run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from facilitator.commands import InsertRow, UpdateRow
from facilitator.document import ProcessDocument

ROOT = Path(__file__).resolve().parents[1]


def main_py(*args, home, wait=True):
    env = dict(os.environ, PAPELOGRAFO_HOME=str(home))
    env.pop("QT_QPA_PLATFORM", None)
    cmd = [sys.executable, str(ROOT / "main.py"), *map(str, args)]
    if not wait:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                env=env, cwd=ROOT)
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def two_laptops(tmp_path):
    a_path, b_path = tmp_path / "a.taller", tmp_path / "b.taller"
    assert main_py("new", a_path, "--template", "diagnostico", home=tmp_path).returncode == 0
    doc = ProcessDocument.open(a_path)
    canvas = doc.store.query("SELECT id FROM canvas WHERE kind = 'board' LIMIT 1")[0]["id"]
    note = InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": "Original"})
    doc.execute(note)
    doc.close()
    shutil.copy(a_path, b_path)
    return a_path, b_path, note.id, canvas


def test_merge_from_another_taller_and_settle_conflicts(tmp_path):
    a_path, b_path, note, _canvas = two_laptops(tmp_path)
    for path, text, votes in ((a_path, "Texto de A", None), (b_path, "Texto de B", 5)):
        doc = ProcessDocument.open(path)
        doc.store.device = f"laptop-{path.stem}"
        doc.execute(UpdateRow("note", note, {"text": text, **({"votes": votes} if votes else {})}))
        doc.close()
    result = main_py("import", a_path, "--taller", b_path, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 actualizada," in result.stdout and "1 conflicto para resolver" in result.stdout and "conflicts" in result.stdout
    listed = main_py("conflicts", a_path, "--json", home=tmp_path)
    [conflict] = json.loads(listed.stdout)
    assert (conflict["field"], conflict["mine"], conflict["theirs"], conflict["their_device"]) == \
        ("text", "Texto de A", "Texto de B", "laptop-b")
    plain = main_py("conflicts", a_path, home=tmp_path).stdout
    assert "Texto de A" in plain and "Texto de B" in plain and conflict["id"][:8] in plain
    settled = main_py("conflicts", a_path, "--resolve", conflict["id"][:8], "--keep", "theirs", home=tmp_path)
    assert settled.returncode == 0 and "quedan 0" in settled.stdout
    doc = ProcessDocument.open(a_path)
    assert (doc.store.get("note", note)["text"], doc.store.get("note", note)["votes"]) == ("Texto de B", 5)
    doc.close()
    assert main_py("conflicts", a_path, home=tmp_path).stdout.strip() == "No hay conflictos pendientes."
    same = main_py("import", a_path, "--taller", a_path, home=tmp_path)
    assert same.returncode == 2 and "mismo archivo" in same.stderr and "Traceback" not in same.stderr


def test_two_json_merges_at_once_end_with_one_copy_and_no_traceback(tmp_path):
    """Before, both planned before either wrote: the second died with ``UNIQUE constraint failed``."""
    a_path, b_path, _note, canvas = two_laptops(tmp_path)
    doc = ProcessDocument.open(b_path)
    for i in range(200):
        doc.execute(InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "text": f"Nota {i} de B"}))
    doc.close()
    exported = tmp_path / "b.json"
    assert main_py("export", b_path, "--json", exported, "--full", home=tmp_path).returncode == 0
    for _round in range(3):
        procs = [main_py("import", a_path, "--json", exported, home=tmp_path, wait=False) for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        for proc, (out, err) in zip(procs, outs):
            assert "Traceback" not in err and "UNIQUE" not in err, err
            assert proc.returncode == 0 or (proc.returncode == 1 and len(err.strip().splitlines()) == 1), err
    doc = ProcessDocument.open(a_path)
    assert doc.store.scalar("SELECT count(*) FROM note WHERE text LIKE 'Nota % de B'") == 200
    doc.close()


def test_a_malformed_exchange_file_is_one_line_and_changes_nothing(tmp_path):
    a_path, _b, _note, _canvas = two_laptops(tmp_path)
    bad = tmp_path / "malo.json"
    bad.write_text(json.dumps({"format": "papelografo-exchange", "version": "1", "tables": {}}), encoding="utf-8")
    before = a_path.read_bytes()
    result = main_py("import", a_path, "--json", bad, home=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "no es válida" in result.stderr and "más nueva" not in result.stderr
    assert a_path.read_bytes() == before
