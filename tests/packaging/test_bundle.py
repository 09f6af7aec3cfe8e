"""The one-folder bundle, built as CI builds it: it checks itself, and starts in a real X11 window.

Slow (the PyInstaller build takes about 30–60 s): deselect with ``-m "not slow"`` while working.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from xvfb_display import start_xvfb

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run([str(ROOT / "scripts" / "build-bundle.sh")], env={**os.environ, "DIST": str(dist)},
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return dist, done.stdout


def test_build_checks_itself_and_packs_a_tarball(bundle):
    dist, out = bundle
    assert "Autoprueba correcta" in out and "(paquete," in out  # the frozen program ran its self-test
    folder = dist / "papelografo"
    assert os.access(folder / "papelografo", os.X_OK) and os.access(folder / "install-desktop.sh", os.X_OK)
    internal = folder / "_internal"
    assert (internal / "resources" / "templates").is_dir() and (internal / "resources" / "icons").is_dir()
    assert (internal / "desktop" / "papelografo.desktop").is_file()
    # the English catalogue the frozen app reads with gettext, and no Babel (only the tools need it)
    assert (internal / "resources" / "locale" / "en" / "LC_MESSAGES" / "papelografo.mo").is_file()
    assert not (internal / "babel").exists()
    qm = {p.name for p in internal.rglob("*.qm")}
    assert "qtbase_es.qm" in qm and len(qm) <= 2  # Qt's Spanish only: English is Qt's own language
    leftovers = [p.name for p in internal.rglob("*") if p.name.startswith(("libgtk-3", "libQt6Qml", "libQt6Quick",
                                                                         "libqgtk3", "numpy"))]
    assert not leftovers
    # Qt Network is carried on purpose: the Phones tab lists the laptop's addresses with QNetworkInterface.
    assert any(p.name.startswith("libQt6Network") for p in internal.rglob("*"))
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 200 * 2**20, f"{size / 2**20:.0f} MB"
    archive = next(dist.glob("papelografo-*-linux-*.tar.gz"))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"papelografo/papelografo", "papelografo/install-desktop.sh"} <= names


def test_bundle_opens_its_window_from_its_folder(bundle, tmp_path):
    dist, _out = bundle
    if not shutil.which("Xvfb"):
        pytest.skip("needs Xvfb")
    xvfb, display = start_xvfb("1366x768x24")
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
        env.update(DISPLAY=display, PAPELOGRAFO_HOME=str(tmp_path / "home"), PAPELOGRAFO_BENCH_EXIT_ON_SHOW="1",
                   PAPELOGRAFO_BENCH_T0=str(time.time()))
        done = subprocess.run(["./papelografo", "--demo"], cwd=dist / "papelografo", env=env, capture_output=True,
                              text=True, timeout=120)
    finally:
        xvfb.kill()
        xvfb.wait()
    assert done.returncode == 0, done.stderr
    assert "shown" in done.stdout and "complete" in done.stdout  # the xcb platform drew the window


def test_selftest_of_a_bundle_missing_a_data_file_fails(bundle, tmp_path):
    dist, _out = bundle
    templates = dist / "papelografo" / "_internal" / "resources" / "templates"
    hidden = templates.with_name("templates-hidden")
    templates.rename(hidden)
    try:
        done = subprocess.run([str(dist / "papelografo" / "papelografo"), "--selftest", "--no-window"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    finally:
        hidden.rename(templates)
    assert done.returncode == 1
    assert "FALLO Guiones de taller" in done.stdout and done.stdout.splitlines()[-1].startswith("Autoprueba fallida")


def test_unpacked_archive_runs_and_installs_its_menu_entry(bundle, tmp_path):
    """What a user does: unpack the archive anywhere, run install-desktop.sh from it, start the app."""
    dist, _out = bundle
    archive = next(dist.glob("papelografo-*-linux-*.tar.gz"))
    home = tmp_path / "Mis Aplicaciones"
    home.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(home, filter="tar")
    program = home / "papelografo" / "papelografo"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(home / "papelografo" / "install-desktop.sh")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "data" / "applications" / "papelografo.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}" %f' in entry  # the unpacked program, wherever it was put
    done = subprocess.run([str(program), "--selftest", "--no-window"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
