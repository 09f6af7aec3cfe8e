"""The projector at 1024×768, 1280×720 and 1920×1080 in each state: all inside, no overlapping text, nothing cut.

States: ready, a group block with its board beside the clock, the same with the canvas
large (L), a block of each method canvas, over time, the end; with six groups of six
people with long names.
"""

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from facilitator.participants import add_group

from demo_run import close, large, main_window, open_run, run_states

from .checks import problems as _problems


def problems(projector):
    """The layout checks, a wrapped text cut at the bottom included (the instruction at its smallest type)."""
    return _problems(projector, whole_lines=True)


SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
LONG = ["María José Fernández Valenzuela", "Jean-Baptiste Pierre-Louis Étienne", "Yusmary Alejandra Rondón Pérez",
        "Francisco Javier Olivares Tapia", "Wilner Jean-Louis Saint-Fleur", "Carolina Andrea Muñoz Fuentes"]


@pytest.fixture
def demo(qtbot, monkeypatch):
    w = main_window(qtbot, monkeypatch)
    w.resize(1366, 768)
    w.show()
    assert w.open_demo()
    yield w
    close(w)


def _settle():
    for _ in range(4):
        QApplication.processEvents()


def _six_groups_of_six(doc, workshop_id):
    from facilitator.commands import InsertRow

    for g in range(6):
        macro = add_group(doc, workshop_id, f"Grupo de trabajo intersectorial {g + 1}")
        doc.execute(macro)
        for n, name in enumerate(LONG):
            person = InsertRow("participant", {"process_id": doc.process["id"], "name": f"{name} {g}{n}",
                                               "consent": 1})
            doc.execute(person)
            doc.execute(InsertRow("attendance", {"workshop_id": workshop_id, "participant_id": person.id,
                                                 "group_id": macro.id, "present": 1}))


@pytest.mark.parametrize("size", SIZES)
def test_projector_fits_in_every_state(demo, size):
    found = []
    for row in range(demo.view.list.count()):
        if row == 0:
            wid = demo.view.doc.workshops()[0]["id"]
            _six_groups_of_six(demo.doc, wid)
        for state, projector in run_states(demo, row):
            projector.resize(*size)
            _settle()
            found += [f"workshop {row + 1}, {state}: {p}" for p in problems(projector)]
            if projector.countdown.isVisible() and projector.countdown.digit_pixel_size() < size[1] * 0.12:
                found.append(f"workshop {row + 1}, {state}: the countdown's digits "
                             f"{projector.countdown.digit_pixel_size()} px, under 0.12 of {size[1]}")
    assert found == [], "\n".join(found)


