"""Putting a window on the room's screen, and the room's colours.

Every projected view (the run panel's projector, a canvas on the projector, the
minutes and commitments lists) uses the same placement and the same high-contrast
palette: white on near-black, amber and red for time running out.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

BG = "#0d1117"
FG = "#ffffff"
MUTED = "#c9d1d9"
ACCENT = "#58a6ff"
WARN = "#ffc400"
DANGER = "#ff6161"
ALARM_BG = "#b71c1c"


def choose_screen(screens: Sequence[QScreen], facilitator: QScreen | None) -> QScreen | None:
    """The screen to project on: another one than the facilitator's, if one is connected."""
    if len(screens) < 2:
        return None
    others = [s for s in screens if s is not facilitator]
    return others[-1] if others else None


def show_on_projector(window: QWidget, facilitator: QScreen | None = None) -> None:
    """Full screen on another screen if one is connected; otherwise a movable 1280x720 window."""
    screen = choose_screen(QGuiApplication.screens(), facilitator)
    if screen is not None:
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    else:
        window.resize(1280, 720)
        window.showNormal()
