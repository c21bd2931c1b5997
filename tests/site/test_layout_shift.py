"""Cumulative layout shift of every page, in both palettes, on a phone and a desktop.

A PerformanceObserver is installed before the page's first byte runs. The measurement
ends on events, not on timers: the load event, the fonts being ready, and then the
observer staying quiet for QUIET_FRAMES animation frames in a row.

The header must not move at all: it holds the buttons that the start-up scripts show (a
frame painted between two of them once moved the palette button by its width, CLS 0.0009).
Every shift counts: nothing touches the page while it loads, yet Chromium's touch
emulation marks shifts as following input (hadRecentInput), and Lighthouse counts those.
Besides the views of every whole-page test, the phone of Lighthouse's mobile preset
(412 x 823 px at 1.75 device pixels per CSS pixel): its line breaks differ, and a shift
of the lesson header's inline math showed only there (issue 12).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import (
    LIGHTHOUSE_PHONE,
    SETTLE,
    VIEWS,
    View,
    assert_scheme,
    context_options,
    disk_pages,
    site_pages,
    view_context,
)
from tests.support import NEXT_FRAME_JS

pytestmark = pytest.mark.browser

LIMIT = 0.01
QUIET_FRAMES = 30  # about half a second at 60 frames per second
MAX_FRAMES = 1200  # give up (and fail) if shifts keep coming for about 20 seconds

OBSERVE = """(() => {
    const name = node => !node || node.nodeType !== 1 ? String(node && node.nodeName)
        : node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
          + [...node.classList].slice(0, 2).map(c => '.' + c).join('');
    window.__layoutShift = {total: 0, entries: [], count: 0};
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            window.__layoutShift.count += 1;
            window.__layoutShift.total += entry.value;
            window.__layoutShift.entries.push({
                value: entry.value,
                at: Math.round(entry.startTime),
                sources: (entry.sources || []).map(s => name(s.node)),
                header: (entry.sources || []).some(
                    s => s.node && s.node.nodeType === 1 && !!s.node.closest('.md-header')),
            });
        }
    }).observe({type: 'layout-shift', buffered: true});
})();"""

SETTLED_SHIFT = (
    "async ([quiet, most]) => {"
    + NEXT_FRAME_JS
    + """
    if (document.readyState !== 'complete') {
        await new Promise(resolve => addEventListener('load', resolve, {once: true}));
    }
    await document.fonts.ready;
    let seen = window.__layoutShift.count, still = 0, frames = 0;
    while (still < quiet && frames < most) {
        await frame();
        frames += 1;
        if (window.__layoutShift.count === seen) still += 1;
        else { seen = window.__layoutShift.count; still = 0; }
    }
    return {...window.__layoutShift, settled: still >= quiet, frames};
}"""
)


# Lighthouse's mobile preset, in both palettes.
PHONES = [View(scheme, LIGHTHOUSE_PHONE) for scheme in ("default", "slate")]


@pytest.mark.parametrize("view", VIEWS + PHONES, ids=lambda v: v.id)
def test_no_layout_shift_on_any_page(
    browser: Any, course_site: Path, course_url: str, view: View
) -> None:
    problems: list[str] = []
    with view_context(browser, view) as (context, watch):
        context.add_init_script(OBSERVE)
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="commit")
            shift = page.evaluate(SETTLED_SHIFT, [QUIET_FRAMES, MAX_FRAMES])
            assert_scheme(page, view, rel)
            where = f"{rel or 'home page'} [{view.id}]"
            if not shift["settled"]:
                problems.append(f"{where}: still shifting after {shift['frames']} frames")
            # The header holds the palette and search buttons that start-up scripts show:
            # it must not move at all, however small the shift.
            problems.extend(
                f"{where}: the header moved ({e['value']:.4f} at {e['at']} ms: "
                f"{', '.join(e['sources'])})"
                for e in shift["entries"]
                if e["header"]
            )
            if shift["total"] >= LIMIT:
                problems.append(f"{where}: CLS {shift['total']:.4f} (limit {LIMIT})")
                problems.extend(
                    f"    {e['value']:.4f} at {e['at']} ms: {', '.join(e['sources']) or '?'}"
                    for e in shift["entries"][:8]
                )
    assert not problems, "layout shift:\n" + "\n".join(problems)
    watch.assert_clean()


# Each where list with only its first k entries laid out, as while the page is parsed: the
# first description's left edge, against the whole list's (lessons/wherewidth.py).
PARTIAL_WHERE_LISTS = """() => {
    const style = document.createElement('style');
    // Far blocks are skipped by content-visibility (performance.css): lay every list out.
    style.textContent = '.md-typeset .where { content-visibility: visible !important; }';
    document.head.append(style);
    const moved = [], clipped = [];
    const lists = [...document.querySelectorAll('.where dl')];
    lists.forEach((dl, n) => {
        const entries = [...dl.children];
        const left = () => entries[0].querySelector('dd').getBoundingClientRect().left;
        const whole = left();
        for (let k = 1; k < entries.length; k++) {
            entries.forEach((entry, i) => { entry.style.display = i < k ? '' : 'none'; });
            const part = left();
            if (Math.abs(part - whole) > 0.5) moved.push({n, k, whole, part});
        }
        entries.forEach(entry => { entry.style.display = ''; });
        for (const dt of dl.querySelectorAll('dt')) {
            if (dt.scrollWidth > dt.clientWidth + 1) {
                clipped.push({n, sym: dt.parentElement.dataset.sym,
                              scroll: dt.scrollWidth, client: dt.clientWidth});
            }
        }
    });
    style.remove();
    return {lists: lists.length, moved, clipped};
}"""


@pytest.mark.parametrize("served", [True, False], ids=["served", "from-disk"])
@pytest.mark.parametrize(
    "view", [View(scheme, 1280) for scheme in ("default", "slate")], ids=lambda v: v.id
)
def test_a_where_list_in_part_has_its_final_symbol_column(
    browser: Any, course_site: Path, course_url: str, view: View, served: bool
) -> None:
    """While a page is parsed, a where list may be painted before its widest symbol arrives;
    its descriptions must already stand where the whole list puts them."""
    problems: list[str] = []
    lists = 0
    if served:
        pages = [(rel, course_url + rel) for rel in site_pages(course_site)]
        opened = view_context(browser, view)
    else:  # the guarded context lets only 127.0.0.1 through; from disk, as the other tests
        pages = disk_pages(course_site)
        opened = _plain_context(browser, view)
    with opened as (context, watch):
        page = context.new_page()
        for rel, url in pages:
            page.goto(url)
            page.evaluate(SETTLE)
            found = page.evaluate(PARTIAL_WHERE_LISTS)
            lists += found["lists"]
            where = f"{rel or 'home page'} [{view.id}]"
            problems.extend(
                f"{where}: where list {m['n'] + 1} with {m['k']} entries puts its descriptions "
                f"at {m['part']:.1f} px, the whole list at {m['whole']:.1f} px"
                for m in found["moved"]
            )
            problems.extend(
                f"{where}: where list {c['n'] + 1}: symbol {c['sym']} is clipped "
                f"({c['scroll']} px in {c['client']} px)"
                for c in found["clipped"]
            )
    assert lists >= 5, f"only {lists} where lists found in the course"
    assert not problems, "where lists:\n" + "\n".join(problems)
    if watch is not None:
        watch.assert_clean()


@contextmanager
def _plain_context(browser: Any, view: View) -> Iterator[tuple[Any, None]]:
    context = browser.new_context(**context_options(view))
    try:
        yield context, None
    finally:
        context.close()