def _text_widgets(projector, beside):
    from PySide6.QtWidgets import QLabel

    for label in projector.findChildren(QLabel):
        if label.isVisibleTo(projector) and label.text() and not beside.isAncestorOf(label):
            yield label, QRect(label.mapTo(projector, label.rect().topLeft()), label.size())


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_last_notes_beside_the_clock_read_from_the_back(demo, size, lang):
    """Beside the clock a note canvas is the list of its last notes: inside, clear of other text, whole, large."""
    from PySide6.QtGui import QFont, QFontMetrics

    from facilitator.i18n import set_language
    from facilitator.ui.run.projector import LISTED_KINDS
    from facilitator.ui.run.recent_notes import RecentNotesView

    set_language(lang)
    found, seen = [], 0
    for row in range(demo.view.list.count()):
        for state, projector in run_states(demo, row):
            if state.endswith(" L") or projector._canvas_id in (None, ""):
                continue
            canvas = demo.doc.canvas(projector._canvas_id)
            if canvas is None or canvas["kind"] not in LISTED_KINDS:
                continue
            projector.resize(*size)
            _settle()
            where = f"workshop {row + 1}, {state} ({canvas['kind']})"
            listing = projector.canvas_widget()
            if not isinstance(listing, RecentNotesView):
                found.append(f"{where}: a {type(listing).__name__}, not the list of the last notes")
                continue
            seen += 1
            box = QRect(listing.mapTo(projector, listing.rect().topLeft()), listing.size())
            if not projector.rect().contains(box) or listing.height() < size[1] / 8:
                found.append(f"{where}: the list at {box.getRect()} in {size}")
            for label, rect in _text_widgets(projector, listing):
                overlap = rect.intersected(box)
                if overlap.width() > 2 and overlap.height() > 2:
                    found.append(f"{where}: the list overlaps {label.text()[:30]!r}")
            if listing.text_px() < size[1] / 40:
                found.append(f"{where}: note type {listing.text_px()} px < 1/40 of {size[1]}")
            if size != (1024, 768) and listing.text_px() < size[1] / 36:
                # Beside a long member list too: the groups give way (names in fewer lines, "+N más").
                found.append(f"{where}: note type {listing.text_px()} px < 1/36 of {size[1]} "
                             f"(the groups take {projector.groups.height()} px)")
            notes = demo.doc.recent_notes(canvas["id"], 50)
            shown = listing.shown()
            if notes and not shown:
                found.append(f"{where}: {len(notes)} notes, none shown")
            if len(shown) < min(2, len(notes)):
                found.append(f"{where}: {len(shown)} of {len(notes)} notes shown")
            if not notes and not listing.hint():
                found.append(f"{where}: no notes and no hint")
            font = QFont(listing.font())
            font.setPixelSize(listing.text_px())
            metrics = QFontMetrics(font)
            for k, note in enumerate(shown):
                if note.note_id != notes[k]["id"]:
                    found.append(f"{where}: note {k + 1} is not the {k + 1}th newest")
                if not note.complete or " ".join(note.lines) != " ".join(notes[k]["text"].split()):
                    found.append(f"{where}: note {k + 1} cut: {note.lines}")
                if not listing.rect().contains(note.rect):
                    found.append(f"{where}: note {k + 1} outside the list")
                if any(metrics.horizontalAdvance(line) > note.rect.width() for line in note.lines):
                    found.append(f"{where}: a line of note {k + 1} is wider than its card")
            for upper, lower in zip(shown, shown[1:]):
                if upper.rect.bottom() >= lower.rect.top():
                    found.append(f"{where}: notes overlap")
    assert seen >= 3, "the demo's board, FODA and tree blocks are all checked"
    assert found == [], "\n".join(found)


def test_the_large_canvas_of_a_tree_is_the_tree_not_the_list_of_last_notes(demo):
    """«Lienzo en grande» shows the canvas itself; the list of last notes is only beside the clock."""
    from facilitator.ui.run.recent_notes import RecentNotesView

    seen = {"L": 0, "side": 0}
    for name, projector in run_states(demo, 2):  # the demo's problem-tree workshop
        _settle()
        widget = projector.canvas_widget()
        if widget is None:
            continue
        if name.endswith(" L"):
            seen["L"] += 1
            assert not isinstance(widget, RecentNotesView), name
        elif name.startswith("block"):
            seen["side"] += isinstance(widget, RecentNotesView)
    assert seen["L"] >= 1 and seen["side"] >= 1


def test_the_large_canvas_opens_on_the_blocks_own_zone_and_keeps_the_page_turned(demo):
    """During «Identificar fortalezas y oportunidades» the big canvas shows that zone, not the first one;
    a page the facilitator turned stays turned while the clock ticks."""
    view = demo.view
    panel, controller, projector = open_run(demo, 0)  # the diagnostic: Desafíos, then Fortalezas y oportunidades
    wid = view.current_workshop_id()
    zones = {b["id"]: b["zone"] for b in demo.doc.blocks(wid)}
    labels = {z["key"]: z["label"] for c in demo.doc.canvases(wid) for z in c["zones"]}
    controller.act("start")
    checked = 0
    for _step in range(len(controller.runner.plan)):
        zone = zones.get(controller.view.block.id) if controller.view.block else None
        large(panel, True)
        _settle()
        pager = projector.canvas_widget()
        if zone and getattr(pager, "pages", None):
            assert pager.page().zone == labels[zone]
            projector.turn_page(1)
            turned = pager.index
            projector.show_view(controller.view)  # a tick
            assert pager.index == turned
            checked += 1
        large(panel, False)
        if controller.runner.can("next"):
            controller.act("next")
    assert checked >= 2


