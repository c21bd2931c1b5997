"""Fixture sites built with MkDocs: every validation error located, the good site correct."""

from __future__ import annotations

import gzip
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from quiz.assets import SCRIPT, STYLESHEET
from tests.explorer.sites import convert_page
from tests.quiz.support import ERROR_CASES, SAMPLE, quiz_site
from tests.support import build_site, write_site

BROKEN_QUIZ = """\
questions:
  - id: typo
    type: single
    prompt: P
    explanation: E
    options:
      - text: a
        corect: true
      - text: b
  - id: two-right
    type: single
    prompt: Q
    explanation: E
    options:
      - {text: a, correct: true}
      - {text: b, correct: true}
"""

TEX_QUIZ = """\
questions:
  - id: bad-tex
    type: single
    prompt: |
      A fine formula $\\KL(q \\,\\|\\, p)$, then
      a broken one $\\frac{1}{2$.
    options:
      - text: $\\nosuchmacro{x}$
        correct: true
      - text: $\\E[x]$
    explanation: Display math too $$x^$$
"""

LESSON = """\
# Lesson

<!-- quiz: ../broken.quiz.yml -->

<!-- quiz: ../tex.quiz.yml -->

<!-- quiz: missing.quiz.yml -->

<!-- quiz: ../good.quiz.yml#pick-one,nope -->

<!-- quiz ../good.quiz.yml -->

<!-- quiz: ../index.md -->

<!-- quiz: ../../outside.quiz.yml -->

```
<!-- quiz: in-code.quiz.yml -->
```

!!! note

    <!-- quiz: ../good.quiz.yml -->

<!-- Quiz: ../good.quiz.yml -->

<!-- quizz: ../good.quiz.yml -->
"""

# Exactly what the author is told, in one run.
EXPECTED = [
    "docs/broken.quiz.yml:8:9: question 'typo': unknown key 'corect' in an option"
    " (did you mean 'correct'?)",
    "docs/broken.quiz.yml:15:7: question 'two-right': a single-choice question needs exactly one"
    " correct option (2 marked 'correct: true'; use type: multiple for several)",
    "docs/lesson/page.md:7:1: quiz file 'missing.quiz.yml' not found; the path is relative to"
    " this page's file",
    "docs/lesson/page.md:9:1: no question 'nope' in '../good.quiz.yml'; its questions are:"
    " pick-one, pick-many, half, steps",
    "docs/lesson/page.md:11:1: put a colon after 'quiz' in this marker: <!-- quiz:"
    " FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->",
    "docs/lesson/page.md:13:1: '../index.md' is not a quiz file; name it *.quiz.yml",
    "docs/lesson/page.md:15:1: quiz file '../../outside.quiz.yml' is outside the docs folder;"
    " move it into docs/",
    "docs/lesson/page.md:23: this marker was not expanded: a marker must start at the"
    " beginning of its line, outside lists, admonitions and other indented blocks",
    "docs/lesson/page.md:25:1: 'Quiz' is not a marker; did you mean 'quiz'? Markers are written"
    " <!-- quiz: FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->",
    "docs/lesson/page.md:27:1: 'quizz' is not a marker; did you mean 'quiz'? Markers are written"
    " <!-- quiz: FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->",
    "docs/tex.quiz.yml:6:21: question 'bad-tex': TeX error: Missing close brace; fix the TeX"
    " shown below\n    in: \\frac{1}{2",
    "docs/tex.quiz.yml:8:16: question 'bad-tex': TeX error: Undefined control sequence"
    " \\nosuchmacro; check the spelling, or define the macro under `course-math: macros:` in"
    " mkdocs.yml\n    in: \\nosuchmacro{x}",
    "docs/tex.quiz.yml:11:37: question 'bad-tex': TeX error: Missing superscript or subscript"
    " argument; fix the TeX shown below\n    in: x^",
]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return quiz_site(
        tmp_path_factory.mktemp("broken"),
        {
            "index.md": "# Home\n\n<!-- quiz: good.quiz.yml -->\n",
            "good.quiz.yml": SAMPLE,
            "broken.quiz.yml": BROKEN_QUIZ,
            "tex.quiz.yml": TEX_QUIZ,
            "lesson/page.md": LESSON,
        },
    )


def test_every_problem_is_reported_in_one_run(
    broken_site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_site.parent)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(broken_site)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    assert errors[0] == "\n".join([f"The course has {len(EXPECTED)} problems to fix:", *EXPECTED])
    # The math plugin never reports quiz TeX at the page: a quiz with TeX errors is not shown
    # until they are fixed, and the quiz file has them.
    assert "docs/lesson/page.md:5" not in errors[0]
    # Nothing was written.
    assert not (broken_site.parent / "site").exists()


def test_every_kind_of_quiz_file_mistake_fails_a_site_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every case of error_cases.yml as a file of one fixture site: all reported, one run."""
    pages = {f"cases/{case['name']}.quiz.yml": case["quiz"] for case in ERROR_CASES}
    markers = "\n\n".join(f"<!-- quiz: cases/{case['name']}.quiz.yml -->" for case in ERROR_CASES)
    pages["index.md"] = f"# Every mistake\n\n{markers}\n"
    config = quiz_site(tmp_path, pages)
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config)
    (message,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    expected = [
        f"docs/cases/{case['name']}.quiz.yml:{problem}"
        for case in ERROR_CASES
        for problem in case["problems"]
    ]
    head, *lines = message.splitlines()
    assert head == f"The course has {len(expected)} problems to fix:"
    assert sorted(lines) == sorted(expected)


def test_mkdocs_cli_prints_problems_without_traceback(broken_site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(broken_site)],
        capture_output=True,
        text=True,
        cwd=broken_site.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=180,
    )
    assert proc.returncode == 1
    assert EXPECTED[0] in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_unused_quiz_file_is_a_problem(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = quiz_site(
        tmp_path,
        {
            "index.md": "# Home\n\n```\n<!-- quiz: spare.quiz.yml -->\n```\n",
            "spare.quiz.yml": SAMPLE,
        },
    )
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config)
    (message,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert message.splitlines() == [
        "The course has 1 problem to fix:",
        "docs/spare.quiz.yml:1: no page uses this quiz file; add <!-- quiz: FILE.quiz.yml --> to"
        " a page at the top level, outside code (or delete the file)",
    ]
    assert not (tmp_path / "site").exists()


GOOD_PAGE = """\
# Two quizzes

