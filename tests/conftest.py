"""Test set-up: headless Qt, an isolated settings folder, Spanish by default."""

import os

# Before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from facilitator.i18n import set_language  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Settings, recent files and the demo go to a fresh folder for each test."""
    monkeypatch.setenv("PAPELOGRAFO_HOME", str(tmp_path_factory.mktemp("home")))
    set_language("es")
    yield
    set_language("es")


@pytest.fixture
def doc(tmp_path):
    """A new, empty process file."""
    from facilitator.document import ProcessDocument

    d = ProcessDocument.create(tmp_path / "proceso.taller", "Proceso de prueba")
    yield d
    d.close()


@pytest.fixture
def diagnostic(doc):
    """A process file with one diagnostic workshop; returns (doc, workshop_id)."""
    from facilitator.domain.templates import builtin_template
    from facilitator.workshops import new_workshop

    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    return doc, macro.workshop_id
