"""The Run tab: runs the workshop's agenda against the clock and drives the projector.

``RunController`` owns the pure ``Runner`` and only ticks it: a single-shot
precise timer wakes just after the shown second is due to change (once a second
while a block runs; once a minute while paused or waiting) and views repaint only
when the ``RunView`` key changes: no counting, so no drift. Every transition is written to the file as it happens
(``RunLog``); a run the app did not close is offered back with a choice of how to
account for the time the app was gone.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QStackedWidget, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ...i18n import N_, _, ngettext
from ...session.runner import Clock, RunView, Status, format_seconds
from ...session.summary import summarize
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.flow import FlowLayout
from qtshared.widgets import plain_tooltip

from .projector import ProjectorWindow
from .run_controller import RunController
from .run_summary import SummaryView
from .run_widgets import (
    BG, LEVEL_COLOURS, AgendaBar, CountdownFace, GroupsView, budget_text, countdown_text, keep_together, phase_text,
    plain_label, schedule_text, status_text)

UPCOMING_SHOWN = 5  # blocks named under «Siguen» (with more, the first four and «+N bloques más»)


class RecoveryBanner(QFrame):
    """Offered when the file holds a run the app never closed (killed, laptop died, app quit)."""

    chosen = Signal(str)  # room | app | end

    def __init__(self, controller: RunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("recovery")
        self.setStyleSheet("QFrame#recovery { background: #fff4ce; border: 2px solid #9a6700; border-radius: 6px; }"
                           " QFrame#recovery QLabel { color: #3b2300; }")
        layout = QVBoxLayout(self)
        self.text = plain_label("", self, wrap=True)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        self.labels: dict[str, str] = {}
        for rule in self.CHOICES:
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, r=rule: self.chosen.emit(r))
            row.addWidget(button)
            self.buttons[rule] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    CHOICES = {
        "room": (N_("Seguir donde está la sala ahora"),
                 N_("El bloque siguió corriendo mientras la aplicación estuvo cerrada.")),
        "app": (N_("Seguir desde donde se cerró"),
                N_("El tiempo sin aplicación cuenta como pausa; el bloque sigue donde quedó.")),
        "end": (N_("Dar el taller por terminado"), N_("El taller terminó cuando se cerró la aplicación.")),
    }

    def retranslate(self) -> None:
        for rule, (label, tip) in self.CHOICES.items():
            self.labels[rule] = _(label)
            self.buttons[rule].setText(_(label))
            self.buttons[rule].setToolTip(_(tip))

    def show_for(self, view: RunView) -> None:
        record = self.controller.runner.interrupted
        self.setVisible(record is not None)
        if record is None:
            return
        block = view.block.title if view.block else ""
        state = _("en pausa") if record.status is Status.PAUSED else _("en curso")
        seen = record.last_seen.astimezone(self.controller.clock.now().tzinfo).strftime("%H:%M")
        doc = self.controller.ctx.doc
        if doc.readonly:  # the run belongs to whoever can write the file: nothing to choose here
            for button in self.buttons.values():
                button.hide()
            if doc.held_by is not None:
                self.text.setText(_("Este taller está {state} en «{block}» en la otra ventana donde está abierto "
                                    "({detail}). Aquí solo se consulta: el reloj se maneja desde allí.",
                                    state=state, block=block, detail=doc.held_by.describe()))
            else:
                self.text.setText(_("Este taller quedó {state} en «{block}» (última señal a las {time}). El archivo "
                                    "es de solo lectura: aquí no se puede seguir ni terminar.",
                                    state=state, block=block, time=seen))
            return
        self.text.setText(_("Este taller quedó {state} en «{block}»: la aplicación se cerró sin terminarlo "
                            "(última señal a las {time}). ¿Cómo seguimos?", state=state, block=block, time=seen))
        runner = self.controller.runner
        for rule in ("room", "app"):  # what the block's clock would show with each choice
            after = runner.preview(rule)
            self.buttons[rule].setText(f"{self.labels[rule]} · {countdown_text(after)}")
        self.buttons["end"].setText(f"{self.labels['end']} · {seen}")


class RunPanel(QWidget):
    """The facilitator's view of the run: controls, the current block, the agenda, the summary."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None, *, clock: Clock | None = None,
                 autotick: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.controller = RunController(ctx, clock, self, autotick=autotick)
        self.projector: ProjectorWindow | None = None
        self._structure: tuple = ()
        self._build_actions()
        self._build()
        self.controller.changed.connect(self.show_view)
        self.controller.alert.connect(self._on_alert)
        self.controller.problem.connect(self._on_problem)
        self.show_view(self.controller.view)
        if self.controller.runner.interrupted is not None:
            QTimer.singleShot(0, self._come_forward)

    def _come_forward(self) -> None:
        """A run left open is the first thing to see when its workshop is shown."""
        chain: list[QWidget] = [self]
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, QTabWidget):
                for node in chain:
                    if widget.indexOf(node) >= 0:
                        widget.setCurrentWidget(node)
                        return
            chain.append(widget)
            widget = widget.parentWidget()

    # -- controls -------------------------------------------------------------
    # key: (text, shortcuts, tooltip); texts are msgids, translated when applied (again on a language change)
    ACTIONS: dict[str, tuple[str, tuple, str]] = {
        "toggle": (N_("Iniciar"), (Qt.Key.Key_Space,), N_("Iniciar, pausar o reanudar")),
        "minus5": (N_("−5 min"), ("Ctrl+-",), N_("Acortar el bloque 5 minutos")),
        "minus1": (N_("−1 min"), ("-",), N_("Acortar el bloque 1 minuto")),
        "plus1": (N_("+1 min"), ("+", "="), N_("Alargar el bloque 1 minuto")),
        "plus5": (N_("+5 min"), ("Ctrl++", "Ctrl+="), N_("Alargar el bloque 5 minutos")),
        "previous": (N_("◀ Anterior"), (Qt.Key.Key_Left, Qt.Key.Key_PageUp), N_("Volver al bloque anterior")),
        "next": (N_("Siguiente ▶"), (Qt.Key.Key_Right, Qt.Key.Key_PageDown), N_("Pasar al bloque siguiente")),
        "jump": (N_("Ir al bloque"), ("G",), N_("Ir al bloque elegido en la agenda")),
        "phase": (N_("Cambiar fase"), ("F",), N_("Pasar a la fase siguiente del bloque (individual, en grupo)")),
        "end": (N_("Terminar"), ("Ctrl+End",), N_("Terminar el taller")),
        "projector": (N_("Proyector"), (Qt.Key.Key_F5,), N_("Mostrar u ocultar la ventana del proyector")),
        "canvas": (N_("Lienzo en grande"), ("L",),
                   N_("Mostrar el lienzo del bloque en toda la pantalla del proyector, con el reloj en la esquina")),
        "sound": (N_("Sonido"), ("M",), N_("Sonido al terminar un bloque")),
    }

    def _action(self, key: str, shortcuts: tuple, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_key[key] = action
        return action

    def _translate_actions(self) -> None:
        """Texts and tooltips of the controls in the current language (the actions themselves stay)."""
        for key, action in self.actions_by_key.items():
            if key in self.ACTIONS:
                text, shortcuts, tip = _(self.ACTIONS[key][0]), self.ACTIONS[key][1], _(self.ACTIONS[key][2])
            else:
                n = int(key.removeprefix("block"))
                text, shortcuts, tip = _("Bloque {n}", n=n), (str(n),), ""
            keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
            action.setText(text)
            action.setToolTip(f"{tip or text} ({keys})" if keys else (tip or text))

    def _build_actions(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        act = self.controller.act
        slots: dict[str, Callable[[], object]] = {
            "toggle": self.toggle, "minus5": lambda: act("extend", -5), "minus1": lambda: act("extend", -1),
            "plus1": lambda: act("extend", 1), "plus5": lambda: act("extend", 5), "previous": lambda: act("previous"),
            "next": lambda: act("next"), "jump": self.jump_to_selected, "phase": self.next_phase,
            "end": self.end_workshop, "projector": self.toggle_projector, "canvas": self._canvas_large_changed,
            "sound": self._sound_changed}
        for key, (_text, shortcuts, _tip) in self.ACTIONS.items():
            self._action(key, shortcuts, slots[key])
        self.actions_by_key["canvas"].setCheckable(True)
        sound = self.actions_by_key["sound"]
        sound.setCheckable(True)
        sound.setChecked(bool(self.ctx.settings.get("sound")))
        for n in range(1, 10):
            self._action(f"block{n}", (str(n),), lambda n=n: self.go_to_position(n - 1))
        self._translate_actions()

    def retranslate(self) -> None:
        """The language changed: new words, same run (the controller, its clock and the projector go on)."""
        self._translate_actions()
        self.banner.retranslate()
        self.summary.retranslate()
        self.groups_title.setText(_("Grupos"))
        self.groups.refresh(force=True)
        self._structure = ()
        self.show_view(self.controller.view)
        if self.projector is not None:
            self.projector.retranslate()

    def room_actions(self) -> list[QAction]:
        """The controls that also work from the projector window's keyboard."""
        keys = ("toggle", "minus5", "minus1", "plus1", "plus5", "previous", "next", "phase", "end", "projector",
                "canvas", "sound", *(f"block{n}" for n in range(1, 10)))
        return [self.actions_by_key[k] for k in keys]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = RecoveryBanner(self.controller, self)
        self.banner.chosen.connect(self._recover)
        layout.addWidget(self.banner)
        self.problem = plain_label("", self, wrap=True)
        self.problem.setStyleSheet("background: #ffebe9; color: #82071e; padding: 6px; border-radius: 4px;")
        self.problem.hide()
        layout.addWidget(self.problem)
        bar = FlowLayout(spacing=6)  # wraps onto a second line on a narrow screen: every control reachable
        self.buttons: dict[str, QToolButton] = {}
        for key in ("toggle", "minus5", "minus1", "plus1", "plus5", "previous", "next", "jump", "phase",
                    "end", "projector", "canvas", "sound"):
            button = QToolButton(self)
            button.setDefaultAction(self.actions_by_key[key])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            bar.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.agenda = QListWidget(split)
        font = QFont(self.font())
        font.setPixelSize(14)
        self.agenda.setFont(font)
        self.agenda.setStyleSheet("QListWidget::item { padding: 5px 2px; }")
        self.agenda.setWordWrap(True)
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda.itemActivated.connect(lambda _item: self.jump_to_selected())
        self.pages = QStackedWidget(split)
        self.pages.addWidget(self._build_live())
        self.summary = SummaryView(self.pages)
        self.pages.addWidget(self.summary)
        split.addWidget(self.agenda)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])
        layout.addWidget(split, 1)

    def _build_live(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.status = plain_label("", page)
        self.title = plain_label("", page, wrap=True)
        self.countdown = CountdownFace(page, background=BG, radius=10)
        self.countdown.setMinimumHeight(110)
        self.countdown.setMaximumHeight(190)
        self.budget = plain_label("", page)
        self.bar = AgendaBar(page, dark=False)
        self.bar.setFixedHeight(12)
        self.schedule = plain_label("", page, wrap=True)
        self.mode = plain_label("", page, wrap=True)
        self.upcoming = plain_label("", page, wrap=True)
        self.instruction = plain_label("", page, wrap=True)
        self.instruction.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.groups_title = plain_label(_("Grupos"), page)
        self.groups = GroupsView(self.ctx, page, dark=False)
        for label, size, bold in ((self.status, 15, True), (self.title, 26, True), (self.budget, 14, False),
                                  (self.schedule, 16, True), (self.mode, 15, True), (self.upcoming, 14, False),
                                  (self.instruction, 14, False), (self.groups_title, 14, True)):
            font = QFont(self.font())
            font.setPixelSize(size)
            font.setBold(bold)
            label.setFont(font)
        for widget in (self.status, self.title, self.countdown, self.budget, self.bar, self.schedule, self.mode,
                       self.upcoming, self.instruction, self.groups_title, self.groups):
            box.addWidget(widget)
        box.addStretch(1)
        return page

    # -- user commands --------------------------------------------------------
    def toggle(self) -> None:
        runner = self.controller.runner
        if runner.status is Status.FINISHED:
            if not Dialogs.confirm(self, _("¿Empezar una nueva ejecución del taller? El registro de la anterior "
                                           "se conserva en el archivo.")):
                return
            self.controller.act("start")
        else:
            self.controller.act("toggle")

    def _recover(self, rule: str) -> None:
        self.controller.act("recover", rule)
        self.agenda.setFocus(Qt.FocusReason.OtherFocusReason)  # the banner goes; the keys go to the run

    def selected_block(self) -> str | None:
        item = self.agenda.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def jump_to_selected(self) -> None:
        block = self.selected_block()
        if block is None:
            return
        if self.controller.runner.status is Status.READY:
            self.controller.act("start", block)
        elif self.controller.runner.status is Status.FINISHED:
            return
        else:
            self.controller.act("jump", block)

    def go_to_position(self, index: int) -> None:
        if 0 <= index < self.agenda.count():
            self.agenda.setCurrentRow(index)
            if self.controller.runner.can("jump"):
                self.jump_to_selected()

    def next_phase(self) -> None:
        view = self.controller.view
        if view.block is not None and len(view.block.modes) > 1:
            self.controller.act("set_phase", (view.phase + 1) % len(view.block.modes))

    def end_workshop(self) -> None:
        if not self.controller.runner.can("end"):
            return
        if Dialogs.confirm(self, _("¿Terminar el taller ahora? Se detiene el reloj y se muestra el resumen.")):
            self.controller.act("end")

    def toggle_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.close()
            return
        if self.projector is None:
            self.projector = ProjectorWindow(self.controller, self.ctx, self.room_actions())
            self.projector.set_canvas_large(self.actions_by_key["canvas"].isChecked())
        self.projector.place(self.screen())

    def _canvas_large_changed(self) -> None:
        if self.projector is not None:
            self.projector.set_canvas_large(self.actions_by_key["canvas"].isChecked())

    def _sound_changed(self) -> None:
        self.ctx.settings.set("sound", self.actions_by_key["sound"].isChecked())

    def _on_alert(self, kind: str) -> None:
        if kind == "end" and self.actions_by_key["sound"].isChecked():
            QApplication.beep()

    def _on_problem(self, message: str) -> None:
        self.problem.setText(_("No se pudo guardar el registro de tiempos: {detail} El reloj sigue funcionando.",
                               detail=message))
        self.problem.show()

    # -- following the runner ---------------------------------------------------
    def show_view(self, view: RunView) -> None:
        runner = self.controller.runner
        self._show_structure(view)
        toggle = self.actions_by_key["toggle"]
        toggle.setText({Status.RUNNING: _("Pausar"), Status.PAUSED: _("Reanudar"),
                        Status.FINISHED: _("Nueva ejecución")}.get(view.status, _("Iniciar")))
        for key, can in (("toggle", runner.can("toggle")), ("minus5", runner.can("shorten")),
                         ("minus1", runner.can("shorten")), ("plus1", runner.can("extend")),
                         ("plus5", runner.can("extend")), ("previous", runner.can("previous")),
                         ("next", runner.can("next")), ("phase", runner.can("phase")), ("end", runner.can("end")),
                         ("jump", runner.can("jump") or runner.status is Status.READY and runner.can("start"))):
            self.actions_by_key[key].setEnabled(can and not self.ctx.doc.readonly)
        colour = LEVEL_COLOURS.get(view.level, "#ffffff")
        if view.status in (Status.PAUSED, Status.INTERRUPTED):
            colour = "#c9d1d9"
        self.countdown.set_face(countdown_text(view), colour)
        self.bar.set_view(view)
        self.status.setText(status_text(view))
        self.budget.setText(budget_text(view))
        self.schedule.setText(schedule_text(view))
        self.banner.show_for(view)

    def _show_structure(self, view: RunView) -> None:
        key = (view.status, view.index, view.plan, view.phase, view.extension)
        if key == self._structure:
            return
        self._structure = key
        self._fill_agenda(view)
        finished = view.status is Status.FINISHED
        self.pages.setCurrentIndex(1 if finished else 0)
        if finished:
            record = self.controller.runner.record()
            if record is not None:
                self.summary.show_summary(summarize(record, self.controller.runner.plan))
            return
        block = view.block or (view.plan[0] if view.plan else None)
        rows = {b["id"]: b for b in self.ctx.doc.blocks(self.ctx.workshop_id)}
        self.title.setText(block.title if block else _("Sin bloques en la agenda"))
        self.instruction.setText(str(rows.get(block.id, {}).get("instruction") or "") if block else "")
        now, then = phase_text(view)
        self.mode.setText(_("Modo: {mode}", mode=now) + (f" · {then}" if then else "") if now else "")
        upcoming = view.upcoming if view.status is not Status.READY else view.plan[1:]
        # The next few (the agenda beside lists them all); a long workshop's rest is counted, and named in the tooltip.
        named = [f"{b.title} ({int(round(b.minutes))} min)" for b in upcoming]
        shown = named if len(named) <= UPCOMING_SHOWN else named[:UPCOMING_SHOWN - 1]
        more = len(named) - len(shown)
        text = "; ".join(shown) + ("; " + ngettext("+{n} bloque más", "+{n} bloques más", more) if more else "")
        self.upcoming.setText(keep_together(_("Siguen: {blocks}", blocks=text)) if upcoming else _("Es el último bloque."))
        self.upcoming.setToolTip(plain_tooltip("\n".join(named)) if more else "")
        grouped = block is not None and "group" in block.modes
        self.groups_title.setVisible(grouped)
        self.groups.setVisible(grouped)
        if grouped:
            self.groups.refresh()

    def _fill_agenda(self, view: RunView) -> None:
        runner = self.controller.runner
        self.agenda.clear()
        for i, block in enumerate(view.plan):
            clock = runner.blocks.get(block.id)
            mark = "▶ " if i == view.index and view.status is not Status.FINISHED else (
                "✓ " if clock is not None and clock.visited else "")
            text = keep_together(f"{mark}{i + 1}. {block.title} · {int(round(block.minutes))} min")
            if clock is not None and clock.visited and i != view.index:  # its own line: never elided
                text += "\n    " + _("real {time}", time=format_seconds(int(runner.elapsed(block.id))))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, block.id)
            if i == view.index:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.agenda.addItem(item)
        if view.plan:  # a new state selects the current block again
            self.agenda.setCurrentRow(view.index if view.index is not None else 0)

    # -- tab life ---------------------------------------------------------------
    def activate(self) -> None:
        """Tab shown: fresh figures, and the keyboard goes to the run (space, arrows, +/-)."""
        self.controller.refresh(force=True)
        self.agenda.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        self.controller.stop()
        if self.projector is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.projector = None
