"""The PyInstaller spec and the Windows installer script, read as text (Windows cannot be built here)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import facilitator

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "papelografo.spec"
ISS = ROOT / "packaging" / "windows" / "papelografo.iss"


def spec_packages() -> tuple[str, ...]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PACKAGES")
    return ast.literal_eval(node.value)


def test_spec_collects_every_package_of_the_app():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file()} - {"resources", "tests"}
    assert set(spec_packages()) == packages  # panels and canvases are imported by name: all must be collected


def test_spec_carries_resources_whole_and_the_desktop_files():
    text = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in text  # the phone page and any new data come along
    assert '"papelografo.desktop"' in text and '"papelografo-mime.xml"' in text
    assert "console=False" in text and '"papelografo-cli"' in text


def test_windows_installer_is_per_user_with_the_taller_association():
    text = ISS.read_text(encoding="utf-8")
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    assert settings["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in settings  # never offers an administrator install
    assert settings["DefaultDirName"].startswith("{userpf}")
    assert settings["ChangesAssociations"] == "yes"
    assert (ISS.parent / settings["SetupIconFile"]).is_file()
    registry = [line for line in text.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith("Root: HKCU;") for line in registry)
    assert any('Subkey: "Software\\Classes\\.taller"' in line for line in registry)
    assert any('shell\\open\\command' in line and '""%1""' in line for line in registry)
    assert any(line.startswith('Name: "{userprograms}') for line in text.splitlines())  # the Start-menu entry
    assert 'Source: "..\\..\\dist\\papelografo\\*"' in text
    assert re.search(r'#define AppVersion "([^"]+)"', text).group(1) == facilitator.__version__
