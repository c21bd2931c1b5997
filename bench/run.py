"""The course's benchmark: `make bench`, or `python bench/run.py [--quick] [PART ...]`.

Every figure is a median over several runs, compared with a baseline measured in the same
run (these machines are noisy; absolute seconds mean little). BENCH_RUNS sets the number of
runs (default 3); --quick (or BENCH_QUICK=1) makes it 1 for a fast end-to-end pass. Each
part is a module of this folder with a main(); what the parts return is gathered into the
closing table of issue 12's targets, which is also written into bench/README.md when the
page and scale parts both ran.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = [
    "site_build",
    "bench_scale",
    "bench_pages",
    "bench_restyles",
    "bench_figures",
    "bench_quiz",
    "bench_explorer",
]


def main() -> None:
    args = sys.argv[1:]
    quick = "--quick" in args or os.environ.get("BENCH_QUICK") == "1"
    if quick:
        os.environ["BENCH_RUNS"] = "1"
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    chosen = [a for a in args if not a.startswith("--")] or PARTS
    results: dict[str, Any] = {}
    for name in chosen:
        if not (HERE / f"{name}.py").exists():
            print(f"== {name}: not present")
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        returned = importlib.import_module(name).main()
        if isinstance(returned, dict):
            results[name] = returned
        print(f"   ({time.perf_counter() - started:.0f} s)\n", flush=True)

    import report

    text = report.render(results, runs, quick)
    print("== issue 12 targets\n")
    print(text)
    if {"bench_pages", "bench_scale"} <= results.keys():
        report.write_readme(text)
        print(f"\n(written into {report.README.relative_to(HERE.parent)})")


if __name__ == "__main__":
    main()
