"""Fixtures shared by the panel tests: a workshop context and recorded error dialogs."""

import pytest

from facilitator.settings import Settings
from facilitator.ui.context import DocumentSignals, WorkshopContext
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.undo import UndoAdapter


@pytest.fixture
def ctx(diagnostic):
    """What a workshop panel gets, over a fresh diagnostic workshop."""
    doc, wid = diagnostic
    signals = DocumentSignals(doc)
    context = WorkshopContext(doc, UndoAdapter(doc), signals, Settings(), wid)
    yield context
    signals.detach()


@pytest.fixture
def errors(monkeypatch):
    """Messages that would be shown by Dialogs.error, recorded instead."""
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
