"""The bench's closing table: each target of issue 12 beside the measured value and the
stock recipe's, and the latest table written into bench/README.md with the machine."""

from __future__ import annotations

import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
README = HERE / "README.md"
BEGIN = "<!-- bench:latest -->"
END = "<!-- /bench:latest -->"

Row = tuple[str, str, str, str, str]  # target, goal, course, stock, met


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _page_rows(pages: dict[str, Any]) -> list[Row]:
    course, stock = pages["pages"]["course"], pages["pages"]["stock"]

    def worst(site: dict[str, Any], key: str, highest: bool = False) -> tuple[float, str]:
        page = (max if highest else min)(site, key=lambda p: site[p][key])
        if len({site[p][key] for p in site}) == 1:
            return float(site[page][key]), "every page"
        return float(site[page][key]), page or "/"

    rows: list[Row] = []
    for key, label, goal, limit in (
        ("performance", "Lighthouse performance, every page (mobile)", "≥ 95", 95.0),
        ("accessibility", "Lighthouse accessibility, every page", "100", 100.0),
        ("best-practices", "Lighthouse best practices, every page", "100", 100.0),
        ("seo", "Lighthouse SEO, every page", "100", 100.0),
    ):
        mine, page = worst(course, key)
        theirs, their_page = worst(stock, key)
        rows.append(
            (
                label,
                goal,
                f"{mine:.0f} ({page})",
                f"{theirs:.0f} ({their_page})",
                _met(mine >= limit),
            )
        )
    mine, page = worst(course, "tbt_ms", highest=True)
    theirs, their_page = worst(stock, "tbt_ms", highest=True)
    rows.append(
        (
            "Total blocking time, every page (mobile)",
            "≤ 200 ms",
            f"{mine:,.0f} ms ({page})",
            f"{theirs:,.0f} ms ({their_page})",
            _met(mine <= 200),
        )
    )
    shifts = pages["layout_shift"]
    mine_cls, theirs_cls = max(shifts["course"].values()), max(shifts["stock"].values())
    rows.append(
        (
            "CLS, every page, 375 and 1280 px, both palettes (Chromium)",
            "< 0.01",
            f"{mine_cls:.4f}",
            f"{theirs_cls:.4f}",
            _met(mine_cls < 0.01),
        )
    )
    mine_cls, page = worst(course, "cls", highest=True)
    theirs_cls, their_page = worst(stock, "cls", highest=True)
    rows.append(
        (
            "CLS, every page, Lighthouse's 412 px phone",
            "< 0.01",
            f"{mine_cls:.4f} ({page})",
            f"{theirs_cls:.4f} ({their_page})",
            _met(mine_cls < 0.01),
        )
    )
    lesson = pages["lesson"]
    mine_b, theirs_b = course[lesson]["transfer_bytes"], stock[lesson]["transfer_bytes"]
    rows.append(
        (
            f"Transfer, {lesson} cold visit (gzipped)",
            "≤ 0.35× stock",
            f"{mine_b / 1024:,.0f} KiB = {mine_b / theirs_b:.2f}×",
            f"{theirs_b / 1024:,.0f} KiB",
            _met(mine_b <= 0.35 * theirs_b),
        )
    )
    return rows


