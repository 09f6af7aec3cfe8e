#!/usr/bin/env python3
"""Render resources/icons/papelografo.svg to the PNG sizes desktops use, and the Windows .ico.

Run after editing the SVG: ``.venv/bin/python scripts/make-icons.py``. The PNGs
(16 … 512 px) and ``packaging/windows/papelografo.ico`` are committed, so
neither the app nor the build needs an SVG renderer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "papelografo.svg"))
    if not renderer.isValid():
        print("make-icons: the SVG does not load", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"papelografo-{size}.png"))
    ico = ROOT / "packaging" / "windows" / "papelografo.ico"
    ico.parent.mkdir(parents=True, exist_ok=True)
    Image.open(ICONS / "papelografo-256.png").save(ico, sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    del app
    print(f"make-icons: {len(SIZES)} PNGs in {ICONS.relative_to(ROOT)}, {ico.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
