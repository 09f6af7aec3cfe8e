"""Test set-up: headless Qt, an isolated settings folder, Spanish by default."""

import os

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from facilitator.i18n import set_language  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Settings, recent files and the demo go to a fresh folder for each test."""
    monkeypatch.setenv("PAPELOGRAFO_HOME", str(tmp_path_factory.mktemp("home")))
    set_language("es")
    yield
    set_language("es")


@pytest.fixture
def doc(tmp_path):
    """A new, empty process file."""
    from facilitator.document import ProcessDocument

    d = ProcessDocument.create(tmp_path / "proceso.taller", "Proceso de prueba")
    yield d
    d.close()


@pytest.fixture
def diagnostic(doc):
    """A process file with one diagnostic workshop; returns (doc, workshop_id)."""
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    return doc, macro.workshop_id


# -- shared by the panel tests (tests/ui, tests/canvases, tests/qtshared) --------------
@pytest.fixture
def ctx(diagnostic):
    """What a workshop panel gets, over a fresh diagnostic workshop."""
    from facilitator.settings import Settings
    from qtshared.context import DocumentSignals, WorkshopContext
    from qtshared.undo import UndoAdapter

    doc, wid = diagnostic
    signals = DocumentSignals(doc)
    context = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), wid)
    yield context
    signals.detach()


@pytest.fixture
def errors(monkeypatch):
    """Messages that would be shown by Dialogs.error, recorded instead."""
    from qtshared.dialogs import Dialogs

    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    return shown


@pytest.fixture
def tooltip_text():
    """What a tooltip shows: Qt renders it as HTML when it looks like markup (QToolTip's AutoText), else as is."""
    from PySide6.QtGui import QTextDocument, Qt

    def shown(tip):
        if not tip or not Qt.mightBeRichText(tip):
            return tip
        document = QTextDocument()
        document.setHtml(tip)
        return document.toPlainText()

    return shown


@pytest.fixture
def flush_deletes():
    """Run what ``deleteLater`` and closed ``WA_DeleteOnClose`` windows left for the event loop."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    def flush():
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()

    return flush


@pytest.fixture
def listeners():
    """How many slots follow a context's file changes (what a widget left connected adds to)."""
    from PySide6.QtCore import SIGNAL

    return lambda ctx: ctx.signals.receivers(SIGNAL("changed(PyObject)"))
