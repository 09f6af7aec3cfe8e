"""`python main.py import FILE --csv … | --participants …` as a team would run it."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, home):
    env = dict(os.environ, PAPELOGRAFO_HOME=str(home))
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)


def rows(path):
    """Every row of every table, read without our code."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in tables}
    finally:
        conn.close()


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def process(tmp_path):
    path = tmp_path / "proceso.taller"
    result = run("new", path, "--template", "diagnostico", home=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def test_import_notes_prints_counts(process, tmp_path):
    notes = tmp_path / "notas.csv"
    notes.write_bytes("texto;zona;grupo;votos;etiquetas\r\n¿Intérpretes?;desafíos;Grupo 1;2;salud\r\n"
                      "Red de apoyo;oportunidades;Grupo 2;0;\r\n".encode("cp1252"))
    result = run("import", process, "--csv", notes, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("Taller «Taller de diagnóstico participativo»: Se importaron 2 notas "
                                     "(2 grupos nuevos, 0 vinculadas a participantes).")
    assert result.stderr == ""
    conn = sqlite3.connect(process)
    try:
        texts = [r[0] for r in conn.execute("SELECT text FROM note ORDER BY position")]
        groups = [r[0] for r in conn.execute("SELECT name FROM workgroup ORDER BY position")]
    finally:
        conn.close()
    assert texts == ["¿Intérpretes?", "Red de apoyo"]
    assert groups == ["Grupo 1", "Grupo 2"]


def test_bad_notes_file_changes_nothing(process, tmp_path):
    bad = tmp_path / "malo.csv"
    bad.write_text("texto,zona,votos\nbien,desafíos,1\n,desafíos,2\nmal,amenazas,-1\n", encoding="utf-8")
    before, digest = rows(process), sha(process)
    result = run("import", process, "--csv", bad, home=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "papelografo: malo.csv: Fila 3: el texto de la nota está vacío."
    assert lines[1].startswith("papelografo: malo.csv: Fila 4: no existe la zona «amenazas»")
    assert lines[2] == "papelografo: malo.csv: Fila 4: los votos no pueden ser negativos («-1»)."
    assert lines[-1] == "papelografo: No se importó nada; corrija el archivo y vuelva a intentarlo."
    assert result.stdout == ""
    assert rows(process) == before
    assert sha(process) == digest


def test_binary_and_missing_files(process, tmp_path):
    binary = tmp_path / "hoja.xlsx"
    binary.write_bytes(b"PK\x03\x04" + bytes(100))
    before = rows(process)
    result = run("import", process, "--csv", binary, home=tmp_path)
    assert result.returncode == 1 and "binario" in result.stderr
    result = run("import", process, "--participants", tmp_path / "no-existe.csv", home=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    result = run("import", tmp_path / "no-existe.taller", "--csv", binary, home=tmp_path)
    assert result.returncode == 1 and "no-existe.taller" in result.stderr
    assert rows(process) == before


def test_import_participants_into_a_chosen_workshop(process, tmp_path):
    people = tmp_path / "lista.csv"
    people.write_bytes("\ufeffname,organization,sector,group,consent\r\nAna Pérez,Muni,Gobierno local,Mesa 1,yes\r\n"
                       "José Ñúñez,ONG,Sociedad civil,Mesa 2,no\r\n".encode("utf-8"))
    conn = sqlite3.connect(process)
    wid = conn.execute("SELECT id FROM workshop").fetchone()[0]
    conn.close()
    result = run("import", process, "--participants", people, "--workshop", wid, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Se importaron 2 participantes nuevos y se actualizaron 0 (2 grupos nuevos)."
    data = rows(process)
    assert len(data["participant"]) == 2 and len(data["attendance"]) == 2
    # the same list again by position: updates nothing, duplicates nobody
    result = run("import", process, "--participants", people, "--workshop", "1", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == "Se importaron 0 participantes nuevos y se actualizaron 0 (0 grupos nuevos)."
    assert len(rows(process)["participant"]) == 2


def test_unknown_workshop_and_usage_errors(process, tmp_path):
    notes = tmp_path / "n.csv"
    notes.write_text("texto,zona\nhola,desafíos\n", encoding="utf-8")
    before = rows(process)
    result = run("import", process, "--csv", notes, "--workshop", "7", home=tmp_path)
    assert result.returncode == 2 and "No existe el taller «7»" in result.stderr
    result = run("import", process, home=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("papelografo: Uso incorrecto")
    result = run("import", process, "--csv", notes, "--participants", notes, home=tmp_path)
    assert result.returncode == 2
    assert rows(process) == before


def test_messages_in_english(process, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,colour\nhello,red\n", encoding="utf-8")
    result = run("--lang", "en", "import", process, "--csv", bad, home=tmp_path)
    assert result.returncode == 1
    assert "papelografo: bad.csv: Row 1: unknown columns: “colour”." in result.stderr
    assert "Nothing was imported" in result.stderr
