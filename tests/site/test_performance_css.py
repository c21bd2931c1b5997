"""content-visibility on the article's blocks (docs/assets/stylesheets/performance.css).

It must only save work: on every page the laid-out article is the same with and without
the stylesheet, far-away blocks are really skipped, links to sections and to anchors
inside skipped blocks land on their target, the table of contents follows, and printing
lays out everything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import (
    SETTLE,
    View,
    context_options,
    disk_pages,
    site_pages,
    view_context,
)
from tests.support import NEXT_FRAME_JS, SCROLL_THROUGH_JS

pytestmark = pytest.mark.browser

LESSON = "module-14/14-2-deriving-the-elbo/"
STYLESHEET = "link[href*='assets/stylesheets/performance.css']"

# Where every block of the article is and how tall: getBoundingClientRect lays out even
# a skipped block, so both measurements cover the whole article.
BLOCKS = """() => [...document.querySelector('.md-content__inner').children].map((e) => {
    const box = e.getBoundingClientRect();
    return [e.tagName, e.className.baseVal ?? e.className,
            Math.round(box.top + scrollY), Math.round(box.height)];
})"""

SKIPPED = """() => {
    const blocks = [...document.querySelector('.md-content__inner').children];
    const auto = blocks.filter((e) => getComputedStyle(e).contentVisibility === 'auto');
    // A block's own box stays; what is skipped is its content.
    const inner = auto.filter((e) => e.firstElementChild);
    const skipped = inner.filter(
        (e) => !e.firstElementChild.checkVisibility({contentVisibilityAuto: true}));
    return {blocks: blocks.length, auto: auto.length, inner: inner.length,
            skipped: skipped.length};
}"""


@contextmanager
def _context(browser: Any, view: View, opened: str) -> Iterator[Any]:
    """The guarded context (only 127.0.0.1) to serve the site; a plain one to open files."""
    if opened == "served":
        with view_context(browser, view) as (context, _):
            yield context
    else:
        context = browser.new_context(**context_options(view))
        try:
            yield context
        finally:
            context.close()


# Served, Material's bundle wraps each table in a scrolling box; opened from disk it does
# not start, and the tables stay as Markdown wrote them (performance.css lists both).
@pytest.mark.parametrize("opened", ["served", "from-disk"])
@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_lays_out_the_same_with_and_without_it(
    browser: Any, course_site: Path, course_url: str, width: int, opened: str
) -> None:
    differences: list[str] = []
    with _context(browser, View("default", width), opened) as context:
        page = context.new_page()
        pages = (
            [(rel, course_url + rel) for rel in site_pages(course_site)]
            if opened == "served"
            else disk_pages(course_site)
        )
        for rel, url in pages:
            page.goto(url)
            page.evaluate(SETTLE)
            assert page.locator(STYLESHEET).count() == 1, f"{rel}: the stylesheet is not linked"
            page.evaluate(SCROLL_THROUGH_JS)
            with_it = page.evaluate(BLOCKS)
            page.evaluate(f"document.querySelector({STYLESHEET!r}).disabled = true")
            without = page.evaluate(BLOCKS)
            differences += [
                f"{rel or 'home'} {width}px: {a} with it, {b} without"
                for a, b in zip(with_it, without, strict=True)
                if a != b
            ]
    assert not differences, "\n".join(differences[:10])


# Each tab of a skipped set of content tabs is skipped on its own too: whichever tab is
# shown, the article is laid out as without the stylesheet.
TAB_LABELS = """() => [...document.querySelectorAll('.md-content__inner > .tabbed-set')]
    .map((set) => set.querySelectorAll(':scope > .tabbed-labels > label').length)"""
SHOW_TAB = (
    "async ([set, tab]) => {"
    + NEXT_FRAME_JS
    + """
    const sets = document.querySelectorAll('.md-content__inner > .tabbed-set');
    sets[set].querySelectorAll(':scope > .tabbed-labels > label')[tab].click();
    await frame();
    await frame();
}"""
)


@pytest.mark.parametrize("width", [375, 1280])
def test_every_tab_lays_out_the_same_with_and_without_it(
    browser: Any, course_site: Path, course_url: str, width: int
) -> None:
    differences: list[str] = []
    shown = 0
    with view_context(browser, View("default", width)) as (context, _):
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel)
            page.evaluate(SETTLE)
            for set_index, tabs in enumerate(page.evaluate(TAB_LABELS)):
                for tab in range(tabs):
                    page.evaluate(SHOW_TAB, [set_index, tab])
                    page.evaluate(SCROLL_THROUGH_JS)  # every block once laid out
                    shown += 1
                    with_it = page.evaluate(BLOCKS)
                    page.evaluate(f"document.querySelector({STYLESHEET!r}).disabled = true")
                    without = page.evaluate(BLOCKS)
                    page.evaluate(f"document.querySelector({STYLESHEET!r}).disabled = false")
                    differences += [
                        f"{rel} {width}px, set {set_index} tab {tab}: {a} with it, {b} without"
                        for a, b in zip(with_it, without, strict=True)
                        if a != b
                    ]
    assert shown >= 4, "the course has content tabs: none was shown"
    assert not differences, "\n".join(differences[:10])


def test_far_blocks_of_a_lesson_are_skipped_until_scrolled_to(
    browser: Any, course_url: str
) -> None:
    with view_context(browser, View("default", 375)) as (context, _):
        page = context.new_page()
        page.goto(course_url + LESSON)
        page.evaluate(SETTLE)
        counts = page.evaluate(SKIPPED)
        page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
        page.evaluate(SETTLE.replace("for (let i = 0; i < 2;", "for (let i = 0; i < 3;"))
        last = page.evaluate(
            """() => [...document.querySelector('.md-content__inner').children]
                .filter((e) => getComputedStyle(e).contentVisibility === 'auto')
                .filter((e) => e.firstElementChild).at(-1)
                ?.firstElementChild.checkVisibility({contentVisibilityAuto: true})"""
        )
    assert counts["auto"] >= 20, counts
    assert counts["skipped"] >= counts["inner"] // 2, counts
    assert last, "the last block was not rendered once scrolled to"


# The target's top is where scrollIntoView puts it (its scroll margin below the page's
# scroll padding), or the page is scrolled to its end and cannot bring it higher.
LANDED = """(id) => {
    const target = document.getElementById(id);
    const aim = (parseFloat(getComputedStyle(target).scrollMarginTop) || 0)
        + (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0);
    const top = target.getBoundingClientRect().top;
    const page = document.scrollingElement;
    const atEnd = scrollY + innerHeight >= page.scrollHeight - 1;
    return Math.abs(top - aim) < 2 || (top > aim && atEnd);
}"""

# The same, and it stays so for a few frames (late blocks have been laid out).
LANDED_AND_STILL = (
    "async (id) => { const landed = "
    + LANDED
    + ";"
    + NEXT_FRAME_JS
    + """
    for (let i = 0; i < 10; i++) {
        if (!landed(id)) return false;
        await frame();
    }
    return true;
}"""
)


def _where(page: Any, target: str) -> list[float]:
    return page.evaluate(
        "(id) => [document.getElementById(id).getBoundingClientRect().top, scrollY,"
        " document.scrollingElement.scrollHeight]",
        target,
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_links_to_sections_and_into_skipped_blocks_land_on_their_target(
    browser: Any, course_url: str, width: int
) -> None:
    with view_context(browser, View("default", width)) as (context, _):
        page = context.new_page()
        page.goto(course_url + LESSON)
        page.evaluate(SETTLE)
        headings = page.evaluate("[...document.querySelectorAll('article h2[id]')].map(h => h.id)")
        # An element with an id inside a block that is skipped on arrival (a footnote, an
        # equation's label, an anchor in a "where" list...), far down the page.
        inner = page.evaluate(
            """() => [...document.querySelectorAll('.md-content__inner > * [id]')]
                .filter((e) => getComputedStyle(e.closest('.md-content__inner > *'))
                    .contentVisibility === 'auto' && e.checkVisibility())
                .map((e) => e.id).at(-1)"""
        )
        assert len(headings) >= 4 and inner, (headings, inner)
        for target in (headings[-1], headings[len(headings) // 2], inner):
            page.goto(f"{course_url}{LESSON}#{target}")
            page.evaluate(SETTLE)
            page.wait_for_function(LANDED_AND_STILL, arg=target, timeout=5000)
            # A moment later (a late layout would have moved it by now): still there.
            assert page.evaluate(LANDED_AND_STILL, target), (target, _where(page, target))
        if width >= 1280:
            # The table of contents: click a late section; it lands and the entry follows.
            page.goto(course_url + LESSON)
            page.evaluate(SETTLE)
            target = headings[-2]
            # Material makes the links absolute.
            page.locator(f".md-sidebar--secondary a[href$='#{target}']").click()
            page.wait_for_function(LANDED_AND_STILL, arg=target, timeout=5000)
            page.wait_for_function(
                f"""() => document.querySelector(
                    '.md-sidebar--secondary .md-nav__link--active')?.getAttribute('href')
                    ?.endsWith('#{target}')""",
                timeout=5000,
            )


# A text field in a block that content-visibility skips: Chromium's form autofill looks at
# it when the page is parsed, which styles and lays out the whole skipped block around it
# (the quiz of lesson 14-2: 1,612 elements in one task). The skipped box nearest each text
# field must be small (each quiz question is skipped on its own).
FIELD_BOXES = """() => [...document.querySelectorAll(
        '.md-content__inner input, .md-content__inner textarea')]
    .filter((field) => !['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'hidden',
                         'color', 'file', 'image'].includes(field.type))
    .map((field) => {
        let box = field.parentElement;
        while (box && getComputedStyle(box).contentVisibility !== 'auto') box = box.parentElement;
        return [field.id || field.className, box ? box.querySelectorAll('*').length : 0];
    })"""
FIELD_BOX_MOST = 500  # a question of a quiz; a whole quiz has 1,600 to 2,200 elements


def test_the_skipped_box_around_a_text_field_is_small(
    browser: Any, course_site: Path, course_url: str
) -> None:
    large: list[str] = []
    fields = 0
    with view_context(browser, View("default", 375)) as (context, _):
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel)
            page.evaluate(SETTLE)
            for name, size in page.evaluate(FIELD_BOXES):
                fields += 1
                if size > FIELD_BOX_MOST:
                    large.append(f"{rel or 'home'}: {name} in a skipped box of {size} elements")
    assert fields >= 3, "the course's quizzes have text fields: none was found"
    assert not large, "\n".join(large)


def test_printing_lays_out_everything(browser: Any, course_url: str) -> None:
    with view_context(browser, View("default", 1280)) as (context, _):
        page = context.new_page()
        page.goto(course_url + LESSON)
        page.evaluate(SETTLE)
        page.emulate_media(media="print")
        values = page.evaluate(
            """() => [...document.querySelector('.md-content__inner').children]
                .map((e) => getComputedStyle(e).contentVisibility)"""
        )
    assert set(values) == {"visible"}, set(values)
