"""Quiz files remembered across builds: the YAML of each file (authoring.yamlmemo) and the
TeX fragments of each quiz (quiz.texcheck). A warm build reports every problem again."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring import yamlmemo
from authoring.memo import forget_all
from quiz.texcheck import TexChecker
from tests.quiz.support import SAMPLE, quiz_site
from tests.quiz.test_build import BROKEN_QUIZ, TEX_QUIZ
from tests.quiz.test_links import LESSON as LINKS_LESSON
from tests.quiz.test_links import problems as link_problems
from tests.quiz.test_links import site as links_site
from tests.support import build_site, failed_build_report

PAGE = """\
# Lesson

<!-- quiz: good.quiz.yml -->

<!-- quiz: tex.quiz.yml -->

<!-- quiz: broken.quiz.yml -->
"""


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, quiz YAML and TeX fragments can only come from the memo."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(yamlmemo, "read_yaml", fail)
    monkeypatch.setattr(TexChecker, "_find", fail)


def test_quiz_problems_are_reported_again_by_warm_builds(tmp_path: Path, monkeypatch):
    site = quiz_site(
        tmp_path,
        {
            "index.md": PAGE,
            "good.quiz.yml": SAMPLE,
            "tex.quiz.yml": TEX_QUIZ,
            "broken.quiz.yml": BROKEN_QUIZ,
        },
    )
    monkeypatch.chdir(tmp_path)
    first = failed_build_report(site)
    assert "docs/tex.quiz.yml:6:21: question 'bad-tex': TeX error: Missing close brace" in first
    assert "docs/broken.quiz.yml:8:9: question 'typo': unknown key 'corect'" in first
    assert list((tmp_path / ".cache" / "quiztex").rglob("*.json"))
    not_read_again(monkeypatch)
    forget_all()  # a new process: from .cache/
    assert failed_build_report(site) == first
    assert failed_build_report(site) == first  # mkdocs serve: from memory


def test_an_edited_quiz_is_checked_afresh(tmp_path: Path, monkeypatch):
    site = quiz_site(
        tmp_path, {"index.md": "# Q\n\n<!-- quiz: tex.quiz.yml -->\n", "tex.quiz.yml": SAMPLE}
    )
    monkeypatch.chdir(tmp_path)
    build_site(site)
    (tmp_path / "docs" / "tex.quiz.yml").write_text(TEX_QUIZ, "utf-8")
    # The quiz check's own words (the page's math check would not name the question).
    report = failed_build_report(site)
    assert "docs/tex.quiz.yml:6:21: question 'bad-tex': TeX error: Missing close brace" in report


def test_quiz_text_with_a_link_is_converted_by_every_build(tmp_path: Path):
    """A link is the page's (MkDocs rewrites and checks it): never taken from the memo, so a
    broken anchor is reported by warm builds too, while the text around it is remembered."""
    config_file = links_site(tmp_path, lesson=LINKS_LESSON.replace("## Evidence", "## Marginal"))
    expected = [
        "docs/questions/checks.quiz.yml:6:42: a link '#evidence', but there is no such anchor"
        " on this page; fix the link or the heading it points to"
    ]
    assert link_problems(config_file) == expected
    assert list((tmp_path / ".cache" / "quiztext").rglob("*.json"))  # the prompt, no link
    forget_all()
    assert link_problems(config_file) == expected
    assert link_problems(config_file) == expected
