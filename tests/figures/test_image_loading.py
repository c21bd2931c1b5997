"""Images get their size and lazy loading at build time; a browser fetches one palette's figures.

The build tests use a fixture site with the course-figures plugin; the browser tests the
real course's lesson in Chromium, counting the figure requests in each palette and after
the palette toggle.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from figures_src.pageimages import svg_size
from figures_src.svgslim import slim_svg
from tests.figures.conftest import ColdRender
from tests.figures.support import copy_pipeline, figures_site
from tests.support import SCROLL_THROUGH_JS, build_site

PAGE = """\
# Images

![The refresher figure, p > q.](assets/generated/figures/kl-refresher-light.svg#only-light)
![The refresher figure, p > q.](assets/generated/figures/kl-refresher-dark.svg#only-dark)

![Only a viewBox.](art/viewbox.svg)

![Width in px, the height from the viewBox.](art/width-only.svg)

![A raster.](art/dots.png)

![Eager on purpose.](art/dots.png){ loading=eager }

![Elsewhere.](https://images.example.org/picture.png)
"""

SUBPAGE = """\
# Deeper

![The refresher figure.](../assets/generated/figures/kl-refresher-light.svg#only-light)
"""


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def images(html_file: Path) -> list[dict[str, str | None]]:
    parser = _Images()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.images


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("images")
    paths = copy_pipeline(root)
    catalog = paths.catalog.read_text(encoding="utf-8")
    keep = [b for b in catalog.split("\n\n") if b.startswith(("kl-refresher:", "kl-tables:"))]
    paths.catalog.write_text("\n\n".join(keep) + "\n", encoding="utf-8")
    art = root / "docs" / "art"
    art.mkdir(parents=True)
    (art / "viewbox.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>', "utf-8"
    )
    (art / "width-only.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200px" viewBox="0 0 40 10"></svg>', "utf-8"
    )
    Image.new("RGB", (64, 48)).save(art / "dots.png")
    config = figures_site(root, {"index.md": PAGE, "sub/page.md": SUBPAGE})
    build_site(config, strict=True)
    return root / "site"


def test_every_local_image_gets_its_size_from_its_file(built: Path) -> None:
    found = {(img["src"], img.get("loading")): img for img in images(built / "index.html")}
    refresher = (built / "assets/generated/figures/kl-refresher-light.svg").read_bytes()
    size = svg_size(refresher)
    assert size is not None
    # matplotlib writes pt: 1 pt is 4/3 CSS px.
    width_pt = float(re.search(rb'width="([0-9.]+)pt"', refresher).group(1))  # type: ignore[union-attr]
    assert size.width == round(width_pt * 4 / 3)
    expected = {
        "assets/generated/figures/kl-refresher-light.svg#only-light": (size.width, size.height),
        "assets/generated/figures/kl-refresher-dark.svg#only-dark": (size.width, size.height),
        "art/viewbox.svg": (300, 150),
        "art/width-only.svg": (200, 50),
        "art/dots.png": (64, 48),
    }
    for (src, _), img in found.items():
        if src in expected:
            assert (img.get("width"), img.get("height")) == tuple(map(str, expected[src])), img
    # The alt text with ">" is kept whole, and the tag is still one image.
    assert found["assets/generated/figures/kl-refresher-light.svg#only-light", "lazy"]["alt"] == (
        "The refresher figure, p > q."
    )


def test_images_are_lazy_unless_the_author_says_otherwise(built: Path) -> None:
    listed = images(built / "index.html")
    assert len(listed) == 7
    for img in listed:
        if img["alt"] == "Eager on purpose.":
            assert img["loading"] == "eager" and img["width"] == "64"
        else:
            assert img["loading"] == "lazy" and img["decoding"] == "async", img
    elsewhere = next(img for img in listed if img["alt"] == "Elsewhere.")
    assert "width" not in elsewhere and "height" not in elsewhere


def test_a_page_in_a_folder_resolves_its_relative_sources(built: Path) -> None:
    (img,) = images(built / "sub" / "page" / "index.html")
    assert img["width"] and img["height"] and img["loading"] == "lazy", img


def test_svg_sizes_follow_units_and_the_viewbox() -> None:
    def size(attrs: str) -> tuple[int, int] | None:
        found = svg_size(f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}/>'.encode())
        return None if found is None else (found.width, found.height)

    assert size('width="72pt" height="36pt"') == (96, 48)
    assert size('width="1in" height="0.5in" viewBox="0 0 5 5"') == (96, 48)
    assert size('height="30" viewBox="0 0 40 10"') == (120, 30)
    assert size('width="100%" viewBox="0 0 40 10"') == (40, 10)
    assert size('width="100%"') is None
    assert svg_size(b"not svg") is None


# --- Leaner figure files ------------------------------------------------------------

LONG_DECIMALS = re.compile(rb"\d\.\d{3,}")


def test_coordinates_are_rounded_but_scales_are_not() -> None:
    svg = (
        b'<svg><path d="M 1.234567 -0.004 \nL 2.5 3.999999 \nz\n"/>'
        b'<use x="10.123456" y="7.1" transform="translate(1.123456 2)scale(0.114583 -0.114583)"/>'
        b"</svg>"
    )
    assert slim_svg(svg) == (
        b'<svg><path d="M 1.23 0 L 2.5 4 z\n"/>'
        b'<use x="10.12" y="7.1" transform="translate(1.12 2)scale(0.114583 -0.114583)"/>'
        b"</svg>"
    )


def test_figures_carry_no_needless_precision_and_the_heatmap_is_lean(
    cold_render: ColdRender,
) -> None:
    svgs = {k: v for k, v in cold_render.outputs.items() if k.endswith(".svg")}
    assert svgs
    for name, data in svgs.items():
        for attribute in re.findall(rb'\sd="([^"]*)"', data):
            assert not LONG_DECIMALS.search(attribute), (name, attribute[:80])
    for theme in ("light", "dark"):
        heatmap = svgs[f"figures/kl-heatmap-{theme}.svg"]
        # The filled bands are one lossless WebP; contour lines and text stay vector.
        assert heatmap.count(b"data:image/webp;base64,") == 1
        assert b"data:image/png" not in heatmap
        # 46 KiB gzipped as vector bands; about 13 KiB now.
        assert len(gzip.compress(heatmap, 9)) < 16 * 1024


# --- In Chromium: only the active palette's figures are fetched -----------------------

LESSON = "module-14/14-2-deriving-the-elbo/"
FIGURE_PATH = "/assets/generated/figures/"

SHOWN = """() => [...document.querySelectorAll("article img")]
    .filter((img) => getComputedStyle(img).display !== "none" && img.getClientRects().length)
    .map((img) => ({src: img.getAttribute("src"), complete: img.complete,
                    natural: img.naturalWidth, width: img.getAttribute("width"),
                    height: img.getAttribute("height"),
                    ratio: img.naturalWidth / img.naturalHeight}))"""

ALL_SHOWN_LOADED = """() => [...document.querySelectorAll("article img")]
    .filter((img) => getComputedStyle(img).display !== "none" && img.getClientRects().length)
    .every((img) => img.complete && img.naturalWidth > 0)"""


def _variant(url: str) -> tuple[str, str]:
    name = url.split(FIGURE_PATH, 1)[1].split("#")[0].removesuffix(".svg")
    figure, _, theme = name.rpartition("-")
    return figure, theme


def _visit_everything(page: Any) -> None:
    page.evaluate("document.querySelectorAll('article details').forEach((d) => d.open = true)")
    page.evaluate(SCROLL_THROUGH_JS)
    page.evaluate("scrollTo(0, 0)")
    page.wait_for_function(ALL_SHOWN_LOADED, timeout=15_000)
    page.wait_for_load_state("networkidle")


def _toggle_to(page: Any, scheme: str) -> None:
    """Click the palette toggle until the body has ``scheme`` (three palettes)."""
    for _ in range(3):
        if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
            return
        page.locator("[data-course-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme


@pytest.mark.browser
@pytest.mark.parametrize(
    ("os_scheme", "first", "other", "other_scheme"),
    [("light", "light", "dark", "slate"), ("dark", "dark", "light", "default")],
)
def test_only_the_active_palettes_figures_load_and_the_toggle_loads_the_others(
    browser: Any, course_url: str, os_scheme: str, first: str, other: str, other_scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=os_scheme)
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url) if FIGURE_PATH in r.url else None)
        page.goto(course_url + LESSON, wait_until="load")
        _visit_everything(page)
        before = [_variant(url) for url in requested]
        shown_before = page.evaluate(SHOWN)

        page.evaluate("window.__sameDocument = true")
        _toggle_to(page, other_scheme)
        _visit_everything(page)
        after = [_variant(url) for url in requested[len(before) :]]
        shown_after = page.evaluate(SHOWN)
        assert page.evaluate("window.__sameDocument === true"), "the toggle reloaded the page"
    finally:
        context.close()

    figures = {figure for figure, _ in before}
    assert len(figures) >= 5, before  # the lesson's figures were all reached
    assert all(theme == first for _, theme in before), before
    assert len(before) == len(figures), f"a figure was fetched twice: {before}"
    # After the toggle: exactly the other variant of each figure shown, loaded and visible.
    assert sorted(after) == sorted((figure, other) for figure in figures), after
    for shown, theme in ((shown_before, first), (shown_after, other)):
        figure_images = [s for s in shown if FIGURE_PATH.lstrip("/") in s["src"]]
        assert {_variant(s["src"])[1] for s in figure_images} == {theme}
        for item in figure_images:
            assert item["complete"] and item["natural"] > 0, item
            # The reserved box has the file's own shape: nothing moves when it loads.
            declared = int(item["width"]) / int(item["height"])
            assert abs(declared - item["ratio"]) < 0.01 * item["ratio"], item
