"""*Publicar* on the planning and monitoring canvases, and the two formats in the export dialog."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtWidgets import QWidget

from canvases.monitoring.monitoring_panel import MonitoringPanel
from canvases.planning.planning_panel import PlanningPanel
from exports.decidim import HEADERS, rows_of
from facilitator.demo import build_demo
from facilitator.document import ProcessDocument
from facilitator.settings import Settings
from facilitator.ui.export_dialog import ExportDialog
from qtshared import publish as P
from qtshared.context import DocumentSignals, WorkshopContext
from qtshared.dialogs import Dialogs
from qtshared.undo import UndoAdapter


@pytest.fixture
def demo(tmp_path, qtbot):
    doc = ProcessDocument.open(build_demo(tmp_path / "demo.taller"))
    holder = QWidget()
    qtbot.addWidget(holder)
    signals = DocumentSignals(doc, holder)
    yield doc, holder, signals
    signals.detach()
    doc.close()


@pytest.fixture
def shown(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(Dialogs, "info", classmethod(lambda cls, parent, text: said.append(text)))
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: said.append("ERROR " + text)))
    return said


def workshop_with(doc, kind: str) -> str:
    return next(w["id"] for w in doc.workshops() if any(c["kind"] == kind for c in doc.canvases(w["id"])))


@pytest.mark.parametrize("panel_class, kind", [(PlanningPanel, "planning_matrix"),
                                               (MonitoringPanel, "monitoring_matrix")])
def test_publish_menu_writes_the_decidim_csv_and_the_open_data(demo, qtbot, tmp_path, monkeypatch, shown,
                                                               panel_class, kind):
    doc, holder, signals = demo
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(tmp_path / "s.json"),
                          workshop_with(doc, kind))
    panel = panel_class(ctx)
    qtbot.addWidget(panel)
    asked: list[str] = []

    def target(cls, parent, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / ("plan" if "csv" in filters else "datos"))  # typed without an extension

    monkeypatch.setattr(P.PublishDialogs, "target", classmethod(target))
    decidim, open_data = panel.publish_button.menu().actions()
    assert decidim.text() == "Exportar para Decidim (rendición de cuentas)…"
    decidim.trigger()
    assert asked[-1].endswith("demo-decidim.csv")
    rows = list(rows_of((tmp_path / "plan.csv").read_bytes()))
    assert list(rows[0]) == HEADERS and len(rows) > 10
    open_data.trigger()
    assert asked[-1].endswith("demo-datos-abiertos.zip")
    assert zipfile.ZipFile(tmp_path / "datos.zip").testzip() is None
    assert shown == [f"Escrito «{tmp_path / 'plan.csv'}».", f"Escrito «{tmp_path / 'datos.zip'}»."]


def test_publish_into_a_missing_folder_says_so(demo, tmp_path, monkeypatch, shown):
    doc, holder, signals = demo
    ctx = WorkshopContext(doc, UndoAdapter(doc, holder), signals, Settings(tmp_path / "s.json"), doc.workshops()[0]["id"])
    monkeypatch.setattr(P.PublishDialogs, "target", classmethod(lambda cls, *a: str(tmp_path / "no" / "plan.csv")))
    assert P.publish(ctx, holder, P.DECIDIM) is None
    assert len(shown) == 1 and shown[0].startswith("ERROR No existe la carpeta")


def test_export_dialog_offers_both_and_keeps_open_data_anonymous(demo, qtbot, tmp_path, shown):
    doc, _holder, _signals = demo
    dialog = ExportDialog(doc, UndoAdapter(doc))
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "informe"))
    dialog.formats["pdf"].setChecked(False)
    dialog.names.setChecked(True)
    dialog.formats["open_data"].setChecked(True)
    assert dialog.anonymous.isChecked() and not dialog.names.isEnabled()
    assert not dialog.statuses.isEnabled()
    dialog.formats["decidim"].setChecked(True)
    assert dialog.statuses.isEnabled()
    dialog.statuses.setText("cumplida")  # no id: refused in one line, nothing written
    dialog.export_button.click()
    assert shown and shown[0].startswith("ERROR Estados en Decidim:") and not list(tmp_path.glob("informe*"))
    dialog.statuses.setText("cumplida=7, en curso=5")
    with qtbot.waitSignal(dialog.finished_export, timeout=30000) as blocker:
        dialog.export_button.click()
    assert [p.name for p in blocker.args[0].written] == ["informe-decidim.csv", "informe-datos-abiertos.zip"]
    rows = list(rows_of((tmp_path / "informe-decidim.csv").read_bytes()))
    assert {r["status/id"] for r in rows} == {"", "5", "7"}
