"""Golden files: a quiz file in, the exact page HTML out, one per question type.

The page is converted as a build converts it: the marker is expanded by the shared marker
extension and the quiz's Markdown-in-HTML parsed by the page's own Markdown (md_in_html,
arithmatex...). ``UPDATE_GOLDENS=1`` rewrites the files (tests/golden.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.explorer.sites import convert_page
from tests.golden import assert_golden
from tests.support import write_site

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name.removesuffix(".quiz.yml") for path in GOLDEN.glob("*.quiz.yml"))


@pytest.mark.parametrize("case", CASES)
def test_rendered_html_matches_golden_file(case: str, tmp_path: Path) -> None:
    quiz_file = f"{case}.quiz.yml"
    pages = {
        "page.md": f"# Page\n\n<!-- quiz: {quiz_file} -->\n\nAfter the quiz.\n",
        quiz_file: (GOLDEN / quiz_file).read_text("utf-8"),
    }
    # Without the math plugin: the golden files show the TeX as arithmatex leaves it.
    config = write_site(tmp_path, pages, ["course-quiz"])
    html, problems = convert_page(config, "page.md")
    assert problems == []
    assert_golden(html + "\n", GOLDEN / f"{case}.html")


def test_every_question_type_has_a_golden_file() -> None:
    assert CASES == ["multiple", "numeric", "ordering", "single", "untrusted"]
