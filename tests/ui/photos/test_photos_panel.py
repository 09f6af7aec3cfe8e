"""The photos tab: import by picker and by drag and drop, gallery, attach, caption, viewer, undo."""

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from facilitator import photos as P
from facilitator.commands import InsertRow
from facilitator.session.runlog import RunLog, plan_of
from facilitator.session.runner import Runner
from facilitator.settings import Settings
from qtshared.context import DocumentSignals, WorkshopContext
from facilitator.ui.photos.photos_panel import PhotoDialogs, PhotosPanel
from qtshared.undo import UndoAdapter

TIMEOUT = 30_000
P.heif_available()  # registers the HEIF codec with Pillow, so tests can write HEIC files


def halves(size=(400, 200)) -> Image.Image:
    im = Image.new("RGB", size, (255, 0, 0))
    im.paste((0, 0, 255), (0, 0, size[0] // 2, size[1]))
    return im


def save(im: Image.Image, path, fmt: str, orientation: int = 1):
    exif = Image.Exif()
    exif[0x0112] = orientation
    im.save(path, fmt, exif=exif.tobytes()) if fmt != "PNG" else im.save(path, fmt)
    return str(path)


@pytest.fixture
def files(tmp_path):
    turned = save(halves(), tmp_path / "IMG_0001.jpg", "JPEG", orientation=6)
    png = save(halves((300, 300)), tmp_path / "esquema.png", "PNG")
    heic = save(halves((320, 240)), tmp_path / "IMG_0002.HEIC", "HEIF", orientation=1)
    good = tmp_path / "foto.jpg"
    save(Image.effect_noise((300, 200), 50).convert("RGB"), good, "JPEG")
    broken = tmp_path / "cortada.jpg"
    broken.write_bytes(good.read_bytes()[:600])
    text = tmp_path / "acta.jpg"
    text.write_text("no es una foto", encoding="utf-8")
    return {"turned": turned, "png": png, "heic": heic, "broken": str(broken), "text": str(text)}


@pytest.fixture
def setup(diagnostic, qtbot, errors):
    doc, wid = diagnostic
    holder = QWidget()
    qtbot.addWidget(holder)
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), DocumentSignals(doc, holder), Settings(), wid)
    panel = PhotosPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    return ctx, panel


def import_and_wait(panel, qtbot, paths):
    with qtbot.waitSignal(panel.import_finished, timeout=TIMEOUT) as blocker:
        assert panel.import_files(paths)
    return blocker.args


def test_picker_imports_jpeg_png_heic_and_reports_broken_files(setup, qtbot, files, errors, monkeypatch):
    ctx, panel = setup
    chosen = [files[k] for k in ("turned", "broken", "png", "text", "heic")]
    monkeypatch.setattr(PhotoDialogs, "open_images", classmethod(lambda cls, parent, folder="": chosen))
    with qtbot.waitSignal(panel.import_finished, timeout=TIMEOUT) as blocker:
        panel.add_button.click()
    ids, problems = blocker.args
    assert len(ids) == 3 and len(problems) == 2
    assert len(errors) == 1 and "cortada.jpg" in errors[0] and "acta.jpg" in errors[0]
    assert "no es una imagen" in errors[0] and "dañada o incompleta" in errors[0]
    assert panel.model.rowCount() == 3
    assert [r["mime"] for r in panel.model.rows] == ["image/jpeg", "image/png", "image/jpeg"]
    assert (panel.model.rows[0]["width"], panel.model.rows[0]["height"]) == (200, 400)  # EXIF turn honoured
    thumb = panel.model.cache.get(ids[0], panel.model.version(panel.model.rows[0]))
    assert isinstance(thumb, QPixmap) and not thumb.isNull() and thumb.height() > thumb.width()
    icon = panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert icon.availableSizes() == [QSize(208, 164)]  # every item the same size, portrait or not
    assert panel.selected_ids() == ids  # the new photos are selected, ready to be attached
    assert "3 fotos añadidas; 2 no se pudieron añadir." == panel.status.text()
    assert ctx.settings.get("last_folder") == str(Path(files["turned"]).parent)
    ctx.undo.stack.undo()  # one step for the whole import
    assert panel.model.rowCount() == 0


def test_drag_and_drop_of_files_onto_the_gallery(setup, qtbot, files):
    ctx, panel = setup
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(files["turned"]), QUrl.fromLocalFile(files["heic"])])
    viewport = panel.gallery.viewport()
    point = QPointF(viewport.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.import_finished, timeout=TIMEOUT) as blocker:
        QApplication.sendEvent(viewport, drop)
    assert len(blocker.args[0]) == 2
    assert panel.model.rowCount() == 2


def test_dropping_text_is_refused(setup, qtbot):
    ctx, panel = setup
    mime = QMimeData()
    mime.setText("hola")
    enter = QDragEnterEvent(panel.gallery.viewport().rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel.gallery.viewport(), enter)
    assert not enter.isAccepted()


