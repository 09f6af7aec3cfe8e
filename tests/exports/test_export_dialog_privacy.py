"""The export dialog: the minimum group size, and the full JSON copy as an explicit, informed choice."""

from __future__ import annotations

import json

from qtshared.dialogs import Dialogs
from facilitator.ui.export_dialog import ExportDialog
from qtshared.undo import UndoAdapter


def _dialog(qtbot, doc):
    dialog = ExportDialog(doc, UndoAdapter(doc))
    qtbot.addWidget(dialog)
    return dialog


def test_min_group_reaches_the_report(rich, qtbot, tmp_path):
    doc, _ids = rich
    dialog = _dialog(qtbot, doc)
    assert dialog.min_group.value() == 3
    dialog.target.setText(str(tmp_path / "k1"))
    dialog.formats["pdf"].setChecked(False)
    dialog.formats["csv"].setChecked(True)
    dialog.min_group.setValue(1)
    with qtbot.waitSignal(dialog.finished_export, timeout=30000):
        dialog.export_button.click()
    k1 = "".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "k1-csv").glob("*.csv"))
    dialog.target.setText(str(tmp_path / "k3"))
    dialog.min_group.setValue(3)
    with qtbot.waitSignal(dialog.finished_export, timeout=30000):
        dialog.export_button.click()
    k3 = "".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "k3-csv").glob("*.csv"))
    assert "Fundaciones y sociedad civil" in k1 and "Fundaciones y sociedad civil" not in k3


def test_full_json_asks_first_and_says_it_is_personal_data(rich, qtbot, tmp_path, monkeypatch):
    doc, _ids = rich
    asked = []
    answer = {"value": False}
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: asked.append(text) or answer["value"]))
    dialog = _dialog(qtbot, doc)
    assert "datos personales" in dialog.formats["json"].text()
    dialog.target.setText(str(tmp_path / "copia"))
    dialog.formats["pdf"].setChecked(False)
    dialog.formats["json"].setChecked(True)
    dialog.export_button.click()
    assert len(asked) == 1 and "no autorizaron" in asked[0]
    assert dialog.thread is None and not (tmp_path / "copia.json").exists()
    answer["value"] = True
    with qtbot.waitSignal(dialog.finished_export, timeout=30000):
        dialog.export_button.click()
    data = json.loads((tmp_path / "copia.json").read_text(encoding="utf-8"))
    assert data["tables"]["participant"]


def test_anonymised_copy_needs_no_confirmation(rich, qtbot, tmp_path, monkeypatch):
    doc, _ids = rich
    asked = []
    monkeypatch.setattr(Dialogs, "confirm", classmethod(lambda cls, parent, text: asked.append(text) or False))
    dialog = _dialog(qtbot, doc)
    dialog.target.setText(str(tmp_path / "copia"))
    dialog.formats["pdf"].setChecked(False)
    dialog.formats["json_anonymous"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=30000) as blocker:
        dialog.export_button.click()
    assert asked == []
    [written] = blocker.args[0].written
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["anonymised"] is True and written.name == "copia-anonimo.json"
