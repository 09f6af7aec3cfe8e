"""Keyboard-first capture of post-its: the typing field and the group/zone switchers.

A note-taker types a note and presses Enter; Shift+Enter starts a new line in the
same note; pasting several lines gives one note per line (the panel adds them as
one undo step, asking nothing). With the field empty, Ctrl+Z/Ctrl+Y reach the
window's Undo/Redo (the last note added), instead of the field's own typing undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QToolButton, QWidget

from canvases.board.editor import CappedText, is_newline, is_submit, typed_text
from canvases.board.items import pastel
from qtshared.flow import FlowLayout
from facilitator.board import split_lines
from facilitator.i18n import _
from qtshared.widgets import plain_label


class CaptureField(CappedText, QPlainTextEdit):
    submitted = Signal(str)  # the text typed, when Enter is pressed
    pasted_lines = Signal(list)  # several pasted lines, one note each

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        metrics = self.fontMetrics()
        self.setFixedHeight(int(metrics.lineSpacing() * 3 + 16))

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())

    def text(self) -> str:
        return typed_text(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_submit(event):
            self.submitted.emit(self.text())
        elif is_newline(event):
            self.insertPlainText("\n")
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and not self.text()
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()  # nothing typed to undo here: let the window undo the last edit
            return False
        return super().event(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        lines = split_lines(source.text()) if source.hasText() else []
        if len(lines) > 1:
            too_long = next((line for line in lines if len(line) > self.limit), None)
            if too_long is not None:  # each line is a note: each must fit
                self._refuse(len(too_long) - self.limit)
                return
            self.pasted_lines.emit(lines)
        else:
            super().insertFromMimeData(source)


BUTTON_STYLE = ("QToolButton { padding: 3px 8px; }"
                "QToolButton:checked { border: 2px solid #1F6F8B; background: #DCEBF0; }")


class ChoiceBar(QWidget):
    """A row of buttons, one checked: the current group or zone. Never takes the focus.

    The row wraps (``FlowLayout``) rather than widen the window past a small screen.
    """

    chosen = Signal(object)  # the key of the chosen entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption: QLabel | None = None  # the "Grupo:" beside the bar, level with its first row
        self.row = FlowLayout(self, spacing=4)  # many groups or zones wrap onto more lines on a small screen
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.keys: list[object] = []
        self.buttons: list[QToolButton] = []

    def set_choices(self, choices: list[tuple[object, str, str, str]], current: object) -> None:
        """(key, label, colour or "", shortcut text) for each entry, in order; ``current`` is checked."""
        for button in self.buttons:
            self.group.removeButton(button)
            button.hide()  # deleteLater waits for the event loop; meanwhile it would still show
            button.deleteLater()
        self.keys, self.buttons = [], []
        for key, label, colour, shortcut in choices:
            button = QToolButton(self)
            button.setText(f"{label}  ·  {shortcut}" if shortcut else label)
            button.setToolTip(shortcut)
            button.setAccessibleName(label)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if colour:
                c = QColor(colour)
                tint = pastel(c).name()
                button.setStyleSheet(
                    f"QToolButton {{ border-left: 6px solid {c.name()}; padding: 3px 8px; }}"
                    f"QToolButton:checked {{ background: {tint};"
                    f" border: 2px solid #1F6F8B; border-left: 6px solid {c.name()}; }}")
            else:
                button.setStyleSheet(BUTTON_STYLE)
            button.clicked.connect(lambda _c=False, k=key: self.chosen.emit(k))
            self.group.addButton(button)
            self.row.addWidget(button)
            self.keys.append(key)
            self.buttons.append(button)
        self.set_current(current)

    def set_current(self, key: object) -> None:
        if key in self.keys:
            self.buttons[self.keys.index(key)].setChecked(True)

    def label_of(self, key: object) -> str:
        return self.buttons[self.keys.index(key)].accessibleName() if key in self.keys else ""


def add_choice_row(row: QHBoxLayout, caption: str, bar: ChoiceBar) -> QLabel:
    """Put ``caption`` ("Grupo:") and its ``bar`` into ``row``: the caption level with the bar's first row of
    buttons, not centred beside a bar that wrapped onto several rows."""
    label = plain_label(caption)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # as tall as a button of the bar (set once, before any is shown: no relayout later), text centred
    probe = QToolButton()
    probe.setText(caption)
    probe.setStyleSheet(BUTTON_STYLE)
    label.setMinimumHeight(probe.sizeHint().height())
    probe.deleteLater()
    bar.caption = label
    row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(bar, 1)
    return label


def capture_entry(panel: QWidget) -> QHBoxLayout:
    """The row where notes are typed: the capture field and its *Agregar* button, set on ``panel``.

    Enter adds what is typed (``panel.add_typed``), a pasted list adds one note per
    line (``panel.add_lines``); the button does what Enter does and leaves the keyboard in the field.
    """
    entry = QHBoxLayout()
    panel.capture = CaptureField()
    panel.capture.setAccessibleName(_("Nueva nota"))
    panel.capture.setPlaceholderText(_("Escriba una nota y pulse Intro…"))
    panel.capture.submitted.connect(panel.add_typed)
    panel.capture.pasted_lines.connect(panel.add_lines)
    entry.addWidget(panel.capture, 1)
    panel.add_button = QPushButton(_("Agregar"))
    panel.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    panel.add_button.clicked.connect(lambda: panel.add_typed(panel.capture.text()))
    entry.addWidget(panel.add_button)
    return entry


def bind_capture_keys(panel, zones: int = 9) -> None:
    """The capture keys, from anywhere in ``panel`` (a ``CanvasPanel``), the field included.

    Ctrl+1…9 and Ctrl+↑↓ choose the group, Alt+1…``zones`` and Alt+←→ the zone,
    Ctrl+F goes to the panel's search.
    """
    bind = panel.bind_key
    for n in range(1, 10):
        bind(f"Ctrl+{n}", lambda n=n: panel.choose_group(n - 1))
    for n in range(1, zones + 1):
        bind(f"Alt+{n}", lambda n=n: panel.choose_zone(n - 1))
    bind("Ctrl+Up", lambda: panel.step_group(-1))
    bind("Ctrl+Down", lambda: panel.step_group(1))
    bind("Alt+Left", lambda: panel.step_zone(-1))
    bind("Alt+Right", lambda: panel.step_zone(1))
    bind(QKeySequence.StandardKey.Find, panel._focus_search)
