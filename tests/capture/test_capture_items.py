"""Capture edits without a network: moderation, the hidden bin, merging, undo, rate limit and addresses."""

from __future__ import annotations

import pytest

from capture_helpers import workshop_file
from facilitator.capture import items as capture
from facilitator.capture.addresses import Interface, usable
from facilitator.capture.guard import RateLimit, host_allowed, normalise_code, origin_allowed
from facilitator.document import ProcessDocument


@pytest.fixture
def moderated(tmp_path):
    path, wid, blocks = workshop_file(tmp_path)
    doc = ProcessDocument.open(path)
    target = capture.capture_target(doc, wid, blocks["identificar_desafios"])
    opening = capture.open_session(target, moderated=True)
    doc.execute(opening)
    yield doc, capture.session(doc, opening.id), target
    doc.close()


def board(doc) -> list[str]:
    return [r["text"] for r in doc.store.query("SELECT text FROM note ORDER BY position, rowid")]


def send(doc, sess, text, group=None, phone="telefono-0001"):
    macro = capture.submit(doc, sess, phone=phone, text=text, group_id=group, zone="desafios")
    doc.execute(macro)
    return macro.item_id


def test_accept_hide_restore_and_undo_keep_every_text(moderated):
    doc, sess, target = moderated
    g1 = target.groups[0]["id"]
    a, b = send(doc, sess, "Uno", g1), send(doc, sess, "<b>Dos</b>", g1)
    assert board(doc) == [] and [i["text"] for i in capture.items(doc, sess["id"], ["pending"])] == ["Uno", "<b>Dos</b>"]
    accepted = capture.accept(doc, [a])
    doc.execute(accepted)
    assert board(doc) == ["Uno"]
    hidden = capture.hide(doc, [a, b])
    doc.execute(hidden)
    assert board(doc) == [] and {i["text"] for i in capture.items(doc, sess["id"], ["hidden"])} == {"Uno", "<b>Dos</b>"}
    hidden.undo(doc.store)  # undo brings the note back on the board, with its id
    assert board(doc) == ["Uno"] and doc.store.get("capture_item", a)["status"] == "accepted"
    hidden.redo(doc.store)
    doc.execute(capture.restore(doc, [a]))
    assert [i["id"] for i in capture.items(doc, sess["id"], ["pending"])] == [a]
    assert [i["id"] for i in capture.workshop_items(doc, target.workshop_id, ["hidden"])] == [b]


def test_merge_makes_one_note_and_remembers_its_items(moderated):
    doc, sess, target = moderated
    ids = [send(doc, sess, t, target.groups[1]["id"]) for t in ("Falta de intérpretes", "No hay traductores")]
    merged = capture.merge(doc, ids)
    doc.execute(merged)
    assert board(doc) == ["Falta de intérpretes / No hay traductores"]
    assert {doc.store.get("capture_item", i)["note_id"] for i in ids} == {merged.note_id}
    merged.undo(doc.store)
    assert board(doc) == [] and len(capture.items(doc, sess["id"], ["pending"])) == 2


def test_withdrawing_an_accepted_note_takes_it_off_the_board_and_undo_restores_it(moderated):
    doc, sess, _target = moderated
    item = send(doc, sess, "Me arrepiento")
    doc.execute(capture.accept(doc, [item]))
    out = capture.withdraw(doc, item)
    doc.execute(out)
    assert board(doc) == [] and doc.store.get("capture_item", item)["status"] == "withdrawn"
    out.undo(doc.store)
    assert board(doc) == ["Me arrepiento"]


def test_texts_are_checked_in_one_line():
    with pytest.raises(capture.CaptureProblem):
        capture.check_text("   ")
    with pytest.raises(capture.CaptureProblem):
        capture.check_text("x" * (capture.NOTE_MAX + 1))
    with pytest.raises(capture.CaptureProblem):
        capture.check_text(None)
    assert capture.check_text("  ¿Qué pasa? 😀 ") == "¿Qué pasa? 😀"


def test_a_block_without_any_canvas_cannot_open(tmp_path):
    from facilitator.commands import InsertRow

    doc = ProcessDocument.create(tmp_path / "vacio.taller", "Sin lienzo")
    try:
        pid = doc.process["id"]
        w = InsertRow("workshop", {"process_id": pid, "title": "Taller"})
        doc.execute(w)
        b = InsertRow("block", {"workshop_id": w.id, "title": "Bienvenida", "minutes": 5})
        doc.execute(b)
        with pytest.raises(capture.CaptureProblem, match="no tiene un lienzo"):
            capture.capture_target(doc, w.id, b.id)
    finally:
        doc.close()


def test_rate_limit_is_a_bucket_of_five_refilled_once_a_second():
    now = [0.0]
    limit = RateLimit(1.0, 5, clock=lambda: now[0])
    assert [limit.take("a") for _ in range(5)] == [0.0] * 5
    assert limit.take("a") == pytest.approx(1.0)
    now[0] = 2.5
    assert [limit.take("a") == 0.0 for _ in range(3)] == [True, True, False]


def test_host_origin_and_codes():
    assert host_allowed("192.168.1.5:8765", "192.168.1.5", 8765)
    assert not host_allowed("evil.example:8765", "192.168.1.5", 8765) and not host_allowed(None, "a", 1)
    assert origin_allowed("http://192.168.1.5:8765", "192.168.1.5", 8765)
    assert not origin_allowed("http://192.168.1.5", "192.168.1.5", 8765) and not origin_allowed("null", "a", 1)
    assert normalise_code(" ab3-k9z ") == "AB3K9Z"


def test_addresses_rank_real_wifi_first_and_virtual_adapters_last():
    found = usable([
        Interface("lo", "lo", "127.0.0.1", loopback=True),
        Interface("{1}", "vEthernet (WSL)", "172.29.16.1"),
        Interface("docker0", "docker0", "172.17.0.1"),
        Interface("{2}", "Ethernet", "10.0.0.4"),
        Interface("{3}", "Wi-Fi", "192.168.1.23"),
        Interface("{4}", "Wi-Fi 2", "169.254.10.2"),
        Interface("{5}", "Down", "192.168.5.5", up=False),
        Interface("{6}", "v6", "fe80::1"),
    ])
    assert [c.address for c in found] == ["192.168.1.23", "10.0.0.4", "172.17.0.1", "172.29.16.1"]
    assert [c.virtual for c in found] == [False, False, True, True]
