"""The side panels of the canvases on the demo: whole sections at 1366×768.

The board's side panel has two tabs (the selected notes, the themes), each whole at
1366×768 without scrolling.
"""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from canvases.board.board_panel import BoardPanel

from demo_run import close, main_window

from .checks import needs_scrolling


@pytest.fixture
def window(qtbot, monkeypatch):
    w = main_window(qtbot, monkeypatch)
    yield w
    close(w)


def settle(window, size, lang):
    if lang != "es":
        window.change_language(lang)
    window.resize(*size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    assert window.open_demo()


def panels(window, kind):
    """Show each workshop's panel of ``kind`` in turn; yield (workshop row, panel) once laid out."""
    view = window.view
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        tabs = view.workshop_view()
        for index in range(tabs.count()):
            if isinstance(tabs.panel_at(index), kind):
                tabs.setCurrentIndex(index)
                for _ in range(4):
                    QApplication.processEvents()
                yield row, tabs.panel_at(index)


def scroller_of(widget: QWidget) -> QScrollArea:
    w = widget.parentWidget()
    while not isinstance(w, QScrollArea):
        w = w.parentWidget()
    return w


def whole_in(widget: QWidget, area: QAbstractScrollArea) -> bool:
    viewport = area.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return widget.isVisible() and viewport.rect().contains(rect)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_tab_of_the_board_side_panel_is_whole_at_1366(window, lang):
    settle(window, (1366, 768), lang)
    seen = 0
    for row, panel in panels(window, BoardPanel):
        inspector = panel.inspector
        for page, widgets in ((0, [inspector.votes, *inspector.tag_boxes.values()]),
                              (1, [inspector.theme, inspector.theme_name, inspector.group_button,
                                   inspector.theme_list, inspector.show_button])):
            inspector.setCurrentIndex(page)
            QApplication.processEvents()
            area = scroller_of(widgets[0])
            assert not needs_scrolling(area), (row, page)
            assert all(whole_in(w, area) for w in widgets), (row, page)
        seen += 1
    assert seen >= 3

