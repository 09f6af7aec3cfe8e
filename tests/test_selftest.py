"""`main.py --selftest`: every format exported and read back, the window off screen; a failure is named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def selftest(tmp_path: Path, *extra: str, pythonpath: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAPELOGRAFO_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--selftest", *extra], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_selftest_passes_from_source(tmp_path):
    done = selftest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("PDF", "XLSX", "DOCX", "CSV", "JSON", "Decidim", "Datos abiertos", "Qt", "Ventana con la demostración"):
        assert any(line.startswith(f"ok    {name}") for line in lines), name
    assert lines[-1].startswith("Autoprueba correcta")
    assert not (tmp_path / "home").exists()  # it works in a temporary folder of its own


def test_a_missing_piece_fails_the_selftest_and_is_named(tmp_path):
    # a bundle that lost reportlab's accelerator: the module is there but will not load
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "_rl_accel.py").write_text("raise ImportError('not in this bundle')\n", encoding="utf-8")
    done = selftest(tmp_path, "--no-window", pythonpath=str(fake))
    assert done.returncode == 1
    assert "FALLO Acelerador de reportlab: ImportError: not in this bundle" in done.stdout
    assert done.stdout.splitlines()[-1] == "Autoprueba fallida: Acelerador de reportlab."
    assert "ok    PDF" in done.stdout  # the other checks still ran
