"""Quiz text is untrusted: raw HTML is text, addresses are checked, the structure holds.

The golden file ``golden/untrusted.html`` shows the exact output for raw HTML in every kind
of quiz text; these tests check the properties behind it: no element comes from author text,
every element the quiz opens is closed by the quiz, unsafe addresses are refused at their
line, and one-line texts (options, feedback, steps) cannot hold blocks or display math.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.explorer.sites import convert_page
from tests.quiz.support import dedent, problems
from tests.support import write_site

GOLDEN = Path(__file__).parent / "golden"
VOID = {"input", "img", "br", "hr", "meta", "link", "source", "wbr", "area", "col"}


class Structure(HTMLParser):
    """The elements of a fragment of HTML, and any end tag that closes nothing open."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[str] = []
        self.stray: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name) for name, _ in attrs]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.stray.append(tag)
        else:
            self.open.pop()


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


def convert(tmp_path: Path, quiz: str) -> tuple[str, list[str]]:
    pages = {"page.md": "# Page\n\n<!-- quiz: t.quiz.yml -->\n\nAfter.\n", "t.quiz.yml": quiz}
    config = write_site(tmp_path, pages, ["course-quiz"])
    html, found = convert_page(config, "page.md")
    return html, [str(problem) for problem in found]


def test_raw_html_in_every_text_adds_no_element(tmp_path: Path) -> None:
    html, found = convert(tmp_path, (GOLDEN / "untrusted.quiz.yml").read_text("utf-8"))
    assert found == []
    parsed = structure(html)
    assert parsed.stray == [] and parsed.open == [], "every element is closed where it opens"
    for tag in ("script", "img", "b", "html", "body"):
        assert tag not in parsed.tags, f"<{tag}> from author text became an element"
    assert not [name for _, name in parsed.attributes if name.startswith("on")]
    assert parsed.tags.count("fieldset") == 2
    # The page goes on after the quiz, outside it.
    assert html.rstrip().endswith("</fieldset>\n</div>\n<p>After.</p>")


@pytest.mark.parametrize(
    ("written", "col"),
    [
        ("[here](javascript:alert(1))", 30),
        ("[here](JavaScript:alert(1))", 30),
        ("[here](java&#115;cript:alert(1))", 30),
        # Markdown expands the tab: the text is not found as written, the line is.
        ("[here](<java\tscript:alert(1)>)", 18),
        ("![pic](data:image/svg+xml,x)", 30),
        ("[here](vbscript:x)", 30),
    ],
)
def test_unsafe_addresses_are_refused_at_their_line(tmp_path: Path, written: str, col: int) -> None:
    quoted = written.replace("\t", "\\t")  # a tab, written as YAML's escape
    quiz = f"""\
questions:
  - id: q
    type: numeric
    prompt: One?
    answer: 1
    explanation: "See {quoted}."
"""
    html, found = convert(tmp_path, quiz)
    assert len(found) == 1, found
    assert found[0].startswith(f"docs/t.quiz.yml:6:{col}: the address "), found
    assert found[0].endswith(
        "is not allowed in quiz text; link only to http(s), mailto, relative or #fragment addresses"
    )
    assert 'class="quiz"' not in html, "a quiz with a problem is not shown"


def test_safe_addresses_are_kept(tmp_path: Path) -> None:
    quiz = """\
questions:
  - id: q
    type: numeric
    prompt: "[a](https://example.org/x) [b](#part) [c](other.md) <mailto:a@example.org>"
    answer: 1
    explanation: "[d](http://example.org) [e](?q=1)"
"""
    html, found = convert(tmp_path, quiz)
    assert found == []
    for href in ('href="https://example.org/x"', 'href="#part"', 'href="http://example.org"'):
        assert href in html


@pytest.mark.parametrize(
    ("where", "text", "col", "place"),
    [
        ("text", "$$x^2$$", 16, "an option"),
        ("text", "both $$x^2$$ and", 21, "an option"),
        ("feedback", "see $$y$$", 38, "feedback"),
    ],
)
def test_display_math_in_an_option_is_refused_at_its_line(
    where: str, text: str, col: int, place: str
) -> None:
    option = f"{{text: plain, {where}: '{text}'}}" if where == "feedback" else f"'{text}'"
    key = "" if where == "feedback" else "text: "
    quiz = f"""
        questions:
          - id: q
            type: single
            prompt: Which?
            options:
              - {key}{option}
              - text: other
                correct: true
            explanation: E
        """
    found = problems(quiz)
    assert len(found) == 1, found
    assert found[0] == (
        f"t.quiz.yml:6:{col}: question 'q': display math ($$...$$) cannot stand in {place},"
        " which is one line of text; use $...$"
    )


def test_display_math_in_a_step_is_refused() -> None:
    quiz = """
        questions:
          - id: q
            type: ordering
            prompt: Order.
            steps:
              - first $$a$$
              - second
            explanation: E
        """
    assert problems(quiz) == [
        "t.quiz.yml:6:15: question 'q': display math ($$...$$) cannot stand in a step, which is"
        " one line of text; use $...$"
    ]


def test_dollars_in_code_or_escaped_are_not_display_math() -> None:
    quiz = """
        questions:
          - id: q
            type: single
            prompt: Which?
            options:
              - text: "`$$` in code"
              - text: 'two dollars \\$\\$ escaped'
                correct: true
            explanation: E
        """
    assert problems(quiz) == []


def test_blocks_cannot_stand_in_an_option(tmp_path: Path) -> None:
    quiz = dedent(
        """
        questions:
          - id: q
            type: single
            prompt: Which?
            options:
              - text: |
                  ```
                  code
                  ```
              - text: other
                correct: true
            explanation: E
        """
    )
    _, found = convert(tmp_path, quiz)
    assert found == [
        "docs/t.quiz.yml:6:15: options, feedback and steps are one line of text; move code"
        " blocks, lists and included files into the prompt or the explanation"
    ]


def test_block_syntax_in_an_option_is_plain_text(tmp_path: Path) -> None:
    """An option starting like a list or a heading is one line of text, not a block."""
    quiz = dedent(
        """
        questions:
          - id: q
            type: single
            prompt: Which?
            options:
              - text: "- 1, the minus sign"
              - text: "# 2, a hash"
                correct: true
            explanation: E
        """
    )
    html, found = convert(tmp_path, quiz)
    assert found == []
    assert "</span> - 1, the minus sign</label>" in html
    assert "</span> # 2, a hash</label>" in html
