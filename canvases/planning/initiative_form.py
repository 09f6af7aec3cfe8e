"""The detail of one initiative, as the planning workshop asks for it, beside the matrix.

The groups answer the guide's questions for each initiative (nombre, ¿en qué
consiste?, ¿requiere financiamiento adicional?, meta, unidad responsable,
alianzas, plazos); the form asks them in that order, then the matrix's other
columns, the group that proposed it and a SMART section (a one-sentence
objective, success indicators and the five criteria with the guide's hint for
each). Every field is saved as it is typed (one undo step per field), and the
form follows the selected row and any change made elsewhere (the table, undo).
An initiative made from a note says where that note came from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout,
                               QLineEdit, QRadioButton, QSizePolicy, QVBoxLayout, QWidget)

from facilitator import planning as P
from facilitator.commands import Command
from facilitator.i18n import N_, _
from facilitator.store.db import Change
from qtshared.context import WorkshopContext
from qtshared.fields import BoundField, plain_text_edit
from qtshared.widgets import plain_label, tooltip_says_choice

WATCHED = {"initiative", "canvas", "workgroup", "note", "workshop"}
FUNDING_CHOICES = ((1, N_("Sí")), (0, N_("No")), (None, N_("Sin definir")))
COMBO_MIN_CHARS = 12  # a combo clips its long choices (its tooltip says them) rather than widening the side panel


def narrow_combo(accessible_name: str) -> QComboBox:
    """A combo whose width follows the form's, not its longest item (an axis name may be a sentence)."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_MIN_CHARS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return tooltip_says_choice(combo)


