"""Domain, store, session logic, commands, the CLI and the exporters import no Qt.

Each check runs in a fresh interpreter, imports every module of the pure packages
(every .py file under them) and then looks for PySide6/shiboken6 in
``sys.modules``. A control case imports a UI module to show the check can fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Every module of these packages, except the Qt side of facilitator (facilitator/ui); the
# import-linter contracts (tests/test_import_contracts.py) check the same statically.
PURE_PACKAGES = ["facilitator", "exports"]
QT_SIDE = ["facilitator/ui"]

PROBE = r"""
import importlib, json, pathlib, sys
root, packages, modules = pathlib.Path(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
skipped = [root / p for p in json.loads(sys.argv[4])]
for package in packages:
    # Every .py file under the package, also in folders without __init__.py (which pkgutil would skip).
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        if any(path.is_relative_to(s) for s in skipped):
            continue
        parts = path.relative_to(root).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
imported = []
for name in modules:
    importlib.import_module(name)
    imported.append(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": imported, "qt": qt}))
"""


def probe(packages: list[str], modules: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), json.dumps(packages), json.dumps(modules),
                             json.dumps(QT_SIDE)],
                            capture_output=True, text=True, encoding="utf-8", cwd=str(ROOT), env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pure_modules_import_no_qt():
    found = probe(PURE_PACKAGES, [])
    assert found["qt"] == [], f"Qt was imported by one of: {found['imported']}"
    # Every module file was imported, not just the packages' __init__; none of the Qt side.
    files = [f for p in PURE_PACKAGES for f in (ROOT / p).rglob("*.py")
             if not any(f.is_relative_to(ROOT / q) for q in QT_SIDE)]
    assert len(found["imported"]) == len(files)
    assert not any(m.startswith("facilitator.ui") for m in found["imported"])
    for name in ("facilitator.store.db", "facilitator.domain.templates", "facilitator.board", "facilitator.record",
                 "facilitator.participants", "facilitator.photos", "facilitator.kinds", "exports.pdf.notes"):
        assert name in found["imported"]


def test_the_check_sees_qt_when_a_ui_module_is_imported():
    found = probe([], ["qtshared.undo"])
    assert "PySide6.QtCore" in found["qt"]