def _scale_rows(scale: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for lessons, times in scale["builds"].items():
        warm, stock = _median(times["warm"]), _median(times["stock"])
        rows.append(
            (
                f"Warm strict build, {lessons} lessons",
                "≤ 1.5× stock",
                f"{warm:.1f} s = {warm / stock:.1f}×",
                f"{stock:.1f} s",
                _met(warm <= 1.5 * stock),
            )
        )
    serve = scale["serve"]
    if serve:
        mine, theirs = _median(serve["course"]), _median(serve["stock"])
        rows.append(
            (
                f"`mkdocs serve`, save to reloaded page, {serve['lessons']} lessons",
                "≤ 2× stock",
                f"{mine:.1f} s = {mine / theirs:.1f}×",
                f"{theirs:.1f} s",
                _met(mine <= 2 * theirs),
            )
        )
    return rows


def _check_rows(real: dict[str, list[float]]) -> list[Row]:
    cold = _median(real["cold"])
    check_cold, check_warm = _median(real["check_cold"]), _median(real["check_warm"])
    return [
        (
            "`python -m authoring check` / cold build (issue 9)",
            "reported",
            f"fresh copy {check_cold:.1f} s = {check_cold / cold:.2f}×; "
            f"after a build {check_warm:.1f} s = {check_warm / cold:.2f}×",
            f"cold build {cold:.1f} s",
            "–",
        )
    ]


def target_rows(results: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    if "bench_pages" in results:
        rows += _page_rows(results["bench_pages"])
    if "bench_scale" in results:
        rows += _scale_rows(results["bench_scale"])
    rows.append(
        (
            "Search finds a term only in an equation",
            "found",
            "browser test, not the bench",
            "–",
            "–",
        )
    )
    if "site_build" in results:
        rows += _check_rows(results["site_build"]["real"])
    return rows


def pages_table(pages: dict[str, Any]) -> list[str]:
    lines = [
        "| page | site | perf | a11y | BP | SEO | TBT | CLS | DOM elements | transfer |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in pages["pages"]["course"]:
        for site in ("course", "stock"):
            r = pages["pages"][site][page]
            lines.append(
                f"| {page or '/'} | {site} | {r['performance']:.0f} | {r['accessibility']:.0f} "
                f"| {r['best-practices']:.0f} | {r['seo']:.0f} | {r['tbt_ms']:,.0f} ms "
                f"| {r['cls']:.3f} | {r['dom_elements']:,.0f} "
                f"| {r['transfer_bytes'] / 1024:,.0f} KiB |"
            )
    failing = sorted(
        {
            f"{site} {page or '/'}: {', '.join(r['failing'])}"
            for site in ("course", "stock")
            for page, r in pages["pages"][site].items()
            if r["failing"]
        }
    )
    if failing:
        lines += ["", "Audits below 100 (accessibility, best practices, SEO):", ""]
        lines += [f"- {line}" for line in failing]
    return lines


def _version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.strip().splitlines()[0] if out.strip() else "unknown"


def machine() -> str:
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if found:
            memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB"
    node = Path(sys.executable).parent / "node"
    from lighthouse import chromium, version

    commit = _version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    return (
        f"{os.cpu_count()} CPUs (nproc), {memory} memory, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; Node "
        f"{_version([str(node), '--version'])}; {_version([chromium(), '--version'])}; "
        f"Lighthouse {version()}; commit {commit}"
    )


def benchmark_index(pages: dict[str, Any]) -> float:
    """The median of Lighthouse's machine speed index over every course run (0: unknown)."""
    values = [summary.get("benchmark_index", 0.0) for summary in pages["pages"]["course"].values()]
    values = [value for value in values if value]
    return float(statistics.median(values)) if values else 0.0


def runs_text(results: dict[str, Any], runs: int) -> str:
    """How many runs each median is of: the parts take more of their noisier measurements."""
    parts = []
    if "bench_pages" in results:
        parts.append(f"{results['bench_pages']['runs']} Lighthouse runs of each page")
        index = benchmark_index(results["bench_pages"])
        if index:
            parts[-1] += f" (Lighthouse's benchmark index of this machine: {index:,.0f})"
    builds = results.get("bench_scale", {}).get("builds", {})
    for lessons, times in builds.items():
        parts.append(
            f"{len(times['cold'])} cold and {len(times['warm'])} warm and stock builds"
            f" at {lessons} lessons"
        )
    return ", ".join(parts) or f"{runs} run(s) of each measurement"


def render(results: dict[str, Any], runs: int, quick: bool) -> str:
    rows = target_rows(results)
    lines = [
        f"Measured {datetime.date.today().isoformat()} ({'quick: ' if quick else ''}"
        f"medians of {runs_text(results, runs)}; course and stock recipe alternating"
        " in the same run). Machine: " + machine() + ".",
        "",
        "| target | goal | this site | stock recipe | met |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
    ]
    if "bench_pages" in results:
        lines += ["", *pages_table(results["bench_pages"])]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    current = README.read_text("utf-8") if README.exists() else ""
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in current and END in current:
        start, end = current.index(BEGIN), current.index(END) + len(END)
        current = current[:start] + block + current[end:]
    else:
        current = current.rstrip("\n") + "\n\n## Latest results\n\n" + block + "\n"
    README.write_text(current, "utf-8")
