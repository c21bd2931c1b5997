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
