"""Style and layout work of each page's start-up, counted rather than timed.

Lighthouse's total blocking time moves by a third from run to run on these shared machines
(and with the other work on the host). What the browser has to do does not: this part
loads every page of the course as Lighthouse's phone does (412 × 823 px, Chromium), traces
it, and counts, from the first paint until the page has started and a second after, the
elements whose style was computed (``UpdateLayoutTree`` events) and the layout objects laid
out (``Layout``). The longest style update is given too: the largest single piece of one
task. Medians over loads in fresh browsers (how the parser splits a long page varies).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_pages import _build, site_pages
from projects import fresh_copy
from server import serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
VIEWPORT = {"width": 412, "height": 823}
STARTED = "html[data-course-started]"


def _counts(trace: Path) -> tuple[int, int, int]:
    events = json.loads(trace.read_text("utf-8"))["traceEvents"]
    names = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"
    }
    threads = Counter(
        (e["pid"], e["tid"]) for e in events if names.get((e["pid"], e["tid"])) == "CrRendererMain"
    )
    main = threads.most_common(1)[0][0]
    own = [e for e in events if (e["pid"], e["tid"]) == main and "ts" in e]
    paints = [e["ts"] for e in own if e["name"] == "Paint"]
    first = min(paints) if paints else min(e["ts"] for e in own)
    styles = [
        e["args"].get("elementCount", 0)
        for e in own
        if e["name"] == "UpdateLayoutTree" and e["ts"] > first
    ]
    layout = sum(
        (e["args"].get("beginData") or {}).get("dirtyObjects", 0)
        for e in own
        if e["name"] == "Layout" and e["ts"] > first
    )
    return sum(styles), layout, max(styles, default=0)


def measure(url: str, pages: list[str], runs: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from tests.support import CHROMIUM_ARGS, find_chromium

    found: dict[str, list[tuple[int, int, int]]] = {page: [] for page in pages}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        for round_ in range(runs):
            for page in pages:
                browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
                context = browser.new_context(
                    viewport=VIEWPORT, device_scale_factor=1.75, is_mobile=True
                )
                tab = context.new_page()
                trace = Path(tmp) / f"{round_}.json"
                browser.start_tracing(page=tab, path=str(trace), categories=["devtools.timeline"])
                tab.goto(url + page, wait_until="load")
                tab.wait_for_selector(STARTED, state="attached", timeout=30_000)
                tab.wait_for_timeout(1000)
                browser.stop_tracing()
                browser.close()
                found[page].append(_counts(trace))
    return {
        page: {
            "styled": statistics.median(v[0] for v in values),
            "laid_out": statistics.median(v[1] for v in values),
            "longest_style": statistics.median(v[2] for v in values),
        }
        for page, values in found.items()
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-restyles-") as tmp:
        project = fresh_copy(Path(tmp), "project")
        site = Path(tmp) / "site"
        with serve({"course": site}) as url:
            _build(project, project / "mkdocs.yml", site, url + "course/")
            pages = site_pages(site)
            counts = measure(url + "course/", pages, RUNS)
    print(f"  medians of {RUNS} loads at 412 px, from the first paint until started + 1 s")
    print("  | page | elements styled | layout objects | largest style update |")
    print("  |---|---|---|---|")
    for page, c in counts.items():
        print(
            f"  | {page or '/'} | {c['styled']:,.0f} | {c['laid_out']:,.0f} "
            f"| {c['longest_style']:,.0f} |"
        )


if __name__ == "__main__":
    main()
