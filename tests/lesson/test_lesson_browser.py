"""Lesson 14-2 in a real Chromium: math, images, header, symbol linking, phones, palettes.

Uses the real course (session fixtures course_site/course_url). Screenshots of both
palettes at 1280 and 375 px are written to /tmp/shots/lesson/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch, open_context
from tests.support import ROOT

pytestmark = pytest.mark.browser

LESSON = "module-14/14-2-deriving-the-elbo/"
SHOTS = Path("/tmp/shots/lesson")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The evidence equation (the first one outside the collapsed refresher) and its list.
EVIDENCE = "div.arithmatex[data-linked-symbols]:has(g.sym-dz)"


def open_lesson(context: Any, url: str, scheme: str = "default") -> Any:
    page = context.new_page()
    page.goto(url + LESSON)
    page.wait_for_selector(f"{EVIDENCE} svg rect.sym-hit", state="attached")
    set_scheme(page, scheme)
    return page


def set_scheme(page: Any, scheme: str) -> None:
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)


def where_of(page: Any, equation: str) -> Any:
    return page.locator(f"{equation} + div.where")


def is_active(locator: Any) -> bool:
    return bool(locator.evaluate("el => el.classList.contains('is-active')"))


@pytest.fixture
def lesson(watched_context: tuple[Any, PageWatch], course_url: str) -> Iterator[Any]:
    context, _watch = watched_context
    yield open_lesson(context, course_url)


def test_all_math_is_rendered(lesson: Any):
    report = lesson.evaluate(
        """() => {
          const all = [...document.querySelectorAll('.arithmatex')];
          return {
            count: all.length,
            raw: all.filter(el => !el.querySelector('mjx-container'))
                    .map(el => el.textContent.slice(0, 60)),
            errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
            numbered: document.querySelectorAll('mjx-container [id^="mjx-eqn"]').length,
          };
        }"""
    )
    assert report["count"] > 200
    assert report["raw"] == []
    assert report["errors"] == 0


def test_all_images_load(lesson: Any):
    # Images are lazy (figures_src/pageimages.py): the shown variant is loaded now; the
    # other palette's is fetched (it exists) but never decoded, as a reader's browser does.
    results = lesson.evaluate(
        """async () => Promise.all([...document.querySelectorAll('article img')].map(
             async img => {
               const response = await fetch(img.currentSrc || img.src);
               let decoded = true;
               if (img.getClientRects().length) {
                 img.loading = 'eager';
                 try { await img.decode(); } catch (e) { decoded = false; }
               }
               return {src: img.getAttribute('src'), status: response.status,
                       type: response.headers.get('content-type'), decoded,
                       width: img.naturalWidth, alt: img.alt,
                       shown: img.getClientRects().length > 0};
             }))"""
    )
    names = {"kl-refresher", "kl-asymmetry", "jensen", "elbo-gap", "elbo-tradeoff", "kl-heatmap"}
    srcs = {r["src"] for r in results}
    for name in names:
        assert any(f"{name}-light.svg#only-light" in s for s in srcs), name
        assert any(f"{name}-dark.svg#only-dark" in s for s in srcs), name
    for result in results:
        assert result["status"] == 200, result
        assert "svg" in (result["type"] or ""), result
        assert result["decoded"], result
        assert result["width"] > 0 or not result["shown"], result
        assert len(result["alt"]) > 40, result


def test_lesson_header(lesson: Any):
    header = lesson.locator(".lesson-header")
    assert header.is_visible()
    assert "Evidence Lower Bound" in header.inner_text()
    minutes = int(header.locator("[data-minutes]").get_attribute("data-minutes"))
    assert 5 <= minutes <= 60
    assert header.locator(".lesson-header__icon svg").is_visible()
    assert header.locator("mjx-container").count() == 1  # the summary's log p(x)
    # Lessons 14-1 and 14-3 are in the site: every reference to them is a link.
    links = header.locator("a.lesson-ref")
    assert links.all_inner_texts() == [
        "14-1 Latent variable models",
        "14-1 Latent variable models",
        "14-3 The VAE loss in practice",
    ]
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(3)]
    targets = ["14-1-latent-variable-models/"] * 2 + ["14-3-the-vae-loss-in-practice/"]
    assert all(
        href.endswith(f"module-14/{target}") for href, target in zip(hrefs, targets, strict=True)
    )
    assert header.locator(".lesson-ref--unpublished").count() == 0


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations_in_header_and_where_lists(lesson: Any, scheme: str):
    set_scheme(lesson, scheme)
    lesson.locator("summary", has_text="Quick refresher").click()
    where = where_of(lesson, EVIDENCE)
    where.locator('.where-entry[data-sym="dec"]').hover()  # one highlighted entry too
    lesson.add_script_tag(path=str(AXE))
    violations = lesson.evaluate(
        """async () => {
          const parts = document.querySelectorAll(
            '.lesson-header, div.where, div.arithmatex[data-linked-symbols]');
          const result = await axe.run(parts);
          return result.violations.map(v => `${v.id}: ${v.help} `
            + v.nodes.map(n => `${n.target} ${n.failureSummary}`).join(' | '));
        }"""
    )
    assert violations == []


def test_hovering_links_symbols_and_entries(lesson: Any):
    where = where_of(lesson, EVIDENCE)
    decoder = lesson.locator(f"{EVIDENCE} svg g.sym-dec").first
    entry = where.locator('.where-entry[data-sym="dec"]')
    decoder.scroll_into_view_if_needed()
    decoder.hover()
    assert is_active(entry)
    assert where.locator(".where-entry.is-active").count() == 1
    lesson.mouse.move(1, 1)
    assert not is_active(entry)

    prior_entry = where.locator('.where-entry[data-sym="prior"]')
    prior_entry.hover()
    prior = lesson.locator(f"{EVIDENCE} svg g.sym-prior")
    assert prior.count() >= 1 and all(is_active(prior.nth(i)) for i in range(prior.count()))
    assert not is_active(decoder)
    fill = prior.first.locator("rect.sym-hit").evaluate("r => getComputedStyle(r).fill")
    assert fill not in ("transparent", "none", "rgba(0, 0, 0, 0)")
    lesson.mouse.move(1, 1)
    assert not is_active(prior.first)


def test_keyboard_reaches_equation_steps_symbols_and_focuses_entries(lesson: Any):
    # From the notation link, Tab passes the refresher's summary, the next heading's
    # permalink and the links of its paragraph, then reaches the first linked equation.
    lesson.locator("article a[href$='notation/']").first.focus()
    for _ in range(8):
        lesson.keyboard.press("Tab")
        if lesson.evaluate("() => document.activeElement.matches('div.arithmatex')"):
            break
    assert lesson.evaluate("() => document.activeElement.matches('div.arithmatex')")
    assert lesson.evaluate("() => !!document.activeElement.querySelector('g.sym-logev')")
    lesson.keyboard.press("ArrowRight")
    where = where_of(lesson, EVIDENCE)
    assert is_active(where.locator('.where-entry[data-sym="logev"]'))
    assert is_active(lesson.locator(f"{EVIDENCE} svg g.sym-logev"))
    live = lesson.locator(".sym-live[aria-live]").inner_text()
    assert live.startswith("Symbol 1 of 4:") and "log-likelihood" in live
    lesson.keyboard.press("ArrowRight")
    assert is_active(lesson.locator(f"{EVIDENCE} svg g.sym-dec").first)
    assert not is_active(lesson.locator(f"{EVIDENCE} svg g.sym-logev"))
    lesson.keyboard.press("Escape")
    assert where.locator(".where-entry.is-active").count() == 0
    # Tab moves into the list: each entry takes focus and lights its symbol.
    lesson.keyboard.press("Tab")
    entry = where.locator('.where-entry[data-sym="logev"]')
    assert entry.evaluate("el => el === document.activeElement")
    assert is_active(entry) and is_active(lesson.locator(f"{EVIDENCE} svg g.sym-logev"))
    lesson.keyboard.press("Tab")
    assert is_active(lesson.locator(f"{EVIDENCE} svg g.sym-dec").first)
    assert not is_active(entry)


def test_symbols_inside_a_collapsed_block_work_once_opened(lesson: Any):
    lesson.locator("summary", has_text="Quick refresher").click()
    equation = "details div.arithmatex[data-linked-symbols]:has(g.sym-kl)"
    lesson.wait_for_selector(f"{equation} svg g.sym-p rect.sym-hit", state="attached")
    lesson.locator(f"{equation} svg g.sym-p").hover()
    assert is_active(where_of(lesson, equation).locator('.where-entry[data-sym="p"]'))


def test_works_after_instant_navigation(watched_context: tuple[Any, PageWatch], course_url: str):
    context, _watch = watched_context
    page = context.new_page()
    page.goto(course_url + "module-14/")
    page.locator("article a[href*='14-2-deriving-the-elbo']").first.click()
    page.wait_for_url("**/14-2-deriving-the-elbo/")
    page.wait_for_selector(f"{EVIDENCE} svg rect.sym-hit", state="attached")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    symbol = page.locator(f"{EVIDENCE} svg g.sym-prior")
    symbol.scroll_into_view_if_needed()
    symbol.hover()
    assert is_active(where_of(page, EVIDENCE).locator('.where-entry[data-sym="prior"]'))


@pytest.fixture
def phone(browser: Any, course_url: str) -> Iterator[Any]:
    context, watch = open_context(
        browser, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True
    )
    yield open_lesson(context, course_url)
    context.close()
    watch.assert_clean()


def test_touch_taps_pin_and_release_highlights(phone: Any):
    symbol = phone.locator(f"{EVIDENCE} svg g.sym-prior")
    entry = where_of(phone, EVIDENCE).locator('.where-entry[data-sym="prior"]')
    symbol.scroll_into_view_if_needed()
    symbol.tap()
    assert is_active(entry)
    phone.locator("article h2").first.tap()  # elsewhere
    assert not is_active(entry)
    other = where_of(phone, EVIDENCE).locator('.where-entry[data-sym="dz"]')
    other.tap()
    assert is_active(phone.locator(f"{EVIDENCE} svg g.sym-dz"))
    other.tap()
    assert not is_active(phone.locator(f"{EVIDENCE} svg g.sym-dz"))


def test_every_equation_has_its_size_on_a_phone(phone: Any):
    """A wide equation must scroll inside its box, not shrink to nothing (or overflow)."""
    for details in phone.locator("article details").all():
        details.evaluate("d => d.open = true")
    # Lay out every block now (performance.css skips the far ones until they are near).
    phone.add_style_tag(content="article * { content-visibility: visible !important; }")
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll('article mjx-container > svg')]
             .filter(svg => svg.parentElement.checkVisibility())  // e.g. not a hidden quiz page
             .map(svg => {
             const box = svg.getBoundingClientRect();
             return {w: box.width, h: box.height,
                     tex: svg.closest('.arithmatex').textContent.slice(0, 40)};
           })"""
    )
    collapsed = [s for s in sizes if s["w"] < 4 or s["h"] < 4]
    assert len(sizes) > 150
    assert collapsed == [], f"{len(collapsed)} equations drawn at (almost) zero size"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_horizontal_overflow_at_375px(phone: Any, scheme: str):
    set_scheme(phone, scheme)
    for details in phone.locator("article details").all():
        details.evaluate("d => d.open = true")
    widths = phone.evaluate(
        """() => ({page: document.documentElement.scrollWidth, view: window.innerWidth,
                  wide: [...document.querySelectorAll('article *')]
                    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(el => !el.closest('div.arithmatex, pre, .md-typeset__scrollwrap,'
                                             + ' .where-entry dt, mjx-assistive-mml'))
                    .map(el => el.tagName + '.' + el.className).slice(0, 5)})"""
    )
    assert widths["page"] <= widths["view"], widths
    assert widths["wide"] == [], widths


