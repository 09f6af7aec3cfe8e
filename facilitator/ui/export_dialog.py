"""The export dialog: choose formats, language, names, scope, QR link and logo; export with progress.

The process is read into a ``Report`` (and, for JSON, into bytes) on the GUI
thread, which takes milliseconds; the layout and writing, which take seconds,
run on a worker thread that never touches the database, so the window stays
responsive and the file is never read from two threads at once. The QR link and
the logo are stored in the process through undoable edits.
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QMenu, QProgressBar, QPushButton, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)

from exports.privacy import MIN_GROUP

from ..commands import UpdateRow
from ..document import ProcessDocument
from ..i18n import LANGUAGES, _, current_language, ngettext
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter

LOGO_EDGE = 600  # px: plenty for a 6 cm logo on the cover


class ExportWorker(QObject):
    """Writes the requested formats from a loaded report, off the GUI thread."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, report, request, json_bytes: dict) -> None:
        super().__init__()
        self.report = report
        self.request = request
        self.json_bytes = json_bytes  # path -> bytes of the JSON copies, read on the GUI thread

    @Slot()
    def run(self) -> None:
        from exports.atomic import ExportProblem, write_bytes
        from exports.jobs import run_report

        try:
            self.request.json = self.request.json_anonymous = None  # written here from the bytes read before
            result = run_report(self.report, self.request, lambda f, label: self.progress.emit(f, label))
            for json_path, data in self.json_bytes.items():
                write_bytes(json_path, data)
                result.written.append(json_path)
        except ExportProblem as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: say it in one line, keep the app alive
            self.failed.emit(_("La exportación falló: {detail}", detail=f"{type(exc).__name__}: {exc}"))
            return
        self.done.emit(result)


