"""Fixtures of the capture tests."""

import pytest

from capture_helpers import start, workshop_file


@pytest.fixture
def room(tmp_path):
    """A capture open on 127.0.0.1 for the diagnostic's group block, three groups."""
    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"])
    yield server
    server.stop()