## Part one

<!-- quiz: quizzes/sample.quiz.yml#half,pick-one -->

## Part two

<!-- quiz: quizzes/sample.quiz.yml -->

```markdown
<!-- quiz: quizzes/sample.quiz.yml -->
```
"""


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("good")
    config = quiz_site(
        root,
        {
            "index.md": "# Home\n\n[Quizzes](lesson/two.md)\n",
            "lesson/two.md": GOOD_PAGE,
            "lesson/quizzes/sample.quiz.yml": SAMPLE,
        },
    )
    cwd = Path.cwd()
    os.chdir(root)
    try:
        build_site(config, strict=True)
    finally:
        os.chdir(cwd)
    return root / "site"


def test_quiz_files_stay_out_of_the_site(good_site: Path) -> None:
    assert not list(good_site.rglob("*.quiz.yml"))


def test_assets_are_shipped_once_and_linked_from_every_page(good_site: Path) -> None:
    assert sorted(
        p.relative_to(good_site).as_posix() for p in good_site.rglob("assets/quiz/*")
    ) == sorted([SCRIPT.site_uri, STYLESHEET.site_uri])
    for page in ("index.html", "lesson/two/index.html"):
        html = (good_site / page).read_text("utf-8")
        assert html.count(SCRIPT.site_uri.split("/")[-1]) == 1
        assert html.count(STYLESHEET.site_uri.split("/")[-1]) == 1


def test_two_quizzes_on_one_page_have_distinct_ids(good_site: Path) -> None:
    html = (good_site / "lesson/two/index.html").read_text("utf-8")
    roots = re.findall(r'<div class="quiz" data-quiz="([^"]+)">', html)
    assert roots == [
        "lesson/quizzes/sample.quiz.yml#half,pick-one",
        "lesson/quizzes/sample.quiz.yml",
    ]
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids on the page"
    assert 'id="quiz-half"' in html and 'id="quiz2-half"' in html
    # The selection keeps the marker's order.
    first = html.split('data-quiz="lesson/quizzes/sample.quiz.yml"')[0]
    assert first.index('data-qid="half"') < first.index('data-qid="pick-one"')
    # The marker in the code block is shown as code.
    assert "&lt;!-- quiz: quizzes/sample.quiz.yml --&gt;" in html


def test_math_in_quiz_text_is_rendered_at_build_time(good_site: Path) -> None:
    html = (good_site / "lesson/two/index.html").read_text("utf-8")
    quiz = html[html.index('<div class="quiz"') :]
    option = re.search(r'<label for="quiz-pick-one__[^"]+">(.*?)</label>', quiz, re.S)
    assert option is not None and '<mjx-container class="MathJax" jax="SVG"' in option.group(1)
    assert "<math" in option.group(1), "assistive MathML gives math options an accessible name"
    assert "\\(" not in quiz.split("</article>")[0], "no TeX left for the browser"


def test_assets_fit_the_download_budget() -> None:
    """JS + CSS at most 8 KB gzipped (bench/bench_quiz.py reports the figure)."""
    total = sum(len(gzip.compress(asset.path.read_bytes(), 9)) for asset in (SCRIPT, STYLESHEET))
    assert total <= 8 * 1024


def test_script_builds_no_html_from_strings_and_loads_nothing() -> None:
    script = SCRIPT.path.read_text("utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in script, sink
    for asset in (SCRIPT, STYLESHEET):
        text = asset.path.read_text("utf-8")
        # No address to load from (a comment may name the file:// scheme).
        assert not re.search(r"(?:https?:)?//[\w-]+(?:\.[\w-]+)+", text), asset.path
        assert "@import" not in text and "url(" not in text, asset.path


CODE_QUIZ = """\
questions:
  - id: code
    type: single
    prompt: |
      What does this print?

      ```python
      print({1: 2})
      ```
    options:
      - {text: "`{1: 2}`", correct: true}
      - text: Nothing.
    explanation: "A dict\tprints as written, $x^2$."
"""


def test_quiz_text_is_read_like_page_text(tmp_path: Path) -> None:
    """Fenced code, tabs and math in quiz text come out as they would in the page itself."""
    pages = {"index.md": "# Home\n\n<!-- quiz: code.quiz.yml -->\n", "code.quiz.yml": CODE_QUIZ}
    config = write_site(tmp_path, pages, ["course-quiz"])
    html, problems = convert_page(config, "index.md")
    assert problems == []
    prompt = html.split('class="quiz-prompt"')[1].split("</div>\n<div")[0]
    assert '<div class="highlight"><pre>' in prompt and "print" in prompt
    assert "```" not in prompt
    assert "<p>A dict" in html and "\t" not in html  # the tab expanded, as in a page
    # The math says where it was written (the math plugin reports problems there).
    math = '<span class="arithmatex" data-source="docs/code.quiz.yml:13:46">\\(x^2\\)</span>'
    assert math in html
