"""The projector window follows the same running state as the Run panel."""

import sys
import types
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from facilitator.commands import InsertRow
from facilitator.session.runner import ManualClock, Status
from facilitator.ui.run import projector as P
from facilitator.ui.run import run_widgets as W
from facilitator.ui.run.run_panel import RunPanel
from qtshared.projection import choose_screen

T0 = datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def clock():
    return ManualClock(T0)


@pytest.fixture
def no_registry(monkeypatch):
    """Projector without a canvas registry: the zone counts fallback."""
    monkeypatch.setitem(sys.modules, "canvases.registry", None)  # import raises ModuleNotFoundError


@pytest.fixture
def panel(ctx, clock, qtbot):
    p = RunPanel(ctx, clock=clock, autotick=False)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    yield p
    p.shutdown()


@pytest.fixture
def projector(panel, qtbot):
    panel.toggle_projector()
    window = panel.projector
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_choose_screen():
    laptop, beamer, third = object(), object(), object()
    assert choose_screen([laptop], laptop) is None
    assert choose_screen([laptop, beamer], laptop) is beamer
    assert choose_screen([beamer, laptop], laptop) is beamer
    assert choose_screen([laptop, beamer, third], laptop) is third
    assert choose_screen([laptop, beamer], None) is beamer


def test_one_screen_gives_a_movable_window(projector):
    assert len(QGuiApplication.screens()) == 1
    assert projector.isVisible() and not projector.isFullScreen()
    assert (projector.width(), projector.height()) == (1280, 720)
    assert projector.windowTitle() == "Papelógrafo · Proyector"


def test_readable_from_the_back_at_1280x720(projector, panel):
    panel.controller.act("start")
    assert projector.countdown.digit_pixel_size() >= 120
    assert projector.title.font().pixelSize() >= 40
    assert projector.instruction.font().pixelSize() >= 18
    assert projector.end_label.font().pixelSize() >= 24


def test_the_projector_follows_the_runner(projector, panel, clock):
    controller = panel.controller
    assert projector.controller is controller  # a second view of the same state
    assert projector.title.text() == "Presentación" and projector.band.text() == "LISTO PARA EMPEZAR"
    controller.act("start")
    assert projector.countdown.text() == panel.countdown.text() == "10:00"
    assert projector.band.text() == "" and projector.position.text() == "Bloque 1 de 6"
    assert projector.next_label.text().replace("\xa0", " ") == "A continuación: Identificar desafíos (25 min)"
    assert projector.mode.text() == "Plenario"
    clock.advance(61)
    controller.tick()
    assert projector.countdown.text() == "08:59"
    controller.act("next")
    assert projector.title.text() == "Identificar desafíos"
    assert projector.mode.text() == "Fase 1 de 2 · Trabajo individual (post-it)  ·  Luego: trabajo en grupo"
    assert projector.instruction.text().startswith("Fase 1 · Individual")
    assert projector.end_label.text().replace("\xa0", " ") == "Vamos 9 min adelantados: «Cierre» empezará a las 10:41."
    controller.act("pause")
    assert projector.band.text() == "EN PAUSA" and projector.countdown.colour() == W.MUTED
    bars = projector.bar.state()
    assert bars[2] == 1 and bars[1][:2] == (pytest.approx(61 / 600, abs=1e-3), 0.0)  # index, parts spent


def test_colours_and_the_end_of_block_signal(projector, panel, clock, qtbot, monkeypatch):
    monkeypatch.setattr(P, "FLASH_MS", 20)
    controller = panel.controller
    controller.act("start")
    clock.advance(481)
    controller.tick()
    assert projector.countdown.colour() == W.WARN.lower()
    clock.advance(90)
    controller.tick()
    assert projector.countdown.colour() == W.DANGER.lower()
    clock.advance(29)
    with qtbot.waitSignal(controller.alert):
        controller.tick()
    assert projector.is_flashing() and projector.countdown.background() == W.ALARM_BG.lower()
    assert projector.band.text() == "TIEMPO CUMPLIDO" and projector.countdown.text() == "00:00"
    qtbot.waitUntil(lambda: not projector.is_flashing())
    assert projector.countdown.background() == W.BG.lower()
    assert projector.countdown.colour() == W.DANGER.lower()


