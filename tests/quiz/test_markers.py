"""Markers: found at the top level of a page, never inside code, with their lines."""

from __future__ import annotations

import pytest

from quiz.markers import Marker, expand, scan
from tests.quiz.support import dedent

PAGE = dedent(
    """
    # Lesson

    <!-- quiz: a.quiz.yml -->

    ```markdown
    <!-- quiz: in-backticks.quiz.yml -->
    ```

    ~~~
    <!-- quiz: in-tildes.quiz.yml -->
    ~~~

    ````text
    ```
    <!-- quiz: in-longer-fence.quiz.yml -->
    ````

    !!! example

        ```
        <!-- quiz: in-admonition-fence.quiz.yml -->
        ```

    - a list item

        ```
        <!-- quiz: in-list-fence.quiz.yml -->
        ```

        <!-- quiz: indented.quiz.yml -->

    Text `<!-- quiz: inline-code.quiz.yml -->` in a paragraph.

       <!-- quiz: three-spaces.quiz.yml#q1, q-2 -->
    """
)


def test_only_top_level_markers_outside_code_are_found() -> None:
    markers, malformed = scan(PAGE)
    assert markers == [
        Marker(3, 1, "a.quiz.yml", None),
        Marker(34, 4, "three-spaces.quiz.yml", ("q1", "q-2")),
    ]
    assert malformed == []


def test_unclosed_fence_hides_the_rest_of_the_page() -> None:
    markers, _ = scan("```\ncode\n<!-- quiz: a.quiz.yml -->\n")
    assert markers == []


def test_backtick_fence_info_may_not_contain_backticks() -> None:
    # "``` a`b" is not a fence opener, so the marker after it counts.
    markers, _ = scan("``` a`b\n<!-- quiz: a.quiz.yml -->\n")
    assert [m.path for m in markers] == ["a.quiz.yml"]


@pytest.mark.parametrize(
    "line",
    [
        "<!-- quiz: -->",
        "<!-- quiz: a.quiz.yml b.quiz.yml -->",
        "<!-- quiz: a.quiz.yml#Bad -->",
        "<!-- quiz: a.quiz.yml",
        "<!--quiz:a.quiz.yml--> trailing text",
        "<!-- quiz a.quiz.yml -->",
        "<!-- quiz -->",
    ],
)
def test_malformed_markers_are_reported(line: str) -> None:
    markers, malformed = scan(f"# T\n\n{line}\n")
    assert markers == []
    assert [(m.line, m.col, m.text) for m in malformed] == [(3, 1, line.strip())]


@pytest.mark.parametrize(
    "line",
    ["<!-- quizzes are fun -->", "<!-- quiz-note -->", "<!-- explorer -->", "<!-- a quiz -->"],
)
def test_other_comments_are_not_markers(line: str) -> None:
    assert scan(line) == ([], [])


def test_expand_replaces_only_marker_lines() -> None:
    text = "# T\n\n<!-- quiz: a.quiz.yml -->\n\n```\n<!-- quiz: b.quiz.yml -->\n```\n"
    out = expand(text, lambda marker: f"<div>{marker.path}</div>")
    assert out == ("# T\n\n\n<div>a.quiz.yml</div>\n\n\n```\n<!-- quiz: b.quiz.yml -->\n```\n")


def test_lines_count_only_newlines() -> None:
    # A form feed or a Unicode line separator does not end a Markdown line.
    text = "a\fb\u2028c\n<!-- quiz: a.quiz.yml -->\n"
    assert scan(text)[0][0].line == 2
