"""The start-up scripts run right after the header (overrides/partials/course-palette.html
and course-early.html) and set what Material's bundle would set later.

The palette toggle is the course's own (Material's palette component is not mounted, so
the bundle does not restyle a parsed lesson three times). These tests hold it to
Material's behaviour on every page, in both system colour schemes, served and opened from
disk, after each toggle (click and Enter), when the system scheme changes under the
automatic option, and after instant navigation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import STARTED, disk_pages, site_pages

pytestmark = pytest.mark.browser

# The page's colour state: every color-scheme meta in <head> (the first is the one the
# browser uses), the theme-color meta, the header's computed color-scheme and background
# (what Material copies into them), the body's palette attributes, the stored choice, the
# shown toggle buttons and whether a palette form of Material's is left to its bundle.
STATE = """() => {
    const header = getComputedStyle(document.querySelector('header'));
    const hex = '#' + header.backgroundColor.match(/\\d+/g).slice(0, 3)
        .map((c) => (+c).toString(16).padStart(2, '0')).join('');
    return {
        schemes: [...document.head.querySelectorAll('meta[name=color-scheme]')].map((m) => m.content),
        themes: [...document.head.querySelectorAll('meta[name=theme-color]')].map((m) => m.content),
        header: header.colorScheme,
        headerHex: hex,
        body: Object.fromEntries(['media', 'scheme', 'primary', 'accent'].map(
            (k) => [k, document.body.getAttribute('data-md-color-' + k)])),
        stored: __md_get('__palette'),
        shown: [...document.querySelectorAll('[data-course-component=palette] label')]
            .filter((label) => !label.hidden).map((label) => label.getAttribute('for')),
        materials: document.querySelectorAll('[data-md-component=palette]').length,
        switching: document.body.hasAttribute('data-md-color-switching'),
        js: document.documentElement.className,
    };
}"""

SETTLED = "() => document.readyState === 'complete' && !document.body.hasAttribute('data-md-color-switching')"


def _settled(page: Any) -> dict[str, Any]:
    page.wait_for_function(STARTED, timeout=15_000)  # Material's bundle has run
    page.wait_for_function(SETTLED, timeout=15_000)
    state: dict[str, Any] = page.evaluate(STATE)
    return state


def _agrees(state: dict[str, Any], where: str) -> None:
    assert state["materials"] == 0, where  # Material's bundle has no palette to mount
    assert state["schemes"] == [state["header"]], (where, state)
    assert state["header"] in ("light", "dark"), (where, state)
    assert state["themes"] == [state["headerHex"]], (where, state)
    assert state["body"]["scheme"] == ("slate" if state["header"] == "dark" else "default")
    stored = state["stored"]
    assert state["body"] == stored["color"], (where, state)
    # The one button shown is the one after the chosen option: it leads to the next one.
    assert len(state["shown"]) == 1, (where, state)
    assert state["shown"][0] != f"__palette_{stored['index']}", (where, state)
    assert not state["switching"], where
    assert "js" in state["js"].split() and "no-js" not in state["js"].split(), where


@pytest.mark.parametrize("system", ["light", "dark"])
def test_every_page_starts_with_the_palette_and_colour_scheme(
    browser: Any, course_site: Path, course_url: str, system: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=system)
    try:
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            state = _settled(page)
            _agrees(state, rel)
            assert state["header"] == system, rel
    finally:
        context.close()


def test_the_colour_scheme_follows_the_toggle_the_system_and_instant_navigation(
    browser: Any, course_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(course_url, wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        first = _settled(page)
        assert first["stored"]["index"] == 0 and first["header"] == "light"  # automatic
        # The automatic option follows the system scheme as it changes.
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        _agrees(_settled(page), "automatic, after the system turned dark")
        page.emulate_media(color_scheme="light")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        seen = {first["header"]}
        for step in range(3):  # the course has three palette options: every one, and back
            page.locator("[data-course-component=palette] label:visible").first.click()
            state = _settled(page)
            _agrees(state, f"after the toggle to {state['body']}")
            assert state["stored"]["index"] == (step + 1) % 3, state
            seen.add(state["header"])
        assert seen == {"light", "dark"}
        # Enter on the focused option moves to the next one, as with Material's.
        page.focus("#__palette_0")
        page.keyboard.press("Enter")
        state = _settled(page)
        _agrees(state, "after Enter")
        assert state["stored"]["index"] == 1, state
        assert page.evaluate("document.activeElement.id") == "__palette_1"
        # A fixed option does not follow the system.
        page.emulate_media(color_scheme="dark")
        page.wait_for_timeout(200)
        assert _settled(page)["header"] == "light"
        page.locator(".md-content a[href$='module-14/']").first.click()
        page.wait_for_url(course_url + "module-14/")
        assert page.evaluate("window.__sameDocument === true")
        after = _settled(page)
        _agrees(after, "after instant navigation")
        assert after["stored"]["index"] == 1, after
    finally:
        context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_opened_from_disk_every_page_gets_the_same_colour_scheme(
    browser: Any, course_site: Path, system: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=system)
    try:
        page = context.new_page()
        for rel, url in disk_pages(course_site):
            page.goto(url, wait_until="load")
            _agrees(_settled(page), f"file:// {rel}")
            assert page.evaluate(STATE)["header"] == system, rel
    finally:
        context.close()
