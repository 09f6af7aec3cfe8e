"""The main window: start screen or an open process, menus, the saved indicator."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from .. import FILE_SUFFIX, __version__
from ..i18n import LANGUAGES, _, current_language, set_language
from ..settings import Settings
from .start_screen import StartScreen

# The document, its views, the dialogs and the saved indicator load when first
# needed, after the start screen is on screen: they use ``Qt.*`` enums, whose first
# use costs PySide a noticeable part of the start-up (see bench/startup.py).
if TYPE_CHECKING:
    from ..document import ProcessDocument
    from .process_view import ProcessView
    from .saved_indicator import SavedIndicator


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.doc: ProcessDocument | None = None
        self.view: ProcessView | None = None
        from .geometry import MINIMUM

        self.setMinimumSize(*MINIMUM)
        self.resize(1280, 800)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.statusBar()  # there from the start: nothing moves when the saved indicator joins it
        self._saved: SavedIndicator | None = None
        from PySide6.QtCore import QTimer

        # While a file is open here its lock says so, every store.lock.REFRESH seconds; the
        # interval is set when a file opens (importing the store here would cost the start-up
        # sqlite3, socket and uuid before the first paint: about 35-50 ms, bench/startup.py).
        self._lock_timer = QTimer(self)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._conflicts_button = None  # made when a merge first leaves conflicts
        self._conflicts_dialog = None
        self._build()

    @property
    def saved(self) -> SavedIndicator:
        """The status bar's "all saved" word, made when first needed (a process opens)."""
        if self._saved is None:
            from .saved_indicator import SavedIndicator

            self._saved = SavedIndicator()
            self.statusBar().addPermanentWidget(self._saved)
        return self._saved

    # -- building (again on a language change) --------------------------------
    def _build(self) -> None:
        self.start = StartScreen(self.settings)
        self.start.new_requested.connect(self.new_process)
        self.start.open_requested.connect(self.open_dialog)
        self.start.demo_requested.connect(self.open_demo)
        self.start.recent_requested.connect(self.open_path)
        self.start.language_requested.connect(self.change_language)
        self.stack.addWidget(self.start)
        self._build_menus()
        self._update_title()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&Archivo"))
        self._action(file_menu, _("&Nuevo proceso…"), self.new_process, QKeySequence.StandardKey.New)
        self._action(file_menu, _("&Abrir…"), self.open_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, _("Abrir la &demostración"), self.open_demo)
        recent = file_menu.addMenu(_("Archivos &recientes"))
        for path in self.settings.get("recent_files"):
            act = recent.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        recent.setEnabled(bool(self.settings.get("recent_files")))
        file_menu.addSeparator()
        self.new_workshop_action = self._action(file_menu, _("Nuevo &taller en este proceso…"), self.add_workshop)
        self.export_action = self._action(file_menu, _("&Exportar…"), self.export_document, "Ctrl+E")
        self.combine_action = self._action(file_menu, _("Com&binar con otro archivo…"), self.combine_file)
        self.conflicts_action = self._action(file_menu, _("Con&flictos…"), self.show_conflicts)
        self.close_action = self._action(file_menu, _("&Cerrar proceso"), self.close_process,
                                         QKeySequence.StandardKey.Close)
        file_menu.addSeparator()
        self._action(file_menu, _("&Salir"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(_("&Editar"))
        self.undo_action = self._action(edit, _("&Deshacer"), self._undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, _("&Rehacer"), self._redo, QKeySequence.StandardKey.Redo)
        edit.addSeparator()
        self.search_action = self._action(edit, _("&Buscar en el proceso…"), self.search_process, "Ctrl+Shift+F")

        prefs = bar.addMenu(_("&Preferencias"))
        lang_menu = prefs.addMenu(_("&Idioma"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = lang_menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == current_language())
            act.triggered.connect(lambda _c=False, c=code: self.change_language(c))
            group.addAction(act)
        help_menu = bar.addMenu(_("A&yuda"))
        self._action(help_menu, _("&Acerca de Papelógrafo"), self._about)
        self._sync_actions()

    def _action(self, menu, text: str, slot, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        """A menu entry; a standard key brings all of the platform's bindings for it (Ctrl+W and Ctrl+F4…).

        setShortcuts() with a key or a list, because QAction.setShortcut() makes PySide build
        every ``Qt.*`` enum while it picks the overload: 15 ms before the first paint.
        """
        act = menu.addAction(text)
        act.triggered.connect(lambda _c=False: slot())
        if isinstance(shortcut, str):
            act.setShortcuts([QKeySequence(shortcut)])
        elif shortcut is not None:
            act.setShortcuts(shortcut)
        return act

    def _sync_actions(self) -> None:
        has_doc = self.doc is not None
        self.new_workshop_action.setEnabled(has_doc and not self.doc.readonly)
        self.close_action.setEnabled(has_doc)
        self.export_action.setEnabled(has_doc)
        self.search_action.setEnabled(has_doc)
        self.combine_action.setEnabled(has_doc and not self.doc.readonly)
        self.conflicts_action.setEnabled(has_doc)
        n = 0
        if has_doc:
            from ..conflicts import count_open  # not before a process opens: start-up time

            n = count_open(self.doc)
        self.conflicts_action.setText(_("Con&flictos ({n})…", n=n) if n else _("Con&flictos…"))
        self._show_conflicts_button(n)
        stack = self.view.undo.stack if self.view else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        if stack:
            self.undo_action.setText(_("&Deshacer: {what}", what=stack.undoText()) if stack.canUndo() else _("&Deshacer"))
            self.redo_action.setText(_("&Rehacer: {what}", what=stack.redoText()) if stack.canRedo() else _("&Rehacer"))

    def _undo(self) -> None:
        if self.view:
            self.view.undo.stack.undo()

    def _redo(self) -> None:
        if self.view:
            self.view.undo.stack.redo()

    def _update_title(self) -> None:
        if self.doc is None:
            self.setWindowTitle("Papelógrafo")
        else:
            suffix = f" — {_('solo lectura')}" if self.doc.readonly else ""
            self.setWindowTitle(f"{self.doc.process['title']} — {self.doc.path.name}{suffix} — Papelógrafo")

    # -- documents -------------------------------------------------------------
    def open_dialog(self) -> None:
        from qtshared.dialogs import Dialogs

        path = Dialogs.open_file(self, self.settings.get("last_folder"))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        from ..document import ProcessDocument
        from ..store import FileProblem
        from qtshared.dialogs import Dialogs

        if not self.leave_live_runs():
            return False
        try:
            doc = ProcessDocument.open(path)
        except FileProblem as exc:
            Dialogs.error(self, exc.message())
            return False
        self._show_document(doc)
        if doc.held_by is not None:
            Dialogs.info(self, FileProblem(FileProblem.HELD, str(doc.path), doc.held_by.describe()).message())
        elif doc.readonly:
            Dialogs.info(self, doc.store.notice().message())  # read-only, perhaps from a private copy
        return True

    def open_demo(self) -> bool:
        from ..demo import ensure_demo
        from ..store import FileProblem
        from qtshared.dialogs import Dialogs

        try:
            path = ensure_demo()
        except (FileProblem, OSError) as exc:
            Dialogs.error(self, exc.message() if isinstance(exc, FileProblem) else str(exc))
            return False
        return self.open_path(path)

    def new_process(self) -> bool:
        from ..document import ProcessDocument
        from ..store import FileProblem
        from ..workshops import new_workshop
        from qtshared.dialogs import Dialogs
        from .new_process import TemplateChooser

        if not self.leave_live_runs():
            return False
        choice = TemplateChooser.ask(self, with_file=True, folder=self.settings.get("last_folder"))
        if choice is None:
            return False
        try:
            doc = ProcessDocument.create(choice.path, choice.process_title)
            doc.execute(new_workshop(doc, choice.template, lang=current_language(), title=choice.title,
                                     date=choice.date, place=choice.place))
        except FileProblem as exc:
            Dialogs.error(self, exc.message())
            return False
        self._show_document(doc)
        return True

    def add_workshop(self) -> bool:
        from ..workshops import new_workshop
        from .new_process import TemplateChooser

        if self.view is None:
            return False
        choice = TemplateChooser.ask(self, with_file=False)
        if choice is None:
            return False
        macro = new_workshop(self.doc, choice.template, lang=current_language(), title=choice.title,
                             date=choice.date, place=choice.place)
        if self.view.undo.run(macro):
            self.view.select_workshop(macro.workshop_id)
            return True
        return False

    def search_process(self) -> None:
        """*Buscar en el proceso* (Ctrl+Shift+F): find a note, minutes entry or initiative and jump to it."""
        if self.view is not None:
            self.view.open_search()

    def export_document(self) -> None:
        if self.doc is not None and self.view is not None:
            from .export_dialog import ExportDialog

            ExportDialog.ask(self, self.doc, self.view.undo)

    def combine_file(self, path: str | None = None) -> object | None:
        """Merge another laptop's file into this process; open the conflicts it left, if any."""
        if self.doc is None or self.view is None or self.doc.readonly:
            return None
        from .merge_dialog import CombineDialog

        plan = CombineDialog.run(self, self.doc, self.view.undo, self.settings.get("last_folder"), path)
        self._sync_actions()
        if plan is not None:
            self.saved.show_saved()
            if plan.conflicts:
                self.show_conflicts()
        return plan

    def _show_conflicts_button(self, n: int) -> None:
        """A status-bar button while a merge's conflicts wait for a choice."""
        if n and self._conflicts_button is None:
            from PySide6.QtWidgets import QPushButton

            self._conflicts_button = QPushButton()
            self._conflicts_button.setFlat(True)
            self._conflicts_button.clicked.connect(lambda _c=False: self.show_conflicts())
            self.statusBar().addPermanentWidget(self._conflicts_button)
        if self._conflicts_button is not None:
            self._conflicts_button.setText(_("⚠ Conflictos por resolver: {n}", n=n))
            self._conflicts_button.setVisible(bool(n))

    def show_conflicts(self):
        if self.doc is None or self.view is None:
            return None
        from .merge_dialog import ConflictsDialog

        current = self._conflicts_dialog
        if current is not None and current.doc is self.doc and current.isVisible():
            current.raise_()
            current.activateWindow()
            return current
        self._conflicts_dialog = ConflictsDialog.show_for(self, self.doc, self.view.undo)
        self._conflicts_dialog.destroyed.connect(lambda *_a: setattr(self, "_conflicts_dialog", None))
        return self._conflicts_dialog

    def _show_document(self, doc: ProcessDocument) -> None:
        from .process_view import ProcessView

        self.close_document()
        self.doc = doc
        self.settings.add_recent(doc.path)
        self.settings.set("last_folder", str(doc.path.parent))
        self.view = ProcessView(doc, self.settings)
        self.view.undo.stack.indexChanged.connect(self._stack_moved)
        self.view.undo.failed.connect(self.saved.show_failed)
        self.view.signals.changed.connect(self._document_changed)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.saved.show_opened(doc.readonly)
        self._build_menus()
        self._update_title()
        if doc.lock is not None:
            from ..store.lock import REFRESH

            self._lock_timer.start(int(REFRESH * 1000))
        self._offer_interrupted_run()

    def _offer_interrupted_run(self) -> None:
        """A workshop whose run was cut short (crash, dead battery) comes to the front on its Run tab."""
        from ..session.runlog import interrupted_run

        for w in self.doc.workshops():
            if interrupted_run(self.doc.store, w["id"]) is not None:
                self.view.select_workshop(w["id"])
                view = self.view.workshop_view(w["id"])
                if view is not None:
                    view.show_panel("run")
                return

    def _stack_moved(self, _index: int) -> None:
        self._sync_actions()

    def _document_changed(self, changes) -> None:
        self.saved.show_saved()
        self._update_title()
        if any(c.table == "merge_conflict" for c in changes):
            self._sync_actions()

    def leave_live_runs(self) -> bool:
        """Before the process closes (quit, close, another file): say what happens to a live run.

        Pause and leave (the default), leave it running (the room carries on: a restart,
        a swap of laptops), or stay. Either way out is logged as a chosen leave, so the
        next start resumes without the crash question. False: the user chose to stay.
        """
        from ..session.runner import Status
        from qtshared.dialogs import Dialogs

        if self.view is None or self.doc is None or self.doc.readonly:
            return True
        for panel in self.view.live_run_panels():
            runner = panel.controller.runner
            title = (self.doc.workshop(panel.ctx.workshop_id) or {}).get("title", "")
            view = panel.controller.view
            block = view.block.title if view.block else ""
            if runner.status is Status.RUNNING:
                text = _("El taller «{title}» está en curso (bloque «{block}»). ¿Qué pasa con el reloj al cerrar?",
                         title=title, block=block)
                choices = [("pause", _("Pausar y cerrar")), ("run", _("Cerrar y dejarlo correr")),
                           ("cancel", _("Cancelar"))]
            else:
                text = _("El taller «{title}» está en pausa (bloque «{block}»). Al volver a abrirlo seguirá "
                         "en pausa.", title=title, block=block)
                choices = [("pause", _("Cerrar")), ("cancel", _("Cancelar"))]
            answer = Dialogs.choose(self, text, choices)
            if answer is None:
                return False
            panel.controller.act("leave", answer == "run")
        return True

    def close_process(self) -> None:
        if self.leave_live_runs():
            self.close_document()

    def _refresh_lock(self) -> None:
        if self.doc is not None:
            self.doc.refresh_lock()

    def close_document(self) -> None:
        if self.view is not None:
            # The view is deleted later: its stack and signals must not call back into menus by then.
            self.view.undo.stack.indexChanged.disconnect(self._stack_moved)
            self.view.undo.failed.disconnect(self.saved.show_failed)
            self.view.signals.changed.disconnect(self._document_changed)
            self.view.shutdown()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self._lock_timer.stop()
        if self.doc is not None:
            problem = self.doc.close()
            self.doc = None
            if problem is not None:  # its last edits live in the -wal: the user must not copy the file alone
                from qtshared.dialogs import Dialogs

                Dialogs.error(self, problem.message())
        if self._saved is not None:
            self._saved.clear()
        if getattr(self, "_closing", False):
            return  # the window is going away: no menus to rebuild
        self.start.refresh()
        self.stack.setCurrentWidget(self.start)
        self._build_menus()
        self._update_title()

    # -- language ----------------------------------------------------------------
    def change_language(self, lang: str) -> None:
        if lang == current_language() or lang not in LANGUAGES:
            return
        self.settings.set("language", lang)
        set_language(lang)
        from .qt_translations import install_qt_translations

        install_qt_translations(lang)
        # Live: the open process stays open and its runs keep ticking; only the words change.
        self.stack.removeWidget(self.start)
        self.start.deleteLater()
        self._build()
        if self.view is not None:
            self.view.retranslate()
            self.stack.setCurrentWidget(self.view)
            self._build_menus()
            self._update_title()
            self.saved.show_opened(self.doc.readonly)

    def _about(self) -> None:
        from qtshared.dialogs import Dialogs

        Dialogs.info(self, _("Papelógrafo {version}\nTalleres participativos sin conexión. Cada cambio se guarda "
                             "al instante en el archivo del proceso ({suffix}).", version=__version__,
                             suffix=FILE_SUFFIX))

    def place_on_screen(self) -> bool:
        """Size to the screen or to where it was, clamped to fit this screen; True: show it maximised."""
        from .geometry import Rect, placement

        screen = self.screen().availableGeometry()
        where = placement(self.settings.get("window") or None,
                          Rect(screen.x(), screen.y(), screen.width(), screen.height()))
        self.setGeometry(*where.rect)
        return where.maximised

    def show_placed(self) -> None:
        """Show the window where ``place_on_screen`` says (maximised on a small screen)."""
        if self.place_on_screen():
            self.showMaximized()
        else:
            self.show()

    def _save_geometry(self) -> None:
        rect = self.normalGeometry() if self.isMaximized() else self.geometry()
        self.settings.set("window", [rect.x(), rect.y(), rect.width(), rect.height(), self.isMaximized()])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.leave_live_runs():
            event.ignore()
            return
        self._save_geometry()
        self._closing = True
        self.close_document()
        super().closeEvent(event)
