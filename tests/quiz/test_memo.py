"""Quiz files remembered across builds: the YAML of each file (authoring.yamlmemo) and the
TeX fragments of each quiz (quiz.texcheck). A warm build reports every problem again."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from authoring import yamlmemo
from authoring.files import sha256
from authoring.memo import forget_all
from authoring.source import SourceText
from mathrender.render import MathRenderer
from quiz import text as quiz_text
from quiz.model import Text
from quiz.texcheck import TexChecker
from quiz.text import QuizText
from quiz.textmemo import Converted
from tests.quiz.support import SAMPLE, load, quiz_site
from tests.quiz.test_build import BROKEN_QUIZ, TEX_QUIZ
from tests.quiz.test_links import LESSON as LINKS_LESSON
from tests.quiz.test_links import problems as link_problems
from tests.quiz.test_links import site as links_site
from tests.support import build_site, failed_build_report, working_directory

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
    """From here on, quiz YAML, TeX fragments and their errors can only come from the memo."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(yamlmemo, "read_yaml", fail)
    monkeypatch.setattr(TexChecker, "_find", fail)
    # Nor does the renderer hear of the quizzes' TeX again: its errors are remembered.
    monkeypatch.setattr(MathRenderer, "render", fail)


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


def test_links_of_remembered_quiz_text_are_checked_by_every_build(tmp_path: Path, monkeypatch):
    """A remembered text's links are still the page's: MkDocs rewrites and checks them on
    every build, so a broken anchor is reported by warm builds too."""
    config_file = links_site(tmp_path, lesson=LINKS_LESSON.replace("## Evidence", "## Marginal"))
    expected = [
        "docs/questions/checks.quiz.yml:6:42: a link '#evidence', but there is no such anchor"
        " on this page; fix the link or the heading it points to"
    ]
    assert link_problems(config_file) == expected
    assert list((tmp_path / ".cache" / "quiztext").rglob("*.json"))
    not_converted_again(monkeypatch)
    forget_all()
    assert link_problems(config_file) == expected
    assert link_problems(config_file) == expected


QUIZ_WITH_ADDRESSES = """\
questions:
  - id: links
    type: single
    prompt: |
      See [the bound](../other.md#bound), [evidence](#evidence), [a & b](../other.md?a=1&b=2),
      [spaced](../other%20page.md), [out](https://example.org/?q=x&r=1 'say "x"')
      and ![a figure](../pic.png "the title").
    options:
      - text: "[Option](../other.md)"
        correct: true
      - text: "Plain, with [a link](../other.md#bound 'a title')"
    explanation: "[Back](#evidence), or write to <mail@example.org>"
"""
PAGES = {
    "index.md": "# Home\n",
    "a/lesson.md": "# A\n\n## Evidence\n\n<!-- quiz: ../q/links.quiz.yml -->\n",
    "a/index.md": "# B\n\n## Evidence\n\n<!-- quiz: ../q/links.quiz.yml -->\n",
    "other.md": "# Other\n\n## Bound\n",
    "other page.md": "# Other page\n",
    "pic.png": "not really a picture",
    "q/links.quiz.yml": QUIZ_WITH_ADDRESSES,
}


