"""The number grammar shared by authors' answers and learners' input."""

from __future__ import annotations

import pytest

from quiz.numeric import parse_number, within


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.5", 0.5),
        ("0.50", 0.5),
        (".5", 0.5),
        ("1/2", 0.5),
        (" 1 / 2 ", 0.5),
        ("5e-1", 0.5),
        ("+0.5", 0.5),
        ("-0.5", -0.5),
        ("\u22120.5", -0.5),
        ("-1/4", -0.25),
        ("3", 3.0),
        ("3.", 3.0),
        ("1.5/.5", 3.0),
    ],
)
def test_accepted_forms(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "abc", "0,5", "1/0", "1//2", "1/2/3", "--1", "e5", ".", "1e999", "nan", "inf", "½"]
)
def test_rejected_forms(text: str) -> None:
    assert parse_number(text) is None


def test_tolerance_is_absolute_with_rounding_slack() -> None:
    assert within(0.595, 0.597, 0.005)
    assert not within(0.59, 0.597, 0.005)
    assert within(0.1 + 0.2, 0.3, 0.0)
