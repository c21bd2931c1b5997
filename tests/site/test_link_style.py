"""Links in running text are underlined; the theme's navigation, tabs and buttons are not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch
from tests.site.whole_pages import SETTLE, site_pages

pytestmark = pytest.mark.browser

DECORATIONS = """() => {
    const line = a => getComputedStyle(a).textDecorationLine;
    const group = selector => [...document.querySelectorAll(selector)]
        .filter(a => a.getClientRects().length)
        .map(a => ({text: (a.textContent || '').trim().slice(0, 40), line: line(a)}));
    return {
        text: group('.md-content :is(p, li, dd, td, figcaption) a[href]:not(.headerlink)'),
        chrome: group([
            '.md-header a', '.md-nav a', '.md-footer a.md-footer__link', '.md-tabs a',
            '.md-content .headerlink', '.md-content .md-button', '.md-content__button',
            '.md-content .tabbed-labels a', '.md-content pre a',
        ].join(', ')),
        buttons: group('.md-content button'),
    };
}"""


def test_text_links_are_underlined_and_theme_links_are_not(
    course_site: Path, course_url: str, watched_context: tuple[Any, PageWatch]
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    seen = {"text": 0, "chrome": 0}
    for rel in site_pages(course_site):
        page.goto(course_url + rel, wait_until="load")
        page.evaluate(SETTLE)
        links = page.evaluate(DECORATIONS)
        name = rel or "home page"
        plain = [a for a in links["text"] if "underline" not in a["line"]]
        assert not plain, f"{name}: links in text without underline: {plain}"
        marked = [a for a in links["chrome"] + links["buttons"] if a["line"] != "none"]
        assert not marked, f"{name}: theme links or buttons decorated: {marked}"
        seen["text"] += len(links["text"])
        seen["chrome"] += len(links["chrome"])
    assert seen["text"] > 0 and seen["chrome"] > 0, seen
