"""The demo in a main window, and a workshop's run walked through every state of its projector.

Shared by the layout, language and projector tests (not a test module itself).
"""

from __future__ import annotations

from facilitator.session.runner import Status
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from qtshared.dialogs import Dialogs


def main_window(qtbot, monkeypatch) -> MainWindow:
    """A main window whose message boxes answer by themselves (a quit during a run pauses it)."""
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: None))
    monkeypatch.setattr(Dialogs, "choose", classmethod(lambda cls, parent, text, choices: "pause"))
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    return window


def close(window: MainWindow) -> None:
    window._closing = True
    window.close_document()


def open_run(window: MainWindow, row: int):
    """Workshop ``row``'s Run tab with its projector open: (panel, controller, projector)."""
    view = window.view
    view.list.setCurrentRow(row)
    tabs = view.workshop_view()
    tabs.show_panel("run")
    panel = tabs.panels["run"]
    panel.toggle_projector()
    return panel, panel.controller, panel.projector


def large(panel, on: bool) -> None:
    """«Lienzo en grande» on or off, as the L key does."""
    panel.actions_by_key["canvas"].setChecked(on)
    panel._canvas_large_changed()


def run_states(window: MainWindow, row: int):
    """Yield (name, projector) for each state of workshop ``row``'s run: ready, each block without and
    with the large canvas (``block 2``, ``block 2 L``), the end; then close the projector."""
    panel, controller, projector = open_run(window, row)
    yield "ready", projector
    controller.act("start")
    for step in range(len(controller.runner.plan)):
        for on in (False, True):
            large(panel, on)
            if on and projector.canvas_widget() is None:
                continue
            yield f"block {step + 1}{' L' if on else ''}", projector
        if controller.runner.can("next"):
            controller.act("next")
    controller.act("end")
    assert controller.runner.status is Status.FINISHED
    yield "end", projector
    projector.close()


def every_tab(window: MainWindow):
    """Show each tab of each workshop of the open process in turn; yield ``(where, page)`` once it is laid out."""
    from PySide6.QtWidgets import QApplication

    view = window.view
    for row in range(view.list.count()):
        view.list.setCurrentRow(row)
        tabs = view.workshop_view()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            for _ in range(3):
                QApplication.processEvents()
            yield f"{view.list.item(row).text().splitlines()[0]} › {tabs.tabText(index)}", tabs, index
