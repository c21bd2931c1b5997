"""axe-core on a page with Material's search dialog open and showing results.

The dialog is part of every page; its results (counts, teasers, matched words) only exist
once someone searches, so the page-by-page test cannot see them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import (
    AXE,
    RUN_AXE,
    SETTLE,
    VIEWS,
    View,
    assert_scheme,
    describe_violations,
    view_context,
)

pytestmark = pytest.mark.browser


def query_term(site: Path) -> str:
    """A word that occurs in the course's text, taken from the built search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: dict[str, int] = {}
    for doc in index["docs"]:
        for word in re.findall(r"[A-Za-z]{6,}", doc.get("text", "")):
            words[word.lower()] = words.get(word.lower(), 0) + 1
    return max(words, key=lambda word: words[word])


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.id)
def test_axe_finds_no_violations_in_search_results(
    browser: Any, course_site: Path, course_url: str, view: View
) -> None:
    with view_context(browser, view) as (context, watch):
        page = context.new_page()
        page.goto(course_url, wait_until="load")
        page.evaluate(SETTLE)
        assert_scheme(page, view, "")
        page.keyboard.press("/")  # Material's shortcut: opens the search dialog
        page.locator("input.md-search__input:focus").wait_for()
        page.keyboard.type(query_term(course_site))
        page.locator(".md-search-result__item").first.wait_for()
        page.evaluate(SETTLE)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(RUN_AXE)
    problems = describe_violations("home page, search open", view, result["violations"])
    assert not problems, "axe " + result["version"] + " found:\n" + "\n".join(problems)
    watch.assert_clean()
