"""Whole-page checks: which pages the built course has, and the views each page is seen in.

The pages come from the built site itself (every index.html, plus 404.html), checked
against its sitemap, so a new lesson is covered without editing a list here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from tests.conftest import PageWatch, open_context
from tests.support import NEXT_FRAME_JS, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class View(NamedTuple):
    """One way of looking at the site: Material's colour scheme and the window width."""

    scheme: str  # Material's data-md-color-scheme: "default" (light) or "slate" (dark)
    width: int

    @property
    def id(self) -> str:
        return f"{self.scheme}-{self.width}px"


VIEWS = [View(scheme, width) for scheme in ("default", "slate") for width in (375, 1280)]

# The site's first palette follows the system preference, so the browser's
# prefers-color-scheme picks Material's scheme from the first paint on.
_PREFERS = {"default": "light", "slate": "dark"}


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to its root ("" is the home page)."""
    pages = sorted(
        str(path.relative_to(site)).removesuffix("index.html")
        for path in site.rglob("*.html")
        if path.name == "index.html" or path == site / "404.html"
        if "assets" not in path.relative_to(site).parts
    )
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    listed = {
        "/".join(loc.text.split("/")[3:])
        for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        if loc.text
    }
    missing = listed - set(pages)
    assert not missing, f"pages in sitemap.xml but not found on disk: {sorted(missing)}"
    assert len(pages) >= 4, pages
    return pages


def disk_pages(site: Path) -> list[tuple[str, str]]:
    """Every page opened from disk, as (path relative to the root, file:// URL).

    404.html is left out: a server shows it for any missing path, so its links start at
    the site root, which from disk is the root of the file system.
    """
    return [
        (rel, (site / rel / "index.html").as_uri())
        for rel in site_pages(site)
        if rel != "404.html"
    ]


# The phone of Lighthouse's mobile preset ("moto g power"): 412 x 823 CSS px at 1.75 device
# pixels per CSS pixel.
LIGHTHOUSE_PHONE = 412


def context_options(view: View) -> dict[str, Any]:
    if view.width == LIGHTHOUSE_PHONE:
        return {
            "viewport": {"width": 412, "height": 823},
            "device_scale_factor": 1.75,
            "is_mobile": True,
            "has_touch": True,
            "color_scheme": _PREFERS[view.scheme],
        }
    height = 812 if view.width < 600 else 900
    options: dict[str, Any] = {
        "viewport": {"width": view.width, "height": height},
        "color_scheme": _PREFERS[view.scheme],
    }
    if view.width < 600:
        options.update(is_mobile=True, has_touch=True)
    return options


@contextmanager
def view_context(browser: Any, view: View) -> Iterator[tuple[Any, PageWatch]]:
    """A guarded context (only 127.0.0.1) showing the site in ``view``."""
    context, watch = open_context(browser, **context_options(view))
    try:
        yield context, watch
    finally:
        context.close()


def assert_scheme(page: Any, view: View, rel: str) -> None:
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == view.scheme, f"{rel or 'home page'} shows scheme {shown}, not {view.scheme}"


# True once the page's scripts have run and Material has started: they run after the end of
# parsing (overrides/partials/course-start.html), often after the load event.
STARTED = "() => document.documentElement.hasAttribute('data-course-started')"


# Resolves once the page has loaded, its scripts have started, its fonts are ready and two
# frames have been drawn: by then Material has built its components.
SETTLE = (
    "async () => {"
    + NEXT_FRAME_JS
    + """
    if (document.readyState !== 'complete') {
        await new Promise(resolve => addEventListener('load', resolve, {once: true}));
    }
    // The page's scripts run after the end of parsing (overrides/partials/course-start.html),
    // often after the load event.
    for (let waited = 0; !document.documentElement.hasAttribute('data-course-started'); ) {
        if ((waited += 10) > 15000) throw new Error("the page's scripts never started");
        await new Promise(resolve => setTimeout(resolve, 10));
    }
    await document.fonts.ready;
    for (let i = 0; i < 2; i++) await frame();
}"""
)


# Only the violations are needed. axe's defaults decide which rules run, plus target-size
# (touch targets of at least 24 px, or spaced as far apart), which axe leaves off by default
# and Lighthouse's accessibility score runs: once only Lighthouse caught radio buttons a
# skipped block had left without their size.
# A JavaScript function turning one of axe's results into what describe_violations reads.
SUMMARISE_JS = """const summarise = v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({
        target: n.target.join(' '),
        summary: (n.failureSummary || '').split('\\n').slice(1, 3).join(' ').trim(),
    })),
});"""

RUN_AXE = (
    """async () => {"""
    + SUMMARISE_JS
    + """
    const result = await axe.run(document, {
        resultTypes: ['violations'],
        rules: {'target-size': {enabled: true}},
    });
    return {version: axe.version, violations: result.violations.map(summarise)};
}"""
)


def describe_violations(rel: str, view: View, violations: list[dict[str, Any]]) -> list[str]:
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
