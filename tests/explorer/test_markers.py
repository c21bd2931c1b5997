"""The marker syntax: what is a marker, what it may say, and what an author is told."""

from __future__ import annotations

import pytest

from explorer.marker import is_marker_line, parse_marker
from explorer.schema import BETA, NOISE, OPTIONAL_SLIDERS, SIGMA2, ExplorerSettings


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<!-- explorer -->", True),
        ("<!-- explorer: sigma2=0.3 -->", True),
        ("<!-- explorer sigma2=0.3 -->", True),  # a marker, and an error (no colon)
        ("<!-- explorer", True),  # a marker, and an error (not closed)
        ("<!-- explorers are fun -->", False),
        ("<!-- explorer-note -->", False),
        ("<!-- quiz: a.yml -->", False),
        ("    <!-- explorer -->", False),  # indented: code or nested content, not a marker
        ("Text <!-- explorer -->", False),
    ],
)
def test_what_counts_as_a_marker(line: str, expected: bool) -> None:
    assert is_marker_line(line) is expected


def test_bare_marker_gives_the_teaching_defaults() -> None:
    settings, problems = parse_marker("<!-- explorer -->")
    assert problems == []
    assert settings == ExplorerSettings()
    assert settings is not None
    assert (settings.w, settings.s2, settings.x, settings.sigma2) == (2.0, 1.0, 1.5, 1.0)
    assert settings.m is None  # the best mean
    assert settings.controls == tuple(OPTIONAL_SLIDERS)


def test_every_parameter() -> None:
    settings, problems = parse_marker(
        "<!-- explorer: sigma2=0.3 m=-0.5 x=1 s2=0.5 beta=2 w=1.5 controls=beta,x -->"
    )
    assert problems == []
    assert settings == ExplorerSettings(
        sigma2=0.3, m=-0.5, x=1.0, s2=0.5, beta=2.0, w=1.5, controls=("beta", "x")
    )


def test_range_end_points_are_accepted() -> None:
    line = (
        f"<!-- explorer: sigma2={SIGMA2.value_min!r} s2={NOISE.value_max!r} "
        f"beta={BETA.value_min!r} m=best controls=none -->"
    )
    settings, problems = parse_marker(line)
    assert problems == [], problems
    assert settings is not None and settings.controls == ()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<!-- explorer", "must be one whole line"),
        ("<!-- explorer sigma2=0.3 -->", "put a colon after 'explorer'"),
        ("<!-- explorer: sigma=0.3 -->", "unknown parameter 'sigma'; known parameters: sigma2,"),
        ("<!-- explorer: sigma2 -->", "expected key=value, got 'sigma2'"),
        ("<!-- explorer: sigma2= -->", "expected key=value, got 'sigma2='"),
        ("<!-- explorer: x=1 x=2 -->", "parameter 'x' given twice"),
        ("<!-- explorer: sigma2=0 -->", "sigma2: 0 is outside the range 0.01 to 3.98"),
        ("<!-- explorer: sigma2=abc -->", "sigma2: expected a number, got 'abc'"),
        ("<!-- explorer: s2=nan -->", "s2: expected a finite number, got 'nan'"),
        ("<!-- explorer: beta=inf -->", "beta: expected a finite number, got 'inf'"),
        ("<!-- explorer: w=-1 -->", "w: -1 is outside the range 0.25 to 2"),
        ("<!-- explorer: m=middle -->", "m: expected a number, got 'middle' (or use m=best)"),
        ("<!-- explorer: controls=m,z -->", "controls: unknown control 'z'; choose from m, x,"),
        ("<!-- explorer: controls=m,,x -->", "controls: unknown control an empty name"),
        ("<!-- explorer: controls=x,x -->", "controls: control x listed twice"),
        ("<!-- explorer: controls=sigma2 -->", "controls: unknown control 'sigma2'"),
    ],
)
def test_author_mistakes_are_explained(line: str, message: str) -> None:
    settings, problems = parse_marker(line)
    assert settings is None
    assert any(message in p for p in problems), problems


def test_all_problems_of_a_marker_are_reported_together() -> None:
    _, problems = parse_marker("<!-- explorer: sigma2=9 beta=0 colour=red x=1 x=2 -->")
    assert len(problems) == 4, problems
