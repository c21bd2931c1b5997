"""Benchmark of the figure pipeline: cold render, warm (nothing stale) check, and their ratio.

Each cold run renders every figure and table of a fresh copy of figures_src/ in a
temporary folder (the repository is never touched); warm runs repeat the pipeline on the
rendered copy. Reported as medians; the warm run should cost under 5% of the cold one.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from figures_src.config import PipelinePaths
from figures_src.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
COLD_RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WARM_RUNS = 3 * COLD_RUNS
WARM_TARGET = 0.05


def _fresh_copy(parent: Path, index: int) -> PipelinePaths:
    root = parent / f"copy-{index}"
    shutil.copytree(
        ROOT / "figures_src", root / "figures_src", ignore=shutil.ignore_patterns("__pycache__")
    )
    return PipelinePaths.for_root(root)


def _timed(paths: PipelinePaths) -> tuple[float, int]:
    started = time.perf_counter()
    report = run(paths)
    return time.perf_counter() - started, len(report.rendered)


def measure() -> tuple[float, float]:
    """Median cold and warm pipeline seconds."""
    cold: list[float] = []
    warm: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-figures-") as tmp:
        for index in range(COLD_RUNS):
            paths = _fresh_copy(Path(tmp), index)
            seconds, rendered = _timed(paths)
            if rendered == 0:
                raise RuntimeError("a cold run rendered nothing")
            cold.append(seconds)
        for _ in range(WARM_RUNS):
            seconds, rendered = _timed(paths)
            if rendered != 0:
                raise RuntimeError("a warm run rendered something")
            warm.append(seconds)
    return statistics.median(cold), statistics.median(warm)


def main() -> None:
    cold, warm = measure()
    ratio = warm / cold
    verdict = "ok" if ratio < WARM_TARGET else "TOO SLOW"
    print("figure pipeline (every figure and table of a fresh copy of figures_src/):")
    print(f"  cold         {cold:7.3f} s   (median of {COLD_RUNS}; renders everything)")
    print(f"  warm         {warm:7.3f} s   (median of {WARM_RUNS}; nothing stale)")
    print(f"  warm / cold  {ratio:7.2%}     (target < {WARM_TARGET:.0%}: {verdict})")


if __name__ == "__main__":
    main()