def shrink_logo(raw: bytes) -> bytes | None:
    """A logo as PNG of at most LOGO_EDGE px (None if the bytes are not an image)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(raw)) as im:
            im = im.convert("RGBA")
            im.thumbnail((LOGO_EDGE, LOGO_EDGE))
            buf = io.BytesIO()
            im.save(buf, "PNG")
            return buf.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


class ExportDialog(QDialog):
    finished_export = Signal(object)  # ExportResult, for tests and callers

    def __init__(self, doc: ProcessDocument, undo: UndoAdapter | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.undo = undo
        self.result = None
        self._json_confirmed = False
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.setWindowTitle(_("Exportar la sistematización"))
        self.setMinimumWidth(560)
        process = doc.process

        self.scope = QComboBox()
        self.scope.addItem(_("Todo el proceso"), None)
        for w in doc.workshops():
            self.scope.addItem(w["title"], w["id"])

        self.formats = {key: QCheckBox(text) for key, text in (
            ("pdf", _("Informe PDF")), ("docx", _("Informe editable (DOCX)")), ("xlsx", _("Planilla (XLSX)")),
            ("csv", _("Tablas CSV")),
            ("json_anonymous", _("Copia anonimizada del proceso (JSON de intercambio, sin datos personales)")),
            ("json", _("Copia completa del proceso (JSON de intercambio, con datos personales)")),
            ("decidim", _("Plan para Decidim (CSV de rendición de cuentas)")),
            ("open_data", _("Datos abiertos (ZIP con diccionario de datos; siempre anónimo)")))}
        self.formats["json_anonymous"].setToolTip(_(
            "El proceso en el formato de intercambio, sin nombres, contactos ni consentimientos y con los "
            "sectores pequeños generalizados: para compartir el trabajo con otro equipo."))
        self.formats["json"].setToolTip(_("Incluye los nombres, contactos y consentimientos de todas las personas, "
                                          "sin anonimizar: sirve para combinar o respaldar, nunca para publicar."))
        self.formats["pdf"].setChecked(True)
        format_box = QVBoxLayout()
        for box in self.formats.values():
            box.toggled.connect(self._sync)
            format_box.addWidget(box)

        from exports.sections import DEFAULT, KEYS, LABELS
        from ..synthesis.findings import has_synthesis

        self.structure = QComboBox()
        self.structure.setAccessibleName(_("Contenido del informe"))
        self.structure.addItem(_("Informe sistematizado: hallazgos, conclusiones y anexos"), "synthesis")
        self.structure.addItem(_("Registro taller por taller"), "record")
        self.structure.setCurrentIndex(0 if has_synthesis(doc.store, process["id"]) else 1)
        self.structure.currentIndexChanged.connect(self._sync)
        self.sections_button = QPushButton(_("Secciones…"))  # a push button's size counts its menu's arrow
        menu = QMenu(self.sections_button)
        self.section_actions = {}
        for key in KEYS:
            action = menu.addAction(_(LABELS[key]))
            action.setCheckable(True)
            action.setChecked(key in DEFAULT)
            action.toggled.connect(self._sync)
            self.section_actions[key] = action
        self.sections_button.setMenu(menu)
        structure_row = QHBoxLayout()
        structure_row.addWidget(self.structure, 1)
        structure_row.addWidget(self.sections_button)

        self.lang = QComboBox()
        for code, name in LANGUAGES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(self.lang.findData(current_language()))

        self.anonymous = QRadioButton(_("Anónimo: nadie es nombrado (para publicar)"))
        self.names = QRadioButton(_("Con nombres de quienes dieron su consentimiento"))
        self.anonymous.setChecked(True)
        self.min_group = QSpinBox()
        self.min_group.setRange(1, 99)
        self.min_group.setValue(MIN_GROUP)
        self.min_group.setSuffix(_(" personas"))
        self.min_group.setToolTip(_("Un aporte o un conteo nunca se atribuye a un sector u organización con menos "
                                    "personas presentes que esto: se generaliza a «Participante» u «Otros…». "
                                    "1 no generaliza nada."))
        group = QButtonGroup(self)
        group.addButton(self.anonymous)
        group.addButton(self.names)

        self.url = QLineEdit(process.get("publish_url") or "")
        self.url.setPlaceholderText(_("p. ej. https://municipio.cl/politica-migrante/anexos"))
        self.url.setToolTip(_("Enlace del código QR de la portada: dónde publica el equipo los anexos"))
        self.url.editingFinished.connect(lambda: self._save_url(box=False))
        self.url.setReadOnly(doc.readonly)

        self.logo_label = QLabel()
        self.logo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.logo_pick = QPushButton(_("Elegir logo…"))
        self.logo_pick.clicked.connect(self._pick_logo)
        self.logo_clear = QPushButton(_("Quitar"))
        self.logo_clear.clicked.connect(lambda: self._set_logo(None))
        logo_row = QHBoxLayout()
        for w in (self.logo_label, self.logo_pick, self.logo_clear):
            logo_row.addWidget(w)
        logo_row.addStretch(1)
        self.logo_pick.setEnabled(not doc.readonly)

        self.statuses = QLineEdit()
        self.statuses.setPlaceholderText(_("opcional: sin iniciar=1, en curso=2, atrasada=3, cumplida=4"))
        self.statuses.setToolTip(_("Los ids de los estados que la administración creó en el componente de "
                                   "rendición de cuentas de Decidim. Sin ellos, la columna status/id queda vacía "
                                   "y Decidim muestra el avance en porcentaje."))

        base = doc.path.with_name(doc.path.stem + ("-informe" if current_language() == "es" else "-report"))
        self.target = QLineEdit(str(base))
        self.target.setToolTip(_("Nombre base: se añaden .pdf, .docx, .xlsx, .json, -anonimo.json, la carpeta -csv, "
                                 "-decidim.csv y -datos-abiertos.zip"))
        choose = QPushButton(_("Elegir…"))
        choose.clicked.connect(self._pick_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(choose)

        form = QFormLayout()
        form.addRow(_("Qué exportar:"), self.scope)
        form.addRow(_("Formatos:"), format_box)
        form.addRow(_("Contenido:"), structure_row)
        form.addRow(_("Idioma del informe:"), self.lang)
        form.addRow(_("Estados en Decidim:"), self.statuses)
        form.addRow(_("Nombres:"), self.anonymous)
        form.addRow("", self.names)
        self.min_group.setMaximumWidth(140)
        hint = QLabel(_("sectores u organizaciones con menos personas presentes se generalizan"))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        hint.setObjectName("Muted")
        min_row = QHBoxLayout()
        min_row.addWidget(self.min_group)
        min_row.addWidget(hint, 1)
        form.addRow(_("Grupo mínimo:"), min_row)
        form.addRow(_("Enlace del QR:"), self.url)
        form.addRow(_("Logo de la portada:"), logo_row)
        form.addRow(_("Guardar como:"), target_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.export_button = QPushButton(_("Exportar"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.open_button = QPushButton(_("Abrir"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_result)
        self.folder_button = QPushButton(_("Abrir carpeta"))
        self.folder_button.setEnabled(False)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(_("Cerrar"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.export_button, self.open_button, self.folder_button, self.close_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._show_logo()
        self._sync()

    # -- settings stored in the process ------------------------------------------------
    def _save_url(self, box: bool = True) -> bool:
        """Store the QR link; False (and a message) if it cannot be a QR code.

        Leaving the field says so in the status line only: a message box there would
        take the focus and finish the editing again.
        """
        from exports.qr import QR_MAX_BYTES, qr_fits

        value = self.url.text().strip()
        if not qr_fits(value):
            message = _("El enlace es demasiado largo para un código QR ({length}; como máximo {max}). "
                        "Use un enlace más corto.",
                        length=ngettext("{n} carácter", "{n} caracteres", len(value)), max=QR_MAX_BYTES)
            self.status.setText(message)
            if box:
                Dialogs.error(self, message)
            return False
        if self.undo is None or self.doc.readonly or value == (self.doc.process.get("publish_url") or ""):
            return True
        self.undo.run(UpdateRow("process", self.doc.process["id"], {"publish_url": value},
                                _("Enlace del QR")), mergeable=True)
        return True

    def _pick_logo(self) -> None:
        path = Dialogs.open_file(self, str(self.doc.path.parent), _("Imágenes (*.png *.jpg *.jpeg);;Todos (*)"),
                                 _("Logo de la portada"))
        if not path:
            return
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            Dialogs.error(self, _("No se pudo leer «{path}»: {detail}.", path=path, detail=exc.strerror or str(exc)))
            return
        logo = shrink_logo(raw)
        if logo is None:
            Dialogs.error(self, _("«{name}» no es una imagen PNG o JPEG.", name=Path(path).name))
            return
        self._set_logo(logo)

    def _set_logo(self, logo: bytes | None) -> None:
        if self.undo is not None and not self.doc.readonly:
            self.undo.run(UpdateRow("process", self.doc.process["id"], {"logo": logo},
                                    _("Logo de la portada") if logo else _("Quitar logo")))
        self._show_logo()

    def _show_logo(self) -> None:
        logo = self.doc.process.get("logo")
        self.logo_label.setText(_("Con logo ({kb} KB)", kb=max(1, len(logo) // 1024)) if logo else _("Sin logo"))
        self.logo_clear.setEnabled(bool(logo) and not self.doc.readonly)

    def _pick_target(self) -> None:
        path = Dialogs.save_file(self, self.target.text(), _("Informe PDF (*.pdf);;Todos (*)"), _("Guardar como"))
        if path:
            self.target.setText(str(Path(path).with_suffix("")))

    def sections(self) -> tuple[str, ...]:
        """The sections chosen, in the report's order; ("record",) for the workshop-by-workshop record."""
        from exports.sections import RECORD

        if self.structure.currentData() == "record":
            return (RECORD,)
        return tuple(k for k, action in self.section_actions.items() if action.isChecked())

    def _sync(self) -> None:
        running = self.thread is not None
        synthesis = self.structure.currentData() == "synthesis"
        self.sections_button.setEnabled(synthesis)
        self.export_button.setEnabled(not running and any(b.isChecked() for b in self.formats.values())
                                      and bool(self.sections()))
        self.statuses.setEnabled(self.formats["decidim"].isChecked())
        if self.formats["open_data"].isChecked():  # open data names nobody
            self.anonymous.setChecked(True)
        self.names.setEnabled(not self.formats["open_data"].isChecked())

    # -- running -----------------------------------------------------------------------
    def request(self):
        from exports.jobs import ExportRequest

        base = Path(self.target.text().strip() or self.doc.path.with_suffix(""))
        chosen = {k for k, box in self.formats.items() if box.isChecked()}
        return ExportRequest(
            pdf=base.with_name(base.name + ".pdf") if "pdf" in chosen else None,
            xlsx=base.with_name(base.name + ".xlsx") if "xlsx" in chosen else None,
            csv_dir=base.with_name(base.name + "-csv") if "csv" in chosen else None,
            docx=base.with_name(base.name + ".docx") if "docx" in chosen else None,
            json=base.with_name(base.name + ".json") if "json" in chosen else None,
            json_anonymous=base.with_name(base.name + _("-anonimo") + ".json") if "json_anonymous" in chosen else None,
            decidim=base.with_name(base.name + "-decidim.csv") if "decidim" in chosen else None,
            open_data=base.with_name(base.name + "-datos-abiertos.zip") if "open_data" in chosen else None,
            decidim_statuses=self.decidim_statuses() if "decidim" in chosen else {},
            workshop_id=self.scope.currentData(), anonymous=self.anonymous.isChecked(), lang=self.lang.currentData(),
            min_group=self.min_group.value(), full_json="json" in chosen and self._json_confirmed,
            sections=self.sections())

    def decidim_statuses(self) -> dict[str, int]:
        """The status ids typed for Decidim (ValueError with a one-line message when they do not read)."""
        from exports.decidim import parse_statuses

        return parse_statuses(self.statuses.text(), _)

    def start(self) -> None:
        from exports.atomic import ExportProblem
        from exports.exchange import export_json
        from exports.exchange_anonymous import export_anonymised_json
        from exports.jobs import check_request
        from exports.model import load_report

        if not self._save_url():
            return
        self._json_confirmed = not self.formats["json"].isChecked() or Dialogs.confirm(self, _(
            "La copia completa del proceso (JSON) contiene los nombres, contactos y consentimientos de todas las "
            "personas, también de quienes no autorizaron publicar su nombre, sin anonimizar. Es un dato personal: "
            "guárdela con cuidado y no la publique. ¿Exportarla?"))
        if not self._json_confirmed:
            return
        try:
            req = self.request()
        except ValueError as exc:
            Dialogs.error(self, _("Estados en Decidim: {detail}", detail=exc))
            return
        try:
            check_request(req, self.doc.path)
        except ExportProblem as exc:
            self.status.setText(str(exc))
            Dialogs.error(self, str(exc))
            return
        self.open_button.setEnabled(False)
        self.folder_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(_("Leyendo el proceso…"))
        # the exchange copies are the file's rows: they need no (anonymised) report
        needs_report = any(f not in ("json", "json_anonymous") for f in req.formats())
        report = load_report(self.doc, workshop_id=req.workshop_id, anonymous=req.anonymous, lang=req.lang,
                             min_group=req.min_group) if needs_report else None
        json_bytes = {}
        if req.json is not None:
            json_bytes[req.json] = export_json(self.doc)
        if req.json_anonymous is not None:
            json_bytes[req.json_anonymous] = export_anonymised_json(self.doc, min_group=req.min_group,
                                                                    lang=req.lang)
        self.thread = QThread(self)
        self.worker = ExportWorker(report, req, json_bytes)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self._sync()
        self.thread.start()

    def _progress(self, fraction: float, label: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(_("Exportando: {what}…", what=label))

    def _stop_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread = None
            self.worker = None
        self._sync()

    def _done(self, result) -> None:
        self._stop_thread()
        self.result = result
        self.progress.setValue(1000)
        names = ", ".join(p.name for p in result.written)
        self.status.setText("\n".join([_("Listo: {files}", files=names),
                                       *(_("Aviso: {message}", message=w) for w in result.warnings)]))
        self.open_button.setEnabled(bool(result.written))
        self.folder_button.setEnabled(bool(result.written))
        self.finished_export.emit(result)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.progress.setValue(0)
        self.status.setText(message)
        Dialogs.error(self, message)

    def open_result(self) -> bool:
        return bool(self.result and self.result.written) and self._open(self.result.written[0])

    def open_folder(self) -> bool:
        return bool(self.result and self.result.written) and self._open(self.result.written[0].parent)

    def _open(self, path) -> bool:
        """Hand a file or folder to the system; when nothing can open it, say so and where it is."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        message = _("Este equipo no tiene un programa para abrir «{name}». El archivo está guardado en {folder}.",
                    name=path.name, folder=str(path.parent if path.is_file() else path))
        self.status.setText(message)
        Dialogs.error(self, message)
        return False

    def reject(self) -> None:
        if self.thread is not None:  # let a running export finish: its file is written atomically
            self.thread.quit()
            self.thread.wait()
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget, doc: ProcessDocument, undo: UndoAdapter | None) -> None:
        dialog = cls(doc, undo, parent)
        dialog.exec()
