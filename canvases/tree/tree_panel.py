"""The workshop's "Árbol" tab: the problem tree (METHODS §3) and the objective trees made from it.

Keyboard first: select an idea (arrow keys), Tab adds a cause under it, Shift+Tab
an effect above it, Enter edits the text in place, Delete removes it with its
arrows, C connects it with another idea. The mouse draws arrows from a box's
handle. On the right, the selected idea's prioritisation (marks, impact ×
feasibility), its arrows, and the ranked "Prioridades" list. "Convertir en árbol
de objetivos" restates the whole tree as a new, linked objective tree.

The panel wires widgets together; the tree's model is the file
(``facilitator.tree`` commands, run through ``ctx.undo``), its picture
``canvases.tree``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QListWidget, QListWidgetItem, QMenu,
                               QMessageBox, QPushButton, QScrollArea, QSplitter, QStackedWidget,
                               QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from canvases.tree.items import ArrowItem, NodeItem
from canvases.tree.scene import TreeScene
from canvases.tree.view import TreeView
from facilitator import tree
from facilitator.commands import Command
from facilitator.i18n import _, ngettext

from qtshared.canvas_panel import CanvasPanel
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.widgets import plain_label, plain_tooltip

NO_SCORE = "—"
PRIORITIES_MIN_H = 130  # the list takes what the side panel has left; below this the panel scrolls


class _WrapDelegate(QStyledItemDelegate):
    """Row heights for wrapped text measured at the width the text really gets (less the indentation)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = self.parent()
        depth = 1 + int(view.rootIsDecorated())
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(40, view.viewport().width() - (depth - 1) * view.indentation()), 1 << 20)
        return super().sizeHint(opt, index)


