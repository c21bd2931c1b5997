"""axe-core on every page of the built course, in both palettes, on a phone and a desktop.

Every rule axe enables by default runs on the whole document (Material's header, search,
navigation and footer included, not only the course's components); any violation fails.
"""

from __future__ import annotations

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
    site_pages,
    view_context,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.id)
def test_axe_finds_no_violations_on_any_page(
    browser: Any, course_site: Path, course_url: str, view: View
) -> None:
    problems: list[str] = []
    with view_context(browser, view) as (context, watch):
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            page.evaluate(SETTLE)
            assert_scheme(page, view, rel)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(RUN_AXE)
            problems.extend(describe_violations(rel, view, result["violations"]))
    assert not problems, "axe " + result["version"] + " found:\n" + "\n".join(problems)
    watch.assert_clean()


# Material's instant navigation swaps the content in place; what the scripts add on the
# first page load must be there again on every page it shows.
GO = """url => {
    const link = document.createElement('a');
    link.href = url;
    link.textContent = 'next page';
    document.querySelector('.md-content').appendChild(link);
    link.click();
}"""


# One view is enough here: the scripts do not depend on the palette, and the phone width
# has the most boxes that scroll sideways.
@pytest.mark.parametrize("view", [View("slate", 375)], ids=lambda v: v.id)
def test_axe_finds_no_violations_after_instant_navigation(
    browser: Any, course_site: Path, course_url: str, view: View
) -> None:
    problems: list[str] = []
    with view_context(browser, view) as (context, watch):
        page = context.new_page()
        # Material follows links instantly once it has read the sitemap.
        page.goto(course_url, wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        page.evaluate("window.__shown = 0; document$.subscribe(() => window.__shown++)")
        for rel in [p for p in site_pages(course_site) if p not in ("", "404.html")]:
            shown = page.evaluate("window.__shown")
            page.evaluate(GO, course_url + rel)
            page.wait_for_function(f"window.__shown > {shown}")
            assert page.url == course_url + rel
            assert page.evaluate("window.__sameDocument === true"), f"{rel}: a full page load"
            page.evaluate(SETTLE)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(RUN_AXE)
            problems.extend(describe_violations(rel + " (instant)", view, result["violations"]))
    assert not problems, "axe " + result["version"] + " found:\n" + "\n".join(problems)
    watch.assert_clean()
