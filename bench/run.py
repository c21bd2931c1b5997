"""The course's benchmark: `make bench` or `python bench/run.py`.

Every figure is a median over several runs, compared with a baseline measured in the same
run (these machines are noisy; absolute seconds mean little). BENCH_RUNS sets the number of
runs (default 3). Each part is a module of this folder with a main().
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ["site_build", "bench_figures", "bench_quiz", "bench_explorer"]


def main() -> None:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    chosen = sys.argv[1:] or PARTS
    for name in chosen:
        if not (HERE / f"{name}.py").exists():
            print(f"== {name}: not present")
            continue
        print(f"== {name}")
        importlib.import_module(name).main()
        print()


if __name__ == "__main__":
    main()
