"""Boxes that scroll sideways stay keyboard-reachable on a phone once the reader gets there.

course-a11y.js makes a box that overflows and holds nothing Tab reaches focusable.
- At start-up a box whose block content-visibility skips (performance.css) is judged by
  its markup, so as not to lay the block out: a link in it counts as focusable. Here every
  code box of lesson 14-3 gets a link that is never shown (the `hidden` attribute) before
  the script starts: markup calls it focusable, the laid-out page does not, so each box
  must be judged again when it is shown.
- On a screen without hover, Material removes the tabindex of a code block when it mounts
  the block (content.lazy: when it comes into view); the script must put it back.
Once the reader has scrolled through the lesson on a phone, every box that overflows must
be keyboard-reachable, and no box the script made focusable may be one that does not
overflow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import SETTLE, View, view_context
from tests.support import SCROLL_THROUGH_JS

pytestmark = pytest.mark.browser

LESSON = "module-14/14-3-the-vae-loss-in-practice/"
BOXES = ".md-typeset pre > code"

# Before any course script starts (DOMContentLoaded listeners run in the order they were
# added, and this one is added first).
HIDDEN_LINKS = f"""
document.addEventListener("DOMContentLoaded", () => {{
  for (const box of document.querySelectorAll({BOXES!r})) {{
    const link = document.createElement("a");
    link.href = "#never-shown";
    link.hidden = true;
    box.append(link);
  }}
}});
"""

STATE = f"""() => [...document.querySelectorAll({BOXES!r})].map((box) => {{
    const inner = box.firstElementChild;
    return {{
        skipped: !!inner && !inner.checkVisibility({{contentVisibilityAuto: true}}),
        shown: box.checkVisibility(),
        overflows: box.scrollWidth > box.clientWidth + 1,
        focusable: box.tabIndex >= 0,
        marked: box.hasAttribute("data-course-scroll-focus"),
        reachable: [...box.querySelectorAll("a[href], button, input, [tabindex]")]
            .some((e) => e.getClientRects().length
                         && getComputedStyle(e).visibility !== "hidden"),
        text: box.textContent.slice(0, 40),
    }};
}})"""


def test_every_wide_box_is_reachable_after_scrolling_through_on_a_phone(
    browser: Any, course_site: Path, course_url: str
) -> None:
    with view_context(browser, View("default", 375)) as (context, watch):
        page = context.new_page()
        page.add_init_script(HIDDEN_LINKS)
        page.goto(course_url + LESSON)
        page.evaluate(SETTLE)
        at_start = page.evaluate(STATE)
        # The case this test is about: boxes skipped at start-up.
        assert sum(box["skipped"] for box in at_start) >= 3, at_start
        page.evaluate(SCROLL_THROUGH_JS)
        page.evaluate(SETTLE)
        boxes = [box for box in page.evaluate(STATE) if box["shown"]]
    watch.assert_clean()
    assert sum(box["overflows"] for box in boxes) >= 3, boxes
    unreachable = [b for b in boxes if b["overflows"] and not b["focusable"] and not b["reachable"]]
    assert not unreachable, [b["text"] for b in unreachable]
    needless = [b for b in boxes if b["marked"] and not b["overflows"]]
    assert not needless, [b["text"] for b in needless]
