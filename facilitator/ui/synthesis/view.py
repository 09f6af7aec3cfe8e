"""The Sistematización workspace: where the team works once the workshops are over (all workshops)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QWidget

from facilitator.document import ProcessDocument
from facilitator.i18n import _
from facilitator.settings import Settings
from qtshared.context import DocumentSignals
from qtshared.undo import UndoAdapter

from .findings_tab import FindingsTab
from .suggestions_tab import SuggestionsTab
from .tables_tab import TablesTab, TextsTab


@dataclass
class ProcessContext:
    """What the workspace's tabs get: the whole process, not one workshop."""

    doc: ProcessDocument
    undo: UndoAdapter
    signals: DocumentSignals
    settings: Settings


class SynthesisView(QTabWidget):
    def __init__(self, ctx: ProcessContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.findings = FindingsTab(ctx, self)
        self.suggestions = SuggestionsTab(ctx, self)
        self.tables = TablesTab(ctx, self)
        self.texts = TextsTab(ctx, self)
        self.addTab(self.findings, _("Hallazgos"))
        self.addTab(self.suggestions, _("Sugerir agrupaciones"))
        self.addTab(self.tables, _("Cifras, actores e iniciativas"))
        self.addTab(self.texts, _("Resumen y conclusiones"))
        self.setAccessibleName(_("Sistematización"))

    def shutdown(self) -> None:
        for tab in (self.findings, self.suggestions, self.tables, self.texts):
            tab.shutdown()
