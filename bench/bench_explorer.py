"""Benchmark of the ELBO explorer: what it costs to download and to move a slider.

* Size: the explorer's JavaScript and CSS as shipped, gzipped (what a reader downloads).
* Speed: the time from an ``input`` event on the sigma^2 slider to the updated plot
  (handler, SVG updates, style and layout), median over 100 moves, in Chromium. The
  baseline is a bare range input whose listener writes one number, timed the same way
  in the same page; several rounds, medians reported, so the ratio is what to compare.

Run: ``.venv/bin/python bench/bench_explorer.py``
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import (  # noqa: E402
    CHROMIUM_ARGS,
    NEXT_FRAME_JS,
    build_site,
    find_chromium,
    serve_directory,
)

ASSETS = ROOT / "explorer" / "assets"
MOVES = 100
ROUNDS = 5

STAND_IN = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'

MKDOCS_YML = """\
site_name: Explorer bench
site_url: https://bench.example.org/
theme:
  name: material
  font: false
plugins:
  - course-explorer
markdown_extensions:
  - md_in_html
"""

# Moves the slider MOVES times; returns each move's milliseconds. The plot updates in the
# input handler; reading a layout box makes the browser finish style and layout too.
TIME_MOVES = (
    "async ([inputSelector, boxSelector, moves]) => {"
    + NEXT_FRAME_JS
    + """
    const input = document.querySelector(inputSelector);
    const box = document.querySelector(boxSelector);
    const lo = Number(input.min), hi = Number(input.max);
    const times = [];
    for (let i = 0; i < moves; i++) {
        input.value = String(lo + ((hi - lo) * ((i * 37) % 101)) / 100);
        const start = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        box.getBoundingClientRect();
        times.push(performance.now() - start);
        await frame();
    }
    return times;
}"""
)

ADD_BASELINE = """() => {
    const input = document.createElement("input");
    Object.assign(input, { type: "range", id: "bench-baseline", min: "-2", max: "0.6" });
    input.step = "0.01";
    const out = document.createElement("span");
    out.id = "bench-baseline-out";
    input.addEventListener("input", () => { out.textContent = String(10 ** Number(input.value)); });
    document.querySelector(".md-content").append(input, out);
}"""


def gzipped_size(paths: list[Path]) -> tuple[int, int]:
    """Raw and gzipped (level 9, as a static host would serve it) bytes of ``paths``."""
    raw = sum(p.stat().st_size for p in paths)
    packed = sum(len(gzip.compress(p.read_bytes(), compresslevel=9)) for p in paths)
    return raw, packed


def build_bench_site(root: Path) -> Path:
    docs = root / "docs"
    figures = docs / "assets" / "generated" / "figures"
    figures.mkdir(parents=True)
    for scheme in ("light", "dark"):
        (figures / f"elbo-tradeoff-{scheme}.svg").write_text(STAND_IN, encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n\n<!-- explorer -->\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    build_site(config, site_dir=str(root / "site"), strict=True)
    return root / "site"


def time_moves(site: Path) -> dict[str, list[float]]:
    """Per round, the median milliseconds per move: explorer and baseline."""
    from playwright.sync_api import sync_playwright

    medians: dict[str, list[float]] = {"explorer": [], "baseline": []}
    with serve_directory(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        page: Any = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_selector(".course-explorer[data-explorer-ready] svg path.is-loss")
        page.evaluate(ADD_BASELINE)
        cases = {
            "explorer": ("#course-explorer-1 input[data-param=sigma2]", "#course-explorer-1 svg"),
            "baseline": ("#bench-baseline", "#bench-baseline-out"),
        }
        page.evaluate(TIME_MOVES, [*cases["explorer"], 20])  # warm-up (JIT, first layouts)
        for _ in range(ROUNDS):
            for name, (input_selector, box_selector) in cases.items():
                times = page.evaluate(TIME_MOVES, [input_selector, box_selector, MOVES])
                medians[name].append(statistics.median(times))
        browser.close()
    return medians


def main() -> None:
    raw, packed = gzipped_size([ASSETS / "explorer.js", ASSETS / "explorer.css"])
    print(f"explorer assets (explorer.js + explorer.css): {raw} B raw, {packed} B gzipped")
    workdir = Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    try:
        medians = time_moves(build_bench_site(workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    explorer = statistics.median(medians["explorer"])
    baseline = statistics.median(medians["baseline"])
    rounds = ", ".join(f"{m:.3f}" for m in medians["explorer"])
    print(
        f"explorer input-to-plot update: median {explorer:.3f} ms over {MOVES} moves "
        f"(medians of {ROUNDS} rounds: {rounds})"
    )
    print(f"baseline (bare range input, same page): median {baseline:.3f} ms")
    ratio = explorer / baseline if baseline > 0 else float("inf")
    print(f"explorer / baseline: {ratio:.1f}x")


if __name__ == "__main__":
    main()
