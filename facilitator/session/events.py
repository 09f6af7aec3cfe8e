"""What a run leaves behind: its events, and the state they rebuild (pure).

The runner emits a ``RunEvent`` for every transition, carrying the absolute state
after it (current block, its elapsed seconds and extension, pause total, run
total). ``replay`` folds one run's events into a ``RunRecord`` by copying those
values, so a rebuilt run does not depend on re-measuring intervals and a lost or
duplicated heartbeat cannot skew it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Iterable

from ..domain.values import whole

MODES = ("individual", "group", "plenary")


class Status(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # replayed from a log the app never closed; waits for recover()


@dataclass(frozen=True)
class PlanBlock:
    id: str
    title: str
    minutes: float
    modes: tuple[str, ...] = ("plenary",)

    @property
    def seconds(self) -> float:
        return float(self.minutes) * 60.0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "PlanBlock":
        modes = tuple(m for m in str(row.get("input_modes") or "").split(",") if m in MODES)
        return cls(row["id"], row["title"], whole(row["minutes"], 0, lo=0), modes or ("plenary",))

    def to_json(self) -> list[Any]:
        return [self.id, self.title, self.minutes, list(self.modes)]

    @classmethod
    def from_json(cls, data: list[Any]) -> "PlanBlock":
        return cls(str(data[0]), str(data[1]), float(data[2]), tuple(data[3]) if len(data) > 3 else ("plenary",))


@dataclass
class BlockClock:
    """Time spent in one block (closed segments only) and its adjustments."""

    elapsed: float = 0.0
    extension: float = 0.0
    visited: bool = False
    phase: int = 0


@dataclass(frozen=True)
class RunEvent:
    kind: str  # start pause resume extend goto phase end recover alive
    block_id: str | None
    at: datetime
    elapsed: float  # seconds spent in the current block after the event
    payload: dict[str, Any]

    @property
    def run_id(self) -> str:
        return str(self.payload.get("run", ""))

    @property
    def seq(self) -> int:
        return int(self.payload.get("seq", 0))


@dataclass
class RunRecord:
    """A run as its log left it: the values after its last transition."""

    run_id: str
    baseline: tuple[PlanBlock, ...]
    started_at: datetime
    last_at: datetime
    status: Status = Status.RUNNING
    current: str | None = None
    blocks: dict[str, BlockClock] = field(default_factory=dict)
    paused_total: float = 0.0
    run_elapsed: float = 0.0
    ended_at: datetime | None = None
    seq: int = 0
    scheduled_start: datetime | None = None
    alive: RunEvent | None = None  # last heartbeat, kept only if no transition followed it

    @property
    def finished(self) -> bool:
        return self.status is Status.FINISHED

    @property
    def last_seen(self) -> datetime:
        """When the app was last known to be running this workshop."""
        return self.alive.at if self.alive is not None else self.last_at


def _iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def replay(events: Iterable[RunEvent]) -> RunRecord | None:
    """Fold one run's events into the state its last transition left.

    Each event carries absolute values, so this copies rather than adds: a lost
    or duplicated heartbeat cannot skew the result.
    """
    record: RunRecord | None = None
    alive: RunEvent | None = None
    for ev in sorted(events, key=lambda e: (e.seq, e.kind == "alive")):
        p = ev.payload
        if ev.kind == "alive":
            alive = ev
            continue
        if ev.kind == "start":
            record = RunRecord(ev.run_id, tuple(PlanBlock.from_json(b) for b in p.get("plan", [])), ev.at, ev.at,
                               scheduled_start=_iso(p.get("scheduled")))
        if record is None:
            continue  # a run whose start was lost cannot be rebuilt
        if ev.kind == "goto" and p.get("from"):
            left = record.blocks.setdefault(p["from"], BlockClock())
            left.elapsed, left.extension, left.visited = float(p["from_elapsed"]), float(p["from_ext"]), True
        block = p.get("block")
        if block:
            clock = record.blocks.setdefault(block, BlockClock())
            clock.elapsed, clock.extension = float(ev.elapsed), float(p.get("ext", 0.0))
            clock.phase, clock.visited = int(p.get("phase", 0)), True
        record.current = block
        record.status = Status(p["status"])
        record.paused_total = float(p.get("paused", 0.0))
        record.run_elapsed = float(p.get("total", 0.0))
        record.last_at = ev.at
        record.seq = ev.seq
        if record.status is Status.FINISHED:
            record.ended_at = _iso(p.get("ended_at")) or ev.at
    if record is not None and alive is not None and alive.seq == record.seq and alive.at >= record.last_at:
        record.alive = alive
    return record
