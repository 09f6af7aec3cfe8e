"""Sugerir agrupaciones: notes that say the same thing, with a threshold slider, accept and reject, synonyms.

Scoring runs once per change of the notes or synonyms (``Suggester``); moving the
slider only re-clusters. Accepting makes a finding (one undo step); rejecting
hides the suggestion for good (also undoable).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSlider,
                               QTreeWidget, QTreeWidgetItem, QWidget)

from facilitator.i18n import _, current_language, ngettext
from facilitator.synthesis import suggest as S
from facilitator.synthesis import tables as T
from qtshared.dialogs import Dialogs
from qtshared.widgets import plain_label, plain_tooltip

from .pane import TwoPanes

SOURCES = {"note", "synonym", "suggestion_rejection", "finding_source", "workgroup", "workshop"}


class SuggestionsTab(TwoPanes):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.suggester: S.Suggester | None = None
        self.found: list[S.Suggestion] = []
        ro = self.doc.readonly
        col = self.pane()
        col.addWidget(plain_label(_("Notas que dicen lo mismo en distintos grupos y talleres, primero las que abarcan "
                                    "más grupos. Se calculan en este equipo, sin conexión. Son sugerencias: acepte las "
                                    "que sirvan como hallazgo y descarte las demás."), wrap=True))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Parecido mínimo")))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(_("Parecido mínimo"))
        self.slider.setRange(int(S.FLOOR * 100), 95)
        self.slider.setValue(int(S.DEFAULT_THRESHOLD * 100))
        self.slider.setPageStep(5)
        self.slider.valueChanged.connect(self._threshold_moved)
        row.addWidget(self.slider, 1)
        self.threshold_label = QLabel()
        row.addWidget(self.threshold_label)
        col.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Sugerencias"))
        self.tree.setHeaderLabels([_("Sugerencia"), _("Grupos"), _("Talleres")])
        self.tree.setColumnWidth(0, 420)
        self.tree.setWordWrap(True)
        col.addWidget(self.tree, 1)
        self.summary = plain_label("", name="Muted")
        col.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.accept_button, self.reject_button = self.buttons(
            buttons, (_("Aceptar como hallazgo"), self.accept_current), (_("Descartar"), self.reject_current))
        col.addLayout(buttons)
        side = self.pane()
        side.addWidget(plain_label(_("Sinónimos: palabras que cuentan como la misma (colegio = escuela)."), wrap=True))
        self.synonyms = QListWidget()
        self.synonyms.setAccessibleName(_("Sinónimos"))
        side.addWidget(self.synonyms, 1)
        add = QHBoxLayout()
        self.term = QLineEdit()
        self.term.setPlaceholderText(_("colegio"))
        self.term.setAccessibleName(_("Palabra"))
        self.equals = QLineEdit()
        self.equals.setPlaceholderText(_("escuela"))
        self.equals.setAccessibleName(_("Equivale a"))
        self.add_synonym_button = QPushButton(_("Añadir"))
        self.add_synonym_button.clicked.connect(self.add_synonym)
        self.equals.returnPressed.connect(self.add_synonym)
        self.remove_synonym_button = QPushButton(_("Quitar"))
        self.remove_synonym_button.clicked.connect(self.remove_synonym)
        # The two words on a line of their own, the buttons under them: on one line at 1024 px the words got
        # 22 px each, not even their placeholders.
        edit = QHBoxLayout()
        for w in (self.add_synonym_button, self.remove_synonym_button):
            edit.addWidget(w)
        edit.addStretch(1)
        for w in (self.term, QLabel("="), self.equals, self.add_synonym_button, self.remove_synonym_button):
            if w not in (self.add_synonym_button, self.remove_synonym_button):
                add.addWidget(w)
            w.setEnabled(not ro)
        side.addLayout(add)
        side.addLayout(edit)
        self.splitter.setSizes([700, 300])

        self._rescore = QTimer(self)
        self._rescore.setSingleShot(True)
        self._rescore.setInterval(250)
        self._rescore.timeout.connect(self.rescore)
        ctx.signals.changed.connect(self._changed)
        self.stale = True
        self.closed = False

    def showEvent(self, event) -> None:  # scored when first looked at, not when the window opens
        super().showEvent(event)
        if self.stale and not self.closed:
            self.rescore()

    def threshold(self) -> float:
        return self.slider.value() / 100

    def rescore(self) -> None:
        if self.closed:
            return
        notes = S.load_notes(self.doc.store, self.pid)
        self.suggester = S.Suggester(notes, T.synonym_pairs(self.doc.store, self.pid))
        self.stale = False
        self._reload_synonyms()
        self.recluster()

    def recluster(self) -> None:
        # «0,40» in Spanish, «0.40» in English: the decimal mark of the UI's language
        self.threshold_label.setText(QLocale(current_language()).toString(self.threshold(), "f", 2))
        if self.suggester is None:
            return
        self.found = self.suggester.clusters(self.threshold(), hide=T.rejected(self.doc.store, self.pid),
                                             exclude_notes=S.linked_notes(self.doc.store, self.pid))
        self.tree.clear()
        for k, s in enumerate(self.found):
            top = QTreeWidgetItem([f"{' · '.join(s.label)} — {len(s.notes)} " + _("notas"), str(len(s.groups)),
                                   str(len(s.workshops))])
            top.setData(0, Qt.ItemDataRole.UserRole, k)
            for n in s.notes:
                child = QTreeWidgetItem([n.text, n.group, n.workshop])
                child.setToolTip(0, plain_tooltip(n.text))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        if self.found:
            self.tree.topLevelItem(0).setExpanded(True)
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.summary.setText(ngettext("{n} sugerencia entre {notes}.", "{n} sugerencias entre {notes}.", len(self.found),
                                        notes=ngettext("{n} nota", "{n} notas", len(self.suggester.notes))))

    def _threshold_moved(self) -> None:
        self.recluster()

    def current(self) -> S.Suggestion | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        while item.parent() is not None:
            item = item.parent()
        k = item.data(0, Qt.ItemDataRole.UserRole)
        return self.found[k] if k is not None and k < len(self.found) else None

    def accept_current(self) -> None:
        s = self.current()
        if s is not None:
            self.ctx.undo.run(S.accept(self.doc.store, self.pid, s))

    def reject_current(self) -> None:
        s = self.current()
        if s is not None:
            self.ctx.undo.run(T.reject(self.pid, s.signature))

    def _reload_synonyms(self) -> None:
        self.synonyms.clear()
        for r in T.synonyms(self.doc.store, self.pid):
            item = QListWidgetItem(f"{r['term']} = {r['equals']}")
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.synonyms.addItem(item)

    def add_synonym(self) -> None:
        try:
            command = T.add_synonym(self.doc.store, self.pid, self.term.text(), self.equals.text())
        except ValueError as exc:
            Dialogs.error(self, str(exc))
            return
        if command is not None and self.ctx.undo.run(command):
            self.term.clear()
            self.equals.clear()
            self.term.setFocus()

    def remove_synonym(self) -> None:
        item = self.synonyms.currentItem()
        if item is not None:
            self.ctx.undo.run(T.delete_synonym(item.data(Qt.ItemDataRole.UserRole)))

    def _changed(self, changes) -> None:
        tables = {c.table for c in changes}
        if tables & SOURCES:
            self.stale = True
            if self.isVisible():
                self._rescore.start()

    def shutdown(self) -> None:
        self.closed = True
        self._rescore.stop()
        self.ctx.signals.changed.disconnect(self._changed)
