"""Code blocks on every page: Material mounts each when it comes into view (content.lazy).

Mounting a code block measures it, and on a lesson most code blocks are in blocks that
performance.css leaves unrendered: measuring them at start-up made Material lay them out.
A learner must still get the copy button on every code block they reach, and the toolbar
must not become an unnamed navigation landmark (course-a11y.js) when it arrives late.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import STARTED, site_pages

pytestmark = pytest.mark.browser

CODE = ".md-content pre > code"

STATE = """(selector) => [...document.querySelectorAll(selector)].map((code) => {
    const pre = code.closest('pre');
    const nav = pre.querySelector('nav.md-code__nav');
    return {
        copy: !!pre.querySelector('button[data-md-type=copy]'),
        role: nav ? nav.getAttribute('role') : null,
        screens: (pre.getBoundingClientRect().top + scrollY) / innerHeight,
    };
})"""

# The `for` of the label that selects the tab holding code block `index`, if it is in one.
TAB_LABEL = """([selector, index]) => {
    const code = document.querySelectorAll(selector)[index];
    const block = code.closest('.tabbed-block');
    if (!block) return null;
    const set = block.closest('.tabbed-set');
    const position = [...block.parentElement.children].indexOf(block);
    return set.querySelectorAll(':scope > input')[position].id;
}"""


def test_every_code_block_gets_its_copy_button_when_it_is_reached(
    browser: Any, course_site: Path, course_url: str
) -> None:
    pages = [
        rel
        for rel in site_pages(course_site)
        if not rel.endswith(".html")
        and "<pre" in (course_site / rel / "index.html").read_text("utf-8")
    ]
    assert pages, "no page of the course has a code block"
    context = browser.new_context(viewport={"width": 375, "height": 800})
    far_blocks = 0
    try:
        page = context.new_page()
        for rel in pages:
            page.goto(course_url + rel, wait_until="load")
            page.wait_for_function(STARTED)
            page.wait_for_timeout(300)
            first = page.evaluate(STATE, CODE)
            # Three screens or more below the top, a block is not mounted yet.
            far = [block for block in first if block["screens"] >= 3]
            assert not any(block["copy"] for block in far), f"{rel}: mounted at start: {far}"
            far_blocks += len(far)
            for index in range(len(first)):
                # A block in a tab that is not selected is reached by selecting its tab.
                label = page.evaluate(TAB_LABEL, [CODE, index])
                if label:
                    page.locator(f"label[for='{label}']").click()
                page.locator(CODE).nth(index).scroll_into_view_if_needed()
                page.locator(CODE).nth(index).locator(
                    "xpath=ancestor::pre[1]//button[@data-md-type='copy']"
                ).wait_for(state="attached", timeout=10_000)
            for index, block in enumerate(page.evaluate(STATE, CODE)):
                assert block["copy"], (rel, index)
                assert block["role"] == "none", (rel, index, block)
    finally:
        context.close()
    # The course itself has code far down a lesson, so the lazy mounting is exercised.
    assert far_blocks, "no code block three screens down any page"
