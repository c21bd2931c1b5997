"""The "where" list syntax: golden files (Markdown in, HTML out) and its author errors."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from lessons.texsym import Symbol, SymbolSyntaxError, find_symbols
from lessons.where import WhereExtension
from tests.golden import assert_golden
from tests.lesson.sites import write_lesson_site
from tests.support import failed_build_report

GOLDEN = Path(__file__).with_name("golden")
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))


def render(text: str) -> tuple[str, WhereExtension]:
    where = WhereExtension()
    md = markdown.Markdown(
        extensions=[
            "pymdownx.arithmatex",
            "admonition",
            "pymdownx.details",
            "pymdownx.superfences",
            where,
        ],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return md.convert(text), where


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str):
    """``UPDATE_GOLDENS=1`` rewrites the expected files (tests/golden.py); review the diff."""
    html, where = render((GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    assert where.take_problems() == []
    assert where.take_symbol_problems() == []  # every \sym of a golden page is defined
    assert_golden(html + "\n", GOLDEN / f"{case}.html")


def test_find_symbols():
    assert find_symbols(r"\sym{a}{x_{\{1\}}} + \sym {b} { \frac{1}{2} } \\sym + \symbol") == [
        Symbol("a", r"x_{\{1\}}"),
        Symbol("b", r"\frac{1}{2}"),
    ]
    assert find_symbols(r"\sym{outer}{1 + \sym{inner}{y}}") == [
        Symbol("outer", r"1 + \sym{inner}{y}"),
        Symbol("inner", "y"),
    ]
    for bad in (r"\sym{a}", r"\sym{a}{x", r"\sym{A}{x}", r"\sym x"):
        with pytest.raises(SymbolSyntaxError):
            find_symbols(bad)


PAGE_WITH_ERRORS = """\
# Errors

Text.

/// where
a: not after an equation
///

$$
\\sym{x}{x} + \\sym{y}{y} = \\sym{z}{z}
$$

/// where
x: listed
q: not in the equation
Bad line without a colon
Q: upper-case id
x: listed twice
///

$$
\\sym{m}{m}
$$

/// where
m: a list with a blank line

///

$$
\\sym{m}{m} + \\sym{n
$$

/// where
m: malformed sym above
///

```markdown
/// where
x: inside a code block, ignored
///
```

$$
\\sym{x}{x}
$$

/// where
x: fine
///

$$
\\sym{x}{x}
$$

/// where
x: fine
///

$$
\\sym{x}{x}
$$

/// where
x: fine
y: same opening lines as the two above, error on the third copy
///
"""


def test_where_errors_are_reported_with_lines(tmp_path: Path):
    config = write_lesson_site(tmp_path, {"index.md": "# Home\n", "page.md": PAGE_WITH_ERRORS})
    message = failed_build_report(config)
    expected = [
        "docs/page.md:5: a where list must directly follow a display equation",
        "docs/page.md:13: the equation above marks symbols this where list does not define: "
        "\\sym{y}, \\sym{z}",
        "docs/page.md:15: symbol 'q' is not marked in the equation above "
        "(mark it as \\sym{q}{...}; marked: x, y, z)",
        "docs/page.md:16: expected 'symbol-id: description', got 'Bad line without a colon'",
        "docs/page.md:17: symbol id 'Q': use lower-case letters",
        "docs/page.md:18: symbol 'x' is listed twice",
        "docs/page.md:25: the where list is not closed: end it with a line '///' "
        "(a where list has no blank lines)",
        "docs/page.md:34: in the equation above: \\sym argument has an unbalanced '{'",
        "docs/page.md:66: symbol 'y' is not marked in the equation above",
    ]
    for line in expected:
        assert line in message, f"missing {line!r} in:\n{message}"
    # the code block's where list is code, not a list
    assert message.count("docs/page.md:") == len(expected)
