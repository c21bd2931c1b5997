"""Golden files: a page's Markdown in, the exact HTML out, converted as a build converts it.

``UPDATE_GOLDENS=1`` rewrites them (tests/golden.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.explorer.sites import convert_page, stand_in_figure
from tests.golden import assert_golden
from tests.support import write_site

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))
# Plain Markdown and short fallback texts keep the golden files about the explorer.
PLUGIN = {
    "course-explorer": {
        "fallback_light": "fig-light.svg",
        "fallback_dark": "fig-dark.svg",
        "fallback_alt": "Alt text.",
        "fallback_caption": "A caption.",
    }
}
EXTENSIONS = ["pymdownx.superfences", "md_in_html", "admonition"]


def explorer_page(root: Path, text: str) -> tuple[str, list[str]]:
    """``text`` as docs/lesson.md of a site with the explorer: its HTML and its problems."""
    pages = {
        "lesson.md": text,
        "fig-light.svg": stand_in_figure("light"),
        "fig-dark.svg": stand_in_figure("dark"),
    }
    config = write_site(root, pages, [PLUGIN], {"markdown_extensions": EXTENSIONS})
    html, problems = convert_page(config, "lesson.md")
    return html, [str(problem) for problem in problems]


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path) -> None:
    html, problems = explorer_page(tmp_path, (GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    assert problems == []
    assert_golden(html + "\n", GOLDEN / f"{case}.html")


def test_problems_point_at_the_written_line_and_column_despite_fences_and_front_matter(
    tmp_path: Path,
) -> None:
    source = (
        "---\ntitle: T\n---\n\n# T\n\n"  # lines 1-6
        "```\n<!-- explorer: beta=0 -->\nmore code\n```\n\n"  # 7-11: code, not checked
        "<!-- explorer: x=1   beta=0 -->\n\n"  # 12
        "!!! note\n\n    <!-- explorer -->\n"  # 14-16: indented, never expanded
    )
    _, problems = explorer_page(tmp_path, source)
    assert problems == [
        "docs/lesson.md:12:27: 'beta' must be in the range 0.501 to 3.98, got 0",
        "docs/lesson.md:16: this marker was not expanded: a marker must start at the beginning"
        " of its line, outside lists, admonitions and other indented blocks",
    ]


def test_a_nested_marker_is_reported_at_its_own_line_not_at_an_identical_one(
    tmp_path: Path,
) -> None:
    source = "# T\n\n<!-- explorer -->\n\n- a list\n\n    <!-- explorer -->\n"
    html, problems = explorer_page(tmp_path, source)
    assert html.count('class="course-explorer"') == 1
    assert [p.split(": ")[0] for p in problems] == ["docs/lesson.md:7"]
