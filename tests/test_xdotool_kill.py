"""Notes typed into the real window survive a SIGKILL (slow; needs Xvfb and xdotool).

Starts ``python main.py FILE`` on its own Xvfb display, selects the Tablero tab
with the keyboard (click into the first tab page, then Ctrl+Tab as many times as
the board's place in tabs()), types notes with xdotool — accents, ¿¡, markup, SQL,
a line break — and kills the app with SIGKILL as soon as the last note is in the
file. The file is then reopened and every typed note must be there, verbatim,
in the first group's "desafíos" cell.

xdotool types capitals outside the keymap (Ú, Ñ) in lower case (X case-folds its
one-symbol remapped key), so the notes use lower-case accented letters; the
pytest-qt tests type capitals through Qt directly.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xvfb_display import start_xvfb

ROOT = Path(__file__).resolve().parents[1]

NOTES = [
    "Falta de información sobre trámites migratorios",
    "¿Quién orienta a las familias sin RUT? ¡Nadie!",
    "Niñas y niños sin matrícula: ñandú, pingüino, acción",
    "<b>no es negrita</b> & <i>ni cursiva</i>",
    "'; DROP TABLE note; --",
    "Dos líneas:\nla segunda línea",
    "Oficina municipal con horario reducido",
    "Barrera idiomática con familias haitianas (creole)",
    "Discriminación en el acceso a salud 100%",
    "la última nota antes del corte: ¿ñandú? áéíóú",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only"),
]


def _xdotool(display: str, *args: str) -> str:
    out = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True,
                         text=True, timeout=60)
    return out.stdout.strip()


def _type(display: str, text: str) -> None:
    """Type text into the focused window with xdotool.

    A character missing from the keymap (á, ñ, ¿…) makes xdotool remap a spare
    key, press it and restore the map; if the app reads the map only after the
    restore, X delivers no character. Those characters are typed one at a time
    with a long press (xdotool sleeps half the delay between press and release,
    before restoring), so the app reads the remapped key in time.
    """
    run = ""
    for ch in text:
        if ch.isascii():
            run += ch
            continue
        if run:
            _xdotool(display, "type", "--delay", "12", run)
            run = ""
        _xdotool(display, "type", "--delay", "400", ch)
    if run:
        _xdotool(display, "type", "--delay", "12", run)


def _count(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT count(*) FROM note").fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        con.close()


def test_typed_notes_survive_sigkill(tmp_path):
    from facilitator.commands import InsertRow
    from facilitator.document import ProcessDocument
    from facilitator.domain.templates import builtin_template
    from facilitator.ui.workshop_tabs import tabs
    from facilitator.workshops import new_workshop

    path = tmp_path / "corte.taller"
    doc = ProcessDocument.create(path, "Prueba de corte")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    groups = []
    for i in range(3):
        cmd = InsertRow("workgroup", {"workshop_id": macro.workshop_id, "name": f"Grupo {i + 1}", "position": i})
        doc.execute(cmd)
        groups.append(cmd.id)
    doc.close()

    xvfb, display = start_xvfb()
    home = tmp_path / "home"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PAPELOGRAFO_HOME": str(home)}
    env.pop("WAYLAND_DISPLAY", None)
    log = tmp_path / "app.log"
    with log.open("wb") as out:
        app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(path)], cwd=ROOT, env=env,
                               stdout=out, stderr=subprocess.STDOUT)
    try:
        window = ""
        deadline = time.monotonic() + 60
        while not window and time.monotonic() < deadline and app.poll() is None:
            window = _xdotool(display, "search", "--name", "corte.taller").split("\n")[0]
            time.sleep(0.3)
        assert window, f"the app's window did not appear:\n{log.read_text(errors='replace')}"
        time.sleep(1.0)
        # Focus a field of the first tab page (the workshop's title, at the top of the page),
        # then Ctrl+Tab to the board: QTabWidget moves to the next tab on Ctrl+Tab.
        width = int(_xdotool(display, "getwindowgeometry", "--shell", window).split("WIDTH=")[1].split()[0])
        _xdotool(display, "mousemove", "--window", window, str(int(width * 0.6)), "68", "click", "1")
        time.sleep(0.3)
        board_index = [t.key for t in tabs()].index("board")
        for _ in range(board_index):
            _xdotool(display, "key", "ctrl+Tab")
            time.sleep(0.2)
        time.sleep(0.5)
        for text in NOTES:
            lines = text.split("\n")
            for k, line in enumerate(lines):
                _type(display, line)
                if k < len(lines) - 1:
                    _xdotool(display, "key", "shift+Return")
            _xdotool(display, "key", "Return")
        deadline = time.monotonic() + 20
        while _count(path) < len(NOTES) and time.monotonic() < deadline:
            time.sleep(0.05)
        app.send_signal(signal.SIGKILL)  # no shutdown, no checkpoint: what is in the WAL must be enough
        app.wait(timeout=10)
        assert app.returncode == -signal.SIGKILL
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)
        xvfb.terminate()
        xvfb.wait(timeout=10)

    assert Path(str(path) + "-wal").exists()  # killed before it could fold the WAL back
    doc = ProcessDocument.open(path)
    try:
        canvas = doc.canvases(doc.workshops()[0]["id"])[0]["id"]
        rows = doc.notes(canvas)
        output = log.read_text(errors="replace")
        assert [r["text"] for r in rows] == NOTES, f"app output:\n{output}"
        assert {(r["zone"], r["group_id"]) for r in rows} == {("desafios", groups[0])}
    finally:
        doc.close()
