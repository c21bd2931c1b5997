"""The marker syntax: what is a marker, what it may say, and what an author is told where."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.source import Location
from explorer.marker import parse_parameters
from explorer.schema import BETA, NOISE, OPTIONAL_SLIDERS, SIGMA2, ExplorerSettings
from tests.explorer.test_golden import explorer_page

# The argument of "<!-- explorer: ... -->" on line 3 starts at column 16.
WHERE = Location("docs/lesson.md", 3, 16)


def parse(argument: str) -> tuple[ExplorerSettings | None, list[str]]:
    settings, problems = parse_parameters(argument, WHERE)
    return settings, [str(problem) for problem in problems]


@pytest.mark.parametrize(
    ("line", "expanded", "problem"),
    [
        ("<!-- explorer -->", True, None),
        ("<!-- explorer: sigma2=0.3 -->", True, None),
        ("<!-- explorer: -->", True, None),
        ("   <!-- explorer -->", True, None),  # up to three spaces: still the top level
        ("<!-- explorer sigma2=0.3 -->", False, "3:1: put a colon after 'explorer'"),
        ("<!-- explorer", False, "3:1: a marker must be one whole line"),
        ("<!-- explorer --> and text", False, "3:1: a marker must be one whole"),
        ("<!-- explorrer -->", False, "3:1: 'explorrer' is not a marker; did you mean 'explorer'?"),
        ("<!-- Explorer: x=1 -->", False, "3:1: 'Explorer' is not a marker; did you mean"),
        # Marker-shaped comments whose word is this close to a marker's name are mistakes.
        ("<!-- explorers are fun -->", False, None),  # prose, not shaped like a marker
        ("<!-- explorer-note -->", False, "3:1: 'explorer-note' is not a marker; did you mean"),
        ("<!-- the explorer, below -->", False, None),
        ("<!-- a comment -->", False, None),
        ("    <!-- explorer -->", False, None),  # indented code: shown as code
        ("Text <!-- explorer -->", False, "3: this marker was not expanded"),
    ],
)
def test_what_counts_as_a_marker(
    tmp_path: Path, line: str, expanded: bool, problem: str | None
) -> None:
    html, problems = explorer_page(tmp_path, f"# T\n\n{line}\n\nAfter.\n")
    assert ('class="course-explorer"' in html) is expanded
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert problems[0].startswith(f"docs/lesson.md:{problem}"), problems


def test_near_miss_says_how_markers_are_written(tmp_path: Path) -> None:
    _, problems = explorer_page(tmp_path, "# T\n\nText.\n\n<!-- explorrer: x=1 -->\n")
    assert problems == [
        "docs/lesson.md:5:1: 'explorrer' is not a marker; did you mean 'explorer'? Markers are"
        " written <!-- explorer --> or <!-- explorer: key=value ... -->"
    ]


def test_bare_marker_gives_the_teaching_defaults() -> None:
    settings, problems = parse("")
    assert problems == []
    assert settings == ExplorerSettings()
    assert settings is not None
    assert (settings.w, settings.s2, settings.x, settings.sigma2) == (2.0, 1.0, 1.5, 1.0)
    assert settings.m is None  # the best mean
    assert settings.controls == tuple(OPTIONAL_SLIDERS)


def test_every_parameter() -> None:
    settings, problems = parse("sigma2=0.3 m=-0.5 x=1 s2=0.5 beta=2 w=1.5 controls=beta,x")
    assert problems == []
    assert settings == ExplorerSettings(
        sigma2=0.3, m=-0.5, x=1.0, s2=0.5, beta=2.0, w=1.5, controls=("beta", "x")
    )


def test_range_end_points_are_accepted() -> None:
    settings, problems = parse(
        f"sigma2={SIGMA2.value_min!r} s2={NOISE.value_max!r} "
        f"beta={BETA.value_min!r} m=best controls=none"
    )
    assert problems == [], problems
    assert settings is not None and settings.controls == ()


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("sigma=0.3", "16: unknown key 'sigma' in an explorer marker (did you mean 'sigma2'?)"),
        ("colour=red", "16: unknown key 'colour' in an explorer marker (allowed: sigma2, m,"),
        ("sigma2", "16: expected key=value, got 'sigma2'; write parameters as key=value"),
        ("sigma2=", "16: expected key=value, got 'sigma2='"),
        ("x=1 x=2", "20: parameter 'x' given twice (first at column 16); keep one"),
        ("sigma2=0", "23: 'sigma2' must be in the range 0.01 to 3.98, got 0"),
        ("sigma2=abc", "23: 'sigma2' must be a number, got 'abc'"),
        ("s2=nan", "19: 's2' must be a finite number, got 'nan'"),
        ("beta=inf", "21: 'beta' must be a finite number, got 'inf'"),
        ("w=-1", "18: 'w' must be in the range 0.25 to 2, got -1"),
        ("m=middle", "18: 'm' must be a number, got 'middle' (or use m=best)"),
        ("controls=m,z", "25: 'controls' names an unknown control, 'z'; choose from m, x,"),
        ("controls=m,,x", "25: 'controls' names an unknown control, an empty name"),
        ("controls=x,x", "25: 'controls' lists x twice; list each control once"),
        ("controls=sigma2", "25: 'controls' names an unknown control, 'sigma2'"),
    ],
)
def test_author_mistakes_are_explained_at_their_column(argument: str, message: str) -> None:
    settings, problems = parse(argument)
    assert settings is None
    assert [p for p in problems if p.startswith(f"docs/lesson.md:3:{message}")], problems


def test_all_problems_of_a_marker_are_reported_together() -> None:
    _, problems = parse("sigma2=9 beta=0 colour=red x=1 x=2")
    assert len(problems) == 4, problems
    # Each at its own column, so the author sees which one is which.
    assert len({p.split(": ")[0] for p in problems}) == 4
