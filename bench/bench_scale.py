"""Bench: the course at 10 and 100 lessons against the stock recipe at the same size.

The real lessons are copied until the course has 10, then 100 lessons (bench/projects.py:
each copy its own lesson, quiz and claims, its TeX distinct from every other copy's). For
each size, in one temporary project:

* cold strict builds (a fresh copy each: figures rendered, every equation typeset), warm
  strict builds (caches kept), and strict builds of the stock recipe of the same docs/,
  warm builds and stock builds alternating;
* at the largest size, ``mkdocs serve`` of each, and the time from saving one lesson to
  the served page holding the saved text (polled every 50 ms), course and stock alternating.

Reported as medians and as ratios to the stock recipe measured in the same run.
"""

from __future__ import annotations

import os
import secrets
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

from projects import baseline_config, fresh_copy, grow_course  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Warm and stock builds are quick and the ratio of their medians is a target: more pairs
# than cold builds (5 at the default 3 runs; two pairs gave 1.4x to 1.7x for the same code).
WARM_PAIRS = max(2, 2 * RUNS - 1)
SIZES = (10, 100)
SAVED = "docs/module-14/14-2-deriving-the-elbo.md"
SAVED_URL = "module-14/14-2-deriving-the-elbo/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed_build(project: Path, config: str = "mkdocs.yml") -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", config],
        cwd=project,
        check=True,
        env=ENV,
    )
    return time.perf_counter() - start


def grown(parent: Path, name: str, lessons: int) -> Path:
    project = fresh_copy(parent, name)
    grow_course(project, lessons)
    return project


def measure_builds(parent: Path, lessons: int, runs: int) -> tuple[dict[str, list[float]], Path]:
    """Cold, warm and stock build seconds at ``lessons``; and the last (warm) project."""
    times: dict[str, list[float]] = {"cold": [], "warm": [], "stock": []}
    project = parent
    for run in range(runs):
        project = grown(parent, f"course-{lessons}-{run}", lessons)
        times["cold"].append(timed_build(project))
    baseline = baseline_config(project).name
    timed_build(project, baseline)  # the stock recipe's first build (its MathJax copied)
    for _ in range(WARM_PAIRS):
        times["warm"].append(timed_build(project))
        times["stock"].append(timed_build(project, baseline))
    return times, project


def _letters(count: int = 16) -> str:
    # Letters only: a number in a lesson must be tied to the course maths.
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(count))


def _page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


@contextmanager
def served(project: Path, config: str, port: int) -> Any:
    """``mkdocs serve`` of ``project`` on 127.0.0.1:port, up once the saved lesson is served."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/{SAVED_URL}"
        deadline = time.monotonic() + 900
        while _page(url) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve of {project} did not start")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def reload_seconds(project: Path, url: str) -> float:
    """Save the lesson with a new sentence; seconds until the served page holds it."""
    marker = f"Bench marker {_letters()}."
    path = project / SAVED
    text = path.read_text("utf-8")
    start = time.perf_counter()
    path.write_text(text.rstrip("\n") + f"\n\n{marker}\n", "utf-8")
    deadline = start + 900
    while True:
        page = _page(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the saved text never reached {url}")
        time.sleep(0.05)


def measure_serve(parent: Path, course: Path, lessons: int, saves: int) -> dict[str, list[float]]:
    """Seconds from save to served page, under ``mkdocs serve``, course and stock alternating."""
    from tests.support import free_port

    stock = grown(parent, f"stock-{lessons}", lessons)
    # The stock recipe shows the same figures and tables: render them as the course does.
    subprocess.run(
        [sys.executable, "-m", "figures_src"], cwd=stock, check=True, env=ENV, capture_output=True
    )
    baseline = baseline_config(stock).name
    times: dict[str, list[float]] = {"course": [], "stock": []}
    with (
        served(course, "mkdocs.yml", free_port()) as course_url,
        served(stock, baseline, free_port()) as stock_url,
    ):
        time.sleep(2)  # let both watchers settle after their first build
        for _ in range(saves):
            times["course"].append(reload_seconds(course, course_url))
            time.sleep(1)
            times["stock"].append(reload_seconds(stock, stock_url))
            time.sleep(1)
    return times


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def main() -> dict[str, Any]:
    results: dict[str, Any] = {"builds": {}, "serve": {}}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp_path = Path(tmp)
        project = tmp_path
        for lessons in SIZES:
            # A cold build of 100 lessons takes minutes: fewer of those.
            runs = RUNS if lessons <= 10 else max(1, RUNS - 1)
            times, project = measure_builds(tmp_path, lessons, runs)
            results["builds"][lessons] = times
            c, w, s = (_median(times[k]) for k in ("cold", "warm", "stock"))
            print(
                f"  {lessons:>3} lessons: cold {c:6.1f} s, warm {w:6.1f} s, stock {s:5.1f} s;"
                f" warm / stock {w / s:4.1f}x  (cold runs {len(times['cold'])},"
                f" warm and stock runs {len(times['warm'])})",
                flush=True,
            )
        lessons = SIZES[-1]
        serve = measure_serve(tmp_path, project, lessons, max(2, RUNS))
        results["serve"] = {"lessons": lessons, **serve}
        c, s = _median(serve["course"]), _median(serve["stock"])
        print(
            f"  mkdocs serve at {lessons} lessons, save to reloaded page: course {c:5.1f} s,"
            f" stock {s:5.1f} s; {c / s:4.1f}x  ({len(serve['course'])} saves each)"
        )
    return results


if __name__ == "__main__":
    main()
