"""Bench: every page of the course and of the stock recipe, as a phone loads them.

Both sites are built from the same docs/ in a temporary copy and served by one gzip-serving
static server on 127.0.0.1 (bench/server.py), under /course/ and /stock/. Each page goes
through Lighthouse's mobile run, course and stock alternating, 2 x BENCH_RUNS - 1 times
(medians reported). Then the layout shift of every page is measured in Chromium at 375 and
1280 px in both palettes, from the first byte until the page has been still for half a
second.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

import lighthouse  # noqa: E402
from projects import baseline_config, fresh_copy  # noqa: E402
from server import serve  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Total blocking time of one page spreads widely from run to run (78 to 301 ms for 14-2 in
# five runs of the same build): more Lighthouse runs than the other measurements (5 at the
# default 3), course and stock alike.
LIGHTHOUSE_RUNS = max(1, 2 * RUNS - 1)
SITES = ("course", "stock")
METRICS = ("performance", "accessibility", "best-practices", "seo")
LESSON = "module-14/14-2-deriving-the-elbo/"


def _build(project: Path, config: Path, site_dir: Path, site_url: str) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"]
    subprocess.run(
        [*command, "-f", str(config), "-d", str(site_dir)],
        cwd=project,
        check=True,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SITE_URL": site_url,
            "PYTHONDONTWRITEBYTECODE": "1",
        },
    )
    if not (site_dir / "index.html").is_file():
        raise RuntimeError(f"{config} built nothing into {site_dir}")


def build_sites(tmp: Path, base_url: str) -> dict[str, Path]:
    """The course and its stock recipe, built for ``base_url``course/ and ``base_url``stock/."""
    project = fresh_copy(tmp, "project")
    course, stock = tmp / "site-course", tmp / "site-stock"
    _build(project, project / "mkdocs.yml", course, base_url + "course/")
    baseline = baseline_config(project, site_dir=stock, site_url=base_url + "stock/")
    _build(project, baseline, stock, base_url + "stock/")
    return {"course": course, "stock": stock}


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _summary(runs: list[lighthouse.Result]) -> dict[str, Any]:
    summary: dict[str, Any] = {
        name: _median([r.scores[name] for r in runs]) for name in lighthouse.CATEGORIES
    }
    summary.update(
        tbt_ms=_median([r.tbt_ms for r in runs]),
        cls=_median([r.cls for r in runs]),
        lcp_ms=_median([r.lcp_ms for r in runs]),
        dom_elements=_median([r.dom_elements for r in runs]),
        transfer_bytes=_median([r.transfer_bytes for r in runs]),
        main_thread_ms=_median([r.main_thread_ms for r in runs]),
        benchmark_index=_median([r.benchmark_index for r in runs]),
        runs=len(runs),
        failing=sorted({f"{c}:{a}" for r in runs for c, ids in r.failing.items() for a in ids}),
    )
    return summary


def measure_lighthouse(url: str, pages: list[str]) -> dict[str, dict[str, Any]]:
    runs: dict[str, dict[str, list[lighthouse.Result]]] = {s: {p: [] for p in pages} for s in SITES}
    for round_ in range(LIGHTHOUSE_RUNS):
        for page in pages:
            for site in SITES if round_ % 2 == 0 else reversed(SITES):
                runs[site][page].append(lighthouse.run(f"{url}{site}/{page}"))
        print(f"  lighthouse round {round_ + 1} of {LIGHTHOUSE_RUNS} done", flush=True)
    return {site: {p: _summary(r) for p, r in by_page.items()} for site, by_page in runs.items()}


def measure_layout_shift(url: str, pages: list[str]) -> dict[str, dict[str, float]]:
    """The largest CLS over every page, per site and view (scheme and width)."""
    from playwright.sync_api import sync_playwright

    from tests.site.test_layout_shift import MAX_FRAMES, OBSERVE, QUIET_FRAMES, SETTLED_SHIFT
    from tests.site.whole_pages import VIEWS, context_options
    from tests.support import CHROMIUM_ARGS, find_chromium

    worst: dict[str, dict[str, float]] = {site: {} for site in SITES}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for view in VIEWS:
            for site in SITES:
                values = []
                for page in pages:
                    context = browser.new_context(**context_options(view))
                    tab = context.new_page()
                    tab.add_init_script(OBSERVE)
                    tab.goto(f"{url}{site}/{page}")
                    shift = tab.evaluate(SETTLED_SHIFT, [QUIET_FRAMES, MAX_FRAMES])
                    values.append(float(shift["total"]))
                    context.close()
                worst[site][view.id] = max(values)
        browser.close()
    return worst


def _kib(value: float) -> str:
    return f"{value / 1024:,.0f} KiB"


def print_pages(results: dict[str, dict[str, Any]]) -> None:
    print(f"Lighthouse {lighthouse.version()}, mobile, medians of {LIGHTHOUSE_RUNS} run(s):")
    header = f"  {'page':<40} {'site':<6} perf a11y  BP  SEO   TBT    CLS    DOM   transfer"
    print(header)
    for page in results["course"]:
        for site in SITES:
            r = results[site][page]
            print(
                f"  {page or '/':<40} {site:<6} {r['performance']:4.0f} {r['accessibility']:4.0f} "
                f"{r['best-practices']:4.0f} {r['seo']:4.0f} {r['tbt_ms']:5.0f}ms "
                f"{r['cls']:6.3f} {r['dom_elements']:6.0f} {_kib(r['transfer_bytes']):>10}"
            )
            if r["failing"]:
                print(f"  {'':<40} {'':<6} failing: {', '.join(r['failing'])}")


def site_pages(site: Path) -> list[str]:
    """Every page of a built site (URL paths relative to its root), 404.html included."""
    return sorted(
        str(path.relative_to(site)).removesuffix("index.html")
        for path in site.rglob("*.html")
        if (path.name == "index.html" or path == site / "404.html")
        and not {"assets", "baseline-mathjax"} & set(path.relative_to(site).parts)
    )


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        tmp_path = Path(tmp)
        sites = {site: tmp_path / f"site-{site}" for site in SITES}
        with serve(sites) as url:
            build_sites(tmp_path, url)
            pages = site_pages(sites["course"])
            missing = set(pages) - set(site_pages(sites["stock"]))
            if missing:
                raise RuntimeError(f"pages missing from the stock recipe: {sorted(missing)}")
            results = measure_lighthouse(url, pages)
            print_pages(results)
            shifts = measure_layout_shift(url, pages)
    print("largest layout shift over every page (Chromium, from the first byte):")
    for site in SITES:
        views = ", ".join(f"{view} {value:.4f}" for view, value in shifts[site].items())
        print(f"  {site:<6} {views}")
    return {
        "pages": results,
        "layout_shift": shifts,
        "lesson": LESSON,
        "lighthouse": lighthouse.version(),
        "runs": LIGHTHOUSE_RUNS,
    }


if __name__ == "__main__":
    main()
