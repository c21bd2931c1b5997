"""Every page of the real course in Chromium: math rendered, no MathJax, nothing from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch, open_context
from tests.support import ROOT

pytestmark = pytest.mark.browser

MATHJAX_BUNDLE = ROOT / "node_modules" / "@mathjax" / "src" / "bundle" / "tex-svg.js"
FONTS = ROOT / "node_modules" / "@mathjax"


def _pages(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site)).removesuffix("index.html")
        for p in site.rglob("*.html")
        if "assets" not in p.parts
    )


def test_every_page_renders_cleanly(
    course_site: Path, course_url: str, watched_context: tuple[Any, PageWatch]
) -> None:
    context, _watch = watched_context
    requests: list[str] = []
    context.on("request", lambda req: requests.append(req.url))
    page = context.new_page()
    pages = _pages(course_site)
    assert "" in pages and "module-14/" in pages
    for rel in pages:
        page.goto(course_url + rel, wait_until="load")
        state = page.evaluate(
            """() => ({
                marked: document.querySelectorAll('.arithmatex').length,
                rendered: document.querySelectorAll('.arithmatex:has(> mjx-container > svg)').length,
                assistive: document.querySelectorAll('.arithmatex:has(mjx-assistive-mml math)').length,
                errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
                rawTex: /\\\\[(\\[]/.test(document.querySelector('.md-content').innerText),
                mathjaxGlobal: typeof window.MathJax !== 'undefined',
            })"""
        )
        assert state["rendered"] == state["marked"], rel
        assert state["assistive"] == state["marked"], rel
        assert state["errors"] == 0, rel
        assert not state["rawTex"], f"raw TeX delimiters left on {rel}"
        assert not state["mathjaxGlobal"], f"MathJax was loaded on {rel}"
    assert not [u for u in requests if "mathjax" in u.lower()]


def test_instant_navigation_keeps_math(
    course_url: str, watched_context: tuple[Any, PageWatch]
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    # Material intercepts links once it has read the sitemap.
    page.goto(course_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='module-14/']").first.click()
    page.wait_for_url(course_url + "module-14/")
    page.wait_for_selector("h1:has-text('Module 14')")
    # Instant navigation swapped the content without loading a new document.
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator(".arithmatex mjx-container svg").count() > 0


# Layout shift: every page, both palettes, phone and desktop, in test_layout_shift.py.


def test_math_size_matches_client_side_mathjax(browser: Any, course_url: str) -> None:
    """The same TeX typeset by MathJax in the browser has the same size as ours, in place."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})

    # Client-side MathJax fetches font data at run time (from a CDN by default): serve it
    # from node_modules under the test server's origin instead.
    def fonts(route: Any) -> None:
        rel = route.request.url.split("/__mathjax-fonts/", 1)[1]
        route.fulfill(path=str(FONTS / rel))

    context.route("**/__mathjax-fonts/**", fonts)
    page = context.new_page()
    page.goto(course_url + "module-14/", wait_until="load")
    tex = "p_\\theta(x \\mid z)"
    ours = page.evaluate(
        """(tex) => {
            const el = [...document.querySelectorAll('.arithmatex')]
                .find(e => e.querySelector('math')?.getAttribute('data-latex') === tex);
            const r = el.querySelector('mjx-container').getBoundingClientRect();
            const probe = document.createElement('span');
            probe.id = 'client-probe';
            probe.textContent = '\\\\(' + tex + '\\\\)';
            el.parentNode.insertBefore(probe, el.nextSibling);
            return {w: r.width, h: r.height};
        }""",
        tex,
    )
    page.evaluate(
        "(base) => { window.MathJax = {startup: {typeset: false}, loader: {paths: {fonts: base}}}; }",
        course_url + "__mathjax-fonts",
    )
    page.add_script_tag(path=str(MATHJAX_BUNDLE))
    page.wait_for_function("typeof MathJax.typesetPromise === 'function'")
    # The typeset promise also waits for MathJax's speech worker; the layout is done before.
    page.evaluate("() => { MathJax.typesetPromise([document.getElementById('client-probe')]); }")
    page.wait_for_selector("#client-probe mjx-container svg", timeout=20_000)
    theirs = page.evaluate(
        """() => {
            const r = document.querySelector('#client-probe mjx-container').getBoundingClientRect();
            return {w: r.width, h: r.height};
        }"""
    )
    context.close()
    assert not watch.foreign_requests, watch.foreign_requests
    assert theirs["h"] > 10
    assert ours["w"] == pytest.approx(theirs["w"], rel=0.03)
    assert ours["h"] == pytest.approx(theirs["h"], rel=0.03)
