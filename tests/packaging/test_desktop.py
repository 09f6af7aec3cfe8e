"""Linux desktop integration: the menu entry, the .taller file type, the icons, and their installer."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "papelografo.desktop"
MIME = LINUX / "papelografo-mime.xml"
SCHEMA = Path(__file__).with_name("shared-mime-info.rng")
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPE = "application/x-papelografo-taller"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)


def test_desktop_entry_is_valid():
    done = run("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    text = DESKTOP.read_text(encoding="utf-8")
    assert f"MimeType={MIME_TYPE};" in text and "Icon=papelografo" in text and "Exec=papelografo %f" in text


def test_desktop_validator_catches_a_broken_entry(tmp_path):
    broken = tmp_path / "broken.desktop"
    broken.write_text(DESKTOP.read_text(encoding="utf-8").replace("Type=Application\n", ""), encoding="utf-8")
    assert run("desktop-file-validate", str(broken)).returncode != 0


def test_mime_type_is_well_formed_and_follows_the_schema(tmp_path):
    assert run("xmllint", "--noout", str(MIME)).returncode == 0
    done = run("xmllint", "--noout", "--relaxng", str(SCHEMA), str(MIME))
    assert done.returncode == 0, done.stderr
    broken = tmp_path / "broken.xml"  # the schema is no rubber stamp: a type without a glob fails it
    broken.write_text(MIME.read_text(encoding="utf-8").replace('<glob pattern="*.taller" weight="80"/>', ""),
                      encoding="utf-8")
    assert run("xmllint", "--noout", "--relaxng", str(SCHEMA), str(broken)).returncode != 0


def test_icons_at_every_size():
    for size in SIZES:
        with Image.open(ICONS / f"papelografo-{size}.png") as im:
            assert im.size == (size, size) and im.mode == "RGBA"
            assert im.getchannel("A").getextrema() == (0, 255)  # a shape on a transparent ground
    with Image.open(ROOT / "packaging" / "windows" / "papelografo.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


@pytest.fixture
def xdg(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path / "home")}
    program = tmp_path / "Mis programas" / "papelografo"  # a path with a space, as on real machines
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    return env, tmp_path / "data", program


def test_install_desktop_for_the_user(xdg):
    env, data, program = xdg
    done = run(str(ROOT / "scripts" / "install-desktop.sh"), "--exec", str(program), env=env)
    assert done.returncode == 0, done.stderr
    entry = data / "applications" / "papelografo.desktop"
    check = run("desktop-file-validate", str(entry))
    assert check.returncode == 0, check.stdout
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{program}" %f' in text and f"TryExec={program}\n" in text
    for size in SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "papelografo.png").is_file()
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" /
                "application-x-papelografo-taller.png").is_file()
    # the user's MIME database now knows *.taller, its icon and that it is an SQLite file
    assert f"{MIME_TYPE}:*.taller" in (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}:application-x-papelografo-taller" in (data / "mime" / "icons").read_text(encoding="utf-8")
    assert f"{MIME_TYPE} application/vnd.sqlite3" in (data / "mime" / "subclasses").read_text(encoding="utf-8")

    done = run(str(ROOT / "scripts" / "install-desktop.sh"), "--uninstall", env=env)
    assert done.returncode == 0, done.stderr
    assert not entry.exists() and not (data / "mime" / "packages" / "papelografo.xml").exists()
    assert not list((data / "icons").rglob("papelografo.png"))


def test_install_desktop_refuses_a_missing_program(xdg):
    env, data, program = xdg
    done = run(str(ROOT / "scripts" / "install-desktop.sh"), "--exec", str(program) + "-no", env=env)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert not (data / "applications").exists()