@pytest.mark.parametrize("size", SIZES)
def test_on_the_large_canvas_the_countdown_stands_out_from_the_wall_clock(demo, size):
    """In the corner the countdown (the time left) is clearly bigger than the time of day under it."""
    seen = 0
    for name, projector in run_states(demo, 0):
        if not name.endswith(" L"):
            continue
        projector.resize(*size)
        _settle()
        assert projector.mini.isVisible() and projector.wall.isVisible(), name
        assert projector.mini.font().pixelSize() >= 1.6 * projector.wall.font().pixelSize(), name
        assert problems(projector) == [], name
        seen += 1
    assert seen


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
@pytest.mark.parametrize("row, table", [(3, "initiative"), (4, "monitoring_row")])
def test_the_large_planning_and_monitoring_canvases_page_their_initiatives(demo, size, row, table):
    """«Lienzo en grande» of the matrix and the sheet: pages of initiatives in type read from the back, each once."""
    seen = 0
    for state, projector in run_states(demo, row):
        if not state.endswith(" L"):
            continue
        projector.resize(*size)
        _settle()
        widget = projector.canvas_widget()
        canvas = demo.doc.canvas(projector._canvas_id)
        if canvas is None or canvas["kind"] not in ("planning_matrix", "monitoring_matrix"):
            continue
        seen += 1
        where = f"workshop {row + 1}, {state} at {size}"
        assert hasattr(widget, "turn") and hasattr(widget, "set_rotating"), f"{where}: {type(widget).__name__} does not page"
        assert widget.text_px() >= size[1] / 40, where
        assert problems(projector) == [], where
        ids = [r["id"] for r in demo.doc.store.query(f"SELECT id FROM {table} WHERE canvas_id = ?", (canvas["id"],))]
        assert ids, where
        assert widget.detail_px() >= size[1] / 45, where
        shown = []
        for _ in range(len(widget.pages)):
            page = widget.page()
            shown += [item.key for item in page.items]
            used = sum(widget._height(widget._lines(item, widget.width())) for item in page.items)
            room = widget.height() - widget._top(page.heading, page.sub)
            assert len(page.items) == 1 or used <= room, f"{where}: page overflows"
            projector.turn_page(1)  # ↓ on the projector
        assert widget.index == 0, f"{where}: the pages do not come round"
        assert sorted(shown) == sorted(str(i) for i in ids), where
        assert len(widget.pages) > 1 or len(ids) <= 3, f"{where}: {len(ids)} initiatives on one page"
    assert seen >= 1


# -- beside the clock: the planning matrix and the monitoring sheet in a narrow column ---------------------
class _DrawnText:
    """Every text a widget's paint draws: (text, box or None, flags, font, origin), by patching QPainter.drawText."""

    def __init__(self, monkeypatch):
        from PySide6.QtGui import QPainter

        self.calls = []
        original = QPainter.drawText

        def record(painter, *args):
            font = QFont(painter.font())
            if len(args) == 3 and isinstance(args[2], str) and isinstance(args[0], (int, float)):
                self.calls.append((args[2], None, 0, font, (args[0], args[1])))
            elif len(args) == 3 and isinstance(args[2], str):
                self.calls.append((args[2], QRectF(args[0]), int(args[1]), font, None))
            elif len(args) == 2 and isinstance(args[1], str):
                box = args[0] if isinstance(args[0], (QRect, QRectF)) else None
                self.calls.append((args[1], QRectF(box) if box is not None else None, 0, font,
                                   None if box is not None else (args[0].x(), args[0].y())))
            return original(painter, *args)

        monkeypatch.setattr(QPainter, "drawText", record)


def _side_texts(widget, drawn):
    """What ``widget`` draws now: [(text, box, flags, font, origin)]."""
    drawn.calls.clear()
    widget.grab()
    return list(drawn.calls)


