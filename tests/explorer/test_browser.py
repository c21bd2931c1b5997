"""The explorer in a real Chromium: its maths, its controls, its accessibility, its fallback."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from coursemath.vae import LinearGaussianModel, kl_to_standard_normal
from tests.conftest import PageWatch, open_context
from tests.support import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FIRST = "#course-explorer-1"
SECOND = "#course-explorer-2"

PAGES = {
    "index.md": "# Start\n\nThe lesson has the explorers: [open the lesson](lesson.md).\n",
    "lesson.md": (
        "# Lesson\n\nThe default explorer.\n\n<!-- explorer -->\n\n## Another\n\n"
        "<!-- explorer: sigma2=0.05 x=-1 s2=0.5 beta=2 controls=x,s2,beta -->\n"
    ),
}


@pytest.fixture
def page(watched_context: tuple[Any, PageWatch], site_url: str) -> Any:
    """The lesson, its first explorer (on the first screen) started."""
    context, _watch = watched_context
    page = context.new_page()
    page.goto(site_url + "lesson/")
    page.wait_for_selector(f"{FIRST}[data-explorer-ready] svg path.is-loss")
    return page


def start(page: Any, root: str) -> None:
    """Bring an explorer into view and wait until it has started: each starts only near the
    viewport (explorer.js; tests/explorer/test_start.py)."""
    page.locator(root).scroll_into_view_if_needed()
    page.wait_for_selector(f"{root}[data-explorer-ready] svg path.is-loss")


def readout(page: Any, root: str, key: str) -> str:
    return str(page.locator(f'{root} [data-readout="{key}"]').inner_text())


def nats(text: str) -> float:
    assert text.endswith(" nats"), text
    return float(text.removesuffix(" nats").replace("\u2212", "-"))


def cursor_x(page: Any, root: str) -> float:
    return float(page.locator(f"{root} .course-explorer__cursor").get_attribute("x1"))


# --- the maths: the page's JavaScript against coursemath.vae ----------------------

GRID = list(
    itertools.product(
        [-2.5, 0.0, 1.5],  # x
        [-1.0, 0.6, 2.0],  # m
        [0.01, 0.2, 1.0, 3.5],  # encoder variance
        [0.5, 2.0],  # w
        [0.1, 1.0, 2.0],  # s2
        [0.5, 1.0, 3.0],  # beta
    )
)

JS_ON_GRID = """grid => grid.map(([x, m, v, w, s2, beta]) => {
    const M = window.courseExplorer.model;
    const post = M.posterior(x, w, s2);
    return [
        M.expectedLogLikelihood(x, m, v, w, s2), M.klToStandardNormal(m, v),
        M.logEvidence(x, w, s2), post.mean, post.variance, M.elbo(x, m, v, w, s2, beta),
        M.gap(x, m, v, w, s2), M.optimalEncoderVar(w, s2, beta),
        M.optimalEncoderMean(x, w, s2, beta),
    ];
})"""


def test_javascript_model_equals_the_shared_maths(page: Any) -> None:
    got = np.array(page.evaluate(JS_ON_GRID, GRID))
    expected = []
    for x, m, v, w, s2, beta in GRID:
        model = LinearGaussianModel(w=w, s2=s2)
        post_mean, post_var = model.posterior(x)
        expected.append(
            [
                model.expected_log_likelihood(x, m, v),
                kl_to_standard_normal(m, v),
                model.log_evidence(x),
                post_mean,
                post_var,
                model.elbo(x, m, v, beta),
                model.gap(x, m, v),
                model.optimal_encoder_var(beta),
                model.optimal_encoder_mean(x, beta),
            ]
        )
    np.testing.assert_allclose(got, np.array(expected, dtype=float), rtol=0, atol=1e-9)


def test_negative_elbo_never_below_negative_log_evidence(page: Any) -> None:
    rows = page.evaluate(
        """grid => grid.map(([x, m, v, w, s2]) => {
            const M = window.courseExplorer.model;
            return [-M.elbo(x, m, v, w, s2, 1), -M.logEvidence(x, w, s2), M.gap(x, m, v, w, s2)];
        })""",
        GRID,
    )
    neg_elbo, neg_log_evidence, gap = np.array(rows).T
    assert np.all(neg_elbo >= neg_log_evidence - 1e-12)
    # The gap the explorer shows is exactly the distance between the two.
    np.testing.assert_allclose(neg_elbo - neg_log_evidence, gap, rtol=0, atol=1e-9)


# --- what the learner sees -------------------------------------------------------------


def test_default_state_teaches_without_interaction(page: Any) -> None:
    assert page.locator(f"{FIRST} .course-explorer__fallback").is_hidden()
    assert page.locator(f"{FIRST} .course-explorer__app").is_visible()
    # The lesson's example: w = 2, s² = 1, x = 1.5, encoder N(0.6, 1).
    model = LinearGaussianModel(w=2.0, s2=1.0)
    assert nats(readout(page, FIRST, "recon")) == pytest.approx(
        -model.expected_log_likelihood(1.5, 0.6, 1.0), abs=0.005
    )
    assert nats(readout(page, FIRST, "kl")) == pytest.approx(0.18, abs=0.005)
    assert nats(readout(page, FIRST, "floor")) == pytest.approx(1.95, abs=0.005)
    assert nats(readout(page, FIRST, "gap")) == pytest.approx(1.2, abs=0.01)
    assert readout(page, FIRST, "best") == "0.20"
    # The optimum is marked left of the current encoder, on the -ELBO curve.
    optimum = page.locator(f"{FIRST} .course-explorer__optimum")
    assert optimum.is_visible()
    assert float(optimum.get_attribute("data-sigma2")) == pytest.approx(0.2, abs=1e-12)
    box = page.locator(f"{FIRST} .course-explorer__svg").bounding_box()
    assert box["width"] > 500 and box["height"] >= 240
    # Beta = 1: no separate beta-VAE curve or label.
    assert page.locator(f'{FIRST} [data-term="loss"]').inner_text() == "−ELBO"
    assert page.locator(f"{FIRST} svg.course-explorer__svg path.is-elbo1").is_hidden()


@pytest.mark.parametrize(
    ("x_position", "s2_position", "beta_position"),
    [("-1", "0.5", "0"), ("2.5", "2", "0"), ("0", "0.1", "0"), ("1", "0.32", "0.3")],
)
def test_reported_optimum_is_the_true_optimum(
    page: Any, x_position: str, s2_position: str, beta_position: str
) -> None:
    root = SECOND
    start(page, root)
    page.locator(f"{root} details summary").click()
    for name, position in (("x", x_position), ("s2", s2_position), ("beta", beta_position)):
        page.locator(f'{root} input[data-param="{name}"]').fill(position)
    page.locator(f'{root} [data-action="optimum"]').click()
    x, s2, beta = float(x_position), float(s2_position), 10.0 ** float(beta_position)
    model = LinearGaussianModel(w=2.0, s2=s2)
    best = model.optimal_encoder_var(beta)
    reported = float(page.locator(f"{root} .course-explorer__optimum").get_attribute("data-sigma2"))
    current = float(page.locator(f"{root} .course-explorer__cursor").get_attribute("data-sigma2"))
    assert reported == pytest.approx(best, rel=1e-12)
    assert current == pytest.approx(best, rel=1e-12)
    if beta == 1.0:
        assert reported == pytest.approx(model.posterior(x)[1], rel=1e-12)
        # At the optimum with the best mean the bound is tight: no gap.
        assert readout(page, root, "gap") == "0.00 nats"
    else:
        assert page.locator(f'{root} [data-term="loss"]').inner_text() == "β-VAE loss"
        assert page.locator(f"{root} svg.course-explorer__svg path.is-elbo1").is_visible()
    assert readout(page, root, "best") == (f"{best:#.2g}" if best < 0.995 else f"{best:.2f}")


def test_keyboard_moves_the_slider_readouts_and_marker(page: Any) -> None:
    slider = page.locator(f"{FIRST} input[data-param='sigma2']")
    before_recon = nats(readout(page, FIRST, "recon"))
    before_x = cursor_x(page, FIRST)
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 0.95"
    assert nats(readout(page, FIRST, "recon")) < before_recon  # smaller variance, better fit
    assert cursor_x(page, FIRST) < before_x
    page.keyboard.press("Home")
    assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 0.010"
    home_x = cursor_x(page, FIRST)
    page.keyboard.press("End")
    assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 3.98"
    assert cursor_x(page, FIRST) > home_x
    page.keyboard.press("PageUp")  # at the end already: stays
    assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 3.98"
    # Reset returns to the authored state.
    page.locator(f'{FIRST} [data-action="reset"]').click()
    assert cursor_x(page, FIRST) == pytest.approx(before_x)
    assert nats(readout(page, FIRST, "recon")) == before_recon


def test_page_keys_take_bigger_steps_than_arrows(page: Any) -> None:
    slider = page.locator(f"{FIRST} input[data-param='sigma2']")
    slider.focus()
    start = cursor_x(page, FIRST)
    page.keyboard.press("ArrowLeft")
    arrow_step = start - cursor_x(page, FIRST)
    page.keyboard.press("PageDown")
    page_step = start - arrow_step - cursor_x(page, FIRST)
    assert arrow_step > 0 and page_step > 10 * arrow_step


def test_mouse_moves_the_slider_readouts_and_marker(page: Any) -> None:
    slider = page.locator(f"{FIRST} input[data-param='sigma2']")
    box = slider.bounding_box()
    before = cursor_x(page, FIRST)
    before_kl = nats(readout(page, FIRST, "kl"))
    y = box["y"] + box["height"] / 2
    page.mouse.click(box["x"] + box["width"] * 0.2, y)
    left = cursor_x(page, FIRST)
    assert left < before
    assert nats(readout(page, FIRST, "kl")) > before_kl  # a narrow encoder pays more KL
    # Dragging moves it continuously.
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.up()
    assert cursor_x(page, FIRST) > left
    dots = page.locator(f"{FIRST} .course-explorer__dot")
    assert {round(float(dots.nth(i).get_attribute("cx"))) for i in range(3)} == {
        round(cursor_x(page, FIRST))
    }


def test_instances_are_independent(page: Any) -> None:
    start(page, SECOND)
    second = readout(page, SECOND, "recon")
    page.locator(f"{FIRST} input[data-param='sigma2']").focus()
    page.keyboard.press("End")
    assert readout(page, SECOND, "recon") == second
    assert page.locator(".course-explorer[data-explorer-ready]").count() == 2


# --- accessibility -----------------------------------------------------------------------


def test_controls_have_labels_and_spoken_values(page: Any) -> None:
    inputs = page.locator(f"{SECOND} input[type=range]")
    assert inputs.count() == 4
    for i in range(inputs.count()):
        control = inputs.nth(i)
        control_id = control.get_attribute("id")
        assert page.locator(f"label[for='{control_id}']").count() == 1
        assert control.get_attribute("aria-valuetext")
    main = page.locator(f"{FIRST} input[data-param='sigma2']")
    assert re.fullmatch(
        r"σ² = 1\.00, reconstruction \d+\.\d\d nats, KL \d+\.\d\d nats",
        main.get_attribute("aria-valuetext"),
    )
    main.focus()
    page.keyboard.press("Home")
    assert main.get_attribute("aria-valuetext").startswith("σ² = 0.010, reconstruction ")
    beta = page.locator(f"{SECOND} input[data-param='beta']")
    assert beta.get_attribute("aria-valuetext") == "β = 2.00"
    group = page.locator(f"{FIRST} .course-explorer__app")
    assert group.get_attribute("role") == "group"
    assert page.locator(f"#{group.get_attribute('aria-labelledby')}").is_visible()
    svg = page.locator(f"{FIRST} svg.course-explorer__svg")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")


def test_live_summary_waits_for_a_pause(page: Any) -> None:
    status = page.locator(f"{FIRST} [data-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == ""  # loading the page says nothing
    page.evaluate(
        """root => {
            window.__announcements = 0;
            new MutationObserver(() => window.__announcements++)
                .observe(document.querySelector(root + ' [data-status]'),
                         {childList: true, characterData: true, subtree: true});
        }""",
        FIRST,
    )
    page.locator(f"{FIRST} input[data-param='sigma2']").focus()
    for _ in range(12):
        page.keyboard.press("ArrowLeft")
    assert page.evaluate("window.__announcements") == 0  # nothing while the keys repeat
    page.wait_for_function("window.__announcements > 0", timeout=3000)
    page.wait_for_timeout(900)
    assert page.evaluate("window.__announcements") == 1
    assert page.locator(f"{FIRST} [data-status]").inner_text().startswith("At σ² = 0.76 ")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations(page: Any, scheme: str) -> None:
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    start(page, SECOND)
    page.locator(f"{SECOND} details summary").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document.querySelectorAll('.course-explorer'));
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
        }"""
    )
    assert result == []


