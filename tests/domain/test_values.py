"""Stored numbers read leniently: what SQLite kept as it came never stops a reader."""

import math

import pytest

from facilitator.domain.values import number, whole


@pytest.mark.parametrize("value, expected", [
    (3, 3), ("7", 7), (" 12 ", 12), (4.9, 4), (True, 1), ("abc", 0), (None, 0), ("", 0), (b"\x00", 0),
    (float("nan"), 0), (float("inf"), 0), ("1e999", 0), ([], 0),
])
def test_whole(value, expected):
    assert whole(value) == expected


def test_whole_range_and_default():
    assert whole(-5, 0, lo=0) == 0 and whole(9, None, lo=1, hi=5) is None and whole(3, None, lo=1, hi=5) == 3


@pytest.mark.parametrize("value, expected", [
    (1.5, 1.5), (2, 2.0), ("3.25", 3.25), ("abc", 0.0), (None, 0.0), (float("nan"), 0.0), ("inf", 0.0),
    (True, 0.0),
])
def test_number(value, expected):
    result = number(value)
    assert result == expected and math.isfinite(result)

