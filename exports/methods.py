"""The rows of the structured method canvases as the report shows them: initiatives and monitoring rows.

A planning matrix (METHODS §4) holds ``initiative`` rows and a monitoring
matrix (§5) ``monitoring_row`` rows, not notes; they are read here, once, through
the report's ``Privacy``, so no writer sees a name it may not show. Who is
responsible is a unit or a role in the method (``Unidad responsable``,
``Responsable``), so those columns follow the rule the commitments' owner
already follows (``Privacy.speaker``): a unit or role stays as typed, a cell that
is exactly a registered participant's name shows them only with their consent
(else their sector), and registered names typed inside any text are replaced by
``[sector]``. Every other text goes through ``Privacy.scrub``.

The effective status of a monitoring row is the app's own
(``facilitator.monitoring.effective_status``), so the report and the sheet on
screen never disagree about which initiatives are late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from facilitator.i18n import Translator
from facilitator.monitoring import STATUS_LABELS as MONITORING_STATUSES
from facilitator.monitoring import effective_status
from facilitator.planning import smart_of
from facilitator.record import parse_due
from facilitator.domain.labels import show
from facilitator.provenance import Origin, note_origins
from facilitator.store import Store

from .privacy import Privacy


@dataclass(frozen=True)
class Initiative:
    id: str
    axis: str
    axis_label: str
    strategy: str
    name: str  # shown under «Acciones»
    goal: str
    funding: str
    unit: str
    alliances: str
    plan_ref: str
    period: str
    description: str
    needs_funding: bool | None
    objective: str
    indicators: str
    smart: tuple[str, ...]  # the SMART checks the objective meets, in SMART order
    group: str
    origin: Origin | None

    def has_details(self) -> bool:
        return bool(self.description.strip() or self.needs_funding is not None or self.objective.strip()
                    or self.indicators.strip() or self.smart or self.origin)


@dataclass(frozen=True)
class MonitoringRow:
    id: str
    name: str
    objective: str
    responsible: str
    start_date: str
    end_date: str
    indicator: str
    target: str
    current_state: str
    last_review: str
    on_track: bool | None
    achievements: str
    challenges: str
    needs_adjustment: bool | None
    adjustments: str
    adjustment_responsible: str
    adjustment_deadline: str
    status: str  # as stored
    status_label: str
    effective: str  # late when the end date passed or it is not on track (and not done)
    effective_label: str
    late_because: str  # why the effective status differs from the stored one ('' when it does not)
    initiative_id: str | None = None  # the planning initiative it was carried over from

    def quick(self) -> bool:
        """Was the quick evaluation filled in at all?"""
        return (self.on_track is not None or self.needs_adjustment is not None
                or any(x.strip() for x in (self.achievements, self.challenges, self.adjustments,
                                           self.adjustment_responsible, self.adjustment_deadline)))


def yes_no(value: bool | None, t: Translator) -> str:
    return "" if value is None else t("Sí") if value else t("No")


def monitoring_text(row: MonitoringRow, field: str, t: Translator) -> str:
    """A monitoring cell as text: the yes/no answers as Sí/No (blank when not answered)."""
    value = getattr(row, field)
    return yes_no(value, t) if field in ("on_track", "needs_adjustment") else value


def details(i: Initiative, t: Translator) -> list[tuple[str, str]]:
    """(label, text) for each detail question the initiative answers, in the workshop's order."""
    from .labels import INITIATIVE_DETAILS, SMART

    out = []
    if i.description.strip():
        out.append((t(INITIATIVE_DETAILS["description"]), i.description))
    if i.needs_funding is not None:
        out.append((t(INITIATIVE_DETAILS["needs_funding"]), yes_no(i.needs_funding, t)))
    if i.objective.strip():  # criteria ticked for an objective nobody wrote say nothing: shown with one only
        out.append((t(INITIATIVE_DETAILS["objective"]) + ":", i.objective))
        out.append((t("Criterios SMART:"), "   ".join(("✓\u00a0" if key in i.smart else "✗\u00a0") + t(name)
                                                     for key, name in SMART.items())))
    if i.indicators.strip():
        out.append((t(INITIATIVE_DETAILS["indicators"]) + ":", i.indicators))
    if i.origin is not None:
        out.append((t("Origen:"), i.origin.cite(t)))
    return out


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _smart(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(key for key, met in smart_of(row).items() if met)


def origins(store: Store, ids: set[str], privacy: Privacy, t: Translator) -> dict[str, Origin]:
    """The notes ``ids`` as origins (text, workshop, canvas, zone label in the report's language, group)."""
    return note_origins(store, ids, pick=lambda label: str(show(t.pick(label), t)), scrub=privacy.scrub)


def initiatives(store: Store, canvas_id: str, axis_labels: dict[str, str], group_name: dict[str, str],
                privacy: Privacy, t: Translator) -> list[Initiative]:
    """The planning canvas's initiatives in their order; an axis the canvas does not have is «Sin eje»."""
    rows = store.query("SELECT * FROM initiative WHERE canvas_id = ? ORDER BY position, created_at, rowid",
                       (canvas_id,))
    traced = origins(store, {r["origin_note_id"] for r in rows if r["origin_note_id"]}, privacy, t)
    out = []
    for r in rows:
        axis = r["axis"] or ""
        out.append(Initiative(
            r["id"], axis if axis in axis_labels else "", axis_labels.get(axis) or t("Sin eje"),
            privacy.scrub(r["strategy"]), privacy.scrub(r["name"]), privacy.scrub(r["goal"]),
            privacy.scrub(r["funding"]), privacy.speaker(r["unit"]), privacy.scrub(r["alliances"]),
            privacy.scrub(r["plan_ref"]), privacy.scrub(r["period"]), privacy.scrub(r["description"]),
            _flag(r["needs_funding"]), privacy.scrub(r["objective"]), privacy.scrub(r["indicators"]),
            _smart(r), group_name.get(r["group_id"] or "", ""),
            traced.get(r["origin_note_id"]) if r["origin_note_id"] else None))
    return out


def _late_because(row: dict[str, Any], stored: str, effective: str, today: date, t: Translator) -> str:
    if effective == stored:
        return ""
    end = parse_due(row.get("end_date") or "")
    if end is not None and end < today:
        return t("venció el {date}", date=end.isoformat())
    return t("no va según lo planificado")


def monitoring_rows(store: Store, canvas_id: str, privacy: Privacy, t: Translator,
                    today: date) -> list[MonitoringRow]:
    rows = store.query("SELECT * FROM monitoring_row WHERE canvas_id = ? ORDER BY position, created_at, rowid",
                       (canvas_id,))
    out = []
    for r in rows:
        stored = r["status"] if r["status"] in MONITORING_STATUSES else "not_started"
        effective = effective_status(r, today).status
        out.append(MonitoringRow(
            r["id"], privacy.scrub(r["name"]), privacy.scrub(r["objective"]), privacy.speaker(r["responsible"]),
            r["start_date"], r["end_date"], privacy.scrub(r["indicator"]), privacy.scrub(r["target"]),
            privacy.scrub(r["current_state"]), r["last_review"], _flag(r["on_track"]),
            privacy.scrub(r["achievements"]), privacy.scrub(r["challenges"]), _flag(r["needs_adjustment"]),
            privacy.scrub(r["adjustments"]), privacy.speaker(r["adjustment_responsible"]),
            privacy.scrub(r["adjustment_deadline"]), stored, t(MONITORING_STATUSES[stored]), effective,
            t(MONITORING_STATUSES[effective]), _late_because(r, stored, effective, today, t),
            r.get("origin_initiative_id") or None))
    return out
