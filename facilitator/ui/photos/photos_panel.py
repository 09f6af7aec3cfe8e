"""The "Fotos" tab: the flipchart photos of a workshop, added by picker or drag and drop.

Photos are prepared off the GUI thread (``photos.prepare_many`` decodes in
parallel) and stored together as one undo step, so twenty 12 MP photos neither
freeze the window nor take twenty Ctrl+Z to take back. Each new photo is
attached to the block the runner is in; the details beside the gallery attach
the selected photos to a block and a group and give them a caption. Thumbnails
are made when first shown and kept in memory; a double click opens the photo at
full size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import (QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRunnable, QSize, Qt,
                            QThreadPool, Signal)
from PySide6.QtGui import (QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QImage, QKeySequence, QPainter,
                           QPaintEvent, QPixmap, QShortcut)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListView, QProgressBar, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from ... import photos as P
from ...commands import Macro
from ...i18n import _, ngettext
from ...record import running_block
from ...store.db import Change
from qtshared.context import WorkshopContext
from qtshared.dialogs import Dialogs
from .photo_viewer import PhotoViewer
from qtshared.row_sync import tolerant_data
from qtshared.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
BAND = 8  # px: the group colour under a thumbnail
GRID = QSize(P.THUMB_SIZE[0] + 20, P.THUMB_SIZE[1] + BAND + 52)
IMAGE_SUFFIXES = ("jpg", "jpeg", "png", "heic", "heif", "webp", "gif", "bmp", "tif", "tiff", "avif")
MANY = "__many__"  # combo value shown when the selected photos differ


def image_filter() -> str:
    patterns = " ".join(f"*.{s} *.{s.upper()}" for s in IMAGE_SUFFIXES)
    return _("Fotos (JPEG, PNG, HEIC) ({patterns});;Todos los archivos (*)", patterns=patterns)


def added_message(added: int, failed: int) -> str:
    """«1 foto añadida.», «3 fotos añadidas; 1 no se pudo añadir.» after an import."""
    if not failed:
        return ngettext("{n} foto añadida.", "{n} fotos añadidas.", added)
    return _("{added}; {failed}.", added=ngettext("{n} foto añadida", "{n} fotos añadidas", added),
             failed=ngettext("{n} no se pudo añadir", "{n} no se pudieron añadir", failed))


class PhotoDialogs:
    """The multi-file picker, behind a classmethod that tests replace (as ``Dialogs`` does)."""

    @classmethod
    def open_images(cls, parent: QWidget | None, folder: str = "") -> list[str]:
        paths, _sel = QFileDialog.getOpenFileNames(parent, _("Añadir fotos"), folder, image_filter())
        return paths


def pil_to_pixmap(im: Image.Image) -> QPixmap:
    """A Pillow RGB/RGBA image as a QPixmap (copied, so Pillow's buffer may go)."""
    if im.mode == "RGBA":
        fmt, depth = QImage.Format.Format_RGBA8888, 4
    else:
        im, fmt, depth = im.convert("RGB"), QImage.Format.Format_RGB888, 3
    data = im.tobytes()
    return QPixmap.fromImage(QImage(data, im.size[0], im.size[1], depth * im.size[0], fmt).copy())


class PhotosModel(QAbstractListModel):
    """The workshop's photos (without pixels); thumbnails come from the cache when drawn."""

    def __init__(self, ctx: WorkshopContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cache: P.ThumbnailCache[QPixmap] = P.ThumbnailCache(ctx.doc.store, pil_to_pixmap)
        self.rows: list[dict[str, Any]] = []
        self.blocks: dict[str, str] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.reload()

    def _load(self) -> None:
        self.rows = P.photos(self.ctx.doc.store, self.ctx.workshop_id)
        self.blocks = {b["id"]: b["title"] for b in self.ctx.doc.blocks(self.ctx.workshop_id)}
        self.groups = {g["id"]: g for g in self.ctx.doc.groups(self.ctx.workshop_id)}

    def reload(self) -> None:
        """Refresh; when the same photos remain (a caption typed, a group set) the view keeps its place."""
        before = [r["id"] for r in self.rows]
        if before and [r["id"] for r in P.photos(self.ctx.doc.store, self.ctx.workshop_id)] == before:
            self._load()
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))
            return
        self.beginResetModel()
        self._load()
        self.endResetModel()

    @staticmethod
    def version(row: dict[str, Any]) -> str:
        """What the thumbnail depends on: the stored pixels (a rotation changes them), not the caption."""
        return f"{row['bytes']}:{row['width']}x{row['height']}"

    def row_of(self, photo_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == photo_id), -1)

    def label(self, row: dict[str, Any]) -> str:
        where = " · ".join(x for x in (self.blocks.get(row["block_id"] or "", ""),
                                       self.groups.get(row["group_id"] or "", {}).get("name", "")) if x)
        return row["caption"] or where or _("Sin pie de foto")

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    @tolerant_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.label(row), f"{row['width']} × {row['height']} px · {row['bytes'] // 1024} KB"]
            if row["taken_at"]:
                lines.append(_("Tomada: {when}", when=row["taken_at"].replace("T", " ")))
            if row["has_original"]:
                lines.append(_("Original conservado"))
            return plain_tooltip("\n".join(lines))  # the label is the user's caption
        if role == ID_ROLE:
            return row["id"]
        return None

    def _thumbnail(self, row: dict[str, Any]) -> QIcon:
        """The photo centred in a box of one size for all (portrait or landscape), the group's colour under it."""
        photo = self.cache.get(row["id"], self.version(row))
        width, height = P.THUMB_SIZE
        box = QPixmap(width, height + BAND)
        box.fill(Qt.GlobalColor.transparent)
        painter = QPainter(box)
        if photo is None:
            painter.fillRect(0, 0, width, height, QColor("#DDDDDD"))
            left, shown = 0, width
        else:
            left, shown = (width - photo.width()) // 2, photo.width()
            painter.drawPixmap(left, height - photo.height(), photo)
        group = self.groups.get(row["group_id"] or "")
        if group is not None:
            painter.fillRect(left, height, shown, BAND, QColor(group["colour"] or "#CCCCCC"))
        painter.end()
        icon = QIcon(box)
        icon.addPixmap(box, QIcon.Mode.Selected)  # selection shows as the item's frame, not a tint on the photo
        return icon


