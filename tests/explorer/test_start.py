"""When an explorer starts (issue 12): near the viewport, not during the page's load.

Drawing an explorer lays it out, a long task; explorer.js sets each up at page start
without layout and starts it once it comes within two screens of the viewport. These
tests open a long lesson in a real Chromium: an explorer at the top, another far below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch, open_context
from tests.support import NEXT_FRAME_JS

pytestmark = pytest.mark.browser

NEAR = "#course-explorer-1"  # on the first screen
FAR = "#course-explorer-2"  # dozens of screens down
FILLER = "".join(
    f"Paragraph {i} of the reading between the two explorers: enough words to make a few "
    "lines on a phone and a couple on a desktop, so the lesson is long.\n\n"
    for i in range(150)
)
PAGES = {
    "index.md": "# Start\n\nThe long lesson: [open it](long.md).\n",
    "long.md": (
        "# Long\n\n<!-- explorer -->\n\n" + FILLER + "## Far\n\n"
        "<!-- explorer: sigma2=0.05 controls=beta -->\n\n## After\n\n" + FILLER
    ),
}
PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}

# Waits for n animation frames, then for a timer: time for an observer to report and for
# the start it schedules to run.
FRAMES = (
    "async n => {"
    + NEXT_FRAME_JS
    + "for (let i = 0; i < n; i++) await frame();"
    + "await new Promise(resolve => setTimeout(resolve, 50)); }"
)
# Scrolls so that the top of an element is `screens` screen heights below the viewport.
SCROLL_ABOVE = """([selector, screens]) => {
    const top = document.querySelector(selector).getBoundingClientRect().top;
    scrollBy(0, top - innerHeight - screens * innerHeight);
}"""
BELOW_VIEWPORT = "s => document.querySelector(s).getBoundingClientRect().top > innerHeight"
# Where the explorer and what follows it are, in the document.
PLACE = """s => {
    const root = document.querySelector(s);
    const figure = root.querySelector('.course-explorer__fallback');
    const box = root.getBoundingClientRect();
    return {height: box.height, next: root.nextElementSibling.getBoundingClientRect().top - box.top,
            fallback: figure.getBoundingClientRect().height,
            below: parseFloat(getComputedStyle(figure).marginBottom)};
}"""
# The layout shifts from the moment the first explorer starts (those after input too, as
# Lighthouse counts them). Its set-up may come after the first paint: Chromium may paint
# before the page's scripts run, and then the controls' place pushes what follows down,
# as much as the swap did before issue 12. The course has no explorer on a first screen.
OBSERVE_SHIFTS = """window.__startedAt = null; window.__shift = 0;
new MutationObserver((records, observer) => {
    window.__startedAt = performance.now(); observer.disconnect();
}).observe(document, {subtree: true, attributeFilter: ['data-explorer-ready']});
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
        if (window.__startedAt !== null && entry.startTime >= window.__startedAt) {
            window.__shift += entry.value;
        }
    }
}).observe({type: 'layout-shift', buffered: true});"""


# A browser without IntersectionObserver, as explorer.js sees it while it runs at page
# start (Material's own script needs one, so it keeps it).
NO_OBSERVER_FOR_EXPLORER_JS = """(() => {
    const real = window.IntersectionObserver;
    Object.defineProperty(window, 'IntersectionObserver', {configurable: true, get: () => {
        const script = document.currentScript;
        return script && /explorer\\.js$/.test(script.src) ? undefined : real;
    }});
})();"""


def ready(root: str) -> str:
    return f"{root}[data-explorer-ready] svg path.is-loss"


def started(page: Any, root: str) -> bool:
    return bool(page.locator(root).get_attribute("data-explorer-ready") is not None)


def assert_far_waits_then_starts_near(page: Any) -> None:
    """The page just opened at its top: the far explorer is set up, not started, until the
    reader scrolls to within two screens of it; it is then ready before it is in view."""
    page.evaluate(FRAMES, 10)
    assert page.evaluate("scrollY") == 0
    far = page.locator(FAR)
    assert far.get_attribute("data-explorer-queued") is not None
    assert not started(page, FAR)
    assert far.locator("svg.course-explorer__svg").count() == 0
    assert far.locator(".course-explorer__fallback").is_visible()
    assert far.locator(".course-explorer__app").is_hidden()
    # Three screens above it: still waiting.
    page.evaluate(SCROLL_ABOVE, [FAR, 3])
    page.evaluate(FRAMES, 10)
    assert not started(page, FAR)
    # A screen and a half above it: it starts, while still out of view.
    page.evaluate(SCROLL_ABOVE, [FAR, 1.5])
    page.wait_for_selector(ready(FAR), timeout=5000)
    assert page.evaluate(BELOW_VIEWPORT, FAR)
    assert far.locator(".course-explorer__fallback").is_hidden()


def test_an_explorer_in_view_at_load_starts_without_scrolling(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    context, _watch = watched_context
    context.add_init_script("window.__scrolls = 0; addEventListener('scroll', () => __scrolls++)")
    context.add_init_script(OBSERVE_SHIFTS)
    page = context.new_page()
    page.goto(site_url + "long/")
    page.wait_for_selector(ready(NEAR), timeout=5000)
    page.evaluate(FRAMES, 10)
    assert page.evaluate("[scrollY, __scrolls]") == [0, 0]
    assert page.locator(f"{NEAR} .course-explorer__app").is_visible()
    assert page.locator(f"{NEAR} .course-explorer__fallback").is_hidden()
    assert page.evaluate("__startedAt") is not None
    assert page.evaluate("__shift") == 0  # starting moved nothing


def test_an_explorer_far_below_waits_until_the_reader_comes_near(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    page.goto(site_url + "long/")
    page.wait_for_selector(ready(NEAR), timeout=5000)
    assert_far_waits_then_starts_near(page)


def test_from_a_file_url_too(browser: Any, site_dir: Path) -> None:
    # Not through open_context: its guard lets only 127.0.0.1 through, and this is file://.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((site_dir / "long" / "index.html").as_uri())
        page.wait_for_selector(ready(NEAR), timeout=5000)
        assert_far_waits_then_starts_near(page)
        assert errors == []
    finally:
        context.close()


def test_after_instant_navigation_too(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    for _ in range(2):  # there, back, and there again: each time a fresh page's explorers
        page.locator(".md-content a[href$='long/']").click()
        page.wait_for_url(site_url + "long/")
        page.wait_for_selector(ready(NEAR), timeout=5000)
        assert page.evaluate("window.__sameDocument === true")  # no full reload happened
        assert_far_waits_then_starts_near(page)
        page.go_back()
        page.wait_for_url(site_url)
        page.evaluate("scrollTo(0, 0)")
    assert page.evaluate("window.__sameDocument === true")


def test_arriving_at_a_section_starts_its_explorer_in_place(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    """A link to the section of the far explorer: that one starts at once and nothing
    moves. (The one at the top may start too: the page may be shown at its top first.)"""
    context, _watch = watched_context
    context.add_init_script(OBSERVE_SHIFTS)
    page = context.new_page()
    page.goto(site_url + "long/#far")
    page.wait_for_selector(ready(FAR), timeout=5000)
    page.evaluate(FRAMES, 10)
    assert page.locator(f"{FAR} .course-explorer__app").is_visible()
    assert page.evaluate("__startedAt") is not None
    assert page.evaluate("__shift") == 0  # starting moved nothing


@pytest.mark.parametrize(
    "options",
    [PHONE, {"viewport": {"width": 1280, "height": 900}}],
    ids=["phone", "desktop"],
)
def test_starting_moves_nothing(browser: Any, site_url: str, options: dict[str, Any]) -> None:
    """The waiting explorer already takes the place the started one does."""
    context, watch = open_context(browser, **options)
    try:
        page = context.new_page()
        page.goto(site_url + "long/")
        page.wait_for_selector(ready(NEAR), timeout=5000)
        page.evaluate(FRAMES, 2)
        assert not started(page, FAR)
        before = page.evaluate(PLACE, FAR)
        page.evaluate(SCROLL_ABOVE, [FAR, 1])
        page.wait_for_selector(ready(FAR), timeout=5000)
        page.evaluate(FRAMES, 2)
        after = page.evaluate(PLACE, FAR)
        assert before["fallback"] > 100 and after["fallback"] == 0  # the figure, then none
        assert after["height"] == pytest.approx(before["height"], abs=0.5)
        assert after["next"] == pytest.approx(before["next"], abs=0.5)
    finally:
        context.close()
    watch.assert_clean()


def test_without_intersection_observer_every_explorer_starts_at_once(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    context, _watch = watched_context
    context.add_init_script(NO_OBSERVER_FOR_EXPLORER_JS)
    page = context.new_page()
    page.goto(site_url + "long/")
    page.wait_for_selector(ready(FAR), timeout=5000)
    assert page.evaluate("scrollY") == 0 and page.evaluate(BELOW_VIEWPORT, FAR)


def test_a_printout_shows_every_explorer_started(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    """Printing starts the explorers still waiting, before the page is printed; a
    printout of one that could not start shows its figure, without an empty place."""
    context, _watch = watched_context
    page = context.new_page()
    page.goto(site_url + "long/")
    page.wait_for_selector(ready(NEAR), timeout=5000)
    page.evaluate(FRAMES, 2)
    assert not started(page, FAR)
    # What a waiting explorer prints as, should it not be started.
    page.emulate_media(media="print")
    assert page.locator(f"{FAR} .course-explorer__app").is_hidden()
    place = page.evaluate(PLACE, FAR)
    assert place["height"] == pytest.approx(place["fallback"] + place["below"], abs=0.5)
    page.emulate_media(media="screen")
    # Registered after explorer.js's own listener, so it sees the page as it is printed.
    page.evaluate(
        """s => addEventListener('beforeprint', () => {
            const app = document.querySelector(s + ' .course-explorer__app');
            window.__atPrint = {
                drawn: !!document.querySelector(s + '[data-explorer-ready] svg path.is-loss'),
                shown: getComputedStyle(app).visibility === 'visible' && !app.hidden,
            };
        })""",
        FAR,
    )
    page.pdf()
    assert page.evaluate("window.__atPrint") == {"drawn": True, "shown": True}