def _contrast(page: Any, selector: str) -> float:
    """Contrast ratio of an element's text against its (blended) background."""
    return float(
        page.evaluate(
            """sel => {
              const el = document.querySelector(sel);
              const parse = c => c.match(/[\\d.]+/g).map(Number);
              const layers = [];
              for (let n = el; n; n = n.parentElement) {
                const bg = parse(getComputedStyle(n).backgroundColor);
                if ((bg[3] ?? 1) > 0) layers.push(bg);
                if ((bg[3] ?? 1) === 1) break;
              }
              let [r, g, b] = [255, 255, 255];
              for (const [lr, lg, lb, la = 1] of layers.reverse()) {
                r = lr * la + r * (1 - la); g = lg * la + g * (1 - la); b = lb * la + b * (1 - la);
              }
              const lum = ([R, G, B]) => {
                const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92
                                 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(R) + 0.7152 * f(G) + 0.0722 * f(B);
              };
              const fg = parse(getComputedStyle(el).color);
              const [a, c] = [lum(fg), lum([r, g, b])];
              return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05);
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_highlight_keeps_text_readable_in_both_palettes(lesson: Any, scheme: str):
    set_scheme(lesson, scheme)
    entry = where_of(lesson, EVIDENCE).locator('.where-entry[data-sym="dec"]')
    entry.hover()
    assert is_active(entry)
    selector = f'{EVIDENCE} + div.where .where-entry[data-sym="dec"] dd'
    assert _contrast(lesson, selector) >= 4.5


@pytest.mark.parametrize(
    ("width", "scheme"), [(1280, "default"), (1280, "slate"), (375, "default"), (375, "slate")]
)
def test_screenshots(browser: Any, course_url: str, width: int, scheme: str):
    """Not an assertion of looks: pictures for a person to check (light/dark, desktop/phone)."""
    context, watch = open_context(browser, viewport={"width": width, "height": 900})
    page = open_lesson(context, course_url, scheme)
    where = where_of(page, EVIDENCE)
    where.scroll_into_view_if_needed()
    where.locator('.where-entry[data-sym="dec"]').hover()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"lesson-{width}-{scheme}-linked.png"))
    page.mouse.move(1, 1)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"lesson-{width}-{scheme}.png"), full_page=True)
    context.close()
    watch.assert_clean()