def _text_problems(widget, calls, screen_h, words):
    """Cut, elided, broken or too small text among ``calls`` drawn by ``widget``."""
    found = []
    area = QRectF(widget.rect()).adjusted(-1, -1, 1, 1)
    wide = widget.width()
    for text, box, flags, font, origin in calls:
        if not text.strip():
            continue
        metrics = QFontMetricsF(font)
        px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        if px < screen_h / 50:
            found.append(f"{text[:30]!r} in {px:.0f} px type, under 1/50 of {screen_h}")
        if "…" in text:
            found.append(f"{text[:30]!r} elided")
        if box is None:  # drawn at a baseline
            x, y = origin
            needed = QRectF(x, y - metrics.ascent(), metrics.horizontalAdvance(text), metrics.height())
        else:
            needed = metrics.boundingRect(box, flags, text)
            if flags & int(Qt.TextFlag.TextWordWrap):
                for word in text.split():
                    if box.width() + 1 < metrics.horizontalAdvance(word) <= wide:
                        found.append(f"{word!r} wider than its box ({box.width():.0f} px) though the column has room")
            elif metrics.horizontalAdvance(text) > box.width() + 1:
                found.append(f"{text[:30]!r} wider than its box ({metrics.horizontalAdvance(text):.0f} > "
                             f"{box.width():.0f})")
        if not area.contains(needed):
            found.append(f"{text[:30]!r} outside the view: {needed.getRect()} in {widget.size().toTuple()}")
    lines = [c[0].split() for c in calls if c[0].split()]
    for upper, lower in zip(lines, lines[1:]):  # a word split over two lines though it fits one
        joined = upper[-1] + lower[0]
        if joined in words and QFontMetricsF(widget.font()).horizontalAdvance(joined) < wide / 2:
            found.append(f"{joined!r} broken into {upper[-1]!r} / {lower[0]!r}")
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("row, table", [(3, "initiative"), (4, "monitoring_row")])
def test_the_matrix_and_the_sheet_beside_the_clock_read_whole(demo, monkeypatch, size, row, table):
    """Beside the clock the planning matrix and the monitoring sheet fit their narrow column: every initiative
    (on some page), no word, date or status cut or elided, no word broken that fits a line, type read from afar."""
    drawn = _DrawnText(monkeypatch)
    found, seen = [], 0
    for state, projector in run_states(demo, row):
        canvas = demo.doc.canvas(projector._canvas_id) if projector._canvas_id else None
        if state.endswith(" L") or canvas is None or canvas["kind"] not in ("planning_matrix", "monitoring_matrix"):
            continue
        projector.resize(*size)
        _settle()
        seen += 1
        where = f"workshop {row + 1}, {state} at {size}"
        widget = projector.canvas_widget()
        rows = demo.doc.store.query(f"SELECT * FROM {table} WHERE canvas_id = ?", (canvas["id"],))
        words = {w for r in rows for v in r.values() if isinstance(v, str) for w in v.split()}
        texts = []
        for _page in range(max(1, len(getattr(widget, "pages", ())))):
            calls = _side_texts(widget, drawn)
            found += [f"{where}: {p}" for p in _text_problems(widget, calls, size[1], words)]
            texts += [c[0] for c in calls]
            if hasattr(widget, "turn"):
                widget.turn(1)
        shown = " ".join(" ".join(texts).split())
        for r in rows:
            name = " ".join(str(r["name"]).split())
            if name not in shown:
                found.append(f"{where}: {name[:40]!r} not shown whole on any page")
        found += [f"{where}: {p}" for p in problems(projector)]
    assert seen >= 1
    assert found == [], "\n".join(found)


def test_the_matrix_beside_the_clock_turns_its_pages_and_follows_the_file(demo):
    """↓ and A turn the side's pages as on «Lienzo en grande»; an initiative entered now shows, counted in "+N más"."""
    from facilitator import planning as P

    seen = 0
    for state, projector in run_states(demo, 3):  # the demo's planning workshop: block 2 shows the matrix beside
        if state != "block 2":
            continue
        projector.resize(1280, 720)
        _settle()
        seen += 1
        side = projector.canvas_widget()
        assert hasattr(side, "turn") and len(side.pages) > 1, type(side).__name__
        assert projector.canvas_title.isVisible() and projector.canvas_title.text() == demo.doc.canvas(
            projector._canvas_id)["title"]
        projector.turn_page(1)
        assert side.index == 1
        projector.toggle_rotation()
        assert side.rotate.isActive()
        projector.toggle_rotation()
        before = sum(1 for p in side.pages for b in p.blocks if b.entry)
        demo.doc.execute(P.add_initiative(demo.doc, projector._canvas_id, name="Feria intercultural de empleo",
                                          unit="OMIL", period="2027"))
        entries = [b.entry for p in side.pages for b in p.blocks if b.entry]
        assert len(entries) == before + 1
        assert any(e.title == "Feria intercultural de empleo" and e.detail == "OMIL · 2027" for e in entries)
        assert side.index == 1  # still on the page it was turned to
        # another canvas renamed does not rebuild the side's pages; its own canvas renamed does
        from facilitator.commands import UpdateRow

        reloads = []
        side.reload = lambda *a, _reload=side.reload: (reloads.append(1), _reload(*a))
        ours = projector._canvas_id
        other = next(c["id"] for w in demo.doc.workshops() for c in demo.doc.canvases(w["id"]) if c["id"] != ours)
        demo.doc.execute(UpdateRow("canvas", other, {"title": "Otro papelógrafo"}))
        assert reloads == []
        demo.doc.execute(UpdateRow("canvas", ours, {"title": "Matriz revisada"}))
        assert reloads == [1]
    assert seen == 1