class FieldColumn(QVBoxLayout):
    """Each caption above its field, both the full width of the side panel.

    A QFormLayout that wraps its rows still sizes a caption by its own preferred
    width, so a wrapped caption broke after two words; here it wraps only where
    the panel ends. Captions are plain text, tied to their field for screen readers.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(2)

    def add_row(self, text: str, field: QWidget) -> None:
        caption = plain_label(text, wrap=True)
        caption.setBuddy(field)
        if self.count():
            self.addSpacing(6)
        self.addWidget(caption)
        self.addWidget(field)


class InitiativeForm(QWidget):
    """Edits the initiative ``initiative_id``; shows a hint when no initiative is chosen."""

    def __init__(self, ctx: WorkshopContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Sits in a scroll area that only scrolls vertically: the form takes the width it is given
        # (labels wrap, combos elide) instead of asking for more and being clipped on the right.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.ctx = ctx
        self.initiative_id: str | None = None
        self.canvas_id: str | None = None
        self.bound: list[BoundField] = []
        self._build()
        ctx.signals.changed.connect(self._changed)
        self.show_initiative(None)

    # -- building ------------------------------------------------------------------------------
    def _line(self, column: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        self.bound.append(BoundField(self.ctx, edit, "initiative", column, lambda: self.initiative_id, label))
        return edit

    def _text(self, column: str, label: str, placeholder: str = "", height: int = 64):
        edit = plain_text_edit(height=height)
        edit.setFixedHeight(height)  # the form scrolls; a text box does not swallow the free space
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        self.bound.append(BoundField(self.ctx, edit, "initiative", column, lambda: self.initiative_id, label))
        return edit

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.heading = plain_label(_("Ficha de la iniciativa"), name="SectionTitle")
        outer.addWidget(self.heading)
        self.origin = plain_label("", wrap=True, name="Muted")
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.origin)
        self.hint = plain_label("", wrap=True, name="Muted")
        outer.addWidget(self.hint)

        self.body = QWidget()
        form = FieldColumn(self.body)
        self.name = self._line("name", _("Nombre de la iniciativa"), _("¿Cómo se llama la iniciativa?"))
        form.add_row(_("Nombre de la iniciativa"), self.name)
        self.axis = narrow_combo(_("Eje estratégico"))
        self.axis.activated.connect(lambda _i: self._run(
            P.edit_initiative(self.ctx.doc, self.initiative_id, "axis", self.axis.currentData())))
        form.add_row(_("Eje estratégico"), self.axis)
        self.description = self._text("description", _("¿En qué consiste?"),
                                       _("Descripción y objetivo; resultados esperados y a quiénes beneficia"), 96)
        form.add_row(_("¿En qué consiste?"), self.description)
        funding_row = QWidget()
        row = QHBoxLayout(funding_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.needs_funding = QButtonGroup(self)
        self.funding_buttons: dict[Any, QRadioButton] = {}
        for n, (value, label) in enumerate(FUNDING_CHOICES):
            button = QRadioButton(_(label))
            self.needs_funding.addButton(button, n)
            self.funding_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.needs_funding.idClicked.connect(self._funding_clicked)
        form.add_row(_("¿Requiere financiamiento adicional?"), funding_row)
        self.goal = self._line("goal", _("Meta o producto"), _("¿Cuál sería la meta de esta iniciativa?"))
        form.add_row(_("Meta o producto"), self.goal)
        self.unit = self._line("unit", _("Unidad responsable"), _("¿Qué unidad sería responsable?"))
        form.add_row(_("Unidad responsable"), self.unit)
        self.alliances = self._line("alliances", _("Alianzas"), _("¿Con quiénes podría realizarse una alianza?"))
        form.add_row(_("Alianzas"), self.alliances)
        self.period = self._line("period", _("Plazos (periodo de ejecución)"),
                                 _("¿En qué plazos podría implementarse?"))
        form.add_row(_("Plazos (periodo de ejecución)"), self.period)
        self.strategy = self._line("strategy", _("Estrategia"), _("Línea de trabajo del eje a la que responde"))
        form.add_row(_("Estrategia"), self.strategy)
        self.funding = self._line("funding", _("Financiamiento"), _("Presupuesto y posibles vías de financiamiento"))
        form.add_row(_("Financiamiento"), self.funding)
        self.plan_ref = self._line("plan_ref", _("PMG o PLADECO"), _("Programa o plan comunal con que se vincula"))
        form.add_row(_("PMG o PLADECO"), self.plan_ref)
        self.group = narrow_combo(_("Grupo"))
        self.group.activated.connect(lambda _i: self._run(
            P.edit_initiative(self.ctx.doc, self.initiative_id, "group_id", self.group.currentData())))
        form.add_row(_("Grupo que la propuso"), self.group)

        smart = QGroupBox(_("Objetivo SMART"))
        col = QVBoxLayout(smart)
        col.addWidget(plain_label(_("Objetivo (en una sola oración)"), wrap=True))
        self.objective = self._text("objective", _("Objetivo SMART"),
                                    _("Ej.: Capacitar a 100 migrantes en oficios con una ONG local, de enero a "
                                      "diciembre de 2026"), 52)
        col.addWidget(self.objective)
        col.addWidget(plain_label(_("Indicadores de éxito"), wrap=True))
        self.indicators = self._text("indicators", _("Indicadores de éxito"),
                                     _("Ej.: número de migrantes capacitados; porcentaje que encuentra empleo"), 52)
        col.addWidget(self.indicators)
        self.smart_summary = plain_label("", wrap=True, name="Muted")
        col.addWidget(self.smart_summary)
        self.criteria: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for n, criterion in enumerate(P.SMART):
            box = QCheckBox(_(criterion.label))
            box.setToolTip(_(criterion.hint))
            box.toggled.connect(lambda on, key=criterion.key: self._smart_toggled(key, on))
            self.criteria[criterion.key] = box
            grid.addWidget(box, n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(plain_label(_(criterion.hint), wrap=True, name="Muted"), n, 1)
        col.addLayout(grid)
        form.addWidget(smart)
        outer.addWidget(self.body)
        outer.addStretch(1)
        for widget in (self.axis, self.group, *self.funding_buttons.values(), *self.criteria.values()):
            widget.setEnabled(not self.ctx.doc.readonly)

    # -- showing -------------------------------------------------------------------------------
    def show_initiative(self, initiative_id: str | None, hint: str = "") -> None:
        """Edit this initiative (None: show ``hint`` or the default one instead of the fields)."""
        self.initiative_id = initiative_id
        self.refresh(hint)

    def refresh(self, hint: str = "") -> None:
        row = self.ctx.doc.store.get("initiative", self.initiative_id) if self.initiative_id else None
        if row is None:
            self.initiative_id = None
        self.body.setVisible(row is not None)
        self.origin.setVisible(False)
        if row is None:
            self.hint.setText(hint or _("Elija una fila de la matriz para ver y completar la ficha de la iniciativa."))
            self.hint.setVisible(True)
            return
        self.hint.setVisible(False)
        self.canvas_id = row["canvas_id"]
        for field in self.bound:
            field.load()
        found = P.origin(self.ctx.doc, row)
        if found is not None:
            self.origin.setText(found.describe())
            self.origin.setVisible(True)
        self._fill_combo(self.axis, [(a["key"], a["label"]) for a in P.axes(self.ctx.doc, row["canvas_id"])]
                         + [(P.NO_AXIS, _("Sin eje"))], row["axis"])
        groups = P.group_choices(self.ctx.doc, self.ctx.workshop_id, row["group_id"])
        self._fill_combo(self.group, [(None, _("Sin grupo")), *groups], row["group_id"])
        button = self.funding_buttons.get(row["needs_funding"])
        if button is not None and not button.isChecked():
            button.setChecked(True)
        checks = P.smart_of(row)
        for key, box in self.criteria.items():
            box.blockSignals(True)
            box.setChecked(checks[key])
            box.blockSignals(False)
        self.smart_summary.setText(_("Cumple {n} de 5 criterios SMART.", n=sum(checks.values())))

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[Any, str]], current: Any) -> None:
        combo.blockSignals(True)
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] != items:
            combo.clear()
            for key, label in items:
                combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # -- editing -------------------------------------------------------------------------------
    def _run(self, command: Command | None) -> bool:
        if command is None or self.ctx.doc.readonly or not self.initiative_id:
            return False
        return self.ctx.undo.run(command)

    def _funding_clicked(self, button_id: int) -> None:
        value = FUNDING_CHOICES[button_id][0]
        if self.initiative_id:
            self._run(P.edit_initiative(self.ctx.doc, self.initiative_id, "needs_funding", value))

    def _smart_toggled(self, key: str, on: bool) -> None:
        if self.initiative_id and not self._run(P.set_smart(self.ctx.doc, self.initiative_id, key, on)):
            self.refresh()

    def _changed(self, changes: list[Change]) -> None:
        if not {c.table for c in changes} & WATCHED:
            return
        if self.initiative_id is None or any(c.table != "initiative" or c.id == self.initiative_id for c in changes):
            self.refresh()

    def detach(self) -> None:
        self.ctx.signals.changed.disconnect(self._changed)
