"""What keeps the start screen fast (bench/startup.py measures it; no timings here).

The start screen paints before it fills its lists, and nothing on the way to that
first paint (nor the filling) touches a ``Qt.*`` constant: PySide builds the whole
``Qt`` namespace of Python enums on first use. A fresh interpreter is needed to see
that, so those checks run the app in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from facilitator.i18n import set_language
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

# The real start-up path, then whether PySide has built its ``Qt`` type (a module attribute once built).
STARTUP = r"""
from PySide6 import QtCore
from PySide6.QtCore import QTimer
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from facilitator.ui.qt_app import make_application

app = make_application()
window = MainWindow(Settings())
window.show()

def done():
    if not window.start.filled:
        QTimer.singleShot(20, done)
        return
    print("filled", window.start.templates.count(), window.start.recent.count())
    print("qt built", "Qt" in vars(QtCore))
    app.quit()

QTimer.singleShot(0, done)
app.exec()
"""


# The real launch (facilitator.app.main), stopped where the window has been shown and is about to paint.
BEFORE_FIRST_PAINT = r"""
import sys
from facilitator import app
from facilitator.ui import qt_app

HEAVY = ("sqlite3", "socket", "uuid", "importlib.resources", "facilitator.store", "facilitator.document",
         "facilitator.session.runner", "facilitator.domain.templates")

def at_show(application, window):
    from PySide6.QtCore import QTimer

    print(" ".join(m for m in HEAVY if m in sys.modules) or "none")
    QTimer.singleShot(0, application.quit)  # the event loop has not started yet

qt_app._bench_exit_on_show = at_show
sys.exit(app.main([]))
"""


# The real launch again: the window icon's sizes as the window shows, then once it has painted.
ICON_SIZES_AROUND_FIRST_PAINT = r"""
import sys
from facilitator import app
from facilitator.ui import qt_app

def at_show(application, window):
    from PySide6.QtCore import QTimer

    def sizes():
        return sorted(s.width() for s in application.windowIcon().availableSizes())

    print(*sizes())
    qt_app.after_first_paint(window, lambda: QTimer.singleShot(0, lambda: (print(*sizes()), application.quit())))

qt_app._bench_exit_on_show = at_show
sys.exit(app.main([]))
"""


def child(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PAPELOGRAFO_")}
    environ.update(QT_QPA_PLATFORM="offscreen", PAPELOGRAFO_HOME=str(home), **env)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=str(ROOT), env=environ,
                          timeout=120)


def test_the_start_screen_comes_up_and_fills_without_building_the_qt_enums(tmp_path):
    result = child(["-c", STARTUP], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["filled 6 1", "qt built False"]


def test_nothing_that_opens_a_file_loads_before_the_first_paint(tmp_path):
    # The store (sqlite3, the lock file's socket and uuid), the runner and the scripts wait for a file or
    # for the start screen's lists; importing them first cost about 45 ms of a 190 ms start (bench/startup.py).
    result = child(["-c", BEFORE_FIRST_PAINT], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["none"]


def test_the_large_icon_sizes_follow_the_first_paint(tmp_path):
    # Under X11 each size is decoded and sent with the window: 128, 256 and 512 px cost ~15 ms before it showed.
    result = child(["-c", ICON_SIZES_AROUND_FIRST_PAINT], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["16 24 32 48 64", "16 24 32 48 64 128 256 512"]


def test_the_bench_hook_reports_first_paint_then_the_complete_start_screen(tmp_path):
    result = child(["main.py"], tmp_path, PAPELOGRAFO_BENCH_EXIT_ON_SHOW="1", PAPELOGRAFO_BENCH_T0="0")
    assert result.returncode == 0, result.stderr
    (shown_word, shown), (complete_word, complete) = (line.split() for line in result.stdout.splitlines())
    assert (shown_word, complete_word) == ("shown", "complete")
    assert 0 < float(shown) <= float(complete)


def test_lists_fill_after_the_first_paint(qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert not window.start.filled and window.start.templates.count() == 0  # nothing read before it shows
    window.show()
    qtbot.waitUntil(lambda: window.start.filled)
    assert window.start.templates.count() == len(window.start.template_ids) == 6
    assert window.start.template_ids[0] == "diagnostico"


def test_start_screen_labels_are_plain_text(qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    labels = window.start.findChildren(QLabel)
    assert len(labels) == 5
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_a_missing_recent_file_is_greyed_and_opening_it_says_why(qtbot, tmp_path, errors):
    settings = Settings()
    settings.add_recent(tmp_path / "borrado.taller")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.start.refresh()  # what the first paint would do
    item = window.start.recent.item(0)
    assert item.text().startswith("borrado.taller — no encontrado")
    assert item.foreground().color() != window.start.recent.palette().text().color()
    with qtbot.waitSignal(window.start.recent_requested) as signal:
        window.start.recent.itemActivated.emit(item)
    assert signal.args == [str((tmp_path / "borrado.taller").resolve())]
    assert len(errors) == 1 and "borrado.taller" in errors[0] and window.doc is None


def test_menu_shortcuts_include_every_platform_binding(qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.close_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
    assert window.undo_action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert [k.toString() for k in window.export_action.shortcuts()] == ["Ctrl+E"]


def test_language_change_rebuilds_a_filled_start_screen(qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.start.filled)
    window.change_language("en")
    try:
        qtbot.waitUntil(lambda: window.start.filled)
        assert window.start.new_button.text() == "New process from a script…"
        assert window.start.templates.item(0).text().startswith("Participatory diagnostic workshop")
    finally:
        set_language("es")
