"""An open process: its workshops on the left, the selected workshop's panels on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QPushButton,
                               QSplitter, QStackedWidget, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ..commands import DeleteRow, UpdateRow
from ..document import ProcessDocument
from ..i18n import _
from ..settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter
from . import workshop_tabs


KEEP_VIEWS = 2  # workshop views kept built: the shown one and the one shown before it


class WorkshopView(QTabWidget):
    """The panels of one workshop, as tabs (see workshop_tabs.tabs()).

    Panels tied to a canvas kind come and go with the workshop's canvases; the
    corner button adds a canvas of any kind (and so its tab).
    """

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panels: dict[str, QWidget] = {}
        kinds = self._kinds()
        for spec in workshop_tabs.tabs():
            if spec.kind is None or spec.kind in kinds:
                self._add_panel(spec)
        self._add_canvas_button()
        self.currentChanged.connect(self._activate)
        ctx.signals.changed.connect(self._changed)

    def _kinds(self) -> set[str]:
        return {c["kind"] for c in self.ctx.doc.canvases(self.ctx.workshop_id)}

    def _add_panel(self, spec) -> None:
        panel = spec.load()(self.ctx, self)
        self.panels[spec.key] = panel
        keys = [t.key for t in workshop_tabs.tabs()]
        before = sum(1 for k in keys[:keys.index(spec.key)] if k in self.panels)
        self.insertTab(before, panel, _(spec.title))

    def _add_canvas_button(self) -> None:
        from .. import kinds

        button = QToolButton(self)
        button.setText(_("Añadir lienzo"))
        button.setToolTip(_("Añade al taller un tablero, una matriz FODA, un árbol de problemas o una matriz "
                            "de planificación o de seguimiento."))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for spec in kinds.all_kinds():
            menu.addAction(_(spec.name), lambda kind=spec.key: self.add_canvas(kind))
        button.setMenu(menu)
        button.setEnabled(not self.ctx.doc.readonly)
        self.add_canvas_button = button
        self.setCornerWidget(button, Qt.Corner.TopRightCorner)

    def add_canvas(self, kind: str) -> None:
        from ..add_canvas import new_canvas

        command = new_canvas(self.ctx.doc, self.ctx.workshop_id, kind)
        if not self.ctx.undo.run(command):
            return
        key = next((t.key for t in workshop_tabs.tabs() if t.kind == kind), "board")
        panel = self.panels.get(key)
        if panel is not None:
            if hasattr(panel, "show_canvas"):
                panel.show_canvas(command.id)
            self.setCurrentWidget(panel)

    def _changed(self, changes) -> None:
        if not any(c.table == "canvas" for c in changes):
            return
        kinds = self._kinds()
        for spec in workshop_tabs.tabs():
            if spec.kind is None:
                continue
            if spec.kind in kinds and spec.key not in self.panels:
                self._add_panel(spec)
            elif spec.kind not in kinds and spec.key in self.panels:
                panel = self.panels.pop(spec.key)
                if hasattr(panel, "shutdown"):
                    panel.shutdown()
                self.removeTab(self.indexOf(panel))
                panel.deleteLater()

    def _activate(self, index: int) -> None:
        panel = self.widget(index)
        if hasattr(panel, "activate"):
            panel.activate()

    def show_panel(self, key: str) -> None:
        if key in self.panels:
            self.setCurrentWidget(self.panels[key])

    def busy(self) -> bool:
        """A run is going on, or a panel shows something on the projector: not to be released."""
        from facilitator.session.runner import Status

        for panel in self.panels.values():
            for name in ("projected", "projector"):  # canvas projections, the run's projector
                window = getattr(panel, name, None)
                if isinstance(window, QWidget) and window.isVisible():
                    return True
            runner = getattr(getattr(panel, "controller", None), "runner", None)
            if runner is not None and runner.status in (Status.RUNNING, Status.PAUSED):
                return True
        return False

    def shutdown(self) -> None:
        if self.panels:
            self.ctx.signals.changed.disconnect(self._changed)
        for panel in self.panels.values():
            if hasattr(panel, "shutdown"):
                panel.shutdown()
        self.panels = {}


class ProcessView(QWidget):
    def __init__(self, doc: ProcessDocument, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.undo = UndoAdapter(doc, self)
        self.signals = DocumentSignals(doc, self)
        self.views: dict[str, WorkshopView] = {}
        self.search = None  # the "Buscar en el proceso" window, made on first use

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        if doc.readonly:
            banner = QLabel(_("Este archivo es de solo lectura: puede consultarlo y exportarlo, pero no modificarlo."))
            banner.setTextFormat(Qt.TextFormat.PlainText)
            banner.setObjectName("Banner")
            outer.addWidget(banner)
        splitter = QSplitter()
        outer.addWidget(splitter, 1)

        left = QWidget()
        col = QVBoxLayout(left)
        col.addWidget(QLabel(_("Proceso")))
        self.title = QLineEdit(doc.process["title"])
        self.title.setCursorPosition(0)
        self.title.setAccessibleName(_("Título del proceso"))
        self.title.setReadOnly(doc.readonly)
        self.title.textEdited.connect(self._title_edited)
        col.addWidget(self.title)
        col.addWidget(QLabel(_("Talleres")))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Talleres"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._selection_changed)
        col.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Nuevo taller…"))
        self.add_button.clicked.connect(self._add_workshop)
        self.remove_button = QPushButton(_("Eliminar taller"))
        self.remove_button.clicked.connect(self._remove_workshop)
        for b in (self.add_button, self.remove_button):
            b.setEnabled(not doc.readonly)
            row.addWidget(b)
        col.addLayout(row)
        self.synthesis_button = QPushButton(_("Sistematización del proceso"))
        self.synthesis_button.setToolTip(_("Hallazgos, sugerencias de agrupación, cifras, actores, iniciativas y "
                                           "conclusiones de todos los talleres: la base del informe."))
        self.synthesis_button.setCheckable(True)
        self.synthesis_button.clicked.connect(self.show_synthesis)
        col.addWidget(self.synthesis_button)
        self.synthesis = None
        splitter.addWidget(left)

        self.pages = QStackedWidget()
        self.empty = QLabel(_("Este proceso no tiene talleres todavía. Cree uno con «Nuevo taller…»."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])

        self.signals.changed.connect(self._changed)
        self._reload_list()

    # -- workshops list ------------------------------------------------------------
    def _reload_list(self, select: str | None = None) -> None:
        select = select or self.current_workshop_id()
        self.list.blockSignals(True)
        self.list.clear()
        for w in self.doc.workshops():
            date = f"{w['date']} · " if w["date"] else ""
            item = QListWidgetItem(f"{w['title']}\n{date}{sum(b['minutes'] for b in self.doc.blocks(w['id']))} min")
            item.setData(Qt.ItemDataRole.UserRole, w["id"])
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        for wid in list(self.views):
            if wid not in ids:  # deleted (or its creation undone)
                view = self.views.pop(wid)
                view.shutdown()
                self.pages.removeWidget(view)
                view.deleteLater()
        if ids:
            self.list.setCurrentRow(ids.index(select) if select in ids else 0)
            self._selection_changed(self.list.currentItem(), None)
        else:
            self.pages.setCurrentWidget(self.empty)

    def _changed(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & {"workshop", "block"}:
            self._reload_list()
        if "process" in tables and not self.title.hasFocus():
            self.title.setText(self.doc.process["title"])

    def current_workshop_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_workshop(self, workshop_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == workshop_id:
                self.list.setCurrentRow(i)

    def open_search(self, text: str = ""):
        """Show *Buscar en el proceso* (Ctrl+Shift+F) over this process."""
        from .process_search import ProcessSearch

        if self.search is None:
            self.search = ProcessSearch(self)
        self.search.start(text)
        return self.search

    def jump_to(self, hit) -> None:
        """Bring a search hit forward: its workshop, its tab, its canvas, the item selected."""
        self.select_workshop(hit.workshop_id)
        view = self.workshop_view(hit.workshop_id)
        if view is None or hit.tab not in view.panels:
            return
        view.show_panel(hit.tab)
        panel = view.panels[hit.tab]
        if hit.canvas_id and hasattr(panel, "show_canvas"):
            panel.show_canvas(hit.canvas_id)
        if hasattr(panel, "reveal"):
            panel.reveal(hit.id)

    def workshop_view(self, workshop_id: str | None = None) -> WorkshopView | None:
        return self.views.get(workshop_id or self.current_workshop_id() or "")

    def show_synthesis(self) -> None:
        """The process's Sistematización workspace (built on first use)."""
        if self.synthesis is None:
            from .synthesis.view import ProcessContext, SynthesisView

            self.synthesis = SynthesisView(ProcessContext(self.doc, self.undo, self.signals, self.settings))
            self.pages.addWidget(self.synthesis)
        self.synthesis_button.setChecked(True)
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.pages.setCurrentWidget(self.synthesis)

    def _selection_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is None:
            return
        self.synthesis_button.setChecked(False)
        wid = current.data(Qt.ItemDataRole.UserRole)
        view = self.views.pop(wid, None)
        if view is None:
            ctx = WorkshopContext(self.doc, self.undo, self.signals, self.settings, wid)
            view = WorkshopView(ctx)
            self.pages.addWidget(view)
        self.views[wid] = view  # the most recently shown last
        self.pages.setCurrentWidget(view)
        self._release_views()

    def _release_views(self) -> None:
        """Keep the shown workshop and the one before it (going back and forth is instant); let the
        others go, unless a run or a projection is live in them. Everything is in the file: a
        workshop shown again is built again from it."""
        for wid in list(self.views)[:-KEEP_VIEWS]:
            view = self.views[wid]
            if view.busy():
                continue
            del self.views[wid]
            view.shutdown()
            self.pages.removeWidget(view)
            view.deleteLater()

    # -- edits -----------------------------------------------------------------------
    def _title_edited(self, text: str) -> None:
        if text.strip():
            self.undo.run(UpdateRow("process", self.doc.process["id"], {"title": text},
                                    _("Cambiar título del proceso")), mergeable=True)

    def _add_workshop(self) -> None:
        window = self.window()
        if hasattr(window, "add_workshop"):
            window.add_workshop()

    def _remove_workshop(self) -> None:
        wid = self.current_workshop_id()
        if not wid:
            return
        title = self.doc.workshop(wid)["title"]
        if Dialogs.confirm(self, _("¿Eliminar el taller «{title}» con todo su contenido? Podrá deshacerlo con "
                                   "Editar › Deshacer.", title=title)):
            self.undo.run(DeleteRow("workshop", wid, _("Eliminar taller «{title}»", title=title)))

    def shutdown(self) -> None:
        if self.search is not None:
            self.search.shutdown()
            self.search.close()
        for view in self.views.values():
            view.shutdown()
        if self.synthesis is not None:
            self.synthesis.shutdown()
        from .capture.bridge import CaptureBridge

        bridge = self.signals.findChild(CaptureBridge)
        if bridge is not None:
            bridge.close()  # the links die with the document; every acknowledged note is already in the file
        self.signals.detach()