def not_converted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a text with an e-mail address (Markdown hides it in entities of its own, never
    stored) may be converted again."""
    convert = quiz_text._converted

    def fail(md: markdown.Markdown, text: Text, source: SourceText) -> Converted:
        assert "mail@" in text.markdown, "converted again"
        return convert(md, text, source)

    monkeypatch.setattr(quiz_text, "_converted", fail)


def test_remembered_quiz_text_is_rewritten_for_each_page(tmp_path: Path, monkeypatch):
    """One quiz on two pages at different depths of the site: each gets its own relative
    addresses, from the same remembered conversion."""
    config_file = quiz_site(tmp_path, PAGES)
    monkeypatch.chdir(tmp_path)
    build_site(config_file)
    pages = [tmp_path / "site" / "a" / "lesson" / "index.html"]
    pages.append(tmp_path / "site" / "a" / "index.html")
    cold = [page.read_text("utf-8") for page in pages]
    assert 'href="../../other/#bound"' in cold[0] and 'href="../other/#bound"' in cold[1]
    assert 'src="../../pic.png"' in cold[0] and 'src="../pic.png"' in cold[1]
    not_converted_again(monkeypatch)
    forget_all()
    build_site(config_file)
    assert [page.read_text("utf-8") for page in pages] == cold
    build_site(config_file)
    assert [page.read_text("utf-8") for page in pages] == cold


def test_addresses_are_put_back_as_converting_the_text_with_mkdocs_gives(tmp_path: Path) -> None:
    """The page's text through QuizText equals the same Markdown with MkDocs' own rewriting."""
    config_file = quiz_site(tmp_path, PAGES)
    config = load_config(str(config_file))
    files = get_files(config)
    page = Page(None, files.get_file_from_path("a/lesson.md"), config)
    quiz = load(QUIZ_WITH_ADDRESSES, "docs/q/links.quiz.yml")
    (question,) = quiz.questions
    texts = [question.prompt, question.options[1].text, question.explanation]
    for inline, text in zip([False, True, False], texts, strict=True):
        reference = quiz_text._markdown(config, inline)
        reference.treeprocessors.deregister("course_quiz_addresses")
        relpath = _RelativePathTreeprocessor(page.file, files, config)
        reference.treeprocessors.register(relpath, "relpath", 0)
        expected = reference.convert(text.markdown)
        for _ in range(2):  # converted, then remembered
            converter = QuizText(config)
            converter.start_page(page, files)
            got = converter._convert(text, quiz.source, inline)
            assert _without_sources(got) == expected
            converter.finish_page()


def _without_sources(html: str) -> str:
    return re.sub(r' data-source="[^"]*"', "", html)


def test_a_damaged_text_entry_is_converted_again(tmp_path: Path, monkeypatch) -> None:
    config_file = quiz_site(tmp_path, PAGES)
    monkeypatch.chdir(tmp_path)
    build_site(config_file)
    page = tmp_path / "site" / "a" / "lesson" / "index.html"
    cold = page.read_text("utf-8")
    (entry,) = list((tmp_path / ".cache" / "quiztext").rglob("*.json"))
    head, text = entry.read_text("utf-8").split("\n", 1)
    header, stored = json.loads(head), json.loads(text)
    for value in stored.values():  # a token gone: its address would not be checked
        value[0] = re.sub(r"course-quiz-address-[0-9a-f]+-0-", "javascript:alert(1)", value[0])
    text = json.dumps(stored)
    header["check"] = sha256(text)  # the checksum made right again
    entry.write_text(json.dumps(header) + "\n" + text, "utf-8")
    forget_all()
    build_site(config_file)
    assert page.read_text("utf-8") == cold


def test_an_edited_quiz_text_is_converted_afresh(tmp_path: Path) -> None:
    config_file = quiz_site(tmp_path, PAGES)
    with working_directory(tmp_path):
        build_site(config_file)
        quiz = tmp_path / "docs" / "q" / "links.quiz.yml"
        quiz.write_text(QUIZ_WITH_ADDRESSES.replace("See [the bound]", "Read [the bound]"))
        build_site(config_file)
    html = (tmp_path / "site" / "a" / "lesson" / "index.html").read_text("utf-8")
    assert '<p>Read <a href="../../other/#bound">' in html and "<p>See" not in html


def test_an_edited_formula_is_checked_afresh(tmp_path: Path, monkeypatch):
    """The remembered errors are those of exactly these formulas: one edit, a new check."""
    fine = TEX_QUIZ.replace("\\frac{1}{2$", "\\frac{1}{2}$")
    fine = fine.replace("\\nosuchmacro{x}", "x").replace("$$x^$$", "$$x^2$$")
    site = quiz_site(
        tmp_path, {"index.md": "# Q\n\n<!-- quiz: tex.quiz.yml -->\n", "tex.quiz.yml": fine}
    )
    monkeypatch.chdir(tmp_path)
    build_site(site)
    broken = fine.replace("$$x^2$$", "$$x^$$")
    (tmp_path / "docs" / "tex.quiz.yml").write_text(broken, "utf-8")
    report = failed_build_report(site)
    assert "docs/tex.quiz.yml:11:37: question 'bad-tex': TeX error: Missing superscript" in report
