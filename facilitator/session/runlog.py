"""The run log: every transition of the runner as a ``run_event`` row, written at once.

The log is a record of what happened in the room, not a user edit: it is written
with ``store.insert`` in its own transaction (never through the undo stack), and
undo never touches it. Each row holds the runner's absolute state after the
transition (see ``runner.replay``), so reopening a file rebuilds the run exactly
as it stood at its last transition, whatever happened to the app afterwards.

Besides the transitions there is one ``alive`` row per run, updated in place every
``HEARTBEAT`` seconds and when the app closes: it tells when the app was last seen
running the workshop, which the ``app`` and ``end`` recovery rules need.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from ..store import Store
from .events import PlanBlock, RunEvent, RunRecord, replay

HEARTBEAT = 30.0  # seconds between liveness updates while a run is live


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def event_from_row(row: dict[str, Any]) -> RunEvent:
    try:
        payload = json.loads(row["payload"] or "{}")
    except (ValueError, TypeError, RecursionError):
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    at = datetime.fromisoformat(str(row["at"]).replace("Z", "+00:00"))
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    event = RunEvent(str(row["kind"]), row["block_id"], at, float(row["elapsed"] or 0.0), payload)
    _ = event.seq  # a sequence number that is not a number makes the event unreadable here, not later
    return event


def _readable_events(rows: list[dict[str, Any]]) -> list[RunEvent]:
    """The events that can be read; a damaged one (bad time, number or payload) is left out, not fatal."""
    events = []
    for row in rows:
        try:
            events.append(event_from_row(row))
        except (ValueError, TypeError, OverflowError):
            continue
    return events


def load_events(store: Store, workshop_id: str) -> list[RunEvent]:
    """All readable logged events of a workshop, runs in the order they started, each in sequence."""
    rows = store.query("SELECT * FROM run_event WHERE workshop_id = ? ORDER BY at", (workshop_id,))
    events = _readable_events(rows)
    first_seen: dict[str, datetime] = {}
    for ev in events:
        first_seen.setdefault(ev.run_id, ev.at)
    return sorted(events, key=lambda e: (first_seen[e.run_id], e.seq, e.kind == "alive"))


def runs(store: Store, workshop_id: str) -> list[RunRecord]:
    """Every run of the workshop that can be rebuilt, oldest first (rehearsals included)."""
    grouped: dict[str, list[RunEvent]] = {}
    for ev in load_events(store, workshop_id):
        grouped.setdefault(ev.run_id, []).append(ev)
    records = []
    for evs in grouped.values():
        try:
            records.append(replay(evs))
        except (KeyError, ValueError, TypeError, AttributeError):
            continue  # a run whose log was damaged cannot be rebuilt; the others still can
    return [r for r in records if r is not None]


def latest_run(store: Store, workshop_id: str) -> RunRecord | None:
    found = runs(store, workshop_id)
    return found[-1] if found else None


def interrupted_run(store: Store, workshop_id: str) -> RunRecord | None:
    """The workshop's last run, if the app stopped without ending it (offer to resume)."""
    record = latest_run(store, workshop_id)
    return record if record is not None and not record.finished else None


def plan_of(store: Store, workshop_id: str) -> list[PlanBlock]:
    rows = store.query("SELECT id, title, minutes, input_modes FROM block WHERE workshop_id = ? "
                       "ORDER BY position, created_at", (workshop_id,))
    return [PlanBlock.from_row(r) for r in rows]


class RunLog:
    """Writes a runner's events for one workshop; use ``write`` as the runner's sink."""

    def __init__(self, store: Store, workshop_id: str) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self._alive_rows: dict[str, str] = {}  # run id -> id of its alive row

    def _values(self, event: RunEvent) -> dict[str, Any]:
        block_id = event.block_id
        if block_id is not None and self.store.get("block", block_id) is None:
            block_id = None  # removed from the agenda; the payload still names it
        return {"workshop_id": self.workshop_id, "block_id": block_id, "kind": event.kind,
                "at": iso_utc(event.at), "elapsed": event.elapsed,
                "payload": json.dumps(event.payload, ensure_ascii=False, sort_keys=True)}

    def write(self, event: RunEvent) -> None:
        """Commit one event now; raises FileProblem if the file refuses it."""
        if event.kind == "alive":
            self.alive(event)
            return
        with self.store.transaction():
            self.store.insert("run_event", self._values(event))

    def alive(self, event: RunEvent) -> None:
        """Update (or create) the run's single heartbeat row."""
        values = self._values(event)
        with self.store.transaction():
            row_id = self._alive_rows.get(event.run_id) or self._find_alive(event.run_id)
            if row_id is not None:
                self.store.update("run_event", row_id, values)
            else:
                row_id = self.store.insert("run_event", values)["id"]
            self._alive_rows[event.run_id] = row_id

    def _find_alive(self, run_id: str) -> str | None:
        rows = self.store.query(
            "SELECT id FROM run_event WHERE workshop_id = ? AND kind = 'alive' AND json_extract(payload, '$.run') = ?",
            (self.workshop_id, run_id))
        return rows[0]["id"] if rows else None
