"""axe-core on every page of the built course, in both palettes, on a phone and a desktop.

Every rule axe enables by default runs on the whole document (Material's header, search,
navigation and footer included, not only the course's components); any violation fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import AXE, SETTLE, VIEWS, View, assert_scheme, site_pages, view_context

pytestmark = pytest.mark.browser

# Only the violations are needed; axe's defaults decide which rules run.
RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return {
        version: axe.version,
        violations: result.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map(n => ({
                target: n.target.join(' '),
                summary: (n.failureSummary || '').split('\\n').slice(1, 3).join(' ').trim(),
            })),
        })),
    };
}"""


def describe(rel: str, view: View, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(
            f"{rel or 'home page'} [{view.id}] {violation['id']} ({violation['impact']}): "
            f"{violation['help']}"
        )
        lines.extend(f"    {n['target']}: {n['summary']}" for n in violation["nodes"][:5])
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return lines


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
            problems.extend(describe(rel, view, result["violations"]))
    assert not problems, "axe " + result["version"] + " found:\n" + "\n".join(problems)
    watch.assert_clean()
