"""Where math was written comes from Markdown's own parse, not from searching the text.

The math plugin's marks (mathrender.marks) ride through Python-Markdown inside each math
opening; these tests check that they never change what Markdown and arithmatex make of a
page, and that every problem lands on the line and column the author wrote.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from authoring.markers import PageSource
from authoring.problems import Problem
from mathrender.locate import MathLocations
from mathrender.marks import MARK, Scanner
from mathrender.pagecheck import raw_tex
from tests.lesson.sites import write_lesson_site
from tests.support import BASE_MARKDOWN_EXTENSIONS, build_site, failed_build_report, write_site

_CONFIGS: dict[str, Any] = {}
for _item in BASE_MARKDOWN_EXTENSIONS:
    if isinstance(_item, dict):
        _CONFIGS.update(_item)
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in BASE_MARKDOWN_EXTENSIONS]


def convert(text: str, marks: bool) -> tuple[str, list[Any], list[Problem]]:
    problems: list[Problem] = []
    extensions: list[Any] = list(EXTENSIONS)
    if marks:
        page = PageSource(None, "docs/page.md", text)  # type: ignore[arg-type]
        extensions.append(MathLocations(lambda: (page, problems.append)))
    md = markdown.Markdown(extensions=extensions, extension_configs=_CONFIGS)
    html = md.convert(text)
    return html, getattr(md, "toc_tokens", []), problems


# Pieces of Markdown around math: delimiters, code spans, tables, lists, headings, blank lines.
PIECES = [
    "$", "$$", "\\(", "\\)", "\\[", "\\]", "\\begin{align}", "\\end{align}", "`", "``",
    "\\$", "\\\\", "|", "\n", "\n\n", "\n    ", "\n- ", "\n> ", "\n## ", "\n| a | b |\n|---|---|\n",
    " ", "x", "a b", "\\frac{1}{2}", "&=", "{", "}", "![alt ", "](p.png)", "<div>", "</div>",
    "*", "_", ":", "1.",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_marks_never_change_what_markdown_makes_of_a_page(text: str) -> None:
    plain, plain_toc, _ = convert(text, marks=False)
    marked, marked_toc, _ = convert(text, marks=True)
    assert not MARK.search(marked), "a mark reached the page"
    assert _without_sources(marked) == plain
    assert _without_sources(json.dumps(marked_toc)) == json.dumps(plain_toc)


def _without_sources(html: str) -> str:
    """What the marks add on purpose: each math element's ``data-source``."""
    return re.sub(r' data-source=\\?"[^"\\]*\\?"', "", html)


def test_each_fragment_says_where_it_was_written() -> None:
    text = "# T\n\nSee `$\\frac{a}$` in code.\n\nThen $\\frac{a}$ and\n\n$$\nx\n$$\n"
    html, _, problems = convert(text, marks=True)
    assert problems == []
    sources = re.findall(r'class="arithmatex" data-source="([^"]*)"', html)
    # The code copy on line 3 is not math; the inline math starts at 5:7, the display TeX at 8:1.
    assert sources == ["docs/page.md:5:7", "docs/page.md:8:1"]


PROBLEMS = {
    "heading": ("# T\n\n## When $\\beta > 1$\n", "3:9", "math in a heading is not supported"),
    "alt": ("# T\n\n![the $p(x)$ curve](p.png)\n", "3:7", "math in image alt text"),
    "title": ('# T\n\n[a](https://x.org "$y$")\n', "3:20", "attribute (title)"),
    "table": ("# T\n\n| a | b |\n|---|---|\n| $|x|$ | 1 |\n", "5:3", "ends the table cell"),
    "blank": ("# T\n\n$$\na\n\nb\n$$\n", "3:1", "the blank line at line 5 ends it"),
    "begin": ("# T\n\n\\begin{align}\na &= b\n", "3:1", "has no matching \\end{align}"),
    "paragraph": ("# T\n\nText\n$$\nx\n$$\n", "4:1", "must stand on lines of its own"),
    "inline $$": ("# T\n\nText $$x$$ more.\n", "3:6", "must stand on lines of its own"),
    "round": ("# T\n\nOpen \\(x and more.\n", "3:6", "\\( has no closing \\)"),
    "raw html": ("# T\n\n<div>\n$x$\n</div>\n", "4:1", "math inside an HTML block"),
    "list items": ("# T\n\n- costs $a\n- b$ more\n", "3:9", "in another paragraph, list item"),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_math_that_did_not_render_is_a_problem_at_its_place(name: str) -> None:
    text, at, words = PROBLEMS[name]
    _, _, problems = convert(text, marks=True)
    assert [str(p.location) for p in problems] == [f"docs/page.md:{at}"], problems
    assert words in problems[0].message


def test_no_problem_for_math_in_code() -> None:
    text = "# T\n\n`$x$` and ``$$y$$``\n\n    $$\n    z\n    $$\n\n<pre>$w$</pre>\n"
    html, _, problems = convert(text, marks=False)
    marked, _, problems = convert(text, marks=True)
    assert problems == [] and marked == html


def test_the_net_under_the_marks_reads_the_page_text() -> None:
    assert raw_tex("<p>a \\begin{align} b</p><pre><code>\\(x\\)</code></pre>") == ["\\begin{align}"]
    assert raw_tex('<p>price $5, <span class="mjx-text" data-math="0"> x </span></p>') == []


def _errors(config: Path) -> str:
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with pytest.raises(Abort):
            build_site(config)
    finally:
        logger.removeHandler(handler)
    return "\n".join(records)


def test_a_duplicate_label_names_both_equations(tmp_path: Path) -> None:
    page = (
        "# T\n\n\\begin{equation}\na \\label{eq:a}\n\\end{equation}\n\n"
        "Some `\\label{eq:a}` in code.\n\n$$\nb \\label{eq:a}\n$$\n"
    )
    errors = _errors(write_site(tmp_path, {"index.md": page}))
    assert (
        "docs/index.md:10:1: TeX error: \\label{eq:a} is also defined at docs/index.md:3:1; "
        "give each equation its own label" in errors
    ), errors


def test_where_list_problems_keep_their_lines(tmp_path: Path) -> None:
    """Math in a where list's entries carries marks; the list's problems are still found."""
    page = (
        "# T\n\n$$\n\\sym{x}{x} + \\sym{y}{y}\n$$\n\n"
        "/// where\nx: the value of $x$\nq: not marked, with $q$\n///\n"
    )
    errors = _errors(write_lesson_site(tmp_path, {"index.md": page}, math=True))
    assert "docs/index.md:9: symbol 'q' is not marked in the equation above" in errors, errors
    assert "docs/index.md:7: the equation above marks symbols this where list" in errors
    assert not MARK.search(errors)


def test_a_warm_build_puts_every_problem_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build takes each page's marks from the cache (mathrender.markfile)."""
    pages = {f"p{i}.md": text for i, (text, _, _) in enumerate(PROBLEMS.values())}
    pages["tex.md"] = "# T\n\nA list:\n\n- item $\\frac{1}$ here\n"
    config = write_site(tmp_path, pages)
    cold = failed_build_report(config)
    assert all(f"docs/{name}:" in cold for name in pages), cold

    scanned: list[int] = []
    scan = Scanner.scan

    def counted(*args: Any, **kwargs: Any) -> Any:
        scanned.append(1)
        return scan(*args, **kwargs)

    monkeypatch.setattr(Scanner, "scan", counted)
    assert failed_build_report(config) == cold
    assert scanned == [], "the marks were looked for again"
