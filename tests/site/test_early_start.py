"""The early start-up script (overrides/partials/course-early.html) sets what Material sets.

It runs right after the header so that Material's bundle, run after the whole page is
parsed, changes nothing that every element's style depends on. These tests hold it to
Material's own result on every page, in both system colour schemes, after the palette
toggle and after instant navigation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import site_pages

pytestmark = pytest.mark.browser

# What the page's colour scheme and palette are once Material has started: the body's
# attributes, the first color-scheme meta in <head> (the one the browser uses) and
# Material's own, and the header's computed color-scheme that Material copies into it.
STATE = """() => {
    const metas = [...document.head.querySelectorAll('meta[name=color-scheme]')];
    const theirs = metas.find((m) => !m.hasAttribute('data-course-color-scheme'));
    return {
        used: metas.length ? metas[0].content : null,
        ours: metas.filter((m) => m.hasAttribute('data-course-color-scheme')).length,
        material: theirs ? theirs.content : null,
        header: getComputedStyle(document.querySelector('header')).colorScheme,
        body: Object.fromEntries(['media', 'scheme', 'primary', 'accent'].map(
            (k) => [k, document.body.getAttribute('data-md-color-' + k)])),
        stored: __md_get('__palette'),
        switching: document.body.hasAttribute('data-md-color-switching'),
        js: document.documentElement.className,
    };
}"""

MATERIAL_DONE = """() => {
    const m = [...document.head.querySelectorAll('meta[name=color-scheme]')]
        .find((meta) => !meta.hasAttribute('data-course-color-scheme'));
    return m && m.content && !document.body.hasAttribute('data-md-color-switching');
}"""


def _settled(page: Any) -> dict[str, Any]:
    page.wait_for_function(MATERIAL_DONE, timeout=15_000)
    state: dict[str, Any] = page.evaluate(STATE)
    return state


def _agrees(state: dict[str, Any], where: str) -> None:
    assert state["ours"] == 1, where
    assert state["used"] == state["material"] == state["header"], (where, state)
    assert state["used"] in ("light", "dark"), (where, state)
    assert state["body"]["scheme"] == ("slate" if state["used"] == "dark" else "default")
    assert state["body"]["media"] == state["stored"]["color"]["media"], (where, state)
    for key in ("scheme", "primary", "accent"):
        assert state["body"][key] == state["stored"]["color"][key], (where, key, state)
    assert not state["switching"], where
    assert "js" in state["js"].split() and "no-js" not in state["js"].split(), where


@pytest.mark.parametrize("system", ["light", "dark"])
def test_every_page_starts_with_materials_palette_and_colour_scheme(
    browser: Any, course_site: Path, course_url: str, system: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=system)
    try:
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            state = _settled(page)
            _agrees(state, rel)
            assert state["used"] == system, rel
    finally:
        context.close()


def test_the_colour_scheme_follows_the_toggle_and_instant_navigation(
    browser: Any, course_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(course_url, wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        seen = {_settled(page)["used"]}
        for _ in range(3):  # the course has three palette options: every one, and back
            page.locator("form[data-md-component='palette'] label:visible").first.click()
            state = _settled(page)
            _agrees(state, f"after the toggle to {state['body']}")
            seen.add(state["used"])
        assert seen == {"light", "dark"}
        page.locator(".md-content a[href$='module-14/']").first.click()
        page.wait_for_url(course_url + "module-14/")
        assert page.evaluate("window.__sameDocument === true")
        _agrees(_settled(page), "after instant navigation")
    finally:
        context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_opened_from_disk_every_page_gets_the_same_colour_scheme(
    browser: Any, course_site: Path, system: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=system)
    try:
        page = context.new_page()
        # 404.html is left out, as in test_file_urls.py: its links start at the site root.
        for rel in [p for p in site_pages(course_site) if p != "404.html"]:
            page.goto((course_site / rel / "index.html").as_uri(), wait_until="load")
            _agrees(_settled(page), f"file:// {rel}")
            assert page.evaluate(STATE)["used"] == system, rel
    finally:
        context.close()