# -- «Lienzo en grande» of the note canvases: every note whole, on its block's zone ----------------------
@pytest.mark.parametrize("size", SIZES)
def test_the_large_note_canvases_show_every_note_whole(demo, monkeypatch, size):
    """Every page of every demo board and FODA over the whole screen: each note's whole text, no "…" (no demo
    note is longer than a page), inside the view, in type at least 1/30 of the screen's height."""
    from facilitator.ui.run.notes_pager import NotesPager

    drawn = _DrawnText(monkeypatch)
    found, seen = [], 0
    for row in range(demo.view.list.count()):
        for state, projector in run_states(demo, row):
            widget = projector.canvas_widget()
            if not state.endswith(" L") or type(widget) is not NotesPager:
                continue
            projector.resize(*size)
            _settle()
            assert widget.text_px() >= size[1] / 30
            for _ in range(len(widget.pages)):
                page = widget.page()
                where = f"workshop {row + 1}, {state} at {size}, page {widget.index + 1} ({page.zone})"
                calls = _side_texts(widget, drawn)
                shown = "".join("".join(c[0].split()) for c in calls)
                words = {w for n in page.notes for w in n.split()}
                found += [f"{where}: {p}" for p in _text_problems(widget, calls, size[1], words)]
                found += [f"{where}: {note[:40]!r} not shown whole" for note in page.notes
                          if "".join(note.split()) not in shown]
                top = [(t, QFontMetricsF(f).boundingRect(b, fl, t)) for t, b, fl, f, _o in calls if b and b.top() == 0]
                counter = [r for t, r in top if t.startswith("Página")]
                found += [f"{where}: {t!r} runs into the page counter" for t, r in top
                          if counter and not t.startswith("Página") and r.intersects(counter[0])]
                seen += len(page.notes)
                projector.turn_page(1)
    assert seen > 50
    assert found == [], "\n".join(found)


def test_the_large_canvas_opens_on_the_zone_the_block_names(demo):
    """The FODA's blocks name their quadrants in their titles only: «Factores externos: oportunidades y
    amenazas» opens on Oportunidades; the plenary over the whole matrix on the first page."""
    panel, controller, projector = open_run(demo, 1)  # the FODA
    controller.act("start")
    opened = {}
    for _step in range(len(controller.runner.plan)):
        large(panel, True)
        _settle()
        pager = projector.canvas_widget()
        if getattr(pager, "pages", None):
            opened[controller.view.block.title] = (pager.page().zone, pager.index)
        large(panel, False)
        if controller.runner.can("next"):
            controller.act("next")
    assert opened["Factores internos: fortalezas y debilidades"][0] == "Fortalezas"
    assert opened["Factores externos: oportunidades y amenazas"][0] == "Oportunidades"
    assert opened["Plenario: consolidar la matriz FODA"][1] == 0
    controller.act("end")
    projector.close()


def test_a_plenary_block_opens_the_large_canvas_on_its_first_page_not_the_page_left_turned(demo):
    """«Lienzo en grande» kept on from «Identificar fortalezas y oportunidades» (its zone's pages) into
    «Plenario de resultados» (no zone: the whole board): the same pages, back on the first."""
    panel, controller, projector = open_run(demo, 0)  # the diagnostic
    controller.act("start")
    large(panel, True)
    while controller.view.block.title != "Plenario de resultados":
        previous = projector.canvas_widget()
        controller.act("next")
        _settle()
    pager = projector.canvas_widget()
    assert pager is previous  # the same canvas: the same pages, turned by the block before
    assert pager.index == 0 and pager.page().zone == "Desafíos"


