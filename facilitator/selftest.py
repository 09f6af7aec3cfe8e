"""``papelografo --selftest``: prove that this copy of the app has everything it needs.

Run on the built bundle where it was built (``scripts/build-bundle.sh`` and CI
do), so a hidden import or a data file the bundle lacks is caught there, not on
a facilitator's laptop. It builds the demo process in a temporary folder,
exports it in every format, reads each file back, then opens the demo in the
window off screen (every panel of every workshop), and prints one line per
check. The exit status is 0 when every check passed, 1 otherwise; the failed
checks are named. Nothing outside the temporary folder is touched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from pathlib import Path
from typing import Callable

from .i18n import _, ngettext

WATCHDOG_SECONDS = 300  # a check that hangs (a modal dialog off screen) must not hang the build


class Check:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.failed: list[str] = []
        self.passed = 0

    def run(self, name: str, fn: Callable[[], str | None]) -> None:
        start = time.perf_counter()
        try:
            detail = fn() or ""
        except Exception as exc:  # every failure is reported, none stops the others
            self.failed.append(name)
            self.out(_("FALLO {name}: {detail}", name=name, detail=f"{type(exc).__name__}: {exc}"))
            if os.environ.get("PAPELOGRAFO_SELFTEST_TRACE") == "1":
                self.out(traceback.format_exc())
            return
        self.passed += 1
        self.out(f"ok    {name}{' — ' + detail if detail else ''} ({time.perf_counter() - start:.1f} s)")


def _export_checks(check: Check, folder: Path) -> Path | None:
    from exports.jobs import ExportRequest, run_export

    from .demo import build_demo
    from .document import ProcessDocument

    demo = folder / "demo.taller"

    def build() -> str:
        build_demo(demo)
        doc = ProcessDocument.open(demo)
        try:
            return ngettext("{n} taller", "{n} talleres", len(doc.workshops()))
        finally:
            doc.close()

    check.run(_("Crear la demostración"), build)
    if not demo.exists():
        return None
    out = folder / "out"
    out.mkdir()
    req = ExportRequest(pdf=out / "informe.pdf", xlsx=out / "tablas.xlsx", csv_dir=out / "csv",
                        docx=out / "informe.docx", json=out / "proceso.json", decidim=out / "decidim.csv",
                        open_data=out / "datos-abiertos.zip", lang="es",
                        full_json=True)  # the demo's own people, into a private temporary folder
    state: dict = {}

    def export() -> str:
        doc = ProcessDocument.open(demo)
        try:
            state["result"] = run_export(doc, req)
        finally:
            doc.close()
        return ngettext("{n} archivo", "{n} archivos", len(state["result"].written))

    def pdf() -> str:
        data = req.pdf.read_bytes()
        assert data.startswith(b"%PDF-"), "no es un PDF"
        pages = state["result"].pages or 0
        assert pages > 0, "sin páginas"
        assert b"DejaVuSans" in data, "sin la fuente DejaVu incluida"
        return ngettext("{n} página", "{n} páginas", pages)

    def xlsx() -> str:
        from openpyxl import load_workbook

        wb = load_workbook(req.xlsx, read_only=True)
        rows = sum(ws.max_row or 0 for ws in wb.worksheets)
        assert wb.sheetnames and rows > 10, "planilla vacía"
        return ngettext("{n} hoja", "{n} hojas", len(wb.sheetnames))

    def docx() -> str:
        import docx as python_docx

        document = python_docx.Document(str(req.docx))
        assert len(document.paragraphs) > 10 and document.tables, "documento vacío"
        return ngettext("{n} tabla", "{n} tablas", len(document.tables))

    def csv_files() -> str:
        files = sorted(req.csv_dir.glob("*.csv"))
        assert files, "ningún CSV"
        for f in files:
            rows = list(csv.reader(io.StringIO(f.read_text(encoding="utf-8-sig"))))
            assert rows and rows[0], f"{f.name} sin encabezados"
        return ngettext("{n} archivo", "{n} archivos", len(files))

    def exchange() -> str:
        data = json.loads(req.json.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data.get("tables"), "sin tablas"
        return ngettext("{n} tabla", "{n} tablas", len(data["tables"]))

    def decidim() -> str:
        from exports.decidim import HEADERS, rows_of

        data = req.decidim.read_bytes()
        rows = list(rows_of(data))
        assert rows and list(rows[0]) == HEADERS, "encabezados distintos de los de Decidim"
        ids = {r["id"] for r in rows}
        assert all(r["parent/id"] in ids for r in rows if r["parent/id"]), "un padre que no existe"
        return ngettext("{n} resultado", "{n} resultados", len(rows))

    def open_data() -> str:
        from exports.opendata import DICTIONARY, PACKAGE

        with zipfile.ZipFile(req.open_data) as z:
            assert z.testzip() is None, "ZIP dañado"
            names = z.namelist()
            assert DICTIONARY in names and json.loads(z.read(PACKAGE))["resources"], "sin diccionario"
        return ngettext("{n} archivo", "{n} archivos", len(names))

    check.run(_("Exportar la demostración"), export)
    if "result" in state:
        for name, fn in (("PDF", pdf), ("XLSX", xlsx), ("DOCX", docx), ("CSV", csv_files), ("JSON", exchange),
                         ("Decidim", decidim), (_("Datos abiertos"), open_data)):
            check.run(name, fn)
    return demo


def _resource_checks(check: Check) -> None:
    def templates() -> str:
        from .domain.templates import builtin_templates

        found = builtin_templates()
        assert len(found) >= 6, "faltan guiones"
        return ngettext("{n} guion", "{n} guiones", len(found))

    def english() -> str:
        from .i18n import Translator

        assert Translator("en")("Archivos recientes") == "Recent files", "sin el catálogo en inglés"
        return ""

    def heic() -> str:
        from .photos import heif_available

        assert heif_available(), "pillow-heif no carga"
        return ""

    def accelerator() -> str:
        import _rl_accel  # noqa: F401 (reportlab's C accelerator: reports lay out twice as fast with it)

        return ""

    def suggestions() -> str:
        from .synthesis.suggest import NoteIn, Suggester

        notes = [NoteIn("a", "No hay facilitadores interculturales en los colegios", "g1"),
                 NoteIn("b", "Faltan facilitadores interculturales en las escuelas", "g2")]
        found = Suggester(notes, [("colegio", "escuela")]).clusters()
        assert found and found[0].note_ids == ["a", "b"], "sin los diccionarios de simplemma"
        return ""

    def phones() -> str:
        from .capture.server import phone_bundle

        assert len(phone_bundle()) == 3, "falta la página de los teléfonos"
        from PySide6.QtNetwork import QNetworkInterface  # the address chooser

        return ngettext("{n} dirección de red", "{n} direcciones de red", len(QNetworkInterface.allAddresses()))

    check.run(_("Guiones de taller"), templates)
    check.run(_("Sugerir agrupaciones (lemas sin conexión)"), suggestions)
    check.run(_("Traducción al inglés"), english)
    check.run(_("Fotos HEIC"), heic)
    check.run(_("Acelerador de reportlab"), accelerator)
    check.run(_("Captura desde teléfonos"), phones)


def _window_checks(check: Check, demo: Path, folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    state: dict = {}

    def qt() -> str:
        from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator, qInstallMessageHandler

        def quiet(_kind, _context, message: str) -> None:  # the off-screen platform's own chatter is no finding
            if "propagateSizeHints" not in message:
                print(message, file=sys.stderr)

        qInstallMessageHandler(quiet)

        from .ui.qt_app import make_application

        state["app"] = make_application([sys.argv[0]])
        translator = QTranslator()
        assert translator.load(QLocale("es"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), \
            "sin la traducción de Qt al español (qtbase_es.qm)"
        from .ui.qt_app import app_icon

        # the window's icon at first (the large sizes follow its first paint), and every size shipped
        assert not state["app"].windowIcon().isNull() and len(app_icon().availableSizes()) >= 8, \
            "sin el icono de la aplicación"
        return state["app"].platformName()

    def window() -> str:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from .document import ProcessDocument
        from .settings import Settings
        from .ui.process_view import ProcessView

        app = state["app"]
        modal: list[str] = []

        def close_modal() -> None:  # a dialog would wait for a click that never comes
            widget = QApplication.activeModalWidget()
            if widget is not None:
                modal.append(widget.windowTitle())
                widget.close()

        timer = QTimer()
        timer.timeout.connect(close_modal)
        timer.start(200)
        doc = ProcessDocument.open(demo)
        view = ProcessView(doc, Settings(folder / "settings.json"))
        panels = workshops = 0
        try:
            view.resize(1280, 800)
            view.show()
            for w in doc.workshops():
                workshops += 1
                view.select_workshop(w["id"])
                app.processEvents()
                tabs = view.workshop_view(w["id"])
                assert tabs is not None, f"el taller «{w['title']}» no se muestra"
                for i in range(tabs.count()):
                    tabs.setCurrentIndex(i)
                    app.processEvents()
                panels += tabs.count()
            image = view.grab().toImage()
            assert not image.isNull() and image.width() >= 1000, "la ventana no se dibujó"
            colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
            assert len(colours) > 5, "la ventana se dibujó vacía"
            image.save(str(folder / "ventana.png"))
        finally:
            timer.stop()
            view.shutdown()
            view.close()
            view.deleteLater()
            app.processEvents()
            doc.close()
        assert not modal, "un diálogo inesperado: " + "; ".join(modal)
        return ", ".join((ngettext("{n} taller", "{n} talleres", workshops), ngettext("{n} panel", "{n} paneles", panels)))

    check.run("Qt", qt)
    if "app" in state:
        check.run(_("Ventana con la demostración"), window)


def run(out: Callable[[str], None] = print, *, window: bool = True) -> int:
    from . import __version__

    watchdog = threading.Timer(WATCHDOG_SECONDS, lambda: (out(_("FALLO: la autoprueba no terminó en {s} s.",
                                                                s=WATCHDOG_SECONDS)), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    check = Check(out)
    frozen = _("paquete") if getattr(sys, "frozen", False) else _("código fuente")
    out(_("Autoprueba de Papelógrafo {version} ({kind}, Python {py})", version=__version__, kind=frozen,
          py=".".join(map(str, sys.version_info[:3]))))
    with tempfile.TemporaryDirectory(prefix="papelografo-autoprueba-") as tmp:
        folder = Path(tmp)
        os.environ["PAPELOGRAFO_HOME"] = str(folder / "home")
        _resource_checks(check)
        demo = _export_checks(check, folder)
        if window and demo is not None:
            _window_checks(check, demo, folder)
    watchdog.cancel()
    if check.failed:
        out(_("Autoprueba fallida: {names}.", names=", ".join(check.failed)))
        return 1
    out(ngettext("Autoprueba correcta: {n} comprobación.", "Autoprueba correcta: {n} comprobaciones.", check.passed))
    return 0
