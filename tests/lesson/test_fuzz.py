"""Fuzzing (issue 10): front matter, where lists, symbol marks and block markers, whatever an
author writes, give located problems and never raise anything else.

Failing examples are kept in Hypothesis' example database (.hypothesis/, its default), so a
failure found once is tried first on every later run until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from authoring.markers import Expansion, Marker, MarkerRegistry, PageSource
from authoring.problems import Problem
from lessons.frontmatter import read_lesson
from lessons.locate import symbol_problems, where_problems
from lessons.pagemeta import emptied, read_front_matter
from lessons.where import WhereExtension

PATH = "docs/page.md"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_example_database_is_kept() -> None:
    assert FUZZ.database is not None
    assert settings().database is not None


def assert_located(problems: list[Problem], text: str, path: str = PATH) -> None:
    lines = text.count("\n") + 1
    for item in problems:
        assert isinstance(item, Problem)
        assert item.path == path
        assert item.line is None or 1 <= item.line <= lines, (item, lines)
        assert item.message.strip()


YAML_PIECES = st.sampled_from(
    [
        "title",
        "lesson",
        "id",
        "summary",
        "icon",
        "prerequisites",
        "description",
        ":",
        ": ",
        " ",
        "  ",
        "\t",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "'",
        '"',
        "&a ",
        "*a",
        "<<: *a",
        "!!python/name:os.system ",
        "!tag ",
        "? ",
        "# c",
        "|",
        ">-",
        "\\",
        "$",
        "\\sym{a}{b}",
        "14-1",
        '"14-2"',
        "material/abacus",
        "null",
        "~",
        "yes",
        "1e9999",
        "2024-01-01",
        "---",
        "...",
        "%YAML 1.1",
        "é",
        "\x00",
        "\x1b",
        "\ufeff",
        "\u2028",
        "@",
        "`",
        "%",
    ]
)
NOISE_LINE = st.lists(YAML_PIECES | st.text(max_size=4), max_size=8).map("".join)
INDENT = st.sampled_from(["", "", "  ", "  ", "    ", " ", "\t"])
KEY = st.sampled_from(
    ["title", "description", "lesson", "id", "summary", "icon", "prerequisites", "tags", "x"]
)
VALUE = st.sampled_from(
    [
        "",
        "Text",
        '"14-2"',
        "14-2",
        "material/abacus",
        "[a, b]",
        "[a, b",
        "{id: 1}",
        "{a",
        "&a 1",
        "*a",
        "&a [1, 2]",
        "!!python/name:os.system x",
        "!tag x",
        "@x",
        "`x",
        "'q",
        '"q',
        "null",
        "yes",
        "2024-01-01",
        "1e9999",
        "a: b",
        "x # c",
        "|",
        ">-",
        "$x$",
        "$\\sym{a}{b}$",
        "[" * 70,
        "\x00",
    ]
)
YAML_LINE = st.one_of(
    st.tuples(INDENT, KEY, st.sampled_from([": ", ":", " "]), VALUE).map("".join),
    st.tuples(INDENT, st.just("- "), VALUE).map("".join),
    NOISE_LINE,
)
YAML_TEXT = st.lists(YAML_LINE, max_size=12).map("\n".join)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
KEYS = st.sampled_from(["title", "description", "lesson", "id", "summary", "icon", "tags", "x"])
LESSONISH = st.dictionaries(
    KEYS, VALUES | st.dictionaries(KEYS, VALUES, max_size=5), max_size=5
).map(lambda data: yaml.safe_dump(data, allow_unicode=True))


def page_with(front: str, shape: str) -> str:
    if shape == "closed":
        return f"---\n{front}\n---\n\n# Title\n\nText.\n"
    if shape == "unclosed":
        return f"---\n{front}\n\n# Title\n"
    return f"---\n{front}"


@FUZZ
@given(front=YAML_TEXT | LESSONISH, shape=st.sampled_from(["closed", "unclosed", "bare"]))
def test_front_matter_gives_located_problems_only(front: str, shape: str) -> None:
    text = page_with(front, shape)
    lesson, problems = read_lesson(PATH, text)  # raises nothing at all
    assert_located(problems, text)
    assert lesson is None or not problems
    found = read_front_matter(PATH, text)
    if found.refused:
        # What MkDocs is given instead: an empty front matter, on as many lines.
        hidden = emptied(text)
        assert hidden.count("\n") == text.count("\n")
        assert get_data(hidden)[1] == {}


EQUATION_PIECES = st.sampled_from(
    [
        "\\sym{a}{x}",
        "\\sym{b}{y_{1}}",
        "\\sym{a}",
        "\\sym{A}{x}",
        "\\sym {c} {z}",
        "\\\\sym",
        "\\sym{a}{\\sym{b}{x}}",
        "{",
        "}",
        " + ",
        "\\frac{1}{2}",
        "$",
        "\\begin{align}",
        "\\end{align}",
        "&",
    ]
)
EQUATION = st.lists(EQUATION_PIECES, min_size=1, max_size=6).map("".join)
ENTRY = st.sampled_from(
    [
        "a: the a",
        "b: the b with $x$",
        "c:",
        "A: bad id",
        "no colon",
        "  continued",
        "a: again",
        "$\\sym{d}{q}$: odd",
        "",
        "///",
        "/// where",
    ]
)
WHERE = st.lists(ENTRY, max_size=5).map(lambda lines: "\n".join(["/// where", *lines, "///"]))


@st.composite
def where_pages(draw: Any) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["display", "inline", "where", "code", "note", "text"]))
        if kind == "display":
            blocks.append(f"$$\n{draw(EQUATION)}\n$$")
        elif kind == "inline":
            blocks.append(f"Text ${draw(EQUATION)}$ and `\\sym{{a}}{{x}}`.")
        elif kind == "where":
            blocks.append(draw(WHERE))
        elif kind == "code":
            blocks.append(f"```tex\n{draw(EQUATION)}\n```")
        elif kind == "note":
            body = f"$$\n{draw(EQUATION)}\n$$\n\n{draw(WHERE)}"
            blocks.append("!!! note\n" + "\n".join(f"    {ln}" for ln in body.split("\n")))
        else:
            blocks.append(draw(st.text(max_size=20)))
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n"]), min_size=len(blocks)))
    return "# Page\n\n" + "".join(b + s for b, s in zip(blocks, separators, strict=False))


@FUZZ
@given(page=where_pages())
# Found by this test: a "\x85" in a line made the where list's line one too many.
@example(page="# Page\n\n/// where\n///\n\n\r\r\r\x85\n\n/// where\n///\n\n")
def test_where_lists_and_symbols_give_located_problems_only(page: str) -> None:
    where = WhereExtension()
    md = markdown.Markdown(
        extensions=["pymdownx.arithmatex", "admonition", "pymdownx.superfences", where],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    md.convert(page)
    assert_located(where_problems(PATH, page, where.take_problems()), page)
    assert_located(symbol_problems(PATH, page, where.take_symbol_problems()), page)


MARKER_PIECES = st.sampled_from(
    [
        "<!--",
        "-->",
        " ",
        "quiz",
        "Quiz",
        "qiuz",
        "explorer",
        "explorrer",
        ":",
        "a.quiz.yml",
        "bad",
        "```",
        "~~~",
        "    ",
        "- ",
        "> ",
        "!!! note",
        "<div markdown>",
        "</div>",
        "\t",
        "-->-->",
        "<!-- quiz: x -->",
    ]
)
MARKER_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["", "", " ", "   ", "    ", "- ", "> "]),
        st.just("<!--"),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["quiz", "Quiz", "qiuz", "explorer", "explorrer", "note", "x"]),
        st.sampled_from(["", ":", ": ", " "]),
        st.sampled_from(["", "a.quiz.yml", "bad", "two words", "-->"]),
        st.sampled_from([" -->", "-->", "", " --> tail"]),
    ).map("".join),
    st.lists(MARKER_PIECES | st.text(max_size=3), max_size=6).map("".join),
)
MARKER_PAGE = st.lists(MARKER_LINE, max_size=12).map("\n".join)


@dataclass
class _File:
    src_uri: str = "page.md"


@dataclass
class _Page:
    file: _File


@FUZZ
@given(body=MARKER_PAGE, front=st.sampled_from(["", "---\ntitle: x\n---\n"]))
def test_markers_give_located_problems_only(body: str, front: str) -> None:
    problems: list[Problem] = []

    def report(problem: Problem, page: object) -> None:
        problems.append(problem)

    registry = MarkerRegistry(report)

    def quiz(marker: Marker) -> Expansion | None:
        if marker.argument == "bad":
            report(Problem(marker.location, "bad quiz"), marker.page)
            return None
        return Expansion(markdown=f"**{marker.argument}**\n\n<!-- explorer -->")

    registry.register("quiz", "<!-- quiz: FILE.quiz.yml -->", quiz, takes_argument=True)
    registry.register("explorer", "<!-- explorer -->", lambda m: Expansion(html="<p>x</p>"), False)
    page: Any = _Page(_File())
    registry.page = PageSource(page, PATH, front + body)
    md = markdown.Markdown(
        extensions=[registry.extension(), "pymdownx.superfences", "md_in_html", "admonition"]
    )
    md.convert(body)
    assert_located(problems, front + body)
