"""A publish link too long for a QR code: the cover shows the link, the export warns; the dialog refuses it."""

from __future__ import annotations

from pypdf import PdfReader

from exports.jobs import ExportRequest, run_export
from exports.qr import QR_MAX_BYTES
from facilitator.app import main
from facilitator.commands import UpdateRow

LONG = "https://example.org/" + "a" * 2400


def test_export_with_a_link_too_long_for_a_qr(diagnostic, tmp_path):
    doc, _wid = diagnostic
    doc.execute(UpdateRow("process", doc.process["id"], {"publish_url": LONG}, "x"))
    result = run_export(doc, ExportRequest(pdf=tmp_path / "r.pdf", docx=tmp_path / "r.docx"))
    assert result.pages and len(result.warnings) == 1 and "QR" in result.warnings[0]
    cover = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "Anexos y materiales" in cover


def test_cli_says_it_in_one_warning_line(diagnostic, tmp_path, capsys):
    doc, _wid = diagnostic
    doc.execute(UpdateRow("process", doc.process["id"], {"publish_url": LONG}, "x"))
    path = doc.path
    doc.close()
    code = main(["export", str(path), "--pdf", str(tmp_path / "r.pdf")])
    captured = capsys.readouterr()
    assert code == 0 and (tmp_path / "r.pdf").exists()
    assert captured.err.count("\n") == 1 and "aviso" in captured.err and "Traceback" not in captured.err


def test_dialog_refuses_a_link_too_long(diagnostic, qtbot, monkeypatch):
    from qtshared.dialogs import Dialogs
    from facilitator.ui.export_dialog import ExportDialog
    from qtshared.undo import UndoAdapter

    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    doc, _wid = diagnostic
    dialog = ExportDialog(doc, UndoAdapter(doc))
    qtbot.addWidget(dialog)
    dialog.url.setText(LONG)
    dialog.url.editingFinished.emit()
    assert not shown and str(QR_MAX_BYTES) in dialog.status.text()
    dialog.export_button.click()
    assert len(shown) == 1 and dialog.thread is None
    assert doc.process["publish_url"] == ""