def test_group_blocks_show_groups_as_consented(projector, panel, ctx, qtbot):
    doc = ctx.doc
    group = InsertRow("workgroup", {"workshop_id": ctx.workshop_id, "name": "Grupo Sur", "colour": "#3fb950"})
    doc.execute(group)
    panel.controller.act("start")
    assert not projector.groups.isVisible()
    panel.controller.act("next")
    assert projector.groups.isVisible()
    person = InsertRow("participant", {"process_id": doc.process["id"], "name": "Sin Permiso", "consent": 0,
                                       "organisation": "Fundación Puente"})
    ctx.undo.run(person)
    ctx.undo.run(InsertRow("attendance", {"workshop_id": ctx.workshop_id, "participant_id": person.id,
                                          "group_id": group.id}))
    qtbot.waitUntil(lambda: any(w.isVisible() for w in projector.groups.findChildren(QLabel)))
    texts = [w.text() for w in projector.groups.findChildren(QLabel) if w.isVisibleTo(projector.groups)]
    assert "Grupo Sur" in texts and "Fundación Puente" in texts and "Sin Permiso" not in " ".join(texts)


@pytest.fixture
def thumbnails(monkeypatch):
    """The board beside the clock as the canvas hook draws it (not the list of its last notes)."""
    monkeypatch.setattr(P, "LISTED_KINDS", ())


def test_canvas_fallback_counts_notes_per_zone(no_registry, thumbnails, projector, panel, ctx, qtbot):
    panel.controller.act("start")
    assert projector.canvas_widget() is None  # the introduction has no canvas
    panel.controller.act("next")
    view = projector.canvas_widget()
    assert isinstance(view, W.ZoneCountsView) and view.zone == "desafios"
    assert [(c.label, c.total) for c in view.counts()] == [("Desafíos", 0), ("Fortalezas y oportunidades", 0)]
    canvas = ctx.doc.canvases(ctx.workshop_id)[0]
    ctx.undo.run(InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "text": "Falta de intérpretes"}))
    assert view.counts()[0].total == 1
    def heads():
        return [w.text() for w in view.findChildren(QLabel) if w.property("role") == "zone_head" and w.isVisible()]

    qtbot.waitUntil(lambda: len(heads()) == 2)
    assert heads() == ["Desafíos · post-it: 1", "Fortalezas y oportunidades · post-it: 0"]


def test_canvas_hook_from_the_registry(thumbnails, projector, panel, monkeypatch):
    calls = []

    def projector_view(ctx, canvas_row):
        calls.append(canvas_row["kind"])
        return QLabel("vista del tablero")

    monkeypatch.setitem(sys.modules, "canvases.registry", types.SimpleNamespace(projector_view=projector_view))
    panel.controller.act("start")
    panel.controller.act("next")
    assert calls == ["board"] and projector.canvas_widget().text() == "vista del tablero"
    panel.controller.act("next")  # same canvas: the view is kept
    assert calls == ["board"]


def test_a_failing_canvas_hook_falls_back(thumbnails, projector, panel, monkeypatch, caplog):
    def broken(ctx, canvas_row):
        raise RuntimeError("boom")

    monkeypatch.setitem(sys.modules, "canvases.registry", types.SimpleNamespace(projector_view=broken))
    panel.controller.act("start")
    panel.controller.act("next")
    assert isinstance(projector.canvas_widget(), W.ZoneCountsView)
    assert "projector_view failed" in caplog.text


def test_keys_work_in_the_projector_window(projector, panel, qtbot):
    with qtbot.waitActive(projector):
        projector.activateWindow()
    assert QApplication.focusWidget() is projector  # the room keys reach it
    qtbot.keyClick(projector, Qt.Key.Key_Space)
    assert panel.controller.runner.status is Status.RUNNING
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    assert projector.title.text() == "Identificar desafíos"
    qtbot.keyClick(projector, Qt.Key.Key_F11)
    assert projector.isFullScreen()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isFullScreen() and projector.isVisible()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.isVisible()
    panel.toggle_projector()  # F5 / the button brings it back
    assert projector.isVisible()


