"""Golden files: Markdown in, the exact HTML out (EXPLORER_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from explorer.errors import ErrorLog
from explorer.extension import ExplorerExtension, PageContext, report_unexpanded
from explorer.render import Fallback

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))
FALLBACK = Fallback("../fig-light.svg", "../fig-dark.svg", "Alt text.", "A caption.")


def convert(text: str, source: str | None = None) -> tuple[str, ErrorLog]:
    """Convert ``text``: the page's Markdown, from the file ``source`` (default: the same)."""
    extension = ExplorerExtension()
    errors = ErrorLog()
    extension.page = PageContext(
        path="lesson.md", source=source or text, fallback=FALLBACK, errors=errors
    )
    md = markdown.Markdown(extensions=[extension, "pymdownx.superfences", "md_in_html"])
    html = md.convert(text)
    report_unexpanded(html, extension.page)
    return html, errors


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    html, errors = convert((GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    assert errors.errors == ()
    expected = GOLDEN / f"{case}.html"
    if os.environ.get("EXPLORER_UPDATE_GOLDEN"):
        expected.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == expected.read_text(encoding="utf-8")


def test_errors_point_at_the_written_line_despite_fences_and_front_matter() -> None:
    source = (
        "---\ntitle: T\n---\n\n# T\n\n"  # lines 1-6
        "```\n<!-- explorer: beta=0 -->\nmore code\n```\n\n"  # 7-11: code, not checked
        "<!-- explorer: beta=0 -->\n\n"  # 12
        "!!! note\n\n    <!-- explorer -->\n"  # 14-16: indented, never expanded
    )
    # MkDocs hands Markdown the page without its front matter, as here.
    _, errors = convert(source.split("---\n", 2)[2], source)
    # ...but the lines reported are the file's.
    errors_with_source = [(e.line, e.message) for e in errors.errors]
    assert errors_with_source[0][0] == 12
    assert "beta: 0 is outside the range" in errors_with_source[0][1]
    assert len(errors_with_source) == 1


def test_marker_in_an_admonition_is_reported_not_dropped() -> None:
    source = "# T\n\n!!! note\n\n    <!-- explorer -->\n"
    extension = ExplorerExtension()
    errors = ErrorLog()
    extension.page = PageContext("lesson.md", source, FALLBACK, errors)
    html = markdown.Markdown(extensions=[extension, "admonition"]).convert(source)
    report_unexpanded(html, extension.page)
    assert [(e.line, e.message[:40]) for e in errors.errors] == [
        (5, "this explorer marker was not expanded: a")
    ]
