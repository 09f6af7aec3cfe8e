"""`pip install .` builds a wheel that carries the resources and the entry point."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("papelografo-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.name for p in (ROOT / "resources" / "templates").glob("*.json")}
    assert len(templates) >= 6
    for name in templates:
        assert f"resources/templates/{name}" in names
    catalogues = [p.relative_to(ROOT).as_posix() for p in (ROOT / "resources" / "locale").rglob("*.[mp]o*")]
    assert "resources/locale/en/LC_MESSAGES/papelografo.mo" in catalogues
    for catalog in catalogues:  # the gettext catalogues: the .mo the app reads, the .po and .pot for translators
        assert catalog in names
    assert "resources/demo/demo.json" in names
    for name in ("index.html", "app.js", "app.css"):  # the phone page, served by the capture
        assert f"resources/phone/{name}" in names
    assert "main.py" in names and "facilitator/app.py" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "papelografo = facilitator.app:main" in zipfile.ZipFile(wheel).read(entry).decode()
    # no build litter or tests in the wheel
    assert not any(n.startswith("tests/") for n in names)
