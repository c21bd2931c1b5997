"""Quiz markers: found by Markdown itself at the top level of a page, never inside code,
and every mistake in them reported at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.explorer.sites import convert_page
from tests.quiz.support import SAMPLE, dedent
from tests.support import write_site


def quiz_page(root: Path, text: str) -> tuple[str, list[str]]:
    """``text`` as docs/page.md beside docs/sample.quiz.yml: its HTML and every problem."""
    pages = {"page.md": text, "sample.quiz.yml": SAMPLE}
    config = write_site(root, pages, ["course-quiz"])
    html, problems = convert_page(config, "page.md")
    return html, [str(problem) for problem in problems]


def shown(html: str) -> list[str]:
    """The quizzes on the page, by what their marker asked for."""
    return re.findall(r'<div class="quiz" data-quiz="([^"]+)"', html)


PAGE = dedent(
    """
    # Lesson

    <!-- quiz: sample.quiz.yml#pick-one -->

    ```markdown
    <!-- quiz: sample.quiz.yml#half -->
    ```

    ~~~
    <!-- quiz: sample.quiz.yml#half -->
    ~~~

    ````text
    ```
    <!-- quiz: sample.quiz.yml#half -->
    ````

    !!! example

        ```
        <!-- quiz: sample.quiz.yml#half -->
        ```

    - a list item

        ```
        <!-- quiz: sample.quiz.yml#half -->
        ```

    Text `<!-- quiz: sample.quiz.yml#half -->` in a paragraph.

       <!-- quiz: sample.quiz.yml#steps, pick-many -->

        <!-- quiz: sample.quiz.yml#half -->
    """
)


def test_only_top_level_markers_outside_code_are_expanded(tmp_path: Path) -> None:
    html, problems = quiz_page(tmp_path, PAGE)
    assert problems == []
    assert shown(html) == ["sample.quiz.yml#pick-one", "sample.quiz.yml#steps,pick-many"]
    # Every marker in code is shown as code: six in blocks, one inline, one indented.
    assert html.count("&lt;!-- quiz: sample.quiz.yml#half --&gt;") == 7


def test_a_marker_in_a_list_or_admonition_is_reported_at_its_line(tmp_path: Path) -> None:
    text = (
        "# T\n\n- item\n\n    <!-- quiz: sample.quiz.yml -->\n\n"
        "!!! note\n\n    <!-- quiz: sample.quiz.yml#half -->\n"
    )
    html, problems = quiz_page(tmp_path, text)
    assert shown(html) == []
    message = (
        "this marker was not expanded: a marker must start at the beginning of its line,"
        " outside lists, admonitions and other indented blocks"
    )
    assert problems == [f"docs/page.md:5: {message}", f"docs/page.md:9: {message}"]


def test_what_markdown_does_not_take_for_a_fence_does_not_hide_a_marker(tmp_path: Path) -> None:
    # "``` a`b" opens no fence (backticks in a backtick fence's info), so the marker counts.
    html, _ = quiz_page(tmp_path, "# T\n\n``` a`b\n<!-- quiz: sample.quiz.yml#half -->\n")
    assert shown(html) == ["sample.quiz.yml#half"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<!-- quiz: -->", "this marker needs an argument: <!-- quiz: FILE.quiz.yml -->"),
        ("<!-- quiz -->", "this marker needs an argument: <!-- quiz: FILE.quiz.yml -->"),
        ("<!-- quiz a.quiz.yml -->", "put a colon after 'quiz' in this marker:"),
        ("<!-- quiz: a.quiz.yml", "a marker must be one whole line:"),
        ("<!--quiz:a.quiz.yml--> trailing text", "a marker must be one whole line:"),
        (
            "<!-- quiz: a.quiz.yml b.quiz.yml -->",
            "malformed quiz marker '<!-- quiz: a.quiz.yml b.quiz.yml -->'; write <!-- quiz:",
        ),
        ("<!-- quiz: a.quiz.yml#Bad -->", "malformed quiz marker '<!-- quiz: a.quiz.yml#Bad -->'"),
        ("<!-- Quiz: sample.quiz.yml -->", "'Quiz' is not a marker; did you mean 'quiz'?"),
        ("<!-- quizz: sample.quiz.yml -->", "'quizz' is not a marker; did you mean 'quiz'?"),
        ("<!-- QUIZ -->", "'QUIZ' is not a marker; did you mean 'quiz'? Markers are written"),
    ],
)
def test_malformed_markers_and_near_misses_are_reported(
    tmp_path: Path, line: str, message: str
) -> None:
    html, problems = quiz_page(
        tmp_path, f"# T\n\nSome text.\n\n{line}\n\n<!-- quiz: sample.quiz.yml -->\n"
    )
    assert shown(html) == ["sample.quiz.yml"]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/page.md:5:1: {message}"), problems


@pytest.mark.parametrize(
    "line",
    ["<!-- quizzes are fun -->", "<!-- quiz-note -->", "<!-- explorer -->", "<!-- a quiz -->"],
)
def test_other_comments_are_not_markers(tmp_path: Path, line: str) -> None:
    html, problems = quiz_page(tmp_path, f"# T\n\n{line}\n\n<!-- quiz: sample.quiz.yml -->\n")
    assert problems == []
    assert line in html


def test_lines_count_only_newlines(tmp_path: Path) -> None:
    # A form feed or a Unicode line separator does not end a Markdown line.
    _, problems = quiz_page(tmp_path, "a\fb\u2028c\n<!-- quiz: nope.quiz.yml -->\n")
    assert [p.split(": ")[0] for p in problems] == ["docs/page.md:2:1"]


def test_lines_are_the_files_despite_front_matter(tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\n\n# T\n\n```\ncode\n```\n\n<!-- quiz: nope.quiz.yml -->\n"
    _, problems = quiz_page(tmp_path, text)
    assert [p.split(": ")[0] for p in problems] == ["docs/page.md:11:1"]
