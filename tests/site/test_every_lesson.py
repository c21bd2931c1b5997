"""What lesson 14-2's browser tests prove, for every lesson of the course, with no new file.

The lessons are found in the built site (pages with a lesson header), so a new lesson is
covered by being built: all math rendered, every image loads with alt text in both palettes,
every reference to another lesson is a link, every where list is linked to its equation,
the quiz (if any) starts, and nothing overflows a 375 px phone in either palette.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch, open_context
from tests.site.whole_pages import site_pages
from tests.support import SCROLL_THROUGH_JS

pytestmark = pytest.mark.browser


def lesson_pages(site: Path) -> list[str]:
    pages = [
        page
        for page in site_pages(site)
        if not page.endswith(".html")
        if 'class="lesson-header' in (site / page / "index.html").read_text("utf-8")
    ]
    assert len(pages) >= 3, pages
    return pages


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    return page


@pytest.fixture(scope="module")
def lessons(course_site: Path) -> list[str]:
    return lesson_pages(course_site)


@pytest.fixture
def desktop(watched_context: tuple[Any, PageWatch]) -> Iterator[Any]:
    context, _ = watched_context
    yield context


def test_math_images_links_symbols_and_quiz_on_every_lesson(
    desktop: Any, course_url: str, lessons: list[str]
) -> None:
    for path in lessons:
        page = _open(desktop, course_url + path)
        for details in page.locator("article details").all():
            details.evaluate("d => d.open = true")
        # Bring every block near the viewport once: performance.css skips far blocks, and a
        # skipped equation gets its symbols' hit areas when it is shown.
        page.evaluate(SCROLL_THROUGH_JS)
        # And lay out every block outright, then wait for the hit areas, so a slow machine
        # cannot leave an equation skipped.
        page.add_style_tag(content="article * { content-visibility: visible !important; }")
        page.wait_for_function(
            """() => [...document.querySelectorAll('article div.where')].every(w => {
                 const eq = w.previousElementSibling;
                 return eq && eq.querySelector('svg rect.sym-hit');
               })""",
            timeout=15_000,
        )
        report = page.evaluate(
            """async () => {
              const math = [...document.querySelectorAll('article .arithmatex')];
              const imgs = [...document.querySelectorAll('article img')];
              const loads = await Promise.all(imgs.map(async img => {
                const response = await fetch(img.currentSrc || img.src);
                return {src: img.getAttribute('src'), ok: response.ok, alt: img.alt};
              }));
              const wheres = [...document.querySelectorAll('article div.where')];
              return {
                math: math.length,
                raw: math.filter(el => !el.querySelector('mjx-container'))
                         .map(el => el.textContent.slice(0, 60)),
                errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
                images: loads,
                unpublished: document.querySelectorAll('.lesson-ref--unpublished').length,
                refs: [...document.querySelectorAll('.lesson-header a.lesson-ref')]
                        .map(a => a.getAttribute('href')),
                wheres: wheres.length,
                unlinked: wheres.filter(w => {
                  const eq = w.previousElementSibling;
                  return !(eq && eq.hasAttribute('data-linked-symbols')
                           && eq.querySelector('svg .sym-hit, svg rect.sym-hit'));
                }).length,
                quizzes: document.querySelectorAll('.quiz[data-quiz]').length,
                quizzesStarted: document.querySelectorAll(
                  '.quiz[data-quiz][data-quiz-ready]').length,
              };
            }"""
        )
        assert report["math"] > 0 and report["raw"] == [] and report["errors"] == 0, path
        for image in report["images"]:
            assert image["ok"] and len(image["alt"]) > 20, (path, image)
        light = [i["src"] for i in report["images"] if i["src"].endswith("#only-light")]
        dark = [i["src"] for i in report["images"] if i["src"].endswith("#only-dark")]
        assert len(light) == len(dark), (path, light, dark)
        assert report["unpublished"] == 0, path
        assert report["wheres"] > 0 and report["unlinked"] == 0, (path, report)
        assert report["quizzes"] == report["quizzesStarted"], (path, report)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_lesson_overflows_a_phone(
    browser: Any, course_url: str, lessons: list[str], scheme: str
) -> None:
    context, watch = open_context(
        browser,
        viewport={"width": 375, "height": 740},
        has_touch=True,
        is_mobile=True,
        color_scheme="dark" if scheme == "slate" else "light",
    )
    try:
        for path in lessons:
            page = _open(context, course_url + path)
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
            for details in page.locator("article details").all():
                details.evaluate("d => d.open = true")
            widths = page.evaluate(
                """() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,
                          wide: [...document.querySelectorAll('article *')]
                            .filter(el => el.getBoundingClientRect().right > innerWidth + 1)
                            .filter(el => !el.closest('div.arithmatex, pre, '
                                     + '.md-typeset__scrollwrap, .where-entry dt, '
                                     + 'mjx-assistive-mml, .quiz-step, .course-explorer svg'))
                            .map(el => el.tagName + '.' + el.className).slice(0, 5)})"""
            )
            assert widths["page"] <= widths["view"], (path, widths)
            assert widths["wide"] == [], (path, widths)
            page.close()
    finally:
        context.close()
    watch.assert_clean()
