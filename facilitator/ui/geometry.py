"""Where the main window opens: sized to the screen it is on, a saved place clamped to fit (no Qt).

A cheap 1366×768 laptop or a 1024×768 projector must show the whole window: on a
screen that small the window opens maximised; on a larger one it opens at a
comfortable size, centred. A geometry saved on another (larger) screen is shrunk
and moved so that all of it is on the current one.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

SMALL_SCREEN = (1440, 900)  # at or below either figure the window opens maximised
COMFORT = (1280, 800)  # the first size on a larger screen
MINIMUM = (960, 640)  # the smallest the window lets itself be made (issue: at most 1000×700)


class Rect(NamedTuple):
    x: int
    y: int
    w: int
    h: int


class Placement(NamedTuple):
    rect: Rect
    maximised: bool


def first_placement(screen: Rect) -> Placement:
    """No saved geometry: maximised on a small screen, otherwise a comfortable size in the middle."""
    if screen.w <= SMALL_SCREEN[0] or screen.h <= SMALL_SCREEN[1]:
        return Placement(screen, True)
    w, h = min(COMFORT[0], screen.w), min(COMFORT[1], screen.h)
    return Placement(Rect(screen.x + (screen.w - w) // 2, screen.y + (screen.h - h) // 2, w, h), False)


def clamp(saved: Rect, screen: Rect) -> Rect:
    """The saved rectangle, shrunk to the screen and moved so that all of it is on it."""
    w, h = min(max(saved.w, MINIMUM[0]), screen.w), min(max(saved.h, MINIMUM[1]), screen.h)
    x = min(max(saved.x, screen.x), screen.x + screen.w - w)
    y = min(max(saved.y, screen.y), screen.y + screen.h - h)
    return Rect(x, y, w, h)


def placement(saved: Sequence | None, screen: Rect) -> Placement:
    """Where to open, from the saved ``[x, y, w, h, maximised]`` (or nothing) and the screen's free area."""
    try:
        x, y, w, h, maximised = saved  # type: ignore[misc]
        rect = Rect(int(x), int(y), int(w), int(h))
    except (TypeError, ValueError):
        return first_placement(screen)
    if rect.w <= 0 or rect.h <= 0:
        return first_placement(screen)
    return Placement(clamp(rect, screen), bool(maximised))
