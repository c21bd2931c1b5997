"""Links in quiz text are the page's links: rewritten and checked by MkDocs, and a broken one
is reported by the check command at the quiz file's line and column (authoring.linkcheck)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from authoring.check import run_check
from tests.quiz.support import quiz_site
from tests.support import build_site, working_directory

# The quiz file is not named after the page: only the marker says which page shows it.
QUIZ = """\
questions:
  - id: evidence
    type: numeric
    prompt: What is $1 + 1$?
    answer: 2
    explanation: Add. See [the evidence](#evidence) and [the bound](other.md#bound).
"""
LESSON = """\
# Lesson

## Evidence

Written as `[the evidence](#evidence)` in a code span, which is not a link.

<!-- quiz: questions/checks.quiz.yml -->
"""
OTHER = "# Other\n\n## Bound\n\nThe bound.\n"


def site(tmp_path: Path, lesson: str = LESSON, other: str = OTHER) -> Path:
    pages = {"lesson.md": lesson, "other.md": other, "questions/checks.quiz.yml": QUIZ}
    return quiz_site(tmp_path, {"index.md": "# Home\n\n[Lesson](lesson.md)\n", **pages})


def problems(config_file: Path) -> list[str]:
    with working_directory(config_file.parent):
        return [str(problem) for problem in run_check(config_file).problems]


def test_links_in_quiz_text_are_rewritten_like_the_pages(tmp_path: Path) -> None:
    config_file = site(tmp_path)
    with working_directory(tmp_path):
        build_site(config_file, strict=True)
    html = (tmp_path / "site" / "lesson" / "index.html").read_text("utf-8")
    explanation = html.split('class="quiz-explanation"')[1].split("</div>")[0]
    assert '<a href="#evidence">the evidence</a>' in explanation
    assert '<a href="../other/#bound">the bound</a>' in explanation


def test_a_broken_anchor_on_the_page_is_located_in_the_quiz_file(tmp_path: Path) -> None:
    config_file = site(tmp_path, lesson=LESSON.replace("## Evidence", "## Marginal"))
    assert problems(config_file) == [
        "docs/questions/checks.quiz.yml:6:42: a link '#evidence', but there is no such anchor"
        " on this page; fix the link or the heading it points to"
    ]


def test_a_broken_anchor_on_another_page_is_located_in_the_quiz_file(tmp_path: Path) -> None:
    config_file = site(tmp_path, other="# Other\n\n## Tighter\n")
    assert problems(config_file) == [
        "docs/questions/checks.quiz.yml:6:69: a link 'other.md#bound', but the doc 'other.md'"
        " does not contain an anchor '#bound'; fix the link or the heading it points to"
    ]


def test_the_pages_own_broken_link_stays_at_the_pages_line(tmp_path: Path) -> None:
    lesson = LESSON + "\nSee [the start](#start).\n"
    assert problems(site(tmp_path, lesson=lesson)) == [
        "docs/lesson.md:9:17: a link '#start', but there is no such anchor on this page; fix"
        " the link or the heading it points to"
    ]


def test_a_strict_build_fails_on_a_broken_anchor_in_quiz_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs checks the quiz's links with the page's: the build fails on them, with the
    problem located in the quiz file, before any page is written."""
    config_file = site(tmp_path, lesson=LESSON.replace("## Evidence", "## Marginal"))
    with working_directory(tmp_path), pytest.raises(Abort):
        build_site(config_file, strict=True)
    (report,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "docs/questions/checks.quiz.yml:6:42: a link '#evidence'" in report
    assert not list((tmp_path / "site").rglob("*.html"))
