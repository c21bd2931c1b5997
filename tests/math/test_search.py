r"""Search finds equations (issue 12): the index holds each equation's words, the page its SVG.

The math plugin leaves a placeholder with the words of each equation's TeX in the page's
content while Material's search plugin indexes it, and puts the rendering in afterwards.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mathrender.searchtext import readable
from tests.conftest import open_context
from tests.support import build_site, serve_directory, write_site

MACROS = {"KL": "D_{\\mathrm{KL}}", "sym": ["\\class{sym sym-#1}{#2}", 2]}
LOSS = r"""# The loss

The loss adds two terms:

$$
\mathcal{L} = \mathrm{recon}(x) + \sym{klterm}{\KL(q \,\|\, p)} + \mathrm{logvar}
$$

Each is computed per example, and $\sigma^2 > 0$.
"""
OTHER = "# Other\n\nA page about something else, with $a^2$.\n"


def test_readable_words() -> None:
    assert readable(r"\sym{kl-term}{\KL(q \| p)} + \mathrm{logvar}_j") == "kl-term KL q p logvar j"
    assert readable(r"\frac{1}{2}\left(\mu^2 + \sigma^2\right) \label{eq:kl}") == (
        "1 2 mu 2 sigma 2"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    config = write_site(
        root,
        {"index.md": "# Home\n\nStart here.\n", "loss.md": LOSS, "other.md": OTHER},
        plugins=["search", {"course-math": {"macros": MACROS}}],
    )
    build_site(config)
    return root / "site"


def test_the_index_holds_words_and_the_page_its_svg(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("loss/"))
    for word in ("logvar", "klterm", "recon", "sigma"):
        assert re.search(rf"\b{word}\b", text), word
    assert "<svg" not in text and "mjx-" not in text
    page = (site / "loss" / "index.html").read_text("utf-8")
    assert page.count("<mjx-container") == 2
    assert "mjx-text" not in page and "course-math-glyphs" not in page
    assert page.count('class="mjx-glyphs"') == 1


def _search(browser: Any, url: str, term: str) -> list[str]:
    """The result links Material's search shows for ``term``, typed as a reader would."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        # The course's theme runs the page's scripts after the end of parsing, often after
        # the load event (overrides/partials/course-start.html).
        page.wait_for_function(
            "() => document.documentElement.hasAttribute('data-course-started')"
            " || !document.querySelector('script[data-course-script]')"
        )
        page.keyboard.press("/")  # Material's shortcut: opens the search dialog
        page.locator("input.md-search__input:focus").wait_for()
        page.keyboard.type(term)
        page.locator(".md-search-result__meta").filter(has_text="matching").wait_for()
        links = page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    finally:
        context.close()
    watch.assert_clean()
    return [str(link) for link in links]


@pytest.mark.browser
@pytest.mark.parametrize("term", ["logvar", "klterm"])
def test_search_finds_a_term_that_is_only_in_an_equation(
    browser: Any, site: Path, term: str
) -> None:
    with serve_directory(site) as url:
        links = _search(browser, url, term)
    assert links and all("loss/" in link for link in links), links


@pytest.mark.browser
def test_search_finds_the_lesson_by_a_symbol_of_its_equations(
    browser: Any, course_url: str
) -> None:
    """The real course: 'logev' is only the id of a \\sym in lesson 14-2's equations."""
    links = _search(browser, course_url, "logev")
    assert any("14-2-deriving-the-elbo/" in link for link in links), links
