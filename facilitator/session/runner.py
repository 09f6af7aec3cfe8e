"""The workshop runner: a pure state machine over an injected clock.

Why this shape: the countdown must not drift and must survive a crash. The runner
never counts ticks; it remembers *when* things happened on the monotonic clock and
computes every figure from a fresh clock reading when asked, so a late or missed
tick changes nothing. Wall-clock time is used only for what people read (projected
end, start of the last block) and for the log, never to measure a duration while
the app runs.

Every transition returns a ``RunEvent`` that carries the *absolute* state after it
(current block, its elapsed seconds and extension, pause total, run total), so a
log is replayed by copying values (``replay``), not by re-measuring intervals.
"""

from __future__ import annotations

import copy
import math
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as day_time
from typing import Any, Callable, Protocol, Sequence

from .events import MODES, BlockClock, PlanBlock, RunEvent, RunRecord, Status, replay

__all__ = ["AlertTracker", "BlockClock", "Clock", "ManualClock", "MODES", "PlanBlock", "RunEvent", "RunRecord",
           "RunView", "Runner", "Status", "SystemClock", "TransitionError", "format_seconds", "replay",
           "scheduled_start"]

WARN_FRACTION = 0.20  # amber when a fifth of the block is left
DANGER_FRACTION = 0.05  # red when a twentieth is left
MIN_BUDGET = 60.0  # shortening stops at one minute
RULES = ("room", "app", "end")  # ways to resume a run the app did not close


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (durations)."""

    def now(self) -> datetime:
        """Timezone-aware wall-clock time (display and log)."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class ManualClock:
    """A clock that moves only when told (tests, benchmarks, demos)."""

    def __init__(self, wall: datetime, mono: float = 1000.0) -> None:
        self.wall = wall
        self.mono = mono

    def monotonic(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


class TransitionError(Exception):
    """A control that does not apply in the current state (the UI disables it)."""


def scheduled_start(date_text: str, time_text: str, now: datetime) -> datetime | None:
    """The announced start, when the workshop is dated today and has a start time."""
    try:
        day = date.fromisoformat(date_text.strip())
        at = day_time.fromisoformat(time_text.strip())
    except ValueError:
        return None
    if day != now.date():
        return None
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=now.tzinfo)


