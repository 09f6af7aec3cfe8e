"""An open process: its workshops on the left, the selected workshop's panels on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu,
                               QProxyStyle, QPushButton, QScrollArea, QSplitter, QStackedWidget, QStyle, QTabWidget,
                               QVBoxLayout, QWidget)

from ..commands import DeleteRow, UpdateRow
from ..document import ProcessDocument
from ..i18n import _
from ..settings import Settings
from qtshared.flow import FlowLayout
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter
from qtshared.widgets import plain_tooltip
from . import workshop_tabs


KEEP_VIEWS = 2  # workshop views kept built: the shown one and the one shown before it
TAB_SPACE = 12  # a workshop tab's room beside its title, in px (Fusion's 24 makes ten tabs too wide for 1024 px)


class _CompactTabs(QProxyStyle):
    """The application's style with less room beside a tab's title (sizes and the title's rect alike)."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802 (Qt)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return min(super().pixelMetric(metric, option, widget), TAB_SPACE)
        return super().pixelMetric(metric, option, widget)


class _Scroller(QScrollArea):
    """A tab's page: the panel fills it, and scrolls only when the window is smaller than the panel needs.

    So no panel can make the main window wider or taller than a small screen (1024×768):
    at worst a scroll bar appears; on a larger screen nothing changes.
    """

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Sized by hand: a resizable scroll area would size a panel with wrapping labels by its
        # preferred height for the width, and scroll although the panel fits.
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(panel)
        panel.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        panel = self.widget()
        if panel is None:
            return
        need = panel.minimumSizeHint().expandedTo(panel.minimumSize())
        room = self.maximumViewportSize()
        width = max(room.width(), need.width())
        bar = self.verticalScrollBar().sizeHint().width()
        height = max(room.height() - (bar if width > room.width() else 0), need.height())
        if height > room.height() and width == room.width():
            width = max(room.width() - bar, need.width())
        panel.resize(width, height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)


class WorkshopView(QTabWidget):
    """The panels of one workshop, as tabs (see workshop_tabs.tabs()).

    Panels tied to a canvas kind come and go with the workshop's canvases; the
    corner button adds a canvas of any kind (and so its tab).
    """

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *,
                 kept: dict[str, QWidget] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.panels: dict[str, QWidget] = {}
        # Ten tabs and the corner button fit 1024 px with less room beside each title; narrower still, every
        # tab stays in sight with its title shortened ("Particip…", its tooltip has it whole) rather than
        # hidden behind scroll arrows.
        self._tab_style = _CompactTabs()
        self._tab_style.setParent(self)
        self.tabBar().setStyle(self._tab_style)
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        self._kept = dict(kept or {})  # panels carried over from before a language change (the live run)
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
        panel = self._kept.pop(spec.key, None)
        if panel is not None:
            panel.setParent(self)
            panel.retranslate()
        else:
            panel = spec.load()(self.ctx, self)
        self.panels[spec.key] = panel
        keys = [t.key for t in workshop_tabs.tabs()]
        before = sum(1 for k in keys[:keys.index(spec.key)] if k in self.panels)
        index = self.insertTab(before, _Scroller(panel, self), _(spec.title))
        self.setTabToolTip(index, _(spec.title))

    def _add_canvas_button(self) -> None:
        from .. import kinds

        # a push button with a menu: its size counts the menu's arrow (a tool button's draws it over the label)
        button = QPushButton(_("Añadir lienzo"), self)
        button.setToolTip(_("Añade al taller un tablero, una matriz FODA, un árbol de problemas o una matriz "
                            "de planificación o de seguimiento."))
        menu = QMenu(button)
        for spec in kinds.all_kinds():
            menu.addAction(_(spec.name), lambda kind=spec.key: self.add_canvas(kind))
        button.setMenu(menu)
        button.setEnabled(not self.ctx.doc.readonly)
        self.add_canvas_button = button
        self.setCornerWidget(button, Qt.Corner.TopRightCorner)

    def _fit_corner(self) -> None:
        """The corner button says «Añadir lienzo» where the tabs' whole titles leave room for it, and «+» (its
        menu and tooltip unchanged) where they would otherwise be shortened («Agen…», «Particip…»)."""
        button = getattr(self, "add_canvas_button", None)
        if button is None:
            return
        bar = self.tabBar()
        needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        full = _("Añadir lienzo")
        button.setText(full)
        wide = button.sizeHint().width()
        button.setText(full if needed + wide + 8 <= self.width() else "+")
        button.setAccessibleName(full)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit_corner()

    def tabInserted(self, index: int) -> None:  # noqa: N802 (Qt)
        super().tabInserted(index)
        self._fit_corner()

    def tabRemoved(self, index: int) -> None:  # noqa: N802 (Qt)
        super().tabRemoved(index)
        self._fit_corner()

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
            self.setCurrentWidget(self._holder(panel))

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
                holder = self._holder(panel)
                self.removeTab(self.indexOf(holder))
                holder.deleteLater()

    def _activate(self, index: int) -> None:
        panel = self.panel_at(index)
        if hasattr(panel, "activate"):
            panel.activate()

    def show_panel(self, key: str) -> None:
        if key in self.panels:
            self.setCurrentWidget(self._holder(self.panels[key]))

    def _holder(self, panel: QWidget) -> QScrollArea:
        """The tab's page: the scroll area around a panel."""
        widget = panel
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        return widget  # type: ignore[return-value]

    def current_panel(self) -> QWidget | None:
        return self.panel_at(self.currentIndex())

    def panel_at(self, index: int) -> QWidget | None:
        holder = self.widget(index)
        return holder.widget() if isinstance(holder, QScrollArea) else holder

    def take_live_panels(self) -> dict[str, QWidget]:
        """Hand over the panels that must outlive a rebuild: the Run tab, whose clock and projector go on."""
        taken: dict[str, QWidget] = {}
        panel = self.panels.get("run")
        if panel is not None and hasattr(panel, "retranslate"):
            holder = self._holder(panel)
            self.removeTab(self.indexOf(holder))
            del self.panels["run"]
            holder.takeWidget()
            panel.setParent(None)
            holder.deleteLater()
            taken["run"] = panel
        return taken

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
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.body: QWidget | None = None
        self._build({})
        self.signals.changed.connect(self._changed)

    def _build(self, kept: dict[str, dict[str, QWidget]]) -> None:
        """Everything but the document, its undo stack and signals: built again on a language change."""
        doc = self.doc
        self._kept = kept
        self.body = QWidget(self)
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._outer.addWidget(self.body)
        if doc.readonly:
            if doc.held_by is not None:
                from ..store import FileProblem

                text = FileProblem(FileProblem.HELD, doc.path.name, doc.held_by.describe()).message()
            else:
                text = _("Este archivo es de solo lectura: puede consultarlo y exportarlo, pero no modificarlo.")
            banner = QLabel(text)
            banner.setWordWrap(True)
            banner.setTextFormat(Qt.TextFormat.PlainText)
            banner.setObjectName("Banner")
            outer.addWidget(banner)
        splitter = QSplitter()
        outer.addWidget(splitter, 1)

        left = QWidget()
        col = QVBoxLayout(left)
        col.addWidget(QLabel(_("Proceso")))
        self.title = QLineEdit()
        # A long title is cut at the field's edge with no ellipsis: the tooltip shows all of it, as it is typed.
        self.title.textChanged.connect(lambda text: self.title.setToolTip(plain_tooltip(text)))
        self.title.setText(doc.process["title"])
        self.title.setCursorPosition(0)
        self.title.setAccessibleName(_("Título del proceso"))
        self.title.setReadOnly(doc.readonly)
        self.title.textEdited.connect(self._title_edited)
        self.title.editingFinished.connect(self._title_finished)
        col.addWidget(self.title)
        self.title_problem = QLabel(_("Un proceso necesita un título: se mantiene el anterior."))
        self.title_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.title_problem.setWordWrap(True)
        self.title_problem.setObjectName("Warning")
        self.title_problem.hide()
        col.addWidget(self.title_problem)
        col.addWidget(QLabel(_("Talleres")))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Talleres"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._selection_changed)
        col.addWidget(self.list, 1)
        row = FlowLayout(spacing=6)  # one above the other when the list is folded narrow
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
        splitter.setCollapsible(1, False)  # the workshop stays; the list can be folded away on a small screen
        left.setMinimumWidth(160)
        small = self.screen() is not None and self.screen().availableGeometry().width() < 1200
        margins = col.contentsMargins()  # the list at least as wide as its widest button's label
        least = self.synthesis_button.sizeHint().width() + margins.left() + margins.right()
        splitter.setSizes([max(200, least), 820] if small else [max(300, least), 980])
        self._reload_list()
        for wid in list(self._kept):  # workshops with a live run not shown now still get their view back
            self._view_for(wid)

    def retranslate(self) -> None:
        """Rebuild the views in the new language; Run tabs (clock, projector) and the undo history carry over."""
        current = self.current_workshop_id()
        tabs = {wid: view.currentIndex() for wid, view in self.views.items()}
        kept = {wid: view.take_live_panels() for wid, view in self.views.items()}
        kept = {wid: panels for wid, panels in kept.items() if panels}
        for view in self.views.values():
            view.shutdown()
        self.views = {}
        old = self.body
        self._outer.removeWidget(old)
        old.hide()
        old.deleteLater()
        self._build(kept)
        if current:
            self.select_workshop(current)
        for wid, index in tabs.items():
            if wid in self.views:
                self.views[wid].setCurrentIndex(index)

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
            view = self._make_view(wid)
        self.views[wid] = view  # the most recently shown last
        self.pages.setCurrentWidget(view)
        self._release_views()

    def _view_for(self, wid: str) -> WorkshopView:
        """The workshop's view, built if it is not (the Run tabs carried over a language change go in)."""
        view = self.views.get(wid)
        if view is None:
            view = self.views[wid] = self._make_view(wid)
        return view

    def _make_view(self, wid: str) -> WorkshopView:
        ctx = WorkshopContext(self.doc, self.undo, self.signals, self.settings, wid)
        view = WorkshopView(ctx, kept=self._kept.pop(wid, None))
        self.pages.addWidget(view)
        return view

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
        """Each key is saved; an empty title is not (a process needs one), and the field says so."""
        self.title_problem.setVisible(not text.strip())
        if text.strip():
            self.undo.run(UpdateRow("process", self.doc.process["id"], {"title": text},
                                    _("Cambiar título del proceso")), mergeable=True)

    def _title_finished(self) -> None:
        if not self.title.text().strip():  # left empty: the stored title comes back, visibly
            self.title.setText(self.doc.process["title"])
            self.title.setCursorPosition(0)
        self.title_problem.hide()

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

    def live_run_panels(self) -> list[QWidget]:
        """The Run tabs whose workshop is running or paused now."""
        from ..session.runner import Status

        panels = [view.panels.get("run") for view in self.views.values()]
        return [p for p in panels if p is not None and hasattr(p, "controller")
                and p.controller.runner.status in (Status.RUNNING, Status.PAUSED)]

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
