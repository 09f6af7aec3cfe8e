"""Planned versus actual: where the workshop's time went (pure, for the app and the exporters).

"Planned" is the agenda as it stood when the run started (kept in the log's
``start`` event), so later edits to the agenda do not rewrite history. The run's
length is split exactly into block time, pauses and a remainder, so the
contributions listed by ``where_time_went`` add up to the total overrun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Sequence

from ..i18n import N_, _
from ..store import Store
from .events import PlanBlock, RunRecord

NOTABLE = 0.5  # minutes: smaller differences are not worth a line


@dataclass(frozen=True)
class BlockSummary:
    block_id: str
    title: str
    planned: float  # minutes in the plan at the start of the run
    actual: float  # minutes the block ran (pauses excluded)
    extension: float  # minutes added (+) or removed (-) during the run
    state: str  # done | current | pending | skipped | added | removed

    @property
    def delta(self) -> float:
        return self.actual - self.planned


@dataclass(frozen=True)
class Contribution:
    kind: str  # over | under | skipped | pause | other
    minutes: float  # + made the workshop longer, - shorter
    title: str = ""
    block_id: str | None = None


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    started_at: datetime
    ended_at: datetime | None
    finished: bool
    blocks: tuple[BlockSummary, ...]
    planned_total: float  # minutes
    actual_total: float  # minutes from start to end (or to the last logged moment)
    paused: float  # minutes

    @property
    def overrun(self) -> float:
        return self.actual_total - self.planned_total

    @property
    def other(self) -> float:
        """Minutes neither in a block nor in a pause (rounding; blocks unknown to the plan)."""
        return self.actual_total - self.paused - sum(b.actual for b in self.blocks)

    def where_time_went(self) -> list[Contribution]:
        """What made the run longer or shorter than planned, largest first."""
        found: list[Contribution] = []
        for b in self.blocks:
            if b.state == "pending" or abs(b.delta) < NOTABLE:
                continue
            if b.state == "current" and not self.finished:
                continue  # still running: its time so far is not "shorter than planned"
            kind = "skipped" if b.actual == 0 else ("over" if b.delta > 0 else "under")
            found.append(Contribution(kind, b.delta, b.title, b.block_id))
        if self.paused >= NOTABLE:
            found.append(Contribution("pause", self.paused))
        if abs(self.other) >= NOTABLE:
            found.append(Contribution("other", self.other))
        return sorted(found, key=lambda c: -c.minutes)


def summarize(record: RunRecord, plan: Sequence[PlanBlock]) -> RunSummary:
    """Compare a run (live or replayed) with the plan it started from."""
    baseline = {b.id: b for b in record.baseline}
    current_ids = [b.id for b in plan]
    titles = {**{b.id: b.title for b in record.baseline}, **{b.id: b.title for b in plan}}
    order = current_ids + [b.id for b in record.baseline if b.id not in current_ids]
    order += [k for k in record.blocks if k not in order]
    position = {bid: i for i, bid in enumerate(order)}
    here = position.get(record.current or "", -1)
    rows = []
    for bid in order:
        clock = record.blocks.get(bid)
        visited = clock is not None and clock.visited
        if bid not in current_ids:
            if not visited and bid not in baseline:
                continue
            state = "removed"
        elif bid not in baseline:
            state = "added"
        elif bid == record.current and not record.finished:
            state = "current"
        elif visited:
            state = "done"
        else:
            state = "skipped" if record.finished or position[bid] < here else "pending"
        planned = baseline[bid].minutes if bid in baseline else 0.0
        rows.append(BlockSummary(bid, titles.get(bid, ""), float(planned),
                                 (clock.elapsed if clock else 0.0) / 60.0,
                                 (clock.extension if clock else 0.0) / 60.0, state))
    return RunSummary(record.run_id, record.started_at, record.ended_at, record.finished, tuple(rows),
                      sum(b.minutes for b in record.baseline), record.run_elapsed / 60.0,
                      record.paused_total / 60.0)


def workshop_summary(store: Store, workshop_id: str) -> RunSummary | None:
    """The latest run of a workshop, summarised (None if it was never run). For exporters."""
    from .runlog import latest_run, plan_of

    record = latest_run(store, workshop_id)
    return summarize(record, plan_of(store, workshop_id)) if record is not None else None


def minutes_text(minutes: float, signed: bool = False) -> str:
    """Whole minutes for people: 6.4 → «6», with «+» when asked; a non-zero bit shows as 1."""
    value = int(round(abs(minutes)))
    if value == 0 and abs(minutes) >= NOTABLE:
        value = 1
    sign = ("+" if minutes > 0 else "-" if minutes < 0 else "") if signed and value else ""
    return f"{sign}{value}"


def explain(summary: RunSummary, translate: Callable[..., str] = _) -> list[str]:
    """The headline and one line per contribution, in the translator's language."""
    t = translate
    over = summary.overrun
    if not summary.finished:  # exported or shown while the run goes on: no verdict on the whole yet
        done = sum(1 for b in summary.blocks if b.state in ("done", "skipped"))
        head = t(N_("El taller está en curso: lleva {actual} min de {planned} previstos "
                    "(bloques terminados: {done} de {total})."),
                 actual=minutes_text(summary.actual_total), planned=minutes_text(summary.planned_total),
                 done=done, total=sum(1 for b in summary.blocks if b.state != "removed"))
    elif abs(over) < NOTABLE:
        head = t(N_("El taller duró {actual} min, lo previsto."), actual=minutes_text(summary.actual_total))
    elif over > 0:
        head = t(N_("El taller duró {actual} min de {planned} previstos: {n} min más."),
                 actual=minutes_text(summary.actual_total), planned=minutes_text(summary.planned_total),
                 n=minutes_text(over))
    else:
        head = t(N_("El taller duró {actual} min de {planned} previstos: {n} min menos."),
                 actual=minutes_text(summary.actual_total), planned=minutes_text(summary.planned_total),
                 n=minutes_text(over))
    lines = [head]
    for c in summary.where_time_went():
        n = minutes_text(c.minutes)
        if c.kind == "over":
            lines.append(t(N_("«{title}» duró {n} min más de lo previsto."), title=c.title, n=n))
        elif c.kind == "under":
            lines.append(t(N_("«{title}» duró {n} min menos de lo previsto."), title=c.title, n=n))
        elif c.kind == "skipped":
            lines.append(t(N_("«{title}» no se realizó ({n} min previstos)."), title=c.title, n=n))
        elif c.kind == "pause":
            lines.append(t(N_("Pausas: {n} min."), n=n))
        else:
            lines.append(t(N_("Tiempo fuera de los bloques de la agenda: {n} min."), n=minutes_text(c.minutes, True)))
    return lines
