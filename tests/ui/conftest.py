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
