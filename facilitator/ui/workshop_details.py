"""The workshop's own data: title, date, time, place, objectives, and its numbers."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .. import kinds
from ..domain.templates import builtin_template
from ..i18n import _, ngettext, pick
from qtshared.context import WorkshopContext
from qtshared.fields import BoundField, plain_text_edit


def check_date(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return _("Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-10-14.")
    return None


def check_time(text: str) -> str | None:
    if not text.strip():
        return None
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return _("Escriba la hora como HH:MM, por ejemplo 09:30.")
    return None


class WorkshopDetails(QWidget):
    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        wid = lambda: ctx.workshop_id  # noqa: E731
        self.title = QLineEdit()
        self.date = QLineEdit()
        self.date.setPlaceholderText(_("AAAA-MM-DD"))
        self.start = QLineEdit()
        self.start.setPlaceholderText(_("HH:MM"))
        self.place = QLineEdit()
        self.objectives = plain_text_edit(self, 120)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("SavedFailed")
        self.fields = [
            BoundField(ctx, self.title, "workshop", "title", wid, _("Cambiar título del taller"),
                       validate=lambda t: None if t.strip() else _("El título del taller no puede quedar vacío."),
                       on_error=self._error),
            BoundField(ctx, self.date, "workshop", "date", wid, _("Cambiar fecha del taller"), check_date, self._error),
            BoundField(ctx, self.start, "workshop", "start_time", wid, _("Cambiar hora de inicio"), check_time,
                       self._error),
            BoundField(ctx, self.place, "workshop", "place", wid, _("Cambiar lugar del taller")),
            BoundField(ctx, self.objectives, "workshop", "objectives", wid, _("Cambiar objetivos del taller")),
        ]
        form.addRow(_("Título:"), self.title)
        form.addRow(_("Fecha:"), self.date)
        form.addRow(_("Hora de inicio:"), self.start)
        form.addRow(_("Lugar:"), self.place)
        form.addRow(_("Objetivos:"), self.objectives)
        form.addRow("", self.error)
        self.method = QLabel()
        self.method.setTextFormat(Qt.TextFormat.PlainText)
        self.method.setWordWrap(True)
        self.method.setObjectName("Muted")
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.method)
        layout.addWidget(self.numbers)
        layout.addStretch(1)
        ctx.signals.changed.connect(self._changed)
        self._reload()

    def _error(self, problem: str | None) -> None:
        self.error.setText(problem or "")

    def _changed(self, changes) -> None:
        self._reload()

    def _reload(self) -> None:
        if self.ctx.doc.workshop(self.ctx.workshop_id) is None:
            return
        for f in self.fields:
            f.load()
        w = self.ctx.doc.workshop(self.ctx.workshop_id)
        try:
            t = builtin_template(w["template_id"])
            self.method.setText(_("Guion: {title}. Fuente: {source}", title=pick(t.title), source=pick(t.source)))
        except KeyError:
            self.method.setText("")
        n = self.ctx.doc.counts(self.ctx.workshop_id)
        minutes = sum(b["minutes"] for b in self.ctx.doc.blocks(self.ctx.workshop_id))
        self.numbers.setText(" · ".join((
            _("{minutes} min de agenda", minutes=minutes),
            ngettext("{n} grupo", "{n} grupos", n["groups"]),
            ngettext("{n} participante presente", "{n} participantes presentes", n["present"]),
            *(ngettext(*kinds.kind(key).holds, count) for key, count in n["held"].items()),
            ngettext("{n} entrada de relatoría", "{n} entradas de relatoría", n["minutes"]),
            ngettext("{n} foto", "{n} fotos", n["photos"]))))
