"""The lesson's figures in a real Chromium: one variant per palette, legible on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from figures_src import style
from tests.conftest import open_context

pytestmark = pytest.mark.browser

LESSON = "module-14/14-2-deriving-the-elbo/"
# The figures the lesson shows; elbo-tradeoff is the explorer's fallback, hidden by its script.
FIGURES = ("kl-refresher", "kl-asymmetry", "jensen", "elbo-gap", "kl-heatmap")

VISIBLE_FIGURES = """() => [...document.querySelectorAll("img[src*='assets/generated/figures/']")]
    .filter(img => img.getClientRects().length > 0 && getComputedStyle(img).display !== "none")
    .map(img => ({src: img.getAttribute("src"), shown: img.clientWidth,
                  natural: img.naturalWidth, alt: img.alt, loaded: img.complete}))"""


@pytest.mark.parametrize(("scheme", "theme"), [("default", "light"), ("slate", "dark")])
def test_each_palette_shows_its_own_variant_readable_at_375px(
    browser: Any, course_url: str, scheme: str, theme: str
) -> None:
    context, watch = open_context(browser, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(course_url + LESSON)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        # Images are lazy (figures_src/pageimages.py): load each shown one now; the hidden
        # variant is never fetched.
        page.evaluate(
            """() => [...document.images]
                .filter(img => img.getClientRects().length)
                .forEach(img => img.loading = "eager")"""
        )
        page.wait_for_function(
            """[...document.images].every(img => img.complete
                || getComputedStyle(img).display === "none" || !img.getClientRects().length)""",
            timeout=10_000,
        )
        shown = page.evaluate(VISIBLE_FIGURES)
    finally:
        context.close()
    # Page-script errors are the other plugins' tests' business; the images must all load.
    assert not watch.failed_requests and not watch.foreign_requests, watch
    names = {item["src"].rsplit("/", 1)[1].split("#")[0] for item in shown}
    for figure in FIGURES:
        assert f"{figure}-{theme}.svg" in names, (figure, names)
    assert not any(f"-{'dark' if theme == 'light' else 'light'}.svg" in n for n in names)
    for item in shown:
        assert item["natural"] > 0 and item["alt"], item
        # The smallest text in the figure, as displayed: at least 11 CSS px.
        smallest = style.MIN_FONT_PT * 4 / 3 * item["shown"] / item["natural"]
        assert smallest >= 11.0, (item["src"], round(smallest, 1))
