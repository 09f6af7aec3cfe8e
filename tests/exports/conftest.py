"""Fixtures: a hostile workshop and a rich process (built in export_samples.py)."""

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
