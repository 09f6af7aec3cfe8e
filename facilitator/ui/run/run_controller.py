"""The run's controller: one ``RunController`` per workshop drives the runner from a clock tick.

It says what changed to the Run panel and the projector, and writes each transition to the file.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ...session.runlog import HEARTBEAT, RunLog, latest_run, plan_of
from ...session.runner import (AlertTracker, Clock, RunEvent, Runner, RunView, Status, SystemClock, TransitionError,
                               scheduled_start)
from ...store import FileProblem
from qtshared.context import WorkshopContext


class RunController(QObject):
    """The one running state of a workshop, shared by the Run panel and the projector."""

    changed = Signal(object)  # RunView, when something shown changes
    alert = Signal(str)  # warn | danger | end
    problem = Signal(str)  # the log could not be written (the clock keeps running)

    def __init__(self, ctx: WorkshopContext, clock: Clock | None = None, parent: QObject | None = None, *,
                 autotick: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock or SystemClock()
        self.autotick = autotick
        store = ctx.doc.store
        self.log = RunLog(store, ctx.workshop_id)
        self.runner = Runner(plan_of(store, ctx.workshop_id), self.clock, scheduled=self._scheduled(),
                             sink=self._write)
        record = latest_run(store, ctx.workshop_id)
        if record is not None:
            self.runner.load(record)
        self.alerts = AlertTracker()
        self._key: tuple | None = None
        self._beat = self.clock.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self.view: RunView = self.runner.view()
        self.alerts.feed(self.view)
        ctx.signals.changed.connect(self._on_document)
        self._listening = True
        self._schedule(self.view)

    def _scheduled(self):
        row = self.ctx.doc.workshop(self.ctx.workshop_id) or {}
        return scheduled_start(str(row.get("date") or ""), str(row.get("start_time") or ""), self.clock.now())

    def _write(self, event: RunEvent) -> None:
        try:
            self.log.write(event)
        except FileProblem as exc:
            self.problem.emit(exc.message())

    def act(self, action: str, *args) -> bool:
        """Apply one control (a Runner method); False if it does not apply now."""
        try:
            getattr(self.runner, action)(*args)
        except TransitionError:
            return False
        self.refresh(force=True)
        return True

    def tick(self) -> None:
        self.refresh()

    def refresh(self, force: bool = False) -> None:
        view = self.runner.view()
        self.view = view
        signal = self.alerts.feed(view)
        mono = self.clock.monotonic()
        if view.status in (Status.RUNNING, Status.PAUSED) and mono - self._beat >= HEARTBEAT:
            self.heartbeat()
        key = view.key()
        if force or key != self._key:
            self._key = key
            self.changed.emit(view)
        if signal:
            self.alert.emit(signal)
        self._schedule(view)

    def heartbeat(self) -> None:
        self._beat = self.clock.monotonic()
        event = self.runner.heartbeat()
        if event is not None:
            self._write(event)

    def _schedule(self, view: RunView) -> None:
        """Wake when the shown second changes while a block runs; otherwise when a shown minute does."""
        if not self.autotick:
            return
        if view.status is Status.RUNNING and math.isfinite(view.next_change):
            ms = min(1000, max(10, math.ceil(view.next_change * 1000) + 3))
        elif view.status is Status.INTERRUPTED:
            ms = 1000  # the recovery choices show live clocks
        elif view.status in (Status.PAUSED, Status.READY):
            to_minute = 60.0 - (view.now.second + view.now.microsecond / 1e6)
            if view.status is Status.PAUSED:
                to_minute = min(to_minute, 60.0 - view.paused_for % 60.0)
            ms = min(60000, max(50, math.ceil(to_minute * 1000) + 3))
        else:
            self._timer.stop()
            return
        self._timer.start(ms)

    @property
    def tick_interval(self) -> int | None:
        """Milliseconds until the next tick, None when not ticking."""
        return self._timer.interval() if self._timer.isActive() else None

    def _on_document(self, changes) -> None:
        tables = {c.table for c in changes}
        if "block" in tables:
            self.runner.replan(plan_of(self.ctx.doc.store, self.ctx.workshop_id))
        if "workshop" in tables and self.runner.status is Status.READY:
            self.runner.scheduled = self._scheduled()
        if tables & {"block", "workshop"}:
            self.refresh(force=True)

    def stop(self) -> None:
        """The app is closing: note when it was last seen, stop ticking (the run stays live in the file)."""
        self._timer.stop()
        self.autotick = False
        if self._listening:
            self._listening = False
            if self.runner.status in (Status.RUNNING, Status.PAUSED):
                self.heartbeat()
            self.ctx.signals.changed.disconnect(self._on_document)