def test_finished_workshop_thanks_the_room(projector, panel):
    panel.controller.act("start")
    panel.controller.act("end")
    assert projector.title.text() == "¡Gracias por participar!"
    assert projector.countdown.isHidden() and projector.band.text() == ""
    assert projector.end_label.text() == "El taller terminó a las 09:30."


def test_english_projector(ctx, clock, qtbot):
    from facilitator.i18n import set_language

    set_language("en")
    panel = RunPanel(ctx, clock=clock, autotick=False)
    qtbot.addWidget(panel)
    panel.controller.act("start")
    panel.toggle_projector()
    qtbot.addWidget(panel.projector)
    panel.controller.act("next")
    assert panel.projector.position.text() == "Block 2 of 6"
    assert panel.projector.mode.text() == "Phase 1 of 2 · Individual work (sticky notes)  ·  Then: group work"
    panel.shutdown()


def test_large_canvas_fills_the_screen_with_the_clock_in_the_corner(projector, panel, qtbot):
    panel.controller.act("start")
    panel.controller.act("next")  # a block on the board
    canvas = projector.canvas_widget()
    assert canvas is not None and projector.countdown.isVisible() and not projector.mini.isVisible()
    beside = canvas.width()
    panel.actions_by_key["canvas"].trigger()  # L: the board's notes, paged, over the whole screen
    qtbot.waitUntil(lambda: projector.canvas_widget().width() > beside * 1.5)
    assert projector.mini.isVisible() and projector.mini.text() == projector.countdown.text()
    assert not projector.countdown.isVisible() and not projector.instruction.isVisible()
    assert projector.canvas_widget().width() > projector.width() * 0.8
    panel.controller.act("next")  # the clock keeps counting in the corner on the next block
    panel.actions_by_key["canvas"].trigger()
    qtbot.waitUntil(lambda: projector.countdown.isVisible())
    assert not projector.mini.isVisible()


def test_groups_keep_their_height_beside_a_canvas(projector, panel, ctx, qtbot):
    """Wrapped member lists beside a canvas must not be squeezed into each other (the canvas gives way)."""
    doc = ctx.doc
    for n in range(3):
        group = InsertRow("workgroup", {"workshop_id": ctx.workshop_id, "name": f"Grupo {n + 1}"})
        doc.execute(group)
        for m in range(5):
            person = InsertRow("participant", {"process_id": doc.process["id"], "name": f"Persona Apellido {n}{m}",
                                               "consent": 1})
            doc.execute(person)
            doc.execute(InsertRow("attendance", {"workshop_id": ctx.workshop_id, "participant_id": person.id,
                                                 "group_id": group.id}))
    panel.controller.act("start")
    panel.controller.act("next")
    assert projector.canvas_widget() is not None and projector.groups.isVisible()
    qtbot.wait(50)
    labels = sorted((w for w in projector.groups.findChildren(QLabel) if w.isVisible()), key=lambda w: w.y())
    # Names and members when they fit in half the side; otherwise one line per group with its head count.
    assert len(labels) == 6 or [w.text() for w in labels] == [f"Grupo {n} · 5 personas" for n in (1, 2, 3)]
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()
    for upper, lower in zip(labels, labels[1:]):
        assert upper.geometry().bottom() < lower.geometry().top()