def test_attach_to_block_and_group_and_caption(setup, qtbot, files):
    ctx, panel = setup
    group = InsertRow("workgroup", {"workshop_id": ctx.workshop_id, "name": "Grupo 2", "colour": "#3CAEA3"})
    ctx.undo.run(group)
    ids, _problems = import_and_wait(panel, qtbot, [files["turned"], files["png"]])
    block = ctx.doc.blocks(ctx.workshop_id)[1]
    panel.select(ids)
    panel.block.setCurrentIndex(panel.block.findData(block["id"]))
    panel.block.activated.emit(panel.block.currentIndex())
    panel.group.setCurrentIndex(panel.group.findData(group.id))
    panel.group.activated.emit(panel.group.currentIndex())
    rows = P.photos(ctx.doc.store, ctx.workshop_id)
    assert {(r["block_id"], r["group_id"]) for r in rows} == {(block["id"], group.id)}
    assert not panel.caption.isEnabled()  # a caption is per photo
    panel.select(ids[:1])
    assert panel.caption.isEnabled()
    for ch in "Desafíos, grupo 2":
        QTest.sendKeyEvent(QTest.KeyAction.Click, panel.caption, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
    assert ctx.doc.store.get("photo", ids[0])["caption"] == "Desafíos, grupo 2"
    assert panel.model.index(0).data() == "Desafíos, grupo 2"
    assert panel.model.index(1).data() == f"{block['title']} · Grupo 2"
    ctx.undo.stack.undo()  # the typing was one step
    assert ctx.doc.store.get("photo", ids[0])["caption"] == ""
    panel.select(ids)
    ctx.undo.run(P.edit_photo(ctx.doc, ids[1], "group_id", None))
    panel.select(ids)
    assert panel.group.currentText() == "(varios)"


def test_delete_key_removes_and_undo_restores(setup, qtbot, files):
    ctx, panel = setup
    ids, _ = import_and_wait(panel, qtbot, [files["turned"], files["png"]])
    panel.select(ids[:1])
    panel.gallery.setFocus()
    qtbot.keyClick(panel.gallery, Qt.Key.Key_Delete)
    assert [r["id"] for r in panel.model.rows] == ids[1:]
    ctx.undo.stack.undo()
    assert [r["id"] for r in panel.model.rows] == ids


def test_rotate_button(setup, qtbot, files):
    ctx, panel = setup
    ids, _ = import_and_wait(panel, qtbot, [files["turned"]])
    panel.select(ids)
    panel.rotate_button.click()
    row = P.photos(ctx.doc.store, ctx.workshop_id)[0]
    assert (row["width"], row["height"]) == (400, 200)
    panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    thumb = panel.model.cache.get(ids[0], panel.model.version(panel.model.rows[0]))
    assert thumb.width() > thumb.height()  # a new thumbnail for the turned photo
    made = panel.model.cache.made
    panel.caption.setText("")
    for ch in "Girada":
        QTest.sendKeyEvent(QTest.KeyAction.Click, panel.caption, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)
    panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert panel.model.cache.made == made  # typing a caption does not remake the thumbnail


def test_full_size_viewer(setup, qtbot, files):
    ctx, panel = setup
    ids, _ = import_and_wait(panel, qtbot, [files["turned"], files["png"]])
    viewer = panel.show_photo(0)
    qtbot.addWidget(viewer)
    assert (viewer.pixmap.width(), viewer.pixmap.height()) == (200, 400)
    assert "(1 de 2)" in viewer.caption.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.row == 1 and (viewer.pixmap.width(), viewer.pixmap.height()) == (300, 300)
    assert not viewer.next.isEnabled()
    viewer.project.click()  # full screen for the room (on the other screen when there is one)
    assert viewer.isFullScreen()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)  # Esc leaves full screen first, without closing
    assert not viewer.isFullScreen() and viewer.isVisible()
    viewer.accept()


def test_new_photos_go_to_the_running_block(setup, qtbot, files):
    ctx, panel = setup

    class Clock:
        def monotonic(self):
            return 0.0

        def now(self):
            return datetime(2026, 3, 4, 10, 0, tzinfo=timezone(timedelta(hours=-3)))

    runner = Runner(plan_of(ctx.doc.store, ctx.workshop_id), Clock(), sink=RunLog(ctx.doc.store,
                                                                                   ctx.workshop_id).write)
    runner.start(ctx.doc.blocks(ctx.workshop_id)[2]["id"])
    ids, _ = import_and_wait(panel, qtbot, [files["png"]])
    assert ctx.doc.store.get("photo", ids[0])["block_id"] == ctx.doc.blocks(ctx.workshop_id)[2]["id"]
    assert panel.block.currentData() == ctx.doc.blocks(ctx.workshop_id)[2]["id"]


def test_keep_originals(setup, qtbot, files):
    ctx, panel = setup
    panel.keep_original.setChecked(True)
    ids, _ = import_and_wait(panel, qtbot, [files["turned"]])
    original = ctx.doc.store.scalar("SELECT original FROM photo WHERE id = ?", (ids[0],))
    assert original == Path(files["turned"]).read_bytes()
    assert "Original conservado" in panel.info.text()


def test_one_import_at_a_time(setup, qtbot, files):
    ctx, panel = setup
    with qtbot.waitSignal(panel.import_finished, timeout=TIMEOUT):
        assert panel.import_files([files["png"]])
        assert not panel.import_files([files["turned"]])
        assert "Espere" in panel.status.text()


def test_gallery_model_is_a_correct_qt_model(setup, qtbot, files, qtmodeltester):
    ctx, panel = setup
    import_and_wait(panel, qtbot, [files["turned"], files["png"]])
    qtmodeltester.check(panel.model, force_py=True)
    assert isinstance(Image.open(io.BytesIO(P.photo_data(ctx.doc.store, panel.model.rows[0]["id"]))), Image.Image)
