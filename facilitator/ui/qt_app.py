"""Start the Qt application: translations, look, main window."""

from __future__ import annotations

import os
import sys

from ..i18n import _, current_language, set_language
from ..settings import Settings


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Before the window first shows, the sizes a title bar and a task switcher use: under X11 every size is
# decoded and sent with the window (_NET_WM_ICON), and the three large ones cost about 15 ms of the start-up
# (bench/startup.py --xvfb). All sizes follow once the window has painted.
FIRST_ICON_SIZES = (16, 24, 32, 48, 64)


def app_icon(sizes: tuple[int, ...] = ICON_SIZES):
    """The app's icon at every size it ships, or at ``sizes`` (resources/icons, drawn by scripts/make-icons.py)."""
    from PySide6.QtGui import QIcon

    from resources import FOLDER

    icon = QIcon()
    for size in sizes:
        path = FOLDER / "icons" / f"papelografo-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from qtshared.style import apply_style

    app = QApplication.instance()
    if app is None:
        # "-style fusion" on the command line avoids wrapping a QStyle in Python at start-up.
        app = QApplication([*(argv or [sys.argv[0]]), "-style", "fusion"])
        app._papelografo_fusion = True
    app.setApplicationName("Papelógrafo")
    app.setOrganizationName("Papelografo")
    app.setDesktopFileName("papelografo")  # the window belongs to papelografo.desktop (its icon in the dock)
    app.setWindowIcon(app_icon(FIRST_ICON_SIZES))  # run_gui adds the large sizes after the first paint
    apply_style(app)
    from .qt_translations import install_qt_translations

    install_qt_translations(current_language())
    return app


def run_gui(settings: Settings, *, file: str | None = None, demo: bool = False,
            lang_override: str | None = None) -> int:
    if not has_display():
        print("papelografo: " + _("No hay pantalla disponible para abrir la ventana. "
                                  "Use los comandos sin ventana (vea «python main.py --help»)."), file=sys.stderr)
        return 1
    set_language(lang_override or settings.get("language"))
    app = make_application()
    from .main_window import MainWindow

    window = MainWindow(settings)
    window.show_placed()
    after_first_paint(window, lambda: app.setWindowIcon(app_icon()))
    _bench_exit_on_show(app, window)
    if file:
        window.open_path(file)
    elif demo:
        window.open_demo()
    return app.exec()


def after_first_paint(window, action) -> None:
    """Run ``action`` once ``window`` (shown) has painted for the first time: at its first expose, which paints
    the whole window and flushes it to the screen, a zero-delay timer is posted for it."""
    from PySide6.QtCore import QObject, QTimer
    from PySide6.QtGui import QExposeEvent

    class FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt)
            if isinstance(event, QExposeEvent) and obj.isExposed():
                obj.removeEventFilter(self)
                QTimer.singleShot(0, action)
            return False

    window.windowHandle().installEventFilter(FirstPaint(window))


def _bench_exit_on_show(app, window) -> None:
    """For bench/startup.py: print the seconds from launch to the window's first paint, then quit.

    The launcher passes its clock as PAPELOGRAFO_BENCH_T0 (``time.time()``), so the
    figure includes interpreter start-up and imports, as a user waits for them. The
    first expose paints the whole window and flushes it to the screen before control
    returns to the event loop, where the zero-delay timer reports (bench/startup.py's
    bare window uses the same hook). Then "complete": the next repaint, once the start
    screen has filled its lists (the widgets repaint on an UpdateRequest to the top level).
    """
    if os.environ.get("PAPELOGRAFO_BENCH_EXIT_ON_SHOW") != "1":
        return
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    t0 = float(os.environ.get("PAPELOGRAFO_BENCH_T0", "nan"))

    def shown() -> None:
        print(f"shown {time.time() - t0:.6f}", flush=True)
        window.installEventFilter(Repaint(window))
        if not window.start.isVisible():
            # A file opened before the first paint (a maximised window paints it whole at once):
            # nothing else asks for a repaint, so ask for the one "complete" waits for.
            window.update()

    def complete() -> None:
        print(f"complete {time.time() - t0:.6f}", flush=True)
        app.quit()

    class Repaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if (window.start.filled or not window.start.isVisible()) and event.type() == QEvent.Type.UpdateRequest:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, complete)
            return False

    after_first_paint(window, shown)