def test_large_canvas_pages_notes_readable_from_the_back(projector, panel, ctx, qtbot):
    """L on a board: a zone and group at a time, note type at least 1/30 of the screen, ↑↓ and A turn pages."""
    from PySide6.QtCore import Qt as _Qt

    from facilitator.ui.run.notes_pager import NotesPager

    canvas = next(c for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == "board")
    for n in range(30):
        ctx.doc.execute(InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios",
                                           "text": f"Desafío número {n} con bastante texto para leer"}))
    panel.controller.act("start")
    panel.controller.act("next")
    projector.resize(1024, 768)
    panel.actions_by_key["canvas"].setChecked(True)
    panel._canvas_large_changed()
    pager = projector.canvas_widget()
    assert isinstance(pager, NotesPager)
    qtbot.waitUntil(lambda: pager.isVisible() and pager.height() > 100)
    assert pager.text_px() >= projector.height() / 30
    assert len(pager.pages) > 1 and pager.page().zone == "Desafíos"
    assert projector.mini.isVisible() and projector.mini.text()  # the countdown stays in the corner
    first = pager.index
    qtbot.keyClick(projector, _Qt.Key.Key_Down)
    assert pager.index == first + 1
    qtbot.keyClick(projector, _Qt.Key.Key_Up)
    assert pager.index == first
    pager.rotate.setInterval(100)  # the room waits 12 s; the test does not
    qtbot.keyClick(projector, _Qt.Key.Key_A)
    assert pager.rotate.isActive()
    with qtbot.waitSignal(pager.rotate.timeout, timeout=5000):
        pass
    assert pager.index == first + 1
    panel.actions_by_key["canvas"].setChecked(False)
    panel._canvas_large_changed()
    assert not isinstance(projector.canvas_widget(), NotesPager)  # beside the clock: the live board again


def test_large_canvas_grows_a_card_to_its_note_and_cuts_only_a_note_longer_than_a_page(projector, panel, ctx, qtbot):
    """A long note gets the lines it needs (its row is taller, fewer rows on the page); "…" only for a note
    that alone is longer than the page, and then inside the page."""
    from facilitator.ui.run.notes_pager import NotesPager

    canvas = next(c for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == "board")
    long = " ".join(f"palabra{n}" for n in range(12))  # some seven lines on a card: more than the old four
    endless = " ".join(f"texto{n}" for n in range(400))
    for text in ("corta", long, "otra corta", endless, "última"):
        ctx.doc.execute(InsertRow("note", {"canvas_id": canvas["id"], "zone": "desafios", "text": text}))
    panel.controller.act("start")
    panel.controller.act("next")
    projector.resize(1024, 768)
    panel.actions_by_key["canvas"].setChecked(True)
    panel._canvas_large_changed()
    pager = projector.canvas_widget()
    assert isinstance(pager, NotesPager)
    qtbot.waitUntil(lambda: pager.isVisible() and pager.height() > 100)
    cut, whole = [], []
    for _ in range(len(pager.pages)):
        for (box, lines), text in zip(pager.cards(), pager.page().notes):
            assert QRectF(pager.rect()).contains(box), text[:20]
            (cut if lines[-1].endswith("…") else whole).append(text)
            if not lines[-1].endswith("…"):
                assert " ".join(lines).split() == text.split()
        pager.turn(1)
    assert cut == [endless] and sorted(whole) == sorted(["corta", long, "otra corta", "última"])


# -- beside the clock: the canvas's last notes, live ----------------------------------------------------
def _board(ctx):
    return next(c for c in ctx.doc.canvases(ctx.workshop_id) if c["kind"] == "board")


def test_beside_the_clock_the_last_notes_follow_the_note_taker(projector, panel, ctx, qtbot):
    """Not a thumbnail: the newest notes, newest first, in readable type, updated as each note is entered."""
    from facilitator.commands import UpdateRow
    from facilitator.ui.run.recent_notes import RecentNotesView

    board = _board(ctx)
    panel.controller.act("start")
    panel.controller.act("next")  # a block on the board, beside the clock
    projector.resize(1280, 720)
    listing = projector.canvas_widget()
    assert isinstance(listing, RecentNotesView)
    qtbot.waitUntil(lambda: listing.isVisible() and listing.height() > 100)
    assert projector.canvas_title.isVisible() and projector.canvas_title.text() == "Últimas notas"
    assert listing.shown() == [] and listing.hint() == "Las notas aparecerán aquí a medida que se escriban."
    reads = listing.reloads
    first = InsertRow("note", {"canvas_id": board["id"], "zone": "desafios", "text": "Falta de intérpretes"})
    ctx.undo.run(first)  # the note-taker enters a note: no call to the list, only the file's signal
    assert [n.lines for n in listing.shown()] == [("Falta de intérpretes",)] and listing.hint() == ""
    assert listing.shown()[0].tag == "Desafíos"  # the zone, small beside it (the board has two)
    ctx.undo.run(InsertRow("note", {"canvas_id": board["id"], "zone": "fortalezas_oportunidades",
                                    "text": "Universidad dispuesta a apoyar"}))
    assert [n.note_id for n in listing.shown()][1] == first.id  # the newest first
    assert listing.shown()[0].tag == "Fortalezas y oportunidades"
    ctx.undo.run(UpdateRow("note", first.id, {"text": "Falta de intérpretes en salud"}))
    assert listing.shown()[1].lines == ("Falta de intérpretes en salud",)
    assert listing.reloads == reads + 3  # once per change, never polled
    ctx.undo.stack.undo()
    ctx.undo.stack.undo()
    assert [n.lines for n in listing.shown()] == [("Falta de intérpretes",)]
    assert listing.text_px() >= projector.height() / 40


