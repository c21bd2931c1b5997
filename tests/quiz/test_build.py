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
from tests.quiz.support import ERROR_CASES, SAMPLE, quiz_site
from tests.support import build_site

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
"""

# Exactly what the author is told, in one run.
EXPECTED = [
    "docs/broken.quiz.yml:8:9: question 'typo': unknown key 'corect' for an option"
    " (did you mean 'correct'?)",
    "docs/broken.quiz.yml:15:7: question 'two-right': a single-choice question needs exactly one"
    " correct option (2 marked 'correct: true'; use type: multiple for several)",
    "docs/lesson/page.md:7:1: quiz file 'missing.quiz.yml' not found",
    "docs/lesson/page.md:9:1: no question 'nope' in '../good.quiz.yml' (its questions:"
    " pick-one, pick-many, half, steps)",
    "docs/lesson/page.md:11:1: malformed quiz marker '<!-- quiz ../good.quiz.yml -->'; write"
    " <!-- quiz: FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->",
    "docs/lesson/page.md:13:1: '../index.md' is not a quiz file (name it *.quiz.yml)",
    "docs/lesson/page.md:15:1: quiz file '../../outside.quiz.yml' is outside the docs folder",
    "docs/lesson/page.md:23:1: this quiz marker was not expanded: a marker must start at the"
    " beginning of its line, outside lists, admonitions and other indented blocks",
    "docs/tex.quiz.yml:6:21: question 'bad-tex': TeX error: Missing close brace in $\\frac{1}{2$",
    "docs/tex.quiz.yml:8:16: question 'bad-tex': TeX error: Undefined control sequence"
    " \\nosuchmacro in $\\nosuchmacro{x}$",
    "docs/tex.quiz.yml:11:37: question 'bad-tex': TeX error: Missing superscript or subscript"
    " argument in $x^$",
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
    head, *lines = errors[0].splitlines()
    assert head == f"course-quiz: {len(EXPECTED)} problems:"
    assert lines == EXPECTED
    # The math plugin never got to report quiz TeX at the page: the quiz file has it.
    assert "TeX error" not in "\n".join(r.getMessage() for r in caplog.records[1:])


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
    assert head == f"course-quiz: {len(expected)} problems:"
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


def test_unused_quiz_file_warns_and_fails_strict(
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
    with caplog.at_level(logging.WARNING):
        build_site(config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("course-quiz: quiz file docs/spare.quiz.yml is not used by any page")
        for w in warnings
    ), warnings
    assert not (tmp_path / "site" / "spare.quiz.yml").exists()
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
        build_site(config, strict=True)


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
    ) == [
        SCRIPT.site_uri,
        STYLESHEET.site_uri,
    ]
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
        assert "://" not in text and "@import" not in text and "url(" not in text, asset.path