def test_the_large_monitoring_sheet_numbers_its_pages_once(demo, monkeypatch):
    """The sheet is one list: «Página 1 de 3» in the corner, not also «(1/3)» after its title."""
    drawn = _DrawnText(monkeypatch)
    seen = 0
    for state, projector in run_states(demo, 4):  # the monitoring review
        widget = projector.canvas_widget()
        if not state.endswith(" L") or not hasattr(widget, "_sections") or widget.page() is None:
            continue
        projector.resize(1280, 720)
        _settle()
        assert len(widget.pages) > 1
        texts = [c[0] for c in _side_texts(widget, drawn)]
        assert any(t.startswith(f"Página 1 de {len(widget.pages)}") for t in texts), texts
        assert not [t for t in texts if f"(1/{len(widget.pages)})" in t], texts
        seen += 1
    assert seen


@pytest.mark.parametrize("size", SIZES)
def test_the_projected_tree_fills_a_wide_view(demo, size):
    """The tree tab's own projection (its canvas alone on the projector): wider, lower boxes fill a wide
    view (the tree at the look's shape took half its width), every box's text whole."""
    from canvases.tree.projector_view import projector_view

    panel, controller, projector = open_run(demo, 2)  # the problem-tree workshop (for its context)
    canvas = next(c for c in demo.doc.canvases(demo.view.current_workshop_id()) if c["kind"] == "problem_tree")
    view = projector_view(projector.ctx, canvas)
    view.resize(size[0], size[1] // 2)  # wide and low, as under a title
    view.show()
    _settle()
    scene = view.tree_scene
    used = view.mapFromScene(scene.sceneRect()).boundingRect()
    port = view.viewport().rect()
    where = f"the tree {used.width()}×{used.height()} in {port.width()}×{port.height()}"
    assert used.width() >= 0.8 * port.width() and used.height() >= 0.8 * port.height(), where
    assert port.adjusted(-2, -2, 2, 2).contains(used), where
    view.viewport().grab()  # the boxes wrap their text when painted
    assert all(n._lines for n in scene.nodes.values()), where
    assert not [n for n in scene.nodes.values() if any("…" in t for _y, t in n._lines)], where
    view.close()
    view.deleteLater()
    projector.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_large_tree_pages_its_bands_in_the_notes_type(demo, size):
    """«Lienzo en grande» of the problem tree: every box once over the pages, whole, inside the view and
    clear of the others, in type at least 1/30 of the screen's height (the whole tree was a thumbnail,
    its words some 10 px at 1920×1080); the block's band first (the causes during «Identificar las causas»)."""
    seen = 0
    for state, projector in run_states(demo, 2):  # the problem-tree workshop
        widget = projector.canvas_widget()
        canvas = demo.doc.canvas(projector._canvas_id) if projector._canvas_id else None
        if not state.endswith(" L") or canvas is None or canvas["kind"] != "problem_tree":
            continue
        projector.resize(*size)
        _settle()
        where = f"{state} at {size}"
        assert hasattr(widget, "turn") and widget.text_px() >= size[1] / 30, where
        if projector.controller.view.block.title == "Identificar las causas":
            assert widget.page().zone == "Causas", where
        shown = []
        area = QRectF(widget.rect()).adjusted(-1, -1, 1, 1)
        for _ in range(len(widget.pages)):
            placed = widget._placed()
            shown += [note_id for note_id, _b, _l in placed]
            for note_id, box, lines in placed:
                assert area.contains(box), f"{where}: {lines} outside"
                assert " ".join(lines).split() == str(widget.notes[note_id]["text"]).split(), f"{where}: {lines}"
            for (_a, one, _l1), (_b, two, _l2) in zip(placed, placed[1:]):
                assert not one.intersects(two), where
            projector.turn_page(1)
        assert sorted(shown) == sorted(n["id"] for n in demo.doc.notes(canvas["id"])), where
        seen += 1
    assert seen >= 3