def test_the_list_shows_whole_notes_only_as_many_as_fit(projector, panel, ctx, qtbot):
    from PySide6.QtGui import QFont, QFontMetrics

    from facilitator.ui.run.recent_notes import RecentNotesView

    board = _board(ctx)
    texts = [f"Nota {n}: " + "una idea escrita en pocas palabras " * (1 + n % 3) for n in range(25)]
    for text in texts:
        ctx.doc.execute(InsertRow("note", {"canvas_id": board["id"], "zone": "desafios", "text": text}))
    panel.controller.act("start")
    panel.controller.act("next")
    projector.resize(1024, 768)
    listing = projector.canvas_widget()
    assert isinstance(listing, RecentNotesView)
    qtbot.waitUntil(lambda: listing.isVisible() and listing.height() > 100)
    shown = listing.shown()
    assert 1 < len(shown) < len(texts)  # a few, not all
    font = QFont(listing.font())
    font.setPixelSize(listing.text_px())
    metrics = QFontMetrics(font)
    for k, note in enumerate(shown):
        assert note.complete and " ".join(note.lines) == " ".join(texts[-1 - k].split())  # whole, newest first
        assert listing.rect().contains(note.rect)
        assert all(metrics.horizontalAdvance(line) <= note.rect.width() for line in note.lines)
    for upper, lower in zip(shown, shown[1:]):
        assert upper.rect.bottom() < lower.rect.top()


def test_a_note_taller_than_the_column_shows_its_first_whole_lines(ctx, qtbot):
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QWidget

    from facilitator.ui.run.recent_notes import RecentNotesView

    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    listing = RecentNotesView(ctx, _board(ctx), window)
    listing.setGeometry(0, 0, 300, 200)
    window.show()
    text = " ".join(f"palabra{n}" for n in range(200)) + " Supercalifragilísticoespialidosoextraordinariamente"
    ctx.doc.execute(InsertRow("note", {"canvas_id": _board(ctx)["id"], "zone": "desafios", "text": text}))
    [note] = listing.shown()
    font = QFont(listing.font())
    font.setPixelSize(listing.text_px())
    metrics = QFontMetrics(font)
    assert not note.complete and note.lines[-1].endswith("…") and len(note.lines) >= 2
    assert text.startswith(" ".join(note.lines[:-1]))  # whole lines, from the start
    assert listing.rect().contains(note.rect)
    assert all(metrics.horizontalAdvance(line) <= note.rect.width() for line in note.lines)


def test_wrapping_in_a_column_narrower_than_a_letter_ends(qtbot):
    """Before a column is laid out its width may be a pixel: every letter takes a line, and wrapping ends."""
    import threading

    from PySide6.QtGui import QFont, QFontMetrics

    from facilitator.ui.run.recent_notes import wrap

    metrics = QFontMetrics(QFont())
    found: list = []
    worker = threading.Thread(target=lambda: found.append(wrap("y · 2 iniciativas", metrics, 1, 1)), daemon=True)
    worker.start()
    worker.join(10)
    assert found, "wrap did not end"
    assert "".join(found[0]) == "y·2iniciativas"
    assert wrap("Capacitación en atención", metrics, 2000) == ["Capacitación en atención"]
