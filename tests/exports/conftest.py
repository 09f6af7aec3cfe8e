"""Fixtures: a hostile workshop and a rich process (built in export_samples.py)."""

import json

import pytest

from export_samples import build_hostile, build_methods, build_rich


@pytest.fixture
def hostile(doc):
    """(doc, workshop_id): a diagnostic workshop whose every note is hostile text."""
    return build_hostile(doc)


@pytest.fixture
def rich(doc):
    """(doc, ids): every kind of canvas, people with and without consent, minutes, a run, photos…"""
    return build_rich(doc)


@pytest.fixture
def methods(doc):
    """(doc, ids): diagnosis, FODA with cross strategies, problem and objective trees, planning and monitoring."""
    return build_methods(doc)


@pytest.fixture(scope="session")
def exchange_sample(tmp_path_factory):
    """A rich process with every method as decoded exchange JSON, built once (tests mutate deep copies)."""
    from exports.exchange import export_data
    from facilitator.document import ProcessDocument

    path = tmp_path_factory.mktemp("exchange") / "fuente.taller"
    doc = ProcessDocument.create(path, "Fuente")
    try:
        build_rich(doc)
        build_methods(doc)
        return json.loads(json.dumps(export_data(doc)))
    finally:
        doc.close()