@dataclass(frozen=True)
class RunView:
    """Everything a view shows at one instant, computed from one clock reading."""

    status: Status
    run_id: str
    plan: tuple[PlanBlock, ...]
    index: int | None
    elapsed: float
    budget: float
    extension: float
    phase: int
    now: datetime
    projected_end: datetime | None
    planned_end: datetime | None
    last_block_start: datetime | None  # None once the last block has started
    paused_for: float
    next_change: float  # seconds until the shown countdown changes (inf if frozen)
    fractions: tuple[float, ...]  # part of each block's budget already spent

    @property
    def block(self) -> PlanBlock | None:
        return self.plan[self.index] if self.index is not None else None

    @property
    def upcoming(self) -> tuple[PlanBlock, ...]:
        return self.plan[self.index + 1:] if self.index is not None else self.plan

    @property
    def last_block(self) -> PlanBlock | None:
        return self.plan[-1] if self.plan else None

    @property
    def remaining(self) -> float:
        return self.budget - self.elapsed

    @property
    def shown(self) -> int:
        """Signed whole seconds on the countdown: 600 → «10:00», -65 → «+01:05»."""
        return math.ceil(self.remaining - 1e-6)

    @property
    def level(self) -> str:
        if self.index is None or self.status in (Status.READY, Status.FINISHED):
            return "idle"
        if self.shown <= 0:
            return "over"
        if self.shown <= DANGER_FRACTION * self.budget:
            return "danger"
        if self.shown <= WARN_FRACTION * self.budget:
            return "warn"
        return "normal"

    @property
    def delay(self) -> float:
        """Seconds behind (+) or ahead (-) of the plan, as the room stands now."""
        if self.projected_end is None or self.planned_end is None:
            return 0.0
        return (self.projected_end - self.planned_end).total_seconds()

    @property
    def delay_minutes(self) -> int:
        return int(round(self.delay / 60.0))

    def key(self) -> tuple:
        """What a redraw depends on: equal keys need no repaint."""
        def minute(t: datetime | None) -> str:
            return t.strftime("%H:%M") if t else ""
        return (self.status, self.run_id, self.index, self.plan, self.shown, self.level, self.extension, self.phase,
                self.delay_minutes, minute(self.projected_end), minute(self.last_block_start),
                int(self.paused_for // 60), minute(self.now),
                int(self.now.timestamp()) if self.status is Status.INTERRUPTED else 0)


def format_seconds(seconds: int) -> str:
    """«mm:ss» (or «h:mm:ss»), with «+» for overtime."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(int(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m:02d}:{s:02d}"


class Runner:
    """The running agenda of one workshop. Controls raise TransitionError when they do not apply."""

    def __init__(self, plan: Sequence[PlanBlock], clock: Clock, *, scheduled: datetime | None = None,
                 sink: Callable[[RunEvent], None] | None = None) -> None:
        self.clock = clock
        self.plan: tuple[PlanBlock, ...] = tuple(plan)
        self.sink = sink
        self.scheduled = scheduled
        self.status = Status.READY
        self.run_id = ""
        self.seq = 0
        self.current: str | None = None
        self.blocks: dict[str, BlockClock] = {}
        self.baseline: tuple[PlanBlock, ...] = ()
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.interrupted: RunRecord | None = None
        self._origin = 0.0  # monotonic reading at which the run's total was zero
        self._seg_start: float | None = None  # running: when the current stretch began
        self._pause_start: float | None = None  # paused: when the pause began
        self._paused_closed = 0.0
        self._frozen_total = 0.0

    # -- reading ------------------------------------------------------------
    @property
    def index(self) -> int | None:
        for i, block in enumerate(self.plan):
            if block.id == self.current:
                return i
        return None

    def block_clock(self, block_id: str) -> BlockClock:
        return self.blocks.setdefault(block_id, BlockClock())

    def elapsed(self, block_id: str | None, mono: float | None = None) -> float:
        if block_id is None:
            return 0.0
        base = self.blocks[block_id].elapsed if block_id in self.blocks else 0.0
        rec = self.interrupted
        if (self.status is Status.INTERRUPTED and rec is not None and rec.alive is not None
                and block_id == self.current):
            # Until the facilitator chooses, the clock shows where the app last saw the block:
            # the figure the "continue from where it closed" choice resumes from.
            base = rec.alive.elapsed
        if block_id == self.current and self.status is Status.RUNNING and self._seg_start is not None:
            base += (self.clock.monotonic() if mono is None else mono) - self._seg_start
        return base

    def paused_total(self, mono: float | None = None) -> float:
        extra = 0.0
        if self.status is Status.PAUSED and self._pause_start is not None:
            extra = (self.clock.monotonic() if mono is None else mono) - self._pause_start
        return self._paused_closed + extra

    def run_elapsed(self, mono: float | None = None) -> float:
        if self.status in (Status.RUNNING, Status.PAUSED):
            return (self.clock.monotonic() if mono is None else mono) - self._origin
        return self._frozen_total

    def budget(self, block: PlanBlock) -> float:
        return block.seconds + (self.blocks[block.id].extension if block.id in self.blocks else 0.0)

    def can(self, action: str) -> bool:
        live = self.status in (Status.RUNNING, Status.PAUSED)
        i = self.index
        if action == "start":
            return self.status in (Status.READY, Status.FINISHED) and bool(self.plan)
        if action == "pause":
            return self.status is Status.RUNNING
        if action == "resume":
            return self.status is Status.PAUSED
        if action == "toggle":
            return self.can("start") or live
        if action == "extend":
            return live and i is not None
        if action == "shorten":
            return live and i is not None and self.budget(self.plan[i]) > MIN_BUDGET
        if action == "next":
            return live and i is not None and i + 1 < len(self.plan)
        if action == "previous":
            return live and i is not None and i > 0
        if action == "jump":
            return live and len(self.plan) > 1
        if action == "phase":
            return live and i is not None and len(self.plan[i].modes) > 1
        if action in ("end",):
            return live
        if action == "recover":
            return self.status is Status.INTERRUPTED
        raise KeyError(action)

    def _require(self, action: str) -> None:
        if not self.can(action):
            raise TransitionError(f"{action} not possible while {self.status.value}")

    def view(self) -> RunView:
        mono, now = self.clock.monotonic(), self.clock.now()
        i = self.index
        block = self.plan[i] if i is not None else None
        elapsed = self.elapsed(self.current, mono)
        budget = self.budget(block) if block else 0.0
        fractions = tuple(
            min(1.0, self.elapsed(b.id, mono) / self.budget(b)) if self.budget(b) > 0 else 0.0 for b in self.plan)
        projected, last_start, planned = self._projection(i, mono, now)
        remaining = budget - elapsed
        next_change = math.inf
        if self.status is Status.RUNNING and block is not None:
            shown = math.ceil(remaining - 1e-6)
            next_change = max(0.0, (remaining - 1e-6) - (shown - 1))
        paused_for = mono - self._pause_start if self.status is Status.PAUSED and self._pause_start is not None else 0.0
        ext = self.blocks[block.id].extension if block and block.id in self.blocks else 0.0
        phase = self.blocks[block.id].phase if block and block.id in self.blocks else 0
        return RunView(self.status, self.run_id, self.plan, i, elapsed, budget, ext, phase, now, projected, planned,
                       last_start, paused_for, next_change, fractions)

    def _projection(self, i: int | None, mono: float, now: datetime):
        """Projected end (now + what is left of this block + the blocks after it) and the plan's end."""
        if self.status is Status.FINISHED:
            planned = self._planned_end()
            return self.ended_at, None, planned
        if self.status is Status.READY or i is None:
            total = sum(self.budget(b) for b in self.plan)
            if not self.plan:
                return None, None, None
            start = self.scheduled
            planned = start + timedelta(seconds=sum(b.seconds for b in self.plan)) if start else None
            last = now + timedelta(seconds=total - self.budget(self.plan[-1])) if len(self.plan) > 1 else None
            return now + timedelta(seconds=total), last, planned
        left = [max(0.0, self.budget(b) - self.elapsed(b.id, mono)) for b in self.plan[i:]]
        end = now + timedelta(seconds=sum(left))
        last_start = now + timedelta(seconds=sum(left[:-1])) if len(left) > 1 else None
        return end, last_start, self._planned_end()

    def _planned_end(self) -> datetime | None:
        start = self.scheduled or self.started_at
        if start is None:
            return None
        return start + timedelta(seconds=sum(b.seconds for b in self.baseline))

    # -- events -------------------------------------------------------------
    def _emit(self, kind: str, mono: float, **extra: Any) -> RunEvent:
        if kind != "alive":
            self.seq += 1
        clock = self.blocks.get(self.current) if self.current else None
        payload: dict[str, Any] = {
            "run": self.run_id, "seq": self.seq, "block": self.current, "index": self.index,
            "status": self.status.value, "ext": clock.extension if clock else 0.0, "phase": clock.phase if clock else 0,
            "paused": round(self.paused_total(mono), 3), "total": round(self.run_elapsed(mono), 3), **extra}
        event = RunEvent(kind, self.current, self.clock.now(), round(self.elapsed(self.current, mono), 3), payload)
        if self.sink is not None:
            self.sink(event)
        return event

    def heartbeat(self) -> RunEvent | None:
        """A snapshot of a live run for the log (not a transition: no new sequence number)."""
        if self.status not in (Status.RUNNING, Status.PAUSED):
            return None
        return self._emit("alive", self.clock.monotonic())

    # -- transitions --------------------------------------------------------
    def start(self, block_id: str | None = None) -> RunEvent:
        """Begin a new run (at the first block, or at ``block_id``)."""
        self._require("start")
        mono = self.clock.monotonic()
        self.run_id = uuid.uuid4().hex
        self.seq = 0
        self.blocks = {}
        self.baseline = self.plan
        self.started_at = self.clock.now()
        self.ended_at = None
        self.current = block_id if any(b.id == block_id for b in self.plan) else self.plan[0].id
        self.block_clock(self.current).visited = True
        self.status = Status.RUNNING
        self._origin = mono
        self._seg_start = mono
        self._pause_start = None
        self._paused_closed = 0.0
        scheduled = self.scheduled.isoformat() if self.scheduled else None
        return self._emit("start", mono, plan=[b.to_json() for b in self.plan], scheduled=scheduled)

    def pause(self) -> RunEvent:
        self._require("pause")
        mono = self.clock.monotonic()
        self._close_segment(mono)
        self.status = Status.PAUSED
        self._pause_start = mono
        return self._emit("pause", mono)

    def resume(self) -> RunEvent:
        self._require("resume")
        mono = self.clock.monotonic()
        self._paused_closed += mono - (self._pause_start if self._pause_start is not None else mono)
        self._pause_start = None
        self.status = Status.RUNNING
        self._seg_start = mono
        return self._emit("resume", mono)

    def toggle(self) -> RunEvent:
        """The space bar: start, pause or resume."""
        if self.status is Status.RUNNING:
            return self.pause()
        if self.status is Status.PAUSED:
            return self.resume()
        return self.start()

    def extend(self, minutes: float) -> RunEvent:
        """Add (or, negative, remove) minutes to the current block; never below one minute."""
        self._require("extend" if minutes >= 0 else "shorten")
        block = self.plan[self.index]  # type: ignore[index]
        clock = self.block_clock(block.id)
        new = max(clock.extension + minutes * 60.0, MIN_BUDGET - block.seconds)
        delta = new - clock.extension
        if minutes == 0 or delta == 0:
            raise TransitionError("no change")
        clock.extension = new
        return self._emit("extend", self.clock.monotonic(), delta=delta)

    def next(self) -> RunEvent:
        self._require("next")
        return self._goto(self.plan[self.index + 1].id, "next")  # type: ignore[operator]

    def previous(self) -> RunEvent:
        self._require("previous")
        return self._goto(self.plan[self.index - 1].id, "previous")  # type: ignore[operator]

    def jump(self, block_id: str) -> RunEvent:
        self._require("jump")
        if block_id == self.current or not any(b.id == block_id for b in self.plan):
            raise TransitionError("not another block of the agenda")
        return self._goto(block_id, "jump")

    def set_phase(self, phase: int) -> RunEvent:
        """Which of the block's input modes the room is in now (e.g. individual, then group)."""
        self._require("phase")
        block = self.plan[self.index]  # type: ignore[index]
        if not 0 <= phase < len(block.modes) or phase == self.block_clock(block.id).phase:
            raise TransitionError("no such phase")
        self.block_clock(block.id).phase = phase
        return self._emit("phase", self.clock.monotonic())

    def end(self) -> RunEvent:
        self._require("end")
        mono = self.clock.monotonic()
        self._close_segment(mono)
        if self.status is Status.PAUSED and self._pause_start is not None:
            self._paused_closed += mono - self._pause_start
            self._pause_start = None
        self._frozen_total = mono - self._origin
        self.status = Status.FINISHED
        self.ended_at = self.clock.now()
        return self._emit("end", mono, ended_at=self.ended_at.isoformat())

    def replan(self, plan: Sequence[PlanBlock]) -> RunEvent | None:
        """Follow agenda edits made during the run; if the running block was removed, move on."""
        old_index = self.index
        self.plan = tuple(plan)
        if self.status not in (Status.RUNNING, Status.PAUSED) or self.index is not None:
            return None
        if not self.plan:
            return self.end()
        target = self.plan[min(old_index or 0, len(self.plan) - 1)].id
        return self._goto(target, "removed")

    def _close_segment(self, mono: float) -> None:
        if self.status is Status.RUNNING and self._seg_start is not None and self.current is not None:
            self.block_clock(self.current).elapsed += mono - self._seg_start
            self._seg_start = mono

    def _goto(self, block_id: str, reason: str) -> RunEvent:
        mono = self.clock.monotonic()
        self._close_segment(mono)
        left = self.current
        left_clock = self.block_clock(left) if left else BlockClock()
        self.current = block_id
        self.block_clock(block_id).visited = True
        if self.status is Status.RUNNING:
            self._seg_start = mono
        return self._emit("goto", mono, reason=reason, **{
            "from": left, "from_elapsed": round(left_clock.elapsed, 3), "from_ext": left_clock.extension})

    def leave(self, keep_running: bool = False) -> RunEvent:
        """The facilitator quits the app on purpose during a live run.

        ``keep_running=False`` pauses the block first (the room waits); ``True`` lets it run on
        while the app is closed. Either way the log says it was a chosen quit, so the next
        start resumes without asking how to account for a crash.
        """
        if self.status not in (Status.RUNNING, Status.PAUSED):
            raise TransitionError(f"leave not possible while {self.status.value}")
        if not keep_running and self.status is Status.RUNNING:
            self.pause()
        left = "running" if self.status is Status.RUNNING else "paused"
        return self._emit("leave", self.clock.monotonic(), left=left)

    # -- crash recovery -----------------------------------------------------
    def load(self, record: RunRecord) -> None:
        """Take over a replayed run: finished runs are shown, unfinished ones wait for recover().

        A run the facilitator left on purpose (``leave``) resumes at once: a paused one is
        still paused, the time away counted as pause; one left running ran on meanwhile.
        """
        self.run_id, self.seq, self.baseline = record.run_id, record.seq, record.baseline
        self.started_at, self.ended_at = record.started_at, record.ended_at
        self.current = record.current
        self.blocks = {k: BlockClock(v.elapsed, v.extension, v.visited, v.phase) for k, v in record.blocks.items()}
        self._paused_closed = record.paused_total
        self._frozen_total = record.run_elapsed
        self._seg_start = self._pause_start = None
        if record.scheduled_start is not None:
            self.scheduled = record.scheduled_start
        if record.finished:
            self.status, self.interrupted = Status.FINISHED, None
        elif record.left is not None and record.status in (Status.RUNNING, Status.PAUSED):
            mono = self.clock.monotonic()
            gap = max(0.0, (self.clock.now() - record.last_at).total_seconds())
            self.status, self.interrupted = record.status, None
            self._origin = mono - (record.run_elapsed + gap)
            if record.status is Status.RUNNING:
                if self.current is not None:
                    self.block_clock(self.current).elapsed += gap
                self._seg_start = mono
            else:
                self._pause_start = mono - gap
        else:
            self.status, self.interrupted = Status.INTERRUPTED, record

    def recover(self, rule: str) -> RunEvent:
        """Resume a run the app did not close, accounting for the time it was gone.

        ``room``: the room carried on — a running block kept running from the last
        logged transition until now (a paused one stayed paused).
        ``app``: the room waited — the block stands where the app last saw it (its
        heartbeat) and the time without the app counts as a pause.
        ``end``: the workshop ended when the app was last seen.
        """
        self._require("recover")
        if rule not in RULES:
            raise KeyError(rule)
        rec = self.interrupted
        assert rec is not None
        mono, now = self.clock.monotonic(), self.clock.now()
        gap = max(0.0, (now - rec.last_at).total_seconds())
        prior = rec.status
        cur = self.block_clock(self.current) if self.current else BlockClock()
        total = rec.run_elapsed
        if rule == "room":
            if prior is Status.RUNNING:
                cur.elapsed += gap
            else:
                self._paused_closed += gap
            total += gap
        else:
            if rec.alive is not None:
                cur.elapsed = rec.alive.elapsed
                self._paused_closed = float(rec.alive.payload.get("paused", self._paused_closed))
                total = float(rec.alive.payload.get("total", total))
            dead = max(0.0, (now - rec.last_seen).total_seconds())
            if rule == "app":
                self._paused_closed += dead
                total += dead
        self.interrupted = None
        if rule == "end":
            self.status, self._frozen_total, self.ended_at = Status.FINISHED, total, rec.last_seen
            return self._emit("end", mono, rule=rule, gap=round(gap, 3), ended_at=rec.last_seen.isoformat())
        self.status = prior
        self._origin = mono - total
        if prior is Status.RUNNING:
            self._seg_start = mono
        else:
            self._pause_start = mono
        return self._emit("recover", mono, rule=rule, gap=round(gap, 3))

    def preview(self, rule: str) -> RunView:
        """What ``recover(rule)`` would show now, without doing it (nothing is logged)."""
        sink, self.sink = self.sink, None
        try:
            twin = copy.deepcopy(self, {id(self.clock): self.clock})
        finally:
            self.sink = sink
        twin.recover(rule)
        return twin.view()

    def record(self) -> RunRecord | None:
        """The run as it stands now (for the summary), or None before a start."""
        if not self.run_id or self.started_at is None:
            return None
        mono = self.clock.monotonic()
        blocks = {k: BlockClock(self.elapsed(k, mono), v.extension, v.visited, v.phase) for k, v in self.blocks.items()}
        status = self.interrupted.status if self.interrupted else self.status
        return RunRecord(self.run_id, self.baseline, self.started_at, self.clock.now(), status, self.current, blocks,
                         self.paused_total(mono), self.run_elapsed(mono), self.ended_at, self.seq, self.scheduled)


class AlertTracker:
    """Turns successive views into one-off signals: ``warn``, ``danger``, ``end``.

    Fires only on a rise while the block runs, so entering a block that is
    already over time, or going back to one, is silent.
    """

    ORDER = {"idle": 0, "normal": 0, "warn": 1, "danger": 2, "over": 3}
    SIGNAL = {"warn": "warn", "danger": "danger", "over": "end"}

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._level = "idle"

    def feed(self, view: RunView) -> str | None:
        key = (view.run_id, view.block.id if view.block else None)
        previous, self._level = self._level, view.level
        if key != self._key:
            self._key = key
            return None
        if view.status is Status.RUNNING and self.ORDER[view.level] > self.ORDER[previous]:
            return self.SIGNAL[view.level]
        return None
