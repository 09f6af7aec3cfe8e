"""The Phones tab with the board beside it: a phone's note shows up on the board; moderation; the projector.

Servers listen on 127.0.0.1 only (see tests/capture/capture_helpers.py for the port range).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "capture"))

from capture_helpers import Phone, free_port  # noqa: E402
from facilitator.capture import items as capture  # noqa: E402
from facilitator.commands import InsertRow  # noqa: E402

MARKUP = "Salud <script>alert(1)</script> <b>ñandú</b> 🎉"


@pytest.fixture
def desk(qtbot, ctx, errors):
    """The board and the Phones tab of one workshop with three groups, over one document."""
    from canvases.board.board_panel import BoardPanel
    from facilitator.ui.capture.capture_panel import CapturePanel

    doc, wid = ctx.doc, ctx.workshop_id
    for i in range(3):
        doc.execute(InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {i + 1}", "position": i}))
    holder = QWidget()
    qtbot.addWidget(holder)
    board = BoardPanel(ctx, holder)
    phones = CapturePanel(ctx, holder)
    phones.fill_addresses([])  # no real network in tests: loopback only
    phones.address.setCurrentIndex(phones.address.findData("127.0.0.1"))
    port = free_port()
    if port:
        phones.port.setValue(port)
    else:
        phones.port.setMinimum(0)
        phones.port.setValue(0)
    blocks = {b["key"]: b["id"] for b in doc.blocks(wid)}
    phones.block.setCurrentIndex(phones.block.findData(blocks["identificar_desafios"]))
    yield board, phones, errors
    phones.shutdown()
    board.shutdown()


def board_texts(board) -> list[str]:
    return sorted(item.row["text"] for item in board.scene.notes.values())


def test_a_phones_note_appears_on_the_board_as_typed(qtbot, desk):
    board, phones, errors = desk
    assert phones.open_capture(), errors
    server = phones.bridge.server
    assert phones.open_button.text() == "Cerrar la captura"
    assert [c.title.text() for c in phones.cards.cards] == ["Grupo 1", "Grupo 2", "Grupo 3",
                                                             "Relatoría (otra computadora)"]
    assert phones.cards.cards[1].url == server.url(server.passes[1])  # what the QR encodes
    status, _ = Phone(server, server.passes[1].token).send(MARKUP)
    assert status == 201
    qtbot.waitUntil(lambda: board_texts(board) == [MARKUP], timeout=5000)
    item = next(iter(board.scene.notes.values()))
    assert item.row["group_id"] == phones.ctx.doc.groups(phones.ctx.workshop_id)[1]["id"]
    board.scene.select_ids([item.note_id])
    qtbot.waitUntil(lambda: "enviada desde un teléfono a las" in board.inspector.where.text())
    assert board.inspector.where.text().startswith("Grupo 2 · Desafíos · ")
    phones.toggle()  # close
    assert not phones.bridge.is_open and phones.cards.cards == []


def test_moderation_queue_accepts_edits_merges_hides_and_restores(qtbot, desk):
    board, phones, errors = desk
    phones.moderated.setChecked(True)
    assert phones.open_capture(), errors
    server = phones.bridge.server
    phone = Phone(server, server.passes[0].token)
    for text in (MARKUP, "Trámites lentos", "Trámites muy lentos", "spam"):
        assert phone.send(text)[0] == 201
    queue = phones.queue
    qtbot.waitUntil(lambda: queue.pending.count() == 4, timeout=5000)
    assert board_texts(board) == []
    assert queue.pending.item(0).text() == f"Grupo 1 · Desafíos\n{MARKUP}"  # plain text, markup and all

    queue.pending.item(0).setSelected(True)
    queue.accept()
    qtbot.waitUntil(lambda: board_texts(board) == [MARKUP])
    # Edit one before accepting it.
    queue.pending.clearSelection()
    queue.pending.item(0).setSelected(True)
    queue.editor.setPlainText("Trámites lentos en el registro civil")
    queue.save_text()
    assert queue.pending.item(0).text().endswith("Trámites lentos en el registro civil")
    # Merge the two about paperwork.
    queue.pending.clearSelection()
    queue.pending.item(0).setSelected(True)
    queue.pending.item(1).setSelected(True)
    queue.merge()
    qtbot.waitUntil(lambda: len(board_texts(board)) == 2)
    assert "Trámites lentos en el registro civil / Trámites muy lentos" in board_texts(board)
    # Hide the spam: it goes to the bin, not away.
    queue.pending.item(0).setSelected(True)
    queue.hide()
    assert queue.pending.count() == 0 and queue.bin.count() == 1 and queue.bin.item(0).text().endswith("spam")
    queue.bin.item(0).setSelected(True)
    queue.restore()
    assert queue.pending.count() == 1 and queue.bin.count() == 0
    # Each step is one undo: undo the restore, then the hiding.
    phones.ctx.undo.stack.undo()
    assert queue.bin.count() == 1
    # The phone sees what became of its notes.
    statuses = sorted(m["status"] for m in phone.state()["mine"])
    assert statuses == ["accepted", "hidden", "merged", "merged"]
    assert errors == []


def test_pause_and_vote_switches_reach_the_phones(qtbot, desk):
    board, phones, errors = desk
    assert phones.open_capture(), errors
    server = phones.bridge.server
    phone = Phone(server, server.passes[0].token)
    phone.send("Una idea")
    phones.paused.setChecked(True)
    assert phone.state()["paused"] is True and phone.send("en pausa")[0] == 409
    phones.ctx.undo.stack.undo()  # the switch is an edit like any other
    assert phone.state()["paused"] is False
    phones.dots.setValue(5)
    phones.voting.setChecked(True)
    state = phone.state()
    assert state["voting"] and state["dots_left"] == 5 and [b["text"] for b in state["ballot"]] == ["Una idea"]


def test_a_busy_port_is_explained_in_one_line(qtbot, desk):
    import socket

    board, phones, errors = desk
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", free_port()))
        taken.listen()
        phones.port.setValue(taken.getsockname()[1])
        assert not phones.open_capture()
    assert len(errors) == 1 and "ya está en uso" in errors[0] and "\n" not in errors[0]
    assert not phones.bridge.is_open


def test_the_projector_shows_the_join_codes_and_j_hides_them(qtbot, desk):
    from facilitator.ui.run.run_panel import RunPanel

    board, phones, errors = desk
    run = RunPanel(phones.ctx, phones.parentWidget())
    try:
        run.toggle_projector()
        projector = run.projector
        qtbot.waitExposed(projector)
        assert not projector.join_cards.isVisible()
        assert phones.open_capture(), errors
        assert [c.title.text() for c in projector.join_cards.cards] == ["Grupo 1", "Grupo 2", "Grupo 3"]
        assert projector.join_cards.isVisible() and projector.phones.text() == "Teléfonos conectados: 0"
        phones.bridge.set_projector(join=False)
        assert not projector.join_cards.isVisible() and not phones.show_join.isChecked()
        phones.show_count.setChecked(False)
        assert not projector.phones.isVisible()
        phones.toggle()
        assert not projector.join_cards.isVisible()
    finally:
        run.shutdown()


def test_phone_markup_stays_text_in_the_pdf(tmp_path, desk):
    import pypdf

    from exports.jobs import ExportRequest, run_export

    board, phones, errors = desk
    assert phones.open_capture(), errors
    server = phones.bridge.server
    assert Phone(server, server.passes[0].token).send(MARKUP)[0] == 201
    phones.toggle()
    out = tmp_path / "informe.pdf"
    run_export(phones.ctx.doc, ExportRequest(pdf=out, workshop_id=phones.ctx.workshop_id))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "<script>alert(1)</script>" in text and "<b>ñandú</b>" in text
