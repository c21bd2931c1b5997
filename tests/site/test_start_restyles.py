"""Starting a page writes no class attribute in the article (issue 12, phone start-up).

Material's stylesheet has rules such as ``.md-typeset table:not([class]) + *`` and
``.md-typeset table:not([class]) td > :first-child``: with them, Chromium cannot narrow what
a changed class attribute may restyle, and it restyles the element's whole subtree and its
next sibling's. On lesson 14-2, the class lessons.js put on each linked equation restyled the
where list after it, about 700 elements in the task where Material mounts its components.
The course's scripts mark what they start with data attributes (``data-linked-symbols``,
``data-quiz-started``). Material's own content tabs are its business and are left out.

Recorded from a script that runs before the page's own: every change of a class attribute
of an element inside the article, until the page has started and a moment after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import STARTED, View, site_pages, view_context

pytestmark = pytest.mark.browser

RECORD = """(() => {
    const seen = [];
    window.__classWrites = seen;
    new MutationObserver((records) => {
        for (const record of records) {
            const target = record.target;
            if (!target.closest('.md-content__inner') || target.closest('.tabbed-set')) continue;
            seen.push(`<${target.tagName.toLowerCase()}> "${record.oldValue}" -> `
                + `"${target.getAttribute('class')}"`);
        }
    }).observe(document, {
        attributes: true, attributeFilter: ['class'], attributeOldValue: true, subtree: true,
    });
})()"""


@pytest.mark.parametrize("width", [375, 1280])
def test_starting_a_page_writes_no_class_in_its_article(
    browser: Any, course_site: Path, course_url: str, width: int
) -> None:
    writes: list[str] = []
    with view_context(browser, View("default", width)) as (context, _):
        context.add_init_script(RECORD)
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            page.wait_for_function(STARTED, timeout=15_000)
            page.wait_for_timeout(300)  # the idle work after start (hit areas, explorers)
            writes += [f"{rel or 'home'}: {w}" for w in page.evaluate("window.__classWrites")]
    assert not writes, "\n".join(writes[:10])