class GalleryView(QListView):
    """Thumbnails in a grid; image files dropped on it are handed on as ``files_dropped``."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(P.THUMB_SIZE[0], P.THUMB_SIZE[1] + BAND))
        self.setGridSize(GRID)
        self.setUniformItemSizes(False)  # a long caption wraps to a second line
        self.setWordWrap(True)
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#5F6B76"))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.setFont(font)
            painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24),
                             int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                             _("Todavía no hay fotos de este taller.\nArrastre aquí las fotos de los papelógrafos "
                               "(JPEG, PNG o HEIC) o use «Añadir fotos…»."))
            painter.end()

    @staticmethod
    def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self.local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class _Relay(QObject):
    progress = Signal(int, int)
    finished = Signal(object)


class _ImportJob(QRunnable):
    """Prepares the files off the GUI thread; the results come back through the relay's signals."""

    def __init__(self, paths: list[str], keep_original: bool, relay: _Relay) -> None:
        super().__init__()
        self.paths, self.keep_original, self.relay = paths, keep_original, relay

    def run(self) -> None:
        results = P.prepare_many(self.paths, keep_original=self.keep_original,
                                 progress=lambda done, total: self.relay.progress.emit(done, total))
        self.relay.finished.emit(results)


class PhotosPanel(QWidget):
    import_finished = Signal(list, list)  # ids of stored photos, messages of refused files

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one import at a time; prepare_many parallelises inside it
        self._relay: _Relay | None = None
        self._loading = False
        writable = not ctx.doc.readonly

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.add_button = QPushButton(_("Añadir fotos…"))
        self.add_button.clicked.connect(self.pick_files)
        top.addWidget(self.add_button)
        self.keep_original = QCheckBox(_("Conservar los originales"))
        self.keep_original.setToolTip(_("Guarda también el archivo tal como vino del teléfono (el proceso ocupa "
                                         "bastante más). Sin esto se guarda una copia reducida, de {low} a {high} px "
                                         "en su lado mayor.", low=P.MIN_LONG_EDGE, high=P.LONG_EDGE))
        top.addWidget(self.keep_original)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(260)
        top.addWidget(self.progress)
        self.status = QLabel(_("Arrastre aquí las fotos de los papelógrafos, o use «Añadir fotos…»."))
        self.status.setObjectName("Muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.status, 1)
        outer.addLayout(top)

        splitter = QSplitter()
        self.model = PhotosModel(ctx, self)
        self.gallery = GalleryView()
        self.gallery.setModel(self.model)
        self.gallery.setAccessibleName(_("Galería de fotos"))
        self.gallery.files_dropped.connect(self.import_files)
        self.gallery.doubleClicked.connect(lambda index: self.show_photo(index.row()))
        self.gallery.activated.connect(lambda index: self.show_photo(index.row()))
        self._restoring = False
        self.gallery.selectionModel().selectionChanged.connect(
            lambda *_a: None if self._restoring else self._load_details())
        splitter.addWidget(self.gallery)

        details = QWidget()
        form = QFormLayout(details)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(_("Qué muestra la foto"))  # fits the field at 1024 px; the example is the tooltip
        self.caption.setToolTip(_("Qué muestra (p. ej. «Papelógrafo del grupo 2: desafíos»)"))
        self.caption.setAccessibleName(_("Pie de foto"))
        self.caption.textEdited.connect(self._caption_edited)
        form.addRow(_("Pie de foto"), self.caption)
        self.block = QComboBox()
        self.block.setAccessibleName(_("Bloque de la foto"))
        self.block.activated.connect(lambda _i: self._attach("block_id", self.block.currentData()))
        form.addRow(_("Bloque"), self.block)
        self.group = QComboBox()
        self.group.setAccessibleName(_("Grupo de la foto"))
        self.group.activated.connect(lambda _i: self._attach("group_id", self.group.currentData()))
        form.addRow(_("Grupo"), self.group)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setObjectName("Muted")
        self.info.setWordWrap(True)
        form.addRow(self.info)
        buttons = QHBoxLayout()
        self.view_button = QPushButton(_("Ver en grande"))
        self.view_button.clicked.connect(lambda: self.show_photo(self._current_row()))
        self.rotate_button = QPushButton(_("Girar ↻"))
        self.rotate_button.clicked.connect(self.rotate_selected)
        self.delete_button = QPushButton(_("Borrar"))
        self.delete_button.clicked.connect(self.delete_selected)
        for b in (self.view_button, self.rotate_button, self.delete_button):
            buttons.addWidget(b)
        form.addRow(buttons)
        details.setMinimumWidth(300)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 320])
        outer.addWidget(splitter, 1)

        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.gallery)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        self.add_button.setEnabled(writable)
        self.keep_original.setEnabled(writable)
        self.gallery.setAcceptDrops(writable)
        self._writable = writable
        self._fill_combos()
        self._load_details()
        ctx.signals.changed.connect(self._changed)

    # -- adding ---------------------------------------------------------------------------
    def pick_files(self) -> None:
        paths = [p for p in PhotoDialogs.open_images(self, str(self.ctx.settings.get("last_folder") or "")) if p]
        if paths:
            self.ctx.settings.set("last_folder", str(Path(paths[0]).parent))
            self.import_files(paths)

    def import_files(self, paths: list[str]) -> bool:
        """Start preparing the files in the background; False if an import is already running."""
        if not self._writable or not paths:
            return False
        if self._relay is not None:
            self.status.setText(_("Espere a que termine la importación en curso."))
            return False
        relay = _Relay()
        relay.progress.connect(self._progress)
        relay.finished.connect(self._prepared)
        self._relay = relay
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(ngettext("Preparando {n} foto…", "Preparando {n} fotos…", len(paths)))
        self.pool.start(_ImportJob(list(paths), self.keep_original.isChecked(), relay))
        return True

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        self.status.setText(_("Preparando fotos: {done} de {total}", done=done, total=total))

    def _prepared(self, results: list[P.PreparedPhoto | P.PhotoProblem]) -> None:
        self._relay = None
        self.progress.setVisible(False)
        good = [r for r in results if isinstance(r, P.PreparedPhoto)]
        problems = [r.message() for r in results if isinstance(r, P.PhotoProblem)]
        ids: list[str] = []
        if good and self.ctx.doc.workshop(self.ctx.workshop_id) is not None:
            command = P.add_photos(self.ctx.doc, self.ctx.workshop_id, good,
                                   block_id=running_block(self.ctx.doc.store, self.ctx.workshop_id))
            if command is not None and self.ctx.undo.run(command):
                ids = [c.id for c in command.commands]  # type: ignore[attr-defined]
                self.select(ids)
        self.status.setText(added_message(len(ids), len(problems)))
        if problems:
            Dialogs.error(self, "\n\n".join(problems))
        self.import_finished.emit(ids, problems)

    # -- selection and details ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.gallery.selectionModel().selectedIndexes())
        return [self.model.rows[r]["id"] for r in rows if 0 <= r < len(self.model.rows)]

    def select(self, ids: list[str]) -> None:
        selection = self.gallery.selectionModel()
        selection.clearSelection()
        for pid in ids:
            row = self.model.row_of(pid)
            if row >= 0:
                selection.select(self.model.index(row), selection.SelectionFlag.Select)
        if ids and self.model.row_of(ids[0]) >= 0:
            self.gallery.scrollTo(self.model.index(self.model.row_of(ids[0])))

    def _current_row(self) -> int:
        ids = self.selected_ids()
        return self.model.row_of(ids[0]) if ids else -1

    def _fill_combos(self) -> None:
        for combo, items in ((self.block, [(t, i) for i, t in self.model.blocks.items()]),
                             (self.group, [(g["name"], i) for i, g in self.model.groups.items()])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("Sin bloque") if combo is self.block else _("Sin grupo"), "")
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    def _load_details(self) -> None:
        ids = self.selected_ids()
        rows = [self.model.rows[self.model.row_of(i)] for i in ids]
        self._loading = True
        try:
            one = rows[0] if len(rows) == 1 else None
            if self.caption.text().strip() != (one["caption"] if one else ""):
                self.caption.setText(one["caption"] if one else "")  # not while it only differs by spaces typed
            self.caption.setEnabled(self._writable and one is not None)
            for combo, field in ((self.block, "block_id"), (self.group, "group_id")):
                values = {r[field] or "" for r in rows}
                if MANY in [combo.itemData(i) for i in range(combo.count())]:
                    combo.removeItem(combo.findData(MANY))
                if len(values) > 1:
                    combo.addItem(_("(varios)"), MANY)
                    combo.setCurrentIndex(combo.count() - 1)
                else:
                    combo.setCurrentIndex(max(0, combo.findData(next(iter(values), ""))))
                combo.setEnabled(self._writable and bool(rows))
            if one:
                info = [f"{one['width']} × {one['height']} px · {one['bytes'] // 1024} KB"]
                if one["taken_at"]:
                    info.append(_("Tomada: {when}", when=one["taken_at"].replace("T", " ")))
                if one["has_original"]:
                    info.append(_("Original conservado"))
                self.info.setText("\n".join(info))
            else:
                self.info.setText(ngettext("{n} foto seleccionada", "{n} fotos seleccionadas", len(rows)) if rows else
                                  _("Seleccione una foto para ver y editar sus datos."))
            for b in (self.rotate_button, self.delete_button):
                b.setEnabled(self._writable and bool(rows))
            self.view_button.setEnabled(bool(rows))
        finally:
            self._loading = False

    # -- edits -------------------------------------------------------------------------------------
    def _caption_edited(self, text: str) -> None:
        ids = self.selected_ids()
        if self._loading or len(ids) != 1:
            return
        command = P.edit_photo(self.ctx.doc, ids[0], "caption", text)
        if command is not None:
            self.ctx.undo.run(command, mergeable=True)

    def _attach(self, field: str, value: str | None) -> None:
        if self._loading or value == MANY:
            return
        commands = [c for c in (P.edit_photo(self.ctx.doc, i, field, value) for i in self.selected_ids()) if c]
        if commands:
            self.ctx.undo.run(Macro(commands, commands[0].text))

    def rotate_selected(self) -> None:
        commands = [c for c in (P.rotate_photo(self.ctx.doc, i) for i in self.selected_ids()) if c]
        if commands:
            self.ctx.undo.run(Macro(commands, commands[0].text))

    def delete_selected(self) -> None:
        if self._writable:
            self.ctx.undo.run(P.delete_photos(self.ctx.doc, self.selected_ids()))

    def show_photo(self, row: int) -> PhotoViewer | None:
        if not 0 <= row < len(self.model.rows):
            return None
        viewer = PhotoViewer(self.ctx.doc.store, [r["id"] for r in self.model.rows],
                             [self.model.label(r) for r in self.model.rows], row, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        return viewer

    # -- following the document ---------------------------------------------------------------------
    def _changed(self, changes: list[Change]) -> None:
        tables = {c.table for c in changes}
        if tables & {"photo", "block", "workgroup"}:
            keep = self.selected_ids()
            for c in changes:
                if c.table == "photo" and c.op == "delete":
                    self.model.cache.forget(c.id)
            self.model.reload()
            if tables & {"block", "workgroup"}:
                self._fill_combos()
            if self.selected_ids() != keep:
                # Restored without passing through "nothing selected": that would disable the
                # caption field being typed in, and take its focus after every key.
                self._restoring = True
                try:
                    self.select(keep)
                finally:
                    self._restoring = False
            self._load_details()

    def shutdown(self) -> None:
        self.pool.waitForDone()
        self.ctx.signals.changed.disconnect(self._changed)
