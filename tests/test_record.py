"""Minutes, commitments and validation rounds as commands (no Qt)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from facilitator import record as R
from facilitator.commands import DeleteRow, InsertRow
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import Runner

TZ = timezone(timedelta(hours=-3))


class FakeClock:
    """Wall and monotonic time that only move when the test says so."""

    def __init__(self) -> None:
        self.t = 0.0
        self.base = datetime(2026, 3, 4, 10, 0, tzinfo=TZ)

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.base + timedelta(seconds=self.t)


def run(doc, command):
    assert command is not None
    doc.execute(command)
    return command


def texts(doc, wid):
    return [e["text"] for e in R.entries(doc.store, wid)]


@pytest.fixture
def clock():
    return FakeClock()


# -- minutes ----------------------------------------------------------------------
def test_entry_is_stamped_with_the_clock_block_and_group(diagnostic, clock):
    doc, wid = diagnostic
    block = doc.blocks(wid)[2]
    group = run(doc, InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 1"}))
    clock.t = 125
    cmd = run(doc, R.add_entry(doc, wid, "  Falta de documentos: la puerta de entrada  ", kind="idea_clave",
                               speaker=" Grupo 1 ", block_id=block["id"], group_id=group.id, clock=clock))
    row = doc.store.get("minutes_entry", cmd.id)
    assert row["text"] == "Falta de documentos: la puerta de entrada"
    assert row["speaker"] == "Grupo 1"
    assert row["at"] == "2026-03-04T10:02:05-03:00"
    assert R.clock_text(row["at"]) == "10:02"
    assert (row["block_id"], row["group_id"], row["kind"]) == (block["id"], group.id, "idea_clave")


def test_blank_entries_are_not_added_and_kinds_are_checked(diagnostic, clock):
    doc, wid = diagnostic
    assert R.add_entry(doc, wid, "   ", clock=clock) is None
    with pytest.raises(ValueError):
        R.add_entry(doc, wid, "x", kind="chisme", clock=clock)


def test_entries_append_in_order_and_edit(diagnostic, clock):
    doc, wid = diagnostic
    ids = [run(doc, R.add_entry(doc, wid, t, clock=clock)).id for t in ("uno", "dos", "tres")]
    assert texts(doc, wid) == ["uno", "dos", "tres"]
    edit = run(doc, R.edit_entry(doc, ids[1], "text", "dos, corregido"))
    assert texts(doc, wid)[1] == "dos, corregido"
    edit.undo(doc.store)
    assert texts(doc, wid)[1] == "dos"
    assert R.edit_entry(doc, ids[1], "text", "  ") is None  # never empty: delete instead
    assert R.edit_entry(doc, ids[1], "text", "dos") is None  # unchanged
    assert R.edit_entry(doc, ids[1], "block_id", "") is None  # '' is "no block", as stored
    with pytest.raises(KeyError):
        R.edit_entry(doc, ids[1], "workshop_id", "x")


def test_set_kind_of_several_entries_is_one_step(diagnostic, clock):
    doc, wid = diagnostic
    ids = [run(doc, R.add_entry(doc, wid, t, clock=clock)).id for t in ("a", "b", "c")]
    cmd = run(doc, R.set_kind(doc, ids[:2], "acuerdo"))
    assert [e["kind"] for e in R.entries(doc.store, wid)] == ["acuerdo", "acuerdo", "idea_clave"]
    cmd.undo(doc.store)
    assert {e["kind"] for e in R.entries(doc.store, wid)} == {"idea_clave"}
    assert R.set_kind(doc, [ids[2]], "idea_clave") is None


def test_move_entry_and_undo(diagnostic, clock):
    doc, wid = diagnostic
    ids = [run(doc, R.add_entry(doc, wid, t, clock=clock)).id for t in ("a", "b", "c")]
    assert R.move_entry(doc, wid, ids[0], -1) is None
    assert R.move_entry(doc, wid, ids[2], 1) is None
    run(doc, R.move_entry(doc, wid, ids[2], -1))
    assert texts(doc, wid) == ["a", "c", "b"]
    run(doc, R.move_entry(doc, wid, ids[0], 1))
    assert texts(doc, wid) == ["c", "a", "b"]
    cmd2 = R.move_entry(doc, wid, ids[0], -1)
    run(doc, cmd2)
    cmd2.undo(doc.store)
    assert texts(doc, wid) == ["c", "a", "b"]
    # an entry added after reordering still goes last
    run(doc, R.add_entry(doc, wid, "d", clock=clock))
    assert texts(doc, wid) == ["c", "a", "b", "d"]


def test_delete_entries_and_undo(diagnostic, clock):
    doc, wid = diagnostic
    ids = [run(doc, R.add_entry(doc, wid, t, clock=clock)).id for t in ("a", "b", "c")]
    cmd = run(doc, R.delete_entries(doc, ids[:2]))
    assert texts(doc, wid) == ["c"]
    cmd.undo(doc.store)
    assert texts(doc, wid) == ["a", "b", "c"]
    assert R.delete_entries(doc, ["nope"]) is None


def test_running_block_follows_the_run_log(diagnostic, clock):
    doc, wid = diagnostic
    blocks = doc.blocks(wid)
    assert R.running_block(doc.store, wid) is None
    runner = Runner(plan_of(doc.store, wid), clock, sink=RunLog(doc.store, wid).write)
    runner.start()
    assert R.running_block(doc.store, wid) == blocks[0]["id"]
    clock.t = 600
    runner.next()
    assert R.running_block(doc.store, wid) == blocks[1]["id"]
    runner.pause()
    assert R.running_block(doc.store, wid) == blocks[1]["id"]  # a paused block is still the room's block
    runner.resume()
    runner.end()
    assert R.running_block(doc.store, wid) is None


def test_running_block_forgets_a_deleted_block(diagnostic, clock):
    doc, wid = diagnostic
    runner = Runner(plan_of(doc.store, wid), clock, sink=RunLog(doc.store, wid).write)
    runner.start()
    doc.execute(DeleteRow("block", doc.blocks(wid)[0]["id"]))
    assert R.running_block(doc.store, wid) is None


def test_speaker_suggestions_are_roles_groups_and_sectors_not_names(diagnostic, clock):
    doc, wid = diagnostic
    pid = doc.process["id"]
    run(doc, InsertRow("workgroup", {"workshop_id": wid, "name": "Grupo 2"}))
    run(doc, InsertRow("participant", {"process_id": pid, "name": "Rosa Pérez", "sector": "Salud",
                                       "organisation": "CESFAM Norte", "consent": 0}))
    run(doc, InsertRow("participant", {"process_id": pid, "name": "Jean Baptiste", "sector": "Organización migrante",
                                       "consent": 1}))
    run(doc, R.add_entry(doc, wid, "x", speaker="rosa perez", clock=clock))  # typed by hand earlier
    run(doc, R.add_entry(doc, wid, "y", speaker="Jean Baptiste", clock=clock))
    got = R.speaker_suggestions(doc.store, wid)
    assert got[0] == "Grupo 2"
    for wanted in ("Plenario", "Oficina de atención migrante", "Organismos internacionales", "Salud",
                   "CESFAM Norte", "Organización migrante", "Jean Baptiste"):
        assert wanted in got
    assert not any("rosa" in s.lower() for s in got)  # a non-consenting name is never offered


def test_speaker_suggestions_show_a_registry_sector_in_words_not_its_key(diagnostic, clock):
    doc, wid = diagnostic
    run(doc, InsertRow("participant", {"process_id": doc.process["id"], "name": "Ana", "sector": "Servicios públicos",
                                       "consent": 1}))
    assert doc.store.scalar("SELECT sector FROM participant WHERE name = 'Ana'") == "sector:servicios_publicos"
    got = R.speaker_suggestions(doc.store, wid)
    assert "Servicios públicos" in got and not any(":" in s for s in got)


# -- commitments ---------------------------------------------------------------------
def test_commitment_fields_and_normalised_dates(diagnostic):
    doc, wid = diagnostic
    assert R.add_commitment(doc, "  ") is None
    cmd = run(doc, R.add_commitment(doc, "Protocolo común de derivación", workshop_id=wid, responsible="DIDECO",
                                    due="31/05/2026", indicator="Protocolo aprobado por decreto", target="1"))
    row = doc.store.get("commitment", cmd.id)
    assert (row["due"], row["status"], row["process_id"]) == ("2026-05-31", "pending", doc.process["id"])
    assert R.missing_parts(row) == []
    with pytest.raises(R.DueError):  # a deadline must be a day on the calendar: it can come due
        R.edit_commitment(doc, cmd.id, "due", "segundo semestre")
    assert doc.store.get("commitment", cmd.id)["due"] == "2026-05-31"
    assert R.edit_commitment(doc, cmd.id, "what", " ") is None
    with pytest.raises(ValueError):
        R.edit_commitment(doc, cmd.id, "status", "maybe")
    run(doc, R.edit_commitment(doc, cmd.id, "status", "in_progress"))
    assert doc.store.get("commitment", cmd.id)["status"] == "in_progress"


def test_missing_parts_name_what_makes_it_verifiable():
    row = {"what": "x", "responsible": "", "due": " ", "indicator": ""}
    assert R.missing_parts(row) == ["responsable", "plazo", "indicador"]


@pytest.mark.parametrize("status, due, expected", [
    ("pending", "2026-03-01", "late"),
    ("in_progress", "01/03/2026", "late"),
    ("pending", "2026-03-05", "pending"),
    ("done", "2026-03-01", "done"),
    ("dropped", "2026-03-01", "dropped"),
    ("pending", "marzo", "pending"),
])
def test_effective_status_marks_passed_deadlines_late(status, due, expected):
    assert R.effective_status({"status": status, "due": due}, date(2026, 3, 4)) == expected


def test_process_and_workshop_lists_and_moving_within_a_workshop(doc):
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    ws = []
    for _ in range(2):
        macro = new_workshop(doc, builtin_template("planificacion"), lang="es")
        doc.execute(macro)
        ws.append(macro.workshop_id)
    a1 = run(doc, R.add_commitment(doc, "A1", workshop_id=ws[0])).id
    b1 = run(doc, R.add_commitment(doc, "B1", workshop_id=ws[1])).id
    a2 = run(doc, R.add_commitment(doc, "A2", workshop_id=ws[0])).id
    run(doc, R.add_commitment(doc, "General"))  # process-level
    pid = doc.process["id"]
    assert [r["what"] for r in R.commitments(doc.store, pid)] == ["A1", "B1", "A2", "General"]
    assert [r["what"] for r in R.commitments(doc.store, pid, ws[0])] == ["A1", "A2"]
    run(doc, R.move_commitment(doc, a2, -1, ws[0]))  # swaps with A1, its neighbour in the workshop
    assert [r["what"] for r in R.commitments(doc.store, pid, ws[0])] == ["A2", "A1"]
    assert [r["what"] for r in R.commitments(doc.store, pid)] == ["A2", "B1", "A1", "General"]
    assert R.move_commitment(doc, a2, -1, ws[0]) is None
    assert R.move_commitment(doc, b1, 1, ws[1]) is None
    rows = R.monitoring_rows(doc.store, pid, date(2026, 1, 1))
    assert rows[0]["nombre"] == "A2" and rows[0]["estado"] == "pending" and rows[0]["taller"]
    assert rows[-1]["taller"] == ""
    assert a1 in {r["id"] for r in rows}


def test_deleting_a_workshop_takes_its_commitments_and_rounds_and_undo_returns_them(diagnostic):
    doc, wid = diagnostic
    cid = run(doc, R.add_commitment(doc, "C", workshop_id=wid)).id
    rid = run(doc, R.add_round(doc, wid, "Sociedad civil", "favourable")).id
    general = run(doc, R.add_commitment(doc, "De todo el proceso")).id
    cmd = run(doc, DeleteRow("workshop", wid))
    assert doc.store.get("commitment", cid) is None and doc.store.get("validation_round", rid) is None
    assert doc.store.get("commitment", general) is not None
    cmd.undo(doc.store)
    assert doc.store.get("commitment", cid) is not None and doc.store.get("validation_round", rid) is not None


def test_promote_entry_links_the_commitment_and_marks_the_kind(diagnostic, clock):
    doc, wid = diagnostic
    entry = run(doc, R.add_entry(doc, wid, "Compromiso: enviar el resumen a las organizaciones", kind="acuerdo",
                                 clock=clock))
    promo = run(doc, R.promote_entry(doc, entry.id))
    row = doc.store.get("commitment", promo.commitment_id)
    assert row["what"] == "enviar el resumen a las organizaciones"
    assert (row["origin_entry_id"], row["workshop_id"]) == (entry.id, wid)
    assert doc.store.get("minutes_entry", entry.id)["kind"] == "compromiso"
    assert R.promote_entry(doc, entry.id) is None  # not twice
    assert R.unpromoted_entries(doc.store, wid) == []
    promo.undo(doc.store)
    assert doc.store.get("commitment", promo.commitment_id) is None
    assert doc.store.get("minutes_entry", entry.id)["kind"] == "acuerdo"


def test_deleting_the_origin_entry_keeps_the_commitment_and_undo_relinks(diagnostic, clock):
    doc, wid = diagnostic
    entry = run(doc, R.add_entry(doc, wid, "Mesa comunal en abril", kind="compromiso", clock=clock))
    assert [e["id"] for e in R.unpromoted_entries(doc.store, wid)] == [entry.id]
    promo = run(doc, R.promote_entry(doc, entry.id))
    gone = run(doc, R.delete_entries(doc, [entry.id]))
    assert doc.store.get("commitment", promo.commitment_id)["origin_entry_id"] is None
    gone.undo(doc.store)
    assert doc.store.get("commitment", promo.commitment_id)["origin_entry_id"] == entry.id


def test_delete_commitment_and_undo(diagnostic):
    doc, wid = diagnostic
    cid = run(doc, R.add_commitment(doc, "C", workshop_id=wid)).id
    cmd = run(doc, R.delete_commitment(doc, cid))
    assert R.commitments(doc.store, doc.process["id"]) == []
    cmd.undo(doc.store)
    assert [r["id"] for r in R.commitments(doc.store, doc.process["id"])] == [cid]
    assert R.delete_commitment(doc, "nope") is None


# -- validation rounds ---------------------------------------------------------------------
QUITO = [  # seed 000, 3.2: three groups of actors, three receptions
    ("Alcalde y Consejo de Administración", "objections",
     "Acogido en general; objeciones sobre inmigración: apoyar a refugiados, no a inmigrantes en general"),
    ("Autoridades municipales intermedias", "reservations",
     "No ven necesario un plan específico; integrarlo a la planificación existente"),
    ("Sociedad civil y cooperación", "favourable", "Alcance integral; pedir espacios de participación efectivos"),
]


def test_validation_rounds_record_each_groups_reception(diagnostic):
    doc, wid = diagnostic
    first = run(doc, R.add_round(doc, wid, QUITO[0][0], QUITO[0][1], reasons=QUITO[0][2],
                                 proposal="Plan Distrital de Migración"))
    for group, reception, reasons in QUITO[1:]:
        run(doc, R.add_round(doc, wid, group, reception, reasons=reasons))
    rows = R.rounds(doc.store, wid)
    assert [r["stakeholder"] for r in rows] == [q[0] for q in QUITO]
    assert {r["proposal"] for r in rows} == {"Plan Distrital de Migración"}  # carried to the next rounds
    assert R.reception_counts(rows) == {"favourable": 1, "reservations": 1, "objections": 1}
    assert R.add_round(doc, wid, "  ") is None
    with pytest.raises(ValueError):
        R.add_round(doc, wid, "X", "indiferente")
    edit = run(doc, R.edit_round(doc, first.id, "reception", "reservations"))
    assert R.reception_counts(R.rounds(doc.store, wid))["reservations"] == 2
    edit.undo(doc.store)
    assert R.edit_round(doc, first.id, "reception", "objections") is None
    assert R.edit_round(doc, first.id, "stakeholder", "") is None
    cmd = run(doc, R.delete_round(doc, first.id))
    assert len(R.rounds(doc.store, wid)) == 2
    cmd.undo(doc.store)
    assert R.rounds(doc.store, wid)[0]["id"] == first.id


def test_database_refuses_unknown_status_and_reception(diagnostic):
    from facilitator.store import StoreBug

    doc, wid = diagnostic
    with pytest.raises(StoreBug):
        doc.execute(InsertRow("commitment", {"process_id": doc.process["id"], "what": "x", "status": "maybe"}))
    with pytest.raises(StoreBug):
        doc.execute(InsertRow("validation_round", {"workshop_id": wid, "reception": "meh"}))


def test_record_and_photos_import_no_qt():
    """The recorder's logic runs without Qt (CLI, exporters, tests), like the other pure modules."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    probe = ("import json, sys; import facilitator.record, facilitator.photos; "
             "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=str(root), timeout=60,
                         check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize("typed, expected", [
    ("30/09/2026", "2026-09-30"), ("2026-09-30", "2026-09-30"), ("", ""), ("  ", ""),
    ("mañana", "2026-03-05"), ("Mañana", "2026-03-05"), ("tomorrow", "2026-03-05"), ("hoy", "2026-03-04"),
    ("en 2 semanas", "2026-03-18"), ("en 10 días", "2026-03-14"), ("in 1 month", "2026-04-04")])
def test_deadlines_are_dates(typed, expected):
    assert R.due_from_input(typed, date(2026, 3, 4)) == expected


@pytest.mark.parametrize("typed", ["mañana por la tarde", "marzo", "pronto", "31/02/2026", "segundo semestre"])
def test_words_that_are_not_a_date_are_refused_with_a_message(typed):
    with pytest.raises(R.DueError) as info:
        R.due_from_input(typed, date(2026, 3, 4))
    assert typed in str(info.value) and "DD/MM/AAAA" in str(info.value)


def test_a_commitment_due_tomorrow_can_be_late(doc):
    cmd = R.add_commitment(doc, "Mesa comunal", responsible="DIDECO", due="mañana", indicator="Acta",
                           today=date(2026, 3, 4))
    doc.execute(cmd)
    row = doc.store.get("commitment", cmd.id)
    assert row["due"] == "2026-03-05"
    assert R.effective_status(row, date(2026, 3, 6)) == "late"
