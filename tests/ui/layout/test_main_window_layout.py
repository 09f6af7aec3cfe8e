"""The main window at 1024×768 and 1366×768: the start screen and every tab of the demo's workshops fit.

Every widget inside the window, no two text-bearing widgets overlapping, no text cut
without a tooltip, and no tab page that needs scrolling to reach its controls.
"""

import pytest
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QStyle

from facilitator import foda
from facilitator.ui.people.participants_model import KEYS
from facilitator.ui.process_view import _Scroller

from demo_run import close, every_tab, main_window

from .checks import cut_cells, needs_scrolling, problems

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
    assert problems(window, whole_lines=True) == []


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
        found += [f"{where}: {p}" for p in problems(window, (_Scroller,), whole_lines=True)]
    assert found == []



def _tab(window, workshop: int, panel: str):
    view = window.view
    view.list.setCurrentRow(workshop)
    tabs = view.workshop_view()
    tabs.show_panel(panel)
    for _ in range(3):
        QApplication.processEvents()
    return tabs.panels[panel]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_dense_tables_show_their_text(window, size, lang):
    """The planning matrix, the participants and the monitoring sheet: cells wrap and rows grow; what a cell
    still cannot show (past its lines, a word wider than its column) is in its tooltip, whole. The participants'
    nine columns fit the window without sideways scrolling, their text wrapped, not cut with "…"."""
    if lang != "es":
        window.change_language(lang)
    _settle(window, size)
    assert window.open_demo()
    planning = _tab(window, 3, "planning").view
    assert cut_cells(planning) == []
    planning.horizontalScrollBar().setValue(planning.horizontalScrollBar().maximum())
    QApplication.processEvents()
    assert cut_cells(planning) == []
    monitoring = _tab(window, 4, "monitoring").view
    assert cut_cells(monitoring, hidden_columns=True) == []
    people = _tab(window, 3, "participants")
    assert not people.table.horizontalScrollBar().isVisible()
    shown = [r for r in range(people.proxy.rowCount()) if people.table.rowViewportPosition(r) < 300]
    assert len(shown) >= 5  # rows grow for wrapped names, up to three lines
    assert cut_cells(people.table, tooltips=False, words=True) == []  # no word cut: "Municipalid…"
    assert cut_cells(people.table) == []
    for workshop in (0, 4):  # "Grupo 1", "Equipo ejecutivo": each word whole beside its colour swatch ("Gru…")
        people = _tab(window, workshop, "participants")
        column = KEYS.index("group")
        swatch = people.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, people.table)
        words = [w for g in people.model.groups.values() for w in g["name"].split()]
        widest = max(people.table.fontMetrics().horizontalAdvance(w) for w in words)
        assert people.table.columnWidth(column) >= widest + swatch + 8, (workshop, words)


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_synthesis_fits(window, size, lang):
    """Sistematización's tabs; the finding's eight policy dimensions all in sight, none scrolled away or cut."""
    if lang != "es":
        window.change_language(lang)
    _settle(window, size)
    assert window.open_demo()
    window.view.show_synthesis()
    synthesis = window.view.synthesis
    found = []
    for index in range(synthesis.count()):
        synthesis.setCurrentIndex(index)
        for _ in range(3):
            QApplication.processEvents()
        found += [f"{synthesis.tabText(index)}: {p}" for p in problems(window, whole_lines=True)]
    synthesis.setCurrentWidget(synthesis.findings)
    QApplication.processEvents()
    for box in synthesis.findings.dimensions.values():
        if box.visibleRegion().boundingRect() != box.rect():
            found.append(f"dimension cut or scrolled away: {box.text()!r} shows {box.visibleRegion().boundingRect()}")
        elif box.sizeHint().width() > box.width() + 2:  # its tooltip says it whole, but the pane should too
            found.append(f"dimension cut: {box.text()!r} needs {box.sizeHint().width()}px, has {box.width()}")
    assert found == []


@pytest.mark.parametrize("size", [(1024, 768), (1000, 700), (1366, 768)])
def test_foda_strategy_cards_get_room(window, size):
    """The cross strategies beside the 2x2: their cards as wide as the quadrants' (within a fifth) or at least
    200 px, their headers (title on one line, explanation) leaving at least three fifths of each box to its cards."""
    _settle(window, size)
    assert window.open_demo()
    panel = _tab(window, 1, "foda")
    assert panel.strategies_shown
    quadrants = [panel.boxes[k] for k in foda.QUADRANT_KEYS]
    strategies = [panel.boxes[k] for k in foda.STRATEGY_KEYS]
    narrowest = min(b.list.viewport().width() for b in quadrants)
    for box in strategies:
        title = box.title
        assert box.list.viewport().width() >= min(0.8 * narrowest, 200), (box.list.viewport().width(), narrowest)
        assert title.height() <= title.fontMetrics().lineSpacing() + 4, title.text()  # one line
        assert box.list.height() >= 0.6 * box.height(), (box.list.height(), box.height())


@pytest.mark.parametrize("list_width", [200, 240, 270, 300])
def test_ten_tabs_keep_their_whole_titles_and_the_corner_button_gives_way(window, list_width):
    """The follow-up workshop's ten tabs in Spanish: at 1024 their titles were shortened («Agen…», «Fo…»);
    the workshop list widened by hand leaves them less room still."""
    _settle(window, (1024, 768))
    assert window.open_demo()
    _tab(window, 4, "agenda")
    splitter = window.view.pages.parentWidget()
    splitter.setSizes([list_width, 1024 - list_width])
    for _ in range(3):
        QApplication.processEvents()
    tabs = window.view.workshop_view()
    bar = tabs.tabBar()
    assert bar.count() == 10
    shortened = [bar.tabText(i) for i in range(bar.count()) if bar.tabRect(i).width() < bar.tabSizeHint(i).width()]
    button = tabs.add_canvas_button
    assert button.text() in ("+", "Añadir lienzo")
    needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
    plus = QPushButton("+")
    plus.setMenu(QMenu(plus))
    if needed + plus.sizeHint().width() + 8 <= tabs.width():  # whole titles fit beside a «+» button
        assert shortened == []
    else:
        assert button.text() == "+"
    assert button.menu().actions()  # the same menu of canvas kinds
