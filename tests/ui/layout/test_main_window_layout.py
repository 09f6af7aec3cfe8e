"""The main window at 1024×768 and 1366×768: the start screen and every tab of the demo's workshops fit.

Every widget inside the window, no two text-bearing widgets overlapping, no text cut
without a tooltip, and no tab page that needs scrolling to reach its controls.
"""

import pytest
from PySide6.QtWidgets import QApplication

from facilitator.ui.process_view import _Scroller

from demo_run import close, every_tab, main_window

from .checks import needs_scrolling, problems

SIZES = [(1024, 768), (1366, 768), (1000, 700)]


@pytest.fixture
def window(qtbot, monkeypatch):
    w = main_window(qtbot, monkeypatch)
    yield w
    close(w)


def _settle(window, size):
    window.resize(*size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen_fits(window, size):
    _settle(window, size)
    window.start.refresh()
    QApplication.processEvents()
    assert window.size().width() == size[0] and window.size().height() == size[1]
    assert problems(window) == []


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_every_tab_of_the_demo_fits(window, size, lang):
    if lang != "es":
        window.change_language(lang)
    _settle(window, size)
    assert window.open_demo()
    assert (window.width(), window.height()) == size  # the window did not grow past the screen
    found = []
    for where, tabs, index in every_tab(window):
        page = tabs.widget(index)
        if needs_scrolling(page):
            found.append(f"{where}: the page needs scrolling ({tabs.panel_at(index).minimumSizeHint()})")
        found += [f"{where}: {p}" for p in problems(window, (_Scroller,))]
    assert found == []
