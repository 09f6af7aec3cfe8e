"""The export dialog writes the chosen formats on a worker thread and stores the QR link undoably."""

from __future__ import annotations

from pypdf import PdfReader

from facilitator.ui.export_dialog import ExportDialog, shrink_logo
from qtshared.undo import UndoAdapter


def test_export_from_the_dialog(diagnostic, qtbot, tmp_path):
    doc, _wid = diagnostic
    undo = UndoAdapter(doc)
    dialog = ExportDialog(doc, undo)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "informe"))
    dialog.formats["xlsx"].setChecked(True)
    dialog.url.setText("https://example.org/anexos")
    dialog.url.editingFinished.emit()
    assert doc.process["publish_url"] == "https://example.org/anexos"
    with qtbot.waitSignal(dialog.finished_export, timeout=30000) as blocker:
        dialog.export_button.click()
        assert not dialog.export_button.isEnabled()  # one export at a time
    result = blocker.args[0]
    assert [p.name for p in result.written] == ["informe.pdf", "informe.xlsx"]
    assert dialog.open_button.isEnabled() and dialog.progress.value() == 1000
    assert len(PdfReader(tmp_path / "informe.pdf").pages) >= 3
    undo.stack.undo()
    assert doc.process["publish_url"] == ""


def test_logo_is_shrunk_or_refused():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (2000, 1000), "navy").save(buf, "JPEG")
    assert shrink_logo(b"no image") is None
    logo = shrink_logo(buf.getvalue())
    assert logo.startswith(b"\x89PNG") and Image.open(io.BytesIO(logo)).size == (600, 300)