# --- navigation, fallback, phones ----------------------------------------------------------


def test_works_after_instant_navigation(
    watched_context: tuple[Any, PageWatch], site_url: str
) -> None:
    context, _watch = watched_context
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='lesson/']").click()
    page.wait_for_url(site_url + "lesson/")
    page.wait_for_selector(f"{FIRST}[data-explorer-ready] svg path.is-loss")
    assert page.evaluate("window.__sameDocument === true")  # no full reload happened
    slider = page.locator(f"{FIRST} input[data-param='sigma2']")
    before = readout(page, FIRST, "recon")
    slider.focus()
    page.keyboard.press("End")
    assert readout(page, FIRST, "recon") != before
    # Back to the start page and to the lesson again: fresh, working explorers.
    page.go_back()
    page.wait_for_url(site_url)
    page.locator(".md-content a[href$='lesson/']").click()
    page.wait_for_selector(f"{FIRST}[data-explorer-ready] svg path.is-loss")
    assert page.evaluate("window.__sameDocument === true")
    start(page, SECOND)
    assert page.locator(".course-explorer__svg").count() == 2
    assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 1.00"


def test_without_javascript_the_static_figure_shows(browser: Any, site_url: str) -> None:
    context, watch = open_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "lesson/", wait_until="load")
        fallback = page.locator(f"{FIRST} .course-explorer__fallback")
        assert fallback.is_visible()
        assert page.locator(f"{FIRST} .course-explorer__app").is_hidden()
        # Without JavaScript Material keeps the first palette (light): its image shows.
        images = fallback.locator("img")
        assert images.count() == 2
        shown = fallback.locator("img:visible")
        assert shown.count() == 1
        assert shown.get_attribute("src").endswith("#only-light")
        assert images.nth(1).get_attribute("src").endswith("#only-dark")
        for i in range(2):
            assert images.nth(i).get_attribute("alt").startswith("Reconstruction loss, KL term")
        assert shown.evaluate("img => img.complete && img.naturalWidth > 0")
        assert "−ELBO" in fallback.locator("figcaption").inner_text()
    finally:
        context.close()
    watch.assert_clean()


