"""Bench: builds of the real course against the stock Material recipe, and the check command.

The baseline is what the Material documentation recommends for math: the same Markdown
with arithmatex, and MathJax typesetting in the browser (its files served from the site,
not a CDN), with none of this project's plugins (bench/projects.py). Everything runs in
temporary copies of the repository, so the working tree and its caches are left alone.

Also timed: ``python -m authoring check`` (every author-facing check, lessons' code run)
on a fresh copy and on a built one, as a ratio to a cold build (issue 9).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_scale import ENV, timed_build  # noqa: E402
from projects import baseline_config, fresh_copy  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def timed_check(project: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "authoring", "check"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the check found problems or could not run:\n{result.stdout}")
    return seconds


def main() -> dict[str, Any]:
    times: dict[str, list[float]] = {
        k: [] for k in ("cold", "warm", "stock", "check_cold", "check_warm")
    }
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        tmp_path = Path(tmp)
        project = tmp_path
        for run in range(RUNS):
            times["check_cold"].append(timed_check(fresh_copy(tmp_path, f"check-{run}")))
            project = fresh_copy(tmp_path, f"course-{run}")
            times["cold"].append(timed_build(project))
        baseline = baseline_config(project).name
        timed_build(project, baseline)  # the stock recipe's first build (its MathJax copied)
        for _ in range(RUNS):
            times["warm"].append(timed_build(project))
            times["stock"].append(timed_build(project, baseline))
            times["check_warm"].append(timed_check(project))
    m = {k: statistics.median(v) for k, v in times.items()}
    print(f"real course, strict builds (median of {RUNS}):")
    print(
        f"  course cold  {m['cold']:7.2f} s   ratio to stock recipe {m['cold'] / m['stock']:5.2f}"
    )
    print(
        f"  course warm  {m['warm']:7.2f} s   ratio to stock recipe {m['warm'] / m['stock']:5.2f}"
    )
    print(f"  stock recipe {m['stock']:7.2f} s   (client-side MathJax, search plugin only)")
    print("python -m authoring check (every check, the lessons' code run):")
    for key, label in (("check_cold", "on a fresh copy"), ("check_warm", "after a build  ")):
        print(f"  {label} {m[key]:7.2f} s = {m[key] / m['cold']:4.2f}x a cold build")
    return {"real": times}


if __name__ == "__main__":
    main()