class WrappingTree(QTreeWidget):
    """A one-column tree whose entries wrap onto more lines at the panel's width instead of being cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(True)
        self.setItemDelegate(_WrapDelegate(self))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # the rows' heights follow the new width


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def keys_help(objectives: bool) -> str:
    """The keyboard line under the tree, in the words of its kind (an objective tree has means and ends)."""
    if objectives:
        return _("Flechas: moverse · Tab: medio debajo · Mayús+Tab: fin encima · Intro: editar · Supr: borrar · "
                 "C: conectar con… · arrastrar desde el círculo de una idea: dibujar flecha · Alt+←→: reordenar · "
                 "Ctrl+0: ajustar")
    return _("Flechas: moverse · Tab: causa debajo · Mayús+Tab: efecto encima · Intro: editar · Supr: borrar · "
             "C: conectar con… · arrastrar desde el círculo de una idea: dibujar flecha · Alt+←→: reordenar · "
             "Ctrl+0: ajustar")


class TreePanel(CanvasPanel):
    kind = tree.KIND

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scene: TreeScene | None = None
        self.view: TreeView | None = None
        self._loading = False
        self._picking_note = ""
        self._build()
        self.follow_file()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        outer, top = self.top_bar(_("Árbol:"), _("Árbol"))
        self.trunk_button = self.tool_button(top, _("Problema central"), _("Escribir o reemplazar el problema central"),
                                       self.edit_trunk)
        self.cause_button = self.tool_button(top, _("+ Causa"), _("Agregar una causa bajo la idea seleccionada (Tab)"),
                                       lambda: self.request_add("cause"))
        self.effect_button = self.tool_button(top, _("+ Efecto"),
                                        _("Agregar un efecto sobre la idea seleccionada (Mayús+Tab)"),
                                        lambda: self.request_add("effect"))
        self.connect_button = self.tool_button(top, _("Conectar con…"),
                                         _("Dibujar una flecha desde la idea seleccionada hacia otra (C)"),
                                         self.start_connect)
        self.convert_button = self.tool_button(top, _("Convertir en árbol de objetivos"),
                                         _("Crea un árbol de objetivos nuevo, con cada idea reformulada en positivo"),
                                         self.convert)
        self.origin_button = self.tool_button(top, _("Ver árbol de problemas"), _("Ir al árbol del que salió este"),
                                        self.show_origin)
        top.addStretch(1)
        self.fit_button = self.tool_button(top, _("Ajustar"), _("Todo el árbol en la ventana (Ctrl+0)"),
                                     lambda: self.view and self.view.fit())
        self.zoom_out = self.tool_button(top, "−", _("Alejar (Ctrl+-)"), lambda: self.view and self.view.zoom_by(-1))
        self.zoom_label = plain_label("100 %")
        top.addWidget(self.zoom_label)
        self.zoom_in = self.tool_button(top, "+", _("Acercar (Ctrl++)"), lambda: self.view and self.view.zoom_by(1))
        top.addSpacing(12)
        self.project_button = QPushButton(_("Proyectar"))
        self.project_button.setToolTip(_("Mostrar el árbol a la sala"))
        self.project_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the tree
        self.project_button.clicked.connect(lambda _c=False: self.project())
        top.addWidget(self.project_button)
        outer.addLayout(top)

        self.message = plain_label("", wrap=True, name="Banner")
        self.message.hide()
        outer.addWidget(self.message)

        splitter = QSplitter()
        self.stack = QStackedWidget()
        self.empty = plain_label(_("Este taller no tiene un árbol de problemas. Agregue uno desde el menú del taller "
                                   "o cree el taller con el guion «Taller de árbol de problemas»."), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        splitter.addWidget(self.stack)
        side = QWidget()
        self._build_side(side)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(320)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 340])
        outer.addWidget(splitter, 1)
        self.keys_help = plain_label("", wrap=True, name="Muted")
        outer.addWidget(self.keys_help)
        for w in (self.trunk_button, self.cause_button, self.effect_button, self.connect_button,
                  self.convert_button):
            w.setEnabled(not self.read_only)

    def _build_side(self, side: QWidget) -> None:
        col = QVBoxLayout(side)
        col.setContentsMargins(6, 0, 0, 0)
        self.heading = plain_label(_("Idea seleccionada"), wrap=True, name="SectionTitle")
        col.addWidget(self.heading)
        self.node_text = plain_label("", wrap=True)
        self.node_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.node_text)
        self.node_where = plain_label("", wrap=True, name="Muted")
        col.addWidget(self.node_where)
        self.mark_boxes: list[QCheckBox] = []
        marks_row = QHBoxLayout()
        for _i in range(2):
            box = QCheckBox()
            box.toggled.connect(lambda on, b=box: self._mark_toggled(b, on))
            self.mark_boxes.append(box)
            marks_row.addWidget(box)
        marks_row.addStretch(1)
        col.addLayout(marks_row)
        form = QFormLayout()
        self.score_combos: dict[str, QComboBox] = {}
        for field, label in (("impact", _("Impacto")), ("feasibility", _("Factibilidad"))):
            combo = QComboBox()
            combo.setAccessibleName(label)
            combo.addItem(NO_SCORE, None)
            for value in range(1, 6):
                combo.addItem(str(value), value)
            combo.activated.connect(lambda _i, f=field, c=combo: self.set_score(f, c.currentData()))
            self.score_combos[field] = combo
            form.addRow(plain_label(label), combo)
        col.addLayout(form)
        self.score_label = plain_label("", wrap=True, name="Muted")
        col.addWidget(self.score_label)
        col.addWidget(plain_label(_("Flechas de esta idea"), wrap=True, name="SectionTitle"))
        self.links_list = QListWidget()
        self.links_list.setAccessibleName(_("Flechas de esta idea"))
        self.links_list.setMaximumHeight(96)
        self.links_list.setWordWrap(True)
        self.links_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        col.addWidget(self.links_list)
        buttons = QHBoxLayout()
        self.reverse_button = QPushButton(_("Invertir"))
        self.reverse_button.clicked.connect(lambda: self.reverse_links(self._listed_links()))
        self.unlink_button = QPushButton(_("Quitar flecha"))
        self.unlink_button.clicked.connect(lambda: self.delete_links(self._listed_links()))
        buttons.addWidget(self.reverse_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        col.addWidget(plain_label(_("Prioridades"), wrap=True, name="SectionTitle"))
        self.priorities = WrappingTree()
        self.priorities.setHeaderHidden(True)
        self.priorities.setAccessibleName(_("Prioridades"))
        self.priorities.setMinimumHeight(PRIORITIES_MIN_H)
        self.priorities.itemActivated.connect(self._priority_chosen)
        self.priorities.itemClicked.connect(self._priority_chosen)
        col.addWidget(self.priorities, 1)
        self.priority_help = plain_label(_("Causas por puntaje (impacto × factibilidad) y marcas; efectos por "
                                           "marcas."), wrap=True, name="Muted")
        col.addWidget(self.priority_help)

    # -- canvases ----------------------------------------------------------------------------
    def tree_canvases(self) -> list[dict[str, Any]]:
        return self.kind_canvases()

    def canvas_title(self, row: dict[str, Any]) -> str:
        return row["title"] or (_("Árbol de objetivos") if row["variant"] == tree.OBJECTIVES else _("Árbol de problemas"))

    # -- canvases (CanvasPanel) ------------------------------------------------------------
    def close_canvas(self) -> None:
        if self.view is not None:
            if self.view.editor is not None:
                self.view.editor.commit()
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.scene.deleteLater()
        self.view = self.scene = None

    def show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty)
        self._refresh_side()
        self._update_buttons()

    def open_canvas(self, canvas_id: str) -> None:
        """A new scene and view for one tree of the workshop."""
        self.scene = TreeScene(self.doc, canvas_id, signals=self.ctx.signals)
        self.scene.look.editable = not self.read_only
        self.scene.setParent(self)
        self.view = TreeView(self.scene, read_only=self.read_only, reshape=True)
        self.view.setAccessibleName(_("Árbol de problemas"))
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.scene.refreshed.connect(lambda _ids: self._refresh_side())
        self.scene.selectionChanged.connect(self._refresh_inspector)
        view = self.view
        view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        view.edit_committed.connect(self.edit_text)
        view.new_committed.connect(self.add_new)
        view.add_requested.connect(self.request_add)
        view.delete_requested.connect(self.delete_selected)
        view.connect_requested.connect(self.connect_nodes)
        view.connect_mode_requested.connect(self.start_connect)
        view.picking_changed.connect(self._picking_changed)
        view.move_requested.connect(self.move_selected)
        view.menu_requested.connect(self._show_menu)
        self.show_message("")
        self._refresh_side()
        self._update_buttons()

    def _update_buttons(self) -> None:
        canvas = self.scene.canvas if self.scene else {}
        objectives = canvas.get("variant") == tree.OBJECTIVES
        self.convert_button.setVisible(bool(canvas) and not objectives)
        self.origin_button.setVisible(objectives and bool(canvas.get("origin_id"))
                                      and self.canvas_combo.findData(canvas.get("origin_id")) >= 0)
        self.trunk_button.setText(_("Objetivo central") if objectives else _("Problema central"))
        self.trunk_button.setToolTip(_("Escribir o reemplazar el objetivo central") if objectives else
                                     _("Escribir o reemplazar el problema central"))
        self.cause_button.setText(_("+ Medio") if objectives else _("+ Causa"))
        self.effect_button.setText(_("+ Fin") if objectives else _("+ Efecto"))
        self.keys_help.setText(keys_help(objectives))
        self.project_button.setEnabled(bool(canvas))
        for w in (self.trunk_button, self.cause_button, self.effect_button, self.connect_button, self.fit_button):
            w.setEnabled(bool(canvas) and (w is self.fit_button or not self.read_only))

    # -- running edits ----------------------------------------------------------------------------
    def run(self, command: Command | None) -> bool:
        """The one way this panel changes the file (refused edits show their message)."""
        if command is None or self.read_only:
            return False
        return self.ctx.undo.run(command)

    def show_message(self, text: str) -> None:
        """An inline note above the tree (a refused arrow, what a conversion did); empty hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _attempt(self, build) -> Any:
        """Build a command; a refusal from the tree becomes the inline message and nothing is run."""
        try:
            command = build()
        except tree.TreeError as exc:
            self.show_message(str(exc))
            return None
        if command is not None and self.run(command):
            self.show_message("")
            return command
        return None

    def _focus_view(self) -> None:
        if self.view is not None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_ids(self) -> list[str]:
        return self.scene.selected_node_ids() if self.scene else []

    def trunk_id(self) -> str | None:
        if self.scene is None:
            return None
        return next((i for i, lv in self.scene.levels.items() if lv == 0), None)

    # -- adding, editing, deleting ideas ------------------------------------------------------------
    def request_add(self, role: str) -> None:
        """Open the box for a new idea: a cause under (or an effect over) the selection, or the trunk first."""
        if self.view is None or self.read_only:
            return
        if role != "trunk" and self.trunk_id() is None and not self.scene.nodes:
            role = "trunk"
        selected = self.selected_ids()
        anchor = selected[0] if selected and role != "trunk" else (None if role == "trunk" else self.trunk_id())
        self.view.ask_new(role, anchor)

    def edit_trunk(self) -> None:
        """The trunk button: write the central problem, or replace the text of the one there is."""
        trunk = self.trunk_id()
        if self.view is None:
            return
        if trunk is None:
            self.view.ask_new("trunk", None)
        else:
            self.view.select(trunk)
            self.view.edit_node(trunk)

    def add_new(self, role: str, anchor_id: str | None, text: str) -> str | None:
        """Store a typed idea; a second central problem is offered as a cause of the first instead."""
        if self.canvas_id is None:
            return None
        try:
            command = tree.add_node(self.doc, self.canvas_id, text, role, anchor_id=anchor_id)
        except tree.TreeError as exc:
            if exc.reason != "second_trunk":
                self.show_message(str(exc))
                return None
            question = _("{message}\n\n¿Agregar «{text}» como causa?", message=str(exc), text=_short(text))
            if not Dialogs.confirm(self, question):
                return None
            command = tree.add_node(self.doc, self.canvas_id, text, "cause", anchor_id=self.trunk_id())
        if not self.run(command):
            return None
        self.show_message("")
        note_id = command.note_id  # type: ignore[attr-defined]
        self.view.select(note_id)
        self._focus_view()
        return note_id

    def edit_text(self, note_id: str, text: str) -> None:
        self._attempt(lambda: tree.edit_text(self.doc, note_id, text))
        self._focus_view()

    def delete_selected(self) -> None:
        """Delete the selected ideas (with their arrows) or, if only arrows are selected, those arrows."""
        if self.scene is None:
            return
        ids = self.selected_ids()
        if ids:
            self._attempt(lambda: tree.delete_nodes(self.doc, ids))
        else:
            self.delete_links(self.scene.selected_arrow_ids())

    def move_selected(self, step: int) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._attempt(lambda: tree.move_sideways(self.doc, ids[0], step))

    # -- arrows -----------------------------------------------------------------------------------------
    def start_connect(self) -> None:
        """"Conectar con…": the selected idea is the cause; the next idea chosen is what it causes."""
        ids = self.selected_ids()
        if self.view is None or self.read_only:
            return
        if len(ids) != 1:
            self.show_message(_("Seleccione primero la idea de la que sale la flecha (la causa)."))
            return
        self.view.pick_target(ids[0])
        self._focus_view()

    def _picking_changed(self, on: bool) -> None:
        if on:
            source = self.scene.nodes.get(self.view.picking or "")
            self.show_message(_("Conectar «{text}» con…: elija con las flechas y Intro, o haga clic en la idea a "
                                "la que lleva. Esc cancela.", text=_short(source.row["text"]) if source else ""))
            self._picking_note = self.message.text()
        elif self.message.text() == self._picking_note:
            self.show_message("")

    def connect_nodes(self, source_id: str, target_id: str) -> bool:
        return self._attempt(lambda: tree.connect(self.doc, source_id, target_id)) is not None

    def delete_links(self, link_ids: list[str]) -> None:
        if link_ids:
            self._attempt(lambda: tree.disconnect(self.doc, link_ids))

    def reverse_links(self, link_ids: list[str]) -> None:
        for link_id in link_ids:
            self._attempt(lambda link_id=link_id: tree.reverse(self.doc, link_id))

    def _listed_links(self) -> list[str]:
        item = self.links_list.currentItem()
        return [item.data(Qt.ItemDataRole.UserRole)] if item is not None else []

    # -- prioritisation --------------------------------------------------------------------------------
    def _mark_toggled(self, box: QCheckBox, on: bool) -> None:
        if self._loading:
            return
        self._attempt(lambda: tree.set_mark(self.doc, self.selected_ids(), box.property("mark"), on))

    def set_mark(self, mark: str, on: bool) -> None:
        self._attempt(lambda: tree.set_mark(self.doc, self.selected_ids(), mark, on))

    def set_score(self, field: str, value: int | None) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self._attempt(lambda: tree.set_score(self.doc, ids[0], field, value))

    # -- the objective tree ------------------------------------------------------------------------------
    def ask_existing(self, titles: list[str]) -> str | None:
        """When this tree was already converted: "open" the existing objective tree, make a "new" one, or None."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Papelógrafo"),
                          _("Este árbol ya tiene un árbol de objetivos: {titles}. ¿Abrirlo o crear otro?",
                            titles=", ".join(f"«{t}»" for t in titles)), QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_button = box.addButton(_("Abrir el existente"), QMessageBox.ButtonRole.AcceptRole)
        new_button = box.addButton(_("Crear otro"), QMessageBox.ButtonRole.ActionRole)
        box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancelar"))
        box.exec()
        box.deleteLater()
        clicked = box.clickedButton()
        return "open" if clicked is open_button else "new" if clicked is new_button else None

    def convert(self) -> str | None:
        """"Convertir en árbol de objetivos": a new linked tree (or the existing one, if the user prefers)."""
        if self.canvas_id is None or self.read_only:
            return None
        existing = tree.objective_trees(self.doc, self.canvas_id)
        if existing:
            choice = self.ask_existing([c["title"] for c in existing])
            if choice is None:
                return None
            if choice == "open":
                self.show_canvas(existing[-1]["id"])
                return existing[-1]["id"]
        command = self._attempt(lambda: tree.convert_to_objectives(self.doc, self.canvas_id))
        if command is None:
            return None
        self.show_canvas(command.canvas_id)
        self.show_message(ngettext("Árbol de objetivos creado: se reformuló en positivo {n} idea de {total} con reglas "
                                   "simples; las demás conservan su texto. Es un borrador: revise y ajuste cada objetivo con el "
                                   "grupo.",
                                   "Árbol de objetivos creado: se reformularon en positivo {n} ideas de {total} con "
                                   "reglas simples; las demás conservan su texto. Es un borrador: revise y ajuste cada "
                                   "objetivo con el grupo.", command.restated, total=command.total))
        return command.canvas_id

    def show_origin(self) -> None:
        if self.scene is not None and self.scene.canvas.get("origin_id"):
            self.show_canvas(self.scene.canvas["origin_id"])

    # -- menus ------------------------------------------------------------------------------------------
    def build_menu(self, item: NodeItem | ArrowItem | None) -> QMenu:
        """The context menu for a box, an arrow or the background (built apart from showing it, for tests)."""
        menu = QMenu(self)
        objectives = self.scene is not None and self.scene.objectives

        def add(text: str, slot, shortcut: str = "", enabled: bool = True) -> QAction:
            action = menu.addAction(f"{text}\t{shortcut}" if shortcut else text)
            action.triggered.connect(lambda _c=False: slot())
            action.setEnabled(enabled and not self.read_only)
            return action

        if isinstance(item, ArrowItem):
            add(_("Invertir flecha"), lambda: self.reverse_links([item.link_id]))
            add(_("Quitar flecha"), lambda: self.delete_links([item.link_id]), _("Supr"))
            return menu
        if isinstance(item, NodeItem):
            note_id = item.note_id
            add(_("Editar texto"), lambda: self.view.edit_node(note_id), _("Intro"))
            add(_("Agregar medio") if objectives else _("Agregar causa"), lambda: self.request_add("cause"), "Tab")
            add(_("Agregar fin") if objectives else _("Agregar efecto"), lambda: self.request_add("effect"),
                _("Mayús+Tab"))
            add(_("Conectar con…"), self.start_connect, "C")
            marks = tree.marks_for(item.level)
            if marks:
                menu.addSeparator()
                current = tree.note_marks(item.row)
                for mark in marks:
                    action = add(_(tree.MARK_LABELS[mark]), lambda m=mark: self.set_mark(m, m not in current))
                    action.setCheckable(True)
                    action.setChecked(mark in current)
                for field, label in (("impact", _("Impacto")), ("feasibility", _("Factibilidad"))):
                    sub = menu.addMenu(label)
                    sub.setEnabled(not self.read_only)
                    for value in (None, 1, 2, 3, 4, 5):
                        action = sub.addAction(_("Sin puntuar") if value is None else str(value))
                        action.setCheckable(True)
                        action.setChecked(item.row.get(field) == value)
                        action.triggered.connect(lambda _c=False, f=field, v=value: self.set_score(f, v))
            menu.addSeparator()
            add(_("Mover a la izquierda"), lambda: self.move_selected(-1), "Alt+←")
            add(_("Mover a la derecha"), lambda: self.move_selected(1), "Alt+→")
            menu.addSeparator()
            add(_("Eliminar"), self.delete_selected, _("Supr"))
            return menu
        trunk_word = _("Nuevo objetivo central…") if objectives else _("Nuevo problema central…")
        add(trunk_word, lambda: self.view.ask_new("trunk", None), enabled=self.view is not None)
        add(_("Ajustar a la ventana"), lambda: self.view.fit(), "Ctrl+0", enabled=self.view is not None)
        return menu

    def _show_menu(self, item: NodeItem | ArrowItem | None, where: QPoint) -> None:
        menu = self.build_menu(item)
        menu.exec(where)
        menu.deleteLater()

    # -- the side panel ---------------------------------------------------------------------------------
    def _refresh_side(self) -> None:
        self._refresh_inspector()
        self._refresh_priorities()

    def _role_text(self, level: int) -> str:
        objectives = self.scene is not None and self.scene.objectives
        if level == 0:
            return _("Objetivo central") if objectives else _("Problema central")
        if level < 0:
            word = _("Medio") if objectives else _("Causa")
        else:
            word = _("Fin") if objectives else _("Efecto")
        return _("{role} · nivel {n}", role=word, n=abs(level))

    def _refresh_inspector(self) -> None:
        ids = self.selected_ids()
        item = self.scene.nodes.get(ids[0]) if self.scene and len(ids) == 1 else None
        self._loading = True
        try:
            if item is None:
                self.heading.setText(_("Idea seleccionada") if not ids else
                                     ngettext("{n} idea seleccionada", "{n} ideas seleccionadas", len(ids)))
                self.node_text.setText(_("Seleccione una idea del árbol para priorizarla.") if not ids else "")
                self.node_where.setText("")
            else:
                self.heading.setText(_("Idea seleccionada"))
                self.node_text.setText(item.row["text"])
                self.node_where.setText(self._role_text(item.level))
            marks = tree.marks_for(item.level) if item is not None else ()
            current = tree.note_marks(item.row) if item is not None else []
            for box, mark in zip(self.mark_boxes, (*marks, None, None)):
                box.setVisible(mark is not None)
                box.setProperty("mark", mark)
                if mark is not None:
                    box.setText(_(tree.MARK_LABELS[mark]))
                    box.setChecked(mark in current)
                box.setEnabled(mark is not None and not self.read_only)
            for field, combo in self.score_combos.items():
                value = item.row.get(field) if item is not None else None
                combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
                combo.setEnabled(item is not None and item.level != 0 and not self.read_only)
            value = tree.score(item.row) if item is not None else None
            self.score_label.setText(_("Puntaje: {impact} × {feasibility} = {score}", impact=item.row["impact"],
                                       feasibility=item.row["feasibility"], score=value) if value is not None else "")
            self._refresh_links(item)
        finally:
            self._loading = False

    def _refresh_links(self, item: NodeItem | None) -> None:
        self.links_list.clear()
        if item is not None and self.scene is not None:
            for link in self.scene.link_rows():
                if item.note_id not in (link["source_id"], link["target_id"]):
                    continue
                outgoing = link["source_id"] == item.note_id
                other = self.scene.nodes.get(link["target_id"] if outgoing else link["source_id"])
                if other is None:
                    continue
                text = (_("Lleva a: «{text}»", text=_short(other.row["text"], 50)) if outgoing else
                        _("Viene de: «{text}»", text=_short(other.row["text"], 50)))
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, link["id"])
                self.links_list.addItem(entry)
            if self.links_list.count():
                self.links_list.setCurrentRow(0)
        has = self.links_list.count() > 0 and not self.read_only
        self.reverse_button.setEnabled(has)
        self.unlink_button.setEnabled(has)

    def _refresh_priorities(self) -> None:
        self.priorities.clear()
        if self.scene is None:
            return
        ranked = tree.priorities(self.scene.note_rows(), self.scene.link_rows())
        objectives = self.scene.objectives
        self.priority_help.setText(_("Medios por puntaje (impacto × factibilidad) y marcas; fines por marcas.")
                                   if objectives else
                                   _("Causas por puntaje (impacto × factibilidad) y marcas; efectos por marcas."))
        for key, title in (("causes", _("Medios") if objectives else _("Causas")),
                           ("effects", _("Fines") if objectives else _("Efectos"))):
            head = QTreeWidgetItem([_("{title} ({n})", title=title, n=len(ranked[key]))])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.priorities.addTopLevelItem(head)
            for entry in ranked[key]:
                parts = []
                if entry["score"] is not None:
                    parts.append(str(entry["score"]))
                parts.extend(_(tree.MARK_LABELS[m]) for m in entry["marks"])
                prefix = " · ".join(parts)
                text = f"{prefix} — {_short(entry['text'], 60)}" if prefix else _short(entry["text"], 60)
                child = QTreeWidgetItem([text])
                child.setData(0, Qt.ItemDataRole.UserRole, entry["id"])
                child.setToolTip(0, plain_tooltip(entry["text"]))
                head.addChild(child)
            head.setExpanded(True)

    def _priority_chosen(self, entry: QTreeWidgetItem, _column: int = 0) -> None:
        note_id = entry.data(0, Qt.ItemDataRole.UserRole)
        if note_id and self.view is not None:
            self.view.select(note_id)

    # -- following the file ---------------------------------------------------------------------------------
    def files_changed(self, tables: set[str], changes) -> None:
        if "canvas" in tables:
            self._update_buttons()

    # -- tab life ---------------------------------------------------------------------------------------------
    def activate(self) -> None:
        """The tab is shown: the tree takes the keyboard."""
        self._focus_view()

    def reveal(self, item_id: str) -> None:
        """Select the idea in the tree (a search hit)."""
        if self.view is not None:
            self.view.select(item_id)

    def teardown(self) -> None:
        if self.view is not None and self.view.editor is not None:
            self.view.editor.commit()