def test_works_from_a_file_url(browser: Any, site_dir: Path) -> None:
    # Not through open_context: its guard lets only 127.0.0.1 through, and this is file://.
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((site_dir / "lesson" / "index.html").as_uri())
        page.wait_for_selector(f"{FIRST}[data-explorer-ready] svg path.is-loss")
        page.locator(f"{FIRST} input[data-param='sigma2']").focus()
        page.keyboard.press("Home")
        assert page.locator(f'{FIRST} [data-value-of="sigma2"]').inner_text() == "σ² = 0.010"
        assert errors == []
    finally:
        context.close()


def test_touch_on_a_phone(browser: Any, site_url: str) -> None:
    context, watch = open_context(
        browser, viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(site_url + "lesson/")
        page.wait_for_selector(f"{FIRST}[data-explorer-ready] svg path.is-loss")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        slider = page.locator(f"{FIRST} input[data-param='sigma2']")
        box = slider.bounding_box()
        assert box["height"] >= 24 and box["width"] > 250
        before = cursor_x(page, FIRST)
        page.touchscreen.tap(box["x"] + box["width"] * 0.15, box["y"] + box["height"] / 2)
        assert cursor_x(page, FIRST) < before
        for action in ("optimum", "reset"):
            button = page.locator(f'{FIRST} [data-action="{action}"]').bounding_box()
            assert button["height"] >= 44
        svg = page.locator(f"{FIRST} svg.course-explorer__svg").bounding_box()
        assert svg["width"] <= 375
    finally:
        context.close()
    watch.assert_clean()


HINT_CHECK = """root => {
  const M = window.courseExplorer.model;
  const input = name => document.querySelector(`${root} input[data-param="${name}"]`);
  // The values a slider can take: its positions, through its scale (log sliders hold log10).
  const values = (name, count) => {
    const el = input(name);
    const [lo, hi, step] = [+el.min, +el.max, +el.step];
    const n = Math.round((hi - lo) / step);
    const picks = count ? Array.from({length: count}, (_, i) => Math.round(i * n / (count - 1)))
                        : Array.from({length: n + 1}, (_, i) => i);
    const log = el.dataset.scale === 'log';
    return picks.map(i => log ? 10 ** (lo + i * step) : lo + i * step);
  };
  const w = +document.querySelector(`${root}[data-w], ${root} [data-w]`).getAttribute('data-w');
  const sigma2 = values('sigma2');
  const failures = [];
  let visited = 0;
  for (const m of values('m', 7)) for (const x of values('x', 7))
  for (const s2 of values('s2', 5)) for (const beta of values('beta', 5)) {
    const recon = sigma2.map(v => -M.expectedLogLikelihood(x, m, v, w, s2));
    const kl = sigma2.map(v => M.klToStandardNormal(m, v));
    visited += sigma2.length;
    // "The reconstruction loss rises with σ²"
    for (let i = 1; i < recon.length; i++) if (!(recon[i] > recon[i - 1])) {
      failures.push(`recon falls at m=${m} x=${x} s2=${s2} σ²=${sigma2[i]}`); break;
    }
    // "the KL term is lowest at σ² = 1"
    const argmin = kl.indexOf(Math.min(...kl));
    if (Math.abs(sigma2[argmin] - 1) > 1e-9) {
      failures.push(`KL lowest at σ²=${sigma2[argmin]}, m=${m}`);
    }
    // "the gap closes there only when β = 1 and m is the posterior mean"
    const best = M.optimalEncoderVar(w, s2, beta);
    const post = M.posterior(x, w, s2);
    const gap = M.gap(x, m, best, w, s2);
    const tight = Math.abs(beta - 1) < 1e-12 && Math.abs(m - post.mean) < 1e-12;
    if (tight && gap > 1e-9) failures.push(`gap ${gap} at the optimum, m=${m} β=${beta}`);
    if (!tight && !(gap > 0)) {
      failures.push(`no gap at m=${m} β=${beta} (posterior mean ${post.mean})`);
    }
  }
  // The posterior mean and β = 1 themselves: the gap does close.
  for (const x of values('x', 7)) for (const s2 of values('s2', 5)) {
    const post = M.posterior(x, w, s2);
    const gap = M.gap(x, post.mean, M.optimalEncoderVar(w, s2, 1), w, s2);
    if (gap > 1e-9) failures.push(`gap ${gap} at the posterior, x=${x} s2=${s2}`);
  }
  return {failures: failures.slice(0, 5), visited};
}"""


def test_hint_is_true_at_every_slider_position_visited(page: Any) -> None:
    """Issue 13: the hint says what the model does over the sliders' whole ranges."""
    hint = page.locator(f"{FIRST} .course-explorer__hint").inner_text()
    assert "reconstruction loss rises with σ²" in hint
    assert "KL term is lowest at σ² = 1" in hint
    assert "closes there only when β = 1 and m is the posterior mean" in hint
    result = page.evaluate(HINT_CHECK, FIRST)
    assert result["failures"] == []
    assert result["visited"] > 100_000
