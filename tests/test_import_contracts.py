"""The import-linter contracts in pyproject.toml hold, and they do catch what they forbid.

`lint-imports` checks three contracts: the pure core and the exporters import no Qt,
no canvases and no shared Qt helpers; the Qt layers go facilitator.ui -> canvases ->
qtshared and never upwards; no two sibling modules import each other in a cycle.
The other tests put one forbidden import into a copy of the tree and see the
linter refuse it, so the contracts cannot pass by checking nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("facilitator", "canvases", "qtshared", "exports")


def lint(root: Path, *contracts: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(root)  # the packages of `root`, not the installed (editable) ones
    exe = Path(sys.executable).with_name("lint-imports")
    args = [str(exe), "--no-cache", *(a for c in contracts for a in ("--contract", c))]
    return subprocess.run(args, cwd=str(root), env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def test_the_contracts_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.fixture
def tree_copy(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


@pytest.mark.parametrize("module, line, broken", [
    ("facilitator/tsv.py", "from PySide6.QtCore import QObject", "pure-no-qt"),
    ("exports/csvout.py", "import canvases.registry", "pure-no-qt"),
    ("facilitator/foda/__init__.py", "from qtshared import widgets", "pure-no-qt"),
    ("qtshared/widgets.py", "import canvases.registry", "qt-layers"),
    ("canvases/board/items.py", "from facilitator.ui import workshop_tabs", "qt-layers"),
    ("exports/pdf/common.py", "from . import canvases", "no-cycles"),
])
def test_a_forbidden_import_breaks_a_contract(tree_copy, module, line, broken):
    assert lint(tree_copy).returncode == 0  # the copy itself is clean
    path = tree_copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint(tree_copy)
    assert result.returncode != 0 and " broken" in result.stdout, result.stdout
    assert lint(tree_copy, broken).returncode != 0  # it is this contract that broke (others may too, downstream)
