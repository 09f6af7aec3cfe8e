"""A note holds at most NOTE_MAX_CHARS characters: typing and pasting stop there, the file refuses more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest

from canvases.board.editor import InlineEditor, NoteTextEdit, typed_text
from canvases.foda.cards import NoteEditor
from facilitator import board
from facilitator.domain.limits import NOTE_MAX_CHARS
from facilitator.store import TooLong
from canvases.board.capture import CaptureField


def _canvas(diagnostic):
    doc, wid = diagnostic
    return doc, doc.canvases(wid)[0]


def test_the_file_refuses_a_note_over_the_cap_in_one_line(diagnostic):
    doc, canvas = _canvas(diagnostic)
    doc.execute(board.add_notes(doc, canvas["id"], "desafios", None, ["a" * NOTE_MAX_CHARS]))
    note = doc.store.query("SELECT id FROM note")[0]["id"]
    with pytest.raises(TooLong) as info:
        doc.execute(board.add_notes(doc, canvas["id"], "desafios", None, ["b" * (NOTE_MAX_CHARS + 1)]))
    assert str(NOTE_MAX_CHARS) in info.value.message() and "\n" not in info.value.message()
    with pytest.raises(TooLong):
        doc.execute(board.edit_text(doc, note, "c" * 2_000_000))
    assert doc.store.scalar("SELECT count(*) FROM note") == 1
    assert len(doc.store.scalar("SELECT text FROM note")) == NOTE_MAX_CHARS


# The offscreen platform cannot raise the tooltip that explains the refusal; real windows show it.
TOOLTIP = pytest.mark.qt_log_ignore("This plugin does not support raise")


@TOOLTIP
@pytest.mark.parametrize("make", [CaptureField, NoteTextEdit, NoteEditor,
                                  lambda: InlineEditor("n", "", None)])
def test_editors_stop_pastes_and_typing_at_the_cap(qtbot, make):
    edit = make()
    qtbot.addWidget(edit)
    edit.show()
    mime = QMimeData()
    mime.setText("x" * (NOTE_MAX_CHARS + 10))
    edit.insertFromMimeData(mime)
    assert typed_text(edit) == "" and "sobran 10" in edit.last_refusal
    mime.setText("y" * NOTE_MAX_CHARS)
    edit.insertFromMimeData(mime)
    assert len(typed_text(edit)) == NOTE_MAX_CHARS
    edit.last_refusal = ""
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.NoModifier)
    assert len(typed_text(edit)) == NOTE_MAX_CHARS and edit.last_refusal
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.NoModifier)  # typing over a selection replaces it
    assert typed_text(edit) == "z"


def test_an_older_longer_note_is_shown_whole(qtbot):
    edit = NoteTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("w" * (NOTE_MAX_CHARS + 50))
    assert len(typed_text(edit)) == NOTE_MAX_CHARS + 50


@TOOLTIP
def test_capture_refuses_a_pasted_list_with_one_line_too_long(qtbot):
    field = CaptureField()
    qtbot.addWidget(field)
    mime = QMimeData()
    mime.setText("corta\n" + "x" * (NOTE_MAX_CHARS + 1) + "\notra")
    with qtbot.assertNotEmitted(field.pasted_lines):
        field.insertFromMimeData(mime)
    assert field.last_refusal
