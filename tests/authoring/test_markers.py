"""Block markers through Python-Markdown: fence-aware by the parser, near misses refused.

Golden files (Markdown in, HTML out) in golden/ beside small targeted tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest

from authoring.markers import Expansion, Marker, MarkerRegistry, PageSource
from authoring.problems import Problem
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"


@dataclass
class _File:
    src_uri: str = "lesson.md"


@dataclass
class _Page:
    file: _File


def convert(text: str, front_matter: str = "") -> tuple[str, list[Problem], list[Marker]]:
    """Markdown ``text`` converted with the marker extension; what was reported and seen."""
    problems: list[Problem] = []
    seen: list[Marker] = []

    def report(problem: Problem, page: Any) -> None:
        problems.append(problem)

    registry = MarkerRegistry(report)

    def box(marker: Marker) -> Expansion | None:
        seen.append(marker)
        if marker.argument == "bad":
            report(Problem(marker.location, "bad box"), marker.page)
            return None
        return Expansion(markdown=f'<div class="box" markdown>\n**{marker.argument}**\n</div>')

    def raw(marker: Marker) -> Expansion:
        seen.append(marker)
        return Expansion(html='<div class="raw"><span>kept as is *not emphasis*</span></div>')

    registry.register("box", "<!-- box: TEXT -->", box, takes_argument=True)
    registry.register("raw", "<!-- raw -->", raw, takes_argument=False)
    page: Any = _Page(_File())
    registry.page = PageSource(page, "docs/lesson.md", front_matter + text)
    md = markdown.Markdown(
        extensions=[registry.extension(), "pymdownx.superfences", "md_in_html", "admonition"]
    )
    return md.convert(text), problems, seen


CASES = sorted(path.stem for path in GOLDEN.glob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_markers_golden(case: str) -> None:
    source = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
    html, problems, _ = convert(source)
    shown = html + "\n" + "".join(f"<!-- problem: {p} -->\n" for p in problems)
    assert_golden(shown, GOLDEN / f"{case}.html")


def test_golden_cases_exist() -> None:
    assert {"expand", "fences", "near-miss"} <= set(CASES)


def test_marker_lines_are_the_files_lines_after_front_matter_and_fences() -> None:
    body = "# T\n\n```python\nx = 1\ny = 2\n```\n\n<!-- box: here -->\n"
    _, problems, seen = convert(body, front_matter="---\ntitle: x\n---\n")
    assert problems == []
    assert [str(m.location) for m in seen] == ["docs/lesson.md:11:1"]


def test_a_marker_inside_fenced_code_stays_code() -> None:
    html, problems, seen = convert("```markdown\n<!-- box: shown -->\n```\n")
    assert seen == [] and problems == []
    assert "&lt;!-- box: shown --&gt;" in html


def test_a_marker_in_a_fence_inside_a_list_stays_code() -> None:
    html, problems, seen = convert("- item\n\n    ```text\n    <!-- box: shown -->\n    ```\n")
    assert seen == [] and problems == []
    assert "&lt;!-- box: shown --&gt;" in html


@pytest.mark.parametrize(
    ("line", "meant"),
    [("<!-- Box: x -->", "box"), ("<!-- boxx: x -->", "box"), ("<!-- RAW -->", "raw")],
)
def test_near_misses_are_problems_with_a_suggestion(line: str, meant: str) -> None:
    _, problems, seen = convert(f"Text.\n\n{line}\n")
    assert seen == []
    (found,) = problems
    assert str(found.location) == "docs/lesson.md:3:1"
    assert f"did you mean '{meant}'?" in found.message


def test_ordinary_comments_are_left_alone() -> None:
    html, problems, _ = convert("<!-- a note to reviewers -->\n\n<!-- TODO: more -->\n")
    assert problems == []
    assert "a note to reviewers" in html


def test_a_marker_that_is_not_one_whole_line_is_a_problem() -> None:
    _, problems, _ = convert("<!-- box: x --> and more\n")
    assert [p.message for p in problems] == ["a marker must be one whole line: <!-- box: TEXT -->"]


def test_a_missing_argument_is_a_problem() -> None:
    _, problems, _ = convert("<!-- box -->\n")
    assert "needs an argument" in problems[0].message


def test_indented_markers_in_lists_and_admonitions_are_reported() -> None:
    text = "- item\n\n    <!-- box: x -->\n\n!!! note\n    <!-- raw -->\n"
    _, problems, seen = convert(text)
    assert seen == []
    assert [str(p.location) for p in problems] == ["docs/lesson.md:3", "docs/lesson.md:6"]
    assert all("not expanded" in p.message for p in problems)


def test_a_handler_problem_keeps_the_page_building() -> None:
    html, problems, _ = convert("<!-- box: bad -->\n\nAfter.\n")
    assert [p.message for p in problems] == ["bad box"]
    assert "After." in html
